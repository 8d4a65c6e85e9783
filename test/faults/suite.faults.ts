// The fault suite (`npm run test:faults`; FAULTS_SHORT=1 for the variant .ci/run runs): the fleet's lifecycle through
// the real CLI under each fault, and a fake API answering 200 with what is not the API's answer. Targets: every
// command converges within 3 tries with 0 duplicates, 0 orphans, 0 lost (and 0 mismatched), and every failed try's
// message names the operation, the cause and the fix, with no stack trace. The table it prints is docs/reliability.md's.
import { afterAll, describe, expect, it } from "vitest";
import { FULL, SHORT } from "./fleet";
import { garbageScenario, type GarbageAnswer } from "./garbage";
import { runScenario, type Row, type Scenario } from "./scenario";

const size = process.env.FAULTS_SHORT === "1" ? SHORT : FULL;
const rows: Row[] = [];

const SCENARIOS: Scenario[] = [
  { fault: "429/503 answers", rate: "20% of requests", faults: { failRate: 0.2 } },
  { fault: "connection resets", rate: "10% of requests", faults: { resetRate: 0.1 } },
  {
    fault: "latency past the client deadline",
    rate: "10% of requests take 1.5 s, deadline 1 s",
    faults: { latencyMs: 1500, latencyRate: 0.1 },
    env: { ITWIN_HTTP_TIMEOUT_MS: "1000" },
  },
  {
    fault: "lost answers of every write",
    rate: `every ${size === SHORT ? "2nd" : "5th"} write of each operation`,
    faults: { dropAnswerEvery: size === SHORT ? 2 : 5 },
  },
  { fault: "rate limit", rate: "500 requests/minute", faults: { rateLimit: 500 } },
  // 200 ms per request, as a real API takes: creates spend time between their POST and their record in the state,
  // so the kill leaves connections made but not recorded, which the recovery must take over.
  {
    fault: "SIGKILL of the provider mid-up",
    rate: `after ${Math.ceil(size.connections / 3)} creates; 200 ms per request`,
    faults: { latencyMs: 200 },
    interrupt: "provider",
  },
  {
    fault: "SIGKILL of the CLI mid-up",
    rate: `after ${Math.ceil(size.connections / 3)} creates; 200 ms per request`,
    faults: { latencyMs: 200 },
    interrupt: "cli",
  },
];

describe(`fault suite: ${size.connections} connections (${size.large} with 300 files) through the real CLI`, () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.fault} (${scenario.rate})`, async () => {
      const row = await runScenario(scenario, size);
      rows.push(row);
      console.log(describeRow(row));
      expect.soft(row.converged, "converged within 3 tries").toBe(true);
      expect.soft(row.duplicates, "duplicates").toBe(0);
      expect.soft(row.orphans, "orphans").toBe(0);
      expect.soft(row.lost, "lost").toBe(0);
      expect.soft(row.mismatched, "mismatched").toBe(0);
      expect.soft(row.unclear, "messages without the operation, the cause or the fix").toEqual([]);
      if (scenario.interrupt) {
        expect.soft(row.unrecorded, "connections made but not recorded after the kill: the recovery had work to do").toBeGreaterThan(0);
      }
      if (scenario.faults?.dropAnswerEvery) {
        // Every kind of write lost an answer at least once, or the scenario did not test what it says.
        expect.soft(Object.keys(row.lostAnswers).sort()).toEqual(
          [
            "DELETE storageconnections/{id}",
            "DELETE storageconnections/{id}/sourcefiles/{id}",
            "POST storageconnections",
            "POST storageconnections/{id}/run",
            "POST storageconnections/{id}/sourcefiles",
            "PUT storageconnections/{id}",
            "PUT storageconnections/{id}/sourcefiles/{id}",
          ].sort(),
        );
      }
    });
  }

  for (const answer of ["200 HTML", "200 {}", "200 empty"] as GarbageAnswer[]) {
    it(`a fake API answering 200 with ${answer === "200 HTML" ? "an HTML page" : answer === "200 {}" ? "{}" : "nothing"} to refresh and destroy`, async () => {
      const row = await garbageScenario(answer);
      rows.push(row);
      console.log(describeRow(row));
      expect.soft(row.converged, "nothing dropped, and refresh and destroy converge once the API is back").toBe(true);
      expect.soft(row.orphans, "orphans").toBe(0);
      expect.soft(row.lost, "lost").toBe(0);
      expect.soft(row.unclear, "messages without the operation, the cause or the fix").toEqual([]);
    });
  }
});

afterAll(() => {
  console.log(
    [
      "",
      `Fault suite, ${size.connections} connections (${size.large} with 300 files); runs tried per command: create/update/refresh/destroy`,
      "",
      "| fault | rate | runs tried | converged | duplicates | orphans | lost | mismatched | unclear messages |",
      "|---|---|---|---|---|---|---|---|---|",
      ...rows.map(
        (r) =>
          `| ${r.fault} | ${r.rate} | ${r.tries.join("/")} | ${r.converged ? "yes" : "no"} | ${r.duplicates} | ${r.orphans} | ${r.lost} | ${r.mismatched} | ${r.unclear.length} |`,
      ),
    ].join("\n"),
  );
});

function describeRow(row: Row): string {
  return [
    `${row.fault} (${row.rate}): tries ${row.tries.join("/")}, converged ${row.converged}, duplicates ${row.duplicates}, orphans ${row.orphans}, lost ${row.lost}, mismatched ${row.mismatched}`,
    ...(row.unrecorded === undefined ? [] : [`  made but not recorded after the kill: ${row.unrecorded}`]),
    ...Object.entries(row.lostAnswers).map(([op, n]) => `  lost answers: ${op} × ${n}`),
    ...row.notes.map((n) => `  ${n}`),
    ...row.unclear.map((u) => `  unclear: ${u}`),
  ].join("\n");
}
