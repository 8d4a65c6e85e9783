// Child processes in tests: everything they wrote, once they have exited.
import type { ChildProcess } from "node:child_process";

export interface Exited {
  code: number;
  stdout: string;
  stderr: string;
}

/** Resolves when the process has exited and its output streams are closed; rejects if it could not start. */
export function exited(child: ChildProcess): Promise<Exited> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => (stdout += chunk));
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
