// Synchronization configurations at the three scopes, page by page: each operation sends the page's example (Create's
// body was not captured: the Patch page's example) and its answer must equal the page's. Page versions that predate a
// setting lack it in resolvedSettings: the expectations add those, and say so.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { defaultSettings } from "../../api/configurations";
import { DETAIL, ERROR, INVALID_REQUEST, SYNC_ROOT, errorBody, invalidRequestBody, invalidSettingDetail, unknownSettingDetail } from "../../api/contract";
import { IMODEL_ID, ITWIN_ID, MANIFEST_ID, createConnection, docs, useEmulator, type Json } from "./helpers";

/** The get-connection-configuration example's connection, seeded as a storage connection of the seed iModel. */
const PAGE_CONNECTION_ID = "lggkjEZmT0-NOd2XwpnXYdk9YzROk-1Jr77FJx5z754";
const ctx = useEmulator({
  fixtures: [
    {
      storageConnections: [
        {
          id: PAGE_CONNECTION_ID,
          displayName: "configured",
          iModelId: IMODEL_ID,
          authenticationType: "Service",
          sourceFiles: [{ storageFileId: "configured-file", connectorType: "MSTN" }],
        },
      ],
    },
  ],
});

const path = (scope: "itwins" | "imodels" | "connections", id: string) => `${SYNC_ROOT}/configurations/${scope}/${id}`;
const page = (name: string): Json => docs(name, ctx.api.url);
const invalid = (...details: object[]) => invalidRequestBody(INVALID_REQUEST.configuration, details as never);

/** Deletes whatever configuration the scope has, so each test starts from the defaults. */
async function cleared(...paths: string[]): Promise<void> {
  for (const p of paths) await ctx.api.delete(p);
}

describe("iTwin scope", () => {
  const at = path("itwins", IMODEL_ID);

  it("Create answers 201 with the configuration, and Get answers the get-itwin-configuration example", async () => {
    await cleared(at);
    const created = await ctx.api.post(at, page("patch-itwin-configuration").request);
    expect(created.status).toBe(201);
    expect(created.headers.get("content-type")).toBe("application/json");
    expect(created.body).toEqual(page("get-itwin-configuration")["200"]);
    expect(await ctx.api.get(at)).toMatchObject({ status: 200, body: page("get-itwin-configuration")["200"] });
  });

  it("Patch answers the patch-itwin-configuration example (that page version predates allowRevitIgnoreGcs)", async () => {
    await cleared(at);
    await ctx.api.post(at, {});
    const doc = page("patch-itwin-configuration");
    const patched = await ctx.api.call("PATCH", at, { body: doc.request });
    expect(patched.status).toBe(200);
    const { configuration } = doc["200"];
    expect(patched.body).toEqual({ configuration: { ...configuration, resolvedSettings: { ...configuration.resolvedSettings, allowRevitIgnoreGcs: false } } });
  });

  it("Patch changes only the settings it sends; the others keep their values", async () => {
    await cleared(at);
    await ctx.api.post(at, { uploadDgnRealityData: false, squashIntermediateRevisions: true });
    const patched = await ctx.api.call("PATCH", at, { body: { squashIntermediateRevisions: false, skipRvtReprojection: true } });
    expect(patched.body.configuration.settings).toEqual({ uploadDgnRealityData: false, squashIntermediateRevisions: false, skipRvtReprojection: true });
    expect(patched.body.configuration.resolvedSettings).toMatchObject({ uploadDgnRealityData: false, convertDgnHyperModelingSections: true });
  });

  it("Delete answers 204; then Get, Patch and Delete answer the page's 404 ConfigurationNotFound", async () => {
    await ctx.api.post(at, {});
    const deleted = await ctx.api.delete(at);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    const notFound = page("delete-itwin-configuration")["404"];
    expect(await ctx.api.get(at)).toMatchObject({ status: 404, body: notFound });
    expect(await ctx.api.call("PATCH", at, { body: {} })).toMatchObject({ status: 404, body: notFound });
    expect(await ctx.api.delete(at)).toMatchObject({ status: 404, body: notFound });
  });

  it("answers the page's 422 for a malformed itwinid and 401 HeaderNotFound without a token", async () => {
    const doc = page("delete-itwin-configuration");
    expect(await ctx.api.delete(path("itwins", "not-a-guid"))).toMatchObject({ status: 422, body: doc["422"] });
    expect(await ctx.api.get(path("itwins", "not-a-guid"))).toMatchObject({ status: 422, body: doc["422"] });
    expect(await ctx.api.delete(at, { token: null })).toMatchObject({ status: 401, body: doc["401"] });
  });
});

describe("iModel scope", () => {
  const at = path("imodels", IMODEL_ID);

  it("Get answers the get-imodel-configuration example (that page version predates allowRevitIgnoreGcs and ignoreIfcGlobalIds)", async () => {
    await cleared(at, path("itwins", ITWIN_ID));
    expect((await ctx.api.post(at, { clampZExtent: false, overrideRvtReprojectionDistance: 0 })).status).toBe(201);
    const { configuration } = page("get-imodel-configuration")["200"];
    const answer = await ctx.api.get(at);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      configuration: { ...configuration, resolvedSettings: { ...configuration.resolvedSettings, allowRevitIgnoreGcs: false, ignoreIfcGlobalIds: false } },
    });
  });

  it("Patch answers the patch-imodel-configuration example", async () => {
    await cleared(at, path("itwins", ITWIN_ID));
    await ctx.api.post(at, {});
    const doc = page("patch-imodel-configuration");
    const patched = await ctx.api.call("PATCH", at, { body: doc.request });
    const { configuration } = doc["200"];
    expect(patched).toMatchObject({
      status: 200,
      body: { configuration: { ...configuration, resolvedSettings: { ...configuration.resolvedSettings, allowRevitIgnoreGcs: false, ignoreIfcGlobalIds: false } } },
    });
  });

  it("resolves the iModel's iTwin configuration under its own", async () => {
    await cleared(at, path("itwins", ITWIN_ID));
    await ctx.api.post(path("itwins", ITWIN_ID), { uploadDgnRealityData: false });
    await ctx.api.post(at, { ignoreIfcGlobalIds: true });
    const { configuration } = (await ctx.api.get(at)).body;
    expect(configuration.settings).toEqual({ ignoreIfcGlobalIds: true });
    expect(configuration.resolvedSettings).toEqual({ ...defaultSettings("imodel"), uploadDgnRealityData: false, ignoreIfcGlobalIds: true });
    await cleared(at, path("itwins", ITWIN_ID));
  });

  it("Delete answers 204, then the page's 404; a malformed imodelid is the page's 422", async () => {
    await ctx.api.post(at, {});
    expect((await ctx.api.delete(at)).status).toBe(204);
    const doc = page("delete-imodel-configuration");
    expect(await ctx.api.delete(at)).toMatchObject({ status: 404, body: doc["404"] });
    expect(await ctx.api.delete(path("imodels", "7dbd531d"))).toMatchObject({ status: 422, body: doc["422"] });
  });
});

describe("connection scope", () => {
  const at = path("connections", PAGE_CONNECTION_ID);

  it("Get answers the get-connection-configuration example (that page version predates allowRevitIgnoreGcs and ignoreIfcGlobalIds)", async () => {
    await cleared(at, path("imodels", IMODEL_ID), path("itwins", ITWIN_ID));
    expect((await ctx.api.post(at, { reclassifyDgnElements: false, ignoreDgnAttachments: true })).status).toBe(201);
    const { configuration } = page("get-connection-configuration")["200"];
    expect(await ctx.api.get(at)).toMatchObject({
      status: 200,
      body: { configuration: { ...configuration, resolvedSettings: { ...configuration.resolvedSettings, allowRevitIgnoreGcs: false, ignoreIfcGlobalIds: false } } },
    });
  });

  it("resolves the connection's iTwin and iModel configurations under its own, for a manifest connection too", async () => {
    await ctx.api.post(path("itwins", ITWIN_ID), { convertDgnTerrainModels: true });
    await ctx.api.post(path("imodels", IMODEL_ID), { overrideRvtReprojectionDistance: 25 });
    const manifest = path("connections", MANIFEST_ID);
    await cleared(manifest);
    const created = await ctx.api.post(manifest, { enableSheetsAndDrawings: true });
    expect(created.status).toBe(201);
    expect(created.body.configuration).toEqual({
      scopeId: MANIFEST_ID,
      settings: { enableSheetsAndDrawings: true },
      resolvedSettings: { ...defaultSettings("connection"), convertDgnTerrainModels: true, overrideRvtReprojectionDistance: 25, enableSheetsAndDrawings: true },
    });
    await cleared(manifest, path("imodels", IMODEL_ID), path("itwins", ITWIN_ID));
  });

  it("Patch changes the settings it sends (the patch-connection-configuration page's responses were not captured)", async () => {
    await cleared(at, path("imodels", IMODEL_ID), path("itwins", ITWIN_ID));
    await ctx.api.post(at, { reclassifyDgnElements: false, ignoreDgnAttachments: true });
    const patched = await ctx.api.call("PATCH", at, { body: { ignoreDgnAttachments: false, filterBySheetIndex: true } });
    expect(patched).toMatchObject({
      status: 200,
      body: {
        configuration: {
          scopeId: PAGE_CONNECTION_ID,
          settings: { reclassifyDgnElements: false, ignoreDgnAttachments: false, filterBySheetIndex: true },
          resolvedSettings: { ...defaultSettings("connection"), filterBySheetIndex: true },
        },
      },
    });
  });

  it("goes with its connection: deleting the connection deletes the configuration", async () => {
    const id = await createConnection(ctx.api);
    await ctx.api.post(path("connections", id), { ignoreDgnAttachments: true });
    await ctx.api.delete(`${SYNC_ROOT}/imodels/storageconnections/${id}`);
    expect((await ctx.api.get(path("connections", id))).status).toBe(404);
  });

  it("Delete answers 204, then the page's 404; a malformed connectionid is the page's 422", async () => {
    await ctx.api.post(at, {});
    expect((await ctx.api.delete(at)).status).toBe(204);
    const doc = page("delete-connection-configuration");
    expect(await ctx.api.delete(at)).toMatchObject({ status: 404, body: doc["404"] });
    expect(await ctx.api.delete(path("connections", "too-short"))).toMatchObject({ status: 422, body: doc["422"] });
  });

  it("answers 429 RateLimitExceeded with Retry-After over the rate limit, as the delete-connection-configuration page shows", async () => {
    await ctx.api.put("/__emulator/faults", { rateLimit: 1 });
    try {
      await ctx.api.get(at);
      const answer = await ctx.api.delete(at);
      expect(answer).toMatchObject({ status: 429, body: page("delete-connection-configuration")["429"] });
      expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await ctx.api.put("/__emulator/faults", { rateLimit: 0 });
    }
  });
});

describe("rules (assumed where the pages are cut: docs/api-gaps.md)", () => {
  it("answers 409 ConfigurationAlreadyExists to a second Create at a scope, and changes nothing", async () => {
    const at = path("itwins", randomUUID());
    await ctx.api.post(at, { squashIntermediateRevisions: true });
    expect(await ctx.api.post(at, { squashIntermediateRevisions: false })).toMatchObject({ status: 409, body: errorBody(ERROR.configurationExists) });
    expect((await ctx.api.get(at)).body.configuration.settings).toEqual({ squashIntermediateRevisions: true });
  });

  it("answers 422 InvalidConfigurationRequest for wrong types, null, another scope's setting and malformed JSON", async () => {
    const at = path("imodels", randomUUID());
    const answer = await ctx.api.post(at, { clampZExtent: "yes", overrideRvtReprojectionDistance: -1, ignoreIfcGlobalIds: null, uploadDgnRealityData: true });
    expect(answer).toMatchObject({
      status: 422,
      body: invalid(
        invalidSettingDetail("clampZExtent", "boolean"),
        invalidSettingDetail("overrideRvtReprojectionDistance", "integer"),
        invalidSettingDetail("ignoreIfcGlobalIds", "boolean"),
        unknownSettingDetail("uploadDgnRealityData"),
      ),
    });
    expect((await ctx.api.post(at, "{broken")).body).toEqual(invalid(DETAIL.malformedJson));
    expect((await ctx.api.get(at)).status).toBe(404);
  });

  it("answers 422 with the connectionid detail for a connection that does not exist", async () => {
    const answer = await ctx.api.post(path("connections", "B".repeat(43)), {});
    expect(answer).toMatchObject({ status: 422, body: invalid(DETAIL.invalidConnectionScopeId) });
  });
});
