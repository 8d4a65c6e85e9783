// The README is a front door of at most 250 lines, and every relative link and #anchor of the project's pages
// (README.md, docs/**, the examples' and benchmarks' pages) resolves: the file exists, and the anchor is a heading
// slug GitHub generates (or an HTML id) on the page linked to. Fast: files only, no CLI.
import { existsSync, statSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";
import { anchors, codeBlocks, docPages, lineCount, links, PROGRAM_PAGES, readPage, slug } from "../harness/docs";
import { REPO_ROOT } from "../harness/pulumi";

const README_MAX_LINES = 250;

/** What is wrong with one link of `page`, or undefined when it resolves. */
function brokenLink(page: string, target: string, readAnchors: (page: string) => Set<string>): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined; // https:, mailto: … are not the repository's
  const hash = target.indexOf("#");
  const path = decodeURIComponent(hash < 0 ? target : target.slice(0, hash));
  const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
  const linked = path === "" ? page : normalize(path.startsWith("/") ? path.slice(1) : join(dirname(page), path));
  if (linked.startsWith("..")) return `${linked} is outside the repository`;
  if (!existsSync(join(REPO_ROOT, linked))) return `${linked} does not exist`;
  if (anchor === undefined) return undefined;
  if (!linked.endsWith(".md") || statSync(join(REPO_ROOT, linked)).isDirectory()) {
    return /^L\d+(-L\d+)?$/.test(anchor) ? undefined : `#${anchor} points into ${linked}, which has no headings`;
  }
  return readAnchors(linked).has(anchor) ? undefined : `${linked} has no heading whose anchor is #${anchor}`;
}

describe("the project's pages", () => {
  const pages = docPages();
  const cache = new Map<string, Set<string>>();
  const readAnchors = (page: string) => cache.get(page) ?? cache.set(page, anchors(readPage(page))).get(page)!;

  it("include the README, every docs page and the moved reference", () => {
    for (const page of ["README.md", "docs/plugin.md", "docs/resources/storage-connection.md", "docs/configuration.md", "docs/errors.md"]) {
      expect(pages).toContain(page);
    }
  });

  it(`README.md is a front door of at most ${README_MAX_LINES} lines`, () => {
    expect(lineCount(readPage("README.md"))).toBeLessThanOrEqual(README_MAX_LINES);
  });

  it("link only to files that exist and to anchors their headings generate", () => {
    const broken = pages.flatMap((page) =>
      links(readPage(page)).flatMap(({ line, target }) => {
        const why = brokenLink(page, target, readAnchors);
        return why ? [`${page}:${line}: (${target}) ${why}`] : [];
      }),
    );
    expect(broken).toEqual([]);
    // The check looked at real links, relative ones and anchors among them.
    const all = pages.flatMap((page) => links(readPage(page)).map((l) => l.target));
    expect(all.filter((t) => t.includes("#")).length).toBeGreaterThan(10);
    expect(all.filter((t) => t.startsWith("docs/")).length).toBeGreaterThan(10);
  });

  it("run every ```ts snippet in test/readme: no page outside its list has one", () => {
    const elsewhere = pages.filter((page) => !PROGRAM_PAGES.includes(page) && codeBlocks(readPage(page), "ts").length > 0);
    expect(elsewhere, "a ```ts block runs in test/readme: add its page to PROGRAM_PAGES or fence it as ```typescript").toEqual([]);
    for (const page of PROGRAM_PAGES) expect(codeBlocks(readPage(page), "ts").length, page).toBeGreaterThan(0);
  });
});

describe("the link check", () => {
  it("slugs headings as GitHub does", () => {
    expect(slug("Recovering after an interrupted `up`")).toBe("recovering-after-an-interrupted-up");
    expect(slug("The plugin's TypeScript SDK")).toBe("the-plugins-typescript-sdk");
    expect(slug("Limits of dynamic providers, and how this one handles them")).toBe("limits-of-dynamic-providers-and-how-this-one-handles-them");
    expect(slug("The `itwin` plugin: Pulumi YAML and `pulumi import`")).toBe("the-itwin-plugin-pulumi-yaml-and-pulumi-import");
    expect(slug("Why not `pulumi.provider.main`")).toBe("why-not-pulumiprovidermain");
    expect(slug("Set up (the **two** commands) — [docs](x.md)")).toBe("set-up-the-two-commands--docs");
    expect(slug("ITWIN_ADOPT_ON_CONFLICT and `snake_case`")).toBe("itwin_adopt_on_conflict-and-snake_case");
  });

  it("numbers repeated headings and ignores headings inside code blocks", () => {
    const page = "# A\n\n## Notes\n\n```sh\n# Notes\n```\n\n## Notes\n";
    expect([...anchors(page)]).toEqual(["a", "notes", "notes-1"]);
  });

  it("finds links outside code only, and reports a missing file and a missing anchor", () => {
    const page = "See [a](docs/plugin.md#install), `[b](nowhere.md)` and\n```\n[c](nowhere.md)\n```\n[d](docs/nope.md) [e\nwrapped](#nope)\n";
    expect(links(page)).toEqual([
      { line: 1, target: "docs/plugin.md#install" },
      { line: 5, target: "docs/nope.md" },
      { line: 5, target: "#nope" },
    ]);
    const read = (p: string) => anchors(readPage(p));
    expect(brokenLink("README.md", "docs/plugin.md#install", read)).toBeUndefined();
    expect(brokenLink("README.md", "docs/nope.md", read)).toBe("docs/nope.md does not exist");
    expect(brokenLink("README.md", "#nope", read)).toBe("README.md has no heading whose anchor is #nope");
    expect(brokenLink("docs/plugin.md", "../bench/scale.svg", read)).toBeUndefined();
    expect(brokenLink("README.md", "https://api.bentley.com/#x", read)).toBeUndefined();
  });
});
