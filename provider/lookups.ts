// Lookups (Pulumi "functions") for existing connections, their source files and runs: each as getX (a Promise) and
// getXOutput (an Output that waits for its inputs). They run in the program's process and read config there.
import * as pulumi from "@pulumi/pulumi";
import type { ManifestRun, ManifestSourceFile, Run } from "../api/types";
import type { SyncClient } from "./client/sync-client";
import { createClient, tuningFromEnv } from "./config";
import type { ConnectionLinksState, StorageConnectionOutputs } from "./storage-connection/model";
import { liveOutputs } from "./storage-connection/live";

export interface ConnectionResult {
  id: string;
  displayName: string;
  iModelId: string;
  iTwinId: string;
  authenticationType: string;
  links: ConnectionLinksState;
}

export interface StorageConnectionResult extends Omit<StorageConnectionOutputs, "displayName"> {
  id: string;
  displayName: string;
}

export interface ManifestSourceFilesResult {
  connectionId: string;
  sourceFiles: ManifestSourceFile[];
}

export interface ConnectionArgs {
  connectionId: string;
}

export interface RunArgs {
  connectionId: string;
  runId: string;
}

export interface AuthorizationInformationArgs {
  /** Where the browser goes once the user has consented. */
  redirectUrl: string;
}

export interface AuthorizationInformationResult {
  /** Whether the token's user has consented to `User` connections running on their behalf. */
  isUserAuthorized: boolean;
  /** Where that user consents (signed in), after which the browser goes to `redirectUrl`. */
  authorizationUrl: string;
}

type InputArgs<A> = { [K in keyof A]: pulumi.Input<A[K]> };

let client: SyncClient | undefined;
function programClient(): SyncClient {
  // Raw config reads: the typed getters would warn that itwin:accessToken is a secret, and it never leaves here.
  return (client ??= createClient((name) => pulumi.runtime.getConfig(`itwin:${name}`), tuningFromEnv()));
}

function lookup<A extends object, R>(fetch: (client: SyncClient, args: A) => Promise<R>) {
  const get = (args: A): Promise<R> => fetch(programClient(), args);
  const getOutput = (args: InputArgs<A>): pulumi.Output<R> =>
    pulumi.output(args).apply((resolved) => get(resolved as unknown as A));
  return { get, getOutput };
}

const manifestConnection = lookup<ConnectionArgs, ConnectionResult>(async (c, { connectionId }) => {
  const connection = await c.getManifestConnection(connectionId);
  const { _links, ...rest } = connection;
  return {
    ...rest,
    links: {
      iModel: _links.iModel.href,
      iTwin: _links.iTwin.href,
      ...(_links.lastRun && { lastRun: _links.lastRun.href }),
    },
  };
});
/** A ManifestConnection by id. */
export const getManifestConnection = manifestConnection.get;
export const getManifestConnectionOutput = manifestConnection.getOutput;

const manifestSourceFiles = lookup<ConnectionArgs, ManifestSourceFilesResult>(async (c, { connectionId }) => ({
  connectionId,
  sourceFiles: await c.listManifestSourceFiles(connectionId),
}));
/** Every source file of a ManifestConnection (all pages). */
export const getManifestConnectionSourceFiles = manifestSourceFiles.get;
export const getManifestConnectionSourceFilesOutput = manifestSourceFiles.getOutput;

const manifestRun = lookup<RunArgs, ManifestRun>((c, { connectionId, runId }) => c.getManifestConnectionRun(connectionId, runId));
/** One run of a ManifestConnection, with its jobs, tasks and synchronization reports. */
export const getManifestConnectionRun = manifestRun.get;
export const getManifestConnectionRunOutput = manifestRun.getOutput;

const storageConnection = lookup<ConnectionArgs, StorageConnectionResult>(async (c, { connectionId }) => {
  const connection = await c.getStorageConnection(connectionId);
  return { id: connection.id, ...(await liveOutputs(c, connection, {})) };
});
/** A StorageConnection by id, with its source files and last run: what the resource's outputs would be. */
export const getStorageConnection = storageConnection.get;
export const getStorageConnectionOutput = storageConnection.getOutput;

const storageRun = lookup<RunArgs, Run>((c, { connectionId, runId }) => c.getStorageConnectionRun(connectionId, runId));
/** One run of a StorageConnection. */
export const getStorageConnectionRun = storageRun.get;
export const getStorageConnectionRunOutput = storageRun.getOutput;

const authorizationInformation = lookup<AuthorizationInformationArgs, AuthorizationInformationResult>(async (c, { redirectUrl }) => {
  const info = await c.getAuthorizationInformation(redirectUrl);
  return { isUserAuthorized: info.isUserAuthorized, authorizationUrl: info._links.authorizationUrl.href };
});
/** The configured token's user: consented to `User` connections running for them or not, and where to consent. */
export const getAuthorizationInformation = authorizationInformation.get;
export const getAuthorizationInformationOutput = authorizationInformation.getOutput;
