// After a refused form, the error summary takes the focus, so that a screen reader reads it first and the keyboard
// starts there. The summary carries autofocus for browsers without JavaScript; this covers those that skip it.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary && document.activeElement !== summary) {
      summary.focus();
    }
  });
})();
