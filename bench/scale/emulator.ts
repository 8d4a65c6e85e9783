// The emulator as its own process (so it never competes with R for this process's event loop), driven through its
// control endpoint: faults, and the request log that gives calls per operation.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import type { FaultSettings, LoggedRequest } from "../../emulator";

export const BENCH_TOKEN = "scale-bench-token-not-a-secret";
/** Requests the emulator's log keeps: more than any one command of the largest fleet sends. */
const REQUEST_LOG_SIZE = 500_000;
/** And the bytes they take, far above the default 16 MiB. */
const REQUEST_LOG_BYTES = 4 * 1024 ** 3;

/** Starts the emulator's CLI (`cli`, a dist/emulator/cli.js) with `args`; resolves once it listens. */
export async function spawnEmulator(cli: string, args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      const match = /listening on (\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`the emulator exited (${code}) before listening`)));
  });
  return { child, url };
}

export class EmulatorProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  /** Starts `dist/emulator/cli.js` on a free port, without the seed, answering after `latencyMs`. */
  static async start(distRoot: string, latencyMs: number): Promise<EmulatorProcess> {
    // The log must hold every request of one command (it is emptied after each): far above the default 1000.
    const args = ["--port", "0", "--no-seed", "--token", BENCH_TOKEN, "--latency-ms", String(latencyMs), "--request-log-size", String(REQUEST_LOG_SIZE), "--request-log-bytes", String(REQUEST_LOG_BYTES)];
    const { child, url } = await spawnEmulator(join(distRoot, "emulator", "cli.js"), args);
    return new EmulatorProcess(child, url);
  }

  async faults(patch: Partial<FaultSettings>): Promise<void> {
    const res = await fetch(`${this.url}/__emulator/faults`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(patch) });
    if (!res.ok) throw new Error(`PUT /__emulator/faults: ${res.status} ${await res.text()}`);
  }

  /** The API requests logged since the last call, oldest first (every page); the log is emptied after reading. */
  async takeRequests(): Promise<LoggedRequest[]> {
    const requests: LoggedRequest[] = [];
    let next: string | undefined = `${this.url}/__emulator/requests`;
    while (next) {
      const res = await fetch(next);
      if (!res.ok) throw new Error(`GET /__emulator/requests: ${res.status} ${await res.text()}`);
      const page = (await res.json()) as { requests: LoggedRequest[]; dropped: number; _links: { next?: { href: string } } };
      if (page.dropped > 0) throw new Error(`the request log dropped ${page.dropped} entries: counts would be short`);
      requests.push(...page.requests);
      next = page._links.next?.href;
    }
    if (requests.length >= REQUEST_LOG_SIZE) throw new Error(`the request log is full (${REQUEST_LOG_SIZE}): counts would be short`);
    await fetch(`${this.url}/__emulator/requests`, { method: "DELETE" });
    return requests;
  }

  stop(): void {
    this.child.kill("SIGTERM");
  }
}

const ROUTE_WORDS = new Set(["synchronization", "imodels", "storageconnections", "sourcefiles", "runs", "run"]);

/** `GET storageconnections/{id}/sourcefiles`: the request's route, ids and query left out. */
export function route(request: LoggedRequest): string {
  const path = request.path.split("?")[0];
  const parts = path.split("/").filter(Boolean).map((part) => (ROUTE_WORDS.has(part) ? part : "{id}"));
  return `${request.method} ${parts.filter((p) => p !== "synchronization" && p !== "imodels").join("/")}`;
}
