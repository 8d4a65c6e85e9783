// Synchronization configurations at iTwin, iModel and connection scope: create, get, patch, delete. One set of routes
// per scope over the same store operations; the answer's resolvedSettings merge the scope's defaults with the
// configurations that apply (the iTwin's, the iModel's, the connection's).
import { CONFIGURATION_SCOPES, defaultSettings, type Configuration, type ConfigurationScope } from "../../api/configurations";
import { ERROR, INVALID_REQUEST, SYNC_ROOT } from "../../api/contract";
import type { Reply } from "../http";
import type { RequestContext, Route } from "../router";
import type { ConfigurationRecord, Store } from "../store";

const invalidCode = INVALID_REQUEST.configuration;

export function configurationBody(store: Store, record: ConfigurationRecord): Configuration {
  const resolved = { ...defaultSettings(record.scope) };
  for (const applied of store.configurationChain(record.scope, record.scopeId)) Object.assign(resolved, applied.settings);
  return { scopeId: record.scopeId, settings: { ...record.settings }, resolvedSettings: resolved };
}

function routesFor(scope: ConfigurationScope): Route[] {
  const path = `${SYNC_ROOT}/configurations/${CONFIGURATION_SCOPES[scope].path}/:scopeId`;
  const reply = (ctx: RequestContext, status: number, record: ConfigurationRecord): Reply => ({
    status,
    body: { configuration: configurationBody(ctx.emulator.store, record) },
  });
  // The Delete iModel/Connection Configuration pages document RateLimitExceeded for their 429 (newest versions).
  const common = { scope: "api", path, invalidCode, tooManyRequests: ERROR.rateLimitExceeded } as const;
  return [
    { ...common, method: "POST", body: "json", handle: (ctx) => reply(ctx, 201, ctx.emulator.store.createConfiguration(scope, ctx.params.scopeId, ctx.body)) },
    { ...common, method: "GET", handle: (ctx) => reply(ctx, 200, ctx.emulator.store.configuration(scope, ctx.params.scopeId)) },
    { ...common, method: "PATCH", body: "json", handle: (ctx) => reply(ctx, 200, ctx.emulator.store.patchConfiguration(scope, ctx.params.scopeId, ctx.body)) },
    {
      ...common,
      method: "DELETE",
      handle: (ctx) => {
        ctx.emulator.store.deleteConfiguration(scope, ctx.params.scopeId);
        return { status: 204 };
      },
    },
  ];
}

export const configurationRoutes: Route[] = (Object.keys(CONFIGURATION_SCOPES) as ConfigurationScope[]).flatMap(routesFor);
