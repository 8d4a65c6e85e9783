// Bearer tokens for the API: a static token, or client credentials exchanged at Bentley IMS and cached.
import fetch from "node-fetch";
import { redactText } from "../../api/redaction";
import { tokenResponse } from "../../api/shapes";
import { AttemptTimeoutError, CredentialsError, TransportError } from "./errors";

export interface TokenSource {
  token(): Promise<string>;
  /** Whether a 401 is worth one more try with a fresh token. */
  readonly renewable: boolean;
  /** Forget a cached token (after a 401) so the next call asks for a new one. */
  invalidate(): void;
  /** Which configuration keys supplied the credentials: names only, never values. */
  readonly describedBy: string;
}

export class StaticToken implements TokenSource {
  readonly renewable = false;

  constructor(
    private readonly value: string,
    readonly describedBy: string,
  ) {}

  async token(): Promise<string> {
    return this.value;
  }

  invalidate(): void {}
}

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  authorityUrl: string;
  scope: string;
}

/** Refresh this long before `expires_in` runs out, so no request leaves with a token about to expire. */
const REFRESH_MARGIN_MS = 60_000;

export class ClientCredentialsToken implements TokenSource {
  readonly renewable = true;
  private cached?: { value: string; refreshAt: number };
  private pending?: Promise<string>;

  constructor(
    private readonly credentials: ClientCredentials,
    readonly describedBy: string,
    private readonly now: () => number = Date.now,
    private readonly timeoutMs = 30_000,
  ) {}

  async token(): Promise<string> {
    if (this.cached && this.now() < this.cached.refreshAt) {
      return this.cached.value;
    }
    // One exchange at a time: concurrent callers share it.
    this.pending ??= this.exchange().finally(() => (this.pending = undefined));
    return this.pending;
  }

  invalidate(): void {
    this.cached = undefined;
  }

  private async exchange(): Promise<string> {
    const { clientId, clientSecret, authorityUrl, scope } = this.credentials;
    const url = `${authorityUrl.replace(/\/+$/, "")}/connect/token`;
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString(
      "base64",
    );
    let response;
    let text: string;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: {
          Authorization: `Basic ${basic}`,
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/json",
        },
        body: new URLSearchParams({ grant_type: "client_credentials", scope }).toString(),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (cause) {
      const reason = (cause as Error)?.name === "AbortError" ? new AttemptTimeoutError(this.timeoutMs) : cause;
      throw new TransportError(`Token request to ${url}`, 1, reason);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: reported by status below.
    }
    const refusal = (body ?? {}) as { error?: unknown; error_description?: unknown };
    if (response.status === 400 || response.status === 401) {
      // OAuth's invalid_client / unauthorized_client / invalid_scope: asking again cannot succeed.
      throw new CredentialsError({
        url,
        status: response.status,
        code: typeof refusal.error === "string" ? refusal.error : "invalid_request",
        description: typeof refusal.error_description === "string" ? refusal.error_description : "the identity service did not issue a token",
        describedBy: this.describedBy,
      });
    }
    if (!response.ok || !tokenResponse.test(body)) {
      throw new Error(
        redactText(
          `Token request to ${url} got HTTP ${response.status} without a token` +
            `${typeof refusal.error === "string" ? ` (${refusal.error})` : ""}; check itwin:authorityUrl (ITWIN_AUTHORITY_URL)`,
        ),
      );
    }
    const lifetimeMs = (typeof body.expires_in === "number" ? body.expires_in : 3600) * 1000;
    this.cached = { value: body.access_token, refreshAt: this.now() + Math.max(0, lifetimeMs - REFRESH_MARGIN_MS) };
    return body.access_token;
  }
}
