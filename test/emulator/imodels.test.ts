// The iModels API subset: create, get, delete, its errors, and the iTwin it gives to connections made for its iModels.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DETAIL, ERROR, INVALID_REQUEST, SYNC_PATH, errorBody, invalidRequestBody } from "../../api/contract";
import { CONNECTIONS, GUID, IMODEL_ID, ITWIN_ID, MANIFEST, TIMESTAMP, createConnection, docs, useEmulator } from "./helpers";

const IMODELS = "/imodels";
const ctx = useEmulator();
const invalid = (...details: object[]) => invalidRequestBody(INVALID_REQUEST.iModels, details as never);

async function createIModel(body: Record<string, unknown>) {
  const answer = await ctx.api.post(IMODELS, body);
  if (answer.status !== 201) throw new Error(`create answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.iModel;
}

describe("create and get", () => {
  it("answers 201 with an initialized iModel shaped like the iModels API's, and GET answers the same", async () => {
    const iTwinId = randomUUID();
    const before = Date.now();
    const answer = await ctx.api.post(IMODELS, { iTwinId, name: "Sun City", description: "Wind and solar farms" });
    expect(answer.status).toBe(201);
    const iModel = answer.body.iModel;
    const href = `${ctx.api.url}/imodels/${iModel.id}`;
    expect(iModel).toEqual({
      id: expect.stringMatching(GUID),
      displayName: "Sun City",
      dataCenterLocation: "East US",
      name: "Sun City",
      description: "Wind and solar farms",
      iTwinId,
      state: "initialized",
      createdDateTime: expect.stringMatching(TIMESTAMP),
      lastChangesetPushDateTime: null,
      isSecured: false,
      extent: null,
      containersEnabled: 0,
      _links: { changesets: { href: `${href}/changesets` }, namedVersions: { href: `${href}/namedversions` } },
    });
    expect(Date.parse(iModel.createdDateTime)).toBeGreaterThanOrEqual(before - 1);
    expect(await ctx.api.get(`${IMODELS}/${iModel.id}`)).toMatchObject({ status: 200, body: { iModel } });
    expect((await ctx.api.get(`${IMODELS}/${iModel.id.toUpperCase()}`)).body.iModel.id).toBe(iModel.id);
  });

  it("gives description null when none is sent", async () => {
    expect((await createIModel({ iTwinId: randomUUID(), name: "No description" })).description).toBeNull();
  });

  it("lists one detail per missing or invalid property, in a 422 InvalidiModelsRequest", async () => {
    expect(await ctx.api.post(IMODELS, {})).toMatchObject({
      status: 422,
      body: invalid(DETAIL.missingITwinId, DETAIL.missingName),
    });
    const wrong = await ctx.api.post(IMODELS, { iTwinId: "not-a-guid", name: 7, description: false });
    expect(wrong.body).toEqual(invalid(DETAIL.invalidITwinId, DETAIL.invalidName, DETAIL.invalidDescription));
    expect((await ctx.api.post(IMODELS, "{broken")).body).toEqual(invalid(DETAIL.malformedJson));
    expect((await ctx.api.post(IMODELS, [1])).body).toEqual(invalid(DETAIL.malformedJson));
  });

  it("answers 409 iModelExists for a name the iTwin already has, and takes it in another iTwin", async () => {
    const iTwinId = randomUUID();
    await createIModel({ iTwinId, name: "Structure" });
    const again = await ctx.api.post(IMODELS, { iTwinId, name: "Structure" });
    expect(again).toMatchObject({ status: 409, body: errorBody(ERROR.iModelExists) });
    expect((await ctx.api.post(IMODELS, { iTwinId: randomUUID(), name: "Structure" })).status).toBe(201);
  });

  it("answers 404 iModelNotFound for an unknown id", async () => {
    for (const id of [randomUUID(), "not-a-guid"]) {
      expect(await ctx.api.get(`${IMODELS}/${id}`)).toMatchObject({ status: 404, body: errorBody(ERROR.iModelNotFound) });
    }
  });
});

describe("delete", () => {
  it("answers 204, then 404, and frees the name", async () => {
    const iTwinId = randomUUID();
    const { id } = await createIModel({ iTwinId, name: "Temporary" });
    const deleted = await ctx.api.delete(`${IMODELS}/${id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    expect((await ctx.api.get(`${IMODELS}/${id}`)).status).toBe(404);
    expect(await ctx.api.delete(`${IMODELS}/${id}`)).toMatchObject({ status: 404, body: errorBody(ERROR.iModelNotFound) });
    expect((await ctx.api.post(IMODELS, { iTwinId, name: "Temporary" })).status).toBe(201);
  });
});

describe("with storage connections", () => {
  it("gives a connection made for a created iModel that iModel's iTwin", async () => {
    const iTwinId = randomUUID();
    const iModel = await createIModel({ iTwinId, name: "Connected" });
    const id = await createConnection(ctx.api, { iModelId: iModel.id });
    const { connection } = (await ctx.api.get(`${CONNECTIONS}/${id}`)).body;
    expect(connection.iTwinId).toBe(iTwinId);
    expect(connection._links.iTwin.href).toBe(`${ctx.api.url}/itwins/${iTwinId}`);
  });
});

describe("auth and faults", () => {
  it("applies them as to the other API routes, and logs the requests", async () => {
    const body = { iTwinId: randomUUID(), name: "Guarded" };
    expect(await ctx.api.post(IMODELS, body, { token: null })).toMatchObject({ status: 401, body: errorBody(ERROR.headerNotFound) });
    await ctx.api.put("/__emulator/faults", { failRate: 1 });
    try {
      const refused = await Promise.all([0, 1].map(() => ctx.api.post(IMODELS, body)));
      expect(refused.map((a) => a.status).sort()).toEqual([429, 503]);
    } finally {
      await ctx.api.put("/__emulator/faults", { failRate: 0 });
    }
    // Nothing was created by the refused requests.
    expect((await ctx.api.post(IMODELS, body)).status).toBe(201);
    const log = (await ctx.api.get("/__emulator/requests")).body.requests;
    expect(log.at(-1)).toMatchObject({ method: "POST", path: IMODELS, status: 201, authorization: true });
  });
});

describe("update (PATCH /imodels/{id})", () => {
  it("changes name, description and extent, answers 200 with the iModel, and GET answers the same", async () => {
    const iTwinId = randomUUID();
    const { id } = await createIModel({ iTwinId, name: "Before", description: "old" });
    const extent = { southWest: { latitude: 46.13, longitude: 7.67 }, northEast: { latitude: 46.3, longitude: 7.83 } };
    const answer = await ctx.api.call("PATCH", `${IMODELS}/${id}`, { body: { name: "After", description: "new", extent } });
    expect(answer.status).toBe(200);
    expect(answer.body.iModel).toMatchObject({ id, name: "After", displayName: "After", description: "new", extent, iTwinId });
    expect((await ctx.api.get(`${IMODELS}/${id}`)).body).toEqual(answer.body);
    const cleared = await ctx.api.call("PATCH", `${IMODELS}/${id}`, { body: { extent: null } });
    expect(cleared.body.iModel).toMatchObject({ name: "After", extent: null });
  });

  it("answers 409 iModelExists for a name the iTwin has, 404 for an unknown id and 422 for bad values", async () => {
    const iTwinId = randomUUID();
    await createIModel({ iTwinId, name: "Taken" });
    const { id } = await createIModel({ iTwinId, name: "Mine" });
    expect(await ctx.api.call("PATCH", `${IMODELS}/${id}`, { body: { name: "Taken" } })).toMatchObject({ status: 409, body: errorBody(ERROR.iModelExists) });
    expect(await ctx.api.call("PATCH", `${IMODELS}/${randomUUID()}`, { body: { name: "x" } })).toMatchObject({ status: 404, body: errorBody(ERROR.iModelNotFound) });
    const bad = await ctx.api.call("PATCH", `${IMODELS}/${id}`, { body: { name: " ", extent: { southWest: { latitude: 91, longitude: 0 } } } });
    expect(bad).toMatchObject({ status: 422, body: invalid(DETAIL.invalidName, DETAIL.invalidExtent) });
    expect((await ctx.api.get(`${IMODELS}/${id}`)).body.iModel.name).toBe("Mine");
  });
});

describe("the seed's iModel", () => {
  it("exists in the iModels API, so a seeded connection's _links.iModel answers 200 with its iTwin", async () => {
    const { connection } = (await ctx.api.get(MANIFEST)).body;
    const answer = await ctx.api.get(ctx.api.pathOf(connection._links.iModel.href));
    expect(answer.status).toBe(200);
    expect(answer.body.iModel).toMatchObject({ id: IMODEL_ID, iTwinId: ITWIN_ID, name: "Sun City Renewable-energy Plant", state: "initialized" });
  });
});

describe("creation options", () => {
  it("keeps extent and containersEnabled, takes creationMode empty and refuses the modes it does not emulate", async () => {
    const extent = { southWest: { latitude: -10, longitude: -20 }, northEast: { latitude: 10, longitude: 20 } };
    const iModel = await createIModel({ iTwinId: randomUUID(), name: "Options", extent, containersEnabled: 3, creationMode: "empty" });
    expect(iModel).toMatchObject({ extent, containersEnabled: 3 });
    const template = await ctx.api.post(IMODELS, { iTwinId: randomUUID(), name: "Copy", creationMode: "fromiModelVersion", template: { iModelId: iModel.id } });
    expect(template.status).toBe(422);
    expect(template.body.error.details[0]).toMatchObject({ target: "creationMode" });
    const wrong = await ctx.api.post(IMODELS, { iTwinId: randomUUID(), name: "Wrong", creationMode: "full", containersEnabled: 8 });
    expect(wrong.body).toEqual(invalid(DETAIL.invalidCreationMode, DETAIL.invalidContainersEnabled));
  });
});

describe("with requireKnownIModels", () => {
  const strict = useEmulator({ requireKnownIModels: true });

  it("refuses connections for an iModel the iModels API does not know with the create page's imodelId detail", async () => {
    const unknown = { iModelId: randomUUID(), sourceFiles: [{ storageFileId: "strict-file", connectorType: "MSTN" }] };
    expect(await strict.api.post(CONNECTIONS, unknown)).toMatchObject({
      status: 422,
      body: invalidRequestBody(INVALID_REQUEST.storageConnection, [DETAIL.invalidIModelId]),
    });
    const manifest = await strict.api.post(`${SYNC_PATH}/manifestconnections`, { iModelId: randomUUID(), sourceFiles: [{ sourceFileId: "m" }] });
    expect(manifest).toMatchObject({ status: 422, body: invalidRequestBody(INVALID_REQUEST.manifestConnection, [DETAIL.invalidIModelId]) });
  });

  it("takes them for a created iModel and for the seed's", async () => {
    const created = await strict.api.post(IMODELS, { iTwinId: randomUUID(), name: "Known" });
    for (const iModelId of [created.body.iModel.id, IMODEL_ID]) {
      const answer = await strict.api.post(CONNECTIONS, { iModelId, sourceFiles: [{ storageFileId: `known-${iModelId}`, connectorType: "MSTN" }] });
      expect(answer.status).toBe(201);
    }
  });
});

describe("list (GET /imodels?iTwinId=&name=)", () => {
  it("lists an iTwin's iModels, {id, displayName} by default, full with return=representation, by name, paged", async () => {
    const iTwinId = randomUUID();
    const a = await createIModel({ iTwinId, name: "A" });
    const b = await createIModel({ iTwinId, name: "B" });
    await createIModel({ iTwinId: randomUUID(), name: "A" });
    const all = await ctx.api.get(`${IMODELS}?iTwinId=${iTwinId}`);
    expect(all).toMatchObject({ status: 200, body: { iModels: [{ id: a.id, displayName: "A" }, { id: b.id, displayName: "B" }] } });
    const byName = await ctx.api.get(`${IMODELS}?iTwinId=${iTwinId}&name=B`, { headers: { prefer: "return=representation" } });
    expect(byName.body.iModels).toEqual([b]);
    const first = await ctx.api.get(`${IMODELS}?iTwinId=${iTwinId}&$top=1`);
    expect(first.body._links.next.href).toBe(`${ctx.api.url}${IMODELS}?iTwinId=${iTwinId}&$skip=1&$top=1`);
  });

  it("answers 422 InvalidiModelsRequest without a valid iTwinId", async () => {
    expect(await ctx.api.get(IMODELS)).toMatchObject({ status: 422, body: invalid(DETAIL.missingITwinId) });
    expect((await ctx.api.get(`${IMODELS}?iTwinId=x`)).body).toEqual(invalid(DETAIL.invalidITwinId));
  });
});

describe("the iModels pages' examples (get-imodel, delete-imodel)", () => {
  it("GET answers every field of the get-imodel example, of the same types, in the same order", async () => {
    const doc = docs("get-imodel", ctx.api.url)["200"].iModel;
    const { iModel } = (await ctx.api.get(`${IMODELS}/${IMODEL_ID}`)).body;
    const keys = Object.keys(iModel);
    expect(keys.filter((key) => key in doc)).toEqual(Object.keys(doc));
    for (const [key, value] of Object.entries(doc)) expect(typeof iModel[key], key).toBe(typeof value);
    expect(iModel).toMatchObject({ dataCenterLocation: doc.dataCenterLocation, state: doc.state, lastChangesetPushDateTime: null, isSecured: false });
  });

  it("DELETE answers the delete-imodel page's 404 code and 401 body", async () => {
    const doc = docs("delete-imodel", ctx.api.url);
    expect((await ctx.api.delete(`${IMODELS}/${randomUUID()}`)).body.error.code).toBe(doc["404code"]);
    expect((await ctx.api.delete(`${IMODELS}/${randomUUID()}`, { token: null })).body).toEqual(doc["401"]);
  });
});
