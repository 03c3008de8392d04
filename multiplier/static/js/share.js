// The share flow's small helpers (no inline scripts: the Content-Security-Policy forbids them).
// - Picking another version replaces the text, unless the member already changed it.
// - [data-copy="#selector"] copies that field's text to the clipboard on a tap; on a link (the
//   network's share intent) the link then opens as usual, in the same tap, so a network that
//   cannot take the text (Facebook) gets it from the clipboard.
(function () {
  "use strict";
  var text = document.getElementById("id_text");
  var base = document.querySelector("input[name=base_variant]");
  document.querySelectorAll("input[name=variant][data-text]").forEach(function (radio) {
    radio.addEventListener("change", function () {
      if (!text || !radio.checked) return;
      var previous = document.querySelector(
        "input[name=variant][value='" + (base && base.value) + "']"
      );
      var unchanged = !previous || text.value.trim() === previous.getAttribute("data-text").trim();
      if (unchanged) {
        text.value = radio.getAttribute("data-text");
        if (base) base.value = radio.value;
        // Tell htmx the text changed, so the preview follows.
        text.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
  });

  function copy(field) {
    var value = field.value;
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(value).catch(function () { legacyCopy(field); });
    }
    legacyCopy(field);
    return Promise.resolve();
  }
  function legacyCopy(field) {
    field.focus();
    field.select();
    try { document.execCommand("copy"); } catch (error) { /* the text stays selected */ }
  }
  document.addEventListener("click", function (event) {
    var trigger = event.target.closest("[data-copy]");
    if (!trigger) return;
    var field = document.querySelector(trigger.getAttribute("data-copy"));
    if (!field) return;
    copy(field);
    var status = document.querySelector("[data-copy-status]");
    if (status) status.hidden = false;
  });
})();
