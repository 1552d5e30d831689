/* The Ask panel: a conversation about the open project, kept in the store as a session
   (as `archwright ask --session` keeps one) and resumed on reload. Each turn is answered
   by POST .../conversations/{id}/turns, which calls advise.ask.answer exactly as
   `archwright ask` does. Each answer shows the engines'
   numbers and the command that reproduces them. A proposed edit shows its diff and
   before/after figures; Accept saves it as a new version through the page's one save
   (If-Match, so a version saved meanwhile refuses it), Refuse changes nothing.
   Every string from the question, the model or the engines is written as text. */
"use strict";

AW.chat = (function () {
  const el = AW.el;
  // Per project: the open conversation { id, url, title, turns } and the stored list.
  // A turn is { question, url, position, data | error, verdict, asked | restored }.
  const conversations = {};
  const listed = {};
  const resuming = {};  // per project: the promise of its first load from the store

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

  /* Record what became of an edit in the conversation (a system message on the server). */
  async function note(turn, body) {
    try { await AW.api.json("POST", turn.url + "/verdicts", Object.assign({ answer: turn.position }, body)); }
    catch (e) { turn.verdict += " (not recorded in the conversation: " + e.message + ")"; }
  }

  function editBox(turn, redraw) {
    const edit = turn.data.edit;
    const box = el("div", { class: "edit" }, [diff(edit.diff), deltas(edit.deltas)]);
    if (turn.verdict) { box.appendChild(el("p", { class: "verdict", text: turn.verdict })); return box; }
    if (turn.restored) { box.appendChild(el("p", { class: "note", text: "Asked before this page was loaded: ask again to apply it." })); return box; }
    async function accept() {
      if (AW.state.yaml !== turn.asked) {
        turn.verdict = "Not applied: the model changed since this was asked; ask again.";
        await note(turn, { verdict: "not_applied", reason: "the model changed since this was asked; ask again." });
        redraw(); return;
      }
      const before = AW.state.yaml;
      AW.setYaml(edit.new_text);
      const saved = await AW.save();
      if (saved) { turn.verdict = "Accepted: saved as version " + saved + "."; await note(turn, { verdict: "accepted", version: saved }); }
      else {
        AW.setYaml(before, false);
        turn.verdict = "Not applied: the save was refused (" + AW.lastSaveError + ").";
        await note(turn, { verdict: "not_applied", reason: "the save was refused (" + AW.lastSaveError + ")." });
      }
      redraw();
    }
    async function refuse() { turn.verdict = "Refused: the project is unchanged."; await note(turn, { verdict: "refused" }); redraw(); }
    box.append(
      el("button", { type: "button", class: "accept", text: "Accept", onclick: accept }),
      el("button", { type: "button", class: "refuse", text: "Refuse", onclick: refuse }));
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

  /* The stored conversation as turns: a question, its answer (the payload the CLI
     stores), and the verdict on its edit if one was recorded. */
  function turnsOf(url, messages) {
    const list = [];
    messages.forEach(function (m) {
      if (m.role === "user") list.push({ question: m.text, url: url, restored: true });
      else if (m.role === "assistant" && list.length) { const t = list[list.length - 1]; t.data = m.payload; t.position = m.position; }
      else if (m.role === "system" && m.payload && m.payload.answer) {
        const t = list.find(function (x) { return x.position === m.payload.answer; });
        if (t) t.verdict = m.text;
      }
    });
    return list;
  }

  async function load(project, id) {
    const url = "/api/projects/" + project + "/conversations/" + id;
    const { data } = await AW.api.json("GET", url);
    conversations[project] = { id: id, url: url, title: data.title, turns: turnsOf(url, data.messages) };
  }

  /* The project's newest conversation, resumed from the store (none yet: null). */
  async function resume(project) {
    const { data } = await AW.api.json("GET", "/api/projects/" + project + "/conversations");
    listed[project] = data.conversations;
    const newest = data.conversations[data.conversations.length - 1];
    if (newest) await load(project, newest.id);
  }

  async function start(project, title) {
    const { data } = await AW.api.json("POST", "/api/projects/" + project + "/conversations", { title: title });
    (listed[project] = listed[project] || []).push(data);
    conversations[project] = { id: data.id, url: "/api/projects/" + project + "/conversations/" + data.id, title: data.title, turns: [] };
  }

  function panel(box) {
    if (!AW.state.project) { box.append(el("h2", { text: "Ask" }), el("p", { text: "Open a project to ask about it." })); return; }
    const project = AW.state.project;
    const list = el("ol", { id: "chat-turns", class: "chat" });
    const pick = el("select", { id: "chat-conversation", "aria-label": "Conversation" });
    const input = el("input", { type: "text", id: "chat-question", placeholder: "what if db goes down? · can this take 10x? · add a read replica to db" });
    function current() { return conversations[project]; }
    function redraw() {
      if (AW.state.project !== project || AW.state.tab !== "Ask") return;
      pick.textContent = "";
      pick.appendChild(el("option", { value: "", text: "(new conversation)" }));
      (listed[project] || []).forEach(function (c) { pick.appendChild(el("option", { value: c.id, text: c.title })); });
      pick.value = current() ? current().id : "";
      list.textContent = "";
      (current() ? current().turns : []).forEach(function (t) { list.appendChild(turnBox(t, redraw)); });
      list.lastChild && list.lastChild.scrollIntoView({ block: "nearest" });
    }
    async function ask() {
      const question = input.value.trim();
      if (!question) return;
      input.value = "";
      const turn = { question: question, asked: AW.state.yaml };
      try {
        await resuming[project];
        if (!current()) await start(project, question.slice(0, 80));
        const chat = current();
        turn.url = chat.url;
        chat.turns.push(turn);
        redraw();
        const { data } = await AW.api.json("POST", chat.url + "/turns", { yaml: turn.asked, question: question });
        turn.data = data.answer.payload;
        turn.position = data.answer.position;
      } catch (e) {
        turn.error = e.message + ((e.body && e.body.problems) ? ": " + e.body.problems.slice(0, 3).join("; ") : "");
        if (!turn.url) { redraw(); list.appendChild(turnBox(turn, redraw)); return; }
      }
      redraw();
    }
    pick.addEventListener("change", async function () {
      if (pick.value) await load(project, pick.value); else delete conversations[project];
      redraw();
    });
    input.addEventListener("keydown", function (e) { if (e.key === "Enter") ask(); });
    box.append(el("h2", { text: "Ask" }), pick, input, el("button", { type: "button", id: "chat-go", text: "Ask", onclick: ask }),
      el("p", { class: "note", text: "Kept as a conversation of this project (as `archwright ask --session`). Reproduce commands name the model archwright.yaml." }), list);
    redraw();
    if (!resuming[project]) resuming[project] = resume(project).catch(function (e) { list.appendChild(el("p", { class: "error", text: e.message })); });
    resuming[project].then(function () { redraw(); list.dataset.ready = "1"; });
  }

  return { panel: panel };
})();

AW.panels.Ask = AW.chat.panel;
