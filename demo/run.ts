// `npm run demo`: the quick-start stack from nothing to healed drift, with no account and no question asked.
//   starts the emulator -> pulumi up (connections + a synchronization run each) -> a change made by hand through the
//   API -> pulumi preview --refresh reports exactly that drift -> pulumi up heals it -> stops the emulator.
// The stack stays in .pulumi-local/ for the user to explore; `npm run demo -- --destroy` removes it.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { startEmulator, type RunningEmulator } from "../emulator";
import { StaticToken } from "../provider/client/auth";
import { HttpClient } from "../provider/client/http";
import { SyncClient } from "../provider/client/sync-client";

const ROOT = resolve(__dirname, "../..");
const STACK = process.env.ITWIN_DEMO_STACK ?? "demo";
const PORT = Number(process.env.ITWIN_DEMO_PORT ?? 5050);
const DATA_FILE = process.env.ITWIN_DEMO_DATA ?? join(ROOT, ".pulumi-local", "demo-emulator.db");
// The emulator accepts any token; a real one goes in with `pulumi config set --secret itwin:accessToken`.
const DEMO_TOKEN = "demo-token-for-the-local-emulator";

let step = 0;
function say(text: string): void {
  console.log(`\n=== ${++step}. ${text}`);
}

/** Runs the Pulumi CLI on the quick-start project, its output shown as it comes. */
function pulumi(args: string[], options: { allowFailure?: boolean; quiet?: boolean } = {}): Promise<{ code: number; stdout: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn("pulumi", [...args, "--stack", STACK, "--non-interactive"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", options.quiet ? "pipe" : "inherit"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk;
      if (!options.quiet) process.stdout.write(chunk);
    });
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0 && !options.allowFailure) {
        reject(new Error(`pulumi ${args.join(" ")} exited with ${code}${options.quiet ? `\n${stdout}${stderr}` : ""}`));
      } else {
        resolvePromise({ code: code ?? -1, stdout });
      }
    });
  });
}

async function startDemoEmulator(): Promise<RunningEmulator> {
  const emulator = await startEmulator({ port: PORT, dataFile: DATA_FILE });
  console.log(`The iTwin Synchronization API emulator listens on ${emulator.url} (no account needed).`);
  return emulator;
}

async function useStack(baseUrl: string): Promise<void> {
  const selected = await pulumi(["stack", "select"], { allowFailure: true, quiet: true });
  if (selected.code !== 0) await pulumi(["stack", "init"], { quiet: true });
  await pulumi(["config", "set", "itwin:baseUrl", baseUrl], { quiet: true });
  await pulumi(["config", "set", "--secret", "itwin:accessToken", DEMO_TOKEN], { quiet: true });
}

async function demo(): Promise<void> {
  say("Start the emulator and use the local state backend (.pulumi-local/)");
  const emulator = await startDemoEmulator();
  try {
    await useStack(emulator.url);
    const api = new SyncClient(new HttpClient({ baseUrl: emulator.url, tokens: new StaticToken(DEMO_TOKEN, "demo") }));

    say("pulumi up: one StorageConnection per discipline, each synchronized once (runOnChange + waitForRun)");
    await pulumi(["up", "--yes", "--skip-preview"]);

    say("The synchronization results, as stack outputs");
    await pulumi(["stack", "output", "lastRuns"]);

    say("A colleague edits the Structure connection in the portal (through the API)");
    const ids = JSON.parse((await pulumi(["stack", "output", "connectionIds", "--json"], { quiet: true })).stdout);
    await api.updateStorageConnection(ids.structure, { displayName: "Structure (edited in the portal)" });
    const foundations = (await api.listSourceFiles(ids.structure)).find((f) => f.storageFileId === "rmc-a-str-foundations")!;
    await api.updateSourceFile(ids.structure, foundations.id, { storageFileId: foundations.storageFileId, connectorType: "MSTN" });
    console.log(`Renamed connection ${ids.structure} to "Structure (edited in the portal)",`);
    console.log(`and switched source file rmc-a-str-foundations from IFC to MSTN.`);

    say("pulumi preview --refresh --expect-no-changes: Pulumi reads every connection back and reports the drift");
    const drift = await pulumi(["preview", "--refresh", "--diff", "--expect-no-changes"], { allowFailure: true });
    console.log(
      drift.code === 0
        ? "No drift found (unexpected: the change above should show)."
        : "Drift found, exactly the two changes made by hand (the check exits non-zero, as a CI drift job would).",
    );

    say("pulumi up --refresh: read the live state into the stack, then put the declared state back");
    await pulumi(["up", "--refresh", "--yes", "--skip-preview"]);

    say("pulumi preview --refresh --expect-no-changes: no drift left");
    await pulumi(["preview", "--refresh", "--expect-no-changes"], { quiet: true });
    const healed = await api.getStorageConnection(ids.structure);
    console.log(`Connection ${healed.id} is "${healed.displayName}" again; the preview shows no change.`);
  } finally {
    say("Stop the emulator (its connections are kept in .pulumi-local/ for the next start)");
    await emulator.close();
  }
  console.log(`
The stack "${STACK}" is left in place. To explore it:
  npm run pulumi -- stack output --stack ${STACK}
  npm run pulumi -- stack --stack ${STACK}
To talk to it again, start the emulator on the same port and data:
  npm run emulator -- --port ${PORT} --data .pulumi-local/demo-emulator.db
To remove the connections and the stack:
  npm run demo -- --destroy
To point the same stack at Bentley's API (a real iModel and storage files needed in quickstart/model.json):
  npm run pulumi -- config set itwin:baseUrl https://api.bentley.com --stack ${STACK}
  npm run pulumi -- config set --secret itwin:accessToken <token> --stack ${STACK}`);
}

async function destroy(): Promise<void> {
  say("Start the emulator with the demo's connections");
  const emulator = await startDemoEmulator();
  try {
    await useStack(emulator.url);
    say("pulumi destroy: delete every connection of the demo stack");
    // --run-program: without it, the engine would configure the provider from the state, with the old base URL.
    await pulumi(["destroy", "--yes", "--skip-preview", "--run-program"]);
    await pulumi(["stack", "rm", "--yes"], { quiet: true });
  } finally {
    await emulator.close();
    rmSync(DATA_FILE, { force: true });
  }
  console.log(`\nThe demo stack "${STACK}" and its connections are gone.`);
}

(process.argv.includes("--destroy") ? destroy() : demo()).catch((error: unknown) => {
  console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
