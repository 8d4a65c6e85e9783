// A thin typed client for the iTwin Synchronization API: one method per operation over HttpClient.request.
import { MAX_PAGE_SIZE, SYNC_PATH } from "../../api/contract";
import type {
  AuthorizationInformation,
  AuthorizationInformationResponse,
  Connection,
  ConnectionListResponse,
  ConnectionResponse,
  ConnectionSummary,
  CreateStorageConnectionRequest,
  ManifestRun,
  ManifestRunTask,
  ManifestSourceFile,
  ManifestSourceFileListResponse,
  PageLinks,
  Run,
  RunListResponse,
  RunResponse,
  RunSummary,
  RunTaskBase,
  SourceFile,
  SourceFileInput,
  SourceFileListResponse,
  SourceFileResponse,
  StorageRunTask,
  UpdateStorageConnectionRequest,
} from "../../api/types";
import type { HttpClient, RequestSpec } from "./http";

const STORAGE = `${SYNC_PATH}/storageconnections`;
const MANIFEST = `${SYNC_PATH}/manifestconnections`;

export interface StartedRun {
  runId: string;
  /** The run's href (the `Location` header). */
  location: string;
  /** 303: a run was already active for the iModel, and this is that run. */
  alreadyActive: boolean;
}

const enc = encodeURIComponent;

export class SyncClient {
  constructor(readonly http: HttpClient) {}

  // --- StorageConnections ---

  async createStorageConnection(body: CreateStorageConnectionRequest): Promise<Connection> {
    const res = await this.http.request<ConnectionResponse>({
      operation: "Create StorageConnection",
      method: "POST",
      path: STORAGE,
      body,
      expect: [201],
    });
    return res.body.connection;
  }

  listStorageConnections(iModelId: string): Promise<ConnectionSummary[]> {
    return this.allPages<ConnectionListResponse, ConnectionSummary>(
      { operation: `List StorageConnections of iModel ${iModelId}`, path: STORAGE, query: { imodelId: iModelId } },
      (page) => page.connections,
    );
  }

  async getStorageConnection(id: string): Promise<Connection> {
    const res = await this.http.request<ConnectionResponse>({
      operation: `Get StorageConnection ${id}`,
      method: "GET",
      path: `${STORAGE}/${enc(id)}`,
      expect: [200],
    });
    return res.body.connection;
  }

  async updateStorageConnection(id: string, body: UpdateStorageConnectionRequest): Promise<Connection> {
    const res = await this.http.request<ConnectionResponse>({
      operation: `Update StorageConnection ${id}`,
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
      expect: [200, 204],
    });
  }

  // --- StorageConnection source files ---

  /** Every source file, with connectorType (`Prefer: return=representation`), following `_links.next`. */
  listSourceFiles(id: string): Promise<SourceFile[]> {
    return this.allPages<SourceFileListResponse<SourceFile>, SourceFile>(
      { operation: `List source files of StorageConnection ${id}`, path: `${STORAGE}/${enc(id)}/sourcefiles` },
      (page) => page.sourceFiles,
    );
  }

  async addSourceFile(id: string, file: SourceFileInput): Promise<SourceFile> {
    const res = await this.http.request<SourceFileResponse>({
      operation: `Add source file ${file.storageFileId} to StorageConnection ${id}`,
      method: "POST",
      path: `${STORAGE}/${enc(id)}/sourcefiles`,
      body: file,
      expect: [201],
    });
    return res.body.sourceFile;
  }

  async getSourceFile(id: string, sourceFileId: string): Promise<SourceFile> {
    const res = await this.http.request<SourceFileResponse>({
      operation: `Get source file ${sourceFileId} of StorageConnection ${id}`,
      method: "GET",
      path: `${STORAGE}/${enc(id)}/sourcefiles/${enc(sourceFileId)}`,
      expect: [200],
    });
    return res.body.sourceFile;
  }

  async updateSourceFile(id: string, sourceFileId: string, file: SourceFileInput): Promise<SourceFile> {
    const res = await this.http.request<SourceFileResponse>({
      operation: `Update source file ${sourceFileId} of StorageConnection ${id}`,
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
      expect: [200, 204],
    });
  }

  // --- StorageConnection runs ---

  async startRun(id: string): Promise<StartedRun> {
    const res = await this.http.request({
      operation: `Start a run of StorageConnection ${id}`,
      method: "POST",
      path: `${STORAGE}/${enc(id)}/run`,
      expect: [202, 303],
    });
    const location = res.headers.get("location");
    if (!location) {
      throw new Error(`Start a run of StorageConnection ${id}: the API answered ${res.status} without a Location`);
    }
    return { runId: lastSegment(location), location, alreadyActive: res.status === 303 };
  }

  listRuns(id: string): Promise<RunSummary[]> {
    return this.allPages<RunListResponse<RunSummary>, RunSummary>(
      { operation: `List runs of StorageConnection ${id}`, path: `${STORAGE}/${enc(id)}/runs`, prefer: "minimal" },
      (page) => page.runs,
    );
  }

  getStorageConnectionRun(id: string, runId: string): Promise<Run> {
    return this.getRunAt(`${STORAGE}/${enc(id)}/runs/${enc(runId)}`, `Get run ${runId} of StorageConnection ${id}`);
  }

  /** A run by the href a connection's `_links.lastRun` gives. */
  getRunAt<Task extends RunTaskBase = StorageRunTask>(
    href: string,
    operation = `Get run ${lastSegment(href)}`,
  ): Promise<Run<Task>> {
    return this.http
      .request<RunResponse<Task>>({ operation, method: "GET", path: href, expect: [200] })
      .then((res) => res.body.run);
  }

  // --- The user's consent to `User` connections running on their behalf ---

  async getAuthorizationInformation(redirectUrl: string): Promise<AuthorizationInformation> {
    const res = await this.http.request<AuthorizationInformationResponse>({
      operation: "Get authorization information",
      method: "GET",
      path: `${SYNC_PATH}/connections/authorizationinformation`,
      query: { redirectUrl },
      expect: [200],
    });
    return res.body.authorizationInformation;
  }

  // --- ManifestConnections (read-only lookups) ---

  async getManifestConnection(id: string): Promise<Connection> {
    const res = await this.http.request<ConnectionResponse>({
      operation: `Get ManifestConnection ${id}`,
      method: "GET",
      path: `${MANIFEST}/${enc(id)}`,
      expect: [200],
    });
    return res.body.connection;
  }

  listManifestSourceFiles(id: string): Promise<ManifestSourceFile[]> {
    return this.allPages<ManifestSourceFileListResponse, ManifestSourceFile>(
      { operation: `List source files of ManifestConnection ${id}`, path: `${MANIFEST}/${enc(id)}/sourcefiles` },
      (page) => page.sourceFiles,
    );
  }

  getManifestConnectionRun(id: string, runId: string): Promise<ManifestRun> {
    return this.getRunAt<ManifestRunTask>(`${MANIFEST}/${enc(id)}/runs/${enc(runId)}`, `Get run ${runId} of ManifestConnection ${id}`);
  }

  /** Fetches every page, largest page size first, then follows `_links.next` until it is absent. */
  private async allPages<P extends { _links?: PageLinks }, T>(
    first: Pick<RequestSpec, "operation" | "path" | "query"> & { prefer?: "minimal" },
    items: (page: P) => T[],
  ): Promise<T[]> {
    const all: T[] = [];
    let path: string | undefined = first.path;
    let query: RequestSpec["query"] = { ...first.query, $top: MAX_PAGE_SIZE };
    const seen = new Set<string>();
    while (path) {
      const res: { body: P } = await this.http.request<P>({
        operation: first.operation,
        method: "GET",
        path,
        query,
        prefer: first.prefer === "minimal" ? "return=minimal" : "return=representation",
        expect: [200],
      });
      all.push(...items(res.body));
      const next = res.body._links?.next?.href;
      // A server that hands back a page it already gave would loop forever; stop instead.
      path = next && !seen.has(next) ? next : undefined;
      if (next) seen.add(next);
      query = undefined;
    }
    return all;
  }
}

function lastSegment(href: string): string {
  return decodeURIComponent(new URL(href, "http://x").pathname.split("/").filter(Boolean).pop() ?? "");
}
