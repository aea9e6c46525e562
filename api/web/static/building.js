// The building page: copy the code, the map of its footprint, and the error report form.
"use strict";

(() => {
  const { copyText, postJSON, say } = Registry;
  const copyButton = document.getElementById("copy-code");
  const copyStatus = document.getElementById("copy-status");
  copyButton.addEventListener("click", async () => {
    const done = await copyText(copyButton.dataset.copy);
    say(copyStatus, done ? `已复制 ${copyButton.dataset.copy}` : "复制失败，请手动选择编码复制。", done ? "ok" : "error");
  });

  const mapElement = document.getElementById("map");
  RegistryMap.create(mapElement, document.getElementById("map-status"), {
    footprint: JSON.parse(mapElement.dataset.footprint),
  });

  const hit = document.querySelector(".room-hit");
  if (hit) {
    hit.closest("details").open = true;
    hit.scrollIntoView({ block: "center" });
  }

  const form = document.getElementById("report-form");
  const status = document.getElementById("report-status");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const payload = { code: form.dataset.code };
    for (const name of ["problem", "suggested_text", "note", "reporter"]) payload[name] = String(data.get(name) || "");
    say(status, "正在提交……", "info");
    try {
      const body = await postJSON("/web/api/reports", payload);
      say(status, `已提交，审核编号 ${body.item_id}。`, "ok");
      form.reset();
    } catch (err) {
      say(status, err.message, "error");
    }
  });
})();
