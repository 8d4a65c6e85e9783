// One iModel's StorageConnections: this stack's file (Pulumi.<stack>.yaml) names the iModel and lists its connections
// as config; itwin-fleet runs every stack of the folder side by side. Nothing is declared unless every entry passes the
// provider's rules, so a bad stack file fails its own stack with every problem listed and no call to the API.
import * as pulumi from "@pulumi/pulumi";
import { connectionProblems, type ConnectionEntry } from "./connections";

const config = new pulumi.Config();
const iModelId = config.require("iModelId");
const connections = config.requireObject<ConnectionEntry[]>("connections");

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
