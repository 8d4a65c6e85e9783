// Connector types: the emulator accepts the whole known set (the create page's 422 message plus the three Bentley's
// own clients send), and answers anything else with the page's 422, message verbatim.
import { describe, expect, it } from "vitest";
import { CONNECTOR_TYPES, DETAIL, INVALID_REQUEST, invalidRequestBody } from "../../api/contract";
import { CONNECTIONS, createConnection, docs, newConnection, storageFileId, useEmulator } from "./helpers";

const ctx = useEmulator();

describe("connector types", () => {
  it("accepts each known type on create and on a source file's POST and PUT", async () => {
    expect(CONNECTOR_TYPES).toHaveLength(20);
    for (const connectorType of ["AVEVADIAGRAMS", "AVEVAPID", "SHELLEDWCSV"]) expect(CONNECTOR_TYPES).toContain(connectorType);
    const files = CONNECTOR_TYPES.map((connectorType) => ({ storageFileId: storageFileId(), connectorType }));
    const created = await ctx.api.post(CONNECTIONS, newConnection({ sourceFiles: files }));
    expect(created.status).toBe(201);

    const id = await createConnection(ctx.api);
    const path = `${CONNECTIONS}/${id}/sourcefiles`;
    for (const connectorType of ["AVEVADIAGRAMS", "AVEVAPID", "SHELLEDWCSV"]) {
      const added = await ctx.api.post(path, { storageFileId: storageFileId(), connectorType });
      expect(added.status).toBe(201);
      expect(added.body.sourceFile.connectorType).toBe(connectorType);
      const retyped = await ctx.api.put(`${path}/${added.body.sourceFile.id}`, { storageFileId: added.body.sourceFile.storageFileId, connectorType: "MSTN" });
      expect(retyped.status).toBe(200);
    }
  });

  it("answers an unknown type with the create page's 422 detail, word for word", async () => {
    const answer = await ctx.api.post(CONNECTIONS, newConnection({ sourceFiles: [{ storageFileId: storageFileId(), connectorType: "AVEVA-PID" }] }));
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual(invalidRequestBody(INVALID_REQUEST.storageConnection, [DETAIL.invalidConnectorType]));
    const documented = docs("create-storage-connection", ctx.api.url)["422"].error.details;
    expect(documented).toContainEqual(DETAIL.invalidConnectorType);
  });
});
