// One iModel's StorageConnections: this stack's file (Pulumi.<stack>.yaml) names the iModel and lists its connections
// as config; itwin-fleet runs every stack of the folder side by side. Nothing is declared unless every entry passes the
// provider's rules, so a bad stack file fails its own stack with every problem listed and no call to the API.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { connectionProblems, type ConnectionEntry } from "./connections";

const config = new pulumi.Config();
const iModelId = config.require("iModelId");
const connections = connectionsOf(config);

/** `connections` in the stack file; or, for a stack too large for that, `connectionsFile`: a JSON list beside it. (The
 * engine hands a stack's whole config to the program in one environment variable, which Linux caps at 128 KiB: about
 * 600 connections of two files each.) */
function connectionsOf(config: pulumi.Config): ConnectionEntry[] {
  const file = config.get("connectionsFile");
  if (file === undefined) return config.requireObject<ConnectionEntry[]>("connections");
  try {
    return JSON.parse(readFileSync(path.resolve(__dirname, file), "utf8"));
  } catch (error) {
    throw new pulumi.RunError(`connectionsFile ${file}: ${(error as Error).message}`);
  }
}

const problems = connectionProblems(iModelId, connections);
if (problems.length > 0) {
  // A RunError is reported by its message alone: the list is what the reader needs, not a stack trace.
  throw new pulumi.RunError(
    `Pulumi.${pulumi.getStack()}.yaml has ${problems.length} problem(s); nothing was declared:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
  );
}

/** The itwin plugin's resource (see README.md here for why not the dynamic class); its outputs are read from state. */
class StorageConnection extends pulumi.CustomResource {
  constructor(name: string, args: Omit<ConnectionEntry, "name"> & { iModelId: string }) {
    super("itwin:index:StorageConnection", name, args);
  }
}

export const connectionIds = Object.fromEntries(connections.map(({ name, ...args }) => [name, new StorageConnection(name, { ...args, iModelId }).id]));
