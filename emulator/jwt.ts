// Access tokens shaped as Bentley IMS issues them: RS256-signed JWTs (header.payload.signature, base64url) whose
// public key the authority serves as a JWKS, so that Bentley's libraries can decode them and verify them. No HTTP
// here: the token and discovery routes use it, and Auth verifies with it.
import { generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from "node:crypto";

/** The claims the emulator puts in an access token (IMS's own names; `scope` is an array, as IMS writes it). */
export interface AccessTokenClaims {
  /** The authority URL the client called. */
  iss: string;
  aud: string[];
  /** The user (or the service client's user) the token acts for: consent is kept per subject. */
  sub: string;
  client_id: string;
  scope: string[];
  iat: number;
  nbf: number;
  exp: number;
  jti: string;
}

/** One RSA key of the JSON Web Key Set. */
export interface SigningJwk {
  kty: "RSA";
  n: string;
  e: string;
  kid: string;
  use: "sig";
  alg: "RS256";
}

const ALGORITHM = "RS256";

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** The JSON of one base64url part of a JWT, or undefined when it is none. */
function part(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The payload of anything JWT-shaped, unverified (tokens from elsewhere, e.g. a `--token` that is a real IMS JWT). */
export function decodeJwt(token: string): Record<string, unknown> | undefined {
  const parts = token.split(".");
  return parts.length === 3 ? part(parts[1]) : undefined;
}

export class TokenSigner {
  private keys?: { privateKey: KeyObject; publicKey: KeyObject; kid: string };

  /** Made on first use: an emulator that issues no token spends nothing on RSA key generation. */
  private get key(): { privateKey: KeyObject; publicKey: KeyObject; kid: string } {
    if (!this.keys) {
      const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
      this.keys = { privateKey, publicKey, kid: randomBytes(16).toString("hex").toUpperCase() };
    }
    return this.keys;
  }

  /** `claims` is called once the key exists: making it takes up to half a second under load, and a token's lifetime
   * must not start before it can be handed out. */
  sign(claims: () => AccessTokenClaims): string {
    const { privateKey, kid } = this.key;
    const signed = `${encode({ alg: ALGORITHM, kid, typ: "JWT" })}.${encode(claims())}`;
    return `${signed}.${sign("sha256", Buffer.from(signed), privateKey).toString("base64url")}`;
  }

  /** The claims of a token this signer made, when its signature holds and it is within its lifetime at `now` (ms). */
  verify(token: string, now: number): AccessTokenClaims | undefined {
    const parts = token.split(".");
    if (this.keys === undefined || parts.length !== 3) return undefined;
    const [header, payload, signature] = parts;
    const head = part(header);
    if (head?.alg !== ALGORITHM || head.kid !== this.keys.kid) return undefined;
    // Node decodes base64url leniently (stray trailing bits, `=` padding, other characters skipped): only the one
    // canonical spelling of the signature is accepted, as JOSE libraries do.
    const bytes = Buffer.from(signature, "base64url");
    if (bytes.toString("base64url") !== signature) return undefined;
    const valid = verify("sha256", Buffer.from(`${header}.${payload}`), this.keys.publicKey, bytes);
    const claims = valid ? (part(payload) as AccessTokenClaims | undefined) : undefined;
    const seconds = now / 1000;
    return claims && typeof claims.exp === "number" && claims.exp > seconds && claims.nbf <= seconds ? claims : undefined;
  }

  /** The JSON Web Key Set the discovery document's `jwks_uri` serves. */
  jwks(): { keys: SigningJwk[] } {
    const { publicKey, kid } = this.key;
    const { n, e } = publicKey.export({ format: "jwk" }) as { n: string; e: string };
    return { keys: [{ kty: "RSA", n, e, kid, use: "sig", alg: ALGORITHM }] };
  }
}
