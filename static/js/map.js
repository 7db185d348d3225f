// The district maps are SVG drawn on the server with their projection in data
// attributes. Where JavaScript runs, this turns clicks into coordinates:
// [data-map-picker] sets one point (an observation's latitude and longitude),
// [data-map-draw] draws a polygon into a GeoJSON text field (an area's boundary).
// Without JavaScript the same fields are typed, pasted or uploaded.
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

  function start() {
  document.querySelectorAll("[data-map-picker]").forEach((box) => {
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
