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
