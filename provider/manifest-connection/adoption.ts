// How a ManifestConnection comes to exist for `create`: by POST, once (core/create-once.ts), with StorageConnection's
// rules: after a lost answer, the connection of the iModel identical to the declaration is that POST's; a 409 (a
// declared file is mapped already) adopts the holder only when it is identical and itwin:adoptOnConflict=exact.
import { ERROR } from "../../api/contract";
import type { Connection, ManifestSourceFile } from "../../api/types";
import { ApiError, RERUN_WHEN_ANSWERING } from "../client/errors";
import type { SyncClient } from "../client/sync-client";
import { createOnce, type Obtained } from "../core/create-once";
import { ADOPT_EXACT_COMMAND } from "../storage-connection/adoption";
import type { CheckedManifestConnectionInputs as Inputs } from "./model";

export interface ObtainedManifest {
  connection: Connection;
  files: ManifestSourceFile[];
}

export async function obtainManifestConnection(client: SyncClient, inputs: Inputs, adoptIdenticalOnConflict: boolean): Promise<Obtained<ObtainedManifest>> {
  const api = client.manifestConnections;
  const body = {
    iModelId: inputs.iModelId,
    authenticationType: inputs.authenticationType,
    sourceFiles: inputs.sourceFiles.map((f) => ({ sourceFileId: f.sourceFileId })),
    ...(inputs.displayName !== undefined && { displayName: inputs.displayName }),
  };
  return createOnce<ObtainedManifest>({
    post: async () => {
      const connection = await api.create(body);
      return { connection, files: await client.listManifestSourceFiles(connection.id) };
    },
    isConflict: (error) => error.code === ERROR.fileMappingExists.code,
    findCreated: async () => {
      for (const candidate of await candidates(client, inputs)) {
        const found = await ifIdentical(client, candidate, inputs);
        if (found) return found;
      }
      return undefined;
    },
    onConflict: async (conflict) => {
      const wanted = new Set(inputs.sourceFiles.map((f) => f.sourceFileId));
      const holders = (await candidates(client, inputs)).filter((c) => c.files.some((f) => wanted.has(f.sourceFileId)));
      const identical = holders.length === 1 ? await ifIdentical(client, holders[0], inputs) : undefined;
      if (identical && adoptIdenticalOnConflict) return { value: identical, adopted: true };
      throw new ApiError({
        operation: conflict.operation,
        status: conflict.status,
        code: conflict.code,
        apiMessage: `${conflict.apiMessage}${holders.length > 0 ? ` (held by ManifestConnection ${holders.map((h) => h.id).join(", ")})` : ""}`,
        hint: identical
          ? "That connection is identical to this declaration (same iModel, displayName, authenticationType and files): most likely " +
            `an earlier \`pulumi up\` created it and was interrupted before recording it. To take it over, run: ${ADOPT_EXACT_COMMAND}`
          : holders.length === 1
            ? `To manage that connection from this program, import it: \`pulumi import itwin:index:ManifestConnection <name> ${holders[0].id}\`.`
            : "Remove the files from the other connections, or declare each file in one connection only.",
      });
    },
    lostFix:
      `${RERUN_WHEN_ANSWERING}; if one of these POSTs did make the connection, that up's 409 names it, and ` +
      `\`${ADOPT_EXACT_COMMAND}\` takes it over.`,
  });
}

interface Candidate {
  id: string;
  displayName: string;
  files: ManifestSourceFile[];
}

/** The iModel's manifest connections (with the declared displayName, when one is declared), with their files. */
async function candidates(client: SyncClient, inputs: Inputs): Promise<Candidate[]> {
  const found: Candidate[] = [];
  for (const summary of await client.manifestConnections.list(inputs.iModelId)) {
    if (inputs.displayName !== undefined && summary.displayName !== inputs.displayName) continue;
    found.push({ ...summary, files: await client.listManifestSourceFiles(summary.id) });
  }
  return found;
}

/** The candidate when it has exactly the declared files and authenticationType. */
async function ifIdentical(client: SyncClient, candidate: Candidate, inputs: Inputs): Promise<ObtainedManifest | undefined> {
  const wanted = new Set(inputs.sourceFiles.map((f) => f.sourceFileId));
  const files = new Set(candidate.files.map((f) => f.sourceFileId));
  if (files.size !== wanted.size || [...files].some((id) => !wanted.has(id))) return undefined;
  const connection = await client.getManifestConnection(candidate.id);
  return connection.authenticationType === inputs.authenticationType ? { connection, files: candidate.files } : undefined;
}
