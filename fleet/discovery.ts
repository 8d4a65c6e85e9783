// The fleet of a project: one stack per Pulumi.<stack>.yaml beside its Pulumi.yaml.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface FleetStack {
  name: string;
  /** The stack file, relative to the project folder. */
  file: string;
}

const STACK_FILE = /^Pulumi\.(.+)\.ya?ml$/;

export function discoverStacks(projectDir: string): FleetStack[] {
  if (!existsSync(join(projectDir, "Pulumi.yaml")) && !existsSync(join(projectDir, "Pulumi.yml"))) {
    throw new Error(`${projectDir} has no Pulumi.yaml: point --cwd at the project whose Pulumi.<stack>.yaml files are the fleet`);
  }
  return readdirSync(projectDir)
    .map((file) => ({ file, match: STACK_FILE.exec(file) }))
    .filter(({ match }) => match !== null)
    .map(({ file, match }) => ({ name: match![1], file }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Whether the stack file sets a config key itself (which would win over the fleet's environment). */
export function stackFileSets(projectDir: string, stack: FleetStack, key: string): boolean {
  const text = readFileSync(join(projectDir, stack.file), "utf8");
  return new RegExp(`^\\s+["']?${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["']?\\s*:`, "m").test(text);
}
