// The `itwin` provider's RPCs on the protocol's request and response messages: each reads its request, calls the
// resource's lifecycle (provider/resources.ts) or the lookup on plain values, and writes the response. No lifecycle
// logic lives here; server.ts serves it over gRPC.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import type { SyncClient } from "../client/sync-client";
import { configFailures, CREDENTIALS, type ConfigGetter } from "../config";
import { ProviderContext } from "../context";
import { ResourceInitError, type AnyLifecycle } from "../core/verbs";
import { LOOKUPS } from "../lookup-queries";
import { lifecycles } from "../resources";
import { Step, type Verb } from "./deadline";
import { buildSchema, FUNCTIONS, PACKAGE } from "./schema";
import { fromStruct, keepSecrets, reveal, secret, toStruct } from "./values";

type Plain = Record<string, unknown>;
type Kind = provproto.PropertyDiff.Kind;
const Kind = provproto.PropertyDiff.Kind;

export function packageVersion(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")).version;
  }
  throw new Error("package.json of itwin-sync-pulumi not found above " + __dirname);
}

/** One method per RPC; `service` (server.ts) serves it over gRPC. */
export class ItwinProvider {
  private readonly context = new ProviderContext();
  private readonly resources = lifecycles(this.context);
  /** Aborted by Cancel: every step in progress stops at its next API call. */
  private readonly cancelled = new AbortController();
  readonly version = packageVersion();

  getPluginInfo(): plugproto.PluginInfo {
    return new plugproto.PluginInfo().setVersion(this.version);
  }

  getSchema(req: provproto.GetSchemaRequest): provproto.GetSchemaResponse {
    if (req.getVersion() !== 0) throw new Error(`unsupported schema version ${req.getVersion()}`);
    return new provproto.GetSchemaResponse().setSchema(JSON.stringify(buildSchema(this.version)));
  }

  checkConfig(req: provproto.CheckRequest): provproto.CheckResponse {
    const news = req.getNews()?.toJavaScript() ?? {};
    // Credentials stay secret in the provider's state even when set without --secret.
    const inputs = Object.fromEntries(
      Object.entries(news).map(([k, v]) => [k, CREDENTIALS.includes(k) && !isSecretValue(v) ? secret(v) : v]),
    );
    const failures = configFailures(configGetter(fromStruct(req.getNews()), new Map())).map((f) => failure(f.property, f.reason));
    return new provproto.CheckResponse().setInputs(toStruct(inputs)).setFailuresList(failures);
  }

  diffConfig(req: provproto.DiffRequest): provproto.DiffResponse {
    const olds = fromStruct(req.getOlds());
    const news = fromStruct(req.getNews());
    const keys = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter(
      (k) => k !== "version" && JSON.stringify(olds[k]) !== JSON.stringify(news[k]),
    );
    // New settings (another token, another API) reconfigure the provider; the connections stay as they are.
    return diffResponse([], keys, []);
  }

  configure(req: provproto.ConfigureRequest): provproto.ConfigureResponse {
    const variables = new Map<string, string>(req.getVariablesMap().toArray());
    this.context.configure(configGetter(fromStruct(req.getArgs()), variables));
    return new provproto.ConfigureResponse().setAcceptsecrets(true).setSupportspreview(true);
  }

  async check(req: provproto.CheckRequest): Promise<provproto.CheckResponse> {
    const { inputs, failures } = await this.lifecycle(req.getUrn()).check({ olds: fromStruct(req.getOlds()), news: fromStruct(req.getNews()) });
    return new provproto.CheckResponse()
      .setInputs(toStruct(inputs, req.getNews()))
      .setFailuresList(failures.map((f) => failure(f.property, f.reason)));
  }

  diff(req: provproto.DiffRequest): provproto.DiffResponse {
    const { replaces, updates, stables } = this.lifecycle(req.getUrn()).diff({
      id: req.getId(),
      olds: fromStruct(req.getOlds()),
      news: fromStruct(req.getNews()),
    });
    const ignored = new Set(req.getIgnorechangesList());
    return diffResponse(
      replaces.filter((k) => !ignored.has(k)),
      updates.filter((k) => !ignored.has(k)),
      stables,
    );
  }

  async create(req: provproto.CreateRequest): Promise<provproto.CreateResponse> {
    const declared = req.getProperties();
    const { id, outputs } = await this.step("create", req.getTimeout(), (signal) =>
      keepingSecrets(this.lifecycle(req.getUrn()).create({ inputs: fromStruct(declared), preview: req.getPreview(), signal }), declared),
    );
    return new provproto.CreateResponse().setId(id).setProperties(toStruct(outputs, declared));
  }

  async read(req: provproto.ReadRequest): Promise<provproto.ReadResponse> {
    // Import sends the id alone: the outputs and the inputs then come from the API only.
    const result = await this.lifecycle(req.getUrn()).read({ id: req.getId(), state: fromStruct(req.getProperties()) });
    if (!result) return new provproto.ReadResponse();
    return new provproto.ReadResponse()
      .setId(result.id)
      .setProperties(toStruct(result.outputs, req.getProperties()))
      .setInputs(toStruct(result.inputs, req.getInputs()));
  }

  async update(req: provproto.UpdateRequest): Promise<provproto.UpdateResponse> {
    const declared = req.getNews();
    const { outputs } = await this.step("update", req.getTimeout(), (signal) => {
      const request = { id: req.getId(), olds: fromStruct(req.getOlds()), news: fromStruct(declared), preview: req.getPreview(), signal };
      return keepingSecrets(this.lifecycle(req.getUrn()).update(request), declared);
    });
    return new provproto.UpdateResponse().setProperties(toStruct(outputs, declared));
  }

  async delete(req: provproto.DeleteRequest): Promise<Empty> {
    await this.step("delete", req.getTimeout(), (signal) =>
      this.lifecycle(req.getUrn()).delete({ id: req.getId(), olds: fromStruct(req.getProperties()), signal }),
    );
    return new Empty();
  }

  async invoke(req: provproto.InvokeRequest): Promise<provproto.InvokeResponse> {
    const name = req.getTok().replace(`${PACKAGE}:index:`, "");
    if (!(name in FUNCTIONS)) throw new Error(`unknown function ${req.getTok()}; this provider serves ${Object.keys(FUNCTIONS).map((f) => `${PACKAGE}:index:${f}`).join(", ")}`);
    const { query } = LOOKUPS[name as keyof typeof LOOKUPS] as unknown as { query: (c: SyncClient, args: Plain) => Promise<object> };
    const args = fromStruct(req.getArgs());
    const missing = FUNCTIONS[name as keyof typeof FUNCTIONS].inputs.required.filter((k) => typeof args[k] !== "string" || !args[k]);
    if (missing.length > 0) {
      return new provproto.InvokeResponse().setFailuresList(
        missing.map((k) => failure(k, `${k}: required (a string) by ${req.getTok()}.`)),
      );
    }
    return new provproto.InvokeResponse().setReturn(toStruct(await query(this.context.client(), args)));
  }

  cancel(): Empty {
    this.cancelled.abort();
    return new Empty();
  }

  /** The lifecycle of the urn's resource type. */
  private lifecycle(urn: string): AnyLifecycle {
    const type = urn.split("::")[2];
    const lifecycle = this.resources.get(type);
    if (!lifecycle) throw new Error(`unknown resource type ${type}; this provider serves ${[...this.resources.keys()].join(", ")}`);
    return lifecycle;
  }

  /** `work` with the signal of a step bounded by its timeout (customTimeouts) and Cancel. */
  private async step<T>(verb: Verb, timeoutSeconds: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const step = new Step(verb, timeoutSeconds, this.cancelled.signal);
    try {
      return await work(step.signal);
    } finally {
      step.end();
    }
  }
}

/** `step`; if it fails with the connection existing, its outputs carry the secrets of the inputs `declared`. */
async function keepingSecrets<T>(step: Promise<T>, declared: Struct | undefined): Promise<T> {
  try {
    return await step;
  } catch (error) {
    if (!(error instanceof ResourceInitError)) throw error;
    const properties = keepSecrets(error.properties, declared?.toJavaScript());
    throw new ResourceInitError(error.message, error.id, properties, error.cause);
  }
}

/** `itwin:<name>` from Configure's args (values, secrets revealed), else its variables (`itwin:config:<name>`). */
function configGetter(args: Plain, variables: Map<string, string>): ConfigGetter {
  return (name) => {
    const value = args[name] ?? variables.get(`${PACKAGE}:config:${name}`);
    return value === undefined || value === null || value === "" ? undefined : String(value);
  };
}

function isSecretValue(value: unknown): boolean {
  return reveal(value) !== value;
}

function failure(property: string, reason: string): provproto.CheckFailure {
  return new provproto.CheckFailure().setProperty(property).setReason(reason);
}

function diffResponse(replaces: string[], updates: string[], stables: string[]): provproto.DiffResponse {
  const response = new provproto.DiffResponse()
    .setChanges(replaces.length + updates.length > 0 ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE)
    .setReplacesList(replaces)
    .setStablesList(stables)
    .setDiffsList([...replaces, ...updates])
    .setHasdetaileddiff(true);
  const detailed = response.getDetaileddiffMap();
  const add = (key: string, kind: Kind) => detailed.set(key, new provproto.PropertyDiff().setKind(kind).setInputdiff(true));
  replaces.forEach((k) => add(k, Kind.UPDATE_REPLACE));
  updates.forEach((k) => add(k, Kind.UPDATE));
  return response;
}
