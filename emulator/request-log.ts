// The log of API and token requests that GET /__emulator/requests shows, newest last. It records whether an
// Authorization header came, never its value.

export interface LoggedRequest {
  time: string;
  method: string;
  /** Path with query. */
  path: string;
  /** null when the connection was dropped without an answer (reset faults). */
  status: number | null;
  authorization: boolean;
}

/** Enough for any test or demo; older entries go first. */
const MAX_ENTRIES = 10_000;

export class RequestLog {
  private entries: LoggedRequest[] = [];

  record(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.shift();
  }

  list(): LoggedRequest[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
