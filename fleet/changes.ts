// What changed since a git ref, and which files outside the project folder its program depends on: the two inputs
// of --changed-since.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, extname, join, relative, resolve } from "node:path";

function git(cwd: string, args: string[]): string {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? "").trim();
    throw new Error(`git ${args.join(" ")} failed in ${cwd}: ${stderr || (error as Error).message}`);
  }
}

/**
 * Files changed between the ref's merge base with HEAD and the working tree (committed, staged or not, and new
 * untracked files), relative to `projectDir`. The merge base makes a pull request's base branch moving on not count
 * as the pull request's change.
 */
export function changedSince(projectDir: string, ref: string): string[] {
  const root = git(projectDir, ["rev-parse", "--show-toplevel"]).trim();
  let base: string;
  try {
    base = git(projectDir, ["merge-base", ref, "HEAD"]).trim();
  } catch (error) {
    throw new Error(`--changed-since ${ref}: no common history with HEAD (${(error as Error).message}). In CI, check out with fetch-depth: 0 so the ref is there.`);
  }
  const lines = (text: string) => text.split("\n").filter((l) => l !== "");
  const files = [
    ...lines(git(root, ["diff", "--name-only", "--no-renames", base, "--"])),
    ...lines(git(root, ["ls-files", "--others", "--exclude-standard"])),
  ];
  return [...new Set(files)].map((file) => relative(projectDir, join(root, file)));
}

const SOURCE = new Set([".ts", ".tsx", ".mts", ".cts", ".js", ".mjs", ".cjs"]);
const RESOLVE = ["", ".ts", ".tsx", ".js", ".mjs", ".cjs", ".json", "/index.ts", "/index.js"];
const RELATIVE_IMPORT = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)["'](\.{1,2}\/[^"']+)["']/g;

function sourcesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesIn(path);
    return SOURCE.has(extname(entry.name)) ? [path] : [];
  });
}

function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  // A compiled path (./x.js) written in TypeScript source stands for ./x.ts.
  const candidates = [...RESOLVE.map((ext) => base + ext), base.replace(/\.js$/, ".ts")];
  return candidates.find((file) => existsSync(file) && statSync(file).isFile());
}

/**
 * The files outside `projectDir` that its program uses, relative to it: modules reached by relative imports from the
 * program's sources (transitively), and the package.json and package-lock.json of each folder above it up to `root`
 * (which pin the packages it imports).
 */
export function programDependencies(projectDir: string, root = git(projectDir, ["rev-parse", "--show-toplevel"]).trim()): Set<string> {
  const outside = new Set<string>();
  const seen = new Set<string>();
  const queue = sourcesIn(projectDir);
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const inside = !relative(projectDir, file).startsWith("..");
    if (!inside) outside.add(relative(projectDir, file));
    if (!SOURCE.has(extname(file))) continue;
    for (const [, spec] of readFileSync(file, "utf8").matchAll(RELATIVE_IMPORT)) {
      const target = resolveImport(file, spec);
      if (target && !relative(root, target).startsWith("..")) queue.push(target);
    }
  }
  for (let dir = dirname(resolve(projectDir)); !relative(root, dir).startsWith(".."); dir = dirname(dir)) {
    for (const name of ["package.json", "package-lock.json"]) {
      if (existsSync(join(dir, name))) outside.add(relative(projectDir, join(dir, name)));
    }
    if (dir === root || dirname(dir) === dir) break;
  }
  return outside;
}
