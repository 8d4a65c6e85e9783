// The API compared with the state and the declaration, after each command of a fault scenario.
import type { SyncClient } from "../../provider/client/sync-client";
import { RESOURCE_TYPE, type ConnectionSpec, type ConnectionsStack } from "../harness/connections";

export interface Audit {
  /** Connections beyond the first that the API holds for one declared connection. */
  duplicates: number;
  /** Connections the API holds in the suite's iModels that no state entry points at. */
  orphans: number;
  /** Declared connections missing from the state, or state entries whose connection the API does not hold. */
  lost: number;
  /** State entries whose connection differs from the declaration (name, authentication, files, connector types), or
   * that never ran though declared with runOnChange. */
  mismatched: number;
  /** Operations an interrupted run left pending in the state. */
  pending: number;
  /** One line per finding. */
  findings: string[];
}

const DECLARED_NAME = /^Fault suite (\d+)/;

/** `declared` is what the state should now hold: the declaration after up and refresh, nothing after destroy. */
export async function audit(api: SyncClient, stack: ConnectionsStack, iModels: string[], declared: ConnectionSpec[]): Promise<Audit> {
  const findings: string[] = [];
  const { resources, pendingOperations } = await stack.deployment();
  const inState = new Map(resources.filter((r) => r.type === RESOURCE_TYPE).map((r) => [r.urn.split("::").at(-1)!, r.id!]));
  const stateIds = new Set(inState.values());

  const live = new Map<string, { iModelId: string; displayName: string }>();
  for (const iModelId of iModels) {
    for (const c of await api.listStorageConnections(iModelId)) live.set(c.id, { iModelId, displayName: c.displayName });
  }

  const perDeclaration = new Map<string, number>();
  for (const [id, c] of live) {
    const index = DECLARED_NAME.exec(c.displayName)?.[1];
    if (index !== undefined) perDeclaration.set(index, (perDeclaration.get(index) ?? 0) + 1);
    if (!stateIds.has(id)) findings.push(`orphan: ${id} "${c.displayName}" in ${c.iModelId}`);
  }
  let duplicates = 0;
  for (const [index, count] of perDeclaration) {
    if (count > 1) {
      duplicates += count - 1;
      findings.push(`duplicate: ${count} connections for c${index}`);
    }
  }
  const orphans = [...live.keys()].filter((id) => !stateIds.has(id)).length;

  let lost = 0;
  for (const [name, id] of inState) {
    if (!live.has(id)) {
      lost++;
      findings.push(`lost: state's ${name} (${id}) is not in the API`);
    }
  }
  for (const spec of declared) {
    if (!inState.has(spec.name)) {
      lost++;
      findings.push(`lost: ${spec.name} is not in the state`);
    }
  }

  let mismatched = 0;
  for (const spec of declared) {
    const id = inState.get(spec.name);
    if (!id || !live.has(id)) continue;
    const difference = await differs(api, id, spec);
    if (difference) {
      mismatched++;
      findings.push(`mismatched: ${spec.name} (${id}): ${difference}`);
    }
  }
  for (const op of pendingOperations) findings.push(`pending: ${op.type} ${op.resource.urn.split("::").at(-1)}`);
  return { duplicates, orphans, lost, mismatched, pending: pendingOperations.length, findings };
}

async function differs(api: SyncClient, id: string, spec: ConnectionSpec): Promise<string | undefined> {
  const connection = await api.getStorageConnection(id);
  if (connection.displayName !== spec.displayName) return `displayName "${connection.displayName}", declared "${spec.displayName}"`;
  if (connection.authenticationType !== (spec.authenticationType ?? "User")) return `authenticationType ${connection.authenticationType}`;
  // One an interrupted up made and a later one took over must have been synchronized too.
  if (spec.runOnChange && !connection._links.lastRun) return "never ran, though declared with runOnChange";
  const files = (await api.listSourceFiles(id)).map((f) => `${f.storageFileId}:${f.connectorType}`).sort();
  const wanted = (spec.sourceFiles ?? []).map((f) => `${f.storageFileId}:${f.connectorType}`).sort();
  if (files.join() !== wanted.join()) {
    const missing = wanted.filter((f) => !files.includes(f));
    const extra = files.filter((f) => !wanted.includes(f));
    return `files: ${missing.length} missing (${missing.slice(0, 3).join(", ")}), ${extra.length} extra (${extra.slice(0, 3).join(", ")})`;
  }
  return undefined;
}
