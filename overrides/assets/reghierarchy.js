/* Chinese numerals and the reading of a citation (第三十一条之一第二款第（三）项) for the site's
 * scripts (regsite.js, regsearch.js): the mirror of build_tools/numerals.py and
 * build_tools/hierarchy.py, checked against them by tests/test_hierarchy.py.
 *
 * window.regHierarchy.toChinese(1002) -> "一千零二"
 * window.regHierarchy.toInt("一千零二") -> 1002 (NaN when it is no numeral)
 * window.regHierarchy.citation("《…》第三十一条第二款") ->
 *   {title, number, suffix, para, item, sub} (0 for a level not cited) or null
 */
(function () {
  "use strict";
  var CN = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9};
  var UNITS = {"十": 10, "百": 100, "千": 1000};

  function toInt(s) {
    if (/^\d+$/.test(s)) return parseInt(s, 10);
    var total = 0, section = 0, num = 0;
    for (var i = 0; i < s.length; i++) {
      var ch = s[i];
      if (ch in CN) { num = CN[ch]; continue; }
      if (ch === "万") { total = (total + section + num) * 10000; section = 0; num = 0; continue; }
      var unit = UNITS[ch];
      if (!unit) return NaN;
      section += (num || (unit === 10 ? 1 : 0)) * unit; num = 0;
    }
    return total + section + num;
  }

  var DIGITS = "零一二三四五六七八九";
  /* 0 < n < 10000; lead: n starts the numeral (10 is 十 there, 一十 after 万) */
  function belowTenThousand(n, lead) {
    var units = ["", "十", "百", "千"], out = "", zero = false, s = String(n);
    for (var i = 0; i < s.length; i++) {
      var d = +s[i], u = units[s.length - 1 - i];
      if (d === 0) { zero = true; continue; }
      if (zero && out) out += "零";
      zero = false;
      out += (d === 1 && u === "十" && !out && lead ? "" : DIGITS[d]) + u;
    }
    return out;
  }

  function toChinese(n) {
    if (n === 0) return "零";
    if (n < 10000) return belowTenThousand(n, true);
    var low = n % 10000;
    return toChinese(Math.floor(n / 10000)) + "万" +
      (low ? (low < 1000 ? "零" : "") + belowTenThousand(low, false) : "");
  }

  /* numerals.NUM; the levels as in hierarchy.REFERENCE from the article down */
  var NUM = "[零〇一二三四五六七八九十百千万亿两]+|[0-9]+";
  var CITE = new RegExp("^(?:《([^》]+)》|(\\S*?))\\s*第(" + NUM + ")条(?:之(" + NUM + "))?" +
                        "(?:第(" + NUM + ")款)?(?:第[（(](" + NUM + ")[）)]项|第(" + NUM + ")项)?" +
                        "(?:第(" + NUM + ")目)?$");

  function citation(query) {
    var m = CITE.exec(query.replace(/\s+/g, " ").trim());
    if (!m) return null;
    var n = function (s) { return s ? toInt(s) : 0; };
    return {title: m[1] || m[2] || "", number: n(m[3]), suffix: n(m[4]), para: n(m[5]),
            item: n(m[6] || m[7]), sub: n(m[8])};
  }

  window.regHierarchy = {toInt: toInt, toChinese: toChinese, citation: citation};
})();
