// Runs: 202/303/409 on start, the lifecycle to Completed, the outcome rules, lists and lastRun.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ERROR, RUN_ERROR, errorBody } from "../../api/contract";
import type { Run } from "../../api/types";
import {
  CONNECTIONS,
  GUID,
  TIMESTAMP,
  createConnection,
  docs,
  storageFileId,
  useEmulator,
  waitForRun,
  type Api,
} from "./helpers";

const TIMELINE = [
  "Queued/",
  "WaitingToExecute/",
  "Executing/Preprocessor",
  "Executing/MasterFile",
  "Executing/ReferenceFile",
  "Finalizing/ReferenceFile",
  "Completed/ReferenceFile",
];

/** Starts a run and returns the path of its Location. */
async function start(api: Api, connectionId: string, expected = 202): Promise<string> {
  const answer = await api.post(`${CONNECTIONS}/${connectionId}/run`);
  expect(answer.status).toBe(expected);
  expect(answer.body).toBeUndefined();
  return api.pathOf(answer.headers.get("location")!);
}

/** The run's final body, and every `state/phase` seen while polling it. */
async function runToEnd(api: Api, runPath: string): Promise<{ run: Run; seen: string[] }> {
  const seen: string[] = [];
  for (;;) {
    const { body } = await api.get(runPath);
    const step = `${body.run.state}/${body.run.phase ?? ""}`;
    if (seen.at(-1) !== step) seen.push(step);
    if (body.run.state === "Completed") return { run: body.run, seen };
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

// Steps long enough that a poller on a loaded machine (CI runs test files side by side on 2 cores) still sees every
// state the run passes through.
describe("a run's timeline", () => {
  const ctx = useEmulator({ runStepMs: 400 });

  it("answers 202 with the run's Location and walks the states in order to Completed", async () => {
    const id = await createConnection(ctx.api);
    const path = await start(ctx.api, id);
    expect(path).toMatch(new RegExp(`^${CONNECTIONS}/${id}/runs/[0-9a-f-]{36}$`));
    const first = (await ctx.api.get(path)).body.run;
    expect(first).toMatchObject({ connectionId: id, state: "Queued", result: "Undetermined", jobs: [] });
    expect(first.startDateTime).toMatch(TIMESTAMP);
    expect(first.endDateTime).toBeUndefined();

    const { run, seen } = await runToEnd(ctx.api, path);
    expect(seen.at(-1)).toBe("Completed/ReferenceFile");
    expect(seen.map((step) => TIMELINE.indexOf(step))).toEqual([...seen.map((step) => TIMELINE.indexOf(step))].sort((a, b) => a - b));
    expect(seen.every((step) => TIMELINE.includes(step))).toBe(true);
    expect(seen).toContain("Executing/MasterFile");
    expect(run.endDateTime).toMatch(TIMESTAMP);
    expect(Date.parse(run.endDateTime!)).toBeGreaterThan(Date.parse(run.startDateTime!));
  });
});

describe("with the default settings", () => {
  // Long enough steps that a run is still active when the next request arrives.
  const ctx = useEmulator({ runStepMs: 40 });

  it("ends with one job per connector type and one task per file, by the outcome rules", async () => {
    const ok = storageFileId("plain");
    const warn = storageFileId("warn");
    const fail = storageFileId("fail");
    const id = await createConnection(ctx.api, {
      sourceFiles: [
        { storageFileId: ok, connectorType: "MSTN" },
        { storageFileId: fail, connectorType: "DWG" },
        { storageFileId: warn, connectorType: "MSTN" },
      ],
    });
    const { run } = await runToEnd(ctx.api, await start(ctx.api, id));
    const documentedJob = docs("get-storage-connection-run", ctx.api.url)["200"].run.jobs[0];
    const documented = documentedJob.tasks[0];
    const task = (storageFileId: string, result: string, report: object) => ({
      id: expect.stringMatching(/^[0-9a-f]{40}$/),
      storageFileId,
      startDateTime: expect.stringMatching(TIMESTAMP),
      endDateTime: expect.stringMatching(TIMESTAMP),
      retryAttempts: 0,
      state: "Completed",
      result,
      ...(result === "Error" && { error: documented.error }),
      details: { synchronizationReport: report },
    });
    const zero = { message: "", totalErrorsCount: 0, totalWarningsCount: 0, totalOtherIssuesCount: 0 };
    expect(run).toEqual({
      id: expect.stringMatching(GUID),
      connectionId: id,
      startDateTime: expect.stringMatching(TIMESTAMP),
      endDateTime: expect.stringMatching(TIMESTAMP),
      phase: "ReferenceFile",
      state: "Completed",
      result: "Error",
      error: { errorKey: documented.error.descriptionKey, description: documented.error.description },
      jobs: [
        expect.objectContaining({
          connectorType: "MSTN",
          state: "Completed",
          result: "PartialSuccess",
          tasks: [
            task(ok, "Success", { suggestedAction: "Info", ...zero }),
            task(warn, "PartialSuccess", documented.details.synchronizationReport),
          ],
        }),
        expect.objectContaining({
          connectorType: "DWG",
          state: "Completed",
          result: "Error",
          tasks: [task(fail, "Error", { suggestedAction: "Error", ...zero, message: documented.error.message, totalErrorsCount: 1 })],
        }),
      ],
    });
    expect(Object.keys(run.jobs[0]).sort()).toEqual(Object.keys(documentedJob).sort());
    // A StorageConnection task names its file `storageFileId` (the manifest run page's `sourceFileId` is the other kind).
    expect(Object.keys(run.jobs[1].tasks[0]).sort()).toEqual(Object.keys(documented).sort());
  });

  it.each([
    [["plain", "plain"], "Success"],
    [["plain", "warn"], "PartialSuccess"],
    [["warn", "fail"], "Error"],
  ])("gives a run of %j the result %s", async (tags, result) => {
    const id = await createConnection(ctx.api, { sourceFiles: tags.map((tag) => ({ storageFileId: storageFileId(tag), connectorType: "IFC" })) });
    const { run } = await runToEnd(ctx.api, await start(ctx.api, id));
    expect(run.result).toBe(result);
    expect(run.error === undefined).toBe(result !== "Error");
    expect(run.jobs).toHaveLength(1);
  });

  it("answers 303 to the active run of any connection of the same iModel, 202 once it completed", async () => {
    const iModelId = randomUUID();
    const first = await createConnection(ctx.api, { iModelId });
    const second = await createConnection(ctx.api, { iModelId });
    const active = await start(ctx.api, first);
    expect(await start(ctx.api, second, 303)).toBe(active);
    expect(await start(ctx.api, first, 303)).toBe(active);
    // Another iModel is not held up.
    await start(ctx.api, await createConnection(ctx.api));
    await waitForRun(ctx.api, active);
    expect(await start(ctx.api, second)).not.toBe(active);
  });

  it("answers 409 RunRequestConflict when the control endpoint arms it, once per armed conflict", async () => {
    const id = await createConnection(ctx.api);
    await ctx.api.put("/__emulator/faults", { runConflict: true });
    const conflict = await ctx.api.post(`${CONNECTIONS}/${id}/run`);
    expect(conflict.status).toBe(409);
    expect(conflict.body).toEqual(errorBody(ERROR.runConflict));
    await start(ctx.api, id);
  });

  it("points lastRun at the newest run and lists runs minimal or full", async () => {
    const id = await createConnection(ctx.api);
    expect((await ctx.api.get(`${CONNECTIONS}/${id}`)).body.connection._links.lastRun).toBeUndefined();
    const paths: string[] = [];
    for (let i = 0; i < 3; i++) {
      paths.push(await start(ctx.api, id));
      const { body } = await ctx.api.get(`${CONNECTIONS}/${id}`);
      expect(body.connection._links.lastRun).toEqual({ href: `${ctx.api.url}${paths[i]}` });
      await waitForRun(ctx.api, paths[i]);
    }
    const runIds = paths.map((path) => path.split("/").at(-1));
    const minimal = await ctx.api.get(`${CONNECTIONS}/${id}/runs`);
    expect(minimal.body.runs).toEqual(runIds.map((runId) => ({ id: runId, state: "Completed", result: "Success" })));
    const full = await ctx.api.get(`${CONNECTIONS}/${id}/runs?$skip=1&$top=1`, { headers: { prefer: "return=representation" } });
    expect(full.body.runs).toEqual([(await ctx.api.get(paths[1])).body.run]);
    expect(full.body._links).toEqual({
      self: { href: `${ctx.api.url}${CONNECTIONS}/${id}/runs?$skip=1&$top=1` },
      prev: { href: `${ctx.api.url}${CONNECTIONS}/${id}/runs?$skip=0&$top=1` },
      next: { href: `${ctx.api.url}${CONNECTIONS}/${id}/runs?$skip=2&$top=1` },
    });
  });

  it("answers 404 for unknown runs and connections", async () => {
    const id = await createConnection(ctx.api);
    const unknownRun = await ctx.api.get(`${CONNECTIONS}/${id}/runs/${randomUUID()}`);
    expect(unknownRun.status).toBe(404);
    expect(unknownRun.body).toEqual(errorBody(ERROR.storageConnectionRunNotFound));
    const unknownConnection = await ctx.api.post(`${CONNECTIONS}/${"Z".repeat(43)}/run`);
    expect(unknownConnection.status).toBe(404);
    expect(unknownConnection.body).toEqual(errorBody(ERROR.storageConnectionNotFound));
  });

  it("runs User connections when consent is not required", async () => {
    const id = await createConnection(ctx.api, { authenticationType: "User" });
    expect((await runToEnd(ctx.api, await start(ctx.api, id))).run.result).toBe("Success");
  });
});

describe("with --require-user-consent", () => {
  const ctx = useEmulator({ requireUserConsent: true });

  it("ends User runs in UserNotAuthenticated and still runs Service ones", async () => {
    const user = await createConnection(ctx.api, { authenticationType: "User" });
    const { run, seen } = await runToEnd(ctx.api, await start(ctx.api, user));
    expect(run).toMatchObject({ state: "Completed", result: "Error", error: RUN_ERROR.userNotAuthenticated, jobs: [] });
    expect(run.phase).toBeUndefined();
    expect(seen).not.toContain("Executing/Preprocessor");

    const service = await createConnection(ctx.api, { authenticationType: "Service" });
    expect((await runToEnd(ctx.api, await start(ctx.api, service))).run.result).toBe("Success");
  });
});
