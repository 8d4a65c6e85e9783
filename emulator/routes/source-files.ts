// A StorageConnection's source files: list (Prefer minimal/representation: with connectorType or without), add, get,
// update, remove.
import { INVALID_REQUEST, SYNC_PATH } from "../../api/contract";
import { prefersRepresentation, readPage, type Reply } from "../http";
import type { RequestContext, Route } from "../router";
import type { SourceFileRecord } from "../store";
import { connectionHref, sourceFileBody, sourceFileSummary } from "../views";
import { connectionIdOf, listReply } from "./common";

const COLLECTION = `${SYNC_PATH}/storageconnections/:connectionId/sourcefiles`;
const ONE = `${COLLECTION}/:sourceFileId`;
const invalidCode = INVALID_REQUEST.storageConnectionSourceFile;

function sourceFileReply(ctx: RequestContext, status: number, file: SourceFileRecord): Reply {
  return { status, body: { sourceFile: sourceFileBody(ctx.origin, ctx.emulator.store, file) } };
}

function list(ctx: RequestContext): Reply {
  const { page, problems } = readPage(ctx.query);
  const { origin } = ctx;
  const { store } = ctx.emulator;
  const connection = store.storageConnection(connectionIdOf(ctx, problems));
  const view = prefersRepresentation(ctx.headers) ? sourceFileBody : sourceFileSummary;
  const items = connection.sourceFiles.map((file) => view(origin, store, file));
  const url = `${connectionHref(origin, "storageconnections", connection.id)}/sourcefiles`;
  return listReply("sourceFiles", items, page, url);
}

function add(ctx: RequestContext): Reply {
  return sourceFileReply(ctx, 201, ctx.emulator.store.addSourceFile(connectionIdOf(ctx), ctx.body));
}

function get(ctx: RequestContext): Reply {
  return sourceFileReply(ctx, 200, ctx.emulator.store.sourceFile(connectionIdOf(ctx), ctx.params.sourceFileId));
}

function update(ctx: RequestContext): Reply {
  const file = ctx.emulator.store.updateSourceFile(connectionIdOf(ctx), ctx.params.sourceFileId, ctx.body);
  return sourceFileReply(ctx, 200, file);
}

function remove(ctx: RequestContext): Reply {
  ctx.emulator.store.removeSourceFile(connectionIdOf(ctx), ctx.params.sourceFileId);
  return { status: 204 };
}

export const sourceFileRoutes: Route[] = [
  { scope: "api", method: "GET", path: COLLECTION, invalidCode: INVALID_REQUEST.storageConnectionSourceFiles, handle: list },
  { scope: "api", method: "POST", path: COLLECTION, body: "json", invalidCode, handle: add },
  { scope: "api", method: "GET", path: ONE, invalidCode, handle: get },
  { scope: "api", method: "PUT", path: ONE, body: "json", invalidCode, handle: update },
  { scope: "api", method: "DELETE", path: ONE, invalidCode, handle: remove },
];
