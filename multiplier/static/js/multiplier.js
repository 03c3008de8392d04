// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // Close the menu when Escape is pressed (the <details> element handles the rest).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll("details.menu[open]").forEach(function (menu) {
      menu.removeAttribute("open");
      menu.querySelector("summary").focus();
    });
  });
  // Buttons with data-confirm ask first (CSP forbids inline onclick handlers).
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
})();

// Networks form (onboarding and profile): a tap on a preset fills the follower count, and the
// details of a network you are not on stay folded away until you tick it. Without this file
// every field is simply shown.
(function () {
  "use strict";
  document.querySelectorAll("[data-presets]").forEach(function (presets) {
    presets.hidden = false;
  });
  document.addEventListener("click", function (event) {
    var chip = event.target.closest("[data-fill]");
    if (!chip) return;
    var input = document.getElementById(chip.getAttribute("data-fill"));
    if (input) input.value = chip.getAttribute("data-value");
  });
  function sync(checkbox, initial) {
    var details = document.getElementById(checkbox.getAttribute("data-reveals"));
    if (!details) return;
    // Never hide something the person typed or an error they need to see.
    var filled = Array.prototype.some.call(details.querySelectorAll("input"), function (input) {
      return input.value !== "";
    });
    var hasError = details.querySelector(".errorlist") !== null;
    details.hidden = !checkbox.checked && !(initial && (filled || hasError));
  }
  document.querySelectorAll("[data-reveals]").forEach(function (checkbox) {
    checkbox.setAttribute("aria-controls", checkbox.getAttribute("data-reveals"));
    sync(checkbox, true);
    checkbox.addEventListener("change", function () { sync(checkbox, false); });
  });
})();

// A form that comes back with errors: bring the first error into view and focus it, so that
// on a phone nobody is left at the top of a long page wondering why nothing was saved (and
// screen readers announce it).
(function () {
  "use strict";
  var error = document.querySelector("main .form-errors, main .errorlist");
  if (!error) return;
  if (!error.hasAttribute("tabindex")) error.setAttribute("tabindex", "-1");
  error.focus();
})();
