/* One panel per engine. Each sends the editor's model to the endpoint the matching CLI
   command's engine sits behind, and shows the result on the canvas and as text. */
"use strict";

AW.panels = (function () {
  const el = AW.el;
  const S = function () { return AW.state; };

  function fail(box, error) {
    box.appendChild(el("p", { class: "error", text: error.message }));
    ((error.body && error.body.problems) || []).slice(0, 10).forEach(function (p) {
      box.appendChild(el("p", { class: "error", text: p }));
    });
  }

  function table(rows, head) {
    const t = el("table", {}, [el("tr", {}, head.map(function (h) { return el("th", { text: h }); }))]);
    rows.forEach(function (r) {
      t.appendChild(el("tr", {}, r.map(function (c) {
        return el("td", { class: typeof c === "number" ? "num" : "", text: typeof c === "number" ? c.toLocaleString() : String(c) });
      })));
    });
    return t;
  }

  function money(v) { return "$" + Number(v).toLocaleString(undefined, { maximumFractionDigits: 0 }); }

  /* Design: a description (or a requirements file) becomes a new project. */
  function design(box) {
    const text = el("textarea", { id: "design-text", placeholder: "Describe the system: users, traffic, data, constraints…" });
    const file = el("input", { type: "file", id: "design-file", accept: ".yaml,.yml,.json" });
    const cloud = el("select", { id: "design-cloud" }, ["", "aws", "gcp", "azure"].map(function (c) { return el("option", { value: c, text: c || "(model's cloud)" }); }));
    const out = el("div", { id: "design-out" });
    async function run(body) {
      out.textContent = "Designing…";
      try {
        if (cloud.value) body.cloud = cloud.value;
        const { data } = await AW.api.json("POST", "/api/design", body);
        await AW.createProject(data.name, data.yaml);
        out.textContent = "";
        out.appendChild(el("p", { text: data.components + " components, " + data.decisions + " decisions, about " + money(data.monthly_total) + "/month" }));
        data.conflicts.forEach(function (c) { out.appendChild(el("p", { class: "error", text: "Conflict: " + c.title })); });
        if (data.not_understood.length) out.appendChild(el("p", { text: "Not read: " + data.not_understood.join("; ") }));
      } catch (e) { out.textContent = ""; fail(out, e); }
    }
    box.append(el("h2", { text: "Design from a description" }), text, el("label", {}, ["Cloud ", cloud]),
      el("button", { type: "button", id: "design-go", text: "Design", onclick: function () { run({ description: text.value }); } }),
      el("h2", { text: "…or a requirements file" }), file,
      el("button", { type: "button", text: "Design from file", onclick: async function () {
        if (file.files.length) run({ requirements: await file.files[0].text() });
      } }), out);
  }

  /* Audit: grades, findings; a click on a finding highlights its targets. */
  function audit(box) {
    const out = el("div", { id: "audit-out" });
    box.append(el("h2", { text: "Audit" }),
      el("button", { type: "button", id: "audit-go", text: "Run audit", onclick: run }),
      el("button", { type: "button", text: "Download SARIF", onclick: function () {
        AW.api.download("/api/audit/sarif", { yaml: S().yaml }, "archwright.sarif").catch(function (e) { fail(out, e); });
      } }), out);
    async function run() {
      out.textContent = "Auditing…";
      try {
        const { data } = await AW.api.json("POST", "/api/audit", { yaml: S().yaml });
        out.textContent = "";
        const grades = el("p", { class: "grades" }, [el("span", { text: "overall " + data.overall.grade })]);
        Object.keys(data.grades).forEach(function (k) { grades.appendChild(el("span", { text: k + " " + data.grades[k] })); });
        out.appendChild(grades);
        out.appendChild(el("p", { id: "highlighted", class: "readout" }));
        const list = el("ul", { id: "findings" });
        data.findings.filter(function (f) { return !f.suppressed; }).forEach(function (f) {
          const button = el("button", { type: "button", class: "finding" }, [
            el("span", { class: "sev sev-" + f.severity, text: f.severity }), " ",
            el("strong", { text: f.rule_id }), " ", el("span", { text: f.message }),
            el("div", { text: "→ " + f.targets.join(", ") })]);
          button.dataset.targets = JSON.stringify(f.targets);
          button.addEventListener("click", function () {
            list.querySelectorAll(".selected").forEach(function (b) { b.classList.remove("selected"); });
            button.classList.add("selected");
            const shown = AW.graph.highlight(f.targets);
            document.getElementById("highlighted").textContent = "Highlighted: " + shown.join(", ");
          });
          list.appendChild(el("li", {}, [button]));
        });
        out.appendChild(list);
      } catch (e) { out.textContent = ""; fail(out, e); }
    }
    run();
  }

  function cost(box) {
    const out = el("div");
    box.append(el("h2", { text: "Monthly cost" }), out);
    AW.api.json("POST", "/api/cost", { yaml: S().yaml }).then(function ({ data }) {
      out.appendChild(el("p", { class: "readout", id: "cost-total", text: money(data.monthly_total) + " / month on " + data.cloud }));
      /* The rows `archwright cost` prints: components, the network lines outside them
         (NAT gateways), the total, the range and the payment fees kept apart. */
      const rows = Object.keys(data.components).map(function (id) {
        const c = data.components[id]; return [id, c.priced ? money(c.monthly) : "-", c.basis];
      });
      Object.keys(data.network).forEach(function (line) {
        const c = data.network[line]; rows.push([line, money(c.monthly), c.basis]);
      });
      rows.push(["total", money(data.monthly_total), "infrastructure"]);
      if (data.monthly_low !== null && data.monthly_high !== null) {
        rows.push(["range", money(data.monthly_low) + " - " + money(data.monthly_high), "low and high ends of the assumed usage (see assumptions)"]);
      }
      if (data.transaction_fees) rows.push(["fees", money(data.transaction_fees), "payment transaction fees"]);
      const t = table(rows, ["component", "monthly", "basis"]);
      t.id = "cost-lines";
      out.appendChild(t);
      data.alternatives.forEach(function (a) { out.appendChild(el("p", { text: "Cheaper: " + a.component + ": " + a.suggestion + " saves " + money(a.monthly_saving) + " (" + a.tradeoff + ")" })); });
    }).catch(function (e) { fail(out, e); });
  }

  /* Simulate: a log-scale RPS slider; nodes coloured by utilisation, bottleneck named. */
  function simulate(box) {
    const slider = el("input", { type: "range", id: "rps", min: "0", max: "1000", value: "500", "aria-label": "Requests per second" });
    const label = el("span", { id: "rps-label" });
    const readout = el("p", { class: "readout", id: "bottleneck" });
    const hot = el("p", { id: "hot" });
    const out = el("div");
    let timer = null, seq = 0;
    function rps() { return Math.round(Math.pow(10, 1 + 5 * slider.value / 1000)); }
    async function run() {
      const mine = ++seq;
      label.textContent = rps().toLocaleString() + " requests/s";
      try {
        const { data } = await AW.api.json("POST", "/api/simulate", { yaml: S().yaml, rps: rps() });
        if (mine !== seq) return;
        out.textContent = "";
        AW.graph.utilisation(data.components, data.bottleneck);
        const b = data.bottleneck ? data.components[data.bottleneck] : null;
        const over = Object.keys(data.components).filter(function (id) {
          const u = AW.graph.load(data.components[id]); return u !== null && u >= 0.8;
        });
        const bu = b ? AW.graph.load(b) : null;
        const at = bu === Infinity ? "saturated" : "at " + Math.round(bu * 100) + "%";
        readout.textContent = b
          ? "Bottleneck: " + data.bottleneck + " " + at + " (saturates at " + Number(b.saturates_at_rps).toLocaleString() + " rps)"
          : "No bottleneck: nothing has a capacity limit";
        readout.dataset.state = over.length ? "hot" : "ok";
        hot.textContent = over.length ? "Over 80%: " + over.join(", ") : "Everything under 80%";
        out.appendChild(el("p", { text: "Ceiling: " + Number(data.max_rps).toLocaleString() + " rps" }));
        (data.recommendations || []).slice(0, 5).forEach(function (r) { out.appendChild(el("p", { text: r.text })); });
      } catch (e) { if (mine === seq) { out.textContent = ""; fail(out, e); } }
    }
    slider.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 120); });
    const desOut = el("div", { id: "des-out" });
    const des = longJob("des", "/api/jobs/des", function () { return { requests: 1000000, rps: rps() }; }, function (data) {
      desOut.textContent = "";
      desOut.appendChild(table(Object.keys(data.end_to_end_ms).map(function (id) {
        const p = data.end_to_end_ms[id]; return [id, Math.round(p.p50 * 10) / 10, Math.round(p.p99 * 10) / 10];
      }), ["entry", "p50 ms", "p99 ms"]));
      desOut.appendChild(el("p", { text: data.completed.toLocaleString() + " completed, " + data.failed.toLocaleString() + " failed, " + data.timeouts.toLocaleString() + " timeouts at " + Number(data.rps).toLocaleString() + " rps" }));
    });
    des.start.textContent = "Discrete-event run (1M requests)";
    box.append(el("h2", { text: "Simulate load" }), slider, label, readout, hot, out,
      el("h2", { text: "Discrete-event check" }), des.progress, des.start, des.cancel, desOut);
    run();
  }

  /* Chaos: click nodes to fail them; the cascade plays step by step. */
  function chaos(box) {
    const failing = [];
    const picked = el("p", { id: "chaos-picked", text: "Click components on the canvas to fail them." });
    const steps = el("ol", { id: "cascade", class: "cascade" });
    const contained = el("p", { id: "contained", class: "readout" });
    const zone = el("input", { type: "text", id: "chaos-zone", placeholder: "zone or region to lose (optional)" });
    let timers = [];
    async function run() {
      timers.forEach(clearTimeout); timers = [];
      AW.graph.clear("failed degraded contained highlight");
      steps.textContent = ""; contained.textContent = "";
      const body = { yaml: S().yaml, fail: failing.slice() };
      if (zone.value.trim()) { if (zone.value.indexOf("region:") === 0) body.region = zone.value.slice(7).trim(); else body.zones = [zone.value.trim()]; }
      try {
        const { data } = await AW.api.json("POST", "/api/chaos", body);
        data.cascade.forEach(function (s, i) {
          timers.push(setTimeout(function () {
            AW.graph.status(s.component, s.status === "failed" ? "failed" : "degraded");
            steps.appendChild(el("li", { text: "step " + s.step + ": " + s.component + " " + s.status + " — " + s.cause }));
          }, 350 * i));
        });
        timers.push(setTimeout(function () {
          data.contained_by.forEach(function (k) { AW.graph.edgeByKey(k).addClass("contained"); });
          contained.textContent = data.contained_by.length ? "Contained by: " + data.contained_by.join(", ") : "Nothing contained it";
          if (data.would_contain.length) contained.textContent += " · would contain: " + data.would_contain.join(", ");
          (data.throttling || []).forEach(function (t) {
            const away = Object.keys(t.to_fallback_rps).map(function (f) { return f + " absorbs " + t.to_fallback_rps[f].toFixed(2) + " req/s"; });
            steps.appendChild(el("li", { text: "throttled: " + t.model + " refuses " + (100 * t.refused_share).toFixed(1) + "% of " + t.attempts_rps.toFixed(2) + " attempts/s (quota " + t.quota_rps.toFixed(2) + ", retries ×" + t.retry_amplification.toFixed(2) + ")" + (away.length ? "; " + away.join(", ") : "") }));
          });
        }, 350 * data.cascade.length));
      } catch (e) { fail(steps, e); }
    }
    AW.onTap = function (id) {
      if (AW.state.tab !== "Chaos") return;
      const at = failing.indexOf(id);
      if (at >= 0) failing.splice(at, 1); else failing.push(id);
      picked.textContent = failing.length ? "Failing: " + failing.join(", ") : "Click components on the canvas to fail them.";
      if (failing.length || zone.value.trim()) run(); else AW.graph.clear("failed degraded contained");
    };
    box.append(el("h2", { text: "Chaos" }), picked, zone,
      el("button", { type: "button", text: "Lose zone/region", onclick: run }), steps, contained);
  }

  /* A long job streamed as server-sent events: progress, then the result; Cancel asks
     the server to stop it (any replica), and closing the stream stops it too. */
  /* "Running… 42% · 3.1 s · about 4 s left": the engine's fraction and the time left at its pace. */
  function running(data) {
    const parts = [Math.floor(100 * data.fraction) + "%", data.elapsed_s + " s"];
    if (data.eta_s !== null && data.fraction > 0 && data.fraction < 1) parts.push("about " + Math.ceil(data.eta_s) + " s left");
    return "Running… " + parts.join(" · ");
  }

  function longJob(name, url, body, onResult) {
    const progress = el("p", { class: "job-progress", id: name + "-progress" });
    let abort = null, job = null;
    const start = el("button", { type: "button", id: name + "-go", onclick: async function () {
      abort = new AbortController();
      job = null;
      progress.textContent = "Starting…";
      try {
        await AW.api.stream(url, Object.assign({ yaml: S().yaml }, typeof body === "function" ? body() : body), function (event, data) {
          if (event === "started") job = data.job;
          else if (event === "progress") progress.textContent = running(data);
          else if (event === "result") { progress.textContent = "Done"; onResult(data); }
          else if (event === "cancelled") progress.textContent = "Cancelled";
          else progress.textContent = data.error;
        }, abort.signal);
      } catch (e) { progress.textContent = e.name === "AbortError" ? "Cancelled" : e.message; }
    } });
    const cancel = el("button", { type: "button", id: name + "-cancel", text: "Cancel", onclick: async function () {
      if (!job) { if (abort) abort.abort(); return; }
      try { await AW.api.json("DELETE", "/api/jobs/" + job); } catch (e) { if (abort) abort.abort(); }
    } });
    return { start: start, cancel: cancel, progress: progress };
  }

  function availability(box) {
    const out = el("div");
    function show(data) {
      out.textContent = "";
      out.appendChild(el("p", { class: "readout", text: "SLO " + data.slo_percent + "%" }));
      out.appendChild(table(Object.keys(data.journeys).map(function (j) {
        const r = data.journeys[j]; return [j, r.percent + "%", r.method];
      }), ["journey", "availability", "method"]));
    }
    const mc = longJob("mc", "/api/jobs/availability", { samples: 1000000 }, show);
    mc.start.textContent = "Monte Carlo (streamed)";
    box.append(el("h2", { text: "Availability" }), mc.progress, mc.start, mc.cancel, out);
    AW.api.json("POST", "/api/availability", { yaml: S().yaml }).then(function ({ data }) { show(data); }).catch(function (e) { fail(out, e); });
  }

  function tradeoff(box) {
    const options = el("input", { type: "text", id: "tradeoff-options", value: "kafka, rabbitmq" });
    const kind = el("input", { type: "text", id: "select-kind", value: "queue" });
    const out = el("div");
    box.append(el("h2", { text: "Trade-off" }), options,
      el("button", { type: "button", text: "Compare options", onclick: async function () {
        out.textContent = "";
        try {
          const names = options.value.split(",").map(function (s) { return s.trim(); }).filter(Boolean);
          const { data } = await AW.api.json("POST", "/api/tradeoff", { options: names, requirements: AW.requirementsYaml() });
          out.appendChild(el("p", { class: "readout", text: "Recommended: " + (data.recommendation || data.recommended || "") }));
          out.appendChild(el("pre", { text: JSON.stringify(data.totals || data.scores || {}, null, 1) }));
        } catch (e) { fail(out, e); }
      } }),
      el("h2", { text: "Select a technology" }), kind,
      el("button", { type: "button", text: "Rank", onclick: async function () {
        out.textContent = "";
        try {
          const { data } = await AW.api.json("POST", "/api/select", { kind: kind.value, requirements: AW.requirementsYaml() });
          out.appendChild(table((data.ranking || []).slice(0, 8).map(function (r) { return [r.technology || r.name, r.score]; }), ["technology", "score"]));
        } catch (e) { fail(out, e); }
      } }), out);
  }

  function versionsOf() { return AW.api.json("GET", "/api/projects/" + S().project + "/versions").then(function (r) { return r.data.versions; }); }

  function compare(box) {
    const out = el("div");
    if (!S().project) { box.append(el("p", { text: "Open a project to compare its versions." })); return; }
    const a = el("select", { id: "compare-a" }), b = el("select", { id: "compare-b" });
    versionsOf().then(function (versions) {
      versions.forEach(function (v, i) {
        a.appendChild(el("option", { value: v.number, text: "v" + v.number }));
        b.appendChild(el("option", { value: v.number, text: "v" + v.number }));
        if (i === versions.length - 2) a.value = String(v.number);
      });
      b.value = String(versions.length ? versions[versions.length - 1].number : "");
    });
    async function run() {
      out.textContent = "";
      try {
        const base = "/api/projects/" + S().project + "/versions/";
        const [va, vb] = await Promise.all([AW.api.json("GET", base + a.value), AW.api.json("GET", base + b.value)]);
        const { data } = await AW.api.json("POST", "/api/compare", { a: va.data.yaml, b: vb.data.yaml });
        out.appendChild(table([
          ["monthly cost", money(data.cost.from), money(data.cost.to)],
          ["max rps", data.capacity.max_rps.from, data.capacity.max_rps.to],
          ["bottleneck", data.capacity.bottleneck.from || "-", data.capacity.bottleneck.to || "-"],
          ["availability %", data.availability.percent.from, data.availability.percent.to],
          ["audit overall", data.audit.overall.from, data.audit.overall.to],
        ].concat(Object.keys(data.capacity.p99_ms).map(function (j) {
          const p = data.capacity.p99_ms[j]; return ["P99 " + j + " (ms)", p.from === null ? "saturated" : p.from, p.to === null ? "saturated" : p.to];
        })), ["", "v" + a.value, "v" + b.value]));
        out.appendChild(el("p", { id: "compare-risk", text: "New findings: " + data.audit.new.length + ", fixed: " + data.audit.fixed.length }));
      } catch (e) { fail(out, e); }
    }
    box.append(el("h2", { text: "Compare versions" }), a, b, el("button", { type: "button", text: "Compare", onclick: run }), out);
  }

  function versions(box) {
    const out = el("div");
    if (!S().project) { box.append(el("p", { text: "Open a project to see its versions." })); return; }
    box.append(el("h2", { text: "Versions" }), out);
    versionsOf().then(function (list) {
      list.slice().reverse().forEach(function (v) {
        out.appendChild(el("button", { type: "button", class: "finding", text: "v" + v.number + " by " + v.author + " · " + v.created.slice(0, 19), onclick: async function () {
          const { data } = await AW.api.json("GET", "/api/projects/" + S().project + "/versions/" + v.number);
          out.appendChild(el("pre", { class: "diff", text: data.diff }));
        } }));
      });
    });
  }

  function exports(box) {
    const select = el("select", { id: "export-format" });
    const out = el("div");
    AW.api.json("GET", "/api/formats").then(function ({ data }) {
      data.formats.forEach(function (f) { select.appendChild(el("option", { value: f.name, text: f.name + " — " + f.summary })); });
    });
    box.append(el("h2", { text: "Export" }), select, el("button", { type: "button", text: "Download zip", onclick: function () {
      out.textContent = "";
      AW.api.download("/api/export", { yaml: S().yaml, format: select.value }, select.value + ".zip").catch(function (e) { fail(out, e); });
    } }), out);
  }

  return { Design: design, Audit: audit, Cost: cost, Simulate: simulate, Chaos: chaos, Availability: availability,
           "Trade-off": tradeoff, Compare: compare, Versions: versions, Export: exports };
})();
