// Which stacks of the fleet run: those named by --stacks, those touched by a change (--changed-since), and this
// job's shard of them (--shard K/N, for a fleet split across CI runners).
import type { FleetStack } from "./discovery";

export interface Shard {
  index: number;
  count: number;
}

/** `names` as given to --stacks: each must be a stack of the fleet. */
export function pickNamed(stacks: FleetStack[], names: string[]): FleetStack[] {
  const unknown = names.filter((n) => !stacks.some((s) => s.name === n));
  if (unknown.length > 0) {
    const known = stacks.map((s) => s.name).join(", ") || "(none)";
    throw new Error(`--stacks names ${unknown.map((n) => `"${n}"`).join(", ")}, which has no Pulumi.<stack>.yaml here; the stacks are: ${known}`);
  }
  return stacks.filter((s) => names.includes(s.name));
}

/**
 * The stacks a change touches. `changed` are paths relative to the project folder (outside it they start with
 * `../`). A changed stack file selects its stack, and so does a changed file its stack file names (e.g. a
 * `connectionsFile: connections/plant-a.json`); any other changed file in the project folder, or one of `programDeps`
 * (the files outside it that the program uses), is the program's and selects every stack. `stackTexts`: each stack
 * file's text, by stack name.
 */
export function pickChanged(
  stacks: FleetStack[],
  changed: readonly string[],
  programDeps: ReadonlySet<string>,
  stackTexts: ReadonlyMap<string, string> = new Map(),
): FleetStack[] {
  const stackFiles = new Set(stacks.map((s) => s.file));
  const namedBy = (file: string) => stacks.filter((s) => stackTexts.get(s.name)?.includes(file));
  const programChanged = changed.some(
    (file) => programDeps.has(file) || (!file.startsWith("../") && !isStackFile(file, stackFiles) && namedBy(file).length === 0),
  );
  if (programChanged) return stacks;
  return stacks.filter((s) => changed.includes(s.file) || changed.some((file) => namedBy(file).includes(s)));
}

/** A stack file of the fleet, or one deleted since (its stack is no longer in the fleet: nothing to run). */
function isStackFile(file: string, fleetFiles: ReadonlySet<string>): boolean {
  return fleetFiles.has(file) || /^Pulumi\.[^/]+\.ya?ml$/.test(file) && file !== "Pulumi.yaml" && file !== "Pulumi.yml";
}

/** Every N-th stack from the K-th on (1-based), in name order, so that N jobs share the fleet without overlap. */
export function pickShard(stacks: FleetStack[], shard: Shard): FleetStack[] {
  return stacks.filter((_, i) => i % shard.count === shard.index - 1);
}
