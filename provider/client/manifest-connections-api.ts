// ManifestConnections: create, list, update, delete, their source files and runs, one typed method per operation over
// HttpClient.request. (Get one, list its source files and get one run are SyncClient's, where the lookups use them.)
import { SYNC_PATH } from "../../api/contract";
import * as shapes from "../../api/shapes";
import type {
  Connection,
  ConnectionSummary,
  CreateManifestConnectionRequest,
  ManifestRunRequest,
  ManifestSourceFile,
  ManifestSourceFileInput,
  RunSummary,
  UpdateManifestConnectionRequest,
} from "../../api/types";
import type { HttpClient, RequestSpec } from "./http";
import { allPages } from "./paging";
import { startedRun, type StartedRun } from "./run-location";

const MANIFEST = `${SYNC_PATH}/manifestconnections`;
const enc = encodeURIComponent;

export class ManifestConnectionsApi {
  constructor(private readonly http: HttpClient) {}

  async create(body: CreateManifestConnectionRequest): Promise<Connection> {
    const res = await this.http.request({
      operation: "Create ManifestConnection",
      answer: shapes.connectionResponse,
      method: "POST",
      path: MANIFEST,
      body,
      expect: [201],
    });
    return res.body.connection;
  }

  /** Every ManifestConnection of the iModel, `{id, displayName}`, all pages. */
  list(iModelId: string): Promise<ConnectionSummary[]> {
    return allPages(
      this.http,
      { operation: `List ManifestConnections of iModel ${iModelId}`, path: MANIFEST, query: { imodelId: iModelId }, prefer: "minimal" },
      shapes.connectionListResponse,
      (page) => page.connections,
    );
  }

  async update(id: string, body: UpdateManifestConnectionRequest): Promise<Connection> {
    const res = await this.http.request({
      operation: `Update ManifestConnection ${id}`,
      answer: shapes.connectionResponse,
      method: "PUT",
      path: `${MANIFEST}/${enc(id)}`,
      body,
      expect: [200],
    });
    return res.body.connection;
  }

  /** 409 ConnectionAlreadyInUse while one of its runs is active. */
  async delete(id: string): Promise<void> {
    await this.http.request({ operation: `Delete ManifestConnection ${id}`, method: "DELETE", path: `${MANIFEST}/${enc(id)}`, expect: [204] });
  }

  async addSourceFile(id: string, file: ManifestSourceFileInput): Promise<ManifestSourceFile> {
    const res = await this.http.request({
      operation: `Add source file ${file.sourceFileId} to ManifestConnection ${id}`,
      answer: shapes.manifestSourceFileResponse,
      method: "POST",
      path: `${MANIFEST}/${enc(id)}/sourcefiles`,
      body: file,
      expect: [201],
    });
    return res.body.sourceFile;
  }

  async getSourceFile(id: string, sourceFileId: string): Promise<ManifestSourceFile> {
    const res = await this.http.request({
      operation: `Get source file ${sourceFileId} of ManifestConnection ${id}`,
      answer: shapes.manifestSourceFileResponse,
      method: "GET",
      path: `${MANIFEST}/${enc(id)}/sourcefiles/${enc(sourceFileId)}`,
      expect: [200],
    });
    return res.body.sourceFile;
  }

  async updateSourceFile(id: string, sourceFileId: string, file: ManifestSourceFileInput): Promise<ManifestSourceFile> {
    const res = await this.http.request({
      operation: `Update source file ${sourceFileId} of ManifestConnection ${id}`,
      answer: shapes.manifestSourceFileResponse,
      method: "PUT",
      path: `${MANIFEST}/${enc(id)}/sourcefiles/${enc(sourceFileId)}`,
      body: file,
      expect: [200],
    });
    return res.body.sourceFile;
  }

  async removeSourceFile(id: string, sourceFileId: string): Promise<void> {
    await this.http.request({
      operation: `Remove source file ${sourceFileId} from ManifestConnection ${id}`,
      method: "DELETE",
      path: `${MANIFEST}/${enc(id)}/sourcefiles/${enc(sourceFileId)}`,
      expect: [204],
    });
  }

  /** POST …/runs with the manifest of file URLs: the new run (202), or the iModel's active run (303, of either kind). */
  async startRun(id: string, manifest: ManifestRunRequest = {}): Promise<StartedRun> {
    const spec = {
      operation: `Start a run of ManifestConnection ${id}`,
      method: "POST",
      path: `${MANIFEST}/${enc(id)}/runs`,
      body: manifest,
      expect: [202, 303],
    } satisfies RequestSpec;
    return startedRun(this.http, spec, await this.http.request(spec), `ManifestConnection ${id}`);
  }

  /** Every run, `{id, state, result}`, all pages. */
  listRuns(id: string): Promise<RunSummary[]> {
    return allPages(
      this.http,
      { operation: `List runs of ManifestConnection ${id}`, path: `${MANIFEST}/${enc(id)}/runs`, prefer: "minimal" },
      shapes.runListResponse,
      (page) => page.runs,
    );
  }
}
