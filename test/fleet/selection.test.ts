// Which stacks run: --stacks, --changed-since (a stack file selects its stack, the program selects all), --shard;
// and the command line's checks.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { parseCommand } from "../../fleet/args";
import { programDependencies } from "../../fleet/changes";
import { discoverStacks } from "../../fleet/discovery";
import { pickChanged, pickNamed, pickShard } from "../../fleet/selection";
import { REPO_ROOT } from "../harness/pulumi";

const stacks = ["a", "b", "c", "d", "e"].map((name) => ({ name, file: `Pulumi.${name}.yaml` }));
const names = (list: Array<{ name: string }>) => list.map((s) => s.name);

describe("selection", () => {
  it("--stacks picks the named ones and names any unknown one with the stacks there are", () => {
    expect(names(pickNamed(stacks, ["c", "a"]))).toEqual(["a", "c"]);
    expect(() => pickNamed(stacks, ["a", "z"])).toThrow('--stacks names "z", which has no Pulumi.<stack>.yaml here; the stacks are: a, b, c, d, e');
  });

  it("--changed-since: a changed stack file selects its stack; a deleted one nothing; files outside the program nothing", () => {
    expect(names(pickChanged(stacks, ["Pulumi.b.yaml", "Pulumi.gone.yaml", "../README.md"], new Set()))).toEqual(["b"]);
    expect(pickChanged(stacks, [], new Set())).toEqual([]);
  });

  it("--changed-since: a change to the program (in the folder, or a file outside it the program uses) selects every stack", () => {
    expect(pickChanged(stacks, ["index.ts"], new Set())).toEqual(stacks);
    expect(pickChanged(stacks, ["Pulumi.yaml"], new Set())).toEqual(stacks);
    expect(pickChanged(stacks, ["../../package-lock.json"], new Set(["../../package-lock.json"]))).toEqual(stacks);
  });

  it("--changed-since: a changed file a stack file names (its connectionsFile) selects that stack only", () => {
    const texts = new Map([["b", "config:\n  p:connectionsFile: connections/b.json\n"]]);
    expect(names(pickChanged(stacks, ["connections/b.json"], new Set(), texts))).toEqual(["b"]);
    expect(pickChanged(stacks, ["connections/unnamed.json"], new Set(), texts)).toEqual(stacks);
  });

  it("--shard K/N: every N-th stack from the K-th, so N jobs cover the fleet once", () => {
    const shards = [1, 2, 3].map((index) => names(pickShard(stacks, { index, count: 3 })));
    expect(shards).toEqual([["a", "d"], ["b", "e"], ["c"]]);
  });

  it("finds examples/fleet's stacks, and the files outside it its program depends on", () => {
    const dir = join(REPO_ROOT, "examples", "fleet");
    expect(names(discoverStacks(dir))).toEqual(["campus", "plant-north", "plant-south"]);
    expect([...programDependencies(dir, REPO_ROOT)].sort()).toEqual(["../../package-lock.json", "../../package.json"]);
  });
});

describe("the command line", () => {
  it("takes every flag of the issue", () => {
    const command = parseCommand(["up", "--cwd", "x", "--stacks", "a,b", "--changed-since", "origin/main", "--parallel", "3", "--max-requests-per-minute", "500", "--report", "r.md", "--json", "r.json", "--expect-no-changes", "--no-refresh", "--yes", "--shard", "2/4"]);
    expect(command).toEqual({
      kind: "run", operation: "up", cwd: "x", stacks: ["a", "b"], changedSince: "origin/main", shard: { index: 2, count: 4 }, parallel: 3,
      maxRequestsPerMinute: 500, refresh: false, yes: true, report: "r.md", json: "r.json", expectNoChanges: true,
    });
    expect(parseCommand(["report", "--merge", "a.json", "b.json", "--report", "m.md"])).toEqual({ kind: "merge", files: ["a.json", "b.json"], report: "m.md", json: undefined, expectNoChanges: false });
  });

  it("names the bad flag and what it takes", () => {
    expect(() => parseCommand(["apply"])).toThrow('unknown operation "apply"; it is one of preview, up, refresh, drift, destroy, or report --merge');
    expect(() => parseCommand(["up", "--parallel", "0"])).toThrow('--parallel takes a whole number above 0; got "0"');
    expect(() => parseCommand(["drift", "--no-refresh"])).toThrow("--no-refresh is for preview and up (which refresh first by default); drift always refreshes");
    expect(() => parseCommand(["up", "--shard", "3/2"])).toThrow('--shard takes K/N with 1 <= K <= N');
    expect(() => parseCommand(["report", "a.json"])).toThrow("report takes --merge");
    expect(() => parseCommand(["up", "--frobnicate"])).toThrow(/frobnicate/);
  });
});
