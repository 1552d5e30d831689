// Parse Mermaid with mermaid.parse, the parser the renderer uses, inside a jsdom window
// (no browser needed). stdin is a JSON object {name: source}; stdout is
// {name: {"error": text|null}}, one start-up for many documents.
import { JSDOM } from "jsdom";
import { readFileSync } from "node:fs";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

const sources = JSON.parse(readFileSync(0, "utf8"));
const results = {};
for (const [name, source] of Object.entries(sources)) {
  try {
    await mermaid.parse(source);
    results[name] = { error: null };
  } catch (err) {
    const text = String(err && err.message ? err.message : err);
    results[name] = { error: text.split("\n").slice(0, 4).join(" ") };
  }
}
// Exit only once the pipe has taken everything: a large SVG is written asynchronously.
process.stdout.write(JSON.stringify(results), () => process.exit(0));
