// A stand-in for what sits in front of the API when `itwin:baseUrl` points at the wrong thing (a sign-in page, a
// proxy, a misconfigured gateway): it forwards to the emulator until told to answer every request 200 with an HTML
// page, `{}` or nothing.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeAnswer = "forward" | "html" | "empty object" | "empty";

const BODIES: Record<Exclude<FakeAnswer, "forward">, { type?: string; body: string }> = {
  html: { type: "text/html; charset=utf-8", body: "<!DOCTYPE html><html><head><title>Sign in</title></head><body>Sign in to continue</body></html>" },
  "empty object": { type: "application/json", body: "{}" },
  empty: { body: "" },
};

export class FakeApi {
  answer: FakeAnswer = "forward";

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(target: string): Promise<FakeApi> {
    let fake: FakeApi | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", async () => {
        const mode = fake!.answer;
        if (mode !== "forward") {
          const { type, body } = BODIES[mode];
          res.writeHead(200, { ...(type && { "content-type": type }), "content-length": Buffer.byteLength(body) });
          res.end(body);
          return;
        }
        try {
          const headers = Object.fromEntries(
            Object.entries(req.headers).filter(([k]) => !["host", "content-length", "connection"].includes(k)),
          ) as Record<string, string>;
          const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
          const answer = await fetch(`${target}${req.url}`, { method: req.method, headers, body, redirect: "manual" });
          const text = Buffer.from(await answer.arrayBuffer());
          const kept = [...answer.headers].filter(([k]) => !["content-length", "content-encoding", "transfer-encoding", "connection", "keep-alive"].includes(k));
          res.writeHead(answer.status, Object.fromEntries([...kept, ["content-length", String(text.length)]]));
          res.end(text);
        } catch {
          res.destroy();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    fake = new FakeApi(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return fake;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
