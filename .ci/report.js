// Reads the JSON report of `npm test` (vitest's --reporter=json) and fails unless the whole suite ran and passed:
// every test file under test/ is in the report and passed, no test failed, was skipped or left as a todo, and at
// least MIN_TESTS tests ran (a floor against a suite that silently shrank; see .ci/run for its figure).
//
//   node .ci/report.js <report.json> <MIN_TESTS>   # prints "N passed, N failed"; exit 1 with the reasons otherwise
"use strict";
const { readdirSync, readFileSync } = require("node:fs");
const { join, relative, resolve } = require("node:path");

const [reportFile, minTests] = process.argv.slice(2);
const root = resolve(__dirname, "..");

/** Every `*.test.ts` under test/, as a path relative to the repository. */
function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith(".test.ts") ? [relative(root, path)] : [];
  });
}

const report = JSON.parse(readFileSync(reportFile, "utf8"));
const files = new Map(report.testResults.map((file) => [relative(root, file.name), file]));
const tests = report.testResults.flatMap((file) => file.assertionResults);
const count = (status) => tests.filter((test) => test.status === status).length;
const passed = count("passed");
const failed = count("failed");

const problems = [];
for (const file of testFiles(join(root, "test"))) {
  const result = files.get(file);
  if (!result) problems.push(`${file} did not run`);
  else if (result.status !== "passed") problems.push(`${file} ${result.status}${result.message ? `: ${result.message.split("\n")[0]}` : ""}`);
}
for (const file of report.testResults) {
  for (const test of file.assertionResults) {
    if (test.status !== "passed") problems.push(`${relative(root, file.name)} > ${test.fullName}: ${test.status}`);
  }
}
if (passed < Number(minTests)) problems.push(`only ${passed} tests passed, fewer than the ${minTests} expected`);

for (const problem of problems) console.error(problem);
console.log(`${passed} passed, ${failed} failed`);
process.exit(problems.length ? 1 : 0);
