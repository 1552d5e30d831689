/* The API client: JSON in and out, the CSRF header on every change, errors as messages. */
"use strict";
window.AW = window.AW || {};

AW.api = (function () {
  let csrf = null;

  class ApiError extends Error {
    constructor(status, body) {
      super((body && body.error) || ("HTTP " + status));
      this.status = status;
      this.body = body || {};
    }
  }

  async function request(method, url, body, headers) {
    const init = { method: method, headers: Object.assign({}, headers || {}), credentials: "same-origin" };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    if (method !== "GET" && csrf) init.headers["X-CSRF-Token"] = csrf;
    const response = await fetch(url, init);
    return response;
  }

  async function json(method, url, body, headers) {
    const response = await request(method, url, body, headers);
    let data = null;
    const type = response.headers.get("content-type") || "";
    if (type.indexOf("json") >= 0) data = await response.json();
    if (!response.ok) throw new ApiError(response.status, data);
    return { data: data, etag: response.headers.get("etag"), response: response };
  }

  async function download(url, body, filename) {
    const response = await request("POST", url, body);
    if (!response.ok) throw new ApiError(response.status, await response.json());
    const blob = await response.blob();
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
  }

  async function session() {
    const { data } = await json("GET", "/api/session");
    csrf = data.csrf;
    return data.authenticated;
  }

  async function signIn(token) {
    const { data } = await json("POST", "/api/session", { token: token });
    csrf = data.csrf;
  }

  /* POST a long job and read its server-sent events until the result; abort to cancel. */
  async function stream(url, body, onEvent, signal) {
    const response = await fetch(url, {
      method: "POST", credentials: "same-origin", signal: signal,
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf || "" },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new ApiError(response.status, await response.json());
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const fields = {};
        block.split("\n").forEach(function (line) {
          const at = line.indexOf(": ");
          if (at > 0) fields[line.slice(0, at)] = line.slice(at + 2);
        });
        onEvent(fields.event, JSON.parse(fields.data));
      }
    }
  }

  return { json: json, download: download, session: session, signIn: signIn, stream: stream, ApiError: ApiError };
})();

/* Build DOM from data: text always goes through textContent, never markup. */
AW.el = function (tag, attrs, children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(function ([key, value]) {
    if (key === "text") node.textContent = value;
    else if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  });
  (children || []).forEach(function (child) {
    node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  });
  return node;
};
