// A thin typed client for the iTwin Synchronization API: one method per operation over HttpClient.request.
import { SYNC_PATH } from "../../api/contract";
import * as shapes from "../../api/shapes";
import type { Shape } from "../../api/shapes";
import type {
  AuthorizationInformation,
  Connection,
  ConnectionSummary,
  CreateStorageConnectionRequest,
  ManifestRun,
  ManifestSourceFile,
  Run,
  RunResponse,
  RunSummary,
  RunTaskBase,
  SourceFile,
  SourceFileInput,
  UpdateStorageConnectionRequest,
} from "../../api/types";
import { ConfigurationsApi } from "./configurations-api";
import { ConnectionsApi } from "./connections-api";
import type { HttpClient, RequestSpec } from "./http";
import { IModelsApi } from "./imodels-api";
import { ManifestConnectionsApi } from "./manifest-connections-api";
import { allPages } from "./paging";
import { startedRun, type StartedRun } from "./run-location";

const STORAGE = `${SYNC_PATH}/storageconnections`;
const MANIFEST = `${SYNC_PATH}/manifestconnections`;

export type { StartedRun } from "./run-location";

const enc = encodeURIComponent;

export class SyncClient {
  /** The other API areas, each in its own file, over the same HttpClient (auth, retries, pacing). */
  readonly configurations: ConfigurationsApi;
  readonly manifestConnections: ManifestConnectionsApi;
  readonly connections: ConnectionsApi;
  readonly iModels: IModelsApi;

  constructor(readonly http: HttpClient) {
    this.configurations = new ConfigurationsApi(http);
    this.manifestConnections = new ManifestConnectionsApi(http);
    this.connections = new ConnectionsApi(http);
    this.iModels = new IModelsApi(http);
  }

  /** This client with every call bound to a step's `signal` (HttpClient.withSignal). */
  withSignal(signal: AbortSignal): SyncClient {
    return new SyncClient(this.http.withSignal(signal));
  }

  /** This client for the lookups that learn what a POST whose answer was lost did (HttpClient.patient). */
  patient(): SyncClient {
    return new SyncClient(this.http.patient());
  }

  // --- StorageConnections ---

  async createStorageConnection(body: CreateStorageConnectionRequest): Promise<Connection> {
    const res = await this.http.request({
      operation: "Create StorageConnection",
      answer: shapes.connectionResponse,
      method: "POST",
      path: STORAGE,
      body,
      expect: [201],
    });
    return res.body.connection;
  }

  listStorageConnections(iModelId: string): Promise<ConnectionSummary[]> {
    return allPages(this.http, 
      {
        operation: `List StorageConnections of iModel ${iModelId}`,
        path: STORAGE,
        query: { imodelId: iModelId },
        prefer: "minimal",
      },
      shapes.connectionListResponse,
      (page) => page.connections,
    );
  }

  async getStorageConnection(id: string): Promise<Connection> {
    const res = await this.http.request({
      operation: `Get StorageConnection ${id}`,
      answer: shapes.connectionResponse,
      method: "GET",
      path: `${STORAGE}/${enc(id)}`,
      expect: [200],
    });
    return res.body.connection;
  }

  async updateStorageConnection(id: string, body: UpdateStorageConnectionRequest): Promise<Connection> {
    const res = await this.http.request({
      operation: `Update StorageConnection ${id}`,
      answer: shapes.connectionResponse,
      method: "PUT",
      path: `${STORAGE}/${enc(id)}`,
      body,
      expect: [200],
    });
    return res.body.connection;
  }

  async deleteStorageConnection(id: string): Promise<void> {
    await this.http.request({
      operation: `Delete StorageConnection ${id}`,
      method: "DELETE",
      path: `${STORAGE}/${enc(id)}`,
      expect: [204],
    });
  }

  // --- StorageConnection source files ---

  /** Every source file, with connectorType (`Prefer: return=representation`), following `_links.next`. */
  listSourceFiles(id: string): Promise<SourceFile[]> {
    return allPages(this.http, 
      { operation: `List source files of StorageConnection ${id}`, path: `${STORAGE}/${enc(id)}/sourcefiles` },
      shapes.sourceFileListResponse,
      (page) => page.sourceFiles,
    );
  }

  async addSourceFile(id: string, file: SourceFileInput): Promise<SourceFile> {
    const res = await this.http.request({
      operation: `Add source file ${file.storageFileId} to StorageConnection ${id}`,
      answer: shapes.sourceFileResponse,
      method: "POST",
      path: `${STORAGE}/${enc(id)}/sourcefiles`,
      body: file,
      expect: [201],
    });
    return res.body.sourceFile;
  }

  async getSourceFile(id: string, sourceFileId: string): Promise<SourceFile> {
    const res = await this.http.request({
      operation: `Get source file ${sourceFileId} of StorageConnection ${id}`,
      answer: shapes.sourceFileResponse,
      method: "GET",
      path: `${STORAGE}/${enc(id)}/sourcefiles/${enc(sourceFileId)}`,
      expect: [200],
    });
    return res.body.sourceFile;
  }

  async updateSourceFile(id: string, sourceFileId: string, file: SourceFileInput): Promise<SourceFile> {
    const res = await this.http.request({
      operation: `Update source file ${sourceFileId} of StorageConnection ${id}`,
      answer: shapes.sourceFileResponse,
      method: "PUT",
      path: `${STORAGE}/${enc(id)}/sourcefiles/${enc(sourceFileId)}`,
      body: file,
      expect: [200],
    });
    return res.body.sourceFile;
  }

  async removeSourceFile(id: string, sourceFileId: string): Promise<void> {
    await this.http.request({
      operation: `Remove source file ${sourceFileId} from StorageConnection ${id}`,
      method: "DELETE",
      path: `${STORAGE}/${enc(id)}/sourcefiles/${enc(sourceFileId)}`,
      expect: [204],
    });
  }

  // --- StorageConnection runs ---

  async startRun(id: string): Promise<StartedRun> {
    const spec = {
      operation: `Start a run of StorageConnection ${id}`,
      method: "POST",
      path: `${STORAGE}/${enc(id)}/run`,
      expect: [202, 303],
    } satisfies RequestSpec;
    return startedRun(this.http, spec, await this.http.request(spec), `StorageConnection ${id}`);
  }

  listRuns(id: string): Promise<RunSummary[]> {
    return allPages(this.http, 
      { operation: `List runs of StorageConnection ${id}`, path: `${STORAGE}/${enc(id)}/runs`, prefer: "minimal" },
      shapes.runListResponse,
      (page) => page.runs,
    );
  }

  getStorageConnectionRun(id: string, runId: string): Promise<Run> {
    return this.getRunAt(`${STORAGE}/${enc(id)}/runs/${enc(runId)}`, `Get run ${runId} of StorageConnection ${id}`);
  }

  /** A run by the href a connection's `_links.lastRun` gives. */
  getRunAt(href: string, operation = `Get run ${lastSegment(href)}`): Promise<Run> {
    return this.runAt(href, operation, shapes.storageRunResponse);
  }

  private async runAt<Task extends RunTaskBase>(href: string, operation: string, answer: Shape<RunResponse<Task>>): Promise<Run<Task>> {
    const res = await this.http.request({ operation, method: "GET", path: href, expect: [200], answer });
    return res.body.run;
  }

  // --- The user's consent to `User` connections running on their behalf ---

  async getAuthorizationInformation(redirectUrl: string): Promise<AuthorizationInformation> {
    const res = await this.http.request({
      operation: "Get authorization information",
      answer: shapes.authorizationInformationResponse,
      method: "GET",
      path: `${SYNC_PATH}/connections/authorizationinformation`,
      query: { redirectUrl },
      expect: [200],
    });
    return res.body.authorizationInformation;
  }

  // --- ManifestConnections (read-only lookups) ---

  async getManifestConnection(id: string): Promise<Connection> {
    const res = await this.http.request({
      operation: `Get ManifestConnection ${id}`,
      answer: shapes.connectionResponse,
      method: "GET",
      path: `${MANIFEST}/${enc(id)}`,
      expect: [200],
    });
    return res.body.connection;
  }

  listManifestSourceFiles(id: string): Promise<ManifestSourceFile[]> {
    return allPages(this.http, 
      { operation: `List source files of ManifestConnection ${id}`, path: `${MANIFEST}/${enc(id)}/sourcefiles` },
      shapes.manifestSourceFileListResponse,
      (page) => page.sourceFiles,
    );
  }

  getManifestConnectionRun(id: string, runId: string): Promise<ManifestRun> {
    return this.runAt(
      `${MANIFEST}/${enc(id)}/runs/${enc(runId)}`,
      `Get run ${runId} of ManifestConnection ${id}`,
      shapes.manifestRunResponse,
    );
  }

}

function lastSegment(href: string): string {
  return decodeURIComponent(new URL(href, "http://x").pathname.split("/").filter(Boolean).pop() ?? "");
}
