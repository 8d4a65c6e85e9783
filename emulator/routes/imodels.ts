// The iModels API (https://api.bentley.com/imodels), as little of it as a stack needs to create the iModels its
// connections synchronize into: create an empty iModel, get it, delete it.
import { DETAIL, ERROR, INVALID_REQUEST, isGuid } from "../../api/contract";
import type { CreateIModelRequest, ErrorDetail } from "../../api/types";
import { HttpError, errorReply, type Reply } from "../http";
import type { RequestContext, Route } from "../router";
import { timestamp } from "../runs";
import type { IModelRecord } from "../store";
import { iModelBody } from "../views";
import { bodyObject, requireValid } from "./common";

const COLLECTION = "/imodels";
const ONE = `${COLLECTION}/:iModelId`;
const invalidCode = INVALID_REQUEST.iModels;

const missing = (value: unknown) => value === undefined || value === null || value === "";

function createProblems(body: Record<string, unknown>): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (missing(body.iTwinId)) problems.push(DETAIL.missingITwinId);
  else if (!isGuid(body.iTwinId)) problems.push(DETAIL.invalidITwinId);
  if (missing(body.name)) problems.push(DETAIL.missingName);
  else if (typeof body.name !== "string") problems.push(DETAIL.invalidName);
  if (!missing(body.description) && typeof body.description !== "string") problems.push(DETAIL.invalidDescription);
  return problems;
}

function iModelReply(ctx: RequestContext, status: number, record: IModelRecord): Reply {
  return { status, body: { iModel: iModelBody(ctx.emulator.baseUrl, record) } };
}

/** 404 for an id that is no GUID too: the service looks it up all the same and finds nothing. */
function iModelOf(ctx: RequestContext): IModelRecord {
  const record = ctx.emulator.store.iModel(ctx.params.iModelId);
  if (record === undefined) throw new HttpError(errorReply(404, ERROR.iModelNotFound));
  return record;
}

function create(ctx: RequestContext): Reply {
  const body = bodyObject(ctx);
  requireValid(ctx, createProblems(body));
  const { iTwinId, name, description } = body as unknown as CreateIModelRequest;
  const { store } = ctx.emulator;
  // Names are unique within an iTwin: a second POST of the same name is refused, not a second iModel.
  if (store.iModelNamed(iTwinId, name)) throw new HttpError(errorReply(409, ERROR.iModelExists));
  const record = store.createIModel({
    name,
    description: description || null,
    iTwinId: iTwinId.toLowerCase(),
    createdDateTime: timestamp(ctx.emulator.now()),
  });
  return iModelReply(ctx, 201, record);
}

/** The iModel goes; connections made for it stay, as the services are separate. */
function remove(ctx: RequestContext): Reply {
  ctx.emulator.store.deleteIModel(iModelOf(ctx).id);
  return { status: 204 };
}

export const iModelRoutes: Route[] = [
  { method: "POST", path: COLLECTION, body: "json", invalidCode, handle: create },
  { method: "GET", path: ONE, invalidCode, handle: (ctx) => iModelReply(ctx, 200, iModelOf(ctx)) },
  { method: "DELETE", path: ONE, invalidCode, handle: remove },
];
