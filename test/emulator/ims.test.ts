// Bentley IMS as its libraries expect it: OpenID Connect discovery served without a token, and access tokens that are
// RS256-signed JWTs (header.payload.signature, base64url) verifiable with the authority's JWKS.
import { createPublicKey, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MANIFEST, useEmulator, type Json } from "./helpers";

const ctx = useEmulator({ clientId: "ims-app", clientSecret: "ims-secret" });

async function json(url: string, init?: RequestInit): Promise<{ status: number; body: Json }> {
  const response = await fetch(url, init);
  return { status: response.status, body: await response.json() };
}

async function clientCredentialsToken(scope = "itwin-platform"): Promise<string> {
  const { body } = await json(`${ctx.api.url}/connect/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${Buffer.from("ims-app:ims-secret").toString("base64")}` },
    body: `grant_type=client_credentials&scope=${encodeURIComponent(scope)}`,
  });
  return body.access_token;
}

const decode = (part: string): Json => JSON.parse(Buffer.from(part, "base64url").toString("utf8"));

describe("IMS", () => {
  it("serves /.well-known/openid-configuration without a token, its endpoints on the authority's URL", async () => {
    const { status, body } = await json(`${ctx.api.url}/.well-known/openid-configuration`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      issuer: ctx.api.url,
      token_endpoint: `${ctx.api.url}/connect/token`,
      jwks_uri: `${ctx.api.url}/.well-known/openid-configuration/jwks`,
      authorization_endpoint: `${ctx.api.url}/connect/authorize`,
      grant_types_supported: ["client_credentials"],
      id_token_signing_alg_values_supported: ["RS256"],
    });
    // What @itwin/service-authorization's discovery check requires.
    for (const field of ["response_types_supported", "subject_types_supported"]) expect(body[field]).toEqual(expect.any(Array));
  });

  it("names as issuer, and puts every endpoint on, the authority URL the client called", async () => {
    const authority = `http://localhost:${ctx.emulator.port}`;
    const { body } = await json(`${authority}/.well-known/openid-configuration`);
    expect(body).toMatchObject({ issuer: authority, token_endpoint: `${authority}/connect/token`, jwks_uri: `${authority}/.well-known/openid-configuration/jwks` });
    const { body: issued } = await json(`${authority}/connect/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&client_id=ims-app&client_secret=ims-secret",
    });
    expect(decode(issued.access_token.split(".")[1]).iss).toBe(authority);
  });

  it("issues JWTs with sub, client_id, scope and exp, signed with the key its JWKS publishes", async () => {
    const before = Math.floor(Date.now() / 1000);
    const token = await clientCredentialsToken("itwin-platform synchronization:read");
    const [header, payload, signature] = token.split(".");
    expect(token.split(".")).toHaveLength(3);
    for (const part of [header, payload, signature]) expect(part).toMatch(/^[A-Za-z0-9_-]+$/);
    const head = decode(header);
    const claims = decode(payload);
    expect(head).toMatchObject({ alg: "RS256", kid: expect.any(String) });
    expect(claims).toMatchObject({
      iss: ctx.api.url,
      sub: expect.stringMatching(/^[0-9a-f-]{36}$/),
      client_id: "ims-app",
      scope: ["itwin-platform", "synchronization:read"],
    });
    expect(claims.exp).toBeGreaterThanOrEqual(before + 3600);
    expect(claims.exp).toBeLessThanOrEqual(Date.now() / 1000 + 3600);
    // Whole seconds, as IMS issues them.
    for (const claim of ["iat", "nbf", "exp"]) expect(Number.isInteger(claims[claim])).toBe(true);

    const { body: jwks } = await json(`${ctx.api.url}/.well-known/openid-configuration/jwks`);
    const jwk = jwks.keys.find((k: Json) => k.kid === head.kid);
    expect(jwk).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    const key = createPublicKey({ key: jwk, format: "jwk" });
    expect(verify("sha256", Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, "base64url"))).toBe(true);
    expect((await ctx.api.get(MANIFEST, { token })).status).toBe(200);
  });

  it("refuses a token whose signature does not hold, or that it did not sign", async () => {
    const [header, payload] = (await clientCredentialsToken()).split(".");
    const claims = decode(payload);
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, client_id: "someone-else" })).toString("base64url")}.${"A".repeat(342)}`;
    expect((await ctx.api.get(MANIFEST, { token: forged })).status).toBe(401);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${payload}.`;
    expect((await ctx.api.get(MANIFEST, { token: unsigned })).status).toBe(401);
  });

  it("compares the signature's canonical base64url exactly: a changed last character or appended padding is refused", async () => {
    const token = await clientCredentialsToken();
    expect((await ctx.api.get(MANIFEST, { token })).status).toBe(200);
    const signature = token.split(".")[2];
    // An RS256 signature is 256 bytes: its last base64url character carries 4 bits of padding, so the one next to it
    // in the alphabet decodes to the same bytes when those bits are ignored.
    const last = signature.at(-1)!;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const neighbour = alphabet[alphabet.indexOf(last) ^ 1];
    expect(Buffer.from(`${signature.slice(0, -1)}${neighbour}`, "base64url")).toEqual(Buffer.from(signature, "base64url"));
    for (const altered of [`${token.slice(0, -1)}${neighbour}`, `${token}==`, `${token}=`]) {
      expect((await ctx.api.get(MANIFEST, { token: altered })).status).toBe(401);
    }
  });
});
