// The iModels API (https://api.bentley.com/imodels), as much of it as a stack needs to manage the iModels its
// connections synchronize into: create an empty iModel, get it, update its name, description and extent, delete it.
import { INVALID_REQUEST } from "../../api/contract";
import type { Reply } from "../http";
import type { RequestContext, Route } from "../router";
import type { IModelRecord } from "../store";
import { iModelBody } from "../views";

const COLLECTION = "/imodels";
const ONE = `${COLLECTION}/:iModelId`;
const invalidCode = INVALID_REQUEST.iModels;

function iModelReply(ctx: RequestContext, status: number, record: IModelRecord): Reply {
  return { status, body: { iModel: iModelBody(ctx.origin, record) } };
}

function create(ctx: RequestContext): Reply {
  return iModelReply(ctx, 201, ctx.emulator.store.createIModel(ctx.body, ctx.emulator.now()));
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
  { scope: "api", method: "GET", path: ONE, invalidCode, handle: get },
  { scope: "api", method: "PATCH", path: ONE, body: "json", invalidCode, handle: update },
  { scope: "api", method: "DELETE", path: ONE, invalidCode, handle: remove },
];
