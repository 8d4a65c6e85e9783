// The `itwin` package schema (what `pulumi package get-schema`, import and the YAML host read), derived from the
// models: each resource's (provider/<resource>/model.ts, through the registry) and each lookup's
// (lookup-queries.ts), with the types they use. Only the provider's settings are declared here.
import { DEFAULT_BASE_URL } from "../../api/contract";
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

const string = { type: "string" } as const;
const integer = { type: "integer" } as const;
const boolean = { type: "boolean" } as const;

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
} satisfies Record<keyof typeof CONFIG_KEYS, object>;

const config = Object.fromEntries(
  Object.entries(configVariables).map(([name, spec]) => [
    name,
    { ...spec, defaultInfo: { environment: [CONFIG_KEYS[name as keyof typeof CONFIG_KEYS].env] } },
  ]),
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
