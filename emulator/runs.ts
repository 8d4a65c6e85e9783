// Run simulation. A run's outcome is planned when it starts and its body is rendered from the clock, so progress
// needs no timers and every read sees one consistent step. A run is stored as data (its plan, or a fixture's fixed
// body), so a data file keeps it: after a restart an unfinished run goes on where the clock puts it. Outcomes are
// deterministic, for tests: a file id containing "fail" fails its task, one containing "warn" ends with warnings, any
// other succeeds.
import { RUN_ERROR } from "../api/contract";
import type {
  ManifestRun,
  ManifestRunTask,
  Run,
  RunError,
  RunJob,
  RunPhase,
  RunResult,
  RunState,
  StorageRunTask,
  SynchronizationReport,
  TaskError,
} from "../api/types";
import { newEntityId, newGuid } from "./ids";
/** A stored run: a fixed body (fixtures) or a simulated one's plan, rendered by `runAt`. Plain data, persisted as is. */
export type RunRecord<R extends Run | ManifestRun = Run | ManifestRun> =
  | { readonly id: string; readonly body: R }
  | { readonly id: string; readonly plan: Plan };

export interface RunSettings {
  /** How long each step of the timeline lasts. */
  stepMs: number;
  /** When set, runs of `User` connections fail unless the user who starts them has consented. */
  requireUserConsent: boolean;
}

/** What a run synchronizes: each file's id (a storage file id, or a manifest source file's sourceFileId) and its
 * connector. */
export interface RunFile {
  fileId: string;
  connectorType: string;
}

type Timeline = ReadonlyArray<{ state: RunState; phase?: RunPhase }>;

/** One entry a step; the last one is final. */
const TIMELINE: Timeline = [
  { state: "Queued" },
  { state: "WaitingToExecute" },
  { state: "Executing", phase: "Preprocessor" },
  { state: "Executing", phase: "MasterFile" },
  { state: "Executing", phase: "ReferenceFile" },
  { state: "Finalizing", phase: "ReferenceFile" },
  { state: "Completed", phase: "ReferenceFile" },
];
const EXECUTING = 2;
const FINALIZING = 5;
/** A run refused for want of the user's consent ends without executing. */
const REFUSED_TIMELINE: Timeline = [{ state: "Queued" }, { state: "WaitingToExecute" }, { state: "Completed" }];

/** The documented task error, given to tasks whose file fails. */
const TASK_ERROR: TaskError = {
  errorCode: "TAE_BRG_1000",
  message: "Failed to process the file.",
  details: "Error exit code received from bridge wrapper.",
  bridgeExitCode: 4294967295,
  system: "cloud_orchestrator",
  phase: "internal_server_error",
  category: "other",
  descriptionKey: "RunOrchestrationError",
  description: "Failed to orchestrate Run.",
  kbArticleLink: "",
  canUserFix: false,
};

interface Outcome {
  result: RunResult;
  report: SynchronizationReport;
  error?: TaskError;
}

const OUTCOMES = {
  error: {
    result: "Error",
    report: { suggestedAction: "Error", message: TASK_ERROR.message, totalErrorsCount: 1, totalWarningsCount: 0, totalOtherIssuesCount: 0 },
    error: TASK_ERROR,
  },
  // The warning counts of the documented report.
  warning: {
    result: "PartialSuccess",
    report: { suggestedAction: "Warning", message: "", totalErrorsCount: 0, totalWarningsCount: 20, totalOtherIssuesCount: 3 },
  },
  success: {
    result: "Success",
    report: { suggestedAction: "Info", message: "", totalErrorsCount: 0, totalWarningsCount: 0, totalOtherIssuesCount: 0 },
  },
} as const satisfies Record<string, Outcome>;

function outcomeOf(storageFileId: string): Outcome {
  const id = storageFileId.toLowerCase();
  if (id.includes("fail")) return OUTCOMES.error;
  if (id.includes("warn")) return OUTCOMES.warning;
  return OUTCOMES.success;
}

/** Error beats partial success beats success. */
function worst(results: RunResult[]): RunResult {
  if (results.includes("Error")) return "Error";
  if (results.includes("PartialSuccess")) return "PartialSuccess";
  return "Success";
}

interface PlannedTask {
  id: string;
  fileId: string;
  outcome: Outcome;
}

interface PlannedJob {
  id: string;
  connectorType: string;
  tasks: PlannedTask[];
}

/** The task field naming the file: `storageFileId` in StorageConnection runs, `sourceFileId` in ManifestConnection ones. */
type FileKey = "storageFileId" | "sourceFileId";

export interface Plan {
  /** Absent in plans saved before manifest runs existed: those are storage runs. */
  fileKey?: FileKey;
  id: string;
  connectionId: string;
  startedAt: number;
  stepMs: number;
  timeline: Timeline;
  jobs: PlannedJob[];
  result: RunResult;
  error?: RunError;
}

/** Plans a StorageConnection run of its current source files. */
export function startRun(
  connection: { id: string; sourceFiles: ReadonlyArray<{ storageFileId: string; connectorType: string }> },
  settings: RunSettings,
  now: number,
  refused: boolean,
): RunRecord<Run> {
  const files = connection.sourceFiles.map((f) => ({ fileId: f.storageFileId, connectorType: f.connectorType }));
  return simulated(plan("storageFileId", connection.id, files, settings, now, refused));
}

/** Plans a ManifestConnection run of the manifest's files (docs/api-gaps.md: the files of the connection it names). */
export function startManifestRun(connectionId: string, files: RunFile[], settings: RunSettings, now: number, refused: boolean): RunRecord<ManifestRun> {
  // The plan renders ManifestRunTasks (fileKey sourceFileId).
  return simulated(plan("sourceFileId", connectionId, files, settings, now, refused)) as RunRecord as RunRecord<ManifestRun>;
}

/**
 * One job per connector type, one task per file; or, for a `User` connection whose user has not consented, a run
 * refused with UserNotAuthenticated.
 */
function plan(fileKey: FileKey, connectionId: string, files: RunFile[], settings: RunSettings, now: number, refused: boolean): Plan {
  const base = { fileKey, id: newGuid(), connectionId, startedAt: now, stepMs: settings.stepMs };
  if (refused) {
    return { ...base, timeline: REFUSED_TIMELINE, jobs: [], result: "Error", error: { ...RUN_ERROR.userNotAuthenticated } };
  }
  const jobs = new Map<string, PlannedJob>();
  for (const file of files) {
    let job = jobs.get(file.connectorType);
    if (!job) {
      job = { id: newEntityId(), connectorType: file.connectorType, tasks: [] };
      jobs.set(file.connectorType, job);
    }
    job.tasks.push({ id: newEntityId(), fileId: file.fileId, outcome: outcomeOf(file.fileId) });
  }
  const tasks = [...jobs.values()].flatMap((job) => job.tasks);
  const failed = tasks.find((task) => task.outcome.error)?.outcome.error;
  return {
    ...base,
    timeline: TIMELINE,
    jobs: [...jobs.values()],
    result: worst(tasks.map((task) => task.outcome.result)),
    ...(failed && { error: { errorKey: failed.descriptionKey, description: failed.description } }),
  };
}

/** A run whose body never changes (seeded or loaded from fixtures). */
export function fixedRun<R extends Run | ManifestRun>(run: R): RunRecord<R> {
  return { id: run.id, body: run };
}

function simulated(plan: Plan): RunRecord<Run> {
  return { id: plan.id, plan };
}

/** The run's body as it stands at `now`. A fixed body is handed out as stored: answers only serialize it. */
export function runAt<R extends Run | ManifestRun>(run: RunRecord<R>, now: number): R {
  return "body" in run ? run.body : (render(run.plan, now) as R);
}

/** Timestamps in the documented form, with seven fractional digits: `2020-10-24T02:44:13.4109666Z`. */
export function timestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, "0000Z");
}

function render(plan: Plan, now: number): Run {
  const last = plan.timeline.length - 1;
  const step = Math.max(0, Math.min(last, Math.floor((now - plan.startedAt) / plan.stepMs)));
  const at = (s: number) => timestamp(plan.startedAt + s * plan.stepMs);
  const { state, phase } = plan.timeline[step];
  const done = step === last;
  return {
    id: plan.id,
    connectionId: plan.connectionId,
    startDateTime: at(0),
    ...(done && { endDateTime: at(last) }),
    ...(phase && { phase }),
    state,
    result: done ? plan.result : "Undetermined",
    ...(done && plan.error && { error: { ...plan.error } }),
    jobs: step < EXECUTING ? [] : plan.jobs.map((job) => renderJob(plan.fileKey ?? "storageFileId", job, step, at)),
  };
}

function renderJob(fileKey: FileKey, job: PlannedJob, step: number, at: (s: number) => string): RunJob {
  const tasks = job.tasks.map((task) => renderTask(fileKey, task, step, at));
  const finished = step >= FINALIZING;
  return {
    id: job.id,
    startDateTime: at(EXECUTING),
    ...(finished && { endDateTime: at(FINALIZING) }),
    state: finished ? "Completed" : "Executing",
    result: finished ? worst(job.tasks.map((task) => task.outcome.result)) : "Undetermined",
    connectorType: job.connectorType,
    tasks,
  };
}

/** A StorageRunTask, or a ManifestRunTask when `fileKey` is `sourceFileId` (the same fields but that one). */
function renderTask(fileKey: FileKey, task: PlannedTask, step: number, at: (s: number) => string): StorageRunTask {
  const finished = step >= FINALIZING;
  const file = { [fileKey]: task.fileId } as Pick<StorageRunTask, "storageFileId"> | Pick<ManifestRunTask, "sourceFileId">;
  return {
    id: task.id,
    ...(file as Pick<StorageRunTask, "storageFileId">),
    startDateTime: at(EXECUTING),
    ...(finished && { endDateTime: at(FINALIZING) }),
    retryAttempts: 0,
    state: finished ? "Completed" : "Executing",
    result: finished ? task.outcome.result : "Undetermined",
    ...(finished && task.outcome.error && { error: { ...task.outcome.error } }),
    ...(finished && { details: { synchronizationReport: { ...task.outcome.report } } }),
  };
}
