/* shian quiz core: storage, UI strings, seeded RNG, scoring, question and feedback rendering.
   A classic script (works from file://), loaded with defer before quiz-practice.js, quiz-exam.js or
   quiz-records.js, which use window.shianQuiz. Every text comes from the page's quiz_ strings. */
(function () {
  'use strict';
  if (window.shianQuiz) { return; } // a lesson with two practice sets loads this twice
  var doc = document, ls = null, WRONG = 'shian.wrong.v1', S = null;
  try { ls = window.localStorage; ls.setItem('shian._t', '1'); ls.removeItem('shian._t'); } catch (e) { ls = null; }

  // Storage: every value is JSON; every access may throw (private mode, quota).
  function raw(k) { try { return ls ? ls.getItem(k) : null; } catch (e) { return null; } }
  function get(k) {
    var v = raw(k);
    try { return v == null ? null : JSON.parse(v); } catch (e) { return null; }
  }
  function set(k, v) {
    if (!ls) { return false; }
    try { ls.setItem(k, JSON.stringify(v)); return true; } catch (e) { return false; }
  }
  function del(k) { try { if (ls) { ls.removeItem(k); } } catch (e) { /* nothing to do */ } }
  function keys() {
    var out = [], i, k;
    try { for (i = 0; ls && i < ls.length; i++) { k = ls.key(i); if (k && k.indexOf('shian.') === 0) { out.push(k); } } } catch (e) { /* none */ }
    return out.sort();
  }
  function obj(v) { return v && typeof v == 'object' && !(v instanceof Array) ? v : null; }
  // A record whose hash differs from the page's is moved aside, as the contract says.
  function open(key, id, hash) {
    var rec = obj(get(key));
    if (rec && rec.hash !== hash) {
      set('shian.stale.' + id + '.' + rec.hash, rec);
      del(key);
      return { rec: null, stale: true };
    }
    return { rec: rec, stale: false };
  }

  // Strings: quiz_<key> from the JSON the template rendered from the locale.
  function tr(k, vars) {
    if (!S) {
      S = {};
      try { S = JSON.parse(doc.querySelector('[data-quiz-strings]').textContent) || {}; } catch (e) { /* keys show */ }
    }
    var s = S['quiz_' + k], n;
    s = s == null ? k : '' + s;
    for (n in vars || {}) { s = s.split('{' + n + '}').join(vars[n]); }
    return s;
  }
  function data(box) {
    var el = box.querySelector('[data-quiz-json]') || doc.getElementById('shian-quiz');
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }

  // mulberry32, wrapping at 32 bits; Fisher-Yates from the end: j = floor(r() * (i + 1)).
  function rng(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) | 0;
      var t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  function shuffle(list, r) {
    for (var i = list.length - 1, j, x; i > 0; i--) {
      j = Math.floor(r() * (i + 1));
      x = list[i]; list[i] = list[j]; list[j] = x;
    }
    return list;
  }

  // Scoring (docs/quiz-theme-contract.md). `chosen`: option indexes in source order.
  function rightSet(q) {
    var out = [];
    q.options.forEach(function (o, i) { if (o.correct) { out.push(i); } });
    return out;
  }
  function grade(q, chosen, points, mode) {
    var right = rightSet(q), seen = {}, hit = 0, i;
    chosen = (chosen || []).filter(function (c) { return !seen[c] && (seen[c] = 1); });
    if (!chosen.length) { return 0; }
    for (i = 0; i < chosen.length; i++) {
      if (!q.options[chosen[i]] || !q.options[chosen[i]].correct) { return 0; }
      hit++;
    }
    if (q.type != 'multi') { return chosen.length == 1 ? points : 0; }
    if (hit == right.length) { return points; }
    return mode == 'partial' ? points * hit / right.length : 0;
  }
  function isRight(q, chosen) { return grade(q, chosen, 1, '') === 1; }
  function num(x) { return '' + Math.round(x * 100) / 100; }
  // Letters of `idxs` as shown, when options are displayed in `order` (source indexes).
  function letters(q, idxs, order) {
    if (q.type == 'tf') { return idxs.map(function (i) { return q.options[i].html; }).join(tr('list_sep')); }
    return idxs.map(function (i) {
      var p = order ? order.indexOf(i) : i;
      return order ? String.fromCharCode(65 + p) : q.options[i].letter;
    }).sort().join(tr('list_sep'));
  }

  // DOM. HTML from a snapshot (imported records can be edited) is inserted through an inert template
  // with scripts, handlers and script URLs removed.
  function html(el, s) {
    var t = doc.createElement('template'), all, i, j, a;
    t.innerHTML = s || '';
    all = t.content.querySelectorAll('script,style,iframe,object,embed,link,meta,base,form,frame');
    for (i = 0; i < all.length; i++) { all[i].parentNode.removeChild(all[i]); }
    all = t.content.querySelectorAll('*');
    for (i = 0; i < all.length; i++) {
      for (j = all[i].attributes.length - 1; j >= 0; j--) {
        a = all[i].attributes[j];
        if (/^on/i.test(a.name) || /^\s*(javascript|vbscript|data):/i.test(a.value) && /href|src|action/i.test(a.name)) {
          all[i].removeAttribute(a.name);
        }
      }
    }
    el.appendChild(t.content);
    return el;
  }
  function el(tag, attrs, kids) {
    var e = doc.createElement(tag), k, v;
    for (k in attrs || {}) {
      v = attrs[k];
      if (v == null || v === false) { continue; }
      if (k == 'text') { e.textContent = v; } else if (k == 'html') { html(e, v); } else if (k == 'class') { e.className = v; } else { e.setAttribute(k, v === true ? '' : v); }
    }
    (kids || []).forEach(function (c) { if (c != null) { e.appendChild(typeof c == 'object' ? c : doc.createTextNode(c)); } });
    return e;
  }
  function icon(ch) { return el('span', { 'class': 'icon', 'aria-hidden': 'true', text: ch }); }
  function phrasing(s) { return (s || '').replace(/<p(\s[^>]*)?>/g, '<span class="p">').replace(/<\/p>/g, '</span>'); }
  function all(sel, box) { return Array.prototype.slice.call((box || doc).querySelectorAll(sel)); }
  // Shows [data-js] and hides [data-nojs] inside `box`.
  function enhance(box) {
    all('[data-js]', box).forEach(function (e) { e.hidden = false; });
    all('[data-nojs]', box).forEach(function (e) { e.hidden = true; });
  }
  function notice(box, text, before) {
    var p = el('p', { 'class': 'notice', text: text });
    before = before || box.querySelector('.quiz-tools') || box.querySelector('.q-list');
    if (before) { before.parentNode.insertBefore(p, before); } else { box.appendChild(p); }
    return p;
  }

  // 答案, 解析 and 依据, as in the templates. `noAnswer`: without the 答案 row (practice feedback
  // states the answer in its verdict line); then null when nothing is left.
  function answer(q, root, order, noAnswer) {
    var dl = el('dl', { 'class': 'q-facts' }), ul;
    function row(term, dd) { dl.appendChild(el('div', null, [el('dt', { text: term }), dd])); }
    if (!noAnswer) { row(tr('answer'), el('dd', { 'class': 'q-answer-text', text: order ? letters(q, rightSet(q), order) : q.answer_text || letters(q, rightSet(q)) })); }
    if (q.explanation) { row(tr('explanation'), el('dd', { html: q.explanation })); }
    if (q.refs && q.refs.length) {
      ul = el('ul', { 'class': 'q-refs' });
      q.refs.forEach(function (r) {
        ul.appendChild(el('li', null, [r.href && !/^\s*[a-z]+:/i.test(r.href) ? el('a', { href: root + r.href, text: r.text }) : r.text]));
      });
      row(tr('refs'), el('dd', null, [ul]));
    }
    return dl.firstChild ? dl : null;
  }
  // How a checked answer went, option by option. Returns { verdict: "right" | "wrong" | "partial",
  // marks: [per option in source order: "right" (chosen, correct), "wrong" (chosen, not correct),
  // "missed" (correct, not chosen) or ""], extra: [wrongly chosen indexes], missed: [indexes] }.
  // "partial": a 多选 with some right options chosen, none wrong, some missed.
  function outcome(q, chosen) {
    var out = { verdict: isRight(q, chosen) ? 'right' : 'wrong', marks: [], extra: [], missed: [] }, hit = 0;
    q.options.forEach(function (o, i) {
      var mine = chosen.indexOf(i) > -1;
      out.marks.push(mine ? (o.correct ? 'right' : 'wrong') : o.correct ? 'missed' : '');
      if (mine && !o.correct) { out.extra.push(i); }
      if (mine && o.correct) { hit++; }
      if (!mine && o.correct) { out.missed.push(i); }
    });
    if (q.type == 'multi' && out.verdict == 'wrong' && hit && !out.extra.length) { out.verdict = 'partial'; }
    return out;
  }
  // Instant feedback of practice: the verdict as icon + words, what was wrongly chosen or missed,
  // the right answer (when the answer was not right), then 解析 and 依据.
  function feedback(q, chosen, root) {
    var r = outcome(q, chosen), ok = r.verdict == 'right', line, more = [];
    line = el('p', { 'class': 'verdict-line' }, [icon(ok ? '✓' : '✗'), ' ', el('strong', { text: tr('verdict_' + r.verdict) })]);
    if (!ok) {
      if (q.type == 'multi') {
        if (r.extra.length) { more.push(tr('fb_extra', { list: letters(q, r.extra) })); }
        if (r.missed.length) { more.push(tr('fb_missed', { list: letters(q, r.missed) })); }
      }
      more.push(tr(q.type == 'tf' ? 'fb_answer_tf' : 'fb_answer', { answer: letters(q, rightSet(q)) }));
      line.appendChild(el('span', { 'class': 'verdict-detail', text: tr('fb_stop') + more.join(tr('fb_join')) }));
    }
    return el('div', { 'class': 'verdict ' + (ok ? 'is-right' : 'is-wrong'), 'data-verdict': r.verdict }, [line, answer(q, root, null, true)]);
  }
  // Marks every option of a checked practice question `item` (built by build() or the practice
  // template: label.opt around an input whose value is the source index): data-mark on the label
  // and a tag in words (.opt-mark) after the option's text. unmark() takes them away.
  function mark(item, q, chosen) {
    var r = outcome(q, chosen), words = { right: 'mark_right', wrong: 'mark_wrong', missed: q.type == 'multi' ? 'mark_missed' : 'mark_answer' };
    unmark(item);
    all('label.opt', item).forEach(function (lab) {
      var input = lab.querySelector('input'), m = input ? r.marks[+input.value] : '', text = lab.querySelector('.opt-text') || lab;
      if (!m) { return; }
      lab.setAttribute('data-mark', m);
      text.appendChild(doc.createTextNode(' '));
      text.appendChild(el('span', { 'class': 'opt-mark', 'data-opt-mark': '' }, [icon(m == 'wrong' ? '✗' : m == 'missed' && q.type == 'multi' ? '!' : '✓'), ' ', tr(words[m])]));
    });
  }
  function unmark(item) {
    all('[data-opt-mark]', item).forEach(function (t) {
      var prev = t.previousSibling;
      if (prev && prev.nodeType == 3 && prev.nodeValue == ' ') { prev.parentNode.removeChild(prev); }
      t.parentNode.removeChild(t);
    });
    all('label.opt[data-mark]', item).forEach(function (lab) { lab.removeAttribute('data-mark'); });
  }
  // A question as a fieldset of native inputs. o: {idp, number, order, relabel, context, points}.
  function build(q, o) {
    var id = o.idp + q.id, multi = q.type == 'multi', order = o.order || q.options.map(function (x, i) { return i; });
    var legend = el('legend', { 'class': 'q-legend' }, [
      el('span', { 'class': 'q-num', text: o.number + '.' }), ' ',
      el('span', { 'class': 'q-type', text: q.type_label }), ' ',
      el('span', { 'class': 'q-stem', html: phrasing(q.stem) })
    ]);
    if (o.points != null) { legend.appendChild(el('span', { 'class': 'q-points', text: ' ' + tr('points', { n: num(o.points) }) })); }
    var box = el('div', { 'class': 'q-options' });
    order.forEach(function (src, pos) {
      var opt = q.options[src], iid = id + '-' + src;
      box.appendChild(el('label', { 'class': 'opt', 'for': iid }, [
        el('input', { type: multi ? 'checkbox' : 'radio', id: iid, name: id, value: src }),
        el('span', { 'class': 'opt-text', html: (q.type == 'tf' ? '' : '<span class="opt-letter">' + (o.relabel ? String.fromCharCode(65 + pos) : opt.letter) + '.</span> ') + opt.html })
      ]));
    });
    return el('div', { 'class': 'q', id: id, 'data-qid': q.id, 'data-type': q.type }, [
      o.context && q.context ? el('div', { 'class': 'q-context', html: q.context }) : null,
      el('fieldset', { 'class': 'q-fieldset' }, [legend, box])
    ]);
  }
  function chosen(item) {
    return all('input:checked', item).map(function (i) { return +i.value; });
  }
  function choose(item, idxs) {
    all('input', item).forEach(function (i) { i.checked = idxs.indexOf(+i.value) > -1; });
  }

  // Relative src/href in a fragment of HTML, made absolute against this page's address.
  function absolute(s) {
    var t = doc.createElement('template'), all, i, a, v;
    t.innerHTML = s;
    all = t.content.querySelectorAll('[src],[href]');
    for (i = 0; i < all.length; i++) {
      a = all[i].hasAttribute('src') ? 'src' : 'href';
      v = all[i].getAttribute(a);
      if (v && v.charAt(0) != '#') { try { all[i].setAttribute(a, new URL(v, doc.baseURI).href); } catch (e) { /* keep as is */ } }
    }
    return t.innerHTML;
  }

  // 错题本: a wrong answer adds a snapshot (or counts again); two right answers in a row remove it.
  function note(q, ok, hash) {
    var book = obj(get(WRONG)) || {}, e = obj(book[q.id]), res = { streak: 0, removed: false, inBook: !!e }, snap = {}, k;
    if (ok) {
      if (!e) { return res; }
      res.streak = e.right = (+e.right || 0) + 1;
      if (e.right >= 2) { delete book[q.id]; res.removed = true; res.inBook = false; }
    } else {
      for (k in q) { if (k != 'number') { snap[k] = q[k]; } }
      // The snapshot is shown on another page (the 错题本), maybe at another depth: pin its links.
      ['stem', 'context', 'explanation'].forEach(function (f) { if (snap[f]) { snap[f] = absolute(snap[f]); } });
      if (snap.options) { snap.options = snap.options.map(function (o) { var c = {}, x; for (x in o) { c[x] = o[x]; } c.html = absolute(o.html || ''); return c; }); }
      book[q.id] = { question: snap, bank_hash: hash || (e && e.bank_hash) || '', wrong: (e && +e.wrong || 0) + 1, right: 0, last: Date.now() };
      res.inBook = true;
    }
    set(WRONG, book);
    return res;
  }

  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function clock(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    return pad(Math.floor(s / 60)) + ':' + pad(s % 60);
  }
  function stamp(t) {
    var d = new Date(t);
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  }
  function download(name, value) {
    var url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
    var a = el('a', { href: url, download: name });
    doc.body.appendChild(a);
    a.click();
    doc.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 4000);
  }

  window.shianQuiz = {
    ok: !!ls, WRONG: WRONG, raw: raw, get: get, set: set, del: del, keys: keys, obj: obj, open: open,
    tr: tr, data: data, rng: rng, shuffle: shuffle, rightSet: rightSet, grade: grade, isRight: isRight,
    num: num, letters: letters, html: html, el: el, icon: icon, all: all, enhance: enhance, notice: notice,
    answer: answer, feedback: feedback, outcome: outcome, mark: mark, unmark: unmark, build: build, chosen: chosen, choose: choose, note: note,
    clock: clock, stamp: stamp, pad: pad, download: download
  };
}());
