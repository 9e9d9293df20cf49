/* Regulation site behaviour: document-level article links, highlighting, status by date. */
(function () {
  "use strict";
  var ARTICLE = /^(.*?art_\d+(?:-\d+)?)(?:__|$)/;

  function pageKind() {
    var m = document.querySelector('meta[name="regsite:page"]');
    return m ? m.getAttribute("content") : "";
  }

  /* SLUG/index.html#art_31 reaches the article whatever page it is on. */
  function forwardFromLanding() {
    if (pageKind() !== "document" || !location.hash) return false;
    var id = decodeURIComponent(location.hash.slice(1));
    if (document.getElementById(id)) return false;
    var m = ARTICLE.exec(id), key = m ? m[1] : id;
    var links = document.querySelectorAll(".md-content a[href]");
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute("href");
      var hash = href.split("#")[1] || "";
      var page = href.split("#")[0];
      if (hash === key || (!m && page.replace(/\.html$/, "") === id)) {
        location.replace(page + "#" + id);
        return true;
      }
    }
    return false;
  }

  function clearHighlight() {
    var old = document.querySelectorAll(".is-target");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("is-target");
  }

  /* Arriving on a link highlights the article (or the paragraph and its article). */
  function highlight() {
    clearHighlight();
    if (!location.hash) return;
    var el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!el) return;
    var heading = el;
    if (!(el.tagName === "H3" && el.classList.contains("article"))) {
      el.classList.add("is-target");
      var m = ARTICLE.exec(el.id);
      heading = m ? document.getElementById(m[1]) : null;
    }
    if (!heading) return;
    heading.classList.add("is-target");
    for (var n = heading.nextElementSibling; n && !/^H[1-3]$/.test(n.tagName); n = n.nextElementSibling) {
      n.classList.add("is-target");
    }
  }

  /* A status shown as 有效 becomes 已失效 once the expiry date has passed. */
  function statusByDate() {
    var today = new Date().toISOString().slice(0, 10);
    var badges = document.querySelectorAll(".status[data-expires]");
    for (var i = 0; i < badges.length; i++) {
      var exp = badges[i].getAttribute("data-expires");
      if (exp && exp < today && badges[i].textContent === "有效") {
        badges[i].textContent = "已失效";
        badges[i].classList.remove("status-valid");
        badges[i].classList.add("status-expired");
      }
    }
  }

  function meta(name) {
    var m = document.querySelector('meta[name="regsite:' + name + '"]');
    return m ? m.getAttribute("content") : "";
  }

  /* A page carries a definition once, on its first link to it (the Markdown stays small);
     the later links to the same definition get the same title. Runs before Material mounts
     its tooltips (this script is at the end of the body, before DOMContentLoaded). */
  function copyTitles() {
    var first = {}, terms = document.querySelectorAll(".md-content a.term");
    for (var i = 0; i < terms.length; i++) {
      var a = terms[i], href = a.getAttribute("href");
      if (a.hasAttribute("title")) {
        if (!(href in first)) first[href] = a.getAttribute("title");
      } else if (href in first) {
        a.setAttribute("title", first[href]);
      }
    }
  }

  /* 链接 and 引用 buttons on every article heading: the public address of the article
     (site_url + SLUG/index.html#art_N, also in the offline bundle) and a citation. */
  function addArticleTools() {
    var slug = meta("doc"), title = meta("title");
    var base = meta("site-url").replace(/\/?$/, "/");
    if (!slug) return;
    var headings = document.querySelectorAll(".md-content h3.article[id]");
    for (var i = 0; i < headings.length; i++) {
      var h = headings[i];
      if (h.querySelector(".article-tools")) continue;
      var url = base + slug + "/index.html#" + h.id;
      var tools = document.createElement("span");
      tools.className = "article-tools";
      tools.appendChild(copyButton("copy-link", "复制本条链接", "链接", url));
      tools.appendChild(copyButton("copy-cite", "复制引文", "引用",
        "《" + title + "》" + (h.getAttribute("data-cite") || "") + " " + url));
      h.appendChild(tools);
    }
  }

  function copyButton(cls, label, text, value) {
    var b = document.createElement("button");
    b.className = "article-copy " + cls;
    b.type = "button";
    b.title = label;
    b.setAttribute("aria-label", label);
    b.setAttribute("data-clipboard-text", value);
    b.textContent = text;
    return b;
  }

  copyTitles();
  addArticleTools();

  function init() {
    if (forwardFromLanding()) return;
    highlight();
    statusByDate();
  }
  window.addEventListener("hashchange", function () { if (!forwardFromLanding()) highlight(); });
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
