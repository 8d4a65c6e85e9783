// The emulator as its own process (the built CLI, dist/emulator/cli.js), for tests that crash it or run two.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { exited, type Exited } from "./process";

const CLI = join(__dirname, "..", "..", "dist", "emulator", "cli.js");
/** Every emulator started and not yet exited, for `killLeftovers`. */
const running = new Set<ChildProcess>();

export interface EmulatorProcess {
  url: string;
  child: ChildProcess;
  /** Resolves once the process has exited. */
  done: Promise<Exited>;
}

/** Starts the CLI with `args` (fast runs unless told otherwise); resolves once it listens, or rejects with what it
 * printed when it exits first. */
export function startEmulatorProcess(args: string[]): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, [CLI, "--port", "0", "--run-step-ms", "20", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const done = exited(child);
  running.add(child);
  void done.finally(() => running.delete(child));
  return new Promise((resolve, reject) => {
    let text = "";
    child.stdout!.on("data", (chunk) => {
      text += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(text)?.[1];
      if (url) resolve({ url, child, done });
    });
    done.then(
      (result) => reject(new Error(`the emulator exited ${result.code} before listening: ${result.stderr}`)),
      reject,
    );
  });
}

/** SIGKILL: no handler runs, nothing is flushed. */
export async function killHard(emulator: EmulatorProcess): Promise<void> {
  emulator.child.kill("SIGKILL");
  await emulator.done;
}

/** SIGTERM: the emulator closes as the CLI does on Ctrl-C. */
export async function stop(emulator: EmulatorProcess): Promise<Exited> {
  emulator.child.kill("SIGTERM");
  return emulator.done;
}

/** SIGKILLs the emulators a test left running (one that failed or timed out before stopping them): call in afterEach. */
export async function killLeftovers(): Promise<void> {
  const left = [...running];
  for (const child of left) child.kill("SIGKILL");
  await Promise.all(left.map((child) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once("close", resolve)))));
}
