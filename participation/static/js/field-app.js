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

  var sending = false;

  function send(item) {
    return fetch(endpoint.content, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",  // a redirect means signed out: keep the log and try again later
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf ? csrf.content : "" },
      body: JSON.stringify({ fields: item.fields })
    });
  }

  function sync() {
    if (sending || !navigator.onLine) {
      return Promise.resolve();
    }
    sending = true;
    return all("pending").then(function (items) {
      return items.reduce(function (previous, item) {
        return previous.then(function (keepGoing) {
          if (!keepGoing) {
            return false;
          }
          return send(item).then(function (response) {
            if (response.status === 200 || response.status === 201) {
              item.sent_at = Date.now();
              return put("sent", item).then(function () { return remove("pending", item.client_id); })
                .then(function () { return true; });
            }
            if (response.status === 422 || response.status === 400) {
              return response.json().then(function (body) {
                item.problem = body.errors ? Object.keys(body.errors).map(function (k) { return body.errors[k]; }).join(" ") : body.detail || body.error;
                return put("pending", item);
              }).then(function () { return true; });
            }
            return false;  // signed out or refused: try again later
          }, function () { return false; });  // no connection after all
        });
      }, Promise.resolve(true));
    }).then(forgetOldSent).then(render, render).then(function () { sending = false; });
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

  function render() {
    var box = document.querySelector("[data-outbox]");
    if (!box) {
      return Promise.resolve();
    }
    return all("pending").then(function (items) {
      var count = box.querySelector("[data-outbox-count]");
      var list = box.querySelector("[data-outbox-list]");
      box.hidden = false;
      count.textContent = items.length === 0 ? box.getAttribute("data-empty-text")
        : box.getAttribute("data-waiting-text").replace("{count}", String(items.length));
      list.textContent = "";
      items.forEach(function (item) {
        var entry = document.createElement("li");
        var when = (item.fields.occurred_at || [""])[0].replace("T", " ");
        var notes = (item.fields.notes || [""])[0].slice(0, 60);
        entry.textContent = when + (notes ? " · " + notes : "") + (item.problem ? " · " + item.problem : "");
        list.appendChild(entry);
      });
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
  window.addEventListener("online", sync);
  window.fieldOutbox = {
    sync: sync,
    resendSent: resendSent,
    pending: function () { return all("pending"); }
  };
})();
