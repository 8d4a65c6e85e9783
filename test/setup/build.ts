// The e2e project's global setup: builds dist/ once, before any test starts, with the package's own build script.
// The tests then spawn the plugin, the emulator's command line and programs from dist/; the npm scripts some of them
// run (`npm run demo`, `npm run emulator`) build too, and find it up to date (`tsc -b`), so nothing rewrites dist/
// while another test loads it.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

export default function build(): void {
  const { status, stdout, stderr, error } = spawnSync("npm", ["run", "--silent", "build"], {
    cwd: resolve(__dirname, "../.."),
    encoding: "utf8",
  });
  if (error) throw error;
  if (status !== 0) throw new Error(`npm run build exited ${status}\n${stdout}${stderr}`);
}
