// The routing table: path patterns with `:params`, matched per method, so an unknown path (404) and a wrong method on
// a known one (405 with Allow) can be told apart.
import type { IncomingHttpHeaders } from "node:http";
import { safeDecode, type Query, type Reply } from "./http";
import type { EmulatorState } from "./state";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RequestContext {
  emulator: EmulatorState;
  params: Record<string, string>;
  /** Names matched ignoring case. */
  query: Query;
  /** Where the answer's hrefs and Location point: the origin the client called, or --public-url (origin.ts). */
  origin: string;
  headers: IncomingHttpHeaders;
  /** Parsed as the route's `body` says; undefined for routes without one. */
  body: unknown;
}

/** Which checks a request goes through: the API all of them (latency, dropped connections, injected failures, rate
 * limit, auth) and the request log; the token endpoint only the log; the emulator's control endpoint none. */
export type Scope = "api" | "token" | "control";

export interface Route {
  scope: Scope;
  method: Method;
  path: string;
  /** How the body is parsed: JSON (malformed → the operation's 422) or an HTML form; ignored when absent. */
  body?: "json" | "form";
  /** An empty body is no body (undefined) instead of malformed JSON: the manifest run's body is optional. */
  bodyOptional?: boolean;
  /** The operation's 422 code (INVALID_REQUEST); without one, an invalid request is a 400. */
  invalidCode?: string;
  /** The 429 body when it differs from TooManyRequests (the manifest run page documents RateLimitExceeded). */
  tooManyRequests?: { code: string; message: string };
  handle(ctx: RequestContext): Reply;
}

export type Match =
  | { kind: "route"; route: Route; params: Record<string, string>; scope: Scope }
  | { kind: "method"; allow: Method[]; scope: Scope }
  /** An unknown path is the API's (its 404 comes after the API's checks, as the service's does). */
  | { kind: "none"; scope: "api" };

interface Compiled {
  route: Route;
  pattern: RegExp;
  names: string[];
}

export class Router {
  private readonly compiled: Compiled[];

  constructor(routes: Route[]) {
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const source = route.path
        .split("/")
        .map((segment) => {
          if (!segment.startsWith(":")) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
          names.push(segment.slice(1));
          return "([^/]+)";
        })
        .join("/");
      // Paths are case-insensitive, like the service's.
      return { route, names, pattern: new RegExp(`^${source}/?$`, "i") };
    });
  }

  match(method: string, path: string): Match {
    const allow: Method[] = [];
    let scope: Scope = "api";
    for (const { route, pattern, names } of this.compiled) {
      const found = pattern.exec(path);
      if (!found) continue;
      if (route.method !== method) {
        allow.push(route.method);
        scope = route.scope;
        continue;
      }
      const params = Object.fromEntries(names.map((name, i) => [name, safeDecode(found[i + 1])]));
      return { kind: "route", route, params, scope: route.scope };
    }
    return allow.length > 0 ? { kind: "method", allow, scope } : { kind: "none", scope: "api" };
  }
}
