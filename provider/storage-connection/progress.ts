// The one record of how far a create or update got, so a failure after the connection exists still reports it.
import type { StorageConnectionOutputs } from "./model";

/** The connection's outputs as the API has them so far: each step records here as it changes something; the verb
 * reads it once at the end, whether the step succeeded (its result) or failed (what stays in state). */
export class Progress {
  constructor(private current: StorageConnectionOutputs) {}

  get outputs(): StorageConnectionOutputs {
    return this.current;
  }

  record(outputs: StorageConnectionOutputs): void {
    this.current = outputs;
  }
}
