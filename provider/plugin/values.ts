// Property values across the gRPC boundary: protobuf Structs to plain objects and back, with Pulumi's secret and
// unknown markers (the engine's wire forms for a secret value and for a value not known during preview).
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { UNKNOWN } from "../storage-connection/check";

export { UNKNOWN };
/** Key and value that mark an object as a special Pulumi value; with this value, a secret `{ value }`. */
const SPECIAL_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

type Plain = Record<string, unknown>;

function isSecret(value: unknown): value is { value: unknown } {
  return typeof value === "object" && value !== null && (value as Plain)[SPECIAL_SIG] === SECRET_SIG;
}

/** Secrets replaced by their values, at any depth: the provider works on plain values; the engine keeps secrecy. */
export function reveal(value: unknown): unknown {
  if (isSecret(value)) return reveal(value.value);
  if (Array.isArray(value)) return value.map(reveal);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reveal(v)]));
  }
  return value;
}

export function secret(value: unknown): Plain {
  return { [SPECIAL_SIG]: SECRET_SIG, value };
}

/** A request's Struct as plain values, secrets revealed; an absent Struct (e.g. Read during import) is `{}`. */
export function fromStruct(struct: Struct | undefined): Plain {
  return struct ? (reveal(struct.toJavaScript()) as Plain) : {};
}

/** Undefined fields dropped (a Struct has no undefined), markers kept as they are. */
export function toStruct(value: object): Struct {
  return Struct.fromJavaScript(JSON.parse(JSON.stringify(value)));
}
