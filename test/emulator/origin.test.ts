// Links and Location use the origin the client called (Host; X-Forwarded-Proto/-Host behind a proxy) or --public-url,
// so a client reaching the emulator by another name is sent back to that name and keeps its Authorization header.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MEDIA_TYPE } from "../../api/contract";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { parseCliArgs } from "../../emulator/cli";
import { CONNECTIONS, MANIFEST, newConnection, type Json } from "./helpers";

const TOKEN = "origin-test-token";
let emulator: RunningEmulator;

beforeAll(async () => {
  // Slow runs, so that a second start meets the first one still active (303); a fixed token, so that a request that
  // lost its Authorization header fails.
  emulator = await startEmulator({ port: 0, runStepMs: 5000, token: TOKEN });
});
afterAll(() => emulator.close());

/** A call to `origin` (an alias of the emulator's address) with the token; `headers` added. */
async function call(origin: string, method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; redirect?: RequestRedirect } = {}) {
  const response = await fetch(`${origin}${path}`, {
    method,
    redirect: options.redirect ?? "manual",
    headers: {
      accept: MEDIA_TYPE,
      authorization: `Bearer ${TOKEN}`,
      ...(options.body !== undefined && { "content-type": "application/json" }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, location: response.headers.get("location"), body: (text ? JSON.parse(text) : undefined) as Json };
}

/** Every string in `value` that looks like an absolute URL. */
function hrefs(value: unknown): string[] {
  return JSON.stringify(value).match(/https?:\/\/[^"]+/g) ?? [];
}

describe("links and Location follow the origin the client called", () => {
  const port = () => emulator.port;

  it.each(["localhost", "127.0.0.1"])("via %s", async (host) => {
    const origin = `http://${host}:${port()}`;
    const created = await call(origin, "POST", CONNECTIONS, { body: newConnection() });
    expect(created.status).toBe(201);
    const id = created.body.connection.id;
    const started = await call(origin, "POST", `${CONNECTIONS}/${id}/run`);
    expect(started.status).toBe(202);
    expect(started.location).toMatch(new RegExp(`^${origin}${CONNECTIONS}/${id}/runs/`));
    const answers = [
      (await call(origin, "GET", `${CONNECTIONS}/${id}`)).body,
      (await call(origin, "GET", `${CONNECTIONS}/${id}/sourcefiles`, { headers: { prefer: "return=representation" } })).body,
      (await call(origin, "GET", `${CONNECTIONS}?iModelId=${created.body.connection.iModelId}`)).body,
      (await call(origin, "GET", MANIFEST)).body,
    ];
    const all = answers.flatMap(hrefs);
    expect(all.length).toBeGreaterThan(6);
    for (const href of all) expect(href.startsWith(`${origin}/`)).toBe(true);
  });

  it("behind a proxy: X-Forwarded-Proto and X-Forwarded-Host (the first of a list)", async () => {
    const origin = `http://127.0.0.1:${port()}`;
    const headers = { "x-forwarded-proto": "https", "x-forwarded-host": "sync.example.com, inner-proxy:8080" };
    const created = await call(origin, "POST", CONNECTIONS, { body: newConnection(), headers });
    expect(created.body.connection._links.iModel.href).toBe(`https://sync.example.com/imodels/${created.body.connection.iModelId}`);
    const started = await call(origin, "POST", `${CONNECTIONS}/${created.body.connection.id}/run`, { headers });
    expect(started.location).toMatch(/^https:\/\/sync\.example\.com\/synchronization\/imodels\/storageconnections\//);
  });

  it("a Host that is no host name falls back to the listen address", async () => {
    const body = await new Promise<Json>((resolve, reject) => {
      const req = request(
        { host: "127.0.0.1", port: port(), path: MANIFEST, headers: { host: "bad host/<x>", authorization: `Bearer ${TOKEN}` } },
        (res) => {
          let text = "";
          res.on("data", (chunk) => (text += chunk));
          res.on("end", () => resolve(JSON.parse(text)));
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(body.connection._links.iModel.href.startsWith(`${emulator.url}/`)).toBe(true);
  });

  it("a client following the 303 to the active run keeps its Authorization and gets the run", async () => {
    const origin = `http://localhost:${port()}`;
    const created = await call(origin, "POST", CONNECTIONS, { body: newConnection() });
    const id = created.body.connection.id;
    const first = await call(origin, "POST", `${CONNECTIONS}/${id}/run`);
    expect(first.status).toBe(202);
    // fetch follows the 303 with a GET, and drops Authorization if the Location is on another origin.
    const followed = await call(origin, "POST", `${CONNECTIONS}/${id}/run`, { redirect: "follow" });
    expect(followed.status).toBe(200);
    expect(followed.body.run.id).toBe(first.location?.split("/").pop());
  });
});

describe("--public-url", () => {
  it("puts every link and Location on it, whatever the request says", async () => {
    const proxied = await startEmulator({ port: 0, runStepMs: 5000, publicUrl: "https://proxy.example/itwin/" });
    try {
      const origin = `http://localhost:${proxied.port}`;
      const headers = { authorization: "Bearer any", "x-forwarded-host": "elsewhere.example" };
      const created = await call(origin, "POST", CONNECTIONS, { body: newConnection(), headers });
      expect(hrefs(created.body)).not.toHaveLength(0);
      for (const href of hrefs(created.body)) expect(href.startsWith("https://proxy.example/itwin/")).toBe(true);
      const started = await call(origin, "POST", `${CONNECTIONS}/${created.body.connection.id}/run`, { headers });
      expect(started.location?.startsWith(`https://proxy.example/itwin${CONNECTIONS}/`)).toBe(true);
    } finally {
      await proxied.close();
    }
  });

  it("is a flag, and refuses what is not an http(s) URL", async () => {
    expect(parseCliArgs(["--public-url", "https://proxy.example"])).toMatchObject({ publicUrl: "https://proxy.example" });
    await expect(startEmulator({ publicUrl: "ftp://proxy.example" })).rejects.toThrow("publicUrl must be an http(s) URL");
  });
});
