// StorageConnections: create, list by iModel, get, update, delete.
import { DETAIL, ERROR, INVALID_REQUEST, SYNC_PATH, isGuid } from "../../api/contract";
import type { CreateStorageConnectionRequest, ErrorDetail, UpdateStorageConnectionRequest } from "../../api/types";
import { createProblems, updateProblems } from "../../api/validation";
import { HttpError, errorReply, readPage, type Reply } from "../http";
import type { RequestContext, Route } from "../router";
import type { SourceFileRecord, StorageConnectionRecord, Store } from "../store";
import { connectionBody } from "../views";
import { bodyObject, connectionOf, detailsOf, listReply, requireValid } from "./common";

const COLLECTION = `${SYNC_PATH}/storageconnections`;
const ONE = `${COLLECTION}/:connectionId`;
const invalidCode = INVALID_REQUEST.storageConnection;

export function storageConnectionOf(ctx: RequestContext, problems?: ErrorDetail[]): StorageConnectionRecord {
  return connectionOf(ctx, ctx.emulator.store.storageConnections, ERROR.storageConnectionNotFound, problems);
}

/** 409 when a storage file is mapped to the iModel already (by any storage connection) or twice in `ids`. */
export function requireUnmapped(store: Store, iModelId: string, ids: string[], except?: SourceFileRecord): void {
  const mapped = store.mappedFiles(iModelId, except);
  if (new Set(ids).size < ids.length || ids.some((id) => mapped.has(id))) {
    throw new HttpError(errorReply(409, ERROR.fileMappingExists));
  }
}

function connectionReply(ctx: RequestContext, status: number, record: StorageConnectionRecord): Reply {
  return { status, body: { connection: connectionBody(ctx.emulator.baseUrl, "storageconnections", record) } };
}

function create(ctx: RequestContext): Reply {
  requireValid(ctx, detailsOf(createProblems(ctx.body)));
  const request = ctx.body as CreateStorageConnectionRequest;
  const { store } = ctx.emulator;
  requireUnmapped(store, request.iModelId, request.sourceFiles.map((file) => file.storageFileId));
  const record = store.createStorageConnection({
    displayName: request.displayName ?? "",
    iModelId: request.iModelId,
    // The documented default.
    authenticationType: request.authenticationType ?? "User",
    sourceFiles: request.sourceFiles.map(({ storageFileId, connectorType }) => ({ storageFileId, connectorType })),
  });
  return connectionReply(ctx, 201, record);
}

function list(ctx: RequestContext): Reply {
  const iModelId = ctx.query.get("imodelId") ?? "";
  const problems: ErrorDetail[] = [];
  if (iModelId === "") problems.push(DETAIL.missingIModelId);
  else if (!isGuid(iModelId)) problems.push(DETAIL.invalidIModelId);
  const { page, problems: pageProblems } = readPage(ctx.query);
  requireValid(ctx, [...problems, ...pageProblems]);
  const summaries = ctx.emulator.store
    .storageConnectionsOf(iModelId)
    .map(({ id, displayName }) => ({ id, displayName }));
  const url = `${ctx.emulator.baseUrl}${COLLECTION}`;
  return listReply("connections", summaries, page, url, `imodelId=${iModelId}`);
}

function get(ctx: RequestContext): Reply {
  return connectionReply(ctx, 200, storageConnectionOf(ctx));
}

function update(ctx: RequestContext): Reply {
  const record = storageConnectionOf(ctx);
  const body = bodyObject(ctx);
  requireValid(ctx, detailsOf(updateProblems(body)));
  const { displayName, authenticationType } = body as UpdateStorageConnectionRequest;
  if (displayName !== undefined) record.displayName = displayName;
  if (authenticationType !== undefined) record.authenticationType = authenticationType;
  return connectionReply(ctx, 200, record);
}

/** Its source files and runs go with it: they live in the record. */
function remove(ctx: RequestContext): Reply {
  ctx.emulator.store.deleteStorageConnection(storageConnectionOf(ctx).id);
  return { status: 204 };
}

export const storageConnectionRoutes: Route[] = [
  { method: "POST", path: COLLECTION, body: "json", invalidCode, handle: create },
  { method: "GET", path: COLLECTION, invalidCode, handle: list },
  { method: "GET", path: ONE, invalidCode, handle: get },
  { method: "PUT", path: ONE, body: "json", invalidCode, handle: update },
  { method: "DELETE", path: ONE, invalidCode, handle: remove },
];
