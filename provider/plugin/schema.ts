// The `itwin` package schema (what `pulumi package get-schema`, import and the YAML host read), derived from the
// models: each resource's (provider/<resource>/model.ts, through the registry) and each lookup's
// (lookup-queries.ts), with the types they use, and the settings' (config.ts).
import { CONFIG_KEYS } from "../config";
import { LOOKUPS } from "../lookup-queries";
import { PACKAGE, SchemaTypes, type ObjectSchema } from "../model/define";
import { RESOURCES } from "../resources";
import { storageConnectionModel } from "../storage-connection/model";

export { PACKAGE };
export const STORAGE_CONNECTION = storageConnectionModel.token;

/** The named types the models use, collected as their schemas are written. */
const named = new SchemaTypes();
const resources = Object.fromEntries(RESOURCES.map(({ model }) => [model.token, named.resource(model)]));

/** The provider's settings as schema config, from their one description (config.ts). */
const config = Object.fromEntries(
  Object.entries(CONFIG_KEYS).map(([name, { config: _, env, ...setting }]) => [name, { ...setting, defaultInfo: { environment: [env] } }]),
);

/** The lookups the provider serves through Invoke, by function token name: their models as schema. */
export const FUNCTIONS = Object.fromEntries(
  Object.entries(LOOKUPS).map(([name, lookup]) => {
    const { description, inputs, outputs } = lookup;
    const describedBy = "describedBy" in lookup ? lookup.describedBy : undefined;
    named.typeOf(outputs);
    return [name, { description, inputs: named.object(inputs), outputs: named.object(outputs.fields, outputs.description, describedBy) }];
  }),
) as Record<keyof typeof LOOKUPS, { description: string; inputs: ObjectSchema; outputs: ObjectSchema }>;

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
    types: named.types,
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
