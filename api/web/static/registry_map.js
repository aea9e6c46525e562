// The registry's own map: Leaflet with no tiles. The base layer is the registry's unit
// boundaries and building footprints for the current view (GET /web/api/layers); a click
// is a reverse look-up (GET /web/api/reverse).
"use strict";

const RegistryMap = (() => {
  const { esc, fetchJSON, say, buildingURL } = Registry;
  const SHENZHEN = [22.6, 114.05];
  const STYLES = {
    district: { color: "#1c3d5a", weight: 2.5, fillColor: "#eef3f8", fillOpacity: 0.5 },
    street: { color: "#3f6e9a", weight: 1.8, fillOpacity: 0, dashArray: "6 4" },
    community: { color: "#6b8fb3", weight: 1.2, fillOpacity: 0 },
    grid: { color: "#a3b8cc", weight: 0.8, fillOpacity: 0, dashArray: "2 3" },
    building: { color: "#7a6a58", weight: 0.8, fillColor: "#d8cfc4", fillOpacity: 0.8 },
  };

  function baseStyle(feature) {
    const kind = feature.properties.kind;
    return { ...(STYLES[kind] || STYLES.grid), className: `base base-${kind}`, interactive: false };
  }

  function boundsOf(extent) {
    return extent ? L.latLngBounds([extent[1], extent[0]], [extent[3], extent[2]]) : null;
  }

  function create(element, status, options = {}) {
    if (!element || typeof L === "undefined") {
      say(status, "地图组件未安装：请先在 web/ 目录运行 npm ci && npm run build。", "error");
      return null;
    }
    const map = L.map(element, { zoomControl: true, maxZoom: 20, minZoom: 8 });
    map.attributionControl.setPrefix("Leaflet");
    map.attributionControl.addAttribution("底图：本地址库的行政区划与楼栋轮廓");
    const base = L.geoJSON(null, { style: baseStyle }).addTo(map);
    let selected = null;
    if (options.footprint) {
      selected = L.geoJSON(options.footprint, {
        style: { color: "#c2410c", weight: 3, fillColor: "#fb923c", fillOpacity: 0.45, className: "footprint-selected" },
        interactive: false,
      }).addTo(map);
      map.fitBounds(selected.getBounds(), { maxZoom: 17, padding: [40, 40] });
    } else {
      const bounds = boundsOf(options.extent);
      if (bounds) map.fitBounds(bounds); else map.setView(SHENZHEN, 11);
    }
    let ticket = 0;
    async function refresh() {
      const mine = ++ticket;
      const b = map.getBounds();
      const query = new URLSearchParams({
        west: b.getWest().toFixed(6), south: b.getSouth().toFixed(6),
        east: b.getEast().toFixed(6), north: b.getNorth().toFixed(6), zoom: String(map.getZoom()),
      });
      try {
        const layer = await fetchJSON(`/web/api/layers?${query}`);
        if (mine !== ticket) return;
        base.clearLayers();
        base.addData(layer);
        if (selected) selected.bringToFront();
        element.dataset.baseFeatures = String(layer.features.length);
        element.dataset.baseZoom = String(layer.zoom);
      } catch (err) {
        if (mine === ticket) say(status, `底图加载失败：${err.message}`, "error");
      }
    }
    let timer = null;
    map.on("moveend", () => { clearTimeout(timer); timer = setTimeout(refresh, 120); });
    refresh();
    map.on("click", (event) => reverseAt(map, event.latlng, status));
    element.registryMap = map;
    return map;
  }

  let marker = null;
  async function reverseAt(map, latlng, status) {
    const { lat, lng } = latlng;
    if (marker) marker.remove();
    marker = L.circleMarker(latlng, { radius: 6, color: "#b91c1c", className: "click-point" }).addTo(map);
    say(status, "正在查询该位置……", "info");
    try {
      const hit = await fetchJSON(`/web/api/reverse?lon=${lng.toFixed(7)}&lat=${lat.toFixed(7)}`);
      const b = hit.building;
      const where = hit.contains ? "位于该楼栋内" : `距离 ${hit.distance_m} 米`;
      const units = hit.admin_units.map((u) => esc(u.name)).reverse().join(" › ");
      marker.bindPopup(`<div class="reverse-popup"><b>${esc(b.standard_address || b.label || b.code)}</b>
        <br><code>${esc(b.code)}</code><br><small>${units}</small><br><small>${where}</small>
        <br><a class="open-building" href="${buildingURL(b.code)}">打开楼栋页面</a></div>`).openPopup();
      say(status, `该位置：${b.standard_address || b.code}`, "ok");
    } catch (err) {
      const text = err.status === 404 ? "该位置附近没有楼栋。" : err.message;
      marker.bindPopup(`<div class="reverse-popup empty">${esc(text)}</div>`).openPopup();
      say(status, text, err.status === 404 ? "empty" : "error");
    }
  }

  return { create };
})();
