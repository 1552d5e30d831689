/* The Ask panel: a conversation about the open project, answered by POST /api/ask, which
   calls advise.ask.answer exactly as `archwright ask` does. Each answer shows the engines'
   numbers and the command that reproduces them. A proposed edit shows its diff and
   before/after figures; Accept saves it as a new version through the page's one save
   (If-Match, so a version saved meanwhile refuses it), Refuse changes nothing.
   Every string from the question, the model or the engines is written as text. */
"use strict";

AW.chat = (function () {
  const el = AW.el;
  const turns = [];  // { question, data | error, verdict } for the page's lifetime, per project

  /* Numbers as the engine gave them (up to 6 decimals), grouped for reading. */
  function value(v) { return typeof v === "number" ? v.toLocaleString(undefined, { maximumFractionDigits: 6 }) : v === null ? "-" : String(v); }

  function figures(list) {
    const t = el("table", { class: "figures" }, [el("tr", {}, ["figure", "value", "engine"].map(function (h) { return el("th", { text: h }); }))]);
    list.forEach(function (f) {
      t.appendChild(el("tr", {}, [el("td", { text: f.name }), el("td", { class: "num", text: value(f.value) + (f.unit ? " " + f.unit : "") }), el("td", { text: f.engine })]));
    });
    return t;
  }

  function deltas(list) {
    const t = el("table", { class: "deltas" }, [el("tr", {}, ["", "before", "after"].map(function (h) { return el("th", { text: h }); }))]);
    list.forEach(function (d) {
      const unit = d.unit ? " " + d.unit : "";
      t.appendChild(el("tr", {}, [el("td", { text: d.metric }), el("td", { class: "num", text: value(d.before) + unit }), el("td", { class: "num", text: value(d.after) + unit })]));
    });
    return t;
  }

  /* The diff as lines, each coloured by its first character (still text, never markup). */
  function diff(text) {
    const pre = el("pre", { class: "diff" });
    text.split("\n").forEach(function (line) {
      const cls = line.startsWith("+") && !line.startsWith("+++") ? "add" : line.startsWith("-") && !line.startsWith("---") ? "del" : "";
      pre.appendChild(el("span", { class: cls, text: line + "\n" }));
    });
    return pre;
  }

  function editBox(turn, redraw) {
    const edit = turn.data.edit;
    const box = el("div", { class: "edit" }, [diff(edit.diff), deltas(edit.deltas)]);
    if (turn.verdict) { box.appendChild(el("p", { class: "verdict", text: turn.verdict })); return box; }
    async function accept() {
      if (AW.state.yaml !== turn.asked) { turn.verdict = "Not applied: the model changed since this was asked; ask again."; redraw(); return; }
      const before = AW.state.yaml;
      AW.setYaml(edit.new_text);
      const saved = await AW.save();
      if (saved) turn.verdict = "Accepted: saved as version " + saved + ".";
      else { AW.setYaml(before, false); turn.verdict = "Not applied: the save was refused (" + AW.lastSaveError + ")."; }
      redraw();
    }
    box.append(
      el("button", { type: "button", class: "accept", text: "Accept", onclick: accept }),
      el("button", { type: "button", class: "refuse", text: "Refuse", onclick: function () { turn.verdict = "Refused: the project is unchanged."; redraw(); } }));
    return box;
  }

  function turnBox(turn, redraw) {
    const box = el("li", { class: "turn" }, [el("p", { class: "question", text: turn.question })]);
    if (turn.error) { box.appendChild(el("p", { class: "error", text: turn.error })); return box; }
    if (!turn.data) { box.appendChild(el("p", { text: "Thinking…" })); return box; }
    const d = turn.data;
    box.appendChild(el("pre", { class: "answer", text: d.text }));
    if (d.figures.length) box.appendChild(figures(d.figures));
    if (d.edit) box.appendChild(editBox(turn, redraw));
    d.pushback.forEach(function (p) { box.appendChild(el("p", { class: "pushback", text: "Against: " + p })); });
    if (d.intent === null && d.closest.length) box.appendChild(el("p", { text: "Closest: " + d.closest.join(" · ") }));
    d.notes.forEach(function (n) { box.appendChild(el("p", { class: "note", text: n })); });
    if (d.command) box.appendChild(el("p", { class: "command" }, [el("span", { text: "Reproduce: " }), el("code", { text: d.command })]));
    return box;
  }

  function panel(box) {
    if (!AW.state.project) { box.append(el("h2", { text: "Ask" }), el("p", { text: "Open a project to ask about it." })); return; }
    const project = AW.state.project;
    const list = el("ol", { id: "chat-turns", class: "chat" });
    const input = el("input", { type: "text", id: "chat-question", placeholder: "what if db goes down? · can this take 10x? · add a read replica to db" });
    function redraw() {
      list.textContent = "";
      turns.filter(function (t) { return t.project === project; }).forEach(function (t) { list.appendChild(turnBox(t, redraw)); });
      list.lastChild && list.lastChild.scrollIntoView({ block: "nearest" });
    }
    async function ask() {
      const question = input.value.trim();
      if (!question) return;
      const turn = { project: project, question: question, asked: AW.state.yaml };
      turns.push(turn);
      input.value = "";
      redraw();
      try { turn.data = (await AW.api.json("POST", "/api/ask", { yaml: turn.asked, question: question })).data; }
      catch (e) { turn.error = e.message + ((e.body && e.body.problems) ? ": " + e.body.problems.slice(0, 3).join("; ") : ""); }
      if (AW.state.project === project && AW.state.tab === "Ask") redraw();
    }
    input.addEventListener("keydown", function (e) { if (e.key === "Enter") ask(); });
    box.append(el("h2", { text: "Ask" }), input, el("button", { type: "button", id: "chat-go", text: "Ask", onclick: ask }),
      el("p", { class: "note", text: "Reproduce commands name the model archwright.yaml." }), list);
    redraw();
  }

  return { panel: panel };
})();

AW.panels.Ask = AW.chat.panel;
