// The schema against what the plugin really returns: every value of a created, read and run connection and of each
// lookup is declared in the schema with the right type, and every required property is there. (The compiler checks
// the other direction: schema.ts builds each object type from its TypeScript type.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONNECTOR_TYPES } from "../../api/contract";
import { buildSchema, type PackageSchema } from "../../provider/plugin/schema";
import { TestEmulator, TOKEN } from "../harness/emulator";
import { provproto, startPlugin, struct, URN, type PluginUnderTest } from "../harness/plugin";

const schema: PackageSchema = buildSchema("0.0.0");
type Spec = { type?: string; $ref?: string; items?: Spec; enum?: Array<{ value: string }>; properties?: Record<string, Spec>; required?: string[] };

/** Problems of `value` against `spec`, each as `path: what`. */
function conform(value: unknown, spec: Spec, path: string): string[] {
  if (spec.$ref) return conform(value, (schema.types as Record<string, Spec>)[spec.$ref.replace("#/types/", "")], path);
  if (spec.enum && !spec.enum.some((e) => e.value === value)) return [`${path}: ${JSON.stringify(value)} is not in the enum`];
  switch (spec.type) {
    case "string":
      return typeof value === "string" ? [] : [`${path}: expected a string, got ${JSON.stringify(value)}`];
    case "number":
      return typeof value === "number" ? [] : [`${path}: expected a number`];
    case "integer":
      return Number.isInteger(value) ? [] : [`${path}: expected an integer, got ${JSON.stringify(value)}`];
    case "boolean":
      return typeof value === "boolean" ? [] : [`${path}: expected a boolean`];
    case "array":
      return Array.isArray(value) ? value.flatMap((v, i) => conform(v, spec.items!, `${path}[${i}]`)) : [`${path}: expected an array`];
    case "object": {
      if (typeof value !== "object" || value === null) return [`${path}: expected an object`];
      const record = value as Record<string, unknown>;
      return [
        ...(spec.required ?? []).filter((k) => !(k in record)).map((k) => `${path}.${k}: required but absent`),
        ...Object.entries(record).flatMap(([k, v]) =>
          spec.properties![k] ? conform(v, spec.properties![k], `${path}.${k}`) : [`${path}.${k}: not in the schema`],
        ),
      ];
    }
    default:
      return [`${path}: spec without a type`];
  }
}

const resource = schema.resources["itwin:index:StorageConnection"];
const outputsSpec: Spec = { type: "object", properties: resource.properties as Record<string, Spec>, required: resource.required };
const inputsSpec: Spec = { type: "object", properties: resource.inputProperties as Record<string, Spec>, required: resource.requiredInputs };

let emulator: TestEmulator;
let plugin: PluginUnderTest;

beforeAll(async () => {
  process.env.ITWIN_RUN_POLL_INTERVAL_MS = "20";
  emulator = await TestEmulator.start({ runStepMs: 20 });
  plugin = await startPlugin();
  await plugin.call("configure", new provproto.ConfigureRequest().setArgs(struct({ baseUrl: emulator.url, accessToken: TOKEN })));
});
afterAll(async () => {
  await plugin?.close();
  await emulator?.close();
});

const invoke = async (fn: string, args: object) =>
  (
    await plugin.call<provproto.InvokeRequest, provproto.InvokeResponse>(
      "invoke",
      new provproto.InvokeRequest().setTok(`itwin:index:${fn}`).setArgs(struct(args)),
    )
  )
    .getReturn()!
    .toJavaScript();

/** One configuration of each scope, as the tests declare them. */
const CONFIGURED = {
  ITwinSyncConfiguration: { iTwinId: "68686868-5555-4666-8777-0000000000a1", uploadDgnRealityData: false },
  IModelSyncConfiguration: { iModelId: "68686868-5555-4666-8777-0000000000a2", overrideRvtReprojectionDistance: 30 },
};

/** Creates and reads each configuration through the plugin, checking its outputs and read inputs against the schema. */
async function configure(declared: Record<string, Record<string, unknown>>): Promise<void> {
  for (const [type, inputs] of Object.entries(declared)) {
    const urn = `urn:pulumi:test::itwin::itwin:index:${type}::settings`;
    const spec = schema.resources[`itwin:index:${type}` as keyof typeof schema.resources];
    const created = await plugin.call<provproto.CreateRequest, provproto.CreateResponse>(
      "create",
      new provproto.CreateRequest().setUrn(urn).setProperties(struct(inputs)),
    );
    const outputs: Spec = { type: "object", properties: spec.properties as Record<string, Spec>, required: spec.required };
    const declaredSpec: Spec = { type: "object", properties: spec.inputProperties as Record<string, Spec>, required: spec.requiredInputs };
    expect(conform(created.getProperties()!.toJavaScript(), outputs, `${type}.outputs`)).toEqual([]);
    const read = await plugin.call<provproto.ReadRequest, provproto.ReadResponse>("read", new provproto.ReadRequest().setId(created.getId()).setUrn(urn));
    expect(conform(read.getProperties()!.toJavaScript(), outputs, `${type}.read.outputs`)).toEqual([]);
    expect(conform(read.getInputs()!.toJavaScript(), declaredSpec, `${type}.read.inputs`)).toEqual([]);
  }
}

describe("schema", () => {
  it("declares the connector and authentication types the API knows as enums", () => {
    expect((schema.types["itwin:index:ConnectorType"] as Spec).enum!.map((e) => e.value)).toEqual([...CONNECTOR_TYPES]);
    expect((schema.types["itwin:index:AuthenticationType"] as Spec).enum!.map((e) => e.value)).toEqual(["User", "Service"]);
  });

  it("describes a created and run connection's outputs, a read's inputs and every lookup's result", async () => {
    const inputs = {
      iModelId: "68686868-5555-4666-8777-000000000001",
      displayName: "Schema",
      authenticationType: "Service",
      sourceFiles: [{ storageFileId: "schema-a", connectorType: "MSTN" }],
      runOnChange: true,
      waitForRun: true,
    };
    const created = await plugin.call<provproto.CreateRequest, provproto.CreateResponse>(
      "create",
      new provproto.CreateRequest().setUrn(URN).setProperties(struct(inputs)),
    );
    const outs = created.getProperties()!.toJavaScript() as { lastRun: { id: string } };
    expect(outs.lastRun).toBeDefined();
    expect(conform(outs, outputsSpec, "outputs")).toEqual([]);
    expect(conform(inputs, inputsSpec, "inputs")).toEqual([]);

    const read = await plugin.call<provproto.ReadRequest, provproto.ReadResponse>("read", new provproto.ReadRequest().setId(created.getId()).setUrn(URN));
    expect(conform(read.getProperties()!.toJavaScript(), outputsSpec, "read.outputs")).toEqual([]);
    expect(conform(read.getInputs()!.toJavaScript(), inputsSpec, "read.inputs")).toEqual([]);

    const fn = (name: string) => (schema.functions as Record<string, { outputs: Spec }>)[`itwin:index:${name}`].outputs;
    const manifestId = "MWplZe9Uf0iR1IDMqyOMLry641hUCa9JjxI3cYz8uCg";
    const results: Array<[string, object]> = [
      ["getStorageConnection", { connectionId: created.getId() }],
      ["getStorageConnectionRun", { connectionId: created.getId(), runId: outs.lastRun.id }],
      ["getManifestConnection", { connectionId: manifestId }],
      ["getManifestConnectionSourceFiles", { connectionId: manifestId }],
      ["getManifestConnectionRun", { connectionId: manifestId, runId: "de626d0d-1647-48d7-8c11-f1f74f2d4523" }],
      ["getAuthorizationInformation", { redirectUrl: "http://localhost:3000/signed-in" }],
      ["getITwinSyncConfiguration", { iTwinId: CONFIGURED.ITwinSyncConfiguration.iTwinId }],
      ["getIModelSyncConfiguration", { iModelId: CONFIGURED.IModelSyncConfiguration.iModelId }],
      ["getConnectionSyncConfiguration", { connectionId: created.getId() }],
      ["getIModel", { iModelId: "7dbd531d-6967-47b2-8945-a722a437ad7a" }],
      ["getConnections", { iModelId: "7dbd531d-6967-47b2-8945-a722a437ad7a" }],
    ];
    await configure({ ...CONFIGURED, ConnectionSyncConfiguration: { connectionId: created.getId(), enableSheetIndex: true } });
    expect(results.map(([name]) => `itwin:index:${name}`).sort()).toEqual(Object.keys(schema.functions).sort());
    for (const [name, args] of results) {
      expect(conform(await invoke(name, args), fn(name), name)).toEqual([]);
    }
  });
});
