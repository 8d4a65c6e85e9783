// Bearer tokens for the API: a static token, or client credentials exchanged at Bentley IMS and cached.
import fetch from "node-fetch";
import type { TokenResponse } from "../../api/types";
import { ApiError, TransportError } from "./errors";

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
    } catch (cause) {
      throw new TransportError(`Token request to ${url}`, 1, cause);
    }
    const text = await response.text();
    let body: Partial<TokenResponse> & { error?: string; error_description?: string } = {};
    try {
      body = JSON.parse(text);
    } catch {
      // Non-JSON answers are reported by status below.
    }
    if (!response.ok || typeof body.access_token !== "string") {
      throw new ApiError({
        operation: `Token request to ${url}`,
        status: response.status,
        code: body.error ?? "TokenRequestFailed",
        apiMessage: body.error_description ?? "the identity service did not issue a token",
        hint: `Check ${this.describedBy}, itwin:authorityUrl and itwin:scope.`,
      });
    }
    const lifetimeMs = (typeof body.expires_in === "number" ? body.expires_in : 3600) * 1000;
    this.cached = { value: body.access_token, refreshAt: this.now() + Math.max(0, lifetimeMs - REFRESH_MARGIN_MS) };
    return body.access_token;
  }
}
