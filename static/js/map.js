// The district maps are SVG drawn on the server with their projection in data
// attributes. Where JavaScript runs, this turns clicks into coordinates:
// [data-map-picker] sets one point (an observation's latitude and longitude),
// [data-map-draw] draws a polygon into a GeoJSON text field (an area's boundary).
// Without JavaScript the same fields are typed, pasted or uploaded.
// Where a tile source is configured and Leaflet is loaded, [data-tile-map]
// boxes trade the SVG for a street map drawn from the JSON the page carries
// (members.areas.geo.map_data); the admin's boundary field gets a Leaflet map
// with Geoman's drawing tools, on a blank background without tiles.
(function () {
  const SVG = "http://www.w3.org/2000/svg";

  function projection(svg) {
    const d = svg.dataset;
    const west = parseFloat(d.west);
    const north = parseFloat(d.north);
    const kx = parseFloat(d.kx);
    const scale = parseFloat(d.scale);
    const padding = parseFloat(d.padding);
    const offsetX = parseFloat(d.offsetX);
    return {
      toLonLat(x, y) {
        return [west + (x - offsetX) / (kx * scale), north - (y - padding) / scale];
      },
      toXY(lon, lat) {
        return [offsetX + (lon - west) * kx * scale, padding + (north - lat) * scale];
      },
    };
  }

  function svgPoint(svg, event) {
    const point = svg.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    return point.matrixTransform(svg.getScreenCTM().inverse());
  }

  function round(value) {
    return Math.round(value * 1e6) / 1e6;
  }

  function element(name, attributes) {
    const node = document.createElementNS(SVG, name);
    Object.entries(attributes).forEach(([key, value]) => node.setAttribute(key, value));
    return node;
  }

  function readData(id) {
    const script = id && document.getElementById(id);
    if (!script) return null;
    try {
      return JSON.parse(script.textContent);
    } catch (error) {
      return null;
    }
  }

  function escapeText(text) {
    const span = document.createElement("span");
    span.textContent = text || "";
    return span.innerHTML;
  }

  // The areas in their status colours, labelled, each with its name and
  // status as a tooltip; returns the layer (its bounds fit the view).
  function areaLayer(data, options) {
    const layer = window.L.featureGroup();
    data.areas.forEach((area) => {
      const shape = window.L.geoJSON(area.geometry, {
        style: { color: area.stroke, weight: 2, fillColor: area.fill, fillOpacity: options.fillOpacity },
        className: `map-area map-area--${area.colour}`,
        interactive: Boolean(area.url),
      });
      if (area.url) shape.on("click", () => window.location.assign(area.url));
      shape.addTo(layer);
      if (options.labels) {
        const text = area.label ? `<strong>${escapeText(area.name)}</strong><br>${escapeText(area.label)}` : `<strong>${escapeText(area.name)}</strong>`;
        window.L.tooltip({ permanent: true, direction: "center", className: "map-tooltip", interactive: false })
          .setLatLng(area.labelAt)
          .setContent(text)
          .addTo(layer);
      }
    });
    return layer;
  }

  function baseMap(node, data, label) {
    const map = window.L.map(node, { attributionControl: false, zoomSnap: 0.25, scrollWheelZoom: false });
    node.setAttribute("role", "region");
    node.setAttribute("aria-label", label);
    if (data.tiles) {
      window.L.tileLayer(data.tiles.url, { maxZoom: 19, crossOrigin: false }).addTo(map);
      window.L.control
        .attribution({ prefix: '<a href="https://leafletjs.com">Leaflet</a>' })
        .addAttribution(escapeText(data.tiles.attribution))
        .addTo(map);
    }
    return map;
  }

  // The portal's maps: the areas on the tile map, numbered observation
  // markers (focusable, named), and for [data-map-picker] a click sets the point.
  function tileMaps() {
    if (!window.L) return;
    document.querySelectorAll("[data-tile-map]").forEach((box) => {
      const data = readData(box.dataset.tileMap);
      const svg = box.querySelector("svg.district-map");
      if (!data || !data.tiles || !data.areas.length) return;
      const node = document.createElement("div");
      node.className = "tile-map";
      box.appendChild(node);
      if (svg) svg.hidden = true;
      // The Leaflet map is the focusable region now (arrow keys pan, + and - zoom).
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      const label = box.getAttribute("aria-label") || data.title;
      box.removeAttribute("aria-label");
      box.classList.remove("map-scroll");
      box.classList.add("has-tile-map");
      const map = baseMap(node, data, label);
      // Observation markers would hide under a permanent label: the walk's map
      // is one area, named in the page's heading.
      const areas = areaLayer(data, { fillOpacity: 0.45, labels: !data.points.length }).addTo(map);
      map.fitBounds(areas.getBounds(), { padding: [16, 16] });
      data.points.forEach((point) => {
        window.L.marker([point.lat, point.lon], {
          title: point.title,
          icon: window.L.divIcon({ className: "map-marker", html: escapeText(point.label), iconSize: [26, 26] }),
        })
          .bindTooltip(escapeText(point.title), { direction: "top", offset: [0, -12] })
          .addTo(map);
      });
      if (box.hasAttribute("data-map-picker")) pickOnTileMap(box, map);
    });
  }

  function pickOnTileMap(box, map) {
    const lat = document.getElementById(box.dataset.lat);
    const lon = document.getElementById(box.dataset.lon);
    const live = document.getElementById("map-picked");
    if (!lat || !lon) return;
    const marker = window.L.circleMarker([0, 0], { radius: 9, color: "#fff", weight: 3, fillColor: "#a4161a", fillOpacity: 1, className: "map-picked" });
    function show() {
      const la = parseFloat(lat.value);
      const lo = parseFloat(lon.value);
      if (Number.isNaN(la) || Number.isNaN(lo)) {
        marker.remove();
        return;
      }
      marker.setLatLng([la, lo]).addTo(map);
    }
    map.getContainer().style.cursor = "crosshair";
    map.on("click", (event) => {
      lat.value = round(event.latlng.lat);
      lon.value = round(event.latlng.lng);
      show();
      if (live) live.textContent = `${box.dataset.chosen}: ${lat.value}, ${lon.value}`;
    });
    lat.addEventListener("input", show);
    lon.addEventListener("input", show);
    box.dataset.mapPicker = "tile";
    show();
  }

  // The admin's boundary: drawn and edited with Geoman on a Leaflet map, the
  // other areas shown for reference; the GeoJSON text below follows each change.
  function drawOnTileMap(box, field) {
    const data = readData(box.dataset.mapData);
    if (!data || !window.L || !window.L.PM) return false;
    const node = document.createElement("div");
    node.className = "tile-map tile-map--draw";
    node.style.height = "30rem";
    node.style.marginBottom = "0.5rem";
    const svgBox = box.querySelector(".district-map-box");
    // Shown before the map is made: Leaflet measures its container.
    box.hidden = false;
    box.insertBefore(node, svgBox || box.querySelector("[data-draw-status]")?.parentNode || null);
    if (svgBox) svgBox.hidden = true;
    box.querySelector("[data-draw-undo]")?.setAttribute("hidden", "");
    const map = baseMap(node, data, box.dataset.mapLabel || data.title);
    const others = areaLayer(data, { fillOpacity: 0.3, labels: true }).addTo(map);
    const status = box.querySelector("[data-draw-status]");
    let drawn = null;
    function corners() {
      if (!drawn) return 0;
      const rings = drawn.getLatLngs();
      const outer = Array.isArray(rings[0]) ? rings[0] : rings;
      return outer.length;
    }
    function write() {
      if (drawn) {
        const geometry = drawn.toGeoJSON(6).geometry;
        field.value = JSON.stringify(geometry);
      } else {
        field.value = "";
      }
      if (status) status.textContent = `${box.dataset.pointsLabel} ${corners()}`;
    }
    function adopt(layer) {
      if (drawn && drawn !== layer) drawn.remove();
      drawn = layer;
      drawn.setStyle({ color: "#1f3a5f", weight: 3, dashArray: "6 3", fillOpacity: 0.25 });
      drawn.on("pm:edit pm:dragend", write);
      drawn.on("pm:remove", () => {
        drawn = null;
        write();
      });
    }
    try {
      const value = JSON.parse(field.value || "null");
      if (value && (value.type === "Polygon" || value.type === "MultiPolygon")) {
        window.L.geoJSON(value).eachLayer((layer) => {
          adopt(layer);
          layer.addTo(map);
        });
      }
    } catch (error) {
      drawn = null;
    }
    map.pm.addControls({
      position: "topleft",
      drawMarker: false,
      drawCircleMarker: false,
      drawPolyline: false,
      drawRectangle: false,
      drawCircle: false,
      drawText: false,
      cutPolygon: false,
      rotateMode: false,
    });
    map.pm.setGlobalOptions({ snappable: true, snapDistance: 12 });
    // Geoman's own tooltips in the admin's language where it has them.
    const lang = { sv: "sv", da: "da", nb: "no" }[document.documentElement.lang];
    if (lang) map.pm.setLang(lang);
    map.on("pm:create", (event) => {
      adopt(event.layer);
      write();
    });
    const bounds = drawn ? drawn.getBounds() : others.getLayers().length ? others.getBounds() : null;
    if (bounds) map.fitBounds(bounds, { padding: [24, 24] });
    else if (data.bounds) map.fitBounds([[data.bounds[1], data.bounds[0]], [data.bounds[3], data.bounds[2]]]);
    else map.setView([57.7, 11.95], 13);
    if (!drawn) map.pm.enableDraw("Polygon");
    box.querySelector("[data-draw-clear]")?.addEventListener("click", () => {
      if (drawn) drawn.remove();
      drawn = null;
      write();
      map.pm.enableDraw("Polygon");
    });
    field.addEventListener("change", () => {
      try {
        const value = JSON.parse(field.value || "null");
        if (drawn) drawn.remove();
        drawn = null;
        if (value) {
          window.L.geoJSON(value).eachLayer((layer) => {
            adopt(layer);
            layer.addTo(map);
          });
          map.fitBounds(drawn.getBounds(), { padding: [24, 24] });
        }
      } catch (error) {
        // Text that is not GeoJSON yet: the form's validation says why.
      }
      if (status) status.textContent = `${box.dataset.pointsLabel} ${corners()}`;
    });
    box.dataset.mapDraw = "tile";
    if (status) status.textContent = `${box.dataset.pointsLabel} ${corners()}`;
    return true;
  }

  function start() {
  tileMaps();
  document.querySelectorAll("[data-map-picker]").forEach((box) => {
    if (box.dataset.mapPicker === "tile") return;
    const svg = box.querySelector("svg");
    const lat = document.getElementById(box.dataset.lat);
    const lon = document.getElementById(box.dataset.lon);
    const live = document.getElementById("map-picked");
    if (!svg || !lat || !lon) return;
    const proj = projection(svg);
    const marker = element("circle", { r: 9, fill: "#a4161a", stroke: "#fff", "stroke-width": 3, class: "map-picked" });
    marker.style.display = "none";
    svg.appendChild(marker);
    function show() {
      const la = parseFloat(lat.value);
      const lo = parseFloat(lon.value);
      if (Number.isNaN(la) || Number.isNaN(lo)) {
        marker.style.display = "none";
        return;
      }
      const [x, y] = proj.toXY(lo, la);
      marker.setAttribute("cx", x);
      marker.setAttribute("cy", y);
      marker.style.display = "";
    }
    svg.style.cursor = "crosshair";
    svg.addEventListener("click", (event) => {
      event.preventDefault();
      const p = svgPoint(svg, event);
      const [lo, la] = proj.toLonLat(p.x, p.y);
      lat.value = round(la);
      lon.value = round(lo);
      show();
      if (live) live.textContent = `${box.dataset.chosen}: ${lat.value}, ${lon.value}`;
    });
    lat.addEventListener("input", show);
    lon.addEventListener("input", show);
    show();
  });

  document.querySelectorAll("[data-map-draw]").forEach((box) => {
    const svg = box.querySelector("svg");
    const field = document.getElementById(box.dataset.field);
    if (field && drawOnTileMap(box, field)) return;
    if (!svg || !field) return;
    const proj = projection(svg);
    const outline = element("polygon", { fill: "rgba(31,58,95,0.25)", stroke: "#1f3a5f", "stroke-width": 2, "stroke-dasharray": "6 3" });
    const dots = element("g", {});
    svg.appendChild(outline);
    svg.appendChild(dots);
    let points = [];
    try {
      const value = JSON.parse(field.value || "null");
      if (value && value.type === "Polygon") points = value.coordinates[0].slice(0, -1);
    } catch (error) {
      points = [];
    }
    function render() {
      const xy = points.map(([lo, la]) => proj.toXY(lo, la));
      outline.setAttribute("points", xy.map((p) => p.join(",")).join(" "));
      dots.replaceChildren(...xy.map(([x, y]) => element("circle", { cx: x, cy: y, r: 5, fill: "#1f3a5f" })));
      const status = box.querySelector("[data-draw-status]");
      if (status) status.textContent = `${box.dataset.pointsLabel} ${points.length}`;
    }
    function write() {
      if (points.length >= 3) {
        field.value = JSON.stringify({ type: "Polygon", coordinates: [[...points, points[0]]] });
      } else if (points.length === 0) {
        field.value = "";
      }
      render();
    }
    svg.style.cursor = "crosshair";
    svg.addEventListener("click", (event) => {
      event.preventDefault();
      const p = svgPoint(svg, event);
      const [lo, la] = proj.toLonLat(p.x, p.y);
      points.push([round(lo), round(la)]);
      write();
    });
    box.querySelector("[data-draw-undo]")?.addEventListener("click", () => {
      points.pop();
      write();
    });
    box.querySelector("[data-draw-clear]")?.addEventListener("click", () => {
      points = [];
      write();
    });
    box.hidden = false;
    render();
  });
  }

  // The admin loads form media in the head, the site at the end with defer.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
