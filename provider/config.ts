// Where the provider's settings come from: Pulumi config `itwin:*` first, then ITWIN_* environment variables.
// Read at run time (the dynamic provider's `configure`, or the lookups' process), never captured in the serialized
// provider, so secrets stay out of state.
import { DEFAULT_AUTHORITY_URL, DEFAULT_BASE_URL, DEFAULT_SCOPE } from "../api/contract";
import { redactText } from "../api/redaction";
import { ClientCredentialsToken, StaticToken, type TokenSource } from "./client/auth";
import { HttpClient, type HttpOptions } from "./client/http";
import { SyncClient } from "./client/sync-client";

/** Reads one `itwin:<name>` config value, or undefined. */
export type ConfigGetter = (name: string) => string | undefined;

interface Setting {
  config: string;
  env: string;
  type: "string" | "boolean" | "integer";
  description: string;
  default?: unknown;
  /** A credential: kept secret in the provider's state whatever way it was set. */
  secret?: boolean;
}

/** The provider's settings, each described once: `itwin:<name>` config, falling back to its ITWIN_* environment
 * variable. The plugin schema's config and the provider's secrets derive from this. */
export const CONFIG_KEYS = {
  baseUrl: {
    config: "itwin:baseUrl",
    env: "ITWIN_BASE_URL",
    type: "string",
    default: DEFAULT_BASE_URL,
    description: "The iTwin Platform API's base URL (the emulator's for local runs).",
  },
  accessToken: {
    config: "itwin:accessToken",
    env: "ITWIN_ACCESS_TOKEN",
    type: "string",
    secret: true,
    description: "A bearer token for the API (a user token); takes precedence over client credentials.",
  },
  clientId: {
    config: "itwin:clientId",
    env: "ITWIN_CLIENT_ID",
    type: "string",
    description: "A service client's id (client-credentials flow), with clientSecret.",
  },
  clientSecret: {
    config: "itwin:clientSecret",
    env: "ITWIN_CLIENT_SECRET",
    type: "string",
    secret: true,
    description: "A service client's secret, with clientId.",
  },
  authorityUrl: {
    config: "itwin:authorityUrl",
    env: "ITWIN_AUTHORITY_URL",
    type: "string",
    description: "The token authority for client credentials (default Bentley's IMS).",
  },
  scope: { config: "itwin:scope", env: "ITWIN_SCOPE", type: "string", description: "The scope requested with client credentials." },
  allowUnknownConnectorTypes: {
    config: "itwin:allowUnknownConnectorTypes",
    env: "ITWIN_ALLOW_UNKNOWN_CONNECTOR_TYPES",
    type: "boolean",
    default: false,
    description: "Let connector types newer than this package through to the API (check then accepts any connectorType).",
  },
  adoptOnConflict: {
    config: "itwin:adoptOnConflict",
    env: "ITWIN_ADOPT_ON_CONFLICT",
    type: "string",
    description:
      "`exact`: a create answered 409 FileMappingToTheIModelAlreadyExists takes over the holder when it is identical to the declaration " +
      "(a configuration's create answered 409: the configuration there, when it sets exactly the declared settings); the recovery after an interrupted up.",
  },
  maxRequestsPerMinute: {
    config: "itwin:maxRequestsPerMinute",
    env: "ITWIN_MAX_REQUESTS_PER_MINUTE",
    type: "integer",
    description: "The subscription's rate limit (500 trial, 5000 paid): the provider never sends more in any sliding minute.",
  },
} as const satisfies Record<string, Setting>;

/** The settings that hold a credential. */
export const CREDENTIALS: string[] = Object.entries(CONFIG_KEYS as Record<string, Setting>)
  .filter(([, setting]) => setting.secret)
  .map(([name]) => name);

export interface ResolvedSettings {
  baseUrl: string;
  tokens: TokenSource;
}

export class ConfigurationError extends Error {
  /** Redacted: a value quoted back (a base URL with user:password@) must not show its credentials. */
  constructor(message: string) {
    super(redactText(message));
    this.name = "ConfigurationError";
  }
}

/** A setting's value and the key it came from: Pulumi config first, then the environment. */
function lookup(get: ConfigGetter, s: Setting, env: NodeJS.ProcessEnv): { value: string; key: string } | undefined {
  const fromConfig = get(s.config.slice("itwin:".length));
  if (fromConfig) return { value: fromConfig, key: s.config };
  const fromEnv = env[s.env];
  return fromEnv ? { value: fromEnv, key: s.env } : undefined;
}

/** `timeoutMs`: the per-attempt deadline (ITWIN_HTTP_TIMEOUT_MS), for token requests as for API requests. */
export function resolveSettings(get: ConfigGetter, env: NodeJS.ProcessEnv = process.env, timeoutMs?: number): ResolvedSettings {
  const used: string[] = [];
  const read = (s: Setting): string | undefined => {
    const found = lookup(get, s, env);
    if (found) used.push(found.key);
    return found?.value;
  };
  const baseUrl = read(CONFIG_KEYS.baseUrl) ?? DEFAULT_BASE_URL;
  if (!/^https?:\/\/[^/]/i.test(baseUrl)) {
    throw new ConfigurationError(
      `itwin:baseUrl must be an http(s) URL such as ${DEFAULT_BASE_URL}; got "${baseUrl}". ` +
        "Fix it with: pulumi config set itwin:baseUrl https://api.bentley.com",
    );
  }

  const accessToken = read(CONFIG_KEYS.accessToken);
  if (accessToken) {
    return { baseUrl, tokens: new StaticToken(accessToken, used.filter(isCredentialKey).join(" and ")) };
  }
  const clientId = read(CONFIG_KEYS.clientId);
  const clientSecret = read(CONFIG_KEYS.clientSecret);
  if (clientId && clientSecret) {
    const authorityUrl = read(CONFIG_KEYS.authorityUrl) ?? DEFAULT_AUTHORITY_URL;
    const scope = read(CONFIG_KEYS.scope) ?? DEFAULT_SCOPE;
    return {
      baseUrl,
      tokens: new ClientCredentialsToken(
        { clientId, clientSecret, authorityUrl, scope },
        used.filter(isCredentialKey).join(" and "),
        Date.now,
        timeoutMs,
      ),
    };
  }
  if (clientId || clientSecret) {
    throw new ConfigurationError(
      `Client credentials need both itwin:clientId and itwin:clientSecret (or ITWIN_CLIENT_ID and ITWIN_CLIENT_SECRET); ` +
        `only ${clientId ? "the client id" : "the client secret"} is set. ` +
        "Fix it with: pulumi config set itwin:clientId <id> && pulumi config set --secret itwin:clientSecret <secret>",
    );
  }
  throw new ConfigurationError(
    "No iTwin credentials: set itwin:accessToken (pulumi config set --secret itwin:accessToken <token>), " +
      "or itwin:clientId and itwin:clientSecret for a service client, or the ITWIN_ACCESS_TOKEN / " +
      "ITWIN_CLIENT_ID + ITWIN_CLIENT_SECRET environment variables.",
  );
}

/** `itwin:allowUnknownConnectorTypes`: let connector types newer than this package through to the API. */
export function allowUnknownConnectorTypes(get: ConfigGetter, env: NodeJS.ProcessEnv = process.env): boolean {
  const found = lookup(get, CONFIG_KEYS.allowUnknownConnectorTypes, env);
  if (found === undefined || /^(false|0)$/i.test(found.value)) return false;
  if (/^(true|1)$/i.test(found.value)) return true;
  throw new ConfigurationError(
    `${found.key} must be true or false; got "${found.value}". ` +
      "Fix it with: pulumi config set itwin:allowUnknownConnectorTypes true",
  );
}

/** `itwin:adoptOnConflict`: `exact` lets a create answered 409 take over the holder when it is identical to the
 * declaration (the recovery after an interrupted `up`); unset, the 409 fails the step. */
export function adoptOnConflict(get: ConfigGetter, env: NodeJS.ProcessEnv = process.env): "exact" | undefined {
  const found = lookup(get, CONFIG_KEYS.adoptOnConflict, env);
  if (found === undefined) return undefined;
  if (found.value === "exact") return "exact";
  throw new ConfigurationError(
    `${found.key} must be exact (or unset); got "${found.value}". ` +
      "Fix it with: pulumi config set itwin:adoptOnConflict exact (or pulumi config rm itwin:adoptOnConflict)",
  );
}

/** `itwin:maxRequestsPerMinute`: the subscription's rate limit, which the client then never exceeds; unset, it only
 * follows the API's `retry-after`. */
export function maxRequestsPerMinute(get: ConfigGetter, env: NodeJS.ProcessEnv = process.env): number | undefined {
  const found = lookup(get, CONFIG_KEYS.maxRequestsPerMinute, env);
  if (found === undefined) return undefined;
  const value = Number(found.value);
  if (Number.isInteger(value) && value > 0) return value;
  throw new ConfigurationError(
    `${found.key} must be a whole number of requests per minute above 0, such as your subscription's limit; got "${found.value}". ` +
      "Fix it with: pulumi config set itwin:maxRequestsPerMinute 500 (or pulumi config rm itwin:maxRequestsPerMinute)",
  );
}

function isCredentialKey(key: string): boolean {
  return /accessToken|clientId|clientSecret|ACCESS_TOKEN|CLIENT_ID|CLIENT_SECRET/.test(key);
}

/** What is wrong with the settings of a fixed form, each by the reader the client uses (environment aside). */
export function configFailures(get: ConfigGetter): Array<{ property: string; reason: string }> {
  const readers: Record<string, (get: ConfigGetter) => unknown> = {
    allowUnknownConnectorTypes: (g) => allowUnknownConnectorTypes(g, {}),
    adoptOnConflict: (g) => adoptOnConflict(g, {}),
    maxRequestsPerMinute: (g) => maxRequestsPerMinute(g, {}),
  };
  return Object.entries(readers).flatMap(([property, read]) => {
    try {
      read(get);
      return [];
    } catch (error) {
      return [{ property, reason: (error as Error).message }];
    }
  });
}

/** Tuning knobs for tests and benchmarks; users keep the defaults. */
export type ClientTuning = Omit<HttpOptions, "baseUrl" | "tokens">;

/** Optional tuning through the environment (tests and benchmarks use shorter waits); unset means defaults. */
export function tuningFromEnv(env: NodeJS.ProcessEnv = process.env): ClientTuning {
  const num = (name: string) => (env[name] ? Number(env[name]) : undefined);
  const tuning: ClientTuning = {
    timeoutMs: num("ITWIN_HTTP_TIMEOUT_MS"),
    maxAttempts: num("ITWIN_HTTP_MAX_ATTEMPTS"),
    retryBaseMs: num("ITWIN_HTTP_RETRY_BASE_MS"),
  };
  return Object.fromEntries(Object.entries(tuning).filter(([, v]) => v !== undefined));
}

export function createClient(get: ConfigGetter, tuning: ClientTuning = {}, env = process.env): SyncClient {
  const { baseUrl, tokens } = resolveSettings(get, env, tuning.timeoutMs);
  return new SyncClient(new HttpClient({ ...tuning, baseUrl, tokens, maxRequestsPerMinute: maxRequestsPerMinute(get, env) }));
}
