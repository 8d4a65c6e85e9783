// The StorageConnection resource's plain (resolved) inputs and outputs, as the dynamic provider sees them.
import type { AuthenticationType, RunPhase, RunResult, RunState } from "../../api/types";

export interface SourceFileArgs {
  /** The iTwin Storage file id. */
  storageFileId: string;
  /** One of CONNECTOR_TYPES (api/contract.ts). */
  connectorType: string;
}

export interface StorageConnectionInputs {
  iModelId: string;
  displayName?: string;
  authenticationType?: AuthenticationType;
  sourceFiles: SourceFileArgs[];
  /** Bring this existing connection under management instead of creating one (reconciled to the inputs). */
  adoptConnectionId?: string;
  /** On 409 (files already mapped to the iModel), adopt the one connection that holds them. */
  adoptOnConflict?: boolean;
  /** Start a synchronization run after create and after every change of the source files. */
  runOnChange?: boolean;
  /** With runOnChange: wait for the run's result and fail the step if it ends in Error. */
  waitForRun?: boolean;
  /** With waitForRun: how long to wait before failing with a timeout (default 600). */
  runTimeoutSeconds?: number;
}

/** The inputs that only steer the provider: never sent to the API, never drift. */
export const PROVIDER_ONLY_INPUTS = [
  "adoptConnectionId",
  "adoptOnConflict",
  "runOnChange",
  "waitForRun",
  "runTimeoutSeconds",
] as const satisfies readonly (keyof StorageConnectionInputs)[];

export interface SourceFileState extends SourceFileArgs {
  /** The source file's id in the connection (a GUID). */
  id: string;
  lastKnownFileName?: string;
}

export interface TaskSummary {
  id: string;
  /** The task's storage file: joins with `sourceFiles[].storageFileId`. */
  storageFileId: string;
  state: RunState;
  result?: RunResult;
  errors: number;
  warnings: number;
  otherIssues: number;
  suggestedAction?: string;
  /** `errorCode: message` of a failed task. */
  error?: string;
}

export interface JobSummary {
  id: string;
  connectorType: string;
  state: RunState;
  result?: RunResult;
  tasks: TaskSummary[];
}

export interface LastRun {
  id: string;
  state: RunState;
  result?: RunResult;
  phase?: RunPhase;
  startDateTime?: string;
  endDateTime?: string;
  error?: { errorKey: string; description: string };
  jobs: JobSummary[];
}

export interface ConnectionLinksState {
  iModel: string;
  iTwin: string;
  lastRun?: string;
}

export interface StorageConnectionOutputs extends Omit<StorageConnectionInputs, "sourceFiles"> {
  displayName: string;
  authenticationType: AuthenticationType;
  iTwinId: string;
  sourceFiles: SourceFileState[];
  links: ConnectionLinksState;
  lastRun?: LastRun;
}
