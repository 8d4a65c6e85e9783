// Shared by the example tests: an emulator per test file, and stacks of examples/* configured for it, type-checked
// as a user's run is.
import { afterAll, beforeAll } from "vitest";
import type { SyncClient } from "../../provider/client/sync-client";
import { TestEmulator, TOKEN } from "../harness/emulator";
import { PulumiStack } from "../harness/pulumi";

/** Started before the file's tests and closed after all its other hooks; read the fields inside tests and hooks. */
export function useEmulator(): { emulator: TestEmulator; api: SyncClient } {
  const context = {} as { emulator: TestEmulator; api: SyncClient };
  beforeAll(async () => {
    context.emulator = await TestEmulator.start({ token: TOKEN });
    context.api = context.emulator.client();
  });
  afterAll(() => context.emulator.close());
  return context;
}

/** `program` is the folder under examples/; `env` e.g. another stack's PULUMI_BACKEND_URL, to share its backend. */
export async function exampleStack(
  emulator: TestEmulator,
  program: string,
  config: Record<string, string>,
  env: Record<string, string> = {},
): Promise<PulumiStack> {
  const stack = new PulumiStack({ program: `examples/${program}`, typeCheck: true, env });
  await stack.init({ "itwin:baseUrl": emulator.url, ...config }, { "itwin:accessToken": TOKEN });
  return stack;
}
