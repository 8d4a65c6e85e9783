// A fake API in front of the emulator answers refresh and destroy 200 with an HTML page, `{}` or nothing: neither may
// drop a connection from the state (only the API's own 404 means gone), each must fail saying what came back; once
// the API answers again, refresh and destroy converge and leave nothing behind.
import { ConnectionsStack } from "../harness/connections";
import { TestEmulator } from "../harness/emulator";
import { FakeApi, NOT_THE_API } from "../harness/fake-api";
import { audit } from "./audit";
import { fleet, iModelIds, type FleetSize } from "./fleet";
import { errorsOf, unclearMessages } from "./messages";
import { LOG_BYTES, LOG_SIZE, MAX_TRIES, TOKEN, newRow, record, type Row } from "./scenario";

/** The fake's 200 answers: an HTML page, `{}`, nothing. */
export type GarbageAnswer = "200 HTML" | "200 {}" | "200 empty";

const SIZE: FleetSize = { connections: 5, large: 0, iModels: 2 };

export async function garbageScenario(answer: GarbageAnswer): Promise<Row> {
  const emulator = await TestEmulator.start({ token: TOKEN, runStepMs: 20, requestLogSize: LOG_SIZE, requestLogBytes: LOG_BYTES });
  const fake = await FakeApi.start(emulator.url);
  const api = emulator.client({}, TOKEN);
  const stack = new ConnectionsStack();
  const declared = fleet(SIZE, 1);
  const row = newRow(
    `200 with ${answer === "200 HTML" ? "an HTML page" : answer === "200 {}" ? "{}" : "an empty body"}`,
    "every answer to refresh, then destroy",
  );
  const check = async (label: string, expected: typeof declared) =>
    record(row, label, await audit(api, stack, iModelIds(SIZE), expected));
  try {
    await stack.init({ "itwin:baseUrl": fake.url }, { "itwin:accessToken": TOKEN });
    await stack.declare(declared);
    await stack.up();

    fake.answer = NOT_THE_API[answer];
    for (const command of ["refresh", "destroy"]) {
      const result = await stack.run([command, "--yes", "--skip-preview"]);
      const output = `${result.stdout}\n${result.stderr}`;
      if (result.code === 0) {
        row.converged = false;
        row.notes.push(`${command} exited 0 on answers that were not the API's`);
      }
      for (const problem of unclearMessages(output)) row.unclear.push(`${command}: ${problem}`);
      row.notes.push(`${command} on the fake: exit ${result.code}: ${errorsOf(output)[0] ?? ""}`);
      // Nothing may have left the state: the API still holds every connection.
      await check(`${command} on the fake`, declared);
    }

    fake.answer = undefined;
    for (const [command, expected] of [["refresh", declared], ["destroy", []]] as const) {
      let tries = 0;
      for (let ok = false; !ok && tries < MAX_TRIES; ) {
        tries++;
        ok = (await stack.run([command, "--yes", "--skip-preview"])).code === 0;
      }
      row.tries.push(tries);
      await check(`${command} once the API answers`, [...expected]);
    }
  } finally {
    await stack.dispose();
    await fake.close();
    await emulator.close();
  }
  return row;
}
