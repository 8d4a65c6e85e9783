// The ManifestConnection contract, written once: a connection whose files are named by the manifest a run is given
// (pre-authenticated URLs: run data, so no runOnChange here; runManifestConnection starts a run). Its TypeScript
// types, the dynamic class's Args and outputs, the plugin schema and docs/resources/manifest-connection.md derive
// from it.
import { DEFAULT_AUTHENTICATION_TYPE } from "../../api/contract";
import { AuthenticationType, ConnectionLinks } from "../model/common";
import { arrayOf, defineResource, objectType, type CheckedOf, type Infer, type InputsOf, type OutputsOf } from "../model/define";
import { JobSummary, LastRun, TaskSummary } from "../storage-connection/model";

export const ManifestFile = objectType(
  "ManifestFile",
  { sourceFileId: { type: "string", description: "The file's id in its source (ProjectWise, SharePoint, Azure Blob…): what a run's manifest names it by." } },
  "A source file of the manifest connection.",
);

export const ManifestFileState = objectType(
  "ManifestFileState",
  {
    id: { type: "string", description: "The source file's id in the connection." },
    sourceFileId: { type: "string" },
  },
  "A source file of the connection, as the API reports it.",
);

const { storageFileId: _, ...taskFields } = TaskSummary.fields;
export const ManifestTaskSummary = objectType("ManifestTaskSummary", {
  ...taskFields,
  sourceFileId: { type: "string", description: "The task's file: joins with sourceFiles[].sourceFileId." },
});

export const ManifestJobSummary = objectType("ManifestJobSummary", { ...JobSummary.fields, tasks: { type: arrayOf(ManifestTaskSummary) } });

export const ManifestLastRun = objectType("ManifestLastRun", { ...LastRun.fields, jobs: { type: arrayOf(ManifestJobSummary) } }, "The connection's newest run, summarized.");

export const manifestConnectionModel = defineResource({
  token: "itwin:index:ManifestConnection",
  description: "A ManifestConnection: files a run's manifest names, synchronized into an iModel.",
  inputs: {
    iModelId: { type: "string", replaces: true, description: "The iModel the files synchronize into (a GUID)." },
    displayName: { type: "string", optional: true, description: "The connection's name; the API names it when left out, and an undeclared name is left as the API has it." },
    authenticationType: {
      type: AuthenticationType,
      default: DEFAULT_AUTHENTICATION_TYPE,
      description: '"User" runs as the consenting user; "Service" connections run with a client-credentials token.',
    },
    sourceFiles: {
      type: arrayOf(ManifestFile),
      description: "At least one; each sourceFileId once. Order does not matter: files are added, swapped and removed in place.",
    },
  },
  outputs: {
    displayName: { type: "string" },
    iTwinId: { type: "string", description: "The iTwin of the iModel." },
    sourceFiles: { type: arrayOf(ManifestFileState), description: "The source files as the API reports them, each with its id, in the declared order." },
    links: { type: ConnectionLinks },
    lastRun: { type: ManifestLastRun, optional: true, description: "The connection's newest run; absent until a run exists." },
  },
});

export type ManifestConnectionModel = typeof manifestConnectionModel;
export type ManifestConnectionInputs = InputsOf<ManifestConnectionModel>;
export type CheckedManifestConnectionInputs = CheckedOf<ManifestConnectionModel>;
export type ManifestConnectionOutputs = OutputsOf<ManifestConnectionModel>;
export type ManifestFileState = Infer<typeof ManifestFileState.fields>;
export type ManifestLastRun = Infer<typeof ManifestLastRun.fields>;
