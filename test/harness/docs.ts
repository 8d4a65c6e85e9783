// The project's Markdown pages as tests read them: which pages there are, a page's sections and code blocks (the
// snippets tests run as written), its links, and the anchors GitHub generates for its headings.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./pulumi";

/**
 * The pages whose ```ts blocks make the one program test/readme runs, in program order: the README's resource
 * declaration first (it imports and declares `structure`), then the pages whose snippets go on from it.
 * A ```ts block on any other page fails test/docs/links.test.ts: run it here, or fence it as ```typescript.
 */
export const PROGRAM_PAGES = ["README.md", "docs/lookups.md", "docs/resources/storage-connection.md"];

/** Folders under which every *.md is a page of the project (generated and installed trees left out). */
const PAGE_FOLDERS = ["docs", "examples", "bench"];
const NOT_PAGES = new Set(["node_modules", "sdks", "dist"]);

/** Every Markdown page of the project, as paths relative to the repository root: README.md first. */
export function docPages(root = REPO_ROOT): string[] {
  const pages = ["README.md"];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory() && !entry.name.startsWith(".") && !NOT_PAGES.has(entry.name)) walk(path);
      else if (entry.isFile() && entry.name.endsWith(".md")) pages.push(path);
    }
  };
  for (const dir of PAGE_FOLDERS) if (existsSync(join(root, dir))) walk(dir);
  return pages;
}

export function readPage(page: string): string {
  return readFileSync(join(REPO_ROOT, page), "utf8");
}

/** The page's lines with every fenced code block's lines (fences included) blanked, so line numbers stay. */
function proseLines(markdown: string): string[] {
  let fence: string | undefined;
  return markdown.split("\n").map((line) => {
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence === undefined && open) {
      fence = open[1];
      return "";
    }
    if (fence !== undefined) {
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, "") === "") fence = undefined;
      return "";
    }
    return line;
  });
}

/** The section under the heading whose text is `heading`, up to the next heading of the same or a higher level. */
export function section(markdown: string, heading: string): string {
  const lines = markdown.split("\n");
  const prose = proseLines(markdown);
  const start = prose.findIndex((line) => headingOf(line)?.text === heading);
  if (start < 0) throw new Error(`no heading "${heading}"`);
  const level = headingOf(prose[start])!.level;
  const end = prose.findIndex((line, i) => i > start && (headingOf(line)?.level ?? 7) <= level);
  return lines.slice(start, end < 0 ? undefined : end).join("\n");
}

/** The contents of the fenced code blocks tagged `lang` (```ts, ```sh, …), in page order. */
export function codeBlocks(markdown: string, lang: string): string[] {
  return [...markdown.matchAll(/^```([^\n`]*)\n([\s\S]*?)^```$/gm)].filter((m) => m[1].trim() === lang).map((m) => m[2]);
}

function headingOf(line: string): { level: number; text: string } | undefined {
  const m = /^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
  return m ? { level: m[1].length, text: m[2] } : undefined;
}

/** A heading's text as GitHub renders it: code spans, links, images and emphasis reduced to their text. */
function renderedText(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/<[^>]+>/g, "")
    .replace(/(\*+|\b_+|_+\b)/g, (m, _p, offset, whole: string) => (/\w/.test(whole[offset - 1] ?? "") && /\w/.test(whole[offset + m.length] ?? "") ? m : ""));
}

/** GitHub's anchor for a heading's text (github-slugger): lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return renderedText(heading)
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "")
    .replace(/ /g, "-");
}

/** Every anchor a page has: its headings' slugs (repeats numbered -1, -2, … as GitHub does) and HTML ids. */
export function anchors(markdown: string): Set<string> {
  const found = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of proseLines(markdown)) {
    const heading = headingOf(line);
    if (heading) {
      const base = slug(heading.text);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      found.add(n === 0 ? base : `${base}-${n}`);
    }
    for (const m of line.matchAll(/<a\s[^>]*\b(?:id|name)="([^"]+)"/g)) found.add(m[1]);
  }
  return found;
}

export interface Link {
  line: number;
  target: string;
}

/** Every link and image target of a page outside code: inline, reference definitions and HTML href/src. */
export function links(markdown: string): Link[] {
  // Code spans blanked in place (newlines kept), so a link text wrapped over lines is still one match and its
  // position still gives its line.
  const prose = proseLines(markdown)
    .join("\n")
    .replace(/(`+)[\s\S]*?\1/g, (span) => span.replace(/[^\n]/g, " "));
  const patterns = [
    /!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g,
    /^ {0,3}\[[^\]]+\]:[ \t]*<?(\S+?)>?(?:\s|$)/gm,
    /\b(?:href|src)="([^"]+)"/g,
  ];
  return patterns
    .flatMap((pattern) => [...prose.matchAll(pattern)])
    .sort((a, b) => a.index! - b.index!)
    .map((m) => ({ line: prose.slice(0, m.index).split("\n").length, target: m[1] }));
}

/** The number of lines as `wc -l` and an editor count them (a last line without a newline counts). */
export function lineCount(text: string): number {
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}
