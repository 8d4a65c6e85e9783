// The fault suite's judge of CLI messages, on outputs as the Pulumi CLI prints them.
import { describe, expect, it } from "vitest";
import { errorsOf, unclearMessages } from "./messages";

const output = (...errors: string[]) =>
  [
    "Updating (t1):",
    "Diagnostics:",
    "  pulumi-nodejs:dynamic/itwin:StorageConnection (c1):",
    ...errors.map((e) => `    error: ${e}`),
    "",
    "  pulumi:pulumi:Stack (itwin-sync-connections-t1):",
    "    error: update failed",
    "",
    "Resources:",
    "    1 errored",
  ].join("\n");

describe("the fault suite's message judge", () => {
  it("reads each error of the Diagnostics, continuation lines joined, without the engine's closing line", () => {
    const text = output("1 error occurred:\n    \t* Add source file a to StorageConnection X failed: HTTP 409 Conflict: taken.", "second");
    expect(errorsOf(text)).toEqual(["1 error occurred: * Add source file a to StorageConnection X failed: HTTP 409 Conflict: taken.", "second"]);
  });

  it("accepts a message naming the operation, the cause and the fix", () => {
    const clear = "Create StorageConnection failed: HTTP 409 FileMappingToTheIModelAlreadyExists: held. To take it over, run: ITWIN_ADOPT_ON_CONFLICT=exact pulumi up";
    expect(unclearMessages(output(clear))).toEqual([]);
  });

  it("names what a message lacks, and flags stack traces and TypeErrors anywhere in the output", () => {
    expect(unclearMessages(output("Create StorageConnection: the connection was lost before the API answered (ECONNRESET)"))).toEqual([
      "names not the fix: Create StorageConnection: the connection was lost before the API answered (ECONNRESET)",
    ]);
    const trace = output("TypeError: Cannot read properties of undefined (reading 'connection')\n        at read (/x/lifecycle.js:10:5)");
    expect(unclearMessages(trace)).toEqual([
      "stack trace printed: at read (/x/lifecycle.js:10:5)",
      '"Cannot read properties of" printed',
      '"TypeError" printed',
      '"undefined (reading" printed',
      "names not the operation, the cause, the fix: TypeError: Cannot read properties of undefined (reading 'connection') at read (/x/lifecycle.js:10:5)",
    ]);
  });
});
