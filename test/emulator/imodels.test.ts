// The iModels API subset: create, get, delete, its errors, and the iTwin it gives to connections made for its iModels.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DETAIL, ERROR, INVALID_REQUEST, errorBody, invalidRequestBody } from "../../api/contract";
import { CONNECTIONS, GUID, TIMESTAMP, createConnection, useEmulator } from "./helpers";

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
      name: "Sun City",
      description: "Wind and solar farms",
      iTwinId,
      state: "initialized",
      createdDateTime: expect.stringMatching(TIMESTAMP),
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
