/* Forms generated from the model's JSON Schema (`archwright schema`): scalar fields of a
   component or connection become inputs with the schema's bounds; lists and nested
   objects stay in the YAML editor. Problems the server reports show under their field. */
"use strict";

AW.forms = (function () {
  let schema = null;

  function resolve(prop) {
    if (prop.$ref) return schema.$defs[prop.$ref.split("/").pop()];
    return prop;
  }

  /* The one scalar shape of a property: string, integer, number, boolean or enum. */
  function shape(prop) {
    prop = resolve(prop);
    if (prop.enum) return { type: "enum", values: prop.enum };
    if (prop.anyOf) {
      const kinds = prop.anyOf.map(resolve).filter(function (p) { return p.type !== "null"; });
      if (kinds.length && kinds[0].enum) return { type: "enum", values: kinds[0].enum, optional: true };
      const first = kinds[0] || {};
      if (["integer", "number", "string", "boolean"].indexOf(first.type) >= 0)
        return { type: first.type, min: first.minimum, max: first.maximum, optional: true };
      return null;
    }
    if (["integer", "number", "string", "boolean"].indexOf(prop.type) >= 0)
      return { type: prop.type, min: prop.minimum, max: prop.maximum, maxLength: prop.maxLength };
    return null;
  }

  function input(name, kind, value) {
    if (kind.type === "enum") {
      const select = AW.el("select", { name: name });
      if (kind.optional) select.appendChild(AW.el("option", { value: "", text: "(unset)" }));
      kind.values.forEach(function (v) {
        const option = AW.el("option", { value: v, text: v });
        if (v === value) option.selected = true;
        select.appendChild(option);
      });
      return select;
    }
    if (kind.type === "boolean") {
      const box = AW.el("input", { type: "checkbox", name: name });
      box.checked = Boolean(value);
      return box;
    }
    const field = AW.el("input", { name: name, type: kind.type === "string" ? "text" : "number" });
    if (kind.type !== "string") field.step = kind.type === "integer" ? "1" : "any";
    if (kind.min !== undefined) field.min = kind.min;
    if (kind.max !== undefined) field.max = kind.max;
    field.value = value === undefined || value === null ? "" : String(value);
    return field;
  }

  function read(field, kind) {
    if (kind.type === "boolean") return field.checked;
    const raw = field.value;
    if (raw === "") return undefined;
    if (kind.type === "integer" || kind.type === "number") return Number(raw);
    return raw;
  }

  /* A message for a value outside the schema's bounds, before the server is asked. */
  function check(kind, value) {
    if (value === undefined) return "";
    if ((kind.type === "integer" || kind.type === "number") && !isFinite(value)) return "not a number";
    if (kind.type === "integer" && !Number.isInteger(value)) return "must be a whole number";
    if (kind.min !== undefined && value < kind.min) return "must be at least " + kind.min;
    if (kind.max !== undefined && value > kind.max) return "must be at most " + kind.max;
    if (kind.maxLength !== undefined && String(value).length > kind.maxLength) return "longer than " + kind.maxLength;
    return "";
  }

  /* Fill `form` for `item` (a component); `apply(item)` runs after each valid edit. */
  function build(form, defName, item, apply) {
    form.textContent = "";
    if (!schema || !item) return;
    const def = schema.$defs[defName];
    Object.keys(def.properties).forEach(function (name) {
      const kind = shape(def.properties[name]);
      if (!kind || name === "id") return;
      const field = input(name, kind, item[name]);
      const problem = AW.el("span", { class: "problem", "data-field": name });
      field.addEventListener("change", function () {
        const value = read(field, kind);
        const message = check(kind, value);
        problem.textContent = message;
        if (message) return;
        if (value === undefined || value === "") delete item[name]; else item[name] = value;
        apply(item);
      });
      form.appendChild(AW.el("label", { title: def.properties[name].description || "" }, [name, field, problem]));
    });
  }

  /* Put server problems ("model:12: components[3].replicas: ...") under their fields. */
  function showProblems(form, problems, index) {
    form.querySelectorAll(".problem").forEach(function (p) { if (p.dataset.server) { p.textContent = ""; delete p.dataset.server; } });
    (problems || []).forEach(function (line) {
      const match = /components\[(\d+)\]\.([a-z_]+)/.exec(line);
      if (!match || Number(match[1]) !== index) return;
      const slot = form.querySelector('.problem[data-field="' + match[2] + '"]');
      if (slot) { slot.textContent = line.split(": ").slice(2).join(": ") || line; slot.dataset.server = "1"; }
    });
  }

  return { load: function (s) { schema = s; }, build: build, showProblems: showProblems };
})();
