// A ManifestConnection's source files: list (both Prefer forms carry the same two documented fields), add, get,
// update, remove.
import { INVALID_REQUEST, SYNC_PATH } from "../../api/contract";
import type { ManifestSourceFile } from "../../api/types";
import { readPage, type Reply } from "../http";
import type { RequestContext, Route } from "../router";
import { connectionHref, manifestSourceFileBody } from "../views";
import { connectionIdOf, listReply } from "./common";

const COLLECTION = `${SYNC_PATH}/manifestconnections/:connectionId/sourcefiles`;
const ONE = `${COLLECTION}/:sourceFileId`;
const invalidCode = INVALID_REQUEST.manifestConnectionSourceFile;

function sourceFileReply(status: number, file: ManifestSourceFile): Reply {
  return { status, body: { sourceFile: manifestSourceFileBody(file) } };
}

function list(ctx: RequestContext): Reply {
  const { page, problems } = readPage(ctx.query);
  const connection = ctx.emulator.store.manifestConnection(connectionIdOf(ctx, problems));
  const url = `${connectionHref(ctx.origin, "manifestconnections", connection.id)}/sourcefiles`;
  return listReply("sourceFiles", connection.sourceFiles.map(manifestSourceFileBody), page, url);
}

function add(ctx: RequestContext): Reply {
  return sourceFileReply(201, ctx.emulator.store.addManifestSourceFile(connectionIdOf(ctx), ctx.body));
}

function get(ctx: RequestContext): Reply {
  return sourceFileReply(200, ctx.emulator.store.manifestSourceFile(connectionIdOf(ctx), ctx.params.sourceFileId));
}

function update(ctx: RequestContext): Reply {
  return sourceFileReply(200, ctx.emulator.store.updateManifestSourceFile(connectionIdOf(ctx), ctx.params.sourceFileId, ctx.body));
}

function remove(ctx: RequestContext): Reply {
  ctx.emulator.store.removeManifestSourceFile(connectionIdOf(ctx), ctx.params.sourceFileId);
  return { status: 204 };
}

export const manifestSourceFileRoutes: Route[] = [
  { scope: "api", method: "GET", path: COLLECTION, invalidCode: INVALID_REQUEST.manifestConnectionSourceFiles, handle: list },
  { scope: "api", method: "POST", path: COLLECTION, body: "json", invalidCode, handle: add },
  { scope: "api", method: "GET", path: ONE, invalidCode, handle: get },
  { scope: "api", method: "PUT", path: ONE, body: "json", invalidCode, handle: update },
  { scope: "api", method: "DELETE", path: ONE, invalidCode, handle: remove },
];
