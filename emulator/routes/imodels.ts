// The iModels API (https://api.bentley.com/imodels), as much of it as a stack needs to manage the iModels its
// connections synchronize into: create an empty iModel, list an iTwin's (by name), get it, update its name,
// description and extent, delete it.
import { DETAIL, INVALID_REQUEST, isGuid } from "../../api/contract";
import type { ErrorDetail } from "../../api/types";
import { requireValid } from "../errors";
import { prefersRepresentation, readPage, type Reply } from "../http";
import type { RequestContext, Route } from "../router";
import type { IModelRecord } from "../store";
import { iModelBody } from "../views";
import { listReply } from "./common";

const COLLECTION = "/imodels";
const ONE = `${COLLECTION}/:iModelId`;
const invalidCode = INVALID_REQUEST.iModels;

function iModelReply(ctx: RequestContext, status: number, record: IModelRecord): Reply {
  return { status, body: { iModel: iModelBody(ctx.origin, record) } };
}

function create(ctx: RequestContext): Reply {
  return iModelReply(ctx, 201, ctx.emulator.store.createIModel(ctx.body, ctx.emulator.now()));
}

/** Get iTwin iModels (`?iTwinId=&name=`, paged; the page is not among ours: the parameters and `{iModels, _links}` of
 * Bentley's iModels client): `{id, displayName}` by default, full iModels with `Prefer: return=representation`. */
function list(ctx: RequestContext): Reply {
  const iTwinId = ctx.query.get("iTwinId") ?? "";
  const name = ctx.query.get("name");
  const problems: ErrorDetail[] = [];
  if (iTwinId === "") problems.push(DETAIL.missingITwinId);
  else if (!isGuid(iTwinId)) problems.push(DETAIL.invalidITwinId);
  const { page, problems: pageProblems } = readPage(ctx.query);
  requireValid([...problems, ...pageProblems]);
  const records = ctx.emulator.store.iModelsOf(iTwinId, name);
  const items = prefersRepresentation(ctx.headers)
    ? records.map((record) => iModelBody(ctx.origin, record))
    : records.map(({ id, name: displayName }) => ({ id, displayName }));
  const query = [`iTwinId=${encodeURIComponent(iTwinId)}`, ...(name === undefined ? [] : [`name=${encodeURIComponent(name)}`])].join("&");
  return listReply("iModels", items, page, `${ctx.origin}${COLLECTION}`, query);
}

/** 404 for an id that is no GUID too: the service looks it up all the same and finds nothing. */
function get(ctx: RequestContext): Reply {
  return iModelReply(ctx, 200, ctx.emulator.store.iModel(ctx.params.iModelId));
}

function update(ctx: RequestContext): Reply {
  return iModelReply(ctx, 200, ctx.emulator.store.updateIModel(ctx.params.iModelId, ctx.body));
}

function remove(ctx: RequestContext): Reply {
  ctx.emulator.store.deleteIModel(ctx.params.iModelId);
  return { status: 204 };
}

export const iModelRoutes: Route[] = [
  { scope: "api", method: "POST", path: COLLECTION, body: "json", invalidCode, handle: create },
  { scope: "api", method: "GET", path: COLLECTION, invalidCode, handle: list },
  { scope: "api", method: "GET", path: ONE, invalidCode, handle: get },
  { scope: "api", method: "PATCH", path: ONE, body: "json", invalidCode, handle: update },
  { scope: "api", method: "DELETE", path: ONE, invalidCode, handle: remove },
];
