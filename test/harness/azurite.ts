// Azurite, Microsoft's Azure Storage emulator, as the shared state backend of tests and bench:fleet: its blob service
// on a free loopback port, in memory, with telemetry off; a container made with a plain SharedKey-signed REST call;
// and what Pulumi's azblob backend needs to use it.
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import { once } from "node:events";

/** Azurite's well-known development account (published in its docs; it opens nothing but a local emulator). */
export const AZURITE_ACCOUNT = "devstoreaccount1";
export const AZURITE_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
/** How long Azurite may take to close after SIGTERM before it is killed (it does not always exit on SIGTERM). */
const STOP_GRACE_MS = 3_000;
const API_VERSION = "2021-08-06";

export class Azurite {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static async start(): Promise<Azurite> {
    const main = require.resolve("azurite/dist/src/blob/main.js");
    const args = ["--blobHost", "127.0.0.1", "--blobPort", "0", "--inMemoryPersistence", "--extentMemoryLimit", "512", "--disableTelemetry", "--skipApiVersionCheck", "--disableProductStyleUrl", "--silent"];
    const child = spawn(process.execPath, [main, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const port = await new Promise<number>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk;
        const match = /listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
        if (match) resolve(Number(match[1]));
      };
      child.stdout!.on("data", onData);
      child.stderr!.on("data", onData);
      child.once("error", reject);
      child.once("exit", (code) => reject(new Error(`Azurite exited (${code}) before listening:\n${output}`)));
    });
    return new Azurite(child, port);
  }

  /** Creates a blob container (Pulumi's backend does not create its own). */
  async createContainer(name: string): Promise<void> {
    const path = `/${AZURITE_ACCOUNT}/${name}`;
    const date = new Date().toUTCString();
    // SharedKey: the verb, eleven standard headers (all empty here), the x-ms-* headers, then the resource.
    const toSign = ["PUT", "", "", "", "", "", "", "", "", "", "", "", `x-ms-date:${date}`, `x-ms-version:${API_VERSION}`, `/${AZURITE_ACCOUNT}${path}`, "restype:container"].join("\n");
    const signature = createHmac("sha256", Buffer.from(AZURITE_KEY, "base64")).update(toSign, "utf8").digest("base64");
    const res = await fetch(`http://127.0.0.1:${this.port}${path}?restype=container`, {
      method: "PUT",
      headers: { "x-ms-date": date, "x-ms-version": API_VERSION, Authorization: `SharedKey ${AZURITE_ACCOUNT}:${signature}` },
    });
    if (res.status !== 201 && res.status !== 409) throw new Error(`Azurite: creating container ${name} answered ${res.status} ${await res.text()}`);
  }

  /** The environment under which `pulumi` keeps its state in `container`. */
  backendEnv(container: string): Record<string, string> {
    return {
      PULUMI_BACKEND_URL: `azblob://${container}?localemu=true&domain=127.0.0.1:${this.port}&protocol=http`,
      AZURE_STORAGE_ACCOUNT: AZURITE_ACCOUNT,
      AZURE_STORAGE_KEY: AZURITE_KEY,
    };
  }

  /** SIGTERM, then SIGKILL when it has not exited within the grace period. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exit = once(this.child, "exit");
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), STOP_GRACE_MS);
    await exit;
    clearTimeout(timer);
  }
}
