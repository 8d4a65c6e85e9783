// The iTwin Synchronization API emulator (with the iModels API's create/get/update/delete): a real HTTP server on loopback
// that speaks the documented API, errors included. `startEmulator` is what tests, the demo and the CLI use.
import type { AddressInfo } from "node:net";
import { Auth } from "./auth";
import { parseAllowedRedirect } from "./consent-requests";
import { ControlGuard, isLoopback } from "./control-guard";
import { Faults, NO_FAULTS, parseFaults, type FaultSettings } from "./faults";
import { readFixtureFile, seedFile, type Fixtures } from "./fixtures";
import { parsePublicUrl } from "./origin";
import { DEFAULT_REQUEST_LOG_BYTES, DEFAULT_REQUEST_LOG_SIZE, RequestLog } from "./request-log";
import { Router } from "./router";
import { controlRoutes } from "./routes/control";
import { iModelRoutes } from "./routes/imodels";
import { configurationRoutes } from "./routes/configurations";
import { connectionRoutes } from "./routes/connections";
import { manifestConnectionRoutes } from "./routes/manifest-connections";
import { manifestRunRoutes } from "./routes/manifest-runs";
import { manifestSourceFileRoutes } from "./routes/manifest-source-files";
import { runRoutes } from "./routes/runs";
import { sourceFileRoutes } from "./routes/source-files";
import { storageConnectionRoutes } from "./routes/storage-connections";
import { consentRoutes } from "./routes/consent";
import { oidcRoutes } from "./routes/oidc";
import { tokenRoutes } from "./routes/token";
import { DataFile } from "./persistence";
import { DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS } from "./http";
import { createEmulatorServer } from "./server";
import { EmulatorState } from "./state";
import type { Store } from "./store";

export type { FaultSettings } from "./faults";
export type { Fixtures } from "./fixtures";
export type { LoggedRequest } from "./request-log";

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** How long each step of a run lasts; default 300 (a run completes in 6 steps). */
  runStepMs?: number;
  /** Runs of `User` connections end in UserNotAuthenticated unless the user starting them has consented. */
  requireUserConsent?: boolean;
  /** Connections and iModel configurations only for iModels the iModels API knows (created through it or given by
   * fixtures); others answer 422 "Provided imodelId value is not valid." (docs/api-gaps.md). Default false: any GUID. */
  requireKnownIModels?: boolean;
  /** Accept only this Bearer token (and tokens issued by /connect/token). */
  token?: string;
  /** The one client /connect/token serves; the API then accepts only tokens it issued (and `token`). */
  clientId?: string;
  clientSecret?: string;
  /** Lifetime of issued tokens in whole seconds; default 3600. */
  tokenTtlSeconds?: number;
  /** Load emulator/fixtures/seed.json (the documented examples); default true. */
  seed?: boolean;
  /** More fixtures: file paths or objects in the seed.json format, loaded after the seed. */
  fixtures?: Array<string | Fixtures>;
  /** Faults from the start (all off by default); PUT /__emulator/faults changes them later. */
  faults?: Partial<FaultSettings>;
  /** Keep the whole state in this file (SQLite, locked while the emulator runs): restored at start when it holds one,
   * each request's changes saved before it is answered. */
  dataFile?: string;
  /** A request's headers and body must arrive within this, or it is answered 408; default 30000. */
  requestTimeoutMs?: number;
  /** Sockets silent this long are closed; default 60000. */
  idleTimeoutMs?: number;
  /** The origin (and optional path) of every href and Location, e.g. `https://proxy.example/itwin`; by default each
   * answer uses the origin the client called (Host, or X-Forwarded-Proto/X-Forwarded-Host behind a proxy). */
  publicUrl?: string;
  /** The token the control endpoint /__emulator then requires (`Authorization: Bearer <it>`). Beyond loopback it
   * always requires one: this, or else the API's credentials (`token`, or a token issued to `clientId`). */
  controlToken?: string;
  /** Where /connect/authorize may redirect a browser once a user consented: the consent request's redirectUrl only,
   * and only when it is under one of these http(s) URLs (same origin, same path or below). Any when absent. */
  allowedRedirects?: string[];
  /** How many requests GET /__emulator/requests keeps, newest first out; default 1000, 0 keeps none. */
  requestLogSize?: number;
  /** The most bytes the kept entries take together (as JSON), oldest first out; default 16 MiB. */
  requestLogBytes?: number;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:<port>`: the listen address of the API, the token endpoint and the control endpoint. */
  url: string;
  port: number;
  store: Store;
  faults: Faults;
  requestLog: RequestLog;
  /** What the operator must know, e.g. that it listens beyond loopback and what that exposes (the CLI prints them). */
  warnings: string[];
  /** Empty store re-seeded, faults back to the start-up ones (as POST /__emulator/reset). */
  reset(): void;
  close(): Promise<void>;
}

export const DEFAULT_RUN_STEP_MS = 300;
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

function count(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be an integer >= 0`);
  return value;
}

/** The warning for an emulator listening beyond loopback, naming what anyone who reaches it can use. */
function exposure(host: string, options: EmulatorOptions): string[] {
  if (isLoopback(host)) return [];
  const locked = options.token !== undefined || options.clientId !== undefined;
  const api = locked
    ? "the API (locked to --token and tokens issued to --client-id)"
    : "the API, open to ANY Bearer token (anyone can read, create and delete; lock it with --token or --client-id/--client-secret)";
  const control =
    options.controlToken !== undefined
      ? "the control endpoint /__emulator (request log, faults, reset, fixtures), with --control-token"
      : locked
        ? "the control endpoint /__emulator (request log, faults, reset, fixtures), with the API's credentials (give --control-token for a token of its own)"
        : "not the control endpoint /__emulator, which is closed until it is given --control-token or the API is locked";
  return [
    `warning: listening on ${host}, beyond loopback: whoever reaches this address can use ${api}, the token endpoint ` +
      `/connect/token, consent at /connect/authorize and ${control}. It speaks plain HTTP: put TLS in front of it beyond a trusted network.`,
  ];
}

function stateFrom(options: EmulatorOptions, dataFile: DataFile | undefined): EmulatorState {
  if ((options.clientId === undefined) !== (options.clientSecret === undefined)) {
    throw new Error("clientId and clientSecret go together");
  }
  const fixtures = [
    ...(options.seed === false ? [] : [seedFile()]),
    ...(options.fixtures ?? []),
  ].map((f) => (typeof f === "string" ? readFixtureFile(f) : f));
  return new EmulatorState(
    {
      stepMs: positive("runStepMs", options.runStepMs ?? DEFAULT_RUN_STEP_MS),
      requireUserConsent: options.requireUserConsent ?? false,
      requireKnownIModels: options.requireKnownIModels ?? false,
    },
    new Faults({ ...NO_FAULTS, ...parseFaults(options.faults ?? {}) }),
    new Auth({
      token: options.token,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      // Whole seconds: `exp` is (as IMS writes it).
      tokenTtlSeconds: positive("tokenTtlSeconds", count("tokenTtlSeconds", options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS)),
      controlToken: options.controlToken,
      allowedRedirects: options.allowedRedirects?.map(parseAllowedRedirect),
      controlNeedsToken: !isLoopback(options.host ?? DEFAULT_HOST),
    }),
    new RequestLog(
      count("requestLogSize", options.requestLogSize ?? DEFAULT_REQUEST_LOG_SIZE),
      count("requestLogBytes", options.requestLogBytes ?? DEFAULT_REQUEST_LOG_BYTES),
    ),
    fixtures,
    options.publicUrl === undefined ? undefined : parsePublicUrl(options.publicUrl),
    dataFile,
  );
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const dataFile = options.dataFile === undefined ? undefined : DataFile.open(options.dataFile);
  try {
    return await serve(options, stateFrom(options, dataFile));
  } catch (error) {
    dataFile?.close();
    throw error;
  }
}

async function serve(options: EmulatorOptions, state: EmulatorState): Promise<RunningEmulator> {
  const router = new Router([
    ...storageConnectionRoutes,
    ...sourceFileRoutes,
    ...runRoutes,
    ...manifestConnectionRoutes,
    ...manifestSourceFileRoutes,
    ...manifestRunRoutes,
    ...connectionRoutes,
    ...configurationRoutes,
    ...iModelRoutes,
    ...tokenRoutes,
    ...oidcRoutes,
    ...consentRoutes,
    ...controlRoutes,
  ]);
  const host = options.host ?? DEFAULT_HOST;
  const server = createEmulatorServer(state, router, {
    idleTimeoutMs: positive("idleTimeoutMs", options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS),
    requestTimeoutMs: positive("requestTimeoutMs", options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS),
    control: new ControlGuard({ host, publicUrl: options.publicUrl }),
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  state.baseUrl = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    url: state.baseUrl,
    port,
    store: state.store,
    faults: state.faults,
    requestLog: state.log,
    warnings: exposure(host, options),
    reset: () => state.reset(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          try {
            // Once no request can come in any more.
            state.close();
          } catch (saveError) {
            return reject(saveError);
          }
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}
