// The content calendar: drag a post onto another cycle to move it there. Without this file (or
// without a mouse) the "Move" form on each post does the same. The server answers a drop with
// the redrawn calendar, or with the reason it could not move the post.
(function () {
  "use strict";
  var status = document.getElementById("calendar-status");
  if (!document.getElementById("calendar-board") || !status) return;
  var hint = document.querySelector("[data-drag-hint]");
  // Dragging needs a pointer that can drag; on a touch phone the form is the way.
  if (hint && window.matchMedia("(pointer: fine)").matches) hint.hidden = false;
  var dragged = null;

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function say(text, isError) {
    status.textContent = text;
    status.classList.toggle("error", Boolean(isError));
  }

  function clearTargets() {
    document.querySelectorAll(".cycle.drop-target").forEach(function (cycle) {
      cycle.classList.remove("drop-target");
    });
  }

  document.addEventListener("dragstart", function (event) {
    var post = event.target.closest && event.target.closest(".cal-post[data-move-url]");
    if (!post) return;
    dragged = post;
    post.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", post.getAttribute("data-post"));
  });

  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    clearTargets();
  });

  document.addEventListener("dragover", function (event) {
    var cycle = dragged && event.target.closest && event.target.closest(".cycle[data-drop]");
    if (!cycle) return;
    event.preventDefault(); // allows the drop
    event.dataTransfer.dropEffect = "move";
    if (!cycle.classList.contains("drop-target")) {
      clearTargets();
      cycle.classList.add("drop-target");
    }
  });

  document.addEventListener("drop", function (event) {
    var cycle = dragged && event.target.closest && event.target.closest(".cycle[data-drop]");
    if (!cycle) return;
    event.preventDefault();
    var post = dragged;
    clearTargets();
    if (post.closest(".cycle") === cycle) return; // dropped where it already was
    var body = new FormData();
    body.append("cycle", cycle.getAttribute("data-cycle"));
    fetch(post.getAttribute("data-move-url"), {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "X-Calendar": "1" },
    })
      .then(function (response) {
        return response.text().then(function (text) {
          // A refusal comes as plain text (the reason); anything else (a lost session, a
          // server error) gets the general message.
          var plain = (response.headers.get("Content-Type") || "").indexOf("text/plain") === 0;
          if (!response.ok && !plain) text = status.getAttribute("data-failed") || "";
          return { ok: response.ok, text: text };
        });
      })
      .then(function (answer) {
        if (!answer.ok) {
          say(answer.text, true);
          return;
        }
        var holder = document.createElement("div");
        holder.innerHTML = answer.text;
        var board = holder.querySelector("#calendar-board");
        if (!board) return;
        document.getElementById("calendar-board").replaceWith(board);
        say(board.getAttribute("data-message") || "", false);
      })
      .catch(function () {
        say(status.getAttribute("data-failed") || "", true);
      });
  });
})();
