// Shared helpers of the staff page: JSON requests with clear error states, HTML escaping.
"use strict";

const Registry = (() => {
  /** Escape text for insertion into HTML. */
  function esc(value) {
    return String(value ?? "").replace(/[&<>"']/g, (c) => ({
      "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
    })[c]);
  }

  /** An error a request ended in, with the message to show staff (Chinese). */
  class RequestError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  /** Fetch JSON from the page's own endpoints; throws RequestError with a readable message. */
  async function fetchJSON(url, options = {}) {
    let response;
    try {
      response = await fetch(url, { headers: { Accept: "application/json" }, ...options });
    } catch (err) {
      throw new RequestError(0, "无法连接服务器，请检查网络后重试。");
    }
    let body = null;
    try {
      body = await response.json();
    } catch (err) {
      body = null;
    }
    if (!response.ok) {
      if (response.status >= 500) {
        const reason = body && body.detail && response.status === 503 ? `：${body.detail}` : "";
        throw new RequestError(response.status, `服务器出错（${response.status}）${reason}，请稍后重试。`);
      }
      throw new RequestError(response.status, (body && body.detail) || `请求失败（${response.status}）。`);
    }
    return body;
  }

  /** POST a JSON body. */
  function postJSON(url, payload) {
    return fetchJSON(url, {
      method: "POST",
      headers: { Accept: "application/json", "Content-Type": "application/json" },
      body: JSON.stringify(payload),
    });
  }

  /** Show a message in a status element; kind is "info", "error" or "ok". */
  function say(element, message, kind = "info") {
    if (!element) return;
    element.textContent = message;
    element.dataset.kind = kind;
  }

  /** Copy text to the clipboard (works on plain-http intranet hosts too). */
  async function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch (err) { /* fall back below */ }
    }
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const done = document.execCommand("copy");
    area.remove();
    return done;
  }

  const BUILDING_LENGTH = 19;
  const ROOM_LENGTH = 25;

  /** The building page of a building or room code. */
  function buildingURL(code) {
    return `/building/${encodeURIComponent(code)}`;
  }

  return { esc, fetchJSON, postJSON, say, copyText, buildingURL, RequestError, BUILDING_LENGTH, ROOM_LENGTH };
})();
