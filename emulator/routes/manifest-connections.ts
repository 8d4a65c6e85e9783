// ManifestConnections: create, list by iModel, get, update, delete.
import { INVALID_REQUEST, SYNC_PATH } from "../../api/contract";
import { prefersRepresentation, type Reply } from "../http";
import type { RequestContext, Route } from "../router";
import type { ManifestConnectionRecord } from "../store";
import { connectionBody } from "../views";
import { connectionIdOf, iModelListQuery, iModelListReply } from "./common";

const COLLECTION = `${SYNC_PATH}/manifestconnections`;
const ONE = `${COLLECTION}/:connectionId`;
const invalidCode = INVALID_REQUEST.manifestConnection;

function connectionReply(ctx: RequestContext, status: number, record: ManifestConnectionRecord): Reply {
  return { status, body: { connection: connectionBody(ctx.origin, "manifestconnections", record) } };
}

function create(ctx: RequestContext): Reply {
  return connectionReply(ctx, 201, ctx.emulator.store.createManifestConnection(ctx.body));
}

/** `{id, displayName}` by default, the full connections with `Prefer: return=representation`. */
function list(ctx: RequestContext): Reply {
  const { iModelId, page } = iModelListQuery(ctx);
  const connections = ctx.emulator.store.manifestConnectionsOf(iModelId);
  const items = prefersRepresentation(ctx.headers)
    ? connections.map((record) => connectionBody(ctx.origin, "manifestconnections", record))
    : connections.map(({ id, displayName }) => ({ id, displayName }));
  return iModelListReply(items, page, `${ctx.origin}${COLLECTION}`, iModelId);
}

function get(ctx: RequestContext): Reply {
  return connectionReply(ctx, 200, ctx.emulator.store.manifestConnection(connectionIdOf(ctx)));
}

function update(ctx: RequestContext): Reply {
  return connectionReply(ctx, 200, ctx.emulator.store.updateManifestConnection(connectionIdOf(ctx), ctx.body));
}

function remove(ctx: RequestContext): Reply {
  ctx.emulator.store.deleteManifestConnection(connectionIdOf(ctx), ctx.emulator.now());
  return { status: 204 };
}

export const manifestConnectionRoutes: Route[] = [
  { scope: "api", method: "POST", path: COLLECTION, body: "json", invalidCode, handle: create },
  { scope: "api", method: "GET", path: COLLECTION, invalidCode, handle: list },
  { scope: "api", method: "GET", path: ONE, invalidCode, handle: get },
  { scope: "api", method: "PUT", path: ONE, body: "json", invalidCode, handle: update },
  { scope: "api", method: "DELETE", path: ONE, invalidCode, handle: remove },
];
