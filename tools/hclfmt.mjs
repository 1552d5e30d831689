// Format HCL the way `terraform fmt` does: hclwrite's formatter compiled to WebAssembly
// (@cdktf/hcl-tools), offline. stdin is a JSON object {name: source}; stdout is
// {name: formatted}; a source that does not parse becomes {name: null}.
import hclTools from "@cdktf/hcl-tools";
import { readFileSync } from "node:fs";

const sources = JSON.parse(readFileSync(0, "utf8"));
const results = {};
for (const [name, source] of Object.entries(sources)) {
  try {
    results[name] = await hclTools.format(source);
  } catch {
    results[name] = null;
  }
}
process.stdout.write(JSON.stringify(results), () => process.exit(0));
