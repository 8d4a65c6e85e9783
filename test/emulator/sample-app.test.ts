// The calls Bentley's synchronization sample app (github.com/iTwin/synchronization-api-sample-app, a browser app)
// makes in its flows, sent as its generated client sends them: base https://api.bentley.com/synchronization, the
// camel-case paths of its OpenAPI definition, `Accept: application/json`, the token as given, JSON bodies; and as
// the browser sends them: a CORS preflight first (the Authorization header makes every call non-simple), an Origin,
// redirects followed. Each flow starts with Get Connections, as the app's does.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { IMODEL_ID, MANIFEST_ID, useEmulator, type Json } from "./helpers";

const ctx = useEmulator({ token: "sample-app-user-token" });
/** The app's page (src/auth/SynchronizationAuthWrapper.tsx redirects back here after consent). */
const APP_ORIGIN = "http://localhost:3000";

interface SampleRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** As in the generated services, e.g. `/imodels/storageConnections/{connectionId}/sourcefiles`. */
  url: string;
  path?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string | undefined>;
  body?: unknown;
  /** The header the call returns instead of the body (runStorageConnection: Location). */
  responseHeader?: string;
}

/** core/request.ts of the app's synchronizationClient, in a browser: getUrl, getQueryString, getHeaders, sendRequest,
 * getResponseBody and catchErrorCodes, with the preflight the browser sends before it. */
async function sampleRequest(options: SampleRequest): Promise<Json> {
  const path = options.url.replace(/{(.*?)}/g, (_, group: string) => encodeURI(options.path![group]));
  const query = Object.entries(options.query ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => (key.startsWith("$") ? `$${encodeURIComponent(key.slice(1))}` : encodeURIComponent(key)) + `=${encodeURIComponent(String(value))}`);
  const url = `${ctx.api.url}/synchronization${path}${query.length > 0 ? `?${query.join("&")}` : ""}`;
  const headers: Record<string, string> = { Accept: "application/json" };
  for (const [name, value] of Object.entries(options.headers ?? {})) if (value !== undefined) headers[name] = value;
  if (options.body) headers["Content-Type"] = "application/json";

  const preflight = await fetch(url, {
    method: "OPTIONS",
    headers: { Origin: APP_ORIGIN, "Access-Control-Request-Method": options.method, "Access-Control-Request-Headers": Object.keys(headers).map((h) => h.toLowerCase()).join(",") },
  });
  expect(preflight.status, `preflight of ${options.method} ${path}`).toBe(204);
  expect(preflight.headers.get("access-control-allow-methods")).toContain(options.method);
  for (const name of Object.keys(headers)) expect(preflight.headers.get("access-control-allow-headers")).toContain(name.toLowerCase());

  const response = await fetch(url, {
    method: options.method,
    headers: { ...headers, Origin: APP_ORIGIN },
    body: options.body ? JSON.stringify(options.body) : undefined,
  });
  // The browser hands the page nothing from an answer that does not allow its origin.
  expect(response.headers.get("access-control-allow-origin"), `CORS on ${options.method} ${path}`).not.toBeNull();
  const contentType = response.headers.get("content-type");
  const body = response.status !== 204 && contentType?.toLowerCase().startsWith("application/json") ? await response.json() : undefined;
  if (!response.ok) throw new Error(`${options.method} ${path}: ${response.status} ${JSON.stringify(body)}`);
  if (options.responseHeader) {
    const exposed = response.headers.get("access-control-expose-headers") ?? "";
    expect(exposed.toLowerCase()).toContain(options.responseHeader.toLowerCase());
    return response.headers.get(options.responseHeader) ?? body;
  }
  return body;
}

const authorization = `Bearer sample-app-user-token`;

// The generated services the flows call (src/clients/synchronizationClient/services), one function each.
const app = {
  getAuthorizationInformation: (redirectUrl: string) =>
    sampleRequest({ method: "GET", url: "/imodels/connections/authorizationInformation", headers: { Authorization: authorization }, query: { redirectUrl } }),
  getConnections: (imodelId: string, top?: number, skip?: number) =>
    sampleRequest({ method: "GET", url: "/imodels/connections", headers: { Authorization: authorization }, query: { imodelId, $top: top, $skip: skip } }),
  createStorageConnection: (body: Json) =>
    sampleRequest({ method: "POST", url: "/imodels/storageConnections", headers: { Authorization: authorization }, body }),
  getStorageConnectionSourcefiles: (connectionId: string) =>
    sampleRequest({ method: "GET", url: "/imodels/storageConnections/{connectionId}/sourcefiles", path: { connectionId }, headers: { Authorization: authorization } }),
  addStorageConnectionSourcefile: (connectionId: string, body: Json) =>
    sampleRequest({ method: "POST", url: "/imodels/storageConnections/{connectionId}/sourcefiles", path: { connectionId }, headers: { Authorization: authorization }, body }),
  runStorageConnection: (connectionId: string) =>
    sampleRequest({ method: "POST", url: "/imodels/storageConnections/{connectionId}/run", path: { connectionId }, headers: { Authorization: authorization }, responseHeader: "Location" }),
  getStorageConnectionRuns: (connectionId: string, prefer?: string) =>
    sampleRequest({ method: "GET", url: "/imodels/storageConnections/{connectionId}/runs", path: { connectionId }, headers: { Authorization: authorization, Prefer: prefer } }),
  getManifestConnection: (connectionId: string) =>
    sampleRequest({ method: "GET", url: "/imodels/manifestConnections/{connectionId}", path: { connectionId }, headers: { Authorization: authorization } }),
  createManifestConnection: (body: Json) => sampleRequest({ method: "POST", url: "/imodels/manifestConnections", headers: { Authorization: authorization }, body }),
  createManifestConnectionRun: (connectionId: string, body?: Json) =>
    sampleRequest({ method: "POST", url: "/imodels/manifestConnections/{connectionId}/runs", path: { connectionId }, headers: { Authorization: authorization }, body, responseHeader: "Location" }),
  getManifestConnectionRun: (connectionId: string, runId: string) =>
    sampleRequest({ method: "GET", url: "/imodels/manifestConnections/{connectionId}/runs/{runId}", path: { connectionId, runId }, headers: { Authorization: authorization } }),
  deleteManifestConnection: (connectionId: string) =>
    sampleRequest({ method: "DELETE", url: "/imodels/manifestConnections/{connectionId}", path: { connectionId }, headers: { Authorization: authorization } }),
};

// The app's hooks (src/hooks/useSynchronizationAPI.ts): it works on one connection, found by its display name.
const CONNECTION_NAME = "accreditation-storage-connection";

async function getConnection(iModelId: string, file?: { fileId: string; fileName: string }): Promise<string> {
  const connections = await app.getConnections(iModelId);
  let connection = connections.connections?.find((c: Json) => c.displayName === CONNECTION_NAME);
  if (connection == null && file) {
    connection = (
      await app.createStorageConnection({
        iModelId,
        sourceFiles: [{ connectorType: "MSTN", storageFileId: file.fileId }],
        displayName: CONNECTION_NAME,
      })
    ).connection;
  }
  return connection?.id ?? "";
}

const droppedFile = () => ({ fileId: randomBytes(12).toString("base64url"), fileName: "Bridge.dgn" });

// In the app's order, on the app's one connection of the seed iModel: the first drop creates it, the later flows find it.
describe("Bentley's sample app flows against the emulator", () => {
  it("signs in: getAuthorizationInformation says whether the user consented and where to consent", async () => {
    const info = await app.getAuthorizationInformation(APP_ORIGIN);
    expect(info.authorizationInformation).toMatchObject({ isUserAuthorized: true, _links: { authorizationUrl: { href: expect.any(String) } } });
  });

  it("getConnections of the seed iModel answers its connections, which the app searches by displayName", async () => {
    const answer = await app.getConnections(IMODEL_ID);
    expect(answer.connections).toEqual([{ id: MANIFEST_ID, displayName: "30" }]);
    expect(answer._links.self.href).toContain(`imodelId=${IMODEL_ID}`);
  });

  it("synchronizeFiles: getConnections, createStorageConnection, per file getStorageConnectionSourcefiles + addStorageConnectionSourcefile, runStorageConnection", async () => {
    const iModelId = IMODEL_ID;
    const files = [droppedFile(), droppedFile()];
    const connectionId = await getConnection(iModelId, files[0]);
    expect(connectionId).not.toBe("");
    for (const file of files) {
      const { sourceFiles } = await app.getStorageConnectionSourcefiles(connectionId);
      if (sourceFiles?.find((s: Json) => s.storageFileId === file.fileId) != null) continue;
      await app.addStorageConnectionSourcefile(connectionId, { connectorType: "MSTN", storageFileId: file.fileId });
    }
    const location: string = await app.runStorageConnection(connectionId);
    expect(location).toMatch(new RegExp(`/synchronization/imodels/storageconnections/${connectionId}/runs/[0-9a-f-]{36}$`));

    // A second drop finds the same connection through getConnections instead of creating another.
    expect(await getConnection(iModelId, droppedFile())).toBe(connectionId);
    const { sourceFiles } = await app.getStorageConnectionSourcefiles(connectionId);
    expect(sourceFiles.map((s: Json) => s.storageFileId)).toEqual(files.map((f) => f.fileId));
  });

  it("getConnectionFiles and getLatestRunTasks: getConnections, then the source files and the runs (return=representation), newest first", async () => {
    const connectionId = await getConnection(IMODEL_ID);
    expect(connectionId).not.toBe("");
    const files = await app.getStorageConnectionSourcefiles(connectionId);
    expect(files.sourceFiles.length).toBeGreaterThan(0);

    let latest: Json;
    do {
      const runs = await app.getStorageConnectionRuns(connectionId, "return=representation");
      latest = runs.runs.sort((a: Json, b: Json) => b.startDateTime.localeCompare(a.startDateTime))[0];
      if (latest.state !== "Completed") await new Promise((resolve) => setTimeout(resolve, 20));
    } while (latest.state !== "Completed");
    // The app shows one row per file: a task per storage file, with its job's connectorType.
    const tasks = latest.jobs.flatMap((job: Json) => job.tasks.map((task: Json) => ({ connectorType: job.connectorType, ...task })));
    expect(tasks.map((t: Json) => t.storageFileId).sort()).toEqual(files.sourceFiles.map((s: Json) => s.storageFileId).sort());
    expect(tasks.every((t: Json) => t.connectorType === "MSTN" && t.state === "Completed")).toBe(true);
  });

  it("its ManifestConnectionsService: create, get, run with a manifest, get the run, delete", async () => {
    const created = await app.createManifestConnection({ iModelId: IMODEL_ID, displayName: "sample manifest", authenticationType: "Service", sourceFiles: [{ sourceFileId: "f5b36238" }] });
    const id = created.connection.id;
    expect(await app.getManifestConnection(id)).toEqual(created);
    expect((await app.getConnections(IMODEL_ID)).connections.map((c: Json) => c.id)).toContain(id);
    const location: string = await app.createManifestConnectionRun(id, {
      sourceFiles: [{ id: "f5b36238", name: "Master.dgn", url: "https://blob.net/Master.dgn", connectorType: "MSTN" }],
    });
    const runId = location.split("/").pop()!;
    let run: Json;
    for (;;) {
      run = (await app.getManifestConnectionRun(id, runId)).run;
      if (run.state === "Completed") break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(run.jobs[0].tasks[0]).toMatchObject({ sourceFileId: "f5b36238", result: "Success" });
    await app.deleteManifestConnection(id);
    await expect(app.getManifestConnection(id)).rejects.toThrow(/404/);
  });
});
