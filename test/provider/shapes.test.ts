// The answer shapes accept the bodies Bentley's reference pages document (test/fixtures/api-docs), so checking every
// answer at the client never turns away the real API's own answers; and they refuse what a proxy or sign-in page sends.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as shapes from "../../api/shapes";

const page = (name: string) => JSON.parse(readFileSync(join(__dirname, "../fixtures/api-docs", `${name}.json`), "utf8"));

describe("answer shapes", () => {
  it("accept every documented success body", () => {
    const documented: Array<[shapes.Shape<unknown>, string, string]> = [
      [shapes.connectionResponse, "create-storage-connection", "201"],
      [shapes.connectionResponse, "get-manifest-connection", "200"],
      [shapes.connectionListResponse, "get-storage-connections", "200"],
      [shapes.manifestSourceFileListResponse, "get-manifest-connection-sourcefiles", "200"],
      [shapes.manifestRunResponse, "get-manifest-connection-run", "200"],
      [shapes.storageRunResponse, "get-storage-connection-run", "200"],
    ];
    for (const [shape, name, status] of documented) expect(shape.test(page(name)[status]), `${name} ${status}`).toBe(true);
  });

  it("accept every documented error body as the API's own", () => {
    for (const name of ["create-storage-connection", "get-manifest-connection", "get-manifest-connection-run", "get-manifest-connection-sourcefiles"]) {
      for (const [status, body] of Object.entries(page(name))) {
        if (Number(status) >= 400) expect(shapes.apiErrorBody.test(body), `${name} ${status}`).toBe(true);
      }
    }
  });

  it("refuse what is not the API's answer", () => {
    for (const body of [undefined, {}, [], "<!DOCTYPE html>", { connection: {} }, { connection: null }, { error: "unauthorized" }]) {
      expect(shapes.connectionResponse.test(body)).toBe(false);
      expect(shapes.apiErrorBody.test(body)).toBe(false);
    }
    expect(shapes.sourceFileListResponse.test({ sourceFiles: [{ id: "a", storageFileId: "b" }] })).toBe(false); // no connectorType
    expect(shapes.connectionListResponse.test({ value: [] })).toBe(false);
  });
});
