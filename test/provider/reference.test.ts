// Each resource's reference tables are its model, written out: a description, default or enum changed in the model
// and not in docs/resources/ fails here. UPDATE_REFERENCE=1 rewrites the tables between the page's markers.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resourceName } from "../../provider/model/define";
import { withReference } from "../../provider/model/reference";
import { RESOURCES } from "../../provider/resources";

const ROOT = join(__dirname, "..", "..");

describe("docs/resources", () => {
  for (const { model } of RESOURCES) {
    const name = resourceName(model);
    const file = join(ROOT, "docs", "resources", `${name.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase()}.md`);
    it(`${name}: the page says what the model says`, () => {
      const page = readFileSync(file, "utf8");
      const expected = withReference(page, model);
      if (process.env.UPDATE_REFERENCE) writeFileSync(file, expected);
      expect(page).toBe(expected);
    });
  }
});
