// The `itwin` plugin driven over gRPC in this process against the emulator, the way the engine drives it (and the
// way pulumi-command tests its provider in memory): every RPC, checked against what the API really holds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as grpc from "@grpc/grpc-js";
import type { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import type { SyncClient } from "../../provider/client/sync-client";
import { TestEmulator, TOKEN } from "../harness/emulator";
import { empty, provproto, startPlugin, struct, URN, type PluginUnderTest } from "../harness/plugin";

const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const Kind = provproto.PropertyDiff.Kind;

let emulator: TestEmulator;
let api: SyncClient;
let plugin: PluginUnderTest;
/** Runs that last 12 s, so a short wait surely ends before them whatever the machine's load. */
let slowRuns: TestEmulator;
let slowPlugin: PluginUnderTest;
let seq = 0;

beforeAll(async () => {
  process.env.ITWIN_RUN_POLL_INTERVAL_MS = "20";
  // Only this token opens the API: a secret not unwrapped by Configure would be refused.
  emulator = await TestEmulator.start({ runStepMs: 20, token: TOKEN });
  api = emulator.client();
  plugin = await startPlugin();
  await configure({ baseUrl: emulator.url, accessToken: { ...SECRET, value: TOKEN } });
  slowRuns = await TestEmulator.start({ runStepMs: 2_000, token: TOKEN });
  slowPlugin = await startPlugin();
  await slowPlugin.call("configure", new provproto.ConfigureRequest().setArgs(struct({ baseUrl: slowRuns.url, accessToken: TOKEN })));
});
afterAll(async () => {
  await plugin?.close();
  await emulator?.close();
  await slowPlugin?.close();
  await slowRuns?.close();
});

function configure(args: Record<string, unknown>) {
  return plugin.call<provproto.ConfigureRequest, provproto.ConfigureResponse>(
    "configure",
    new provproto.ConfigureRequest().setArgs(struct(args)).setAcceptsecrets(true),
  );
}

function declared(overrides: Record<string, unknown> = {}) {
  const n = ++seq;
  return {
    iModelId: `66666666-5555-4666-8777-${String(n).padStart(12, "0")}`,
    displayName: `Plugin ${n}`,
    sourceFiles: [
      { storageFileId: `plugin-${n}-a`, connectorType: "MSTN" },
      { storageFileId: `plugin-${n}-b`, connectorType: "REVIT" },
    ],
    ...overrides,
  };
}

async function check(news: object) {
  const res = await plugin.call<provproto.CheckRequest, provproto.CheckResponse>(
    "check",
    new provproto.CheckRequest().setUrn(URN).setOlds(struct({})).setNews(struct(news)),
  );
  return { inputs: res.getInputs()!.toJavaScript(), failures: res.getFailuresList().map((f) => f.toObject()) };
}

async function create(inputs: object, timeout = 0) {
  const res = await plugin.call<provproto.CreateRequest, provproto.CreateResponse>(
    "create",
    new provproto.CreateRequest().setUrn(URN).setProperties(struct(inputs)).setTimeout(timeout),
  );
  return { id: res.getId(), outs: res.getProperties()!.toJavaScript() };
}

async function created(overrides: Record<string, unknown> = {}) {
  const { inputs } = await check(declared(overrides));
  return { inputs, ...(await create(inputs)) };
}

function initFailure(error: grpc.ServiceError): provproto.ErrorResourceInitFailed | undefined {
  const raw = error.metadata.get("grpc-status-details-bin")[0];
  if (!raw) return undefined;
  const any = statusproto.Status.deserializeBinary(raw as Buffer).getDetailsList()[0];
  return provproto.ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
}

describe("plugin info and schema", () => {
  it("reports the package version and serves a schema naming the resource, the lookups and the secret settings", async () => {
    const info = await plugin.call<unknown, PluginInfo>("getPluginInfo", empty());
    expect(info.getVersion()).toBe(require("../../package.json").version);
    const res = await plugin.call<provproto.GetSchemaRequest, provproto.GetSchemaResponse>("getSchema", new provproto.GetSchemaRequest());
    const schema = JSON.parse(res.getSchema());
    expect(schema.name).toBe("itwin");
    expect(Object.keys(schema.resources)).toEqual([
      "itwin:index:StorageConnection",
      "itwin:index:IModel",
      "itwin:index:ManifestConnection",
      "itwin:index:ITwinSyncConfiguration",
      "itwin:index:IModelSyncConfiguration",
      "itwin:index:ConnectionSyncConfiguration",
    ]);
    expect(Object.keys(schema.functions).sort()).toEqual([
      "itwin:index:getAuthorizationInformation",
      "itwin:index:getConnectionSyncConfiguration",
      "itwin:index:getConnections",
      "itwin:index:getIModel",
      "itwin:index:getIModelSyncConfiguration",
      "itwin:index:getITwinSyncConfiguration",
      "itwin:index:getManifestConnection",
      "itwin:index:getManifestConnectionRun",
      "itwin:index:getManifestConnectionSourceFiles",
      "itwin:index:getStorageConnection",
      "itwin:index:getStorageConnectionRun",
    ]);
    expect(schema.config.variables.accessToken).toMatchObject({ secret: true, defaultInfo: { environment: ["ITWIN_ACCESS_TOKEN"] } });
    expect(schema.config.variables.clientSecret.secret).toBe(true);
  });
});

describe("provider configuration", () => {
  it("CheckConfig keeps credentials secret (even when set in plain text) and DiffConfig names what changed", async () => {
    const res = await plugin.call<provproto.CheckRequest, provproto.CheckResponse>(
      "checkConfig",
      new provproto.CheckRequest()
        .setUrn("urn:pulumi:test::itwin::pulumi:providers:itwin::default")
        .setNews(struct({ baseUrl: "http://x", accessToken: "plain-token", clientSecret: { ...SECRET, value: "s" } })),
    );
    expect(res.getFailuresList()).toEqual([]);
    expect(res.getInputs()!.toJavaScript()).toEqual({
      baseUrl: "http://x",
      accessToken: { ...SECRET, value: "plain-token" },
      clientSecret: { ...SECRET, value: "s" },
    });

    const diff = await plugin.call<provproto.DiffRequest, provproto.DiffResponse>(
      "diffConfig",
      new provproto.DiffRequest()
        .setOlds(struct({ baseUrl: "http://x", accessToken: { ...SECRET, value: "a" } }))
        .setNews(struct({ baseUrl: "http://x", accessToken: { ...SECRET, value: "b" } })),
    );
    expect(diff.getChanges()).toBe(provproto.DiffResponse.DiffChanges.DIFF_SOME);
    expect(diff.getReplacesList()).toEqual([]);
    expect(diff.getDiffsList()).toEqual(["accessToken"]);
  });

  it("CheckConfig names a bad setting and its fix", async () => {
    const res = await plugin.call<provproto.CheckRequest, provproto.CheckResponse>(
      "checkConfig",
      new provproto.CheckRequest().setNews(struct({ allowUnknownConnectorTypes: "maybe" })),
    );
    expect(res.getFailuresList().map((f) => f.getReason())).toEqual([
      expect.stringMatching(/allowUnknownConnectorTypes must be true or false; got "maybe".*pulumi config set itwin:allowUnknownConnectorTypes true/),
    ]);
  });

  it("Configure with a wrong token makes the API's 401 readable, and the token appears in no message", async () => {
    await configure({ baseUrl: emulator.url, accessToken: { ...SECRET, value: "wrong-token-value" } });
    try {
      const error = await create((await check(declared())).inputs).catch((e) => e);
      expect(error.details).toMatch(/401/);
      expect(error.details).toMatch(/itwin:accessToken/);
      expect(error.details).not.toMatch(/wrong-token-value/);
    } finally {
      await configure({ baseUrl: emulator.url, accessToken: { ...SECRET, value: TOKEN } });
    }
  });
});

describe("check", () => {
  it("applies the provider's rules with the same messages, and defaults authenticationType", async () => {
    const ok = await check(declared());
    expect(ok.failures).toEqual([]);
    expect(ok.inputs.authenticationType).toBe("User");
    const bad = await check(declared({ iModelId: "not-a-guid", sourceFiles: [] }));
    expect(bad.failures.map((f) => f.property)).toEqual(expect.arrayContaining(["iModelId", "sourceFiles"]));
    expect(bad.failures.find((f) => f.property === "iModelId")!.reason).toMatch(/iModelId: .*Fix: set it to the iModel's GUID/);
  });

  it("lets unknown values through during preview", async () => {
    expect((await check(declared({ iModelId: UNKNOWN }))).failures).toEqual([]);
  });
});

describe("diff", () => {
  it("answers with detailedDiff: iModelId replaces, names and files update in place, iTwinId stays stable", async () => {
    const olds = { ...declared(), authenticationType: "User", iTwinId: "t", links: {}, sourceFiles: [{ id: "1", storageFileId: "f", connectorType: "MSTN" }] };
    const diff = async (news: object) =>
      plugin.call<provproto.DiffRequest, provproto.DiffResponse>(
        "diff",
        new provproto.DiffRequest().setId("x").setUrn(URN).setOlds(struct(olds)).setNews(struct(news)),
      );
    const same = await diff({ ...olds, sourceFiles: [{ storageFileId: "f", connectorType: "MSTN" }] });
    expect(same.getChanges()).toBe(provproto.DiffResponse.DiffChanges.DIFF_NONE);

    const renamed = await diff({ ...olds, displayName: "New", sourceFiles: [{ storageFileId: "g", connectorType: "MSTN" }] });
    expect(renamed.getChanges()).toBe(provproto.DiffResponse.DiffChanges.DIFF_SOME);
    expect(renamed.getReplacesList()).toEqual([]);
    expect(renamed.getStablesList()).toEqual(["iTwinId"]);
    expect(Object.fromEntries(renamed.getDetaileddiffMap().toArray().map(([k, v]) => [k, v[0]]))).toEqual({
      displayName: Kind.UPDATE,
      sourceFiles: Kind.UPDATE,
    });

    const moved = await diff({ ...olds, iModelId: "77777777-5555-4666-8777-000000000000", sourceFiles: [{ storageFileId: "f", connectorType: "MSTN" }] });
    expect(moved.getReplacesList()).toEqual(["iModelId"]);
    expect(moved.getDetaileddiffMap().get("iModelId")!.getKind()).toBe(Kind.UPDATE_REPLACE);
    expect(moved.getStablesList()).toEqual([]);

    const ignored = await plugin.call<provproto.DiffRequest, provproto.DiffResponse>(
      "diff",
      new provproto.DiffRequest().setUrn(URN).setOlds(struct(olds)).setNews(struct({ ...olds, displayName: "Other" })).setIgnorechangesList(["displayName"]),
    );
    expect(ignored.getChanges()).toBe(provproto.DiffResponse.DiffChanges.DIFF_NONE);
  });
});

describe("create, read, update, delete", () => {
  it("creates the connection the API then holds; read with the id alone (import) returns its outputs and inputs", async () => {
    const { inputs, id, outs } = await created();
    const live = await api.getStorageConnection(id);
    expect(outs).toMatchObject({ iModelId: live.iModelId, displayName: live.displayName, iTwinId: live.iTwinId, authenticationType: "User" });
    expect((outs.sourceFiles as Array<{ storageFileId: string }>).map((f) => f.storageFileId)).toEqual(
      (inputs.sourceFiles as Array<{ storageFileId: string }>).map((f) => f.storageFileId),
    );

    const read = await plugin.call<provproto.ReadRequest, provproto.ReadResponse>("read", new provproto.ReadRequest().setId(id).setUrn(URN));
    expect(read.getId()).toBe(id);
    const readOuts = read.getProperties()!.toJavaScript();
    expect(readOuts).toMatchObject({ iModelId: outs.iModelId, displayName: outs.displayName, iTwinId: outs.iTwinId });
    // The inputs an import writes into the declaration: exactly what check accepts, with no change on the next diff.
    const readInputs = read.getInputs()!.toJavaScript();
    expect(readInputs).toEqual({
      iModelId: outs.iModelId,
      displayName: outs.displayName,
      authenticationType: "User",
      sourceFiles: expect.arrayContaining(inputs.sourceFiles as object[]),
    });
    const rechecked = await check(readInputs);
    expect(rechecked.failures).toEqual([]);
    const diff = await plugin.call<provproto.DiffRequest, provproto.DiffResponse>(
      "diff",
      new provproto.DiffRequest().setId(id).setUrn(URN).setOlds(read.getProperties()).setNews(struct(rechecked.inputs)),
    );
    expect(diff.getChanges()).toBe(provproto.DiffResponse.DiffChanges.DIFF_NONE);
  });

  it("previews a create without calling the API: declared values, unknown ids", async () => {
    await emulator.clearRequests();
    const { inputs } = await check(declared({ displayName: undefined }));
    const res = await plugin.call<provproto.CreateRequest, provproto.CreateResponse>(
      "create",
      new provproto.CreateRequest().setUrn(URN).setProperties(struct(inputs)).setPreview(true),
    );
    const outs = res.getProperties()!.toJavaScript();
    expect(res.getId()).toBe("");
    expect(outs).toMatchObject({ iModelId: inputs.iModelId, displayName: UNKNOWN, iTwinId: UNKNOWN, links: UNKNOWN });
    expect(outs.sourceFiles).toEqual((inputs.sourceFiles as object[]).map((f) => ({ ...f, id: UNKNOWN })));
    expect((await emulator.requests()).filter((r) => r.path.includes("storageconnections"))).toEqual([]);

    // A file fed by another resource's output, not known yet: the files are not known either.
    const partial = await plugin.call<provproto.CreateRequest, provproto.CreateResponse>(
      "create",
      new provproto.CreateRequest()
        .setUrn(URN)
        .setProperties(struct({ ...inputs, sourceFiles: [(inputs.sourceFiles as object[])[0], UNKNOWN] }))
        .setPreview(true),
    );
    expect(partial.getProperties()!.toJavaScript().sourceFiles).toBe(UNKNOWN);
  });

  it("updates in place (name and files), previews an update without calling the API, and deletes", async () => {
    const { inputs, id, outs } = await created();
    const files = inputs.sourceFiles as Array<{ storageFileId: string; connectorType: string }>;
    const news = { ...inputs, displayName: "Renamed", sourceFiles: [files[0], { storageFileId: `${files[0].storageFileId}-c`, connectorType: "IFC" }] };
    const update = (preview: boolean) =>
      plugin.call<provproto.UpdateRequest, provproto.UpdateResponse>(
        "update",
        new provproto.UpdateRequest().setId(id).setUrn(URN).setOlds(struct(outs)).setNews(struct(news)).setPreview(preview),
      );

    await emulator.clearRequests();
    const preview = (await update(true)).getProperties()!.toJavaScript();
    expect(preview).toMatchObject({ displayName: "Renamed", iTwinId: outs.iTwinId });
    expect((preview.sourceFiles as Array<{ id: string }>).map((f) => f.id)).toEqual([(outs.sourceFiles as Array<{ id: string }>)[0].id, UNKNOWN]);
    expect(await emulator.requests()).toEqual([]);

    const updated = (await update(false)).getProperties()!.toJavaScript();
    expect(updated.displayName).toBe("Renamed");
    expect((await api.getStorageConnection(id)).displayName).toBe("Renamed");
    expect((await api.listSourceFiles(id)).map((f) => f.storageFileId).sort()).toEqual(news.sourceFiles.map((f) => f.storageFileId).sort());

    await plugin.call("delete", new provproto.DeleteRequest().setId(id).setUrn(URN).setProperties(struct(updated)));
    await expect(api.getStorageConnection(id)).rejects.toMatchObject({ status: 404 });
    // Gone: read answers with no id, so refresh drops it from state.
    const read = await plugin.call<provproto.ReadRequest, provproto.ReadResponse>("read", new provproto.ReadRequest().setId(id).setUrn(URN));
    expect(read.getId()).toBe("");
  });

  it("a failure after the POST reports the connection (ErrorResourceInitFailed) so the engine keeps it in state", async () => {
    const { inputs } = await check(declared({ runOnChange: true, waitForRun: true, runTimeoutSeconds: 0.05 }));
    const error: grpc.ServiceError = await slowPlugin
      .call("create", new provproto.CreateRequest().setUrn(URN).setProperties(struct(inputs)))
      .catch((e) => e);
    expect(error.details).toMatch(/^StorageConnection \S+ is in state, but run \S+ was still \w+ after 0 s/);
    const detail = initFailure(error)!;
    expect(detail.getId()).toBeTruthy();
    expect((await slowRuns.client().getStorageConnection(detail.getId())).iModelId).toBe(inputs.iModelId);
    expect(detail.getProperties()!.toJavaScript()).toMatchObject({ iModelId: inputs.iModelId, lastRun: expect.any(Object) });
  });
});

describe("secret inputs", () => {
  it("stay secret in check's inputs, in the outputs of create, update and read, and in a failure's outputs", async () => {
    const name = { ...SECRET, value: "Secret name" };
    const checked = await plugin.call<provproto.CheckRequest, provproto.CheckResponse>(
      "check",
      new provproto.CheckRequest().setUrn(URN).setNews(struct(declared({ displayName: name }))),
    );
    const inputs = checked.getInputs()!.toJavaScript();
    expect(inputs.displayName).toEqual(name);
    expect(inputs.authenticationType).toBe("User");

    const res = await plugin.call<provproto.CreateRequest, provproto.CreateResponse>(
      "create",
      new provproto.CreateRequest().setUrn(URN).setProperties(struct(inputs)),
    );
    const outs = res.getProperties()!.toJavaScript();
    expect(outs.displayName).toEqual(name);
    expect(typeof outs.iTwinId).toBe("string");
    // The API got the value itself, not the marker.
    expect((await api.getStorageConnection(res.getId())).displayName).toBe("Secret name");

    const read = await plugin.call<provproto.ReadRequest, provproto.ReadResponse>(
      "read",
      new provproto.ReadRequest().setId(res.getId()).setUrn(URN).setProperties(struct(outs)).setInputs(struct(inputs)),
    );
    expect(read.getProperties()!.toJavaScript().displayName).toEqual(name);
    expect(read.getInputs()!.toJavaScript().displayName).toEqual(name);

    // The rename succeeds, then adding a file another connection of the iModel holds fails: a partial update.
    const held = `secret-held-${res.getId().slice(0, 6)}`;
    await api.createStorageConnection({ iModelId: inputs.iModelId as string, sourceFiles: [{ storageFileId: held, connectorType: "DWG" }] });
    const renamed = { ...SECRET, value: "Secret rename" };
    const failing = { ...inputs, displayName: renamed, sourceFiles: [...(inputs.sourceFiles as object[]), { storageFileId: held, connectorType: "DWG" }] };
    const error: grpc.ServiceError = await plugin
      .call("update", new provproto.UpdateRequest().setId(res.getId()).setUrn(URN).setOlds(struct(outs)).setNews(struct(failing)))
      .catch((e) => e);
    expect(error.details).toMatch(/is in state, but .*409/);
    expect(error.details).not.toMatch(/Secret rename/);
    expect(initFailure(error)!.getProperties()!.toJavaScript().displayName).toEqual(renamed);
  });
});

describe("customTimeouts", () => {
  it("a create past its timeout stops with a message naming customTimeouts.create, and the connection stays in state", async () => {
    const { inputs } = await check(declared());
    await emulator.faults({ latencyMs: 400 });
    try {
      const started = Date.now();
      const error: grpc.ServiceError = await create(inputs, 0.3).catch((e) => e);
      const elapsed = Date.now() - started;
      expect(error.details).toMatch(/is in state, but the create ran past its timeout of 0.3 s \(customTimeouts.create\)/);
      expect(error.details).toMatch(/Fix: raise customTimeouts.create/);
      // The POST was awaited (its connection recorded); the next call was cut at the deadline.
      const detail = initFailure(error)!;
      expect((await api.getStorageConnection(detail.getId())).iModelId).toBe(inputs.iModelId);
      expect(elapsed).toBeLessThan(5_000);
    } finally {
      await emulator.faults({ latencyMs: 0 });
    }
  });

  it("an update past its timeout names customTimeouts.update, and the next update converges from what it reported", async () => {
    const { inputs, id, outs } = await created();
    const news = { ...inputs, displayName: "Renamed late", sourceFiles: [{ storageFileId: `late-${id.slice(0, 6)}`, connectorType: "DWG" }] };
    const update = (olds: object, timeout: number) =>
      plugin.call<provproto.UpdateRequest, provproto.UpdateResponse>(
        "update",
        new provproto.UpdateRequest().setId(id).setUrn(URN).setOlds(struct(olds)).setNews(struct(news)).setTimeout(timeout),
      );
    await emulator.faults({ latencyMs: 400 });
    let error: grpc.ServiceError;
    try {
      error = await update(outs, 0.3).catch((e) => e);
    } finally {
      await emulator.faults({ latencyMs: 0 });
    }
    expect(error.details).toMatch(/is in state, but the update ran past its timeout of 0.3 s \(customTimeouts.update\)/);
    // The PUT in flight at the deadline was abandoned (idempotent: the API may still carry it out); what the engine
    // keeps is what the plugin knew, and the next update, from there, reaches the declaration.
    const kept = initFailure(error)!.getProperties()!.toJavaScript();
    const converged = (await update(kept, 0)).getProperties()!.toJavaScript();
    expect(converged).toMatchObject({ displayName: "Renamed late", sourceFiles: [{ storageFileId: news.sourceFiles[0].storageFileId }] });
    expect((await api.getStorageConnection(id)).displayName).toBe("Renamed late");
    expect((await api.listSourceFiles(id)).map((f) => f.storageFileId)).toEqual([news.sourceFiles[0].storageFileId]);
  });

  it("bounds a waited run too: the create stops while the run is still going, the connection kept", async () => {
    const { inputs } = await check(declared({ runOnChange: true, waitForRun: true }));
    const started = Date.now();
    const error: grpc.ServiceError = await slowPlugin
      .call("create", new provproto.CreateRequest().setUrn(URN).setProperties(struct(inputs)).setTimeout(1))
      .catch((e) => e);
    expect(error.details).toMatch(/the create ran past its timeout of 1 s \(customTimeouts.create\) (before|while) "Get run/);
    expect(Date.now() - started).toBeLessThan(6_000);
    const id = initFailure(error)!.getId();
    expect((await slowRuns.client().getStorageConnection(id))._links.lastRun).toBeDefined();
  });

  it("a delete past its timeout fails with the customTimeouts.delete message", async () => {
    const { id, outs } = await created();
    await emulator.faults({ latencyMs: 1_000 });
    try {
      const error: grpc.ServiceError = await plugin
        .call("delete", new provproto.DeleteRequest().setId(id).setUrn(URN).setProperties(struct(outs)).setTimeout(0.2))
        .catch((e) => e);
      expect(error.details).toMatch(/the delete ran past its timeout of 0.2 s \(customTimeouts.delete\) while "Delete StorageConnection/);
    } finally {
      await emulator.faults({ latencyMs: 0 });
    }
  });
});

describe("invoke", () => {
  it("serves the lookups by token, and names a missing argument", async () => {
    const { id } = await created();
    const res = await plugin.call<provproto.InvokeRequest, provproto.InvokeResponse>(
      "invoke",
      new provproto.InvokeRequest().setTok("itwin:index:getStorageConnection").setArgs(struct({ connectionId: id })),
    );
    expect(res.getFailuresList()).toEqual([]);
    const found = res.getReturn()!.toJavaScript();
    expect(found).toMatchObject({ id, iModelId: (await api.getStorageConnection(id)).iModelId });

    const missing = await plugin.call<provproto.InvokeRequest, provproto.InvokeResponse>(
      "invoke",
      new provproto.InvokeRequest().setTok("itwin:index:getStorageConnectionRun").setArgs(struct({ connectionId: id })),
    );
    expect(missing.getFailuresList().map((f) => f.getProperty())).toEqual(["runId"]);

    const unknown = await plugin
      .call("invoke", new provproto.InvokeRequest().setTok("itwin:index:getNothing").setArgs(struct({})))
      .catch((e) => e);
    expect(unknown.details).toMatch(/unknown function itwin:index:getNothing; this provider serves itwin:index:getManifestConnection/);
  });
});

describe("cancel", () => {
  it("stops a step at its next API call", async () => {
    const other = await startPlugin();
    try {
      await other.call("configure", new provproto.ConfigureRequest().setArgs(struct({ baseUrl: emulator.url, accessToken: TOKEN })));
      await other.call("cancel", empty());
      const { inputs } = await check(declared());
      const error = await other
        .call("create", new provproto.CreateRequest().setUrn(URN).setProperties(struct(inputs)))
        .catch((e) => e);
      expect(error.details).toMatch(/the create was cancelled \(Ctrl-C\) before "Create StorageConnection"; run the command again to finish it/);
    } finally {
      await other.close();
    }
  });
});
