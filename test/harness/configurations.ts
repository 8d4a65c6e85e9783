// The configuration calls a step makes, from the emulator's request log, in the order received.
import type { TestEmulator } from "./emulator";

export interface ConfigurationCall {
  /** `METHOD path`. */
  call: string;
  body?: unknown;
}

export async function configurationRequests(emulator: TestEmulator, step: () => Promise<unknown>): Promise<ConfigurationCall[]> {
  await emulator.clearRequests();
  await step();
  return (await emulator.requests())
    .filter((r) => r.path.startsWith("/synchronization/configurations/"))
    .map((r) => ({ call: `${r.method} ${r.path}`, ...(r.body !== undefined && { body: r.body }) }));
}

/** `METHOD path` of each configuration call `step` makes. */
export async function configurationCalls(emulator: TestEmulator, step: () => Promise<unknown>): Promise<string[]> {
  return (await configurationRequests(emulator, step)).map((r) => r.call);
}
