// The place of an observation from the phone, for forms marked
// [data-observation-place]: "Use my position" (Geolocation API) fills the
// latitude, longitude and accuracy; a point set this way, typed, or clicked on
// the walk's map ([data-map-picker], static/js/map.js) asks the server for the
// land owner of the nearest registered property ([data-owner-url]) or for the
// area holding it ([data-area-url]) and preselects it. A large photo is made
// smaller on the phone before it is sent. Without this script the form posts
// as typed; the server validates everything either way.
(function () {
  "use strict";
  const MAX_SIDE = 2048;
  const LARGE_BYTES = 2.5 * 1024 * 1024;

  function round(value) {
    return Math.round(value * 1e6) / 1e6;
  }

  function say(node, text) {
    if (!node) return;
    node.textContent = text || "";
    node.hidden = !text;
  }

  function getJSON(url, lat, lon) {
    const address = new URL(url, window.location.href);
    address.searchParams.set("lat", lat);
    address.searchParams.set("lon", lon);
    return fetch(address, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    });
  }

  function setUp(form) {
    const lat = form.elements.namedItem("latitude");
    const lon = form.elements.namedItem("longitude");
    const accuracy = form.elements.namedItem("accuracy");
    const owner = form.elements.namedItem("land_owner");
    const tools = form.querySelector("[data-place-locate]");
    const status = form.querySelector("[data-locate-status]");
    const suggestion = form.querySelector("[data-suggestion-status]");
    if (!lat || !lon) return;
    let last = [lat.value, lon.value].join(",");

    // The land owner (walk) or the area (quick report) for the point.
    function suggest() {
      const la = parseFloat(lat.value);
      const lo = parseFloat(lon.value);
      if (Number.isNaN(la) || Number.isNaN(lo)) return;
      if (form.dataset.ownerUrl && owner) {
        getJSON(form.dataset.ownerUrl, la, lo)
          .then(function (answer) {
            if (!answer.owner) return say(suggestion, "");
            const option = Array.from(owner.options || []).find(function (o) {
              return o.value === String(answer.owner);
            });
            if (!option) return say(suggestion, "");
            owner.value = option.value;
            owner.dispatchEvent(new Event("change", { bubbles: true }));
            say(suggestion, answer.message);
          })
          .catch(function () {
            say(suggestion, "");
          });
      }
      if (form.dataset.areaUrl) {
        getJSON(form.dataset.areaUrl, la, lo)
          .then(function (answer) {
            if (!answer.area) return;
            const radio = form.querySelector('input[name="area"][value="' + answer.area + '"]');
            if (radio) {
              radio.checked = true;
              radio.dispatchEvent(new Event("change", { bubbles: true }));
            }
          })
          .catch(function () {});
      }
    }

    // A point that is not the phone's (typed or clicked) has no accuracy.
    function pointMoved() {
      const now = [lat.value, lon.value].join(",");
      if (now === last) return;
      last = now;
      if (accuracy) accuracy.value = "";
      say(status, "");
      suggest();
    }

    lat.addEventListener("change", pointMoved);
    lon.addEventListener("change", pointMoved);
    // map.js writes the fields on a click on the map; the click then reaches
    // the map's box, and the fields are read after it.
    document.querySelectorAll("[data-map-picker]").forEach(function (box) {
      box.addEventListener("click", function () {
        window.setTimeout(pointMoved, 0);
      });
    });
    document.addEventListener("observation:point", function () {
      window.setTimeout(pointMoved, 0);
    });

    if (tools && navigator.geolocation) {
      const field = lat.type === "hidden" ? null : lat.closest(".form-field");
      if (field) field.parentNode.insertBefore(tools, field);
      tools.hidden = false;
      const button = tools.querySelector("[data-locate]");
      const limit = parseInt(tools.dataset.maxAccuracy, 10) || 1000;
      button.addEventListener("click", function () {
        say(status, tools.dataset.locating);
        button.disabled = true;
        navigator.geolocation.getCurrentPosition(
          function (position) {
            button.disabled = false;
            const metres = Math.max(0, Math.round(position.coords.accuracy || 0));
            if (metres > limit) {
              say(status, tools.dataset.tooRough.replace("{m}", metres));
              return;
            }
            lat.value = round(position.coords.latitude);
            lon.value = round(position.coords.longitude);
            if (accuracy) accuracy.value = metres;
            last = [lat.value, lon.value].join(",");
            // map.js moves its marker on "input"; the offline draft follows too.
            lat.dispatchEvent(new Event("input", { bubbles: true }));
            lon.dispatchEvent(new Event("input", { bubbles: true }));
            say(status, tools.dataset.within.replace("{m}", metres));
            suggest();
          },
          function () {
            button.disabled = false;
            say(status, tools.dataset.failed);
          },
          { enableHighAccuracy: true, timeout: 20000, maximumAge: 30000 }
        );
      });
    }

    const photo = form.elements.namedItem("photo");
    if (photo && photo.type === "file") photos(form, photo);
  }

  function sizeText(bytes) {
    return bytes >= 1024 * 1024 ? (bytes / 1024 / 1024).toFixed(1) + " MB" : Math.round(bytes / 1024) + " kB";
  }

  function decode(file) {
    if (window.createImageBitmap) {
      return window.createImageBitmap(file, { imageOrientation: "from-image" });
    }
    return new Promise(function (resolve, reject) {
      const image = new Image();
      const url = URL.createObjectURL(file);
      image.onload = function () {
        URL.revokeObjectURL(url);
        resolve(image);
      };
      image.onerror = function () {
        URL.revokeObjectURL(url);
        reject(new Error("unreadable"));
      };
      image.src = url;
    });
  }

  // A photo larger than MAX_SIDE pixels (or heavy) is redrawn as a JPEG of at
  // most MAX_SIDE on its longest side and put in the field instead: less to
  // send on a weak connection. The server strips what metadata is left.
  function photos(form, input) {
    const note = form.querySelector("[data-photo-status]");
    const submit = form.querySelector("[type=submit]");
    if (typeof DataTransfer === "undefined" || !HTMLCanvasElement.prototype.toBlob) return;
    input.addEventListener("change", function () {
      const file = input.files && input.files[0];
      if (!file || !/^image\//.test(file.type)) return;
      if (submit) submit.disabled = true;
      form.dataset.photoResizing = "true";
      if (note) note.textContent = note.dataset.resizing;
      decode(file)
        .then(function (image) {
          const width = image.width;
          const height = image.height;
          const longest = Math.max(width, height);
          if (longest <= MAX_SIDE && file.size <= LARGE_BYTES) return null;
          const scale = Math.min(1, MAX_SIDE / longest);
          const canvas = document.createElement("canvas");
          canvas.width = Math.round(width * scale);
          canvas.height = Math.round(height * scale);
          canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
          return new Promise(function (resolve) {
            canvas.toBlob(resolve, "image/jpeg", 0.85);
          });
        })
        .then(function (blob) {
          if (!blob || blob.size >= file.size) {
            if (note) note.textContent = "";
            return;
          }
          const name = (file.name || "photo").replace(/\.[^.]*$/, "") + ".jpg";
          const files = new DataTransfer();
          files.items.add(new File([blob], name, { type: "image/jpeg", lastModified: Date.now() }));
          input.files = files.files;
          if (note) note.textContent = note.dataset.resized.replace("{size}", sizeText(blob.size));
        })
        .catch(function () {
          // The browser cannot redraw it: the photo goes as it is.
        })
        .then(function () {
          if (submit) submit.disabled = false;
          delete form.dataset.photoResizing;
        });
    });
  }

  document.querySelectorAll("form[data-observation-place]").forEach(setUp);
})();
