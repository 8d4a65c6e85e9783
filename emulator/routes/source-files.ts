// A StorageConnection's source files: list (Prefer minimal/representation), add, get, update, remove.
import { ERROR, INVALID_REQUEST, SYNC_PATH } from "../../api/contract";
import type { SourceFileInput } from "../../api/types";
import { sourceFileProblems } from "../../api/validation";
import { prefersRepresentation, readPage, type Reply } from "../http";
import type { RequestContext, Route } from "../router";
import type { SourceFileRecord, StorageConnectionRecord } from "../store";
import { connectionHref, sourceFileBody, sourceFileSummary } from "../views";
import { detailsOf, found, listReply, requireValid } from "./common";
import { requireUnmapped, storageConnectionOf } from "./storage-connections";

const COLLECTION = `${SYNC_PATH}/storageconnections/:connectionId/sourcefiles`;
const ONE = `${COLLECTION}/:sourceFileId`;
const invalidCode = INVALID_REQUEST.storageConnectionSourceFile;

function sourceFileReply(ctx: RequestContext, status: number, file: SourceFileRecord): Reply {
  return { status, body: { sourceFile: sourceFileBody(ctx.emulator.baseUrl, ctx.emulator.store, file) } };
}

/** The body as a valid `{storageFileId, connectorType}`, else 422. */
function sourceFileInput(ctx: RequestContext): SourceFileInput {
  requireValid(ctx, detailsOf(sourceFileProblems(ctx.body)));
  const { storageFileId, connectorType } = ctx.body as SourceFileInput;
  return { storageFileId, connectorType };
}

function sourceFileOf(ctx: RequestContext): { connection: StorageConnectionRecord; file: SourceFileRecord } {
  const connection = storageConnectionOf(ctx);
  const file = found(connection.sourceFiles, ctx.params.sourceFileId, ERROR.storageConnectionSourceFileNotFound);
  return { connection, file };
}

function list(ctx: RequestContext): Reply {
  const { page, problems } = readPage(ctx.query);
  const connection = storageConnectionOf(ctx, problems);
  const { baseUrl, store } = ctx.emulator;
  const items = prefersRepresentation(ctx.headers)
    ? connection.sourceFiles.map((file) => sourceFileBody(baseUrl, store, file))
    : connection.sourceFiles.map(sourceFileSummary);
  const url = `${connectionHref(baseUrl, "storageconnections", connection.id)}/sourcefiles`;
  return listReply("sourceFiles", items, page, url);
}

function add(ctx: RequestContext): Reply {
  const connection = storageConnectionOf(ctx);
  const input = sourceFileInput(ctx);
  requireUnmapped(ctx.emulator.store, connection.iModelId, [input.storageFileId]);
  return sourceFileReply(ctx, 201, ctx.emulator.store.addSourceFile(connection, input));
}

function get(ctx: RequestContext): Reply {
  return sourceFileReply(ctx, 200, sourceFileOf(ctx).file);
}

function update(ctx: RequestContext): Reply {
  const { connection, file } = sourceFileOf(ctx);
  const input = sourceFileInput(ctx);
  requireUnmapped(ctx.emulator.store, connection.iModelId, [input.storageFileId], file);
  Object.assign(file, input);
  return sourceFileReply(ctx, 200, file);
}

function remove(ctx: RequestContext): Reply {
  const { connection, file } = sourceFileOf(ctx);
  ctx.emulator.store.removeSourceFile(connection, file);
  return { status: 204 };
}

export const sourceFileRoutes: Route[] = [
  { method: "GET", path: COLLECTION, invalidCode: INVALID_REQUEST.storageConnectionSourceFiles, handle: list },
  { method: "POST", path: COLLECTION, body: "json", invalidCode, handle: add },
  { method: "GET", path: ONE, invalidCode, handle: get },
  { method: "PUT", path: ONE, body: "json", invalidCode, handle: update },
  { method: "DELETE", path: ONE, invalidCode, handle: remove },
];
