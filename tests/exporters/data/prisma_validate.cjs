// Validates Prisma schema files with @prisma/prisma-schema-wasm: Prisma's own schema
// parser and validator compiled to WASM (what the Prisma CLI and language server use).
// The `prisma validate` CLI itself downloads a schema-engine binary on first use, which
// cannot happen offline. Usage: PRISMA_WASM_DIR=<node_modules/@prisma/prisma-schema-wasm>
// node prisma_validate.cjs FILE...
const wasm = require(process.env.PRISMA_WASM_DIR);
const fs = require("node:fs");
let problems = 0;
for (const file of process.argv.slice(2)) {
  const params = { prismaSchema: [[file, fs.readFileSync(file, "utf8")]], noColorErrors: true };
  try {
    wasm.validate(JSON.stringify(params));
  } catch (error) {
    console.log(`${file}: ${error.message || error}`);
    problems++;
  }
}
process.exit(problems ? 1 : 0);
