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

function isObject(value: unknown): value is Plain {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !isSecret(value);
}

function containsSecret(value: unknown): boolean {
  if (isSecret(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecret);
  return isObject(value) && Object.values(value).some(containsSecret);
}

/**
 * `outs` with the secretness of `ins` (values as the engine sent them) copied by key: objects key by key, any other
 * value that held a secret made secret whole (an array as a whole). The engine does this itself only for providers
 * that do not accept secrets; this one accepts them, so its answers must carry them back (same rule as the engine's
 * annotateSecrets, sdk/go/common/resource/plugin/provider_plugin.go).
 */
export function keepSecrets(outs: Plain, ins: Plain | undefined): Plain {
  if (!ins) return outs;
  return Object.fromEntries(
    Object.entries(outs).map(([key, out]) => {
      const input = ins[key];
      if (isObject(out) && isObject(input)) return [key, keepSecrets(out, input)];
      return [key, !isSecret(out) && containsSecret(input) ? secret(out) : out];
    }),
  );
}

/** A request's Struct as plain values, secrets revealed; an absent Struct (e.g. Read during import) is `{}`. */
export function fromStruct(struct: Struct | undefined): Plain {
  return struct ? (reveal(struct.toJavaScript()) as Plain) : {};
}

/** Undefined fields dropped (a Struct has no undefined), markers kept; secret where `secretsFrom` had secrets. */
export function toStruct(value: object, secretsFrom?: Struct): Struct {
  const annotated = keepSecrets(value as Plain, secretsFrom?.toJavaScript());
  return Struct.fromJavaScript(JSON.parse(JSON.stringify(annotated)));
}
