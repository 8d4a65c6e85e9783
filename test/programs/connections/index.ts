// Declares one StorageConnection per entry of the `test:connections` config, so that each end-to-end test can
// describe its stack as data. `files: { prefix, count, connectorType }` generates large source-file lists.
import * as pulumi from "@pulumi/pulumi";
import { StorageConnection, type StorageConnectionArgs } from "itwin-sync-pulumi";

interface Spec extends Omit<StorageConnectionArgs, "sourceFiles"> {
  name: string;
  sourceFiles?: StorageConnectionArgs["sourceFiles"];
  files?: { prefix: string; count: number; connectorType: string };
}

const specs = new pulumi.Config("test").requireObject<Spec[]>("connections");

export const connections = Object.fromEntries(
  specs.map(({ name, files, sourceFiles, ...args }) => {
    const generated = files
      ? Array.from({ length: files.count }, (_, i) => ({
          storageFileId: `${files.prefix}${String(i).padStart(5, "0")}`,
          connectorType: files.connectorType as never,
        }))
      : [];
    const connection = new StorageConnection(name, {
      ...args,
      sourceFiles: [...((sourceFiles as unknown[]) ?? []), ...generated] as StorageConnectionArgs["sourceFiles"],
    });
    return [
      name,
      {
        id: connection.id,
        iModelId: connection.iModelId,
        displayName: connection.displayName,
        authenticationType: connection.authenticationType,
        iTwinId: connection.iTwinId,
        sourceFileCount: connection.sourceFiles.apply((f) => f.length),
        links: connection.links,
        lastRun: connection.lastRun,
      },
    ];
  }),
);
