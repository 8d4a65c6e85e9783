// Identifier formats of the emulated service, shaped like the documented ones.
import { createHash, randomBytes, randomUUID } from "node:crypto";

/** Connection ids are 32 bytes in base64url (43 characters), like `MWplZe9Uf0iR1IDMqyOMLqBN0_wHEVBGg_CzJmXdmE4`. */
const CONNECTION_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function isConnectionId(value: string): boolean {
  return CONNECTION_ID_PATTERN.test(value);
}

export function newConnectionId(): string {
  return randomBytes(32).toString("base64url");
}

/** Source files and runs are GUIDs. */
export function newGuid(): string {
  return randomUUID();
}

/** Jobs and tasks are 40 hex digits, like `d6ecbdc8c4f6173004f9f881914a57c5511a362b`. */
export function newEntityId(): string {
  return randomBytes(20).toString("hex");
}

/** A GUID that always comes out the same for `seed` (a name-based, version 5 style GUID). */
export function derivedGuid(seed: string): string {
  const hex = createHash("sha1").update(seed).digest("hex").slice(0, 32).split("");
  hex[12] = "5";
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
