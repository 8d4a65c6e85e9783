// The build every npm script starts with (`npm run demo`, `npm run emulator`, …) leaves an up-to-date dist/ alone:
// e2e tests run those scripts while other test files load the plugin and programs from dist/, and a rebuild under
// them once loaded a half-written dist/provider/plugin/server.js (`(0 , server_1.serve) is not a function`).
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exited } from "../harness/process";
import { REPO_ROOT } from "../harness/pulumi";

/** Every file under dist/ with its modification time. */
function stamps(dir = join(REPO_ROOT, "dist")): Map<string, number> {
  const found = new Map<string, number>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    found.set(path, statSync(path).mtimeMs);
  }
  return found;
}

describe("npm run build", () => {
  it("writes nothing when dist/ is up to date (the e2e project's global setup has just built it)", async () => {
    const before = stamps();
    expect(before.get(join(REPO_ROOT, "dist", "provider", "plugin", "server.js"))).toBeDefined();
    const build = await exited(spawn("npm", ["run", "--silent", "build"], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] }));
    expect(build, build.stdout + build.stderr).toMatchObject({ code: 0 });
    const after = stamps();
    const rewritten = [...after].filter(([path, mtime]) => before.get(path) !== mtime).map(([path]) => path);
    expect(rewritten).toEqual([]);
    expect(after.size).toBe(before.size);
  });
});
