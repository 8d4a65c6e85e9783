// Property-based: over generated StorageConnection inputs, `check` accepts every valid declaration, and rejects every
// declaration with one thing wrong, naming that property and a fix, before any request reaches the API.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONNECTOR_TYPES } from "../../api/contract";
import type { StorageConnectionLifecycle } from "../../provider/storage-connection/lifecycle";
import { lifecycleOver } from "../harness/core";
import { TestEmulator } from "../harness/emulator";

let emulator: TestEmulator;
let lifecycle: StorageConnectionLifecycle;

beforeAll(async () => {
  emulator = await TestEmulator.start();
  const client = emulator.client();
  lifecycle = lifecycleOver(() => client, { runPollMs: 20 });
  await emulator.clearRequests();
});
afterAll(() => emulator.close());

const hex = (n: number) => fc.string({ unit: fc.constantFrom(..."0123456789abcdefABCDEF"), minLength: n, maxLength: n });
const guid = fc.tuple(hex(8), hex(4), hex(4), hex(4), hex(12)).map((parts) => parts.join("-"));
const storageFileId = fc.string({
  unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
  minLength: 1,
  maxLength: 44,
});
const sourceFiles = fc.uniqueArray(
  fc.record({ storageFileId, connectorType: fc.constantFrom(...CONNECTOR_TYPES) }),
  { minLength: 1, maxLength: 6, selector: (f) => f.storageFileId },
);

/** Valid declarations: every rule of the API and of the provider kept; optional inputs present or left out. */
const valid = fc
  .record(
    {
      iModelId: guid,
      sourceFiles,
      displayName: fc.string({ maxLength: 40 }),
      authenticationType: fc.constantFrom("User", "Service"),
      adoptConnectionId: fc.string({ minLength: 1, maxLength: 44 }),
      adoptOnConflict: fc.boolean(),
      runOnChange: fc.boolean(),
      waitForRun: fc.boolean(),
      runTimeoutSeconds: fc.oneof(fc.integer({ min: 1, max: 86_400 }), fc.double({ min: 0.5, max: 1e6, noNaN: true })),
    },
    { requiredKeys: ["iModelId", "sourceFiles"] },
  )
  .map((inputs) => (inputs.waitForRun && !inputs.runOnChange ? { ...inputs, runOnChange: true } : inputs));

/** Values of the wrong type or out of range, for inputs that must be a boolean, a positive number or a string. */
const notBoolean = fc.oneof(fc.constantFrom("false", "true", "no", "", 0, 1), fc.string(), fc.integer(), fc.array(fc.boolean(), { maxLength: 2 }));
const notPositiveNumber = fc.oneof(
  fc.constantFrom("600", "", -1, 0, -0.5, Number.NaN, Number.POSITIVE_INFINITY, true),
  fc.integer({ max: 0 }),
  fc.string(),
);

type Inputs = Record<string, unknown>;
/** One thing made wrong, and the property the failure must name. */
const breakages: Array<[string, fc.Arbitrary<(inputs: Inputs) => Inputs>]> = [
  ["runOnChange", notBoolean.map((v) => (i: Inputs) => ({ ...i, runOnChange: v }))],
  ["waitForRun", notBoolean.map((v) => (i: Inputs) => ({ ...i, waitForRun: v, runOnChange: true }))],
  ["adoptOnConflict", notBoolean.map((v) => (i: Inputs) => ({ ...i, adoptOnConflict: v }))],
  ["runTimeoutSeconds", notPositiveNumber.map((v) => (i: Inputs) => ({ ...i, runTimeoutSeconds: v }))],
  ["waitForRun", fc.constant((i: Inputs) => ({ ...i, waitForRun: true, runOnChange: false }))],
  ["adoptConnectionId", fc.constantFrom("", 42, false).map((v) => (i: Inputs) => ({ ...i, adoptConnectionId: v }))],
  ["iModelId", fc.oneof(fc.constantFrom("", "not-a-guid", 7), fc.string({ maxLength: 35 })).map((v) => (i: Inputs) => ({ ...i, iModelId: v }))],
  ["iModelId", fc.constant((i: Inputs) => ({ ...i, iModelId: undefined }))],
  ["displayName", fc.constantFrom(1, true, ["a"]).map((v) => (i: Inputs) => ({ ...i, displayName: v }))],
  ["authenticationType", fc.constantFrom("user", "Robot", "", 1).map((v) => (i: Inputs) => ({ ...i, authenticationType: v }))],
  ["sourceFiles", fc.constantFrom([], "MSTN", undefined, null).map((v) => (i: Inputs) => ({ ...i, sourceFiles: v }))],
  [
    "sourceFiles[0].storageFileId",
    fc.constantFrom("", "has space", "slash/id", 5, null).map((v) => (i: Inputs) => ({
      ...i,
      sourceFiles: [{ ...(i.sourceFiles as Inputs[])[0], storageFileId: v }, ...(i.sourceFiles as Inputs[]).slice(1)],
    })),
  ],
  [
    "sourceFiles[0].connectorType",
    fc.constantFrom("PDF", "mstn!", "", 3, null).map((v) => (i: Inputs) => ({
      ...i,
      sourceFiles: [{ ...(i.sourceFiles as Inputs[])[0], connectorType: v }, ...(i.sourceFiles as Inputs[]).slice(1)],
    })),
  ],
  [
    "sourceFiles[1].storageFileId",
    fc.constant((i: Inputs) => {
      const files = i.sourceFiles as Inputs[];
      return { ...i, sourceFiles: [files[0], { ...files[0] }, ...files.slice(1)] };
    }),
  ],
];
const invalid = fc.oneof(
  ...breakages.map(([property, breakage]) => fc.tuple(valid, breakage).map(([inputs, apply]) => ({ property, inputs: apply(inputs) }))),
);

describe("check over generated inputs", () => {
  it("accepts every valid declaration", async () => {
    await fc.assert(
      fc.asyncProperty(valid, async (inputs) => {
        expect((await lifecycle.check({ olds: {}, news: inputs })).failures).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it("rejects every declaration with one thing wrong, naming the property and a fix", async () => {
    await fc.assert(
      fc.asyncProperty(invalid, async ({ property, inputs }) => {
        const { failures } = await lifecycle.check({ olds: {}, news: inputs });
        const named = failures.find((f) => f.property === property);
        expect(named, `${property} in ${JSON.stringify(failures)}`).toBeDefined();
        expect(named!.reason.startsWith(`${property}: `)).toBe(true);
        expect(named!.reason).toMatch(/ Fix: \S/);
      }),
      { numRuns: 1000 },
    );
  });

  it("sent no request while checking", async () => {
    expect(await emulator.requests()).toEqual([]);
  });
});
