// Bad input of every kind gets a JSON answer and the server keeps serving.
import { randomUUID } from "node:crypto";
import { connect } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DETAIL, ERROR, INVALID_REQUEST, errorBody, invalidRequestBody } from "../../api/contract";
import { CONNECTIONS, MANIFEST, createConnection, useEmulator } from "./helpers";
import type { RunRecord } from "../../emulator/store";

const ctx = useEmulator();

afterEach(async () => {
  expect((await ctx.api.get(MANIFEST)).status).toBe(200);
});

describe("bodies", () => {
  it("answers malformed JSON with the operation's 422", async () => {
    const id = await createConnection(ctx.api);
    const fileId = (await ctx.api.get(`${CONNECTIONS}/${id}/sourcefiles`)).body.sourceFiles[0].id;
    const cases: Array<[string, string, string]> = [
      ["POST", CONNECTIONS, INVALID_REQUEST.storageConnection],
      ["PUT", `${CONNECTIONS}/${id}`, INVALID_REQUEST.storageConnection],
      ["POST", `${CONNECTIONS}/${id}/sourcefiles`, INVALID_REQUEST.storageConnectionSourceFile],
      ["PUT", `${CONNECTIONS}/${id}/sourcefiles/${fileId}`, INVALID_REQUEST.storageConnectionSourceFile],
    ];
    for (const [method, path, code] of cases) {
      for (const body of ["{\"displayName\":", "", "\u0000garbage"]) {
        const answer = await ctx.api.call(method, path, { body });
        expect(answer.status).toBe(422);
        expect(answer.body).toEqual(invalidRequestBody(code, [DETAIL.malformedJson]));
      }
    }
  });

  it("answers 413 PayloadTooLarge to a body over 1 MiB", async () => {
    const huge = JSON.stringify({ iModelId: "x", padding: "x".repeat(2 * 1024 * 1024) });
    const answer = await ctx.api.post(CONNECTIONS, huge);
    expect(answer.status).toBe(413);
    expect(answer.body).toEqual(errorBody(ERROR.payloadTooLarge));
  });

  it("accepts a body just under 1 MiB", async () => {
    const files = Array.from({ length: 8500 }, (_, i) => ({ storageFileId: `near-limit-${i}-${"x".repeat(60)}`, connectorType: "MSTN" }));
    const body = JSON.stringify({ iModelId: randomUUID(), sourceFiles: files });
    expect(body.length).toBeGreaterThan(900_000);
    expect(body.length).toBeLessThan(1024 * 1024);
    expect((await ctx.api.post(CONNECTIONS, body)).status).toBe(201);
  });
});

describe("paths and methods", () => {
  it("answers 404 ResourceNotFound to unknown paths", async () => {
    for (const path of ["/", "/synchronization/imodels/nothing", `${CONNECTIONS}/a/b/c/d`, "/__emulator/nothing"]) {
      const answer = await ctx.api.get(path);
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual(errorBody(ERROR.notFound));
    }
  });

  it("answers 405 MethodNotAllowed with Allow to wrong methods on known paths", async () => {
    const cases: Array<[string, string, string]> = [
      ["PATCH", CONNECTIONS, "POST, GET"],
      ["POST", MANIFEST, "GET, PUT, DELETE"],
      ["GET", `${CONNECTIONS}/x/run`, "POST"],
      ["DELETE", "/__emulator/health", "GET"],
    ];
    for (const [method, path, allow] of cases) {
      const answer = await ctx.api.call(method, path);
      expect(answer.status).toBe(405);
      expect(answer.headers.get("allow")).toBe(allow);
      expect(answer.body).toEqual(errorBody(ERROR.methodNotAllowed));
    }
  });

  it("matches paths case-insensitively and with a trailing slash", async () => {
    expect((await ctx.api.get(`${MANIFEST.replace("manifestconnections", "ManifestConnections")}/`)).status).toBe(200);
  });

  it("treats a malformed escape in an id as an invalid id", async () => {
    const answer = await ctx.api.get(`${CONNECTIONS}/%E0%A4%A`);
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual(invalidRequestBody(INVALID_REQUEST.storageConnection, [DETAIL.invalidConnectionId]));
  });
});

describe("failures", () => {
  it("answers 500 JSON when a handler throws, and carries on", async () => {
    const id = await createConnection(ctx.api);
    // An out-of-band broken record: the only way to make a handler throw.
    (ctx.emulator.store.storageConnection(id).runs as RunRecord[]).push({
      id: "broken",
      get plan(): never {
        throw new Error("broken on purpose");
      },
    });
    const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const answer = await ctx.api.get(`${CONNECTIONS}/${id}/runs/broken`);
      expect(answer.status).toBe(500);
      expect(answer.body).toEqual(errorBody(ERROR.internalError));
      expect(quiet).toHaveBeenCalled();
    } finally {
      quiet.mockRestore();
    }
  });

  it("answers 400 to bytes that are not HTTP", async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(ctx.emulator.port, "127.0.0.1", () => socket.write("NOT HTTP AT ALL\r\n\r\n"));
      let text = "";
      socket.on("data", (chunk) => (text += chunk));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request/);
  });

  it("survives a client that goes away in the middle of a body", async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(ctx.emulator.port, "127.0.0.1", () => {
        socket.write(`POST ${CONNECTIONS} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Length: 1000\r\n\r\n{"iModelId":`);
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 20);
      });
    });
    expect((await ctx.api.get(MANIFEST)).status).toBe(200);
  });
});
