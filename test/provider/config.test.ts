// Settings resolution: Pulumi config first, environment second; errors name keys, never values.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { ClientCredentialsToken, StaticToken } from "../../provider/client/auth";
import { adoptOnConflict, allowUnknownConnectorTypes, maxRequestsPerMinute, resolveSettings } from "../../provider/config";

const config = (values: Record<string, string>) => (name: string) => values[name];

describe("resolveSettings", () => {
  it("defaults the base URL to https://api.bentley.com and prefers config over the environment", async () => {
    const s = resolveSettings(config({ accessToken: "from-config" }), { ITWIN_ACCESS_TOKEN: "from-env" });
    expect(s.baseUrl).toBe("https://api.bentley.com");
    expect(s.tokens).toBeInstanceOf(StaticToken);
    expect(await s.tokens.token()).toBe("from-config");
    expect(s.tokens.describedBy).toBe("itwin:accessToken");
  });

  it("falls back to ITWIN_* environment variables", async () => {
    const s = resolveSettings(config({}), { ITWIN_BASE_URL: "http://127.0.0.1:9", ITWIN_ACCESS_TOKEN: "env-token" });
    expect(s.baseUrl).toBe("http://127.0.0.1:9");
    expect(await s.tokens.token()).toBe("env-token");
    expect(s.tokens.describedBy).toBe("ITWIN_ACCESS_TOKEN");
  });

  it("uses client credentials when no token is set", () => {
    const s = resolveSettings(config({ clientId: "app", clientSecret: "shh" }), {});
    expect(s.tokens).toBeInstanceOf(ClientCredentialsToken);
    expect(s.tokens.describedBy).toBe("itwin:clientId and itwin:clientSecret");
  });

  it("bounds a token request by the same per-attempt deadline, and says so", async () => {
    // An authority that accepts the connection and never answers.
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const authorityUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const s = resolveSettings(config({ clientId: "app", clientSecret: "shh", authorityUrl }), {}, 100);
    const error = await s.tokens.token().catch((e) => e);
    silent.closeAllConnections();
    silent.close();
    expect(error.message).toMatch(/^Token request to .* failed after 1 attempt\(s\): no answer within 100 ms, the deadline of each attempt \(ITWIN_HTTP_TIMEOUT_MS/);
  });

  it("explains missing or partial credentials without echoing values", () => {
    expect(() => resolveSettings(config({}), {})).toThrow(/No iTwin credentials: set itwin:accessToken/);
    expect(() => resolveSettings(config({ clientSecret: "very-secret-value" }), {})).toThrow(/need both itwin:clientId and itwin:clientSecret/);
    try {
      resolveSettings(config({ clientSecret: "very-secret-value" }), {});
    } catch (error) {
      expect(String(error)).not.toContain("very-secret-value");
    }
  });

  it("rejects a base URL that is not http(s), naming the key and the fix", () => {
    expect(() => resolveSettings(config({ baseUrl: "api.bentley.com", accessToken: "t" }), {})).toThrow(
      /itwin:baseUrl must be an http\(s\) URL.*pulumi config set itwin:baseUrl/,
    );
  });
});

describe("allowUnknownConnectorTypes", () => {
  it("is off by default, read from itwin:allowUnknownConnectorTypes before ITWIN_ALLOW_UNKNOWN_CONNECTOR_TYPES", () => {
    expect(allowUnknownConnectorTypes(config({}), {})).toBe(false);
    expect(allowUnknownConnectorTypes(config({}), { ITWIN_ALLOW_UNKNOWN_CONNECTOR_TYPES: "true" })).toBe(true);
    expect(allowUnknownConnectorTypes(config({ allowUnknownConnectorTypes: "false" }), { ITWIN_ALLOW_UNKNOWN_CONNECTOR_TYPES: "true" })).toBe(false);
    expect(allowUnknownConnectorTypes(config({ allowUnknownConnectorTypes: "TRUE" }), {})).toBe(true);
  });

  it("names the key and the fix for a value that is not a boolean", () => {
    expect(() => allowUnknownConnectorTypes(config({ allowUnknownConnectorTypes: "yes please" }), {})).toThrow(
      'itwin:allowUnknownConnectorTypes must be true or false; got "yes please". Fix it with: pulumi config set itwin:allowUnknownConnectorTypes true',
    );
  });
});

describe("adoptOnConflict", () => {
  it("is unset by default, exact from itwin:adoptOnConflict or ITWIN_ADOPT_ON_CONFLICT", () => {
    expect(adoptOnConflict(config({}), {})).toBeUndefined();
    expect(adoptOnConflict(config({}), { ITWIN_ADOPT_ON_CONFLICT: "exact" })).toBe("exact");
    expect(adoptOnConflict(config({ adoptOnConflict: "exact" }), {})).toBe("exact");
  });

  it("names the key and the fix for any other value", () => {
    expect(() => adoptOnConflict(config({}), { ITWIN_ADOPT_ON_CONFLICT: "true" })).toThrow(
      'ITWIN_ADOPT_ON_CONFLICT must be exact (or unset); got "true". Fix it with: pulumi config set itwin:adoptOnConflict exact (or pulumi config rm itwin:adoptOnConflict)',
    );
  });
});

describe("maxRequestsPerMinute", () => {
  it("is unset by default, a whole number from itwin:maxRequestsPerMinute before ITWIN_MAX_REQUESTS_PER_MINUTE", () => {
    expect(maxRequestsPerMinute(config({}), {})).toBeUndefined();
    expect(maxRequestsPerMinute(config({}), { ITWIN_MAX_REQUESTS_PER_MINUTE: "500" })).toBe(500);
    expect(maxRequestsPerMinute(config({ maxRequestsPerMinute: "5000" }), { ITWIN_MAX_REQUESTS_PER_MINUTE: "500" })).toBe(5000);
  });

  it("names the key and the fix for anything but a whole number above 0", () => {
    for (const bad of ["0", "-5", "12.5", "fast"]) {
      expect(() => maxRequestsPerMinute(config({ maxRequestsPerMinute: bad }), {})).toThrow(
        `itwin:maxRequestsPerMinute must be a whole number of requests per minute above 0, such as your subscription's limit; got "${bad}". ` +
          "Fix it with: pulumi config set itwin:maxRequestsPerMinute 500 (or pulumi config rm itwin:maxRequestsPerMinute)",
      );
    }
    expect(() => maxRequestsPerMinute(config({}), { ITWIN_MAX_REQUESTS_PER_MINUTE: "lots" })).toThrow(/^ITWIN_MAX_REQUESTS_PER_MINUTE must be/);
  });
});
