// Compile and render D2 text read from stdin with the D2 WebAssembly build (offline).
// Exit 0 and print the SVG when it compiles; exit 1 with the compiler's errors otherwise.
import { D2 } from "@terrastruct/d2";
import { readFileSync } from "node:fs";

const source = readFileSync(0, "utf8");
const d2 = new D2();
try {
  const result = await d2.compile(source);
  const svg = await d2.render(result.diagram, result.renderOptions);
  process.stdout.write(svg);
  process.exit(0);
} catch (err) {
  process.stderr.write(String(err && err.message ? err.message : err) + "\n");
  process.exit(1);
}
