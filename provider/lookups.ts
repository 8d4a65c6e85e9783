// Lookups (Pulumi "functions") for existing connections, their source files and runs: each as getX (a Promise) and
// getXOutput (an Output that waits for its inputs). They run in the program's process and read config there. What
// each one answers is described once, in lookup-queries.ts (and docs/lookups.md).
import * as pulumi from "@pulumi/pulumi";
import type { SyncClient } from "./client/sync-client";
import { ProviderContext } from "./context";
import { LOOKUPS } from "./lookup-queries";
import { startManifestRun, type RunManifestConnectionArgs, type RunManifestConnectionResult } from "./manifest-connection/run";

export type {
  ConfigurationLookupArgs,
  ConfigurationLookupResult,
  AuthorizationInformationArgs,
  AuthorizationInformationResult,
  ConnectionArgs,
  ConnectionResult,
  ConnectionsResult,
  IModelArgs,
  IModelResult,
  ManifestSourceFilesResult,
  RunArgs,
  StorageConnectionResult,
} from "./lookup-queries";

type InputArgs<A> = { [K in keyof A]: pulumi.Input<A[K]> };

// Raw config reads: the typed getters would warn that itwin:accessToken is a secret, and it never leaves here.
const context = new ProviderContext((name) => pulumi.runtime.getConfig(`itwin:${name}`));

function lookup<A extends object, R>({ query }: { query: (client: SyncClient, args: A) => Promise<R> }) {
  const get = async (args: A): Promise<R> => {
    try {
      return await query(context.client(), args);
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
export const getManifestConnection = manifestConnection.get;
export const getManifestConnectionOutput = manifestConnection.getOutput;

const manifestSourceFiles = lookup(LOOKUPS.getManifestConnectionSourceFiles);
export const getManifestConnectionSourceFiles = manifestSourceFiles.get;
export const getManifestConnectionSourceFilesOutput = manifestSourceFiles.getOutput;

const manifestRun = lookup(LOOKUPS.getManifestConnectionRun);
export const getManifestConnectionRun = manifestRun.get;
export const getManifestConnectionRunOutput = manifestRun.getOutput;

const storageConnection = lookup(LOOKUPS.getStorageConnection);
export const getStorageConnection = storageConnection.get;
export const getStorageConnectionOutput = storageConnection.getOutput;

const storageRun = lookup(LOOKUPS.getStorageConnectionRun);
export const getStorageConnectionRun = storageRun.get;
export const getStorageConnectionRunOutput = storageRun.getOutput;

const authorizationInformation = lookup(LOOKUPS.getAuthorizationInformation);
export const getAuthorizationInformation = authorizationInformation.get;
export const getAuthorizationInformationOutput = authorizationInformation.getOutput;

const iTwinSyncConfiguration = lookup(LOOKUPS.getITwinSyncConfiguration);
export const getITwinSyncConfiguration = iTwinSyncConfiguration.get;
export const getITwinSyncConfigurationOutput = iTwinSyncConfiguration.getOutput;

const iModelSyncConfiguration = lookup(LOOKUPS.getIModelSyncConfiguration);
export const getIModelSyncConfiguration = iModelSyncConfiguration.get;
export const getIModelSyncConfigurationOutput = iModelSyncConfiguration.getOutput;

const connectionSyncConfiguration = lookup(LOOKUPS.getConnectionSyncConfiguration);
export const getConnectionSyncConfiguration = connectionSyncConfiguration.get;
export const getConnectionSyncConfigurationOutput = connectionSyncConfiguration.getOutput;

const iModel = lookup(LOOKUPS.getIModel);
export const getIModel = iModel.get;
export const getIModelOutput = iModel.getOutput;

const connections = lookup(LOOKUPS.getConnections);
export const getConnections = connections.get;
export const getConnectionsOutput = connections.getOutput;

/**
 * Starts a run of a ManifestConnection with its manifest (pre-authenticated file URLs: run data, never a resource
 * input), from a program (inside `apply`, or guarded by `pulumi.runtime.isDryRun()` so a preview starts nothing) or a
 * CI script. Answers the run's id and href; an iModel's active run is answered instead of starting a second one.
 */
export const runManifestConnection = lookup({ query: startManifestRun }).get as (args: RunManifestConnectionArgs) => Promise<RunManifestConnectionResult>;
export type { RunManifestConnectionArgs, RunManifestConnectionResult };
