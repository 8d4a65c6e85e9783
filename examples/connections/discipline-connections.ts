// One discipline's connections as one component: a connection per connector type, so each run's jobs stay with one
// connector and a discipline shows up in `pulumi stack` as one node with its connections below it.
import * as pulumi from "@pulumi/pulumi";
import { StorageConnection, type ConnectorType } from "itwin-sync-pulumi";

export interface DisciplineConnectionsArgs {
  /** Usually an Output of another stack: unknown until that stack has made the iModel. */
  iModelId: pulumi.Input<string>;
  /** Plain data, as it decides which connections exist. */
  sourceFiles: Array<{ storageFileId: string; connectorType: ConnectorType }>;
}

export class DisciplineConnections extends pulumi.ComponentResource {
  /** Connection ids by connector type. */
  readonly connectionIds: Record<string, pulumi.Output<string>>;

  constructor(discipline: string, args: DisciplineConnectionsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("itwin:examples:DisciplineConnections", discipline, {}, opts);
    const byConnector = new Map<string, DisciplineConnectionsArgs["sourceFiles"]>();
    for (const file of args.sourceFiles) {
      byConnector.set(file.connectorType, [...(byConnector.get(file.connectorType) ?? []), file]);
    }
    this.connectionIds = {};
    for (const [connectorType, sourceFiles] of byConnector) {
      const connection = new StorageConnection(
        `${discipline}-${connectorType.toLowerCase()}`,
        { iModelId: args.iModelId, displayName: `${discipline} (${connectorType})`, sourceFiles },
        { parent: this },
      );
      this.connectionIds[connectorType] = connection.id;
    }
    this.registerOutputs({ connectionIds: this.connectionIds });
  }
}
