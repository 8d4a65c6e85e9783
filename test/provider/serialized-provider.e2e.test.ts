// The `__provider` text every StorageConnection stores (twice) in state: loaded the way the dynamic-provider host
// loads it (require-from-string, then handler()), it must hand back the runtime's provider, and stay one short line.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { SERIALIZED_PROVIDER } from "../../provider/dynamic-provider";

// The host's own loader, from where @pulumi/pulumi resolves it.
const requireFromString: (code: string) => { handler(): Record<string, unknown> } = createRequire(
  require.resolve("@pulumi/pulumi"),
)("require-from-string");

describe("the serialized provider", () => {
  it("loads the runtime's provider with every method the host calls", () => {
    const provider = requireFromString(SERIALIZED_PROVIDER).handler();
    for (const method of ["configure", "check", "diff", "create", "read", "update", "delete"]) {
      expect(typeof provider[method], method).toBe("function");
    }
  });

  it("is one line of code: no comments, no settings, a few hundred bytes", () => {
    expect(SERIALIZED_PROVIDER).not.toMatch(/\n|\/\/|\/\*/);
    expect(SERIALIZED_PROVIDER).not.toMatch(/itwin:|ITWIN_|token/i);
    expect(SERIALIZED_PROVIDER.length).toBeLessThan(300);
  });
});
