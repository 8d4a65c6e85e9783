// A StorageConnection's source files: Prefer forms, paging past 1000, add/get/update/remove and their errors.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DETAIL, ERROR, INVALID_REQUEST, errorBody, invalidRequestBody } from "../../api/contract";
import { CONNECTIONS, GUID, UNKNOWN_CONNECTION_ID, createConnection, storageFileId, useEmulator, type Json } from "./helpers";

const ctx = useEmulator();

/** Every page of a list, following `next` links from `path` to the end. */
async function allPages(path: string, prefer = "return=minimal"): Promise<Json[]> {
  const pages: Json[] = [];
  let next: string | undefined = path;
  while (next) {
    const answer = await ctx.api.get(next, { headers: { prefer } });
    expect(answer.status).toBe(200);
    pages.push(answer.body);
    next = answer.body._links.next && ctx.api.pathOf(answer.body._links.next.href);
  }
  return pages;
}

describe("list", () => {
  it("answers all but connectorType by default and the full file with Prefer: return=representation", async () => {
    const file = storageFileId();
    const id = await createConnection(ctx.api, { sourceFiles: [{ storageFileId: file, connectorType: "REVIT" }] });
    const path = `${CONNECTIONS}/${id}/sourcefiles`;
    const minimal = await ctx.api.get(path);
    expect(minimal.body.sourceFiles).toEqual([
      {
        id: expect.stringMatching(GUID),
        storageFileId: file,
        lastKnownFileName: `${file}.rvt`,
        _links: { file: { href: `${ctx.api.url}/storage/files/${file}` } },
      },
    ]);
    expect((await ctx.api.get(path, { headers: { prefer: "return=minimal" } })).body).toEqual(minimal.body);
    const full = await ctx.api.get(path, { headers: { prefer: "return=representation" } });
    expect(full.body).toEqual({
      sourceFiles: [
        {
          id: minimal.body.sourceFiles[0].id,
          storageFileId: file,
          connectorType: "REVIT",
          lastKnownFileName: `${file}.rvt`,
          _links: { file: { href: `${ctx.api.url}/storage/files/${file}` } },
        },
      ],
      _links: { self: { href: `${ctx.api.url}${path}?$skip=0&$top=100` } },
    });
  });

  it("pages over more than 1000 files in creation order, following next links to the end", async () => {
    const files = Array.from({ length: 2345 }, (_, i) => ({ storageFileId: `bulk-${i}-${randomUUID()}`, connectorType: "IFC" }));
    const id = await createConnection(ctx.api, { sourceFiles: files });
    const path = `${CONNECTIONS}/${id}/sourcefiles`;

    const big = await allPages(`${path}?$top=1000`, "return=representation");
    expect(big.map((page) => page.sourceFiles.length)).toEqual([1000, 1000, 345]);
    expect(big.flatMap((page) => page.sourceFiles.map((f: Json) => f.storageFileId))).toEqual(files.map((f) => f.storageFileId));
    expect(big[1]._links).toEqual({
      self: { href: `${ctx.api.url}${path}?$skip=1000&$top=1000` },
      prev: { href: `${ctx.api.url}${path}?$skip=0&$top=1000` },
      next: { href: `${ctx.api.url}${path}?$skip=2000&$top=1000` },
    });
    expect(big[2]._links.next).toBeUndefined();
    expect(big[0]._links.prev).toBeUndefined();

    const small = await allPages(path);
    expect(small).toHaveLength(24);
    expect(small.flatMap((page) => page.sourceFiles).map((f: Json) => f.storageFileId)).toEqual(files.map((f) => f.storageFileId));
  });

  it("answers 422 for $top over 1000 and for a malformed connection id", async () => {
    const answer = await ctx.api.get(`${CONNECTIONS}/bad/sourcefiles?$top=5000`);
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual(
      invalidRequestBody(INVALID_REQUEST.storageConnectionSourceFiles, [DETAIL.pageTooLarge, DETAIL.invalidConnectionId]),
    );
    const unknown = await ctx.api.get(`${CONNECTIONS}/${UNKNOWN_CONNECTION_ID}/sourcefiles`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual(errorBody(ERROR.storageConnectionNotFound));
  });
});

describe("add, get, update, remove", () => {
  it("adds a file (201, representation), gets it, updates it and removes it", async () => {
    const id = await createConnection(ctx.api);
    const path = `${CONNECTIONS}/${id}/sourcefiles`;
    const file = storageFileId();
    const added = await ctx.api.post(path, { storageFileId: file, connectorType: "CIVIL3D" });
    expect(added.status).toBe(201);
    expect(added.body.sourceFile).toMatchObject({ storageFileId: file, connectorType: "CIVIL3D", lastKnownFileName: `${file}.dwg` });
    const one = `${path}/${added.body.sourceFile.id}`;
    expect((await ctx.api.get(one)).body).toEqual(added.body);

    const other = storageFileId();
    const updated = await ctx.api.put(one, { storageFileId: other, connectorType: "NWD" });
    expect(updated.status).toBe(200);
    expect(updated.body.sourceFile).toMatchObject({ id: added.body.sourceFile.id, storageFileId: other, connectorType: "NWD", lastKnownFileName: `${other}.nwd` });
    // Updating a file to what it already is conflicts with nothing.
    expect((await ctx.api.put(one, { storageFileId: other, connectorType: "NWD" })).status).toBe(200);

    expect((await ctx.api.delete(one)).status).toBe(204);
    const gone = await ctx.api.get(one);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual(errorBody(ERROR.storageConnectionSourceFileNotFound));
    expect((await ctx.api.delete(one)).status).toBe(404);
    expect((await ctx.api.put(one, { storageFileId: other, connectorType: "NWD" })).status).toBe(404);
    expect((await ctx.api.get(path)).body.sourceFiles).toHaveLength(1);
  });

  it("answers 409 when the file is already mapped to the iModel, by this or another connection", async () => {
    const iModelId = randomUUID();
    const mine = storageFileId();
    const theirs = storageFileId();
    const id = await createConnection(ctx.api, { iModelId, sourceFiles: [{ storageFileId: mine, connectorType: "MSTN" }] });
    await createConnection(ctx.api, { iModelId, sourceFiles: [{ storageFileId: theirs, connectorType: "MSTN" }] });
    const path = `${CONNECTIONS}/${id}/sourcefiles`;
    for (const file of [mine, theirs]) {
      const answer = await ctx.api.post(path, { storageFileId: file, connectorType: "DWG" });
      expect(answer.status).toBe(409);
      expect(answer.body).toEqual(errorBody(ERROR.fileMappingExists));
    }
    const [existing] = (await ctx.api.get(path)).body.sourceFiles;
    expect((await ctx.api.put(`${path}/${existing.id}`, { storageFileId: theirs, connectorType: "MSTN" })).status).toBe(409);
  });

  it("answers 422 InvalidStorageConnectionSourceFileRequest with the broken rules", async () => {
    const id = await createConnection(ctx.api);
    const path = `${CONNECTIONS}/${id}/sourcefiles`;
    const invalid = (...details: object[]) => invalidRequestBody(INVALID_REQUEST.storageConnectionSourceFile, details as never);
    const cases: Array<[unknown, object[]]> = [
      [{}, [DETAIL.missingStorageFileId, DETAIL.missingConnectorType]],
      [{ storageFileId: "ok", connectorType: "pdf" }, [DETAIL.invalidConnectorType]],
      [{ storageFileId: "no spaces", connectorType: "MSTN" }, [DETAIL.invalidStorageFileId]],
      ["{oops", [DETAIL.malformedJson]],
    ];
    for (const [body, details] of cases) {
      const answer = await ctx.api.post(path, body);
      expect(answer.status).toBe(422);
      expect(answer.body).toEqual(invalid(...details));
    }
    const [file] = (await ctx.api.get(path)).body.sourceFiles;
    const update = await ctx.api.put(`${path}/${file.id}`, { connectorType: "MSTN" });
    expect(update.body).toEqual(invalid(DETAIL.missingStorageFileId));
  });

  it("names files from the fixtures when it knows them", async () => {
    const file = storageFileId();
    expect((await ctx.api.post("/__emulator/fixtures", { storageFiles: { [file]: "Bridge.dgn" } })).status).toBe(204);
    const id = await createConnection(ctx.api, { sourceFiles: [{ storageFileId: file, connectorType: "MSTN" }] });
    const list = await ctx.api.get(`${CONNECTIONS}/${id}/sourcefiles`, { headers: { prefer: "return=representation" } });
    expect(list.body.sourceFiles[0].lastKnownFileName).toBe("Bridge.dgn");
  });
});
