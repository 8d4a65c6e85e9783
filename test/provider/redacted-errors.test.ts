// The client's error messages quote what answered and where: an endpoint that echoes the request's headers, an API
// error whose message repeats the token, a base URL with `user:password@`, an identity service quoting the secret.
// None of them may carry a Bearer token, a JWT or a URL's credentials into the message.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClientCredentialsToken, StaticToken } from "../../provider/client/auth";
import { ConfigurationError, resolveSettings } from "../../provider/config";
import { ApiError, CredentialsError, TransportError, UnexpectedAnswerError } from "../../provider/client/errors";
import { HttpClient } from "../../provider/client/http";
import { SyncClient } from "../../provider/client/sync-client";

const JWT = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJleHAiOjk5OTk5OTk5OTl9.c2lnbmF0dXJlLWJ5dGVzLWhlcmUtYW5kLW1vcmU";
const OPAQUE = "opaque-token-0123456789abcdef";
const PASSWORD = "pa55word-in-the-url";
const CONNECTION = "A".repeat(43);

/** Echoes each request's Authorization header back: as text/plain, or inside an API error's message. */
let echo: Server;
let echoUrl: string;

beforeAll(async () => {
  echo = createServer((req, res) => {
    const said = `you sent Authorization: ${req.headers.authorization ?? "nothing"}`;
    if (req.url?.includes("/storageconnections/")) {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end(said);
    } else if (req.url?.includes("/connect/token")) {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "invalid_client", error_description: `bad ${req.headers.authorization}` }));
    } else {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "BadToken", message: said } }));
    }
  });
  await new Promise<void>((resolve) => echo.listen(0, "127.0.0.1", resolve));
  echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => echo.close(() => resolve())));

function client(baseUrl: string, token: string): SyncClient {
  return new SyncClient(new HttpClient({ baseUrl, tokens: new StaticToken(token, "itwin:accessToken"), retryBaseMs: 1, maxAttempts: 2 }));
}

function expectRedacted(error: unknown, type: new (...args: never[]) => Error, ...secrets: string[]): string {
  expect(error).toBeInstanceOf(type);
  const message = (error as Error).message;
  for (const secret of secrets) expect(message).not.toContain(secret);
  expect(message).toContain("(redacted)");
  return message;
}

describe("error messages never quote a credential", () => {
  it.each([
    ["a JWT", JWT],
    ["an opaque token", OPAQUE],
  ])("UnexpectedAnswerError: an answer echoing the Bearer header (%s)", async (_label, token) => {
    const error = await client(echoUrl, token).getStorageConnection(CONNECTION).catch((e: unknown) => e);
    const message = expectRedacted(error, UnexpectedAnswerError, token);
    expect(message).toContain('body begins "you sent Authorization: Bearer (redacted)"');
  });

  it("ApiError: an API message repeating the token", async () => {
    const error = await client(echoUrl, JWT).getAuthorizationInformation("https://app.example.com/").catch((e: unknown) => e);
    const message = expectRedacted(error, ApiError, JWT, JWT.split(".")[2]);
    expect(message).toContain("HTTP 400 BadToken: you sent Authorization: Bearer (redacted)");
  });

  it("TransportError: a base URL with user:password@ that does not answer", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await client(`http://admin:${PASSWORD}@127.0.0.1:${port}`, OPAQUE).getStorageConnection(CONNECTION).catch((e: unknown) => e);
    const message = expectRedacted(error, TransportError, PASSWORD, `admin:${PASSWORD}`);
    expect(message).toContain(`http://(redacted)@127.0.0.1:${port}`);
  });

  it("ConfigurationError: a base URL quoted back with its user:password@", () => {
    const error = (() => {
      try {
        return resolveSettings(() => undefined, { ITWIN_BASE_URL: `ftp://admin:${PASSWORD}@files.example`, ITWIN_ACCESS_TOKEN: OPAQUE });
      } catch (caught) {
        return caught;
      }
    })();
    const message = expectRedacted(error, ConfigurationError, PASSWORD);
    expect(message).toContain('got "ftp://(redacted)@files.example"');
  });

  it("CredentialsError: an identity service quoting the Basic credentials, at an authority with user:password@", async () => {
    const tokens = new ClientCredentialsToken({
      clientId: "app",
      clientSecret: "client-secret-value",
      authorityUrl: `${echoUrl.replace("http://", `http://admin:${PASSWORD}@`)}`,
      scope: "itwin-platform",
    }, "ITWIN_CLIENT_ID/ITWIN_CLIENT_SECRET");
    const error = await tokens.token().catch((e: unknown) => e);
    const basic = Buffer.from(`app:client-secret-value`).toString("base64");
    const message = expectRedacted(error, CredentialsError, PASSWORD, basic);
    expect(message).toContain("bad Basic (redacted)");
  });
});
