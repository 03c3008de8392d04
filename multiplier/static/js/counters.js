// Live per-network counters under a variant's text (content/posts/_counters.html). The counting
// mirrors multiplier/content/limits.py, which decides what is saved: the text as shared (text,
// hashtags, link), X with every URL as 23 and twitter-text weights, Bluesky in graphemes,
// Mastodon with URLs as 23 and remote mentions by their local part, the rest in code points.
// Without this file the counts the server rendered stay (correct as of the last save).
(function () {
  "use strict";
  var URL_RE = /https?:\/\/[^\s<>"']+|www\.[^\s<>"']+/gi;
  var REMOTE_MENTION = /(^|[^\w@])(@\w+)@[\w.-]+\.\w+/gu;
  var EMOJI = /\p{Extended_Pictographic}/u;
  var X_LIGHT = [[0, 4351], [8192, 8205], [8208, 8223], [8242, 8247]];
  var segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;

  function graphemes(text) {
    if (!segmenter) return Array.from(text);
    return Array.from(segmenter.segment(text), function (s) { return s.segment; });
  }
  function codePoints(text) { return Array.from(text).length; }
  function xWeight(cluster) {
    if (EMOJI.test(cluster)) return 2;
    var weight = 0;
    Array.from(cluster).forEach(function (char) {
      var code = char.codePointAt(0);
      var light = X_LIGHT.some(function (range) { return code >= range[0] && code <= range[1]; });
      weight += light ? 1 : 2;
    });
    return weight;
  }
  function xLength(text) {
    text = text.normalize("NFC");
    var length = 0, position = 0, match;
    URL_RE.lastIndex = 0;
    while ((match = URL_RE.exec(text)) !== null) {
      graphemes(text.slice(position, match.index)).forEach(function (g) { length += xWeight(g); });
      length += 23;
      position = match.index + match[0].length;
    }
    graphemes(text.slice(position)).forEach(function (g) { length += xWeight(g); });
    return length;
  }
  function mastodonLength(text) {
    text = text.replace(REMOTE_MENTION, "$1$2").replace(URL_RE, "x".repeat(23));
    return codePoints(text);
  }
  var COUNTERS = {
    x: xLength,
    bluesky: function (text) { return graphemes(text).length; },
    mastodon: mastodonLength,
  };
  function compose(text, tags, link) {
    var parts = [text.trim()];
    var hashtags = tags.split(/[\s,;]+/).map(function (t) { return t.replace(/^#+/, ""); })
      .filter(function (t, i, all) {
        // no duplicates, ignoring case (as parse_hashtags does)
        return t && all.findIndex(function (o) { return o.toLowerCase() === t.toLowerCase(); }) === i;
      })
      .map(function (t) { return "#" + t; }).join(" ");
    if (hashtags) parts.push(hashtags);
    if (link && text.indexOf(link) === -1) parts.push(link);
    return parts.filter(function (p) { return p; }).join("\n\n");
  }
  function value(id) {
    var element = id && document.getElementById(id);
    return element ? element.value : "";
  }

  document.querySelectorAll("[data-counters]").forEach(function (list) {
    var textId = list.getAttribute("data-text");
    var tagsId = list.getAttribute("data-hashtags");
    var linkId = list.getAttribute("data-link");
    function update() {
      var link = linkId ? value(linkId).trim() : list.getAttribute("data-link-value") || "";
      var text = compose(value(textId).replace(/\r\n/g, "\n"), value(tagsId), link);
      list.querySelectorAll("[data-network]").forEach(function (row) {
        var count = (COUNTERS[row.getAttribute("data-network")] || codePoints)(text);
        var limit = parseInt(row.getAttribute("data-limit"), 10);
        row.querySelector("output").textContent = String(count);
        row.classList.toggle("over", count > limit);
        var warning = row.querySelector(".counter-warning");
        warning.textContent = count > limit ? warning.getAttribute("data-over") : "";
      });
    }
    [textId, tagsId, linkId].forEach(function (id) {
      var input = id && document.getElementById(id);
      if (input) input.addEventListener("input", update);
    });
    update();
  });
})();
