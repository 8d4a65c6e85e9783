// Get Connections: `GET /imodels/connections?imodelId=`, every connection of an iModel whatever its kind (storage and
// manifest), paged; the call Bentley's sample app makes first in each of its flows.
import { INVALID_REQUEST, SYNC_PATH } from "../../api/contract";
import type { ConnectionOfAnyKind } from "../../api/types";
import { prefersRepresentation, type Reply } from "../http";
import type { RequestContext, Route } from "../router";
import { connectionBody } from "../views";
import { iModelListQuery, iModelListReply } from "./common";

const COLLECTION = `${SYNC_PATH}/connections`;

/** `{id, displayName}` by default; with `Prefer: return=representation` the sample app's Connection model (id,
 * displayName, iModelId, _links): no field tells the kinds apart (docs/api-gaps.md). */
function list(ctx: RequestContext): Reply {
  const { iModelId, page } = iModelListQuery(ctx);
  const connections = ctx.emulator.store.connectionsOf(iModelId);
  const items = prefersRepresentation(ctx.headers)
    ? connections.map((record): ConnectionOfAnyKind => {
        const { id, displayName, iModelId: of, _links } = connectionBody(ctx.origin, `${record.kind}connections`, record);
        return { id, displayName, iModelId: of, _links };
      })
    : connections.map(({ id, displayName }) => ({ id, displayName }));
  return iModelListReply(items, page, `${ctx.origin}${COLLECTION}`, iModelId, "imodelId");
}

export const connectionRoutes: Route[] = [
  { scope: "api", method: "GET", path: COLLECTION, invalidCode: INVALID_REQUEST.connections, handle: list },
];
