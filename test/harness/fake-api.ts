// A small real HTTP server standing where the API should be: it passes requests through to the emulator until told
// to answer everything itself, like a sign-in page, a proxy or a misconfigured gateway at `itwin:baseUrl` would. The
// unit and e2e tests and the fault suite (test/faults/garbage.ts) share it.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeAnswer {
  status: number;
  contentType?: string;
  body: string;
}

/** The answers the issue names: 200 HTML, 200 `{}`, an empty 200 and `201 {}`. */
export const NOT_THE_API: Record<string, FakeAnswer> = {
  "200 HTML": { status: 200, contentType: "text/html; charset=utf-8", body: "<!DOCTYPE html><html><body>Sign in</body></html>" },
  "200 {}": { status: 200, contentType: "application/json", body: "{}" },
  "200 empty": { status: 200, body: "" },
  "201 {}": { status: 201, contentType: "application/json", body: "{}" },
};

export class FakeApi {
  /** undefined: pass through to the upstream. */
  answer?: FakeAnswer;
  /** Requests answered by the fake itself, as `METHOD path`. */
  readonly faked: string[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(upstream: string): Promise<FakeApi> {
    let fake: FakeApi | undefined;
    const server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const answer = fake!.answer;
      if (answer) {
        fake!.faked.push(`${req.method} ${req.url}`);
        res.writeHead(answer.status, answer.contentType ? { "content-type": answer.contentType } : {});
        res.end(answer.body);
        return;
      }
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([k]) => !["host", "connection", "content-length"].includes(k)) as [string, string][],
      );
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      try {
        const upstreamRes = await fetch(upstream + req.url, { method: req.method, headers, body, redirect: "manual" });
        const passed: Record<string, string> = {};
        upstreamRes.headers.forEach((value, key) => {
          if (!["content-length", "transfer-encoding", "connection", "content-encoding"].includes(key)) passed[key] = value;
        });
        // Hrefs name the upstream; the client re-bases them onto its base URL anyway.
        res.writeHead(upstreamRes.status, passed);
        res.end(Buffer.from(await upstreamRes.arrayBuffer()));
      } catch {
        // The upstream went away (a test closing it): the client sees a reset, as from a broken proxy.
        res.destroy();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    fake = new FakeApi(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return fake;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
