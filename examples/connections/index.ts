// The app team's stack: the connections of every discipline, into the iModels the platform stack made. The iModel ids
// stay Outputs of the StackReference; the file lists are read as values, since they decide which connections exist.
import * as pulumi from "@pulumi/pulumi";
import { DisciplineConnections, type DisciplineConnectionsArgs } from "./discipline-connections";

const config = new pulumi.Config();
const platform = new pulumi.StackReference(config.require("platformStack"));
const iModels = platform.requireOutput("iModels") as pulumi.Output<Record<string, string>>;

export = async () => {
  const files = (await platform.requireOutputValue("files")) as Record<string, DisciplineConnectionsArgs["sourceFiles"]>;
  const connections = Object.entries(files).map(([discipline, sourceFiles]) => {
    const group = new DisciplineConnections(discipline, { iModelId: iModels.apply((ids) => ids[discipline]), sourceFiles });
    return [discipline, group.connectionIds];
  });
  return { connections: Object.fromEntries(connections) };
};
