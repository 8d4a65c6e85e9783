// R: the wire's floor. A plain script that makes the minimal calls of each operation for the same fleet, keeping as
// many requests in flight as the engine's --parallel, with no engine, no state and no provider around them.
import { MAX_PAGE_SIZE, MEDIA_TYPE, SYNC_PATH } from "../../api/contract";
import type { ConnectionResponse, CreateStorageConnectionRequest } from "../../api/types";
import { BENCH_TOKEN } from "./emulator";
import type { FleetConnection } from "./fleet";

export class RawClient {
  /** Connection ids by fleet name, from the last create. */
  private ids = new Map<string, string>();

  constructor(
    private readonly baseUrl: string,
    private readonly concurrency: number,
  ) {}

  private async call(method: string, path: string, body?: unknown, expect = [200]): Promise<unknown> {
    const res = await fetch(`${this.baseUrl}${SYNC_PATH}/storageconnections${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${BENCH_TOKEN}`,
        Accept: MEDIA_TYPE,
        Prefer: "return=representation",
        ...(body !== undefined && { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!expect.includes(res.status)) throw new Error(`R: ${method} ${path} answered ${res.status} ${text.slice(0, 200)}`);
    return text ? JSON.parse(text) : undefined;
  }

  private files(id: string) {
    return this.call("GET", `/${encodeURIComponent(id)}/sourcefiles?$top=${MAX_PAGE_SIZE}`);
  }

  /** One request in flight per worker, `concurrency` workers. */
  private async each(connections: FleetConnection[], work: (c: FleetConnection) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < connections.length) await work(connections[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, connections.length) }, worker));
  }

  private id(c: FleetConnection): string {
    const id = this.ids.get(c.name);
    if (!id) throw new Error(`R: ${c.name} was not created`);
    return encodeURIComponent(id);
  }

  /** POST, then the first source-file page for the files' ids (as create needs for its outputs). */
  create(fleet: FleetConnection[]): Promise<void> {
    this.ids.clear();
    return this.each(fleet, async (c) => {
      const body: CreateStorageConnectionRequest = { iModelId: c.iModelId, displayName: c.displayName, authenticationType: "User", sourceFiles: c.sourceFiles };
      const { connection } = (await this.call("POST", "", body, [201])) as ConnectionResponse;
      this.ids.set(c.name, connection.id);
      await this.files(connection.id);
    });
  }

  /** GET the connection, then its source files. */
  read(fleet: FleetConnection[]): Promise<void> {
    return this.each(fleet, async (c) => {
      await this.call("GET", `/${this.id(c)}`);
      await this.files(this.ids.get(c.name)!);
    });
  }

  /** PUT the new displayName of the renamed connections only. */
  rename(fleet: FleetConnection[], renamed: number): Promise<void> {
    return this.each(fleet.slice(0, renamed), async (c) => {
      await this.call("PUT", `/${this.id(c)}`, { displayName: c.displayName });
    });
  }

  delete(fleet: FleetConnection[]): Promise<void> {
    return this.each(fleet, async (c) => {
      await this.call("DELETE", `/${this.id(c)}`, undefined, [200, 204]);
    });
  }
}
