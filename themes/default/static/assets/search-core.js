/* shian search core: the tokenizer, hashing, id lists, scoring and snippets of the site search, as
   pure functions (no DOM), following docs/search-format.md (version 1) to the letter: the indexer in
   src/search/ tokenizes and hashes the same way, and tests/search-vectors.json holds vectors both
   sides check. A classic script loaded with defer before search.js, which uses
   window.shianSearchCore; under Node (the tests) it is also module.exports. ES5 for old webviews. */
(function (global) {
  'use strict';
  var WORD_MAX = 40, SNIPPET_WIDTH = 90, ELLIPSIS = '\u2026';

  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  // Step 1: full-width ASCII becomes ASCII, A-Z become a-z. Both map a BMP code point to a BMP one,
  // so a normalised string keeps every UTF-16 offset of the original (the snippets rely on it).
  function normalise(cp) {
    if (cp >= 0xFF01 && cp <= 0xFF5E) { cp -= 0xFEE0; }
    if (cp >= 0x41 && cp <= 0x5A) { cp += 0x20; }
    return cp;
  }

  // Step 2, on a normalised code point: 'cjk', 'word' or null (a separator).
  function classify(cp) {
    if (cp === 0x3007 || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
        (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F)) { return 'cjk'; }
    if ((cp >= 0x61 && cp <= 0x7A) || (cp >= 0x30 && cp <= 0x39)) { return 'word'; }
    return null;
  }

  // The code point at UTF-16 offset i (a lone surrogate stands for itself and separates).
  function codePointAt(s, i) {
    var hi = s.charCodeAt(i), lo;
    if (hi >= 0xD800 && hi <= 0xDBFF && i + 1 < s.length) {
      lo = s.charCodeAt(i + 1);
      if (lo >= 0xDC00 && lo <= 0xDFFF) { return (hi - 0xD800) * 0x400 + (lo - 0xDC00) + 0x10000; }
    }
    return hi;
  }

  // Calls fn with each code point of s, in order.
  function eachCodePoint(s, fn) {
    var i = 0, cp;
    s = '' + s;
    while (i < s.length) {
      cp = codePointAt(s, i);
      i += cp >= 0x10000 ? 2 : 1;
      fn(cp);
    }
  }

  function fromCodePoint(cp) {
    if (cp < 0x10000) { return String.fromCharCode(cp); }
    cp -= 0x10000;
    return String.fromCharCode(0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF));
  }

  // The whole string normalised, with the same length and offsets.
  function normaliseText(s) {
    var out = '', i, c;
    for (i = 0; i < s.length; i++) {
      c = s.charCodeAt(i);
      out += c >= 0xFF01 && c <= 0xFF5E || c >= 0x41 && c <= 0x5A ? String.fromCharCode(normalise(c)) : s.charAt(i);
    }
    return out;
  }

  // Step 3: the maximal runs of CJK and of word characters, each a list of normalised characters
  // (one string per code point, so a character of U+20000 and above is one element).
  function runs(text) {
    var out = [], run = null;
    eachCodePoint(text, function (cp) {
      var type = classify(cp = normalise(cp));
      if (!type) { run = null; return; }
      if (!run || run.type !== type) { run = { type: type, chars: [] }; out.push(run); }
      run.chars.push(fromCodePoint(cp));
    });
    return out;
  }

  function wordToken(chars) { return chars.slice(0, WORD_MAX).join(''); }

  // A string's normalised characters, one string per code point.
  function chars(s) {
    var out = [];
    eachCodePoint(s, function (cp) { out.push(fromCodePoint(normalise(cp))); });
    return out;
  }

  // The dictionary by first character: {char: [[chars of a term], ...]}, longest first, each term
  // once. Like the indexer, only terms of 3 or more CJK characters count (a shorter one is a bigram
  // or a unigram already). Compiled once per array (the page has one dictionary, meta.d).
  var compiled = { dict: null, first: null };
  function isTerm(c) {
    for (var k = 0; k < c.length; k++) { if (classify(codePointAt(c[k], 0)) !== 'cjk') { return false; } }
    return c.length >= 3;
  }
  function compile(dict) {
    var first = {}, seen = {}, i, c, k;
    if (compiled.dict === dict) { return compiled.first; }
    for (i = 0; dict && i < dict.length; i++) {
      c = chars(dict[i]);
      if (!isTerm(c) || has(seen, c.join(''))) { continue; }
      seen[c.join('')] = true;
      if (!has(first, c[0])) { first[c[0]] = []; }
      first[c[0]].push(c);
    }
    for (k in first) {
      if (has(first, k)) { first[k].sort(function (a, b) { return b.length - a.length; }); }
    }
    compiled = { dict: dict, first: first };
    return first;
  }

  function startsWith(run, at, term) {
    if (at + term.length > run.length) { return false; }
    for (var k = 0; k < term.length; k++) { if (run[at + k] !== term[k]) { return false; } }
    return true;
  }

  // The dictionary terms that start at run[at], longest first.
  function termsAt(first, run, at) {
    var out = [], list = has(first, run[at]) ? first[run[at]] : [], k;
    for (k = 0; k < list.length; k++) { if (startsWith(run, at, list[k])) { out.push(list[k]); } }
    return out;
  }

  // Step 4: every token of the text, duplicates included (the index counts them), in this order:
  // per run; in a CJK run per character its unigram, its bigram, then the terms starting there
  // (longest first, as the indexer emits them).
  function indexTokens(text, dict) {
    var first = compile(dict), out = [], r = runs(text), i, j, k, c, terms;
    for (i = 0; i < r.length; i++) {
      c = r[i].chars;
      if (r[i].type === 'word') { out.push(wordToken(c)); continue; }
      for (j = 0; j < c.length; j++) {
        out.push(c[j]);
        if (j + 1 < c.length) { out.push(c[j] + c[j + 1]); }
        terms = termsAt(first, c, j);
        for (k = 0; k < terms.length; k++) { out.push(terms[k].join('')); }
      }
    }
    return out;
  }

  // Step 5, before the gaps are cut into tokens: the query as words, dictionary terms (longest
  // first, from the left) and gaps (the characters between terms), each {text, chars, gap}.
  function pieces(text, dict) {
    var first = compile(dict), out = [], r = runs(text), i, j, c, from, best;
    function gap(to) { if (to > from) { out.push({ text: c.slice(from, to).join(''), chars: c.slice(from, to), gap: true }); } }
    for (i = 0; i < r.length; i++) {
      c = r[i].chars;
      if (r[i].type === 'word') { out.push({ text: wordToken(c), chars: c, gap: false }); continue; }
      from = 0;
      j = 0;
      while (j < c.length) {
        best = termsAt(first, c, j)[0];
        if (!best) { j++; continue; }
        gap(j);
        out.push({ text: best.join(''), chars: best, gap: false });
        j += best.length;
        from = j;
      }
      gap(c.length);
    }
    return out;
  }

  function unique(list) {
    var seen = {}, out = [], i;
    for (i = 0; i < list.length; i++) {
      if (!has(seen, list[i])) { seen[list[i]] = true; out.push(list[i]); }
    }
    return out;
  }

  // The query's tokens, each once, in order: words and terms as they are; a one-character gap is
  // its unigram, a longer gap its bigrams.
  function queryTokens(text, dict) {
    var p = pieces(text, dict), out = [], i, j, c;
    for (i = 0; i < p.length; i++) {
      c = p[i].chars;
      if (!p[i].gap || c.length === 1) { out.push(p[i].text); continue; }
      for (j = 0; j + 1 < c.length; j++) { out.push(c[j] + c[j + 1]); }
    }
    return unique(out);
  }

  // What the snippet highlights: the query's words, terms and whole gaps (normalised), each once.
  function queryMarks(text, dict) {
    var p = pieces(text, dict), out = [], i;
    for (i = 0; i < p.length; i++) { out.push(p[i].text); }
    return unique(out);
  }

  // 32-bit h * 0x01000193 mod 2^32 without Math.imul: 0x01000193 = 2^24 + 2^8 + 2^7 + 2^4 + 2^1 + 1,
  // and every partial sum stays far below 2^53, so doubles add it exactly.
  function fnvMultiply(h) {
    return (h + (h << 1) + (h << 4) + (h << 7) + (h << 8) + (h << 24)) >>> 0;
  }

  function fnvByte(h, b) { return fnvMultiply((h ^ b) >>> 0); }

  // FNV-1a (32 bits) over the UTF-8 bytes of str, encoded here (no TextEncoder in old webviews).
  function fnv1a(str) {
    var h = 0x811c9dc5;
    eachCodePoint(str, function (cp) {
      if (cp >= 0xD800 && cp <= 0xDFFF) { cp = 0xFFFD; } // a lone surrogate, as a lossy encoder does
      if (cp < 0x80) {
        h = fnvByte(h, cp);
      } else if (cp < 0x800) {
        h = fnvByte(fnvByte(h, 0xC0 | cp >> 6), 0x80 | cp & 0x3F);
      } else if (cp < 0x10000) {
        h = fnvByte(fnvByte(fnvByte(h, 0xE0 | cp >> 12), 0x80 | cp >> 6 & 0x3F), 0x80 | cp & 0x3F);
      } else {
        h = fnvByte(fnvByte(fnvByte(fnvByte(h, 0xF0 | cp >> 18), 0x80 | cp >> 12 & 0x3F), 0x80 | cp >> 6 & 0x3F), 0x80 | cp & 0x3F);
      }
    });
    return h;
  }

  // The term shard (0 <= K < s) that holds a token.
  function shard(token, s) { return fnv1a(token) % s; }

  // Base-36 numbers joined by ',' ('' is none).
  function numbers(str) {
    var parts = str ? ('' + str).split(',') : [], out = [], i;
    for (i = 0; i < parts.length; i++) { out.push(parseInt(parts[i], 36)); }
    return out;
  }

  // An id list: deltas, the first being the id itself. "3,2,z" -> [3, 5, 40].
  function decodeIds(str) {
    var d = numbers(str), out = [], id = 0, i;
    for (i = 0; i < d.length; i++) { id += d[i]; out.push(id); }
    return out;
  }

  // Postings: pairs of id delta and score. "3,a,2,1" -> [[3, 10], [5, 1]].
  function decodePostings(str) {
    var d = numbers(str), out = [], id = 0, i;
    for (i = 0; i + 1 < d.length; i += 2) { id += d[i]; out.push([id, d[i + 1]]); }
    return out;
  }

  // A token's postings in the loaded shards (an array, or an object keyed by shard number, of the
  // objects handed to shianSearch.t), or null. A token lives in one shard only, so no s is needed.
  function postingsOf(token, shards) {
    for (var k in shards) {
      if (has(shards, k) && shards[k] && has(shards[k], token)) { return shards[k][token]; }
    }
    return null;
  }

  // Every record that has at least one of the query's tokens, best first: the sum of its tokens'
  // scores times (matched / tokens)^2, so records with all the words come before those with some;
  // ties go to the lower id. Each {id, score, matched}.
  function score(tokens, shards) {
    var list = unique(tokens || []), n = list.length, byId = {}, out = [], i, j, p, r, f;
    for (i = 0; i < n; i++) {
      p = postingsOf(list[i], shards);
      if (p == null) { continue; }
      p = decodePostings(p);
      for (j = 0; j < p.length; j++) {
        r = byId[p[j][0]];
        if (!r) { r = byId[p[j][0]] = { id: p[j][0], score: 0, matched: 0 }; out.push(r); }
        r.score += p[j][1];
        r.matched++;
      }
    }
    for (i = 0; i < out.length; i++) {
      f = out[i].matched / n;
      out[i].score = out[i].score * f * f;
    }
    return out.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
  }

  function isWordUnit(s, i) {
    return i >= 0 && i < s.length && classify(s.charCodeAt(i)) === 'word';
  }

  // Every occurrence of the marks in the normalised text, as [start, end) offsets, without overlaps:
  // from the left, the longer one wins. A word mark must not sit inside a longer word ("5s" in
  // "15s"), as the index would not have matched it there either.
  function occurrences(norm, marks) {
    var all = [], out = [], i, m, at, word, end = 0;
    for (i = 0; i < marks.length; i++) {
      m = normaliseText('' + marks[i]);
      if (!m) { continue; }
      word = classify(m.charCodeAt(0)) === 'word';
      for (at = norm.indexOf(m); at >= 0; at = norm.indexOf(m, at + 1)) {
        if (word && (isWordUnit(norm, at - 1) || isWordUnit(norm, at + m.length))) { continue; }
        all.push([at, at + m.length]);
      }
    }
    all.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    for (i = 0; i < all.length; i++) {
      if (all[i][0] >= end) { out.push(all[i]); end = all[i][1]; }
    }
    return out;
  }

  // The h entry with the largest offset <= at, or null.
  function sectionAt(h, at) {
    var best = null, i;
    for (i = 0; h && i < h.length; i++) {
      if (h[i][0] <= at && (!best || h[i][0] > best[0])) { best = h[i]; }
    }
    return best;
  }

  // Where the window starts: around the run of matches that fits the most into `width` (the first
  // such run), with a third of the spare room before it; but never before the section of the first
  // of them, so that the window's section (the spec's rule) is the one the matches are in.
  function windowStart(x, h, found, width) {
    var best = 0, bestCount = 0, i, j = 0, start, sec;
    if (!found.length || x.length <= width) { return 0; }
    for (i = 0; i < found.length; i++) {
      if (j < i) { j = i; }
      while (j < found.length && found[j][1] <= found[i][0] + width) { j++; }
      if (j - i > bestCount) { bestCount = j - i; best = i; }
    }
    j = best + Math.max(bestCount, 1) - 1;
    start = found[best][0] - Math.floor(Math.max(0, width - (found[j][1] - found[best][0])) / 3);
    start = Math.max(0, Math.min(start, x.length - width));
    sec = sectionAt(h, found[best][0]);
    if (sec && start < sec[0]) { start = sec[0]; }
    return start;
  }

  function isLowSurrogate(s, i) { var c = s.charCodeAt(i); return c >= 0xDC00 && c <= 0xDFFF; }

  // The excerpt of a record: the window of about `width` UTF-16 units of x that holds the most
  // matches of the marks. {parts: [[text, isMark], ...], start, section}: "…" before and after when
  // the text is cut; section is the h entry the window starts in (null before the first).
  function snippet(x, h, marks, width) {
    var parts = [], norm, found, start, end, at, i;
    x = x == null ? '' : '' + x;
    width = width > 0 ? width : SNIPPET_WIDTH;
    norm = normaliseText(x);
    found = occurrences(norm, marks || []);
    start = windowStart(x, h, found, width);
    end = Math.min(x.length, start + width);
    // Never split a surrogate pair (a U+20000+ character) at either end.
    if (start > 0 && isLowSurrogate(x, start)) { start--; }
    if (end < x.length && isLowSurrogate(x, end)) { end++; }
    function push(text, mark) {
      var last = parts[parts.length - 1];
      if (!text) { return; }
      if (last && !last[1] && !mark) { last[0] += text; } else { parts.push([text, mark]); }
    }
    if (start > 0) { push(ELLIPSIS, false); }
    at = start;
    for (i = 0; i < found.length; i++) {
      if (found[i][0] < start || found[i][1] > end) { continue; }
      push(x.slice(at, found[i][0]), false);
      push(x.slice(found[i][0], found[i][1]), true);
      at = found[i][1];
    }
    push(x.slice(at, end), false);
    if (end < x.length) { push(ELLIPSIS, false); }
    return { parts: parts, start: start, section: sectionAt(h, start) };
  }

  var core = {
    normalise: normalise,
    classify: classify,
    indexTokens: indexTokens,
    queryTokens: queryTokens,
    queryMarks: queryMarks,
    fnv1a: fnv1a,
    shard: shard,
    decodeIds: decodeIds,
    decodePostings: decodePostings,
    score: score,
    snippet: snippet
  };
  if (global) { global.shianSearchCore = core; }
  if (typeof module === 'object' && module && module.exports) { module.exports = core; }
}(typeof window !== 'undefined' ? window : null));
