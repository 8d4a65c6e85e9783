// Lookups (Pulumi "functions") for existing connections, their source files and runs: each as getX (a Promise) and
// getXOutput (an Output that waits for its inputs). They run in the program's process and read config there.
import * as pulumi from "@pulumi/pulumi";
import type { SyncClient } from "./client/sync-client";
import { ProviderContext } from "./context";
import { LOOKUPS } from "./lookup-queries";

export type {
  ConfigurationLookupArgs,
  ConfigurationLookupResult,
  AuthorizationInformationArgs,
  AuthorizationInformationResult,
  ConnectionArgs,
  ConnectionResult,
  ManifestSourceFilesResult,
  RunArgs,
  StorageConnectionResult,
} from "./lookup-queries";

type InputArgs<A> = { [K in keyof A]: pulumi.Input<A[K]> };

// Raw config reads: the typed getters would warn that itwin:accessToken is a secret, and it never leaves here.
const context = new ProviderContext((name) => pulumi.runtime.getConfig(`itwin:${name}`));

function lookup<A extends object, R>(fetch: (client: SyncClient, args: A) => Promise<R>) {
  const get = async (args: A): Promise<R> => {
    try {
      return await fetch(context.client(), args);
    } catch (error) {
      // Pulumi prints an unhandled error of the program with its stack and fields, a RunError by its message alone;
      // ours say all there is to say. The original (ApiError, UnexpectedAnswerError, …) stays as the `cause`.
      throw new pulumi.RunError(error instanceof Error ? error.message : String(error), { cause: error });
    }
  };
  const getOutput = (args: InputArgs<A>): pulumi.Output<R> =>
    pulumi.output(args).apply((resolved) => get(resolved as unknown as A));
  return { get, getOutput };
}

const manifestConnection = lookup(LOOKUPS.getManifestConnection);
/** A ManifestConnection by id. */
export const getManifestConnection = manifestConnection.get;
export const getManifestConnectionOutput = manifestConnection.getOutput;

const manifestSourceFiles = lookup(LOOKUPS.getManifestConnectionSourceFiles);
/** Every source file of a ManifestConnection (all pages). */
export const getManifestConnectionSourceFiles = manifestSourceFiles.get;
export const getManifestConnectionSourceFilesOutput = manifestSourceFiles.getOutput;

const manifestRun = lookup(LOOKUPS.getManifestConnectionRun);
/** One run of a ManifestConnection, with its jobs, tasks and synchronization reports. */
export const getManifestConnectionRun = manifestRun.get;
export const getManifestConnectionRunOutput = manifestRun.getOutput;

const storageConnection = lookup(LOOKUPS.getStorageConnection);
/** A StorageConnection by id, with its source files and last run: what the resource's outputs would be. */
export const getStorageConnection = storageConnection.get;
export const getStorageConnectionOutput = storageConnection.getOutput;

const storageRun = lookup(LOOKUPS.getStorageConnectionRun);
/** One run of a StorageConnection. */
export const getStorageConnectionRun = storageRun.get;
export const getStorageConnectionRunOutput = storageRun.getOutput;

const authorizationInformation = lookup(LOOKUPS.getAuthorizationInformation);
/** The configured token's user: consented to `User` connections running for them or not, and where to consent. */
export const getAuthorizationInformation = authorizationInformation.get;
export const getAuthorizationInformationOutput = authorizationInformation.getOutput;

const iTwinSyncConfiguration = lookup(LOOKUPS.getITwinSyncConfiguration);
/** An iTwin's synchronization configuration: what it sets (`settings`) and what applies (`resolvedSettings`). */
export const getITwinSyncConfiguration = iTwinSyncConfiguration.get;
export const getITwinSyncConfigurationOutput = iTwinSyncConfiguration.getOutput;

const iModelSyncConfiguration = lookup(LOOKUPS.getIModelSyncConfiguration);
/** An iModel's synchronization configuration: what it sets and what applies (with the iTwin's). */
export const getIModelSyncConfiguration = iModelSyncConfiguration.get;
export const getIModelSyncConfigurationOutput = iModelSyncConfiguration.getOutput;

const connectionSyncConfiguration = lookup(LOOKUPS.getConnectionSyncConfiguration);
/** A connection's synchronization configuration: what it sets and what applies (with its iModel's and iTwin's). */
export const getConnectionSyncConfiguration = connectionSyncConfiguration.get;
export const getConnectionSyncConfigurationOutput = connectionSyncConfiguration.getOutput;
