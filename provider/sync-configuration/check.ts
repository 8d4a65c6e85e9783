// `check` of a configuration: the scope id's form and each setting's type (the API's 422 rules, api/validation.ts),
// before any request, each failure naming the property and the fix. Nothing is filled in: an undeclared setting stays
// unset.
import { CONFIGURATION_SCOPES, type ConfigurationScope } from "../../api/configurations";
import { isGuid } from "../../api/contract";
import { configurationProblems } from "../../api/validation";
import type { CheckFailure, CheckResult } from "../core/verbs";
import { UNKNOWN } from "../storage-connection/check";
import type { ConfigurationInputs, AnySyncConfigurationModel } from "./model";
import { scopeLabel, SYNC_CONFIGURATION_SCOPES } from "./scopes";
import { settingNames, settingsOf } from "./settings";

const EXAMPLE_GUID = "7dbd531d-6967-47b2-8945-a722a437ad7a";

export function checkConfiguration(model: AnySyncConfigurationModel, news: Record<string, unknown>): CheckResult<ConfigurationInputs> {
  const known = Object.fromEntries(Object.entries(news).filter(([, v]) => v !== UNKNOWN));
  const failures: CheckFailure[] = [
    ...scopeIdFailures(model, known[model.scopeIdInput], model.scopeIdInput in news),
    ...configurationProblems(model.scope, settingsOf(model.scope, known)).map(({ path, detail }) => ({
      property: path,
      reason: `${path}: ${detail.message} Fix: ${settingFix(model.scope, path)}.`,
    })),
    ...otherScopeFailures(model, known),
  ];
  const adopt = known.adoptOnConflict;
  if (adopt !== undefined && adopt !== null && typeof adopt !== "boolean") {
    failures.push({
      property: "adoptOnConflict",
      reason: `adoptOnConflict: must be true or false, got ${JSON.stringify(adopt)}. Fix: write adoptOnConflict: ${adopt === "false" ? "false" : "true"} (a boolean, no quotes).`,
    });
  }
  return { inputs: news, failures };
}

function scopeIdFailures(model: AnySyncConfigurationModel, value: unknown, declared: boolean): CheckFailure[] {
  const name = model.scopeIdInput;
  if (declared && value === undefined) return []; // not known yet (preview)
  const guid = model.scope !== "connection";
  const valid = guid ? isGuid(value) : typeof value === "string" && /^[A-Za-z0-9_-]+$/.test(value);
  if (valid) return [];
  const got = value === undefined || value === null ? "nothing" : JSON.stringify(value);
  const fix = guid
    ? `set it to the ${model.label}'s GUID, e.g. ${EXAMPLE_GUID}`
    : "set it to the connection's id (a StorageConnection's or ManifestConnection's `id` output)";
  return [{ property: name, reason: `${name}: required: the ${model.label} whose configuration this is; got ${got}. Fix: ${fix}.` }];
}

function settingFix(scope: ConfigurationScope, name: string): string {
  const spec = (CONFIGURATION_SCOPES[scope].settings as Record<string, { type: string; default: unknown }>)[name];
  return spec.type === "integer"
    ? `write a whole number, e.g. ${name}: ${spec.default} (the API's default)`
    : `write ${name}: true or ${name}: false (a boolean, no quotes)`;
}

/** A setting of another scope, declared here: the API would refuse it; say where it belongs. */
function otherScopeFailures(model: AnySyncConfigurationModel, news: Record<string, unknown>): CheckFailure[] {
  const own = new Set(settingNames(model.scope));
  const failures: CheckFailure[] = [];
  for (const scope of Object.keys(CONFIGURATION_SCOPES) as ConfigurationScope[]) {
    for (const name of settingNames(scope)) {
      if (own.has(name) || news[name] === undefined) continue;
      failures.push({
        property: name,
        reason:
          `${name}: not a setting of the ${model.label} scope, but of the ${scopeLabel(scope)} scope. ` +
          `Fix: move it to the ${scopeLabel(scope)}'s ${SYNC_CONFIGURATION_SCOPES[scope].resource}.`,
      });
    }
  }
  return failures;
}
