// The toolchain end to end: the Pulumi CLI (built offline or installed), the Node.js language host and the
// dynamic-provider launcher run a real program through the file backend.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PulumiStack } from "../harness/pulumi";

describe("Pulumi CLI smoke test", () => {
  const stack = new PulumiStack({ program: "test/programs/smoke", typeCheck: true });
  const path = join(mkdtempSync(join(tmpdir(), "itwin-smoke-")), "marker.txt");
  afterAll(() => stack.dispose());

  it("runs up, refresh and destroy on a dynamic resource", async () => {
    await stack.init({ "itwin-sync-smoke:path": path });

    const up = await stack.up();
    expect(up.stdout).toMatch(/1 created|\+ 2 created/);
    expect(readFileSync(path, "utf8")).toBe("written by pulumi up");
    expect(await stack.outputs()).toEqual({ content: "written by pulumi up" });

    // Drift made outside Pulumi is read back by refresh.
    writeFileSync(path, "changed by hand");
    await stack.ok(["refresh", "--yes", "--skip-preview"]);
    const refreshed = await stack.resource("pulumi-nodejs:dynamic:Resource", "marker");
    expect(refreshed?.outputs?.content).toBe("changed by hand");

    await stack.ok(["destroy", "--yes", "--skip-preview"]);
    expect(existsSync(path)).toBe(false);
  });

  it("reports the CLI version the toolchain pinned", async () => {
    const pinned = readFileSync(join(__dirname, "../../scripts/versions.env"), "utf8").match(/^PULUMI_VERSION=(\S+)/m)![1];
    const version = await stack.run(["version"]);
    expect(version.stdout.trim()).toBe(`v${pinned}`);
  });
});

describe("Pulumi YAML smoke test", () => {
  const stack = new PulumiStack({ program: "test/programs/yaml-smoke" });
  afterAll(() => stack.dispose());

  it("runs a YAML program through the toolchain's YAML language host", async () => {
    await stack.init({ greeting: "hello" });

    const first = await stack.up();
    expect(first.stdout).toMatch(/read pulumi:pulumi:StackReference previous/);
    expect(first.stdout).toMatch(/\+ 1 created/);
    expect(await stack.outputs()).toEqual({ greeting: "hello", previousOutputs: {} });

    // The StackReference reads what the first update recorded: the engine ran the resource for the YAML program.
    await stack.ok(["config", "set", "greeting", "hello again"]);
    await stack.up();
    expect(await stack.outputs()).toEqual({
      greeting: "hello again",
      previousOutputs: { greeting: "hello", previousOutputs: {} },
    });

    await stack.ok(["destroy", "--yes", "--skip-preview"]);
  });

  it("uses the YAML language host the toolchain pinned", async () => {
    const pinned = readFileSync(join(__dirname, "../../scripts/versions.env"), "utf8").match(/^PULUMI_YAML_VERSION=(\S+)/m)![1];
    const about = JSON.parse((await stack.ok(["about", "--json"])).stdout);
    expect(about.runtime).toEqual({ language: "yaml" });
    expect(about.plugins).toContainEqual({ name: "yaml", kind: "language", version: pinned });
  });
});
