// The origin every href and Location is written on: the one the client called, so that a client reaching the
// emulator as `localhost`, by a container name or through a proxy is sent back there (a client that follows a link to
// another origin drops its Authorization header, and then meets a 401).
import type { IncomingHttpHeaders } from "node:http";

/** A host name, IPv4 or [IPv6] address with an optional port: nothing else is written into a link. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** The first value of a header that proxies may repeat or list (`X-Forwarded-Host: a, b` names the client's first). */
function first(value: string | string[] | undefined): string {
  return String(Array.isArray(value) ? value[0] : (value ?? "")).split(",")[0].trim();
}

/** `X-Forwarded-Proto`/`X-Forwarded-Host` when a proxy sets them, else `Host`; `fallback` (the listen address) when
 * the request names no usable host. */
export function requestOrigin(headers: IncomingHttpHeaders, fallback: string): string {
  const host = first(headers["x-forwarded-host"]) || first(headers.host);
  if (!HOST.test(host)) return fallback;
  const proto = first(headers["x-forwarded-proto"]).toLowerCase();
  return `${proto === "https" ? "https" : "http"}://${host}`;
}

/** `--public-url`: an http(s) URL, kept without a trailing slash (a path is kept: hrefs go below it). */
export function parsePublicUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`publicUrl must be an http(s) URL, got "${value}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`publicUrl must be an http(s) URL, got "${value}"`);
  if (url.search || url.hash) throw new Error(`publicUrl takes no query or fragment, got "${value}"`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}
