// Shared by the example tests: a stack of one of examples/*, type-checked as a user's run is, configured for the
// test's emulator.
import { TOKEN, type TestEmulator } from "../harness/emulator";
import { PulumiStack } from "../harness/pulumi";

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
