// The conversation form, made shorter with JavaScript: a search box over the themes, a summary of what each
// closed section holds, and "use my location" for the buurt. Without JavaScript the pillar groups, the sections
// and the list of buurten do the same job, so nothing here is needed.
(function () {
  "use strict";
  if (!document.querySelector || !window.fetch) {
    return;
  }

  function fill(template, name, value) {
    return (template || "").replace("{" + name + "}", value);
  }

  function labelOf(input) {
    var label = input.id ? document.querySelector('label[for="' + input.id + '"]') : null;
    return label ? label.textContent.trim() : input.value;
  }

  // What a section holds, in words: the chosen options, and the texts typed in.
  function summarise(section) {
    var parts = [];
    Array.prototype.forEach.call(section.querySelectorAll("input, textarea, select"), function (input) {
      if (input.type === "checkbox" || input.type === "radio") {
        if (input.checked) {
          parts.push(labelOf(input));
        }
      } else if (input.type !== "hidden" && input.value.trim() && !input.defaultValue) {
        parts.push(input.value.trim().slice(0, 40));
      }
    });
    var summary = section.querySelector("[data-section-summary]");
    summary.textContent = parts.join(", ");  // empty, and so not shown, while nothing is filled in
  }

  function setUpSections(form) {
    Array.prototype.forEach.call(form.querySelectorAll("[data-section]"), function (section) {
      var update = function () { summarise(section); };
      section.addEventListener("change", update);
      section.addEventListener("input", update);
      update();
    });
  }

  function normalise(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function setUpThemes(form) {
    var box = form.querySelector("[data-theme-search]");
    if (!box) {
      return;
    }
    var input = box.querySelector("input");
    var status = box.querySelector("[data-theme-count]");
    var groups = Array.prototype.slice.call(form.querySelectorAll("[data-theme-group]"));
    var wasOpen = null;

    function countChosen(group) {
      var count = group.querySelectorAll("input:checked").length;
      var label = group.querySelector("[data-group-count]");
      label.textContent = count ? fill(label.getAttribute("data-count-text"), "count", count) : "";
    }

    function filter() {
      var query = normalise(input.value);
      if (!query) {
        groups.forEach(function (group, index) {
          group.hidden = false;
          group.open = wasOpen ? wasOpen[index] || group.querySelector("input:checked") !== null : group.open;
          Array.prototype.forEach.call(group.querySelectorAll("[data-theme-label]"), function (chip) { chip.hidden = false; });
        });
        wasOpen = null;
        status.textContent = "";
        return;
      }
      if (!wasOpen) {
        wasOpen = groups.map(function (group) { return group.open; });
      }
      var found = 0;
      groups.forEach(function (group) {
        var here = 0;
        Array.prototype.forEach.call(group.querySelectorAll("[data-theme-label]"), function (chip) {
          var match = normalise(chip.getAttribute("data-theme-label")).indexOf(query) !== -1;
          chip.hidden = !match;
          here += match ? 1 : 0;
        });
        group.hidden = here === 0;
        group.open = here > 0;
        found += here;
      });
      status.textContent = found
        ? fill(status.getAttribute("data-found-text"), "count", found)
        : status.getAttribute("data-none-text");
    }

    box.hidden = false;
    input.addEventListener("input", filter);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();  // Enter in the search box finds, it does not send the form
      }
    });
    groups.forEach(function (group) {
      group.addEventListener("change", function () { countChosen(group); });
      countChosen(group);
    });
  }

  function setUpLocate(form) {
    var box = form.querySelector("[data-locate]");
    if (!box || !navigator.geolocation) {
      return;
    }
    var status = box.querySelector("[data-locate-status]");
    var select = form.querySelector("#location__buurt");
    var failed = function () { status.textContent = box.getAttribute("data-failed-text"); };
    box.hidden = false;
    box.querySelector("[data-locate-button]").addEventListener("click", function () {
      status.textContent = box.getAttribute("data-searching-text");
      navigator.geolocation.getCurrentPosition(function (position) {
        var url = box.getAttribute("data-url") + "?lat=" + position.coords.latitude + "&lon=" + position.coords.longitude;
        fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
          .then(function (found) {
            select.value = found.buurt;
            if (select.value !== found.buurt) {
              return failed();
            }
            select.dispatchEvent(new Event("change", { bubbles: true }));
            status.textContent = fill(box.getAttribute("data-found-text"), "name", found.name);
          })
          .catch(failed);
      }, failed, { enableHighAccuracy: true, timeout: 15000 });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector(".field-form");
    if (!form) {
      return;
    }
    setUpSections(form);
    setUpThemes(form);
    setUpLocate(form);
  });
})();
