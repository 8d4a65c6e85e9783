// The processes a Pulumi command starts (language host, program, dynamic provider), read from /proc: the fault suite
// kills one of them midway, and afterwards ends whatever the killed command left running.
import { readFileSync, readdirSync } from "node:fs";

/** Every process below `pid`: children, theirs, and so on. */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readOrEmpty(`/proc/${entry}/stat`);
    // "pid (comm) state ppid …": comm may hold spaces, so read after its closing parenthesis.
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid)!.push(Number(entry));
  }
  const found: number[] = [];
  for (let queue = [pid]; queue.length > 0; ) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

export function commandLine(pid: number): string {
  return readOrEmpty(`/proc/${pid}/cmdline`).split("\0").join(" ");
}

/** SIGKILL, tolerating a process that already exited. */
export function kill(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // gone already
  }
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return ""; // the process exited while we looked
  }
}
