// Browser access: Bentley's sample app calls the API from a page of another origin, so the browser sends a preflight
// without a token first and reads an answer only when it carries Access-Control-Allow-Origin.
import { beforeAll, describe, expect, it } from "vitest";
import { SYNC_PATH } from "../../api/contract";
import { IMODEL_ID, useEmulator } from "./helpers";

const ORIGIN = "http://localhost:3000";
const TOKEN = "browser-token";
const ctx = useEmulator({ token: TOKEN });
beforeAll(() => {
  ctx.api.token = TOKEN;
});

async function preflight(path: string, method: string, headers = "authorization,content-type,prefer"): Promise<Response> {
  return fetch(`${ctx.api.url}${path}`, {
    method: "OPTIONS",
    headers: { origin: ORIGIN, "access-control-request-method": method, "access-control-request-headers": headers },
  });
}

describe("CORS", () => {
  it("answers a preflight 204 without a token, allowing the method and the headers asked for", async () => {
    for (const [path, method] of [
      [`${SYNC_PATH}/connections?imodelId=${IMODEL_ID}`, "GET"],
      [`${SYNC_PATH}/storageconnections`, "POST"],
      [`/synchronization/configurations/imodels/${IMODEL_ID}`, "PATCH"],
    ]) {
      const answer = await preflight(path, method);
      expect(answer.status).toBe(204);
      expect(answer.headers.get("access-control-allow-origin")).toBe("*");
      expect(answer.headers.get("access-control-allow-methods")?.split(", ")).toContain(method);
      expect(answer.headers.get("access-control-allow-headers")).toBe("authorization,content-type,prefer");
      expect(Number(answer.headers.get("access-control-max-age"))).toBeGreaterThan(0);
      expect(await answer.text()).toBe("");
    }
  });

  it("lets the page read API answers, errors included, and the Location of a run", async () => {
    const ok = await ctx.api.get(`${SYNC_PATH}/connections?imodelId=${IMODEL_ID}`, { headers: { origin: ORIGIN } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe("*");
    const refused = await ctx.api.get(`${SYNC_PATH}/connections?imodelId=${IMODEL_ID}`, { token: null, headers: { origin: ORIGIN } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("access-control-allow-origin")).toBe("*");
    expect(refused.headers.get("access-control-expose-headers")).toContain("Location");
  });

  it("adds nothing for a caller that is no browser page (no Origin), and a plain OPTIONS is no preflight", async () => {
    const answer = await ctx.api.get(`${SYNC_PATH}/connections?imodelId=${IMODEL_ID}`);
    expect(answer.headers.get("access-control-allow-origin")).toBeNull();
    const options = await ctx.api.call("OPTIONS", `${SYNC_PATH}/storageconnections`);
    expect(options.status).toBe(405);
  });
});
