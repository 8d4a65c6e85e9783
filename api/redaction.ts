// Secrets kept out of what is shown: the emulator's request log and the provider's error messages both go through
// here. A value is hidden by the NAME it is given wherever it appears (a query string, a header, a form or JSON body,
// whatever the content type), and by the shape a credential has whatever its name: `Bearer …`/`Basic …`, a JWT, the
// `user:password@` of a URL.

export const REDACTED = "(redacted)";

/** Names compared without case, `-` or `_`, so `client_secret`, `clientSecret` and `Client-Secret` are one. */
function normalized(name: string): string {
  return name.toLowerCase().replace(/[-_.\s]/g, "");
}

const SECRET_NAMES: ReadonlySet<string> = new Set(["authorization", "proxyauthorization", "cookie", "setcookie", "sig", "code_verifier"].map(normalized));
/** Any name containing one of these: `client_secret`, `password`, `access_token`, `X-Api-Key`, `Ocp-Apim-Subscription-Key`… */
const SECRET_PART = /secret|passw(?:or)?d|token|apikey|subscriptionkey|assertion|credential|privatekey|sessionid/;

/** Whether a field, parameter or header of this name holds a secret. */
export function isSecretName(name: string): boolean {
  const key = normalized(name);
  return SECRET_NAMES.has(key) || SECRET_PART.test(key);
}

// Each pattern can start only where a match could begin (a lookbehind or a bounded prefix): the text is a client's
// (up to a 1 MiB body), and a pattern that retried from every character of a long run would take quadratic time.

/** `scheme://user:password@` (or `scheme://user@`). */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]{0,31}:\/\/)[^\s/?#@"'<>]{1,1024}@/gi;
/** An Authorization-style credential: `Bearer <token>`, `Basic <base64>`. */
const SCHEME_CREDENTIALS = /\b([Bb]earer|BEARER|Basic|BASIC|SharedAccessSignature)(\s+)[A-Za-z0-9._~+/:=-]+/g;
/** Three base64url parts, the first a JSON object (`eyJ` is `{"`): a JWT, signed or not. */
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
/** `name=value` in a query string or form body (also inside free text). */
const ASSIGNMENT = /(?<![A-Za-z0-9_.%-])([A-Za-z0-9_.%-]{1,256})=([^&\s"'<>,;]*)/g;
/** `"name": "value"` in JSON text (also a JSON body too deep or too long to parse); a value the text's end cuts off
 * counts too. */
const JSON_STRING_FIELD = /("([^"\\]{1,200})"\s*:\s*)"(?:[^"\\]|\\.)*(?:"|\\?$)/g;

function decoded(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** What every pattern above needs somewhere in the text: most values (ids, names, numbers) have none, and skip the five
 * passes. */
const MAYBE_CREDENTIAL = /[=:@]|eyJ|[Bb]earer|BEARER|Basic|BASIC/;

/** `text` with every credential this module knows by name or by shape replaced by "(redacted)". */
export function redactText(text: string): string {
  if (!MAYBE_CREDENTIAL.test(text)) return text;
  return text
    .replace(URL_CREDENTIALS, `$1${REDACTED}@`)
    .replace(JWT, REDACTED)
    .replace(SCHEME_CREDENTIALS, `$1$2${REDACTED}`)
    .replace(ASSIGNMENT, (whole, name: string) => (isSecretName(decoded(name)) ? `${name}=${REDACTED}` : whole))
    .replace(JSON_STRING_FIELD, (whole, head: string, name: string) => (isSecretName(name) ? `${head}"${REDACTED}"` : whole));
}

/** One header's value as it may be shown. */
export function redactHeader(name: string, value: string): string {
  return isSecretName(name) ? REDACTED : redactText(value);
}

/**
 * A parsed JSON (or form) value with secret fields and credential-shaped strings redacted, or `undefined` when it is
 * nested deeper than `maxDepth` (the caller shows it as redacted text instead: a copy that deep could not be
 * serialized again). Copies only what it changes: a body with no secret comes back as it is.
 */
export function redactJson(value: unknown, maxDepth: number): unknown {
  if (typeof value === "string") return redactText(value);
  if (typeof value !== "object" || value === null) return value;
  if (maxDepth <= 0) return undefined;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const kept = redactJson(value[i], maxDepth - 1);
      if (kept === undefined) return undefined;
      if (kept !== value[i]) (copy ??= [...value])[i] = kept;
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [name, field] of Object.entries(value)) {
    const kept = isSecretName(name) ? REDACTED : redactJson(field, maxDepth - 1);
    if (kept === undefined) return undefined;
    // Defined, not assigned: a `__proto__` field stays a field.
    if (kept !== field) Object.defineProperty((copy ??= { ...value }), name, { value: kept, enumerable: true, writable: true, configurable: true });
  }
  return copy ?? value;
}
