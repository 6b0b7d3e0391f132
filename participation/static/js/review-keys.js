// Single-key shortcuts for the review queue: a = accept all, r = reject all, n = next text.
// Each key clicks the button marked with data-key, so a shortcut does exactly what the button does without
// JavaScript. Keys are ignored while typing in a field and when a modifier is held (browser shortcuts stay).
(function () {
  "use strict";
  var typing = /^(INPUT|TEXTAREA|SELECT)$/;
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    if (target && (typing.test(target.tagName) || target.isContentEditable)) return;
    var key = (event.key || "").toLowerCase();
    if (key.length !== 1) return;
    var button = document.querySelector('button[data-key="' + key + '"]');
    if (!button) return;
    event.preventDefault();
    button.click();
  });
})();
