// `check` of an IModel: the iModels API's 422 rules (api/validation.ts) before any request, each failure naming the
// property and the fix. Values not known yet (preview) are left out of the rules.
import { createIModelProblems } from "../../api/validation";
import type { CheckResult } from "../core/verbs";
import { UNKNOWN } from "../storage-connection/check";
import type { CheckedIModelInputs } from "./model";

const FIXES: Record<string, string> = {
  iTwinId: "set it to the iTwin's GUID, e.g. 5fb9aa98-9874-4697-b942-d19728840f19",
  name: "give a name of 1 to 255 characters that is not only spaces",
  description: "use a string of at most 255 characters, or leave description out",
  extent: "give { southWest: { latitude, longitude }, northEast: { latitude, longitude } } in degrees (latitude -90..90, longitude -180..180)",
};

export function checkIModel(news: Record<string, unknown>): CheckResult<CheckedIModelInputs> {
  const known = Object.fromEntries(Object.entries(news).filter(([, v]) => v !== UNKNOWN && !JSON.stringify(v ?? null).includes(UNKNOWN)));
  const problems = createIModelProblems({ ...known, iTwinId: known.iTwinId ?? ("iTwinId" in news ? placeholder : undefined), name: known.name ?? ("name" in news ? "unknown" : undefined) });
  const failures = problems.map(({ path, detail }) => ({
    property: path,
    reason: `${path}: ${detail.message} Fix: ${FIXES[path.split(".")[0]] ?? "see docs/resources/imodel.md"}.`,
  }));
  return { inputs: news as CheckedIModelInputs, failures };
}

/** Stands in for an iTwinId not known yet. */
const placeholder = "00000000-0000-0000-0000-000000000000";
