// Synchronization configurations (technology preview): one typed method per operation, for each scope (iTwin,
// iModel, connection) over HttpClient.request.
import { CONFIGURATION_SCOPES, configurationPath, type Configuration, type ConfigurationScope, type ScopeSettings } from "../../api/configurations";
import * as shapes from "../../api/shapes";
import type { HttpClient } from "./http";

function operation(verb: string, scope: ConfigurationScope, scopeId: string): string {
  return `${verb} ${CONFIGURATION_SCOPES[scope].label} configuration of ${scopeId}`;
}

export class ConfigurationsApi {
  constructor(private readonly http: HttpClient) {}

  /** POST: 201 with the configuration; 409 when the scope has one already (docs/api-gaps.md). */
  async create<S extends ConfigurationScope>(scope: S, scopeId: string, settings: ScopeSettings<S>): Promise<Configuration<S>> {
    const res = await this.http.request({
      operation: operation("Create", scope, scopeId),
      answer: shapes.configurationResponse,
      method: "POST",
      path: configurationPath(scope, scopeId),
      body: settings,
      expect: [201],
    });
    return res.body.configuration as Configuration<S>;
  }

  /** GET: 404 ConfigurationNotFound when the scope has none. */
  async get<S extends ConfigurationScope>(scope: S, scopeId: string): Promise<Configuration<S>> {
    const res = await this.http.request({
      operation: operation("Get", scope, scopeId),
      answer: shapes.configurationResponse,
      method: "GET",
      path: configurationPath(scope, scopeId),
      expect: [200],
    });
    return res.body.configuration as Configuration<S>;
  }

  /** PATCH: the settings sent change, the others keep their values (none can be unset: docs/api-gaps.md). */
  async patch<S extends ConfigurationScope>(scope: S, scopeId: string, settings: ScopeSettings<S>): Promise<Configuration<S>> {
    const res = await this.http.request({
      operation: operation("Patch", scope, scopeId),
      answer: shapes.configurationResponse,
      method: "PATCH",
      path: configurationPath(scope, scopeId),
      body: settings,
      expect: [200],
    });
    return res.body.configuration as Configuration<S>;
  }

  /** DELETE: the scope falls back to the defaults and the wider scopes' configurations. */
  async delete(scope: ConfigurationScope, scopeId: string): Promise<void> {
    await this.http.request({
      operation: operation("Delete", scope, scopeId),
      method: "DELETE",
      path: configurationPath(scope, scopeId),
      expect: [204],
    });
  }
}
