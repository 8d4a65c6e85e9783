// Get Connections (`GET /imodels/connections?imodelId=`): every connection of an iModel, both kinds, paged, as the
// get-connections page shows; Bentley's sample app calls it first in each of its flows.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DETAIL, INVALID_REQUEST, SYNC_PATH, invalidRequestBody } from "../../api/contract";
import { CONNECTION_ID, IMODEL_ID, MANIFEST_ID, createConnection, docs, useEmulator } from "./helpers";

const ctx = useEmulator();
const LIST = `${SYNC_PATH}/connections`;

async function createManifest(iModelId: string, displayName: string): Promise<string> {
  const answer = await ctx.api.post(`${SYNC_PATH}/manifestconnections`, { iModelId, displayName, sourceFiles: [{ sourceFileId: randomUUID() }] });
  if (answer.status !== 201) throw new Error(`create answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.connection.id;
}

describe("GET /imodels/connections (get-connections)", () => {
  it("answers the page's shape for the seed iModel: its manifest connection, {id, displayName}", async () => {
    const doc = docs("get-connections", ctx.api.url)["200"];
    const answer = await ctx.api.get(`${LIST}?imodelId=${IMODEL_ID}&$skip=0&$top=10`);
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body.connections[0])).toEqual(Object.keys(doc.connections[0]));
    expect(answer.body).toEqual({
      connections: [{ id: MANIFEST_ID, displayName: "30" }],
      _links: { self: { href: doc._links.prev.href } },
    });
  });

  it("lists both kinds (storage first), pages with the documented links, and gives full connections on request", async () => {
    const iModelId = randomUUID();
    const storage = await createConnection(ctx.api, { iModelId, displayName: "storage" });
    const manifest = await createManifest(iModelId, "manifest");
    const first = await ctx.api.get(`${LIST}?imodelId=${iModelId}&$top=1`);
    expect(first.body.connections).toEqual([{ id: storage, displayName: "storage" }]);
    const nextHref = `${ctx.api.url}${LIST}?imodelId=${iModelId}&$skip=1&$top=1`;
    expect(first.body._links).toEqual({ self: { href: `${ctx.api.url}${LIST}?imodelId=${iModelId}&$skip=0&$top=1` }, next: { href: nextHref } });
    const second = await ctx.api.get(ctx.api.pathOf(nextHref));
    expect(second.body.connections).toEqual([{ id: manifest, displayName: "manifest" }]);
    expect(second.body._links.next).toBeUndefined();

    const full = await ctx.api.get(`${LIST}?imodelId=${iModelId}`, { headers: { prefer: "return=representation" } });
    expect(full.body.connections).toEqual([
      { id: storage, displayName: "storage", iModelId, _links: expect.objectContaining({ iModel: { href: `${ctx.api.url}/imodels/${iModelId}` } }) },
      { id: manifest, displayName: "manifest", iModelId, _links: expect.objectContaining({ iTwin: expect.anything() }) },
    ]);
    expect(full.body.connections[0].id).toMatch(CONNECTION_ID);
  });

  it("answers an empty list for an iModel without connections", async () => {
    expect((await ctx.api.get(`${LIST}?imodelId=${randomUUID()}`)).body.connections).toEqual([]);
  });

  it("answers 422 InvalidConnectionsRequest without imodelId, for a malformed one and for $top over 1000", async () => {
    const invalid = (...details: object[]) => invalidRequestBody(INVALID_REQUEST.connections, details as never);
    expect(await ctx.api.get(LIST)).toMatchObject({ status: 422, body: invalid(DETAIL.missingIModelId) });
    expect((await ctx.api.get(`${LIST}?imodelId=x&$top=1001`)).body).toEqual(invalid(DETAIL.invalidIModelId, DETAIL.pageTooLarge));
  });
});
