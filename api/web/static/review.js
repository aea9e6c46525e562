// The review queue: list items by status, accept (choose the code) or reject, with the audit trail.
"use strict";

(() => {
  const { esc, fetchJSON, postJSON, say, buildingURL } = Registry;
  const ORIGINS = { load: "部门数据装载", clean: "批量清洗", report: "错误报告" };
  const ACTIONS = { "review.report": "提交报告", "review.accept": "接受", "review.reject": "驳回" };
  const STATES = { open: "待审核", accepted: "已接受", rejected: "已驳回" };
  const list = document.getElementById("review-items");
  const status = document.getElementById("review-status");
  const staff = document.getElementById("staff");
  const tabs = document.querySelectorAll("[role=tab]");
  let current = "open";

  staff.value = localStorage.getItem("addressreg.staff") || "";
  staff.addEventListener("change", () => localStorage.setItem("addressreg.staff", staff.value.trim()));

  function time(iso) {
    return iso ? iso.slice(0, 19).replace("T", " ") : "";
  }

  function candidateHTML(item, c, i) {
    const score = c.score === null || c.score === undefined ? "" : `得分 ${Number(c.score).toFixed(3)}`;
    const checked = i === 0 ? "checked" : "";
    return `<label class="candidate"><input type="radio" name="code-${item.item_id}" value="${esc(c.code || "")}" ${checked}>
      <span><b>${esc(c.standard_address || "（无标准地址）")}</b> <code>${esc(c.code || c.place || "")}</code> ${score}
      ${c.code && c.code.length >= 19 ? `<a href="${buildingURL(c.code)}" target="_blank">查看</a>` : ""}</span></label>`;
  }

  function detailHTML(item) {
    const d = item.detail || {};
    const parts = [];
    if (item.department) parts.push(`部门 ${esc(item.department)}${item.record_id ? ` / 记录 ${esc(item.record_id)}` : ""}`);
    if (d.file) parts.push(`文件 ${esc(d.file)} 第 ${esc(d.row)} 行`);
    if (d.problem) parts.push(`问题：${esc(d.problem_title || d.problem)}`);
    if (d.note) parts.push(`说明：${esc(d.note)}`);
    if (typeof d.explanation === "string" && d.explanation) parts.push(esc(d.explanation));
    else if (d.explanation && d.explanation.note) parts.push(esc(d.explanation.note));
    if (d.score !== undefined && d.score !== null) parts.push(`得分 ${Number(d.score).toFixed(3)}`);
    return parts.join(" · ");
  }

  function auditHTML(item) {
    if (!item.audit.length) return "";
    const rows = item.audit.map((a) => `<li><time>${esc(time(a.at))}</time> ${esc(a.actor.replace(/^staff:/, ""))}
      ${esc(ACTIONS[a.action] || a.action)}${a.detail.note ? `：${esc(a.detail.note)}` : ""}</li>`).join("");
    return `<details class="audit" open><summary>审计记录</summary><ol>${rows}</ol></details>`;
  }

  function decisionHTML(item) {
    if (item.status !== "open") {
      const code = item.decided_code ? ` → <a href="${buildingURL(item.decided_code)}"><code>${esc(item.decided_code)}</code></a>` : "";
      return `<p class="decided">${esc(STATES[item.status])}${code}，经办人 ${esc(item.decided_by)}，${esc(time(item.decided_at))}</p>`;
    }
    const candidates = item.candidates.filter((c) => c.code).map((c, i) => candidateHTML(item, c, i)).join("");
    const none = item.candidates.some((c) => c.code) ? "" : "checked";
    return `<form class="decide" data-id="${item.item_id}">
      <fieldset><legend>关联到编码</legend>${candidates}
        <label class="candidate"><input type="radio" name="code-${item.item_id}" value="" ${none}>
          <span>其他编码 <input class="other-code" inputmode="numeric" maxlength="25" placeholder="19 或 25 位编码" aria-label="其他编码"></span></label>
      </fieldset>
      <label>备注 <input class="note" maxlength="500"></label>
      <button type="submit" class="accept" value="accept">接受</button>
      <button type="submit" class="reject" value="reject">驳回</button>
      <span class="status item-status" role="status" aria-live="polite"></span></form>`;
  }

  function itemHTML(item) {
    return `<li class="review-item status-${esc(item.status)}" id="item-${item.item_id}">
      <header><span class="badge origin">${esc(ORIGINS[item.origin] || item.origin)}</span>
        <span class="badge cat cat-C">C 需人工审核</span> <span class="item-no">#${item.item_id}</span>
        <time>${esc(time(item.created_at))}</time></header>
      <p class="raw">${esc(item.raw_text)}</p>
      <p class="detail">${detailHTML(item)}</p>
      ${decisionHTML(item)}${auditHTML(item)}</li>`;
  }

  async function load(state) {
    current = state;
    tabs.forEach((t) => t.setAttribute("aria-selected", String(t.dataset.status === state)));
    say(status, "正在加载……", "info");
    try {
      const body = await fetchJSON(`/web/api/review?status=${state}`);
      for (const [key, n] of Object.entries(body.counts)) {
        const badge = document.querySelector(`[data-count=${key}]`);
        if (badge) badge.textContent = String(n);
      }
      list.innerHTML = body.items.map(itemHTML).join("");
      say(status, body.items.length ? "" : `没有${STATES[state]}的条目。`, body.items.length ? "info" : "empty");
    } catch (err) {
      list.innerHTML = "";
      say(status, err.message, "error");
    }
  }

  async function decide(form, action) {
    const id = form.dataset.id;
    const itemStatus = form.querySelector(".item-status");
    const name = staff.value.trim();
    if (!name) {
      say(itemStatus, "请先在页面上方填写经办人姓名。", "error");
      staff.focus();
      return;
    }
    const chosen = form.querySelector(`input[name=code-${id}]:checked`);
    const code = chosen && chosen.value ? chosen.value : form.querySelector(".other-code").value.trim();
    if (action === "accept" && !/^(\d{19}|\d{25})$/.test(code)) {
      say(itemStatus, "请选择候选编码，或填写 19 位楼栋编码 / 25 位房屋编码。", "error");
      return;
    }
    const payload = { staff: name, note: form.querySelector(".note").value.trim(), code };
    try {
      const body = await postJSON(`/web/api/review/${id}/${action}`, payload);
      const element = document.getElementById(`item-${id}`);
      element.outerHTML = itemHTML(body.item);
      const learned = action === "accept" ? (body.learned ? "，已学习该地址" : "，该地址已存在") : "";
      say(status, `条目 #${id} ${action === "accept" ? "已接受" : "已驳回"}${learned}。`, "ok");
    } catch (err) {
      say(itemStatus, err.message, "error");
    }
  }

  list.addEventListener("submit", (event) => {
    event.preventDefault();
    decide(event.target, event.submitter ? event.submitter.value : "accept");
  });
  tabs.forEach((t) => t.addEventListener("click", () => load(t.dataset.status)));
  load(current);
})();
