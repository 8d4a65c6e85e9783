// A synchronization run as the API reports it (the run lookups' answers), for both connection kinds: a
// StorageConnection's tasks name their file `storageFileId`, a ManifestConnection's `sourceFileId`.
import { arrayOf, objectType, type Fields } from "./define";
import { RunError, RunResult, RunState } from "./common";

const TaskError = objectType("TaskError", {
  errorCode: { type: "string" },
  message: { type: "string" },
  details: { type: "string" },
  bridgeExitCode: { type: "integer" },
  system: { type: "string" },
  phase: { type: "string" },
  category: { type: "string" },
  descriptionKey: { type: "string" },
  description: { type: "string" },
  kbArticleLink: { type: "string" },
  canUserFix: { type: "boolean" },
});

const SynchronizationReport = objectType("SynchronizationReport", {
  suggestedAction: { type: "string" },
  message: { type: "string" },
  totalErrorsCount: { type: "integer" },
  totalWarningsCount: { type: "integer" },
  totalOtherIssuesCount: { type: "integer" },
});

const TaskDetails = objectType("TaskDetails", { synchronizationReport: { type: SynchronizationReport, optional: true } });

const task = {
  id: { type: "string" },
  startDateTime: { type: "string", optional: true },
  endDateTime: { type: "string", optional: true },
  retryAttempts: { type: "integer" },
  state: { type: RunState },
  result: { type: RunResult, optional: true },
  error: { type: TaskError, optional: true },
  details: { type: TaskDetails, optional: true },
} as const satisfies Fields;

const job = {
  id: { type: "string" },
  startDateTime: { type: "string", optional: true },
  endDateTime: { type: "string", optional: true },
  state: { type: RunState },
  result: { type: RunResult, optional: true },
  connectorType: { type: "string" },
} as const satisfies Fields;

const run = {
  id: { type: "string" },
  connectionId: { type: "string" },
  startDateTime: { type: "string", optional: true },
  endDateTime: { type: "string", optional: true },
  phase: { type: "string", optional: true },
  state: { type: RunState },
  result: { type: RunResult, optional: true },
  error: { type: RunError, optional: true },
} as const satisfies Fields;

const RUN = "A synchronization run with its jobs, tasks and synchronization reports.";

const RunTask = objectType("RunTask", { ...task, storageFileId: { type: "string", description: "The task's storage file." } });
const RunJob = objectType("RunJob", { ...job, tasks: { type: arrayOf(RunTask) } });
export const Run = objectType("Run", { ...run, jobs: { type: arrayOf(RunJob) } }, RUN);

const ManifestRunTask = objectType("ManifestRunTask", { ...task, sourceFileId: { type: "string", description: "The task's source file." } });
const ManifestRunJob = objectType("ManifestRunJob", { ...job, tasks: { type: arrayOf(ManifestRunTask) } });
export const ManifestRun = objectType("ManifestRun", { ...run, jobs: { type: arrayOf(ManifestRunJob) } }, RUN);

export const ManifestSourceFile = objectType("ManifestSourceFile", { id: { type: "string" }, sourceFileId: { type: "string" } });
