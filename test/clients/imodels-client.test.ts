// Bentley's own iModels client (@itwin/imodels-client-management), not written here, against the emulator's iModels
// API: what it sends (its Accept, Prefer, bodies) and how it reads answers (bodies, errors) must both work.
import { randomUUID } from "node:crypto";
import { IModelsClient, IModelsErrorCode, IModelState, type Authorization } from "@itwin/imodels-client-management";
import { describe, expect, it } from "vitest";
import { useEmulator } from "../emulator/helpers";

const TOKEN = "imodels-client-token";
const ctx = useEmulator({ token: TOKEN });

function bentleyClient(): { client: IModelsClient; authorization: () => Promise<Authorization> } {
  return {
    client: new IModelsClient({ api: { baseUrl: `${ctx.emulator.url}/imodels` } }),
    authorization: async () => ({ scheme: "Bearer", token: TOKEN }),
  };
}

/** The error a call throws, for asserting its parsed code. */
async function failure(call: () => Promise<unknown>): Promise<{ code?: string; statusCode?: number; message?: string }> {
  try {
    await call();
  } catch (error) {
    return error as { code?: string; statusCode?: number; message?: string };
  }
  throw new Error("the call succeeded");
}

describe("@itwin/imodels-client-management against the emulator", () => {
  it("creates an empty iModel, gets it and deletes it", async () => {
    const { client, authorization } = bentleyClient();
    const iTwinId = randomUUID();
    const created = await client.iModels.createEmpty({
      authorization,
      iModelProperties: { iTwinId, name: "Bentley client iModel", description: "made by Bentley's client" },
    });
    expect(created).toMatchObject({ name: "Bentley client iModel", displayName: "Bentley client iModel", iTwinId, state: IModelState.Initialized });

    const listed = [];
    for await (const iModel of client.iModels.getMinimalList({ authorization, urlParams: { iTwinId, name: "Bentley client iModel" } })) listed.push(iModel);
    expect(listed).toEqual([{ id: created.id, displayName: "Bentley client iModel" }]);

    const got = await client.iModels.getSingle({ authorization, iModelId: created.id });
    expect(got).toMatchObject({ id: created.id, name: created.name, description: "made by Bentley's client", createdDateTime: created.createdDateTime });
    expect(await got.getCreator()).toBeUndefined();

    await client.iModels.delete({ authorization, iModelId: created.id });
    const gone = await failure(() => client.iModels.getSingle({ authorization, iModelId: created.id }));
    expect(gone).toMatchObject({ code: IModelsErrorCode.IModelNotFound, statusCode: 404 });
  });

  it("reads the emulator's errors as the iModels API's: a taken name, bad input, a missing token", async () => {
    const { client, authorization } = bentleyClient();
    const iTwinId = randomUUID();
    await client.iModels.createEmpty({ authorization, iModelProperties: { iTwinId, name: "Taken" } });
    const taken = await failure(() => client.iModels.createEmpty({ authorization, iModelProperties: { iTwinId, name: "Taken" } }));
    expect(taken).toMatchObject({ code: IModelsErrorCode.IModelExists, statusCode: 409 });

    const invalid = await failure(() => client.iModels.createEmpty({ authorization, iModelProperties: { iTwinId: "not-a-guid", name: "x" } }));
    expect(invalid).toMatchObject({ code: IModelsErrorCode.InvalidIModelsRequest, statusCode: 422 });
    expect(invalid.message).toContain("Provided iTwinId value is not valid.");

    const unauthorized = await failure(() =>
      client.iModels.getSingle({ authorization: async () => ({ scheme: "Bearer", token: "wrong" }), iModelId: randomUUID() }),
    );
    expect(unauthorized).toMatchObject({ code: IModelsErrorCode.Unauthorized, statusCode: 401 });
  });
});
