// `check` of a ManifestConnection: the API's 422 rules for a create (api/validation.ts) before any request, and each
// sourceFileId once, each failure naming the property and the fix. Values not known yet (preview) pass.
import { createManifestProblems } from "../../api/validation";
import type { CheckFailure, CheckResult } from "../core/verbs";
import { withDefaults } from "../model/define";
import { UNKNOWN } from "../storage-connection/check";
import { manifestConnectionModel, type CheckedManifestConnectionInputs } from "./model";

const FIXES: Record<string, string> = {
  iModelId: "set it to the iModel's GUID, e.g. 7dbd531d-6967-47b2-8945-a722a437ad7a",
  sourceFiles: "declare at least one { sourceFileId }",
  sourceFileId: "use the file's id in its source (a non-empty string)",
  authenticationType: 'use "User" or "Service"',
  displayName: "use a string",
};

export function checkManifestConnection(news: Record<string, unknown>): CheckResult<CheckedManifestConnectionInputs> {
  const inputs = withDefaults(manifestConnectionModel.inputs, news);
  const failures: CheckFailure[] = createManifestProblems(withoutUnknowns(inputs)).map(({ path, detail }) => {
    const field = path.split(".").pop()!.replace(/\[\d+\]$/, "");
    return { property: path, reason: `${path}: ${detail.message} Fix: ${FIXES[field] ?? "see docs/resources/manifest-connection.md"}.` };
  });
  const seen = new Map<string, number>();
  (Array.isArray(inputs.sourceFiles) ? inputs.sourceFiles : []).forEach((file: { sourceFileId?: unknown } | undefined, i) => {
    const id = file?.sourceFileId;
    if (typeof id !== "string" || id === UNKNOWN) return;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, i);
    else
      failures.push({
        property: `sourceFiles[${i}].sourceFileId`,
        reason: `sourceFiles[${i}].sourceFileId: ${id} is already listed at sourceFiles[${first}]; the API maps a file to an iModel once. Fix: remove the duplicate entry.`,
      });
  });
  return { inputs: inputs as CheckedManifestConnectionInputs, failures };
}

/** Unknown values stand in as valid ones, so preview reports only what is already wrong. */
function withoutUnknowns(inputs: Record<string, unknown>): Record<string, unknown> {
  const files = inputs.sourceFiles;
  const file = (f: unknown) => (f === UNKNOWN || (f as { sourceFileId?: unknown })?.sourceFileId === UNKNOWN ? { sourceFileId: "unknown" } : f);
  return {
    ...inputs,
    iModelId: inputs.iModelId === UNKNOWN ? "00000000-0000-0000-0000-000000000000" : inputs.iModelId,
    displayName: inputs.displayName === UNKNOWN ? "" : inputs.displayName,
    authenticationType: inputs.authenticationType === UNKNOWN ? "User" : inputs.authenticationType,
    sourceFiles: files === UNKNOWN ? [{ sourceFileId: "unknown" }] : Array.isArray(files) ? files.map(file) : files,
  };
}
