// `node dist/emulator/cli.js --port 5050 [options]`: prints one line with the URL to stdout, then serves until
// SIGINT/SIGTERM. Secrets given as flags are never printed.
import { parseArgs } from "node:util";
import { startEmulator, type EmulatorOptions } from "./index";

const USAGE = `Usage: node dist/emulator/cli.js [options]
  --port <n>               port on 127.0.0.1 (0 = any free one; default 0)
  --host <address>         address to listen on (default 127.0.0.1)
  --run-step-ms <n>        duration of each run step (default 300; a run completes in 6 steps)
  --require-user-consent   runs of User connections end in UserNotAuthenticated until the user who starts
                             them consents (authorizationinformation's authorizationUrl)
  --token <value>          accept only this Bearer token (and tokens issued by /connect/token)
  --client-id <id>         with --client-secret: the client /connect/token serves; the API then accepts only
  --client-secret <s>        tokens it issued (and --token)
  --token-ttl <s>          lifetime of issued tokens (default 3600)
  --fixtures <file.json>   load more fixtures (seed.json format); repeatable
  --no-seed                start without the documented examples
  --data <file>            keep the whole state in this file (SQLite; restored at start; each change is saved
                             before it is answered; locked: one emulator per file)
  --public-url <url>       origin (and path) of every link and Location (default: the one each client called)
  --request-log-size <n>   requests /__emulator/requests keeps, newest (default 1000; 0 keeps none)
  --request-log-bytes <n>  and the most bytes they take together (default 16777216); bodies over 64 KiB are cut
  --idle-timeout-ms <n>    close sockets silent this long (default 60000)
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
  token: { type: "string" },
  "client-id": { type: "string" },
  "client-secret": { type: "string" },
  "token-ttl": { type: "string" },
  fixtures: { type: "string", multiple: true },
  "no-seed": { type: "boolean" },
  data: { type: "string" },
  "public-url": { type: "string" },
  "request-log-size": { type: "string" },
  "request-log-bytes": { type: "string" },
  "idle-timeout-ms": { type: "string" },
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

/** The options the flags ask for, or `help` when --help is given; throws on unknown flags and bad values. */
export function parseCliArgs(argv: string[]): EmulatorOptions | "help" {
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
    token: values.token,
    clientId: values["client-id"],
    clientSecret: values["client-secret"],
    tokenTtlSeconds: number("token-ttl", values["token-ttl"]),
    seed: !values["no-seed"],
    fixtures: values.fixtures,
    dataFile: values.data,
    publicUrl: values["public-url"],
    requestLogSize: number("request-log-size", values["request-log-size"]),
    requestLogBytes: number("request-log-bytes", values["request-log-bytes"]),
    idleTimeoutMs: number("idle-timeout-ms", values["idle-timeout-ms"]),
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
