// How a StorageConnection comes to exist for `create`: by POST, by adopting a named connection, or by adopting the
// one that answers a 409 (opt-in: any holder with the adoptOnConflict input, an identical one with the stack setting
// itwin:adoptOnConflict=exact). The lookups behind those choices live here too: after a POST whose answer was lost,
// the connection it may have made; after a 409, the connections holding the declared files.
import { ERROR } from "../../api/contract";
import type { Connection, ConnectionSummary, CreateStorageConnectionRequest, SourceFile } from "../../api/types";
import { ApiError, RERUN_WHEN_ANSWERING, unlessNotFound } from "../client/errors";
import { createOnce } from "../core/create-once";
import type { SyncClient } from "../client/sync-client";
import type { CheckedStorageConnectionInputs, SourceFileArgs } from "./model";

/** The one command that recovers from a create interrupted after the API made the connection; 409 messages give it. */
export const ADOPT_EXACT_COMMAND = "ITWIN_ADOPT_ON_CONFLICT=exact pulumi up";

export interface Obtained {
  connection: Connection;
  /** An existing connection, to be reconciled to the inputs; false for one just created from them. */
  adopted: boolean;
}

export interface ObtainOptions {
  /** itwin:adoptOnConflict=exact: on a 409, adopt the holder when it is identical to the declaration. */
  adoptIdenticalOnConflict: boolean;
}

/** The connection `create` works on: `adoptConnectionId`'s, or a new one (or the 409's holder, when allowed). */
export async function obtainConnection(
  client: SyncClient,
  inputs: CheckedStorageConnectionInputs,
  options: ObtainOptions,
): Promise<Obtained> {
  return inputs.adoptConnectionId ? { connection: await adoptById(client, inputs), adopted: true } : post(client, inputs, options);
}

async function adoptById(client: SyncClient, inputs: CheckedStorageConnectionInputs): Promise<Connection> {
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

/** After the last lost POST: the API may yet have made the connection, which the next `up` meets as a 409. */
const LOST_CREATE_FIX =
  `${RERUN_WHEN_ANSWERING}; if one of these POSTs did make the connection, that up's 409 names it, and ` +
  `\`${ADOPT_EXACT_COMMAND}\` takes it over.`;

/**
 * Create by POST, once (core/create-once.ts): a lost answer is looked up before the next POST; a 409 no lost POST
 * explains may adopt the holder (opt-in).
 */
async function post(client: SyncClient, inputs: CheckedStorageConnectionInputs, options: ObtainOptions): Promise<Obtained> {
  const body: CreateStorageConnectionRequest = {
    iModelId: inputs.iModelId,
    authenticationType: inputs.authenticationType,
    sourceFiles: inputs.sourceFiles.map((f) => ({ storageFileId: f.storageFileId, connectorType: f.connectorType })),
    ...(inputs.displayName !== undefined && { displayName: inputs.displayName }),
  };
  const { value, adopted } = await createOnce<Connection>({
    post: () => client.createStorageConnection(body),
    isConflict: (error) => error.code === ERROR.fileMappingExists.code,
    // Patient: an API slow enough to lose the POST's answer is slow for the lookup too, and giving up here would
    // leave a connection the API made out of state.
    findCreated: () => findCreated(client.patient(), inputs),
    onConflict: async (conflict) => {
      const { connection, adopted } = await adoptHolder(client, inputs, options, conflict);
      return { value: connection, adopted };
    },
    lostFix: LOST_CREATE_FIX,
  });
  return { connection: value, adopted };
}

/** After a 409: the holder, when adopting it is allowed; otherwise the 409 naming the holder and the way out. */
async function adoptHolder(
  client: SyncClient,
  inputs: CheckedStorageConnectionInputs,
  options: ObtainOptions,
  conflict: ApiError,
): Promise<Obtained> {
  const holders = await connectionsHolding(client, inputs);
  const holder = holders.length === 1 ? holders[0] : undefined;
  if (holder && inputs.adoptOnConflict) {
    return { connection: await client.getStorageConnection(holder.id), adopted: true };
  }
  const identical = holder && (await ifIdentical(client, holder, inputs));
  if (identical && options.adoptIdenticalOnConflict) return { connection: identical, adopted: true };
  const named = holders.length > 0 ? `held by StorageConnection ${holders.map((h) => h.id).join(", ")}` : "held by another connection";
  throw new ApiError({
    operation: conflict.operation,
    status: conflict.status,
    code: conflict.code,
    apiMessage: `${conflict.apiMessage} (${named})`,
    hint: identical
      ? `That connection is identical to this declaration (same iModel, displayName, authenticationType, files and ` +
        `connector types): most likely an earlier \`pulumi up\` created it and was interrupted before recording it. ` +
        `To take it over, run: ${ADOPT_EXACT_COMMAND}`
      : holder
        ? `To manage that connection from this program, set adoptConnectionId: "${holder.id}" (or adoptOnConflict: true).`
        : "Remove the files from the other connections, or declare each file in one connection only.",
  });
}

interface Candidate extends ConnectionSummary {
  files: SourceFile[];
}

/** After a lost POST answer: the connection of this iModel identical to the declaration, if any (see ifIdentical). */
async function findCreated(client: SyncClient, inputs: CheckedStorageConnectionInputs): Promise<Connection | undefined> {
  for (const summary of await client.listStorageConnections(inputs.iModelId)) {
    if (inputs.displayName !== undefined && summary.displayName !== inputs.displayName) continue;
    const found = await ifIdentical(client, { ...summary, files: await client.listSourceFiles(summary.id) }, inputs);
    if (found) return found;
  }
  return undefined;
}

/** The iModel's connections that map any of the declared files, with their files. */
async function connectionsHolding(client: SyncClient, inputs: CheckedStorageConnectionInputs): Promise<Candidate[]> {
  const wanted = new Set(inputs.sourceFiles.map((f) => f.storageFileId));
  const holders: Candidate[] = [];
  for (const summary of await client.listStorageConnections(inputs.iModelId)) {
    const files = await client.listSourceFiles(summary.id);
    if (files.some((f) => wanted.has(f.storageFileId))) holders.push({ ...summary, files });
  }
  return holders;
}

/**
 * The candidate (one of the iModel's connections) when it is identical to the declaration: the declared displayName
 * (when one is declared), the declared authenticationType, exactly the declared files with their connector types.
 * A connection made by hand that matches is indistinguishable from one this program made: docs/reliability.md, "Recovering".
 */
async function ifIdentical(client: SyncClient, candidate: Candidate, inputs: CheckedStorageConnectionInputs): Promise<Connection | undefined> {
  if (inputs.displayName !== undefined && candidate.displayName !== inputs.displayName) return undefined;
  if (!sameFiles(candidate.files, inputs.sourceFiles)) return undefined;
  const connection = await client.getStorageConnection(candidate.id);
  return connection.authenticationType === inputs.authenticationType ? connection : undefined;
}

function sameFiles(files: SourceFile[], declared: SourceFileArgs[]): boolean {
  const wanted = new Map(declared.map((f) => [f.storageFileId, f.connectorType]));
  return files.length === wanted.size && files.every((f) => wanted.get(f.storageFileId) === f.connectorType);
}
