// The weekly report and the walk observation forms without a connection. An
// entry that cannot be sent is kept on the phone (IndexedDB, its photo too) and
// sent when the connection returns, with an id the phone makes for it
// (client_id): the server records it once however often it arrives. What is
// typed is kept as a draft until it is sent, so a reload loses nothing.
// Without this script the forms post as usual.
(function () {
  "use strict";
  const status = document.querySelector("[data-offline-status]");
  if (!status || !("indexedDB" in window)) return;
  const forms = Array.from(document.querySelectorAll("form[data-offline-form]"));
  // Entries are sent only for the person who made them; the offline page,
  // drawn for no one, only counts them.
  const user = status.dataset.user || "";
  const message = status.querySelector("[data-offline-message]");
  const rejectedList = status.querySelector("[data-offline-rejected]");
  const STORE = "entries";
  let opened = null;
  let note = "";

  function database() {
    if (!opened) {
      opened = new Promise(function (resolve, reject) {
        const request = indexedDB.open("bid-offline", 1);
        request.onupgradeneeded = function () {
          request.result.createObjectStore(STORE, { keyPath: "id" });
        };
        request.onsuccess = function () {
          resolve(request.result);
        };
        request.onerror = function () {
          reject(request.error);
        };
      });
    }
    return opened;
  }

  function withStore(mode, work) {
    return database().then(function (db) {
      return new Promise(function (resolve, reject) {
        const transaction = db.transaction(STORE, mode);
        const request = work(transaction.objectStore(STORE));
        transaction.oncomplete = function () {
          resolve(request.result);
        };
        transaction.onerror = transaction.onabort = function () {
          reject(transaction.error);
        };
      });
    });
  }

  function keep(entry) {
    return withStore("readwrite", function (store) {
      return store.put(entry);
    });
  }

  function forget(id) {
    return withStore("readwrite", function (store) {
      return store.delete(id);
    });
  }

  function entries() {
    return withStore("readonly", function (store) {
      return store.getAll();
    }).then(function (all) {
      return all
        .filter(function (entry) {
          return !user || entry.user === user;
        })
        .sort(function (a, b) {
          return a.saved - b.saved;
        });
    });
  }

  function newId() {
    if (window.crypto.randomUUID) return window.crypto.randomUUID();
    const bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, function (byte) {
      return byte.toString(16).padStart(2, "0");
    }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function csrfToken() {
    const field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function labelOf(name) {
    const label = document.querySelector('label[for="id_' + name + '"]');
    return label ? label.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function summaryOf(form) {
    return (form.dataset.offlineSummary || "")
      .split(" ")
      .map(function (name) {
        const field = form.elements.namedItem(name);
        if (!field) return "";
        if (field.tagName === "SELECT") {
          return field.value ? field.options[field.selectedIndex].text : "";
        }
        return (field.value || "").trim();
      })
      .filter(Boolean)
      .join(" – ")
      .slice(0, 80);
  }

  function entryFrom(form) {
    const id = form.elements.namedItem("client_id");
    if (!id.value) id.value = newId();
    const fields = [];
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken") return;
      if (value instanceof File && !value.name && !value.size) return;
      fields.push([name, value]);
    });
    return {
      id: id.value,
      user: user,
      form: form.dataset.offlineForm,
      url: form.action,
      path: window.location.pathname,
      fields: fields,
      summary: summaryOf(form),
      saved: Date.now(),
      errors: null,
    };
  }

  function flatten(errors) {
    const lines = [];
    Object.keys(errors || {}).forEach(function (name) {
      const label = name === "__all__" ? "" : labelOf(name);
      errors[name].forEach(function (text) {
        lines.push(label ? label + ": " + text : text);
      });
    });
    return lines;
  }

  // Resolves with {outcome: "sent" | "rejected" | "retry" | "sign-in"};
  // rejects when there is no connection.
  function send(entry) {
    const body = new FormData();
    entry.fields.forEach(function (field) {
      if (field[1] instanceof Blob) body.append(field[0], field[1], field[1].name || "photo.jpg");
      else body.append(field[0], field[1]);
    });
    body.append("csrfmiddlewaretoken", csrfToken());
    return fetch(entry.url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-Requested-With": "fetch" },
    }).then(function (response) {
      const type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") !== 0) {
        // A sign-in page after an expired session, or a proxy's error page.
        return { outcome: response.redirected ? "sign-in" : "retry" };
      }
      return response.json().then(function (answer) {
        if (response.ok && answer.ok) return { outcome: "sent", answer: answer };
        if (response.status === 429 || response.status >= 500) return { outcome: "retry" };
        return { outcome: "rejected", errors: flatten(answer.errors) };
      });
    });
  }

  function formFor(entry) {
    return forms.find(function (form) {
      return form.dataset.offlineForm === entry.form && entry.path === window.location.pathname;
    });
  }

  function fill(form, fields) {
    fields.forEach(function (field) {
      const element = form.elements.namedItem(field[0]);
      if (!element) return;
      if (field[1] instanceof Blob) {
        if (typeof DataTransfer === "undefined") return;
        const files = new DataTransfer();
        files.items.add(new File([field[1]], field[1].name || "photo.jpg", { type: field[1].type }));
        element.files = files.files;
      } else if (element.type === "checkbox") {
        element.checked = true;
      } else {
        element.value = field[1];
      }
    });
  }

  function showRejected(rejected) {
    rejectedList.replaceChildren();
    rejected.forEach(function (entry) {
      const item = document.createElement("li");
      item.textContent =
        status.dataset.notSent + " " + (entry.summary ? entry.summary + ": " : "") + entry.errors.join(" ");
      const form = formFor(entry);
      if (form) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "ds-button";
        button.dataset.variant = "secondary";
        button.textContent = status.dataset.putBack;
        button.addEventListener("click", function () {
          fill(form, entry.fields);
          saveDraft(form);
          forget(entry.id).then(refresh);
          const first = form.querySelector("input:not([type=hidden]), select, textarea");
          if (first) first.focus();
        });
        item.append(" ", button);
      }
      rejectedList.append(item);
    });
    rejectedList.hidden = rejected.length === 0;
  }

  function refresh() {
    return entries()
      .then(function (mine) {
        const waiting = mine.filter(function (entry) {
          return !entry.errors;
        });
        const count = waiting.length ? status.dataset.waiting.replace("{n}", waiting.length) : "";
        message.textContent = [note, count].filter(Boolean).join(" ");
        showRejected(
          mine.filter(function (entry) {
            return entry.errors;
          })
        );
      })
      .catch(function () {});
  }

  async function drain() {
    const waiting = (await entries()).filter(function (entry) {
      return entry.user === user && !entry.errors;
    });
    let sent = 0;
    for (const entry of waiting) {
      let result;
      try {
        result = await send(entry);
      } catch (error) {
        return; // no connection after all: the next "online" tries again
      }
      if (result.outcome === "sent") {
        await forget(entry.id);
        sent += 1;
      } else if (result.outcome === "rejected") {
        entry.errors = result.errors;
        await keep(entry);
      } else {
        if (result.outcome === "sign-in") note = status.dataset.signIn;
        return;
      }
    }
    if (sent) note = status.dataset.sent;
  }

  let draining = null;
  // Each waiting entry is sent by one page at a time: other tabs wait for the
  // lock and then find it gone.
  function sendWaiting() {
    if (!user || !navigator.onLine) return refresh();
    if (!draining) {
      const run = navigator.locks
        ? navigator.locks.request("bid-offline-entries", drain)
        : drain();
      draining = run.catch(function () {}).then(function () {
        draining = null;
        return refresh();
      });
    }
    return draining;
  }

  // Drafts: what is typed, in localStorage until the entry is sent or kept.
  function draftKey(form) {
    return ["bid-draft", user, form.dataset.offlineForm, window.location.pathname + window.location.search].join(":");
  }

  function saveDraft(form) {
    const values = {};
    Array.from(form.elements).forEach(function (element) {
      if (!element.name || element.type === "file" || element.type === "hidden") return;
      if (element.type === "submit" || element.type === "button") return;
      if (element.type === "radio" || element.type === "checkbox") {
        if (element.checked) values[element.name] = element.value;
      } else {
        values[element.name] = element.value;
      }
    });
    try {
      window.localStorage.setItem(draftKey(form), JSON.stringify(values));
    } catch (error) {
      // Storage full or switched off: the form still works.
    }
  }

  function clearDraft(form) {
    try {
      window.localStorage.removeItem(draftKey(form));
    } catch (error) {
      // as above
    }
  }

  function restoreDraft(form) {
    let values;
    try {
      values = JSON.parse(window.localStorage.getItem(draftKey(form)) || "null");
    } catch (error) {
      values = null;
    }
    // A form the server sent back with errors shows what was posted.
    if (!values || form.querySelector(".ds-error-summary")) return;
    let changed = false;
    Object.keys(values).forEach(function (name) {
      const element = form.elements.namedItem(name);
      if (!element) return;
      if (element instanceof RadioNodeList || element.type === "radio" || element.type === "checkbox") {
        form.querySelectorAll('[name="' + name + '"]').forEach(function (choice) {
          const checked = choice.value === values[name];
          if (choice.checked !== checked) changed = true;
          choice.checked = checked;
        });
      } else if (element.value !== values[name]) {
        element.value = values[name];
        changed = true;
      }
    });
    if (changed) note = status.dataset.restored;
  }

  async function submit(form) {
    const button = form.querySelector("[type=submit]");
    if (button) button.disabled = true;
    const entry = entryFrom(form);
    let result = null;
    if (navigator.onLine) {
      try {
        result = await send(entry);
      } catch (error) {
        result = null;
      }
    }
    if (result && result.outcome === "sent") {
      clearDraft(form);
      window.location.assign(result.answer.redirect);
      return;
    }
    if (result && result.outcome === "rejected") {
      // The server's own page shows what to correct, field by field; nothing
      // was recorded, so posting the same entry again is safe.
      HTMLFormElement.prototype.submit.call(form);
      return;
    }
    // No connection, no answer, or the session has ended: kept on the phone.
    try {
      await keep(entry);
    } catch (error) {
      HTMLFormElement.prototype.submit.call(form);
      return;
    }
    clearDraft(form);
    form.reset();
    form.elements.namedItem("client_id").value = "";
    if (button) button.disabled = false;
    note = result && result.outcome === "sign-in" ? status.dataset.signIn : status.dataset.queued;
    await refresh();
  }

  forms.forEach(function (form) {
    restoreDraft(form);
    form.addEventListener("input", function () {
      saveDraft(form);
    });
    form.addEventListener("change", function () {
      saveDraft(form);
    });
    if (!user) return;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      submit(form);
    });
  });

  window.addEventListener("online", sendWaiting);
  window.addEventListener("offline", refresh);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") sendWaiting();
  });
  sendWaiting();
})();
