// The search box: autocomplete from the registry's addresses (keyboard: ↑ ↓ Enter Esc),
// free-text matching on Enter, and codes typed directly.
"use strict";

(() => {
  const { esc, fetchJSON, say, buildingURL, BUILDING_LENGTH, ROOM_LENGTH } = Registry;
  const form = document.getElementById("search-form");
  const input = document.getElementById("q");
  const list = document.getElementById("suggestions");
  const status = document.getElementById("search-status");
  const result = document.getElementById("result");
  let suggestions = [];
  let active = -1;
  let timer = null;
  let latest = 0;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    const items = list.querySelectorAll("[role=option]");
    items.forEach((item, i) => item.setAttribute("aria-selected", String(i === index)));
    active = index;
    if (index >= 0 && items[index]) {
      input.setAttribute("aria-activedescendant", items[index].id);
      items[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function optionHTML(s, i) {
    const alias = s.standard_address && s.text !== s.standard_address
      ? `<span class="alias">匹配：${esc(s.text)} <span class="badge kind-${esc(s.kind)}">${esc(s.kind_title)}</span></span>`
      : `<span class="alias">匹配：标准地址</span>`;
    return `<li role="option" id="sug-${i}" aria-selected="false" data-index="${i}">
      <span class="sug-main"><span class="badge level">${esc(s.level_title)}</span>
        <b>${esc(s.standard_address || s.text)}</b></span>
      <span class="sug-meta"><code>${esc(s.code)}</code>${alias}</span></li>`;
  }

  function show(found) {
    suggestions = found;
    if (!found.length) {
      close();
      say(status, "没有找到匹配的地址。可换个说法，或直接回车做地址匹配。", "empty");
      return;
    }
    say(status, `${found.length} 条建议`, "info");
    list.innerHTML = found.map(optionHTML).join("");
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    highlight(-1);
  }

  async function lookUp(query) {
    const ticket = ++latest;
    try {
      const body = await fetchJSON(`/web/api/suggest?q=${encodeURIComponent(query)}`);
      if (ticket === latest) show(body.suggestions);
    } catch (err) {
      if (ticket === latest) {
        close();
        say(status, err.message, "error");
      }
    }
  }

  function open(s) {
    window.location.href = buildingURL(s.code);
  }

  function codeProblem(text) {
    if (!/^\d+$/.test(text)) return null;
    if (text.length === BUILDING_LENGTH || text.length === ROOM_LENGTH) return "";
    if (text.length < 6) return null; // a house number, not a code
    return `编码格式不正确：楼栋编码为 ${BUILDING_LENGTH} 位数字，房屋编码为 ${ROOM_LENGTH} 位，这里是 ${text.length} 位。`;
  }

  function resolutionHTML(r) {
    const link = r.building_code
      ? `<a class="open-building" href="${buildingURL(r.code)}">打开楼栋页面</a>` : "";
    const best = r.best ? `<p>最佳候选：${esc(r.best.standard_address)}（得分 ${r.best.score}）</p>` : "";
    const ex = r.explanation || {};
    const why = [
      ex.agreed && ex.agreed.length ? `一致：${ex.agreed.join("、")}` : "",
      ex.differed && ex.differed.length ? `不一致：${ex.differed.join("、")}` : "",
      ex.missing && ex.missing.length ? `缺失：${ex.missing.join("、")}` : "",
      ex.note ? `说明：${ex.note}` : "",
    ].filter(Boolean).join("；");
    return `<div class="result-card category-${esc(r.category)}">
      <p><span class="badge cat cat-${esc(r.category)}">${esc(r.category_title)}</span>
         <span class="badge level">${esc(r.level_title)}</span></p>
      <h2>${esc(r.standard_address || "未能匹配到地址")}</h2>
      <p>${r.code ? `编码 <code>${esc(r.code)}</code>` : "没有编码"}　输入：${esc(r.text)}</p>
      ${best}<p class="why">${esc(why)}</p>${link}</div>`;
  }

  async function resolveText(text) {
    result.innerHTML = "";
    say(status, "正在匹配……", "info");
    try {
      const r = await fetchJSON(`/web/api/resolve?q=${encodeURIComponent(text)}`);
      result.innerHTML = resolutionHTML(r);
      say(status, r.category === "U" ? "未能匹配：没有找到这个地址。" : "匹配完成。", r.category === "U" ? "empty" : "ok");
    } catch (err) {
      say(status, err.message, "error");
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    result.innerHTML = "";
    const query = input.value.trim();
    if (!query) {
      close();
      say(status, "");
      return;
    }
    timer = setTimeout(() => lookUp(query), 150);
  });

  input.addEventListener("keydown", (event) => {
    const count = list.hidden ? 0 : suggestions.length;
    if (event.key === "ArrowDown" && count) {
      event.preventDefault();
      highlight((active + 1) % count);
    } else if (event.key === "ArrowUp" && count) {
      event.preventDefault();
      highlight(active <= 0 ? count - 1 : active - 1);
    } else if (event.key === "Escape") {
      close();
    } else if (event.key === "Enter" && active >= 0 && count) {
      event.preventDefault();
      open(suggestions[active]);
    }
  });

  list.addEventListener("mousedown", (event) => {
    const item = event.target.closest("[role=option]");
    if (item) {
      event.preventDefault();
      open(suggestions[Number(item.dataset.index)]);
    }
  });

  input.addEventListener("blur", () => setTimeout(close, 100));

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    close();
    if (!text) {
      say(status, "请输入要查询的地址或编码。", "empty");
      return;
    }
    const problem = codeProblem(text);
    if (problem === "") {
      window.location.href = buildingURL(text);
    } else if (problem) {
      result.innerHTML = "";
      say(status, problem, "error");
    } else {
      resolveText(text);
    }
  });

  const mapElement = document.getElementById("map");
  RegistryMap.create(mapElement, document.getElementById("map-status"), {
    extent: JSON.parse(mapElement.dataset.extent || "null"),
  });
})();
