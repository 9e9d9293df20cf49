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
      var missing = (links[i].getAttribute("data-missing") || "").split(" ");
      if (m && missing.indexOf(key) >= 0) {       /* an article the source lacks: its marker */
        location.replace(page + "#" + key);
        return true;
      }
    }
    /* a document without articles has its text (preamble__para_N) on its 正文 page */
    var text = document.querySelector('.md-content a[href="text.html"]');
    if (/^preamble(__|$)/.test(id) && text) {
      location.replace("text.html#" + id);
      return true;
    }
    explainMissingTarget(id);
    return false;
  }

  /* A link to an eId this document does not have says so at the top of the landing page
     instead of leaving the reader there without a word. */
  function explainMissingTarget(id) {
    var h1 = document.querySelector(".md-content h1");
    if (!h1 || document.querySelector(".missing-target")) return;
    var note = document.createElement("p");
    note.className = "missing-target";
    note.setAttribute("role", "status");
    note.textContent = "链接所指的位置（#" + id + "）在本文件中不存在：原文没有这一条文或段落，" +
      "或编号有误。请查看下方的条文目录和“来源说明”。";
    h1.parentNode.insertBefore(note, h1.nextSibling);
  }

  /* On a chapter page, #art_6 of an article the source lacks: the gap marker standing for it. */
  function gapMarker(id) {
    var m = ARTICLE.exec(id), key = m ? m[1] : id;
    var gaps = document.querySelectorAll(".md-content .article-gap[data-missing]");
    for (var i = 0; i < gaps.length; i++) {
      if (gaps[i].getAttribute("data-missing").split(" ").indexOf(key) >= 0) return gaps[i];
    }
    return null;
  }

  function clearHighlight() {
    var old = document.querySelectorAll(".is-target, .is-target-context");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("is-target", "is-target-context");
  }

  /* Arriving on an article's link highlights the article; on a paragraph's (款) or item's
     (项) link, that paragraph or item, with a quieter mark on its article's heading. */
  function highlight() {
    clearHighlight();
    if (!location.hash) return;
    var el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!el) {
      el = gapMarker(decodeURIComponent(location.hash.slice(1)));
      if (!el) return;
      el.scrollIntoView();
    }
    if (el.tagName === "H3" && el.classList.contains("article")) {
      el.classList.add("is-target");
      for (var n = el.nextElementSibling; n && !/^H[1-3]$/.test(n.tagName); n = n.nextElementSibling) {
        n.classList.add("is-target");
      }
      return;
    }
    el.classList.add("is-target");
    var heading = articleHeading(el);
    if (heading && heading !== el) heading.classList.add("is-target-context");
  }

  /* The page's table of contents marks the article arrived at (Material's scroll spy marks
     the last heading above the fold, which on a short page is a later article). */
  function markTocTarget() {
    if (!location.hash) return;
    var id = decodeURIComponent(location.hash.slice(1));
    var el = document.getElementById(id) || gapMarker(id);
    var head = el && (articleHeading(el) || el);
    if (!head || !head.id) return;
    var link = document.querySelector('.md-nav--secondary a.md-nav__link[href="#' + head.id + '"]');
    if (!link) return;
    var links = document.querySelectorAll(".md-nav--secondary a.md-nav__link");
    var passed = true;
    for (var i = 0; i < links.length; i++) {
      links[i].classList.remove("md-nav__link--active");
      if (links[i] === link) passed = false;
      links[i].classList.toggle("md-nav__link--passed", passed);
    }
    link.classList.add("md-nav__link--active");
  }

  function markTocSoon() {
    setTimeout(markTocTarget, 60);
    setTimeout(markTocTarget, 400);
  }

  /* A status shown as (现行)有效 becomes 已失效 once the expiry date has passed. */
  function statusByDate() {
    var today = new Date().toISOString().slice(0, 10);
    var badges = document.querySelectorAll(".status[data-expires]");
    for (var i = 0; i < badges.length; i++) {
      var exp = badges[i].getAttribute("data-expires");
      if (exp && exp < today && (badges[i].textContent === "有效" || badges[i].textContent === "现行有效")) {
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
      /* kept for tapShowsDefinitions: Material moves title= into its tooltip on hover */
      if (a.hasAttribute("title")) a.setAttribute("data-definition", a.getAttribute("title"));
    }
  }

  /* ------------------------------------------------------------ citations
     Articles, paragraphs (款) and items (项) each get 链接 and 引用 buttons: the public
     address (site_url + SLUG/index.html#eId, also in the offline bundle) and a citation in
     the reader's chosen style (official, the default, or academic; see README). */

  var CITE_STYLE_KEY = "regsite.citeStyle";

  function citeStyle() {
    try { return localStorage.getItem(CITE_STYLE_KEY) === "academic" ? "academic" : "official"; }
    catch (e) { return "official"; }
  }

  function setCiteStyle(style) {
    try { localStorage.setItem(CITE_STYLE_KEY, style); } catch (e) { /* private mode */ }
    refreshCitations();
  }

  /* numerals: assets/reghierarchy.js, loaded before this */
  function chineseNumber(n) {
    return window.regHierarchy.toChinese(n);
  }

  function publicUrl(id) {
    var base = meta("site-url").replace(/\/?$/, "/");
    return base + meta("doc") + "/index.html#" + id;
  }

  /* Every version with a date has a permanent address SLUG-vYYYY-MM-DD whose text never
     changes (docs-dev/versions.md); SLUG/ always shows the current text of the work. */
  function versionUrl(id) {
    var address = meta("address");
    if (!address) return publicUrl(id);
    return meta("site-url").replace(/\/?$/, "/") + address + "/index.html#" + id;
  }

  /* The current-law link of an element of this page: on the current text, the work's address;
     on an older text, the same article in the current text when 本条沿革 names it
     (data-current, writers/markdown.py), for a 款 or 项 only if the article's words did not
     change; null when the current text has no counterpart. */
  function currentUrl(heading, id) {
    var base = meta("site-url").replace(/\/?$/, "/"), work = meta("work") || meta("doc");
    if (meta("doc") === work) return {url: base + work + "/index.html#" + id, same: true};
    var hist = null;
    for (var el = heading.nextElementSibling; el && !/^H[1-3]$/.test(el.tagName); el = el.nextElementSibling) {
      if (el.classList.contains("article-history")) { hist = el; break; }
    }
    var anchor = hist && hist.getAttribute("data-current");
    if (!anchor) return null;
    var same = hist.getAttribute("data-current-kind") === "same";
    if (id !== heading.id) {
      if (!same) return null;
      anchor += id.slice(heading.id.length);
    }
    return {url: base + work + "/index.html#" + anchor, same: same};
  }

  /* 链接: with a permanent address, a small menu of the two links, each with its address
     shown and a button that copies it; without one, a button that copies the link. */
  function linkTool(heading, id, what) {
    if (!meta("address")) return copyButton("copy-link", "复制" + what + "链接", "链接", publicUrl(id));
    var toggle = copyButton("copy-link", "复制" + what + "链接：现行链接或本版本链接", "链接", null);
    toggle.setAttribute("aria-haspopup", "true");
    toggle.setAttribute("aria-expanded", "false");
    toggle.addEventListener("click", function (e) {
      e.stopPropagation();
      var open = toggle.parentNode.querySelector(".copy-menu");
      closeMenus();
      if (!open) openLinkMenu(toggle, heading, id, what);
    });
    /* Material mounts the tooltip on the first hover or focus: hidden too if that comes while open */
    function keepHidden() {
      setTimeout(function () { if (toggle.getAttribute("aria-expanded") === "true") hideTooltip(toggle, true); }, 0);
    }
    toggle.addEventListener("mouseenter", keepHidden);
    toggle.addEventListener("focus", keepHidden);
    return toggle;
  }

  /* The toggle's tooltip (its title, shown by Material's content.tooltips and tied to it by
     aria-describedby) would stand beside the open menu, which says more: hidden while open. */
  function hideTooltip(toggle, hide) {
    var tip = toggle.getAttribute("aria-describedby");
    tip = tip && document.getElementById(tip);
    if (tip) tip.classList.toggle("regsite-tooltip-hidden", hide);
  }

  function closeMenus(focusBack) {
    var menus = document.querySelectorAll(".md-content .copy-menu");
    for (var i = 0; i < menus.length; i++) {
      var t = menus[i].parentNode.querySelector(".copy-link");
      if (t) t.setAttribute("aria-expanded", "false");
      if (t) hideTooltip(t, false);
      menus[i].parentNode.removeChild(menus[i]);
      if (focusBack && t) t.focus();
    }
  }

  function openLinkMenu(toggle, heading, id, what) {
    var menu = document.createElement("span");
    menu.className = "copy-menu";
    menu.setAttribute("role", "group");
    menu.setAttribute("aria-label", what + "的两种链接");
    var label = meta("cite-version"), cur = currentUrl(heading, id);
    function row(cls, name, url, note) {
      var r = document.createElement("span");
      r.className = "copy-menu__row";
      var b = copyButton(cls, "复制" + name, name, url);
      var u = document.createElement("span");
      u.className = "copy-menu__url";
      u.textContent = url || "";
      var n = document.createElement("span");
      n.className = "copy-menu__note";
      n.textContent = note;
      r.appendChild(b);
      if (url) r.appendChild(u);
      r.appendChild(n);
      menu.appendChild(r);
    }
    if (cur) {
      row("copy-current", "现行链接", cur.url, meta("doc") === (meta("work") || meta("doc"))
          ? "总是打开现行文本的这一" + (what === "本条" ? "条" : what.slice(1)) + "：法规修改后，显示修改后的文字"
          : "现行文本中的对应条文" + (cur.same ? "（文字未变）" : "（文字已修改）"));
    } else {
      row("copy-current", "现行链接", null, "现行文本中没有可以确定的对应" + (what === "本条" ? "条文" : "位置"));
      menu.lastChild.querySelector("button").disabled = true;
    }
    row("copy-version", "本版本链接", versionUrl(id),
        "永远打开" + (label ? label.replace(/^（|）$/g, "") + "文本" : "这一版本") + "的这一" +
        (what === "本条" ? "条" : what.slice(1)) + "，文字永不改变");
    toggle.setAttribute("aria-expanded", "true");
    hideTooltip(toggle, true);
    toggle.parentNode.appendChild(menu);
    var first = menu.querySelector("button:not([disabled])");
    if (first) first.focus();
    menu.addEventListener("click", function (e) {
      /* the copy itself is Material's clipboard handler (data-clipboard-text); close after it */
      if (e.target.closest && e.target.closest("button")) setTimeout(function () { closeMenus(true); }, 0);
    });
  }

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && document.querySelector(".md-content .copy-menu")) closeMenus(true);
  });
  document.addEventListener("click", function (e) {
    if (!(e.target.closest && e.target.closest(".copy-menu"))) closeMenus(false);
  });

  /* The part of an eId below its article: art_8__para_2__point_1__point_3 ->
     {para: 2, points: [1, 3]}; null when a number was disambiguated (para_2-2) or the
     element is not a 款/项 of an article. */
  function subdivision(articleId, id) {
    if (id.indexOf(articleId + "__") !== 0) return null;
    var rest = id.slice(articleId.length + 2).split("__"), m = /^para_(\d+)$/.exec(rest[0]);
    if (!m) return null;
    var out = {para: +m[1], points: []};
    for (var i = 1; i < rest.length; i++) {
      var p = /^point_(\d+)$/.exec(rest[i]);
      if (!p) return null;
      out.points.push(+p[1]);
    }
    return out;
  }

  function paragraphCount(articleId) {
    var n = 0, re = new RegExp("^" + articleId.replace(/[-]/g, "\\-") + "__para_\\d+$");
    var h = document.getElementById(articleId);
    for (var el = h && h.nextElementSibling; el && !/^H[1-3]$/.test(el.tagName); el = el.nextElementSibling) {
      if (el.id && re.test(el.id)) n++;
    }
    return n;
  }

  /* 第三十一条第二款第一项 (official) or 第31条第2款第1项 (academic).  A 款 is named only when
     the article has more than one; the levels below an item are 目. */
  function citeLabel(heading, sub, style) {
    var academic = style === "academic";
    var label = (academic && heading.getAttribute("data-cite-arabic")) || heading.getAttribute("data-cite") || "";
    if (!sub) return label;
    var num = academic ? String : chineseNumber;
    if (paragraphCount(heading.id) > 1) label += "第" + num(sub.para) + "款";
    var names = ["项", "目"];
    for (var i = 0; i < sub.points.length; i++) label += "第" + num(sub.points[i]) + (names[i] || "目");
    return label;
  }

  function citation(heading, sub, id, style) {
    var title = meta("title");
    if (style === "academic") {
      var version = meta("version");
      return "《" + title.replace(/^中华人民共和国/, "") + "》" + citeLabel(heading, sub, style) +
        (version ? "（" + version + "）" : "") + " " + versionUrl(id);
    }
    /* the version cited, with its permanent address: 《…》（2017年修正）第二十条 */
    return "《" + title + "》" + meta("cite-version") + citeLabel(heading, sub, style) + " " + versionUrl(id);
  }

  /* GB/T 7714 reference entry for the whole document, as an online resource:
     责任者. 题名[Z/OL]. (更新或发布日期)[引用日期]. 获取和访问路径. */
  function referenceEntry() {
    var issuer = meta("issuer"), date = meta("date");
    var today = new Date().toISOString().slice(0, 10);
    var base = meta("site-url").replace(/\/?$/, "/");
    return (issuer ? issuer + ". " : "") + meta("title") + "[Z/OL]. " +
      (date ? "(" + date + ")" : "") + "[" + today + "]. " + base + meta("doc") + "/index.html.";
  }

  function addArticleTools() {
    if (!meta("doc")) return;
    var headings = document.querySelectorAll(".md-content h3.article[id]");
    for (var i = 0; i < headings.length; i++) {
      var h = headings[i];
      if (!h.querySelector(".article-tools")) {
        var tools = document.createElement("span");
        tools.className = "article-tools";
        tools.appendChild(linkTool(h, h.id, "本条"));
        tools.appendChild(copyButton("copy-cite", "复制本条引文", "引用", ""));
        h.appendChild(tools);
      }
      addParagraphTools(h);
    }
    refreshCitations();
  }

  /* The 款 and 项 of one article: buttons shown on hover, focus or tap (CSS). */
  function addParagraphTools(h) {
    for (var el = h.nextElementSibling; el && !/^H[1-3]$/.test(el.tagName); el = el.nextElementSibling) {
      if (el.tagName !== "P" || !el.id || el.querySelector(".para-tools")) continue;
      var sub = subdivision(h.id, el.id);
      if (!sub) continue;
      var what = sub.points.length ? "本项" : "本款";
      var tools = document.createElement("span");
      tools.className = "para-tools";
      tools.appendChild(linkTool(h, el.id, what));
      tools.appendChild(copyButton("copy-cite", "复制" + what + "引文", "引用", ""));
      el.appendChild(tools);
    }
  }

  /* Citation buttons carry the text of the current style. */
  function refreshCitations() {
    var style = citeStyle();
    var buttons = document.querySelectorAll(".md-content .copy-cite");
    for (var i = 0; i < buttons.length; i++) {
      var b = buttons[i], owner = b.parentNode.parentNode;
      var h = owner.tagName === "H3" ? owner : articleHeading(owner);
      if (!h) continue;
      var sub = owner === h ? null : subdivision(h.id, owner.id);
      b.setAttribute("data-clipboard-text", citation(h, sub, owner.id, style));
    }
    var pickers = document.querySelectorAll(".cite-style input");
    for (var j = 0; j < pickers.length; j++) pickers[j].checked = pickers[j].value === style;
    var examples = document.querySelectorAll(".doc-cite [data-cite-example]");
    for (var k = 0; k < examples.length; k++) {
      var which = examples[k].getAttribute("data-cite-example");
      examples[k].textContent = which === "reference" ? referenceEntry() : "";
    }
  }

  function articleHeading(el) {
    var m = ARTICLE.exec(el.id || "");
    return m ? document.getElementById(m[1]) : null;
  }

  /* On a document's landing page: the citation style picker and the GB/T 7714 entry. */
  function addCitationBox() {
    if (pageKind() !== "document" || !meta("doc") || document.querySelector(".doc-cite")) return;
    var table = document.querySelector(".md-content table");
    if (!table) return;
    var box = document.createElement("div");
    box.className = "doc-cite";
    box.innerHTML =
      '<p class="cite-style"><span>引用格式：</span>' +
      '<label><input type="radio" name="cite-style" value="official"> 规范引用（汉字数字）</label> ' +
      '<label><input type="radio" name="cite-style" value="academic"> 学术引用（阿拉伯数字、版本）</label></p>' +
      '<p class="cite-reference"><span>参考文献（GB/T 7714）：</span><span data-cite-example="reference"></span> </p>';
    var wrap = table.closest(".md-typeset__scrollwrap") || table;
    wrap.parentNode.insertBefore(box, wrap.nextSibling);
    var ref = box.querySelector("[data-cite-example]");
    var copy = copyButton("copy-reference", "复制参考文献条目", "复制", "");
    box.querySelector(".cite-reference").appendChild(copy);
    box.addEventListener("change", function (e) { if (e.target.name === "cite-style") setCiteStyle(e.target.value); });
    refreshCitations();
    copy.setAttribute("data-clipboard-text", ref.textContent);
  }

  /* Touch screens have no hover: a tap on a 款 or 项 shows its buttons. */
  function tapShowsParagraphTools() {
    document.addEventListener("click", function (e) {
      if (!window.matchMedia || !window.matchMedia("(hover: none)").matches) return;
      var p = e.target.closest && e.target.closest(".md-content p");
      if (!p || !p.querySelector(".para-tools") || e.target.closest("a, button")) return;
      var shown = document.querySelectorAll(".md-content p.show-tools");
      for (var i = 0; i < shown.length; i++) if (shown[i] !== p) shown[i].classList.remove("show-tools");
      p.classList.toggle("show-tools");
    });
  }

  /* Touch screens: a tap on a defined term opens its definition under it; a second tap on
     the term, or the popup's link, goes to the defining article. */
  function tapShowsDefinitions() {
    var open = null, popup = null;
    function close() {
      if (popup) popup.remove();
      if (open) open.classList.remove("term-open");
      popup = open = null;
    }
    document.addEventListener("click", function (e) {
      if (!window.matchMedia || !window.matchMedia("(hover: none)").matches) return;
      var a = e.target.closest && e.target.closest(".md-content a.term");
      if (e.target.closest && e.target.closest(".term-popup")) return;
      if (!a || a === open) { close(); return; }
      var text = a.getAttribute("data-definition") || a.getAttribute("title") || "";
      if (!text) return;
      e.preventDefault();
      close();
      open = a;
      a.classList.add("term-open");
      popup = document.createElement("div");
      popup.className = "term-popup";
      popup.setAttribute("role", "tooltip");
      popup.textContent = text;
      var go = document.createElement("a");
      go.href = a.href;
      go.textContent = "查看定义所在条文 →";
      popup.appendChild(go);
      document.body.appendChild(popup);
      var r = a.getBoundingClientRect(), w = popup.offsetWidth;
      popup.style.top = (window.scrollY + r.bottom + 6) + "px";
      popup.style.left = Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - w - 8)) + "px";
    }, true);
  }

  function copyButton(cls, label, text, value) {
    var b = document.createElement("button");
    b.className = "article-copy " + cls;
    b.type = "button";
    b.title = label;
    b.setAttribute("aria-label", label);
    b.setAttribute("data-label", text);      /* shown by CSS, so copied text never includes it */
    if (value !== null) b.setAttribute("data-clipboard-text", value);
    return b;
  }

  /* ------------------------------------------------------------ citation previews on touch screens
     A citation of another instrument (a.cite) carries the cited text in its title, shown on
     hover.  Touch screens have no hover: the first tap shows that text in a box under the
     link (with 打开 to follow it), a second tap on the same link follows it (defined terms:
     tapShowsDefinitions).  Kept apart from the other tools (issue 15). */
  var previews = window.WeakMap ? new WeakMap() : null;
  function keepPreviewTexts() {
    /* Material moves titles into its tooltips (and mounts none on a link whose attributes
       changed first), so the texts are kept here, not on the links */
    if (!previews) return;
    var links = document.querySelectorAll(".md-content a.cite");
    for (var i = 0; i < links.length; i++) {
      var t = links[i].getAttribute("title");
      if (t) previews.set(links[i], t);
    }
  }

  function tapShowsLinkPreview() {
    var box = null, armed = null;
    function close() {
      if (box) { box.parentNode.removeChild(box); box = null; }
      armed = null;
    }
    document.addEventListener("click", function (e) {
      if (!window.matchMedia || !window.matchMedia("(hover: none)").matches) return;
      var a = e.target.closest && e.target.closest(".md-content a.cite");
      if (!a) { if (box && !(e.target.closest && e.target.closest(".link-preview"))) close(); return; }
      var text = (previews && previews.get(a)) || a.getAttribute("title");
      if (!text || a === armed) { close(); return; }     /* second tap: follow the link */
      e.preventDefault();
      close();
      box = document.createElement("div");
      box.className = "link-preview";
      box.setAttribute("role", "note");
      var p = document.createElement("p");
      p.textContent = text;
      var go = document.createElement("a");
      go.href = a.href;
      go.textContent = "打开";
      box.appendChild(p);
      box.appendChild(go);
      var r = a.getBoundingClientRect();
      box.style.top = (window.scrollY + r.bottom + 4) + "px";
      document.body.appendChild(box);
      armed = a;
    });
  }

  /* ------------------------------------------------------------ 404 of a version address
     SLUG-v1999-01-01/… names a version the site does not have: the 404 page says so, names
     the work and lists the versions it has (version-table.js, written by the build,
     writers/site.version_table), never showing another version in its place.  Over HTTP
     only: from file:// the browser shows its own error for a missing file. */
  function versionNotFound() {
    var box = document.querySelector(".version-notfound"), table = window.regsiteVersions;
    if (!box || !table) return;
    var parts = location.pathname.split("/");
    for (var i = 0; i < parts.length; i++) {
      var seg = decodeURIComponent(parts[i]), cut = seg.lastIndexOf("-v");
      for (; cut > 0; cut = seg.lastIndexOf("-v", cut - 1)) {
        var work = seg.slice(0, cut);
        if (Object.prototype.hasOwnProperty.call(table, work)) {
          showVersionNotFound(box, work, table[work], seg.slice(cut + 2),
                              parts.slice(0, i).join("/") + "/", parts.slice(i + 1).join("/"));
          return;
        }
      }
    }
  }

  function showVersionNotFound(box, work, entry, date, root, rest) {
    var title = entry[0], rows = entry[1], hash = location.hash;
    var valid = /^\d{4}-\d{2}-\d{2}$/.test(date) && !isNaN(new Date(date + "T00:00:00Z")) &&
      new Date(date + "T00:00:00Z").toISOString().slice(0, 10) === date;
    var have = null;
    for (var i = 0; i < rows.length; i++) if (rows[i][1] === work + "-v" + date) have = rows[i];
    function el(tag, text, cls) {
      var e = document.createElement(tag);
      if (text) e.textContent = text;
      if (cls) e.className = cls;
      return e;
    }
    function link(href, text) { var a = el("a", text); a.href = href; return a; }
    box.innerHTML = "";
    var generic = document.querySelectorAll(".notfound-generic");
    for (var g = 0; g < generic.length; g++) generic[g].hidden = true;
    if (have) {
      box.appendChild(el("h1", "这一版本没有这个页面"));
      var p0 = el("p", "《" + title + "》" + have[2] + "的文本在本站，但没有“" + rest + "”这一页。");
      p0.appendChild(document.createTextNode("请从该版本的首页进入："));
      p0.appendChild(link(root + have[1] + "/index.html" + hash, "《" + title + "》" + have[2]));
      box.appendChild(p0);
    } else {
      box.appendChild(el("h1", "本站没有这一版本的文本"));
      box.appendChild(el("p", valid
        ? "地址所指的是《" + title + "》版本日期为 " + date + " 的文本。本站没有该文件这一日期的文本，也不会以其他版本代替。"
        : "地址中的版本日期“" + date + "”不是有效的日期（应写作 YYYY-MM-DD，如 2017-09-01）。本站没有《" + title +
          "》这一日期的文本，也不会以其他版本代替。"));
      if (rows.length) {
        box.appendChild(el("p", "本站收录的《" + title + "》版本（永久地址）："));
        var ul = el("ul", "", "version-notfound__list");
        for (var j = 0; j < rows.length; j++) {
          var li = el("li");
          li.appendChild(link(root + rows[j][1] + "/index.html" + hash, "《" + title + "》" + rows[j][2]));
          li.appendChild(document.createTextNode("　版本日期 " + rows[j][0] + "，" + rows[j][3]));
          ul.appendChild(li);
        }
        box.appendChild(ul);
      } else {
        box.appendChild(el("p", "本站所收的这一文件没有可以确定版本的日期，因此没有按日期命名的永久地址。"));
      }
    }
    var p1 = el("p", "现行文本总在：");
    p1.appendChild(link(root + work + "/index.html" + hash, "《" + title + "》（" + work + "/）"));
    box.appendChild(p1);
    box.hidden = false;
  }

  /* ------------------------------------------------------------ print
     The printed footer (partials/print-footer.html) gives the page's address and the day
     it was printed. */
  function stampPrintDate() {
    var d = new Date(), pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var text = "　打印日期：" + d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
    var spans = document.querySelectorAll(".print-footer .print-date");
    for (var i = 0; i < spans.length; i++) spans[i].textContent = text;
  }
  window.addEventListener("beforeprint", stampPrintDate);

  copyTitles();
  keepPreviewTexts();
  tapShowsLinkPreview();
  addArticleTools();
  addCitationBox();
  tapShowsParagraphTools();
  tapShowsDefinitions();

  versionNotFound();

  function init() {
    if (forwardFromLanding()) return;
    highlight();
    markTocSoon();
    statusByDate();
    stampPrintDate();
  }
  window.addEventListener("hashchange", function () {
    if (!forwardFromLanding()) { highlight(); markTocSoon(); }
  });
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
