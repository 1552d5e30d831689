/* The workbench: a project's model in a YAML editor and on the canvas, kept in sync both
   ways; every save is a version, refused when someone else saved first. */
"use strict";

AW.state = { project: null, etag: null, yaml: "", arch: {}, selected: null, tab: "Design", dirty: false };

(function () {
  const $ = function (id) { return document.getElementById(id); };
  let parseTimer = null, validateTimer = null;

  function status(text, isError) {
    $("status").textContent = text;
    $("status").className = isError ? "error" : "";
  }

  AW.requirementsYaml = function () {
    const req = AW.state.arch && AW.state.arch.requirements;
    return req ? jsyaml.dump(req) : null;
  };

  function selectedIndex() {
    return (AW.state.arch.components || []).findIndex(function (c) { return c && c.id === AW.state.selected; });
  }

  function showForm() {
    const index = selectedIndex();
    const item = index >= 0 ? AW.state.arch.components[index] : null;
    AW.forms.build($("form"), "Component", item, function () { setArch(AW.state.arch); });
  }

  /* Text from the editor (or a load): parse, redraw, then ask the server to validate. */
  function setYaml(text, fromEditor) {
    AW.state.yaml = text;
    if (!fromEditor) $("yaml").value = text;
    let parsed;
    try { parsed = jsyaml.load(text) || {}; } catch (e) { $("yaml-error").textContent = e.message; return; }
    if (typeof parsed !== "object" || Array.isArray(parsed)) { $("yaml-error").textContent = "the model must be a mapping"; return; }
    $("yaml-error").textContent = "";
    AW.state.arch = parsed;
    AW.graph.render(parsed);
    if (fromEditor) showForm();
    clearTimeout(validateTimer);
    validateTimer = setTimeout(validate, 300);
  }

  /* An edit on the canvas or in a form: the model object changes, the YAML follows. */
  function setArch(arch) {
    const text = jsyaml.dump(arch, { noRefs: true, lineWidth: 100, sortKeys: false });
    markDirty();
    setYaml(text, false);
  }

  function markDirty() {
    AW.state.dirty = true;
    $("save").disabled = !AW.state.project;
  }

  async function validate() {
    try {
      const { data } = await AW.api.json("POST", "/api/validate", { yaml: AW.state.yaml });
      $("yaml-error").textContent = data.valid ? "" : data.problems.join("\n");
      AW.forms.showProblems($("form"), data.problems, selectedIndex());
    } catch (e) { $("yaml-error").textContent = e.message; }
  }

  async function refreshProjects(selected) {
    const { data } = await AW.api.json("GET", "/api/projects");
    const select = $("project-select");
    select.textContent = "";
    select.appendChild(AW.el("option", { value: "", text: "(none)" }));
    data.projects.forEach(function (p) { select.appendChild(AW.el("option", { value: p.id, text: p.name })); });
    if (selected) select.value = selected;
  }

  async function openProject(id) {
    AW.state.project = id || null;
    AW.state.etag = null;
    if (!id) return;
    try {
      const { data, etag } = await AW.api.json("GET", "/api/projects/" + id + "/model");
      AW.state.etag = etag;
      setYaml(data.yaml, false);
      status("Version " + data.number);
    } catch (e) {
      if (e.status === 404) { setYaml("schema_version: '1'\nname: new\ncomponents: []\n", false); status("No version yet"); }
      else status(e.message, true);
    }
    AW.state.dirty = false;
    $("save").disabled = true;
    showTab(AW.state.tab);
  }

  AW.createProject = async function (name, yaml) {
    const { data } = await AW.api.json("POST", "/api/projects", { name: name, yaml: yaml });
    await refreshProjects(data.id);
    await openProject(data.id);
  };

  /* The one save: the editor's text as a new version, If-Match the version it edited.
     Returns the new version's number, or null when refused (the reason in the status). */
  async function save() {
    const headers = AW.state.etag ? { "If-Match": AW.state.etag } : {};
    try {
      const { data, etag } = await AW.api.json("PUT", "/api/projects/" + AW.state.project + "/model", { yaml: AW.state.yaml }, headers);
      AW.state.etag = etag;
      AW.state.dirty = false;
      $("save").disabled = true;
      status("Saved version " + data.number);
      return data.number;
    } catch (e) {
      AW.lastSaveError = e.message;
      if (e.status === 412) status("Save refused: " + e.message + ". Your edit is still in the editor.", true);
      else status("Save refused: " + e.message, true);
      return null;
    }
  }
  AW.save = save;

  /* Replace the editor's text from page code (an accepted edit): redraw, mark unsaved. */
  AW.setYaml = function (text, unsaved) {
    if (unsaved === false) { AW.state.dirty = false; $("save").disabled = true; } else markDirty();
    setYaml(text, false);
  };

  function showTab(name) {
    AW.state.tab = name;
    document.querySelectorAll("#tabs button").forEach(function (b) { b.classList.toggle("active", b.textContent === name); });
    AW.graph.clear("highlight failed degraded contained util-ok util-warm util-hot util-saturated bottleneck");
    const box = $("panel");
    box.textContent = "";
    AW.panels[name](box);
  }

  async function start() {
    AW.graph.init($("cy"), {
      moved: function (id, x, y) {
        const arch = AW.state.arch;
        arch.properties = arch.properties && typeof arch.properties === "object" ? arch.properties : {};
        arch.properties.layout = arch.properties.layout && typeof arch.properties.layout === "object" ? arch.properties.layout : {};
        arch.properties.layout[id] = { x: x, y: y };
        setArch(arch);
      },
      select: function (id) { AW.state.selected = id; showForm(); },
      tap: function (id) { if (AW.onTap) AW.onTap(id); },
    });
    Object.keys(AW.panels).forEach(function (name) {
      $("tabs").appendChild(AW.el("button", { type: "button", text: name, onclick: function () { showTab(name); } }));
    });
    $("yaml").addEventListener("input", function () {
      markDirty();
      clearTimeout(parseTimer);
      parseTimer = setTimeout(function () { setYaml($("yaml").value, true); }, 250);
    });
    $("save").addEventListener("click", save);
    $("project-select").addEventListener("change", function (e) { openProject(e.target.value); });
    if (!(await AW.api.session())) {
      $("signin").hidden = false;
      await new Promise(function (resolve) {
        $("signin-go").addEventListener("click", async function () {
          try { await AW.api.signIn($("token").value); $("signin").hidden = true; resolve(); }
          catch (e) { status(e.message, true); }
        });
      });
    }
    const [schema] = await Promise.all([AW.api.json("GET", "/api/schema"), refreshProjects(null)]);
    AW.forms.load(schema.data);
    showTab("Design");
    document.body.dataset.ready = "1";
  }

  start().catch(function (e) { status(e.message, true); });
})();
