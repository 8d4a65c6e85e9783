// Bentley's own client-credentials library (@itwin/service-authorization), not written here, against the emulator's
// IMS: OIDC discovery, the token request, token introspection with the JWKS; then its token drives a real
// `pulumi up` of a connection.
import { IntrospectionClient, ServiceAuthorizationClient } from "@itwin/service-authorization";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectionsStack } from "../harness/connections";
import { TestEmulator } from "../harness/emulator";

const CLIENT_ID = "service-authorization-client";
const CLIENT_SECRET = "sa-secret-not-in-state";
const IMODEL = "44444444-5555-4666-8777-888888888801";

let emulator: TestEmulator;
const stacks: ConnectionsStack[] = [];

// The emulator accepts only tokens it issued to this client.
beforeAll(async () => {
  emulator = await TestEmulator.start({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
});
afterAll(async () => {
  for (const stack of stacks) await stack.dispose();
  await emulator.close();
});

function bentleyClient(): ServiceAuthorizationClient {
  return new ServiceAuthorizationClient({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, scope: "itwin-platform", authority: emulator.url });
}

describe("@itwin/service-authorization against the emulator's IMS", () => {
  it("discovers the token endpoint, gets a token, and Bentley's IntrospectionClient verifies it with the JWKS", async () => {
    const client = bentleyClient();
    const bearer = await client.getAccessToken();
    expect(bearer).toMatch(/^Bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(client.isAuthorized).toBe(true);
    const paths = (await emulator.requests()).map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(["GET /.well-known/openid-configuration", "POST /connect/token"]);

    const introspected = await new IntrospectionClient({ issuerUrl: emulator.url }).introspect(bearer);
    expect(introspected).toMatchObject({ active: true, client_id: CLIENT_ID, scope: "itwin-platform", iss: emulator.url });
  });

  it("gets the token a real `pulumi up` then uses to create a connection", async () => {
    const token = (await bentleyClient().getAccessToken()).replace(/^Bearer /, "");
    const stack = new ConnectionsStack();
    stacks.push(stack);
    await stack.init({ "itwin:baseUrl": emulator.url }, { "itwin:accessToken": token });
    await stack.declare([{ name: "by-bentley-token", iModelId: IMODEL, sourceFiles: [{ storageFileId: "sa-file", connectorType: "IFC" }] }]);
    await emulator.clearRequests();
    await stack.up();
    const created = (await stack.connections())["by-bentley-token"];
    expect(created.iModelId).toBe(IMODEL);
    const [listed] = await emulator.client({}, token).listStorageConnections(IMODEL);
    expect(listed.id).toBe(created.id);
    const posts = (await emulator.requests()).filter((r) => r.method === "POST" && r.path.endsWith("/storageconnections"));
    expect(posts).toEqual([expect.objectContaining({ status: 201, authorization: true })]);
    expect(stack.stateFile()).not.toContain(token);
  });
});
