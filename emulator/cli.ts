// `node dist/emulator/cli.js --port 5050 [options]`: prints one line with the URL to stdout (warnings to stderr), then
// serves until SIGINT/SIGTERM. Secrets given as flags are never printed; since any user of the machine sees a
// command line (`ps`), each can come from a file or the environment instead.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { startEmulator, type EmulatorOptions } from "./index";

const USAGE = `Usage: node dist/emulator/cli.js [options]
  --port <n>               port on 127.0.0.1 (0 = any free one; default 0)
  --host <address>         address to listen on (default 127.0.0.1)
  --run-step-ms <n>        duration of each run step (default 300; a run completes in 6 steps)
  --require-user-consent   runs of User connections end in UserNotAuthenticated until the user who starts
                             them consents (authorizationinformation's authorizationUrl)
  --require-known-imodels  connections (and iModel configurations) only for iModels the iModels API knows:
                             created through it or in the fixtures (others: 422, docs/api-gaps.md)
  --token <value>          accept only this Bearer token (and tokens issued by /connect/token); alone, the
                             token endpoint issues none
  --token-file <file>      the same, read from a file; or ITWIN_EMULATOR_TOKEN in the environment
  --client-id <id>         with --client-secret: the client /connect/token serves; the API then accepts only
  --client-secret <s>        tokens it issued (and --token)
  --client-secret-file <f> the same, read from a file; or ITWIN_EMULATOR_CLIENT_SECRET in the environment
  --control-token <value>  the Bearer token /__emulator requires; beyond loopback it requires this, or else
                             the API's credentials (--token, or a token issued to --client-id)
  --control-token-file <f> the same, read from a file; or ITWIN_EMULATOR_CONTROL_TOKEN in the environment
                           A secret given as a flag shows in \`ps\` to every user of the machine: prefer its
                             file or its environment variable.
  --token-ttl <s>          lifetime of issued tokens in whole seconds (default 3600)
  --allowed-redirect <url> consent (/connect/authorize) redirects only to the redirectUrl its request named, and
                             with this flag only when that is under one of these URLs; repeatable
  --fixtures <file.json>   load more fixtures (seed.json format); repeatable
  --no-seed                start without the documented examples
  --data <file>            keep the whole state in this file (SQLite; restored at start; each change is saved
                             before it is answered; locked: one emulator per file)
  --public-url <url>       origin (and path) of every link and Location (default: the one each client called)
  --request-log-size <n>   requests /__emulator/requests keeps, newest (default 1000; 0 keeps none)
  --request-log-bytes <n>  and the most bytes they take together (default 16777216); bodies over 64 KiB are cut
  --idle-timeout-ms <n>    close sockets silent this long (default 60000)
  --request-timeout-ms <n> answer 408 to a request whose headers and body take longer to arrive (default 30000)
  --latency-ms <n>         time every API request takes; it still takes effect when its client gave up
  --fail-rate <0..1>       share of API requests answered 429 or 503
  --reset-rate <0..1>      share of API connections dropped without an answer
  --rate-limit <n>         API requests allowed per sliding minute (429 beyond)
  --help                   this text`;

const OPTIONS = {
  port: { type: "string" },
  host: { type: "string" },
  "run-step-ms": { type: "string" },
  "require-user-consent": { type: "boolean" },
  "require-known-imodels": { type: "boolean" },
  token: { type: "string" },
  "token-file": { type: "string" },
  "client-id": { type: "string" },
  "client-secret": { type: "string" },
  "client-secret-file": { type: "string" },
  "control-token": { type: "string" },
  "control-token-file": { type: "string" },
  "token-ttl": { type: "string" },
  "allowed-redirect": { type: "string", multiple: true },
  fixtures: { type: "string", multiple: true },
  "no-seed": { type: "boolean" },
  data: { type: "string" },
  "public-url": { type: "string" },
  "request-log-size": { type: "string" },
  "request-log-bytes": { type: "string" },
  "idle-timeout-ms": { type: "string" },
  "request-timeout-ms": { type: "string" },
  "latency-ms": { type: "string" },
  "fail-rate": { type: "string" },
  "reset-rate": { type: "string" },
  "rate-limit": { type: "string" },
  help: { type: "boolean" },
} as const;

function number(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === "" || !Number.isFinite(parsed)) throw new Error(`--${flag} needs a number, got "${value}"`);
  return parsed;
}

type SecretFlag = "token" | "client-secret" | "control-token";

/** A secret from `--<flag>`, `--<flag>-file` (its content, without the final newline) or `variable`, in that order. */
function secret(values: Partial<Record<SecretFlag | `${SecretFlag}-file`, string>>, flag: SecretFlag, env: NodeJS.ProcessEnv, variable: string): string | undefined {
  const given = values[flag];
  const file = values[`${flag}-file`];
  if (given !== undefined && file !== undefined) throw new Error(`--${flag} and --${flag}-file: give one of them`);
  if (file === undefined) return given ?? (env[variable] || undefined);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`--${flag}-file ${file}: ${(error as Error).message}`);
  }
  const value = text.replace(/\r?\n$/, "");
  if (value === "") throw new Error(`--${flag}-file ${file} is empty`);
  return value;
}

/** The options the flags (and the ITWIN_EMULATOR_* variables of `env`) ask for, or `help` when --help is given;
 * throws on unknown flags and bad values. */
export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): EmulatorOptions | "help" {
  const { values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false });
  if (values.help) return "help";
  const faults = {
    latencyMs: number("latency-ms", values["latency-ms"]),
    failRate: number("fail-rate", values["fail-rate"]),
    resetRate: number("reset-rate", values["reset-rate"]),
    rateLimit: number("rate-limit", values["rate-limit"]),
  };
  return {
    port: number("port", values.port),
    host: values.host,
    runStepMs: number("run-step-ms", values["run-step-ms"]),
    requireUserConsent: values["require-user-consent"],
    requireKnownIModels: values["require-known-imodels"],
    token: secret(values, "token", env, "ITWIN_EMULATOR_TOKEN"),
    clientId: values["client-id"],
    clientSecret: secret(values, "client-secret", env, "ITWIN_EMULATOR_CLIENT_SECRET"),
    controlToken: secret(values, "control-token", env, "ITWIN_EMULATOR_CONTROL_TOKEN"),
    tokenTtlSeconds: number("token-ttl", values["token-ttl"]),
    allowedRedirects: values["allowed-redirect"],
    seed: !values["no-seed"],
    fixtures: values.fixtures,
    dataFile: values.data,
    publicUrl: values["public-url"],
    requestLogSize: number("request-log-size", values["request-log-size"]),
    requestLogBytes: number("request-log-bytes", values["request-log-bytes"]),
    idleTimeoutMs: number("idle-timeout-ms", values["idle-timeout-ms"]),
    requestTimeoutMs: number("request-timeout-ms", values["request-timeout-ms"]),
    faults: Object.fromEntries(Object.entries(faults).filter(([, value]) => value !== undefined)),
  };
}

async function main(): Promise<void> {
  let options: EmulatorOptions | "help";
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options === "help") {
    console.log(USAGE);
    return;
  }
  const emulator = await startEmulator(options);
  for (const warning of emulator.warnings) console.error(`emulator: ${warning}`);
  console.log(`iTwin Synchronization API emulator listening on ${emulator.url}`);
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`emulator: ${(error as Error).message}`);
    process.exit(1);
  });
}
