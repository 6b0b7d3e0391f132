// Field app: logs are saved on the device first (an outbox in IndexedDB) and sent when there is a
// connection. Each log carries an id made on the device, so sending one twice never makes two.
(function () {
  "use strict";
  var DB_NAME = "field-outbox";
  var SENT_KEPT_MS = 24 * 3600 * 1000;
  var endpoint = document.querySelector("meta[name='field-sync-url']");
  var csrf = document.querySelector("meta[name='csrf-token']");
  if (!endpoint || !window.indexedDB) {
    return;
  }

  if ("serviceWorker" in navigator) {
    var worker = document.querySelector("meta[name='field-service-worker']");
    if (worker) {
      navigator.serviceWorker.register(worker.content, { scope: worker.getAttribute("data-scope") });
    }
  }

  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore("pending", { keyPath: "client_id" });
        request.result.createObjectStore("sent", { keyPath: "client_id" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function withStore(name, mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(name, mode);
        var result = work(transaction.objectStore(name));
        transaction.oncomplete = function () { resolve(result && result.result !== undefined ? result.result : result); };
        transaction.onerror = function () { reject(transaction.error); };
      });
    });
  }

  function all(name) {
    return withStore(name, "readonly", function (store) { return store.getAll(); });
  }

  function put(name, item) {
    return withStore(name, "readwrite", function (store) { store.put(item); });
  }

  function remove(name, key) {
    return withStore(name, "readwrite", function (store) { store["delete"](key); });
  }

  function fieldsOf(form) {
    var fields = {};
    new FormData(form).forEach(function (value, name) {
      if (name === "csrf_token") {
        return;
      }
      (fields[name] = fields[name] || []).push(String(value));
    });
    return fields;
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    return "id-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 12);
  }

  // Back-off after a failed try: 5 s, 10 s, 20 s ... at most 15 minutes between tries.
  var FIRST_RETRY_MS = 5000;
  var LAST_RETRY_MS = 15 * 60 * 1000;
  var sending = false;
  var sendAgain = false;
  var sendingId = null;
  var timer = null;

  function send(item) {
    return fetch(endpoint.content, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",  // a redirect means signed out: keep the log and try again later
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf ? csrf.content : "" },
      body: JSON.stringify({ fields: item.fields })
    });
  }

  function reasonOf(response) {
    return response.json().then(function (body) {
      if (body.errors) {
        return Object.keys(body.errors).map(function (key) { return body.errors[key]; }).join(" ");
      }
      return body.detail || body.error || "";
    }, function () { return ""; });
  }

  function retryLater(item, reason) {
    item.attempts = (item.attempts || 0) + 1;
    item.retry_at = Date.now() + Math.min(FIRST_RETRY_MS * Math.pow(2, item.attempts - 1), LAST_RETRY_MS);
    item.problem = reason || "";
    return put("pending", item);
  }

  // One item: sent, refused for good (the server said what is wrong with it), or to be tried again later. Never
  // rejects, so one item's fate never stops the others.
  function sendOne(item) {
    sendingId = item.client_id;
    return render().then(function () { return send(item); }).then(function (response) {
      if (response.status === 200 || response.status === 201) {
        item.sent_at = Date.now();
        return put("sent", item).then(function () { return remove("pending", item.client_id); });
      }
      if (response.status === 403 || response.status === 413 || response.status === 422) {
        return reasonOf(response).then(function (reason) {
          item.state = "refused";
          item.problem = reason;
          return put("pending", item);
        });
      }
      // Signed out (a redirect), too many requests, a server error: the log is fine, the moment is not.
      return (response.type === "opaqueredirect" ? Promise.resolve("") : reasonOf(response)).then(function (reason) {
        return retryLater(item, reason);
      });
    }, function () { return retryLater(item, ""); }).then(null, function () { /* the device's store failed */ })
      .then(function () { sendingId = null; });
  }

  function bySavedAt(a, b) { return (a.saved_at || 0) - (b.saved_at || 0); }

  function sync(now) {
    if (sending) {
      sendAgain = true;
      return Promise.resolve();
    }
    if (!navigator.onLine) {
      return render();
    }
    sending = true;
    return all("pending").then(function (items) {
      var due = items.sort(bySavedAt).filter(function (item) {
        return item.state !== "refused" && (now === true || !(item.retry_at > Date.now()));
      });
      return due.reduce(function (previous, item) {
        return previous.then(function () { return sendOne(item); });
      }, Promise.resolve());
    }).then(forgetOldSent).then(render, render).then(function () {
      sending = false;
      if (sendAgain) {
        sendAgain = false;
        return sync();
      }
      return schedule();
    });
  }

  // The next try when the earliest waiting log is due.
  function schedule() {
    return all("pending").then(function (items) {
      var due = items.filter(function (item) { return item.state !== "refused" && item.retry_at; })
        .map(function (item) { return item.retry_at; });
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      if (due.length) {
        timer = setTimeout(sync, Math.max(0, Math.min.apply(null, due) - Date.now()));
      }
    });
  }

  function forgetOldSent() {
    return all("sent").then(function (items) {
      return Promise.all(items.filter(function (item) {
        return Date.now() - item.sent_at > SENT_KEPT_MS;
      }).map(function (item) { return remove("sent", item.client_id); }));
    });
  }

  function resendSent() {
    // For a professional who doubts whether logs arrived: send the ones of today again. The ids make sure
    // nothing is stored twice.
    return all("sent").then(function (items) {
      return Promise.all(items.map(function (item) { return send(item); }));
    }).then(function (responses) {
      return responses.map(function (response) { return response.status; });
    });
  }

  function clock(ms) {
    return new Date(ms).toLocaleTimeString(document.documentElement.lang || undefined,
      { hour: "2-digit", minute: "2-digit" });
  }

  function stateOf(box, item) {
    if (item.sent_at) {
      return box.getAttribute("data-state-sent");
    }
    if (item.client_id === sendingId) {
      return box.getAttribute("data-state-sending");
    }
    if (item.state === "refused") {
      return box.getAttribute("data-state-refused").replace("{reason}", item.problem || "");
    }
    if (item.retry_at) {
      var retry = box.getAttribute("data-state-retry").replace("{time}", clock(item.retry_at));
      return item.problem ? retry + " " + item.problem : retry;
    }
    return box.getAttribute("data-state-waiting");
  }

  function entryFor(box, item) {
    var entry = document.createElement("li");
    entry.setAttribute("data-outbox-item", item.client_id);
    entry.setAttribute("data-state", item.sent_at ? "sent" : item.client_id === sendingId ? "sending"
      : item.state === "refused" ? "refused" : item.retry_at ? "retry" : "waiting");
    var when = (item.fields.occurred_at || [""])[0].replace("T", " ");
    var notes = (item.fields.notes || [""])[0].slice(0, 60);
    var what = document.createElement("span");
    what.textContent = when + (notes ? " · " + notes : "");
    var state = document.createElement("strong");
    state.className = "outbox__state";
    state.textContent = stateOf(box, item);
    entry.appendChild(what);
    entry.appendChild(document.createTextNode(" "));
    entry.appendChild(state);
    if (item.state === "refused") {
      var drop = document.createElement("button");
      drop.type = "button";
      drop.className = "button button--secondary";
      drop.textContent = box.getAttribute("data-remove-text");
      drop.addEventListener("click", function () { remove("pending", item.client_id).then(render); });
      entry.appendChild(document.createTextNode(" "));
      entry.appendChild(drop);
    }
    return entry;
  }

  function render() {
    var box = document.querySelector("[data-outbox]");
    if (!box) {
      return Promise.resolve();
    }
    return Promise.all([all("pending"), all("sent")]).then(function (stores) {
      var items = stores[0].sort(bySavedAt);
      var count = box.querySelector("[data-outbox-count]");
      var list = box.querySelector("[data-outbox-list]");
      box.hidden = false;
      var text = items.length === 0 ? box.getAttribute("data-empty-text")
        : box.getAttribute("data-waiting-text").replace("{count}", String(items.length));
      if (count.textContent !== text) {
        count.textContent = text;
      }
      list.textContent = "";
      items.concat(stores[1].sort(bySavedAt)).forEach(function (item) { list.appendChild(entryFor(box, item)); });
    });
  }

  function setUpForm(form) {
    var status = document.querySelector("[data-form-status]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!form.reportValidity()) {
        return;
      }
      var id = newId();
      form.querySelector("[name='client_id']").value = id;
      var item = { client_id: id, fields: fieldsOf(form), saved_at: Date.now() };
      put("pending", item).then(function () {
        status.textContent = form.getAttribute(navigator.onLine ? "data-sending-text" : "data-offline-text");
        form.reset();
        var when = form.querySelector("[name='occurred_at']");
        if (when) {
          var now = new Date();
          now.setMinutes(now.getMinutes() - now.getTimezoneOffset());
          when.value = now.toISOString().slice(0, 16);
        }
        return render();
      }).then(sync).then(function () {
        return all("pending");
      }).then(function (items) {
        if (navigator.onLine && !items.some(function (pending) { return pending.client_id === id; })) {
          status.textContent = form.getAttribute("data-sent-text");
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-outbox-form]");
    if (form) {
      setUpForm(form);
    }
    render().then(sync);
  });
  // Back online: whatever waits is due now, back-off or not.
  window.addEventListener("online", function () { sync(true); });
  window.fieldOutbox = {
    sync: sync,
    resendSent: resendSent,
    pending: function () { return all("pending"); }
  };
})();
