// The StorageConnection contract, written once: every input and output with its type, description, default and
// flags. The TypeScript types below, the dynamic class's Args and outputs, the plugin schema and
// docs/resources/storage-connection.md are all derived from it.
import { DEFAULT_AUTHENTICATION_TYPE } from "../../api/contract";
import { AuthenticationType, ConnectionLinks, ConnectorType, RunError, RunResult, RunState } from "../model/common";
import {
  arrayOf,
  defineResource,
  fieldsWith,
  objectType,
  type CheckedOf,
  type Infer,
  type InputsOf,
  type OutputsOf,
} from "../model/define";

export const SourceFile = objectType(
  "SourceFile",
  {
    storageFileId: { type: "string", description: "The iTwin Storage file id." },
    connectorType: { type: ConnectorType, description: "The connector that synchronizes the file." },
  },
  "A storage file to synchronize into the iModel.",
);

export const SourceFileState = objectType(
  "SourceFileState",
  {
    id: { type: "string", description: "The source file's id in the connection (a GUID)." },
    storageFileId: { type: "string" },
    connectorType: { type: ConnectorType },
    lastKnownFileName: { type: "string", optional: true },
  },
  "A source file of the connection, as the API reports it.",
);

export const TaskSummary = objectType("TaskSummary", {
  id: { type: "string" },
  storageFileId: { type: "string", description: "The task's storage file: joins with sourceFiles[].storageFileId." },
  state: { type: RunState },
  result: { type: RunResult, optional: true },
  errors: { type: "integer" },
  warnings: { type: "integer" },
  otherIssues: { type: "integer" },
  suggestedAction: { type: "string", optional: true },
  error: { type: "string", optional: true, description: "`errorCode: message` of a failed task." },
});

export const JobSummary = objectType("JobSummary", {
  id: { type: "string" },
  connectorType: { type: "string" },
  state: { type: RunState },
  result: { type: RunResult, optional: true },
  tasks: { type: arrayOf(TaskSummary) },
});

export const LastRun = objectType(
  "LastRun",
  {
    id: { type: "string" },
    state: { type: RunState },
    result: { type: RunResult, optional: true },
    phase: { type: "string", optional: true },
    startDateTime: { type: "string", optional: true },
    endDateTime: { type: "string", optional: true },
    error: { type: RunError, optional: true },
    jobs: { type: arrayOf(JobSummary) },
  },
  "The connection's newest run, summarized.",
);

export const storageConnectionModel = defineResource({
  token: "itwin:index:StorageConnection",
  description: "A StorageConnection: storage files synchronized into an iModel.",
  inputs: {
    iModelId: { type: "string", replaces: true, description: "The iModel the files synchronize into (a GUID)." },
    displayName: { type: "string", optional: true, description: "The connection's name; the API names it when left out, and an undeclared name is left as the API has it." },
    authenticationType: {
      type: AuthenticationType,
      default: DEFAULT_AUTHENTICATION_TYPE,
      description: '"User" runs as the consenting user; "Service" connections run with a client-credentials token.',
    },
    sourceFiles: { type: arrayOf(SourceFile), description: "At least one; each storage file once. Order does not matter: files are added, re-typed and removed in place." },
    adoptConnectionId: {
      type: "string",
      optional: true,
      providerOnly: true,
      description: "Manage this existing connection instead of creating one; it is reconciled to these inputs.",
    },
    adoptOnConflict: {
      type: "boolean",
      optional: true,
      providerOnly: true,
      description: "When the API answers 409 because one connection of the iModel already maps these files, adopt that one.",
    },
    runOnChange: {
      type: "boolean",
      optional: true,
      providerOnly: true,
      description: "Start a synchronization run after create and whenever the source files change; an adopted connection runs when adopting changed its files or it has never run.",
    },
    waitForRun: {
      type: "boolean",
      optional: true,
      providerOnly: true,
      description: "With runOnChange: wait for the run's result; a run ending in Error fails the step (the connection stays in state).",
    },
    runTimeoutSeconds: {
      type: "number",
      default: 600,
      providerOnly: true,
      description: "With waitForRun: seconds to wait before failing with a timeout.",
    },
  },
  outputs: {
    displayName: { type: "string" },
    iTwinId: { type: "string", description: "The iTwin of the iModel." },
    sourceFiles: {
      type: arrayOf(SourceFileState),
      description: "The source files as the API reports them, each with its id, in the declared order.",
    },
    links: { type: ConnectionLinks },
    lastRun: { type: LastRun, optional: true, description: "The connection's newest run; absent until a run exists." },
  },
});

export type StorageConnectionModel = typeof storageConnectionModel;
/** The inputs as declared (before check). */
export type StorageConnectionInputs = InputsOf<StorageConnectionModel>;
/** The inputs after check, every default filled in: what create, update and diff work on. */
export type CheckedStorageConnectionInputs = CheckedOf<StorageConnectionModel>;
export type StorageConnectionOutputs = OutputsOf<StorageConnectionModel>;
export type SourceFileArgs = Infer<typeof SourceFile.fields>;
export type SourceFileState = Infer<typeof SourceFileState.fields>;
export type TaskSummary = Infer<typeof TaskSummary.fields>;
export type JobSummary = Infer<typeof JobSummary.fields>;
export type LastRun = Infer<typeof LastRun.fields>;
export type ConnectionLinksState = Infer<typeof ConnectionLinks.fields>;

/** The inputs that only steer the provider: never sent to the API, never drift. */
export const PROVIDER_ONLY_INPUTS = fieldsWith(storageConnectionModel.inputs, "providerOnly");
/** The inputs whose change replaces the connection. */
export const REPLACING_INPUTS = fieldsWith(storageConnectionModel.inputs, "replaces");
