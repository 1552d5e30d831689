/* The canvas: components as nodes, connections as edges, boundaries as compound groups.
   Positions a user drags are written to the model (properties.layout) so they stay. */
"use strict";

AW.graph = (function () {
  let cy = null;
  let elkReady = null;

  /* ELK is 1.6 MB of JavaScript: fetched on the first layout, not with the page. */
  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      const script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(script);
    });
  }

  function ensureElk() {
    if (!elkReady) {
      elkReady = loadScript("/static/vendor/elk.bundled.js")
        .then(function () { return loadScript("/static/vendor/cytoscape-elk.js"); })
        .then(function () { cytoscape.use(window.cytoscapeElk); });
    }
    return elkReady;
  }

  /* Large graphs trade some crossing reduction for a layout in about a second. */
  const BIG = 100;
  const FAST = { "elk.layered.thoroughness": 1, "elk.layered.nodePlacement.strategy": "SIMPLE", "elk.edgeRouting": "POLYLINE" };
  let onMoved = function () {};
  let onSelect = function () {};
  let onTapNode = function () {};

  const STYLE = [
    { selector: "node", style: {
      "label": "data(label)", "text-valign": "center", "text-halign": "center",
      "text-wrap": "wrap", "text-max-width": "110px", "font-size": 11, "width": 120, "height": 44,
      "shape": "round-rectangle", "background-color": "#dfe7f1", "border-width": 1, "border-color": "#8aa0b8" } },
    { selector: "node[kind = 'sql_db'], node[kind = 'nosql_db'], node[kind = 'cache']", style: { "shape": "barrel" } },
    { selector: "node[kind = 'queue'], node[kind = 'stream']", style: { "shape": "cut-rectangle" } },
    { selector: "node[kind = 'client']", style: { "shape": "ellipse" } },
    { selector: ":parent", style: {
      "background-opacity": 0.06, "background-color": "#3d6a99", "border-style": "dashed",
      "text-valign": "top", "text-halign": "center", "font-size": 10, "color": "#3d6a99", "padding": 14 } },
    { selector: "edge", style: {
      "width": 1.5, "curve-style": "bezier", "target-arrow-shape": "triangle",
      "line-color": "#8aa0b8", "target-arrow-color": "#8aa0b8" } },
    { selector: "edge[mode = 'async']", style: { "line-style": "dashed" } },
    { selector: ".util-ok", style: { "background-color": "#b8e0c2" } },
    { selector: ".util-warm", style: { "background-color": "#fbe3a1" } },
    { selector: ".util-hot", style: { "background-color": "#f6b26b" } },
    { selector: ".util-saturated", style: { "background-color": "#e06666", "color": "#fff" } },
    { selector: ".failed", style: { "background-color": "#5c1a1a", "color": "#fff", "border-color": "#d0021b", "border-width": 3 } },
    { selector: ".degraded", style: { "background-color": "#f6b26b", "border-color": "#a05a00", "border-width": 3 } },
    { selector: ".contained", style: { "line-color": "#1b7f3b", "target-arrow-color": "#1b7f3b", "width": 4 } },
    { selector: ".highlight", style: { "border-color": "#d0021b", "border-width": 5, "underlay-color": "#d0021b", "underlay-opacity": 0.25, "underlay-padding": 6 } },
    { selector: ".bottleneck", style: { "border-color": "#000", "border-width": 4 } },
    { selector: "node:selected", style: { "border-color": "#1a73e8", "border-width": 3 } },
  ];

  function boundaryOf(arch) {
    /* Each component sits in its innermost boundary (the one with the most ancestors). */
    const boundaries = arch.boundaries || [];
    const byId = {};
    boundaries.forEach(function (b) { byId[b.id] = b; });
    function depth(b) {
      let d = 0, seen = {};
      while (b && b.parent && byId[b.parent] && !seen[b.id]) { seen[b.id] = 1; b = byId[b.parent]; d += 1; }
      return d;
    }
    const place = {};
    boundaries.forEach(function (b) {
      (b.members || []).forEach(function (m) {
        if (!(m in place) || depth(b) > depth(byId[place[m]])) place[m] = b.id;
      });
    });
    return { place: place, byId: byId };
  }

  function elements(arch) {
    const { place, byId } = boundaryOf(arch);
    const out = [];
    Object.values(byId).forEach(function (b) {
      const data = { id: "boundary:" + b.id, label: (b.name || b.id) + " (" + (b.type || "trust_zone") + ")", boundary: true };
      if (b.parent && byId[b.parent] && b.parent !== b.id) data.parent = "boundary:" + b.parent;
      out.push({ group: "nodes", data: data });
    });
    const ids = {};
    (arch.components || []).forEach(function (c) {
      if (!c || typeof c.id !== "string" || ids[c.id]) return;
      ids[c.id] = true;
      const data = { id: c.id, label: c.name || c.id, kind: c.kind || "" };
      if (place[c.id]) data.parent = "boundary:" + place[c.id];
      out.push({ group: "nodes", data: data });
    });
    (arch.connections || []).forEach(function (e, i) {
      if (!e || !ids[e.source] || !ids[e.target]) return;
      out.push({ group: "edges", data: { id: "edge:" + i, source: e.source, target: e.target, mode: e.mode || "", key: e.source + "->" + e.target } });
    });
    return out;
  }

  function hints(arch) {
    const layout = arch.properties && arch.properties.layout;
    return layout && typeof layout === "object" ? layout : {};
  }

  function init(container, handlers) {
    onMoved = handlers.moved; onSelect = handlers.select; onTapNode = handlers.tap;
    cy = cytoscape({ container: container, style: STYLE, minZoom: 0.1, maxZoom: 3 });
    cy.on("dragfree", "node", function (evt) {
      const node = evt.target;
      if (node.data("boundary")) return;
      const p = node.position();
      onMoved(node.id(), Math.round(p.x), Math.round(p.y));
    });
    cy.on("tap", "node", function (evt) {
      if (evt.target.data("boundary")) return;
      onSelect(evt.target.id());
      onTapNode(evt.target.id());
    });
    window.AW.cy = cy;
    return cy;
  }

  /* Redraw the model; keep hand-placed positions, lay out the rest with ELK. */
  function render(arch, done) {
    const signature = JSON.stringify(elements(arch).map(function (e) { return e.data; }));
    if (cy.scratch("signature") === signature) { applyHints(arch); if (done) done(); return; }
    cy.scratch("signature", signature);
    cy.container().dataset.layout = "running";
    ensureElk().then(function () {
      if (cy.scratch("signature") !== signature) return;  // a newer edit redraws instead
      draw(arch, done);
    });
  }

  function draw(arch, done) {
    cy.elements().remove();
    cy.add(elements(arch));
    const placed = hints(arch);
    const options = { algorithm: "layered", "elk.direction": "RIGHT", "elk.spacing.nodeNode": 30,
      "elk.layered.spacing.nodeNodeBetweenLayers": 50, "elk.hierarchyHandling": "INCLUDE_CHILDREN" };
    if (cy.nodes().length > BIG) Object.assign(options, FAST);
    const layout = cy.layout({ name: "elk", elk: options, fit: true, padding: 30, animate: false });
    layout.one("layoutstop", function () {
      applyHints(arch);
      if (Object.keys(placed).length) cy.fit(undefined, 30);
      cy.container().dataset.layout = "done";
      if (done) done();
    });
    layout.run();
  }

  function applyHints(arch) {
    const placed = hints(arch);
    Object.keys(placed).forEach(function (id) {
      const node = cy.getElementById(id);
      const p = placed[id];
      if (node.nonempty() && p && isFinite(p.x) && isFinite(p.y)) node.position({ x: Number(p.x), y: Number(p.y) });
    });
  }

  function clear(classes) { cy.elements().removeClass(classes); }

  function highlight(ids) {
    clear("highlight");
    ids.forEach(function (id) { cy.getElementById(id).addClass("highlight"); });
    return cy.nodes(".highlight").map(function (n) { return n.id(); });
  }

  function utilisation(components, bottleneck) {
    clear("util-ok util-warm util-hot util-saturated bottleneck");
    Object.keys(components).forEach(function (id) {
      const value = load(components[id]);
      const node = cy.getElementById(id);
      if (node.empty() || value === null) return;
      node.addClass(value >= 1 ? "util-saturated" : value >= 0.8 ? "util-hot" : value >= 0.5 ? "util-warm" : "util-ok");
    });
    if (bottleneck) cy.getElementById(bottleneck).addClass("bottleneck");
  }

  /* The engine's utilisation; past saturation it reports none (the queue grows without
     bound), which is shown as saturated. */
  function load(c) {
    const u = c.utilization;
    if (u === "inf") return Infinity;
    if (u !== null && u !== undefined) return Number(u);
    const sat = c.saturates_at_rps;
    return typeof sat === "number" && Number(c.arrival_rps) >= sat ? Infinity : null;
  }

  function status(id, cls) { cy.getElementById(id).addClass(cls); }

  function edgeByKey(key) { return cy.edges().filter(function (e) { return e.data("key") === key; }); }

  return { load: load, init: init, render: render, highlight: highlight, utilisation: utilisation, clear: clear, status: status, edgeByKey: edgeByKey };
})();
