// Drives test/programs/connections: a stack whose StorageConnections are described as data.
import type { StorageConnectionOutputs } from "../../provider/storage-connection/model";
import { PulumiStack, type ExportedResource } from "./pulumi";

export const RESOURCE_TYPE = "pulumi-nodejs:dynamic/itwin:StorageConnection";

export interface ConnectionSpec {
  name: string;
  iModelId: string;
  displayName?: string;
  authenticationType?: "User" | "Service";
  sourceFiles?: Array<{ storageFileId: string; connectorType: string }>;
  files?: { prefix: string; count: number; connectorType: string };
  adoptConnectionId?: string;
  adoptOnConflict?: boolean;
  runOnChange?: boolean;
  waitForRun?: boolean;
  runTimeoutSeconds?: number;
}

export interface ConnectionOutput {
  id: string;
  iModelId: string;
  displayName: string;
  authenticationType: string;
  iTwinId: string;
  sourceFileCount: number;
  links: StorageConnectionOutputs["links"];
  lastRun?: StorageConnectionOutputs["lastRun"];
}

export class ConnectionsStack extends PulumiStack {
  constructor(env: Record<string, string> = {}) {
    super({ program: "test/programs/connections", env });
  }

  declare(specs: ConnectionSpec[]) {
    return this.ok(["config", "set", "test:connections", JSON.stringify(specs)]);
  }

  async connections(): Promise<Record<string, ConnectionOutput>> {
    return (await this.outputs<{ connections: Record<string, ConnectionOutput> }>()).connections;
  }

  /** A connection's state as the backend holds it (after refresh, before the program runs again). */
  async state(name: string): Promise<ExportedResource | undefined> {
    return this.resource(RESOURCE_TYPE, name);
  }
}
