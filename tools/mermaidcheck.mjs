// Parse Mermaid text read from stdin with mermaid.parse, the parser the renderer uses,
// inside a jsdom window (no browser needed). Exit 0 when it parses, 1 with the error.
import { JSDOM } from "jsdom";
import { readFileSync } from "node:fs";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

const source = readFileSync(0, "utf8");
try {
  const parsed = await mermaid.parse(source);
  process.stdout.write(JSON.stringify({ diagramType: parsed.diagramType }) + "\n");
  process.exit(0);
} catch (err) {
  const text = String(err && err.message ? err.message : err);
  process.stderr.write(text.split("\n").slice(0, 4).join(" ") + "\n");
  process.exit(1);
}
