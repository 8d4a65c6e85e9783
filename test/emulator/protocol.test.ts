// HTTP that Node's parser refuses before any route (headers too large, a URL too long, two Content-Lengths, bad
// chunking) and requests that trickle in forever (slowloris): each answered with its status and the API's error
// shape, and the server keeps serving.
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { ERROR } from "../../api/contract";
import { parseCliArgs } from "../../emulator/cli";
import { MANIFEST, useEmulator, type Json } from "./helpers";

interface RawAnswer {
  statusLine: string;
  headers: string;
  body: Json;
}

/** Sends `raw` on a fresh socket (then, with `trickle`, one more byte every 50 ms) and reads the answer to the end. */
function exchange(port: number, raw: string, trickle = false): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let text = "";
    let timer: NodeJS.Timeout | undefined;
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(raw);
      if (trickle) timer = setInterval(() => socket.writable && socket.write("x"), 50);
    });
    socket.on("data", (chunk) => (text += chunk));
    socket.on("close", () => {
      clearInterval(timer);
      const [head, body] = text.split("\r\n\r\n");
      const [statusLine, ...headers] = head.split("\r\n");
      resolve({ statusLine, headers: headers.join("\n").toLowerCase(), body: body ? JSON.parse(body) : undefined });
    });
    socket.on("error", (error) => {
      clearInterval(timer);
      // A reset after the answer was read (the server closed while bytes were still coming) is the end too.
      if (text) socket.emit("close");
      else reject(error);
    });
  });
}

describe("protocol errors in the API's error shape", () => {
  const ctx = useEmulator({ requestTimeoutMs: 500 });

  it.each([
    ["a 20 KB header", `GET ${MANIFEST} HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`, "431 Request Header Fields Too Large", ERROR.headersTooLarge],
    ["1,000 headers", `GET ${MANIFEST} HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 1000 }, (_, i) => `X-H${i}: v`).join("\r\n")}\r\n\r\n`, "431 Request Header Fields Too Large", ERROR.headersTooLarge],
    ["a 20 KB path", `GET /${"a".repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, "414 URI Too Long", ERROR.uriTooLong],
  ])("%s", async (_label, raw, statusLine, error) => {
    const answer = await exchange(ctx.emulator.port, raw);
    expect(answer.statusLine).toBe(`HTTP/1.1 ${statusLine}`);
    expect(answer.headers).toContain("content-type: application/json");
    expect(answer.body).toEqual({ error });
  });

  it.each([
    ["two Content-Lengths", `POST ${MANIFEST} HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd`, "Duplicate Content-Length"],
    // To the token endpoint, which reads the body before it answers.
    ["bad chunking", "POST /connect/token HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n", "Invalid character in chunk size"],
    ["bytes that are not HTTP", "NOT HTTP AT ALL\r\n\r\n", ""],
  ])("%s: 400 BadRequest naming the parser's reason", async (_label, raw, reason) => {
    const answer = await exchange(ctx.emulator.port, raw);
    expect(answer.statusLine).toBe("HTTP/1.1 400 Bad Request");
    expect(answer.body).toEqual({ error: { code: ERROR.badRequest.code, message: expect.stringContaining(ERROR.badRequest.message) } });
    expect(answer.body.error.message).toContain(reason);
  });

  it("a body trickling in a byte at a time, never idle, is cut off at requestTimeoutMs with 408", async () => {
    const raw = `POST /synchronization/imodels/storageconnections HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n`;
    const answer = await exchange(ctx.emulator.port, raw, true);
    expect(answer.statusLine).toBe("HTTP/1.1 408 Request Timeout");
    expect(answer.body).toEqual({ error: { code: ERROR.requestTimeout.code, message: expect.stringContaining("(500 ms)") } });
    expect((await ctx.api.get(MANIFEST)).status).toBe(200);
  });

  it("headers trickling in are cut off the same way", async () => {
    const answer = await exchange(ctx.emulator.port, `GET ${MANIFEST} HTTP/1.1\r\nHost: x\r\nX-Slow: `, true);
    expect(answer.statusLine).toBe("HTTP/1.1 408 Request Timeout");
    expect((await ctx.api.get(MANIFEST)).status).toBe(200);
  });

  it("--request-timeout-ms is a flag", () => {
    expect(parseCliArgs(["--request-timeout-ms", "10000"])).toMatchObject({ requestTimeoutMs: 10000 });
  });
});
