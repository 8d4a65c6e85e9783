// The `itwin` package schema (what `pulumi package get-schema`, import and the YAML host read). The resources and the
// types they use are derived from their models (provider/<resource>/model.ts). The lookups' object types are built
// from TypeScript types: the compiler checks that each property is declared, with a schema type of the same kind, and
// marked required exactly when the TypeScript property is.
import { DEFAULT_BASE_URL } from "../../api/contract";
import type {
  ManifestRun,
  ManifestRunTask,
  ManifestSourceFile,
  Run,
  RunError,
  RunJob,
  RunTaskBase,
  StorageRunTask,
  SynchronizationReport,
  TaskError,
} from "../../api/types";
import type {
  AuthorizationInformationArgs,
  AuthorizationInformationResult,
  ConnectionArgs,
  ConnectionResult,
  LOOKUPS,
  ManifestSourceFilesResult,
  RunArgs,
  StorageConnectionResult,
} from "../lookup-queries";
import { SETTINGS } from "../config";
import { outputFields, PACKAGE, SchemaTypes } from "../model/define";
import { RESOURCES } from "../resources";
import { connectionSyncConfigurationModel } from "../connection-sync-configuration/model";
import { iModelSyncConfigurationModel } from "../imodel-sync-configuration/model";
import { iTwinSyncConfigurationModel } from "../itwin-sync-configuration/model";
import type { AnySyncConfigurationModel } from "../sync-configuration/model";
import { configurationLookupFields } from "../sync-configuration/lookup";
import { storageConnectionModel, type ConnectionLinksState } from "../storage-connection/model";

export { PACKAGE };
export const STORAGE_CONNECTION = storageConnectionModel.token;

/** The named types the models use, collected as their schemas are written. */
const named = new SchemaTypes();
const resources = Object.fromEntries(RESOURCES.map(({ model }) => [model.token, named.resource(model)]));

/** A schema reference that remembers, for the compiler only, which TypeScript type it stands for. */
interface Ref<T> {
  $ref: string;
  readonly __type?: T;
}

type Spec<V> = [V] extends [string]
  ? { type: "string" } | Ref<string>
  : [V] extends [number]
    ? { type: "number" } | { type: "integer" }
    : [V] extends [boolean]
      ? { type: "boolean" }
      : [V] extends [Array<infer E>]
        ? { type: "array"; items: Spec<E> }
        : Ref<V>;

interface Doc {
  description: string;
}
type Required = { required: true };
type Optional = { required?: false };

/** One entry per property of T (none missing, none extra), each marked required exactly when T requires it. */
type Properties<T> = {
  [K in keyof T]-?: Spec<NonNullable<T[K]>> & Partial<Doc> & ({} extends Pick<T, K> ? Optional : Required) & { secret?: boolean };
};

interface ObjectSchema<T = unknown> {
  readonly __type?: T;
  type: "object";
  description?: string;
  properties: Record<string, unknown>;
  required: string[];
}

function object<T>(properties: Properties<T>, description?: string): ObjectSchema<T> {
  const entries = Object.entries(properties as Record<string, { required?: boolean }>);
  return {
    type: "object",
    ...(description && { description }),
    properties: Object.fromEntries(entries.map(([name, { required: _, ...spec }]) => [name, spec])),
    required: entries.filter(([, p]) => p.required).map(([name]) => name),
  };
}

const string = { type: "string" } as const;
const integer = { type: "integer" } as const;
const boolean = { type: "boolean" } as const;
const arrayOf = <E>(items: Spec<E>) => ({ type: "array" as const, items });
const ref = <T>(name: string): Ref<T> => ({ $ref: `#/types/${PACKAGE}:index:${name}` });

const runState = ref<string>("RunState");
const runResult = ref<string>("RunResult");

const taskError = object<TaskError>({
  errorCode: { ...string, required: true },
  message: { ...string, required: true },
  details: { ...string, required: true },
  bridgeExitCode: { ...integer, required: true },
  system: { ...string, required: true },
  phase: { ...string, required: true },
  category: { ...string, required: true },
  descriptionKey: { ...string, required: true },
  description: { ...string, required: true },
  kbArticleLink: { ...string, required: true },
  canUserFix: { ...boolean, required: true },
});

const synchronizationReport = object<SynchronizationReport>({
  suggestedAction: { ...string, required: true },
  message: { ...string, required: true },
  totalErrorsCount: { ...integer, required: true },
  totalWarningsCount: { ...integer, required: true },
  totalOtherIssuesCount: { ...integer, required: true },
});

type TaskDetails = NonNullable<RunTaskBase["details"]>;
const taskDetails = object<TaskDetails>({
  synchronizationReport: { ...ref<SynchronizationReport>("SynchronizationReport") },
});

const taskBase: Properties<RunTaskBase> = {
  id: { ...string, required: true },
  startDateTime: { ...string },
  endDateTime: { ...string },
  retryAttempts: { ...integer, required: true },
  state: { ...runState, required: true },
  result: { ...runResult },
  error: { ...ref<TaskError>("TaskError") },
  details: { ...ref<TaskDetails>("TaskDetails") },
};
const jobBase: Omit<Properties<RunJob>, "tasks"> = {
  id: { ...string, required: true },
  startDateTime: { ...string },
  endDateTime: { ...string },
  state: { ...runState, required: true },
  result: { ...runResult },
  connectorType: { ...string, required: true },
};
const runBase: Omit<Properties<Run>, "jobs"> = {
  id: { ...string, required: true },
  connectionId: { ...string, required: true },
  startDateTime: { ...string },
  endDateTime: { ...string },
  phase: { ...string },
  state: { ...runState, required: true },
  result: { ...runResult },
  error: { ...ref<RunError>("RunError") },
};
const runDescription = "A synchronization run with its jobs, tasks and synchronization reports.";

const storageRun = {
  task: object<StorageRunTask>({ ...taskBase, storageFileId: { ...string, required: true, description: "The task's storage file." } }),
  job: object<RunJob>({ ...jobBase, tasks: { ...arrayOf(ref<StorageRunTask>("RunTask")), required: true } }),
  run: object<Run>({ ...runBase, jobs: { ...arrayOf(ref<RunJob>("RunJob")), required: true } }, runDescription),
};
const manifestRun = {
  task: object<ManifestRunTask>({ ...taskBase, sourceFileId: { ...string, required: true, description: "The task's source file." } }),
  job: object<RunJob<ManifestRunTask>>({ ...jobBase, tasks: { ...arrayOf(ref<ManifestRunTask>("ManifestRunTask")), required: true } }),
  run: object<ManifestRun>(
    { ...runBase, jobs: { ...arrayOf(ref<RunJob<ManifestRunTask>>("ManifestRunJob")), required: true } },
    runDescription,
  ),
};

const manifestSourceFile = object<ManifestSourceFile>({
  id: { ...string, required: true },
  sourceFileId: { ...string, required: true },
});

const connectionArgs = object<ConnectionArgs>({ connectionId: { ...string, required: true } });
const runArgs = object<RunArgs>({ connectionId: { ...string, required: true }, runId: { ...string, required: true } });

const connectionResult = object<ConnectionResult>({
  id: { ...string, required: true },
  displayName: { ...string, required: true },
  iModelId: { ...string, required: true },
  iTwinId: { ...string, required: true },
  authenticationType: { ...string, required: true },
  links: { ...ref<ConnectionLinksState>("ConnectionLinks"), required: true },
});

/** Built from the model, its fields checked by the compiler against what the lookup returns. */
const storageConnectionResult: ObjectSchema<StorageConnectionResult> = named.object(
  { id: { type: "string" }, ...outputFields(storageConnectionModel) },
  undefined,
  storageConnectionModel.inputs,
);

const authorizationArgs = object<AuthorizationInformationArgs>({
  redirectUrl: { ...string, required: true, description: "Where the browser goes once the user has consented." },
});
const authorizationResult = object<AuthorizationInformationResult>({
  isUserAuthorized: { ...boolean, required: true, description: "Whether the token's user has consented to User connections running on their behalf." },
  authorizationUrl: { ...string, required: true, description: "Where that user consents (signed in), after which the browser goes to redirectUrl." },
});

const manifestSourceFilesResult = object<ManifestSourceFilesResult>({
  connectionId: { ...string, required: true },
  sourceFiles: { ...arrayOf(ref<ManifestSourceFile>("ManifestSourceFile")), required: true },
});

/** A configuration lookup's entry, from its resource's model. */
function configurationFunction(model: AnySyncConfigurationModel, description: string) {
  const { args, result } = configurationLookupFields(model);
  return { description, inputs: named.object(args), outputs: named.object(result, undefined, model.inputs) };
}

/** The provider's settings: `itwin:<name>` config, each falling back to its ITWIN_* environment variable. */
const configVariables = {
  baseUrl: { ...string, default: DEFAULT_BASE_URL, description: "The iTwin Platform API's base URL (the emulator's for local runs)." },
  accessToken: { ...string, secret: true, description: "A bearer token for the API (a user token); takes precedence over client credentials." },
  clientId: { ...string, description: "A service client's id (client-credentials flow), with clientSecret." },
  clientSecret: { ...string, secret: true, description: "A service client's secret, with clientId." },
  authorityUrl: { ...string, description: "The token authority for client credentials (default Bentley's IMS)." },
  scope: { ...string, description: "The scope requested with client credentials." },
  allowUnknownConnectorTypes: {
    ...boolean,
    default: false,
    description: "Let connector types newer than this package through to the API (check then accepts any connectorType).",
  },
  adoptOnConflict: {
    ...string,
    description:
      "`exact`: a create answered 409 FileMappingToTheIModelAlreadyExists takes over the holder when it is identical to the declaration " +
      "(a configuration's create answered 409: the configuration there, when it sets exactly the declared settings); the recovery after an interrupted up.",
  },
  maxRequestsPerMinute: {
    ...integer,
    description: "The subscription's rate limit (500 trial, 5000 paid): the provider never sends more in any sliding minute.",
  },
} satisfies Record<keyof typeof SETTINGS, object>;

const config = Object.fromEntries(
  Object.entries(configVariables).map(([name, spec]) => [
    name,
    { ...spec, defaultInfo: { environment: [SETTINGS[name as keyof typeof SETTINGS].env] } },
  ]),
);

/** The lookups the provider serves through Invoke, by function token name. */
export const FUNCTIONS = {
  getManifestConnection: { description: "A ManifestConnection by id.", inputs: connectionArgs, outputs: connectionResult },
  getManifestConnectionSourceFiles: { description: "Every source file of a ManifestConnection (all pages).", inputs: connectionArgs, outputs: manifestSourceFilesResult },
  getManifestConnectionRun: { description: "One run of a ManifestConnection, with its jobs, tasks and synchronization reports.", inputs: runArgs, outputs: manifestRun.run },
  getStorageConnection: { description: "A StorageConnection by id, with its source files and last run: what the resource's outputs would be.", inputs: connectionArgs, outputs: storageConnectionResult },
  getStorageConnectionRun: { description: "One run of a StorageConnection.", inputs: runArgs, outputs: storageRun.run },
  getITwinSyncConfiguration: configurationFunction(
    iTwinSyncConfigurationModel,
    "An iTwin's synchronization configuration: what it sets (settings) and what applies (resolvedSettings).",
  ),
  getIModelSyncConfiguration: configurationFunction(
    iModelSyncConfigurationModel,
    "An iModel's synchronization configuration: what it sets and what applies (with the iTwin's).",
  ),
  getConnectionSyncConfiguration: configurationFunction(
    connectionSyncConfigurationModel,
    "A connection's synchronization configuration: what it sets and what applies (with its iModel's and iTwin's).",
  ),
  getAuthorizationInformation: {
    description: "The configured token's user: consented to User connections running for them or not, and where to consent.",
    inputs: authorizationArgs,
    outputs: authorizationResult,
  },
} satisfies {
  [K in keyof typeof LOOKUPS]: {
    description: string;
    inputs: ObjectSchema<Parameters<(typeof LOOKUPS)[K]>[1]>;
    outputs: ObjectSchema<Awaited<ReturnType<(typeof LOOKUPS)[K]>>>;
  };
};

export function buildSchema(version: string) {
  return {
    name: PACKAGE,
    displayName: "iTwin Synchronization",
    version,
    description: "Bentley iTwin Synchronization StorageConnections: declare, import and adopt connections, run them, look them up.",
    keywords: ["pulumi", "itwin", "bentley", "category/infrastructure", "kind/native"],
    license: "MIT",
    // `pulumi package gen-sdk --language nodejs` then stamps this version into the SDK it writes (not "${VERSION}",
    // which npm refuses), and the SDK's resources ask the engine for this plugin version.
    language: { nodejs: { respectSchemaVersion: true } },
    config: { variables: config },
    provider: { description: "The iTwin provider: its settings are the `itwin:*` config values.", inputProperties: config },
    types: {
      ...named.types,
      [`${PACKAGE}:index:Run`]: storageRun.run,
      [`${PACKAGE}:index:RunJob`]: storageRun.job,
      [`${PACKAGE}:index:RunTask`]: storageRun.task,
      [`${PACKAGE}:index:ManifestRun`]: manifestRun.run,
      [`${PACKAGE}:index:ManifestRunJob`]: manifestRun.job,
      [`${PACKAGE}:index:ManifestRunTask`]: manifestRun.task,
      [`${PACKAGE}:index:TaskError`]: taskError,
      [`${PACKAGE}:index:TaskDetails`]: taskDetails,
      [`${PACKAGE}:index:SynchronizationReport`]: synchronizationReport,
      [`${PACKAGE}:index:ManifestSourceFile`]: manifestSourceFile,
    },
    resources,
    functions: Object.fromEntries(
      Object.entries(FUNCTIONS).map(([name, f]) => [
        `${PACKAGE}:index:${name}`,
        { description: f.description, inputs: f.inputs, outputs: f.outputs },
      ]),
    ),
  };
}

export type PackageSchema = ReturnType<typeof buildSchema>;
