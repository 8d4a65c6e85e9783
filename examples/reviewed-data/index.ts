// StorageConnections as reviewed data: connections.json is what a pull request changes and a reviewer approves, and
// CI applies it (.github/workflows/itwin-sync.yml). All entries are checked before any is declared, so a bad file
// fails the run with every problem listed and no call to the API.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { StorageConnection } from "itwin-sync-pulumi";
import { problemsOf, type ConnectionEntry } from "./validate";

// `connectionsFile` is for trying another list without editing the reviewed one.
const file = path.resolve(__dirname, new pulumi.Config().get("connectionsFile") ?? "connections.json");

function readEntries(): ConnectionEntry[] {
  let entries: unknown;
  try {
    entries = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new pulumi.RunError(`${file}: ${(error as Error).message}`);
  }
  const problems = problemsOf(entries);
  if (problems.length > 0) {
    // A RunError is reported by its message alone: the list is what the reader needs, not a stack trace.
    throw new pulumi.RunError(
      `${file} has ${problems.length} problem(s); nothing was declared:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
  }
  return entries as ConnectionEntry[];
}

export const connections = Object.fromEntries(
  readEntries().map(({ name, ...args }) => [name, new StorageConnection(name, args).id]),
);
