/* Exact search over the regulation site (see build_tools/writers/search_index.py).
 *
 * window.regSearch(query) -> Promise of every matching result, ranked:
 *   {slug, anchor, title, label, page, snippet, kind}   (anchor null for a title hit)
 * A query of Chinese text finds exactly the articles containing it; space-separated
 * terms must all occur.  Citations (第三十一条, 《…》第三十一条, 算力条例 第31条) jump.
 * Index files are scripts, so it works over HTTP and from file:// alike.
 */
(function () {
  "use strict";
  var scriptSrc = (document.currentScript && document.currentScript.src) || "";
  var ROOT = scriptSrc.replace(/assets\/regsearch\.js(\?.*)?$/, "");
  var cache = {}, waiting = {};
  var bytesLoaded = 0;

  window.__regsearch = function (name, data) {
    cache[name] = data;
    (waiting[name] || []).forEach(function (w) { w.resolve(data); });
    delete waiting[name];
  };

  function load(name) {
    if (cache[name]) return Promise.resolve(cache[name]);
    return new Promise(function (resolve, reject) {
      if (waiting[name]) { waiting[name].push({resolve: resolve, reject: reject}); return; }
      waiting[name] = [{resolve: resolve, reject: reject}];
      var s = document.createElement("script");
      s.src = ROOT + "search/" + name + ".js";
      s.async = true;
      s.onload = function () { bytesLoaded += 0; };
      s.onerror = function () {
        (waiting[name] || []).forEach(function (w) { w.reject(new Error("index " + name)); });
        delete waiting[name];
      };
      document.head.appendChild(s);
    });
  }

  /* ---------------------------------------------------------------- text */

  /* one character to one character (offsets carry over); a regular expression touches only
     the characters that change, which is most of the time spent on a long result list */
  var NORM_RE = /[\uFF01-\uFF5E\u3000A-Z]/g;
  function normChar(ch) {
    var c = ch.charCodeAt(0);
    if (c === 0x3000) return " ";
    if (c >= 0xFF01) c -= 0xFEE0;
    if (c >= 65 && c <= 90) c += 32;
    return String.fromCharCode(c);
  }
  function norm(text) {
    return text.replace(NORM_RE, normChar);
  }

  function hash(gram) {
    var h = 0;
    for (var i = 0; i < gram.length; i++) h = (Math.imul(h, 31) + gram.charCodeAt(i)) >>> 0;
    return h;
  }

  function grams(term) {
    if (term.length === 1) return [term];
    var out = [];
    for (var i = 0; i + 1 < term.length; i++) out.push(term.slice(i, i + 2));
    return out;
  }

  function decode(b64) {
    var bin = atob(b64), out = [], prev = -1, n = 0, shift = 0;
    for (var i = 0; i < bin.length; i++) {
      var b = bin.charCodeAt(i);
      n |= (b & 0x7F) << shift;
      if (b & 0x80) { shift += 7; continue; }
      prev = prev + n + 1; out.push(prev); n = 0; shift = 0;
    }
    return out;
  }

  /* numbers stored as themselves (meta.info), varint + base64 */
  function varints(b64) {
    var bin = atob(b64), out = [], n = 0, shift = 0;
    for (var i = 0; i < bin.length; i++) {
      var b = bin.charCodeAt(i);
      n |= (b & 0x7F) << shift;
      if (b & 0x80) { shift += 7; continue; }
      out.push(n); n = 0; shift = 0;
    }
    return out;
  }

  /* meta.js with its per-document numbers decoded: lapsed[i] (1 when superseded, repealed or
     expired) and tlen[i] (the title's length) */
  function loadMeta() {
    return load("meta").then(function (meta) {
      if (!meta.lapsed) {
        var lapsed = [], tlen = [];
        varints(meta.info).forEach(function (x, i) { lapsed[i] = x & 1; tlen[i] = x >> 1; });
        meta.lapsed = lapsed; meta.tlen = tlen;
      }
      return meta;
    });
  }

  function shardOf(meta, key) { return "g" + (hash(key) % meta.shards); }

  /* [slug, title, kind, status] of document n */
  function head(meta, n) {
    var k = Math.floor(n / meta.tchunk);
    return load("t" + k).then(function (chunk) { return chunk[n - k * meta.tchunk]; });
  }

  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; }
      else if (a[i] < b[j]) i++; else j++;
    }
    return out;
  }

  /* numerals and the reading of a citation: assets/reghierarchy.js, loaded before this */
  var H = window.regHierarchy;

  function escapeHtml(s) {
    return s.replace(/[&<>"]/g, function (c) { return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]; });
  }

  function snippet(text, ntext, terms) {
    var first = ntext.indexOf(terms[0]);
    var start = Math.max(0, first - 24), end = Math.min(text.length, first + terms[0].length + 60);
    var marks = [];
    terms.forEach(function (t) {
      for (var p = ntext.indexOf(t, start); p >= 0 && p < end; p = ntext.indexOf(t, p + t.length)) marks.push([p, p + t.length]);
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var out = start > 0 ? "…" : "", pos = start;
    marks.forEach(function (m) {
      if (m[0] < pos) return;
      out += escapeHtml(text.slice(pos, m[0])) + "<mark>" + escapeHtml(text.slice(m[0], Math.min(m[1], end))) + "</mark>";
      pos = Math.min(m[1], end);
    });
    out += escapeHtml(text.slice(pos, end)) + (end < text.length ? "…" : "");
    return out.replace(/\n/g, " ");
  }

  /* ---------------------------------------------------------------- citations */

  /* 《…》第三十一条之一第二款第三项第1目; the document part, 之, 款, 项 and 目 are optional. */
  function citation(query) {
    var c = H.citation(query);
    if (!c || !c.number) return null;
    var number = c.number, suffix = c.suffix;
    var anchor = "art_" + number + (suffix ? "-" + suffix : "");
    var label = "第" + H.toChinese(number) + "条" + (suffix ? "之" + H.toChinese(suffix) : "");
    /* 款, 项, 目: the eId below the article (an item cited without its 款 is in the first) */
    var para = c.para, point = c.item, sub = c.sub;
    var below = "";
    if (para || point) below = "__para_" + (para || 1);
    if (point) below += "__point_" + point + (sub ? "__point_" + sub : "");
    if (para) label += "第" + H.toChinese(para) + "款";
    if (point) label += "第" + H.toChinese(point) + "项" + (sub ? "第" + H.toChinese(sub) + "目" : "");
    return {anchor: anchor, below: below, label: label, titlePart: c.title};
  }

  /* -> Promise of the documents a citation names (at most 5, the title given exactly first,
     then the titles holding its characters in order), of the page's own document when it
     names none, or null off a document page.  Only the title chunks of documents whose
     title holds every character of the name are loaded. */
  function citedDocs(cite, meta) {
    if (!cite) return Promise.resolve([]);
    var titlePart = cite.titlePart;
    if (!titlePart) {
      var here = document.querySelector('meta[name="regsite:doc"]');
      if (!here) return Promise.resolve(null);
      return load(shardOf(meta, here.content)).then(function (shard) {
        var n = shard[2][here.content];
        return n === undefined ? [] : [n];
      });
    }
    var want = titlePart.replace(/^中华人民共和国/, ""), chars = {};
    for (var c = 0; c < want.length; c++) if (!/\s/.test(want[c])) chars[norm(want[c])] = true;
    var keys = Object.keys(chars);
    return Promise.all(keys.map(function (ch) { return load(shardOf(meta, ch)); })).then(function () {
      var cands = null;
      keys.forEach(function (ch) {
        var p = cache[shardOf(meta, ch)][1][ch], docs = p ? decode(p) : [];
        cands = cands === null ? docs : intersect(cands, docs);
      });
      if (cands === null) { cands = []; for (var i = 0; i < meta.docs; i++) cands.push(i); }
      var lengths = {};
      lengths[titlePart.length] = lengths[want.length] = lengths[want.length + 7] = true;
      var exactCands = cands.filter(function (n) { return lengths[meta.tlen[n]]; });
      return Promise.all(exactCands.map(function (n) { return head(meta, n); })).then(function (heads) {
        var exact = [];
        heads.forEach(function (h, j) {
          var t = h[1];
          if (t === titlePart || t.replace(/^中华人民共和国/, "") === want) exact.unshift(exactCands[j]);
        });
        var found = exact.slice(), pos = 0, isExact = {};
        exact.forEach(function (n) { isExact[n] = true; });
        function more() {
          if (found.length >= 5 || pos >= cands.length) return Promise.resolve(found.slice(0, 5));
          var batch = cands.slice(pos, pos + 16); pos += 16;
          return Promise.all(batch.map(function (n) { return head(meta, n); })).then(function (hs) {
            hs.forEach(function (h, j) {
              var t = h[1], k = 0;
              if (isExact[batch[j]]) return;
              for (var i = 0; i < t.length && k < want.length; i++) if (t[i] === want[k]) k++;
              if (k === want.length) found.push(batch[j]);
            });
            return more();
          });
        }
        return more();
      });
    });
  }

  /* The text of the cited 款 / 项 within an article's record ("label text\ntext…", one line
     per paragraph or item), or "" when the article has no such paragraph or item: the
     result then jumps to the article.  Items are the lines numbered （一） / 1．. */
  function citedPart(text, cite) {
    if (!cite.below) return "";
    var lines = text.replace(/^\S+ /, "").split("\n"), para = 0, item = 0, m;
    var want = /__para_(\d+)(?:__point_(\d+))?/.exec(cite.below);
    for (var i = 0; i < lines.length; i++) {
      if ((m = /^（([一二三四五六七八九十]+)）/.exec(lines[i]))) {
        item = H.toInt(m[1]);
        if (para === +want[1] && want[2] && item === +want[2]) return lines[i];
      } else if (/^\d+[．.]/.test(lines[i])) {
        continue;
      } else {
        para++; item = 0;
        if (para === +want[1] && !want[2]) return lines[i];
      }
    }
    return "";
  }

  /* ---------------------------------------------------------------- search */

  function search(query, onPartial) {
    var raw = query.trim();
    if (!raw) return Promise.resolve([]);
    var terms = norm(raw).split(/\s+/).filter(Boolean);
    return loadMeta().then(function (meta) {
      var cite = citation(raw);
      var citeResults = [];
      var needed = {};
      terms.forEach(function (t) { grams(t).forEach(function (g) { needed[g] = shardOf(meta, g); }); });
      var shardNames = Object.keys(needed).map(function (g) { return needed[g]; })
        .filter(function (v, i, a) { return a.indexOf(v) === i; });
      return Promise.all([citedDocs(cite, meta), Promise.all(shardNames.map(load))]).then(function (got) {
        var citeDocs = got[0] || [];
        /* documents holding every gram, and those whose title does (a subset) */
        var candidates = null, titled = null;
        Object.keys(needed).forEach(function (g) {
          var shard = cache[needed[g]];
          var docs = shard[0][g] ? decode(shard[0][g]) : [];
          var inTitle = shard[1][g] ? decode(shard[1][g]) : [];
          candidates = candidates === null ? docs : intersect(candidates, docs);
          titled = titled === null ? inTitle : intersect(titled, inTitle);
        });
        candidates = candidates || [];
        titled = titled || [];
        /* a superseded, repealed or expired text ranks after the texts in force; among
           titles, the shortest first (Array.prototype.sort is stable) */
        var late = meta.lapsed;
        titled.sort(function (a, b) { return (late[a] - late[b]) || (meta.tlen[a] - meta.tlen[b]); });
        var seen = {}, order = [];
        citeDocs.concat(titled, candidates).forEach(function (n) { if (!seen[n]) { seen[n] = true; order.push(n); } });
        var titles = [], defs = [], arts = [];
        var byDoc = {}, docNum = {}, statusOf = {};
        function finish() {
          titles.sort(function (a, b) { return (late[a.doc] - late[b.doc]) || (a.title.length - b.title.length); });
          defs.sort(function (a, b) { return (late[a.doc] - late[b.doc]) || (b.score - a.score); });
          var docBest = {};
          arts.forEach(function (r) { docBest[r.slug] = Math.max(docBest[r.slug] || 0, r.score); });
          arts.sort(function (a, b) {
            return (late[a.doc] - late[b.doc]) ||
                   (docBest[b.slug] - docBest[a.slug]) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0) ||
                   (b.score - a.score) || (a.order - b.order);
          });
          /* an article a citation already jumps to is not listed a second time */
          var cited = {};
          citeResults.forEach(function (c) { cited[c.slug + "#" + c.article] = true; });
          var notCited = function (r) { return !cited[r.slug + "#" + r.anchor]; };
          return citeResults.concat(titles, defs.filter(notCited), arts.filter(notCited)).map(function (r) {
            return {slug: r.slug, anchor: r.anchor, title: r.title, label: r.label, page: r.page,
                    snippet: r.snippet, kind: r.kind, count: byDoc[r.slug] || 0,
                    status: late[docNum[r.slug]] ? statusOf[r.slug] : ""};
          });
        }
        var i = 0, size = 4, reported = 0, found = 0;
        function next() {
          if (i >= order.length) return Promise.resolve(finish());
          var batch = order.slice(i, i + size); i += size;
          size = Math.min(size * 2, 48);      /* small first (the first results), then wider */
          return Promise.all(batch.map(function (n) { return load("d" + n); })).then(function () {
            batch.forEach(function (n) {
              var dd = cache["d" + n], d = dd.h, recs = dd.r;
              docNum[d[0]] = n; statusOf[d[0]] = d[3] || "";
              var nt0 = norm(d[1]);
              if (terms.every(function (x) { return nt0.indexOf(x) >= 0; })) {
                titles.push({doc: n, slug: d[0], anchor: null, title: d[1], label: d[2] + " · " + d[3],
                             page: d[0] + "/index.html", snippet: snippet(d[1], nt0, terms), kind: "title"});
                found++;
              }
              if (cite && citeDocs.indexOf(n) >= 0) {
                recs.forEach(function (r) {
                  if (r[0] === cite.anchor || r[0].slice(-cite.anchor.length - 2) === "__" + cite.anchor) {
                    var part = citedPart(r[3], cite), below = part ? cite.below : "";
                    var shown = part || r[3];
                    citeResults.push({slug: d[0], anchor: r[0] + below, title: d[1],
                                      label: r[1] + (below ? " " + cite.label.replace(/^第.*?条(之[一二三四五六七八九十]+)?/, "") : ""),
                                      page: d[0] + "/" + r[2] + ".html", article: r[0],
                                      snippet: escapeHtml(shown.slice(0, 90)) + (shown.length > 90 ? "…" : ""),
                                      kind: "citation", score: 0});
                    found++;
                  }
                });
              }
              recs.forEach(function (r, k) {
                var nt = norm(r[3]), count = 0;
                for (var t = 0; t < terms.length; t++) {
                  var c = 0;
                  for (var p = nt.indexOf(terms[t]); p >= 0; p = nt.indexOf(terms[t], p + terms[t].length)) c++;
                  if (!c) return;
                  count += c;
                }
                var isDef = r[4].some(function (x) { return norm(x) === terms.join(" "); });
                var labelHit = norm(r[1]) === terms.join(" ") ? 1000 : 0;
                var res = {doc: n, slug: d[0], anchor: r[0], title: d[1], label: r[1], page: d[0] + "/" + r[2] + ".html", order: k,
                           snippet: snippet(r[3], nt, terms), kind: isDef ? "definition" : "article",
                           score: labelHit + count * 10 - nt.length / 1000};
                byDoc[d[0]] = (byDoc[d[0]] || 0) + 1;
                (isDef ? defs : arts).push(res);
                found++;
              });
            });
            /* the results so far: as soon as there are some, then at most every 300 ms (each
               report sorts everything found so far) */
            if (onPartial && found && (!reported || performance.now() - reported > 300)) {
              var partial = finish();
              partial.searched = Math.min(i, order.length); partial.candidates = order.length;
              onPartial(partial);
              reported = performance.now();
            }
            return next();
          });
        }
        return next();
      });
    });
  }

  window.regSearch = function (query) { return search(query); };
  /* The same, calling onPartial(results so far) as documents are loaded (for the UI and tests). */
  window.regSearchProgress = function (query, onPartial) { return search(query, onPartial); };

  /* ---------------------------------------------------------------- UI */

  function href(r) {
    return ROOT + r.page + (r.anchor ? "#" + r.anchor : "");
  }

  function render(list, meta, results, query, done) {
    var shown = results.slice(0, 60);
    if (!results.length) {
      meta.textContent = done ? "没有找到符合条件的结果" : "正在检索 …";
      list.innerHTML = "";
      return;
    }
    meta.textContent = (done ? "" : "已找到 ") + results.length + " 个符合条件的结果" +
      (done ? "" : "（检索中：已查 " + results.searched + " / " + results.candidates + " 个可能含有检索词的文件）");
    var html = "", lastSlug = null;
    shown.forEach(function (r) {
      var head = "";
      if (r.kind === "article" && r.slug !== lastSlug) {
        head = '<div class="regsearch-group">' + escapeHtml(r.title) +
          (r.status ? '<span class="regsearch-lapsed">' + escapeHtml(r.status) + "</span>" : "") +
          '<span class="regsearch-count">' + r.count + " 处</span></div>";
      }
      lastSlug = r.kind === "article" ? r.slug : null;
      var tag = {title: "文件", definition: "定义", citation: "条文"}[r.kind];
      html += '<li class="md-search-result__item regsearch-' + r.kind + '">' + head +
        '<a href="' + escapeHtml(href(r)) + '" class="md-search-result__link" tabindex="-1">' +
        '<article class="md-search-result__article md-typeset">' +
        "<h1>" + (tag ? '<span class="regsearch-tag">' + tag + "</span>" : "") +
        escapeHtml(r.kind === "title" ? r.title : r.label) +
        (r.kind !== "title" ? ' <small>《' + escapeHtml(r.title) + "》</small>" : "") + "</h1>" +
        "<p>" + r.snippet + "</p></article></a></li>";
    });
    if (results.length > shown.length) {
      html += '<li class="md-search-result__item regsearch-more">另有 ' + (results.length - shown.length) + " 个结果未显示，请输入更多文字缩小范围</li>";
    }
    list.innerHTML = html;
  }

  function initUI() {
    var input = document.querySelector(".regsearch .md-search__input");
    if (!input || input.dataset.bound) return;
    input.dataset.bound = "1";
    var toggle = document.getElementById("__search");
    var list = document.querySelector(".regsearch .md-search-result__list");
    var meta = document.querySelector(".regsearch .md-search-result__meta");
    var seq = 0, timer = null;
    function run() {
      var q = input.value, my = ++seq;
      if (!q.trim()) { meta.textContent = "请输入要检索的文字"; list.innerHTML = ""; return; }
      search(q, function (partial) { if (my === seq) render(list, meta, partial, q, false); })
        .then(function (all) { if (my === seq) render(list, meta, all, q, true); })
        .catch(function () { if (my === seq) meta.textContent = "检索索引无法加载"; });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 120); });
    input.addEventListener("focus", function () { if (toggle) toggle.checked = true; });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter") {
        e.preventDefault();
        var first = list.querySelector("a");
        if (first) location.href = first.href;
      } else if (e.key === "Escape") {
        if (toggle) toggle.checked = false;
        input.blur();
      }
    });
    var form = input.form;
    if (form) form.addEventListener("reset", function () { setTimeout(run, 0); });
    document.addEventListener("keydown", function (e) {
      if ((e.key === "/" || e.key === "s") && document.activeElement !== input &&
          !/INPUT|TEXTAREA/.test(document.activeElement.tagName)) {
        e.preventDefault(); input.focus();
      }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initUI);
  else initUI();
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(initUI);
})();
