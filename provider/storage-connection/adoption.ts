// How a StorageConnection comes to exist for `create`: by POST, by adopting a named connection, or (opt-in) by
// adopting the one that answers a 409. The lookups behind those choices live here too: after a POST whose answer was
// lost, the connection it may have made; after a 409, the connections holding the declared files.
import { ERROR } from "../../api/contract";
import type { Connection, CreateStorageConnectionRequest } from "../../api/types";
import { ApiError, OutcomeUnknownError, unlessNotFound } from "../client/errors";
import type { SyncClient } from "../client/sync-client";
import type { StorageConnectionInputs } from "./model";

export interface Obtained {
  connection: Connection;
  /** An existing connection, to be reconciled to the inputs; false for one just created from them. */
  adopted: boolean;
}

/** The connection `create` works on: `adoptConnectionId`'s, or a new one (or the 409's holder, with adoptOnConflict). */
export async function obtainConnection(client: SyncClient, inputs: StorageConnectionInputs): Promise<Obtained> {
  return inputs.adoptConnectionId ? { connection: await adoptById(client, inputs), adopted: true } : post(client, inputs);
}

async function adoptById(client: SyncClient, inputs: StorageConnectionInputs): Promise<Connection> {
  const id = inputs.adoptConnectionId!;
  const connection = await unlessNotFound(client.getStorageConnection(id));
  if (!connection) {
    throw new Error(`adoptConnectionId: StorageConnection ${id} does not exist. Fix: use the id of an existing connection, or remove adoptConnectionId to create one.`);
  }
  if (connection.iModelId.toLowerCase() !== inputs.iModelId.toLowerCase()) {
    throw new Error(
      `adoptConnectionId: StorageConnection ${id} belongs to iModel ${connection.iModelId}, not to iModelId ${inputs.iModelId}. ` +
        "Fix: set iModelId to the connection's iModel, adopt a connection of this iModel, or remove " +
        "adoptConnectionId to create a new connection (as a replacement after an iModelId change needs).",
    );
  }
  return connection;
}

/** Create by POST. A lost answer is looked up before a second POST; a 409 may adopt the holder (opt-in). */
async function post(client: SyncClient, inputs: StorageConnectionInputs): Promise<Obtained> {
  const body: CreateStorageConnectionRequest = {
    iModelId: inputs.iModelId,
    authenticationType: inputs.authenticationType ?? "User",
    sourceFiles: inputs.sourceFiles.map((f) => ({ storageFileId: f.storageFileId, connectorType: f.connectorType })),
    ...(inputs.displayName !== undefined && { displayName: inputs.displayName }),
  };
  try {
    return { connection: await client.createStorageConnection(body), adopted: false };
  } catch (error) {
    if (error instanceof OutcomeUnknownError) {
      const created = await findCreated(client, inputs);
      return { connection: created ?? (await client.createStorageConnection(body)), adopted: false };
    }
    if (error instanceof ApiError && error.code === ERROR.fileMappingExists.code) {
      const holders = await connectionsHolding(client, inputs);
      if (inputs.adoptOnConflict && holders.length === 1) {
        return { connection: await client.getStorageConnection(holders[0]), adopted: true };
      }
      const named = holders.length > 0 ? `held by StorageConnection ${holders.join(", ")}` : "held by another connection";
      throw new ApiError({
        operation: error.operation,
        status: error.status,
        code: error.code,
        apiMessage: `${error.apiMessage} (${named})`,
        hint:
          holders.length === 1
            ? `To manage that connection from this program, set adoptConnectionId: "${holders[0]}" (or adoptOnConflict: true).`
            : "Remove the files from the other connections, or declare each file in one connection only.",
      });
    }
    throw error;
  }
}

/** After a lost POST answer: the connection of this iModel with the same name and exactly these files, if any. */
async function findCreated(client: SyncClient, inputs: StorageConnectionInputs): Promise<Connection | undefined> {
  const wanted = new Set(inputs.sourceFiles.map((f) => f.storageFileId));
  for (const summary of await client.listStorageConnections(inputs.iModelId)) {
    if (inputs.displayName !== undefined && summary.displayName !== inputs.displayName) continue;
    const files = await client.listSourceFiles(summary.id);
    if (files.length === wanted.size && files.every((f) => wanted.has(f.storageFileId))) {
      return client.getStorageConnection(summary.id);
    }
  }
  return undefined;
}

/** Ids of the iModel's connections that map any of the declared files. */
async function connectionsHolding(client: SyncClient, inputs: StorageConnectionInputs): Promise<string[]> {
  const wanted = new Set(inputs.sourceFiles.map((f) => f.storageFileId));
  const holders: string[] = [];
  for (const summary of await client.listStorageConnections(inputs.iModelId)) {
    const files = await client.listSourceFiles(summary.id);
    if (files.some((f) => wanted.has(f.storageFileId))) holders.push(summary.id);
  }
  return holders;
}
