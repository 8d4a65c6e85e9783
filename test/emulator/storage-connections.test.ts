// StorageConnection operations of the README table beyond the create page: list, get, update, delete.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DETAIL, ERROR, INVALID_REQUEST, errorBody, invalidRequestBody } from "../../api/contract";
import {
  CONNECTIONS,
  GUID,
  IMODEL_ID,
  ITWIN_ID,
  UNKNOWN_CONNECTION_ID,
  createConnection,
  newConnection,
  storageFileId,
  useEmulator,
} from "./helpers";

const ctx = useEmulator();
const invalid = (...details: object[]) => invalidRequestBody(INVALID_REQUEST.storageConnection, details as never);

describe("create", () => {
  it("defaults authenticationType to User and gives unknown iModels a stable derived iTwin", async () => {
    const iModelId = "0f0f0f0f-1111-4222-8333-444444444444";
    const request = { iModelId, sourceFiles: [{ storageFileId: storageFileId(), connectorType: "DWG" }] };
    const first = (await ctx.api.post(CONNECTIONS, request)).body.connection;
    const second = (await ctx.api.post(CONNECTIONS, { ...request, sourceFiles: [{ storageFileId: storageFileId(), connectorType: "DWG" }] })).body.connection;
    expect(first.authenticationType).toBe("User");
    expect(first.iTwinId).toMatch(GUID);
    expect(first.iTwinId).not.toBe(ITWIN_ID);
    expect(second.iTwinId).toBe(first.iTwinId);
    expect(first._links.iTwin.href).toBe(`${ctx.api.url}/itwins/${first.iTwinId}`);
  });

  it("answers 409 when the request maps one file twice, and when another connection maps it", async () => {
    const file = { storageFileId: storageFileId(), connectorType: "MSTN" };
    const twice = await ctx.api.post(CONNECTIONS, newConnection({ sourceFiles: [file, file] }));
    expect(twice.status).toBe(409);
    expect(twice.body).toEqual(errorBody(ERROR.fileMappingExists));

    const iModelId = randomUUID();
    await createConnection(ctx.api, { iModelId, sourceFiles: [file] });
    const other = await ctx.api.post(CONNECTIONS, newConnection({ iModelId, sourceFiles: [{ ...file, connectorType: "DWG" }] }));
    expect(other.status).toBe(409);
    // The same file may go to another iModel.
    expect((await ctx.api.post(CONNECTIONS, newConnection({ sourceFiles: [file] }))).status).toBe(201);
  });

  it("lists one detail per broken rule", async () => {
    const answer = await ctx.api.post(CONNECTIONS, {
      iModelId: "nope",
      authenticationType: "Robot",
      sourceFiles: [{ connectorType: "MSTN" }, { storageFileId: "x" }],
    });
    expect(answer.body).toEqual(
      invalid(DETAIL.missingStorageFileId, DETAIL.missingConnectorType, DETAIL.invalidIModelId, DETAIL.invalidAuthenticationType),
    );
  });
});

describe("list by iModel", () => {
  it("answers the iModel's connections as {id, displayName} in creation order, paged with iModelId kept", async () => {
    const iModelId = randomUUID();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await createConnection(ctx.api, { iModelId, displayName: `c${i}` }));
    await createConnection(ctx.api); // another iModel's

    const all = await ctx.api.get(`${CONNECTIONS}?imodelId=${iModelId}`);
    expect(all.status).toBe(200);
    expect(all.body.connections).toEqual(ids.map((id, i) => ({ id, displayName: `c${i}` })));

    const middle = await ctx.api.get(`${CONNECTIONS}?imodelId=${iModelId}&$skip=2&$top=2`);
    const href = (skip: number) => ({ href: `${ctx.api.url}${CONNECTIONS}?iModelId=${iModelId}&$skip=${skip}&$top=2` });
    expect(middle.body).toEqual({
      connections: ids.slice(2, 4).map((id, i) => ({ id, displayName: `c${i + 2}` })),
      _links: { self: href(2), prev: href(0), next: href(4) },
    });
    const last = await ctx.api.get(ctx.api.pathOf(middle.body._links.next.href));
    expect(last.body.connections.map((c: { id: string }) => c.id)).toEqual([ids[4]]);
    expect(last.body._links.next).toBeUndefined();
  });

  it.each([
    ["no imodelId", "", [DETAIL.missingIModelId]],
    ["an empty imodelId", "?imodelId=", [DETAIL.missingIModelId]],
    ["a non-GUID imodelId", "?imodelId=abc", [DETAIL.invalidIModelId]],
    ["$top over 1000", `?imodelId=${IMODEL_ID}&$top=1001`, [DETAIL.pageTooLarge]],
    ["a negative $skip and a word for $top", `?imodelId=${IMODEL_ID}&$skip=-1&$top=ten`, [DETAIL.invalidTop, DETAIL.invalidSkip]],
    ["a $skip of 400 digits (no position, though a number)", `?imodelId=${IMODEL_ID}&$skip=${"9".repeat(400)}`, [DETAIL.invalidSkip]],
  ])("answers 422 for %s", async (_name, query, details) => {
    const answer = await ctx.api.get(`${CONNECTIONS}${query}`);
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual(invalid(...details));
  });
});

describe("get, update, delete", () => {
  it("gets what create answered", async () => {
    const created = await ctx.api.post(CONNECTIONS, newConnection());
    const got = await ctx.api.get(`${CONNECTIONS}/${created.body.connection.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created.body);
  });

  it("updates displayName and authenticationType, each optional", async () => {
    const id = await createConnection(ctx.api, { displayName: "before", authenticationType: "Service" });
    const renamed = await ctx.api.put(`${CONNECTIONS}/${id}`, { displayName: "after" });
    expect(renamed.status).toBe(200);
    expect(renamed.body.connection).toMatchObject({ id, displayName: "after", authenticationType: "Service" });
    const switched = await ctx.api.put(`${CONNECTIONS}/${id}`, { authenticationType: "User" });
    expect(switched.body.connection).toMatchObject({ displayName: "after", authenticationType: "User" });
    expect((await ctx.api.get(`${CONNECTIONS}/${id}`)).body).toEqual(switched.body);
  });

  it("answers 422 for invalid update values and malformed bodies", async () => {
    const id = await createConnection(ctx.api);
    const bad = await ctx.api.put(`${CONNECTIONS}/${id}`, { displayName: 5, authenticationType: "Robot" });
    expect(bad.status).toBe(422);
    expect(bad.body).toEqual(invalid(DETAIL.invalidDisplayName, DETAIL.invalidAuthenticationType));
    for (const body of ["{", "[1]", "null"]) {
      const answer = await ctx.api.put(`${CONNECTIONS}/${id}`, body);
      expect(answer.body).toEqual(invalid(DETAIL.malformedJson));
    }
  });

  it("deletes the connection with its source files and runs", async () => {
    const id = await createConnection(ctx.api);
    const started = await ctx.api.post(`${CONNECTIONS}/${id}/run`);
    const deleted = await ctx.api.delete(`${CONNECTIONS}/${id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    const notFound = errorBody(ERROR.storageConnectionNotFound);
    for (const path of [`${CONNECTIONS}/${id}`, `${CONNECTIONS}/${id}/sourcefiles`, ctx.api.pathOf(started.headers.get("location")!)]) {
      const answer = await ctx.api.get(path);
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual(notFound);
    }
    expect((await ctx.api.delete(`${CONNECTIONS}/${id}`)).status).toBe(404);
  });

  it("answers 404 for unknown ids and 422 InvalidValue for malformed ones, on every verb", async () => {
    for (const method of ["GET", "PUT", "DELETE"]) {
      const unknown = await ctx.api.call(method, `${CONNECTIONS}/${UNKNOWN_CONNECTION_ID}`, { body: method === "PUT" ? {} : undefined });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual(errorBody(ERROR.storageConnectionNotFound));
      const malformed = await ctx.api.call(method, `${CONNECTIONS}/not%20an%20id`, { body: method === "PUT" ? {} : undefined });
      expect(malformed.status).toBe(422);
      expect(malformed.body).toEqual(invalid(DETAIL.invalidConnectionId));
    }
  });
});
