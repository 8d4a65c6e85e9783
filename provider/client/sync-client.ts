// A thin typed client for the iTwin Synchronization API: one method per operation over HttpClient.request.
import { MAX_PAGE_SIZE, SYNC_PATH } from "../../api/contract";
import * as shapes from "../../api/shapes";
import type { Shape } from "../../api/shapes";
import type {
  AuthorizationInformation,
  Connection,
  ConnectionSummary,
  CreateStorageConnectionRequest,
  ManifestRun,
  ManifestSourceFile,
  PageLinks,
  Run,
  RunResponse,
  RunSummary,
  RunTaskBase,
  SourceFile,
  SourceFileInput,
  UpdateStorageConnectionRequest,
} from "../../api/types";
import { UnexpectedAnswerError } from "./errors";
import type { HttpClient, RequestSpec } from "./http";

const STORAGE = `${SYNC_PATH}/storageconnections`;
/** `…/storageconnections/{id}/runs/{runId}`: what a run start's Location must point at. */
const RUN_HREF = /\/storageconnections\/([^/]+)\/runs\/([^/]+)\/?$/;
const MANIFEST = `${SYNC_PATH}/manifestconnections`;

export interface StartedRun {
  runId: string;
  /** The connection the run belongs to: with a 303, possibly another connection of the iModel. */
  connectionId: string;
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
    return this.allPages(
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
    return this.allPages(
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
    } as const;
    const res = await this.http.request({ ...spec, expect: [...spec.expect] });
    // The Location must be a run of this connection: a 303 to a sign-in page is not a run.
    const location = res.headers.get("location");
    const match = location ? RUN_HREF.exec(new URL(location, this.http.baseUrl).pathname) : null;
    if (!location || !match) {
      throw new UnexpectedAnswerError({
        ...spec,
        url: this.http.url(spec.path),
        status: res.status,
        contentType: res.headers.get("content-type"),
        location,
        text: "",
        expected: `HTTP 202 or 303 with the Location of a run of StorageConnection ${id}`,
      });
    }
    return {
      runId: decodeURIComponent(match[2]),
      connectionId: decodeURIComponent(match[1]),
      location,
      alreadyActive: res.status === 303,
    };
  }

  listRuns(id: string): Promise<RunSummary[]> {
    return this.allPages(
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
    return this.allPages(
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

  /** Fetches every page, largest page size first, then follows `_links.next` until it is absent. */
  private async allPages<P extends { _links?: PageLinks }, T>(
    first: Pick<RequestSpec, "operation" | "path" | "query"> & { prefer?: "minimal" },
    answer: Shape<P>,
    items: (page: P) => T[],
  ): Promise<T[]> {
    const all: T[] = [];
    let path: string | undefined = first.path;
    let query: RequestSpec["query"] = { ...first.query, $top: MAX_PAGE_SIZE };
    const seen = new Set<string>();
    while (path) {
      const res: { body: P } = await this.http.request({
        operation: first.operation,
        method: "GET",
        path,
        query,
        prefer: first.prefer === "minimal" ? "return=minimal" : "return=representation",
        expect: [200],
        answer,
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
