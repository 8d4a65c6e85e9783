// Peak resident memory (VmHWM) of the provider processes a Pulumi command starts, read from /proc while the command
// runs: the provider is a grandchild of the CLI and exits with it, so it is sampled, and its peak is kept.
import { readdirSync, readFileSync } from "node:fs";

/** Matches the command line of a provider process: the dynamic-provider host, or the native plugin's server. */
const PROVIDER_PROCESS = /cmd\/dynamic-provider|provider\/plugin\/main\.js/;

function read(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined; // the process exited meanwhile
  }
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    // Field 4 (ppid) follows the command name, which is in parentheses and may contain spaces.
    const ppid = stat && Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (ppid) children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** Samples the provider processes under `root` every `intervalMs` until stopped; `stop()` gives the peak in bytes. */
export function watchProviderMemory(root: number, intervalMs = 200): { stop(): number | undefined } {
  const peaks = new Map<number, number>();
  const sample = () => {
    for (const pid of descendants(root)) {
      const cmdline = read(`/proc/${pid}/cmdline`);
      if (!cmdline || !PROVIDER_PROCESS.test(cmdline)) continue;
      const kib = /VmHWM:\s+(\d+) kB/.exec(read(`/proc/${pid}/status`) ?? "")?.[1];
      if (kib) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, Number(kib) * 1024));
    }
  };
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return peaks.size > 0 ? Math.max(...peaks.values()) : undefined;
    },
  };
}
