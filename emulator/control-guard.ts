// Who may use the control endpoint /__emulator (request log, faults, reset, fixtures). Any web page can make a browser
// send a request to 127.0.0.1 (a form post as text/plain, a fetch without CORS) or, through DNS rebinding, under its
// own host name: so a control request naming a foreign Origin, a Host that is not this emulator's, or a body that is
// not JSON is refused. Beyond loopback it also needs a token: --control-token, else the API's own credentials.
import type { IncomingHttpHeaders } from "node:http";
import { hostname, networkInterfaces } from "node:os";
import { errorReply, type Reply } from "./http";

export interface ControlGuardSettings {
  /** The address the server listens on (`--host`). */
  host: string;
  /** `--public-url`: its host is this emulator's too. */
  publicUrl?: string;
}

const FORBIDDEN_HOST = {
  code: "Forbidden",
  message:
    "The control endpoint answers only requests addressed to this emulator (localhost, its listen address or --public-url); " +
    "the Host header named another (a DNS-rebinding page does).",
};
const FORBIDDEN_ORIGIN = {
  code: "Forbidden",
  message: "The control endpoint refuses requests sent by web pages of another origin (the Origin header names one).",
};
const NOT_JSON = {
  code: "UnsupportedMediaType",
  message: "The control endpoint takes bodies as application/json only (send Content-Type: application/json).",
};

const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "::1"];

/** Whether `host` is a loopback address or name: listening there, only this machine can reach the emulator. */
export function isLoopback(host: string): boolean {
  return LOOPBACK_NAMES.includes(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host) || host.endsWith(".localhost");
}

/** A host name as compared here: lower case, an IPv6 address without brackets. */
function bare(name: string): string {
  return name.toLowerCase().replace(/^\[(.*)\]$/, "$1");
}

/** The host name of a `Host` header (`name:port`, `[v6]:port`), or undefined when it is none. */
function hostOf(header: string): string | undefined {
  try {
    return bare(new URL(`http://${header}`).hostname);
  } catch {
    return undefined;
  }
}

export class ControlGuard {
  /** The host names this emulator answers control requests for. */
  private readonly names: ReadonlySet<string>;

  constructor(settings: ControlGuardSettings) {
    const names = new Set([...LOOPBACK_NAMES, bare(settings.host)]);
    if (settings.publicUrl !== undefined) names.add(bare(new URL(settings.publicUrl).hostname));
    // Listening on every interface: each of this machine's addresses and its name are its listen address.
    if (settings.host === "0.0.0.0" || settings.host === "::") {
      names.add(hostname().toLowerCase());
      for (const addresses of Object.values(networkInterfaces())) for (const { address } of addresses ?? []) names.add(bare(address));
    }
    this.names = names;
  }

  /** The refusal of a control request with these headers, or undefined when it may go on. `takesBody`: the route
   * reads a JSON body. */
  refusal(headers: IncomingHttpHeaders, takesBody: boolean): Reply | undefined {
    const host = headers.host;
    if (host !== undefined && !this.names.has(hostOf(host) ?? "")) return errorReply(403, FORBIDDEN_HOST);
    const origin = headers.origin;
    if (origin !== undefined && !this.sameOrigin(origin, host)) return errorReply(403, FORBIDDEN_ORIGIN);
    const contentType = headers["content-type"];
    const json = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType ?? "");
    if ((contentType !== undefined || takesBody) && !json) return errorReply(415, NOT_JSON);
    return undefined;
  }

  /** A page served from this emulator's own origin: none is, so in practice an Origin header is a foreign page. */
  private sameOrigin(origin: string, host: string | undefined): boolean {
    if (!URL.canParse(origin) || host === undefined) return false;
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && url.host.toLowerCase() === host.toLowerCase();
  }
}
