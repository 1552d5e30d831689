// Compile and render D2 with the D2 WebAssembly build (offline). Starting the WebAssembly
// module costs tens of seconds on a slow machine, so one run checks many documents:
// stdin is a JSON object {name: source}; stdout is {name: {"error": text|null, "svg"}}.
import { D2 } from "@terrastruct/d2";
import { readFileSync } from "node:fs";

const sources = JSON.parse(readFileSync(0, "utf8"));
const d2 = new D2();
const results = {};
for (const [name, source] of Object.entries(sources)) {
  try {
    const result = await d2.compile(source);
    const svg = await d2.render(result.diagram, result.renderOptions);
    results[name] = { error: null, svg };
  } catch (err) {
    results[name] = { error: String(err && err.message ? err.message : err), svg: "" };
  }
}
// Exit only once the pipe has taken everything: a large SVG is written asynchronously.
process.stdout.write(JSON.stringify(results), () => process.exit(0));
