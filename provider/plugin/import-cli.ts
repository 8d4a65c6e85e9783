#!/usr/bin/env node
// itwin-import-imodel <iModelId> [--out <file>]: writes the `pulumi import --file` list of an iModel's
// synchronization setup (import-file.ts). Settings come from the ITWIN_* environment variables (as the provider's
// fallbacks).
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { GUID_PATTERN } from "../../api/contract";
import { createClient, tuningFromEnv } from "../config";
import { importFileForIModel, type ImportFile } from "./import-file";

const USAGE = `Usage: itwin-import-imodel <iModelId> [--out <file>]

Reads the iModel's synchronization setup and writes a file for \`pulumi import --file <file>\` (stdout without
--out): the iModel (itwin:index:IModel, named from its name), one itwin:index:StorageConnection per connection,
named from its displayName, and the configurations the iModel and each connection have
(itwin:index:IModelSyncConfiguration "<iModel name>-settings", itwin:index:ConnectionSyncConfiguration
"<connection name>-settings").

Settings: ITWIN_BASE_URL (default https://api.bentley.com), and ITWIN_ACCESS_TOKEN or ITWIN_CLIENT_ID +
ITWIN_CLIENT_SECRET (e.g. ITWIN_ACCESS_TOKEN="$(pulumi config get itwin:accessToken)").`;

/** "1 IModel, 3 StorageConnection": how many of each type, in the file's order. */
function tally({ resources }: ImportFile): string {
  const counts = new Map<string, number>();
  for (const { type } of resources) counts.set(type, (counts.get(type) ?? 0) + 1);
  return [...counts].map(([type, n]) => `${n} ${type.split(":").pop()}`).join(", ");
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { out: { type: "string" }, help: { type: "boolean", short: "h" } }, allowPositionals: true });
  if (values.help) return void console.log(USAGE);
  const [iModelId, ...extra] = positionals;
  if (!iModelId || extra.length > 0) throw new Error(`expected one iModelId.\n\n${USAGE}`);
  if (!GUID_PATTERN.test(iModelId)) throw new Error(`iModelId must be the iModel's GUID, e.g. 7dbd531d-6967-47b2-8945-a722a437ad7a; got "${iModelId}".`);
  const file = await importFileForIModel(createClient(() => undefined, tuningFromEnv()), iModelId);
  const text = JSON.stringify(file, null, 2) + "\n";
  if (values.out) {
    writeFileSync(values.out, text);
    console.error(`Wrote ${file.resources.length} resource(s) of iModel ${iModelId} to ${values.out} (${tally(file)}); next: pulumi import --file ${values.out}`);
  } else {
    process.stdout.write(text);
  }
}

main().catch((error: unknown) => {
  console.error(`itwin-import-imodel: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
