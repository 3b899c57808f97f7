/* shian practice (练习 pages, practice sets in lessons) and the 错题本: check an answer, get feedback
   in the question's live region, keep answers on the device (shian.quiz.v1.<id>), feed the 错题本.
   Needs quiz-core.js. Without JavaScript each question's <details> shows the answer instead. */
(function () {
  'use strict';
  var Q = window.shianQuiz;
  if (!Q) { return; }
  var tr = Q.tr, el = Q.el;

  Q.all('[data-quiz="practice"],[data-quiz="wrong"]').forEach(function (box) {
    if (box.hasAttribute('data-ready')) { return; } // the script may be loaded twice
    box.setAttribute('data-ready', '');
    init(box);
  });

  function init(box) {
    var d = Q.data(box);
    if (!d || !d.quiz) { return; }
    var c = {
      box: box, quiz: d.quiz, root: box.getAttribute('data-root') || '',
      wrong: box.getAttribute('data-quiz') == 'wrong', key: 'shian.quiz.v1.' + d.quiz.id,
      rec: { hash: d.quiz.hash, answers: {}, done: [] }, items: [],
      summary: box.querySelector('[data-summary]'), status: box.querySelector('[data-status]')
    };
    if (c.wrong) {
      buildWrong(c);
    } else {
      var o = Q.open(c.key, c.quiz.id, c.quiz.hash), byId = {};
      if (o.stale) { Q.notice(box, tr('stale')); }
      if (o.rec) {
        c.rec = o.rec;
        c.rec.answers = Q.obj(c.rec.answers) || {};
        c.rec.done = c.rec.done instanceof Array ? c.rec.done : [];
      }
      (d.questions || []).forEach(function (q) { byId[q.id] = q; });
      Q.all('[data-qid]', box).forEach(function (item) {
        var q = byId[item.getAttribute('data-qid')];
        if (q) { c.items.push({ el: item, q: q, hash: c.quiz.hash }); }
      });
    }
    if (!Q.ok) { Q.notice(box, tr('storage_off')); }
    Q.enhance(box);
    c.items.forEach(function (it) { setup(c, it); });
    button(box, '[data-reset]', function () { reset(c, false); });
    button(box, '[data-reset-wrong]', function () { reset(c, true); });
    update(c);
  }

  function button(box, sel, fn) {
    var b = box.querySelector(sel);
    if (b) { b.addEventListener('click', fn); }
  }

  // Wire one question: restore its saved answer, check on demand, drop stale feedback on change.
  function setup(c, it) {
    var item = it.el, q = it.q, saved = c.rec.answers[q.id];
    it.fb = item.querySelector('[data-feedback]');
    var det = item.querySelector('[data-answer]');
    if (det) { det.hidden = true; }
    if (!c.wrong && saved instanceof Array) {
      Q.choose(item, saved);
      if (c.rec.done.indexOf(q.id) > -1) { show(c, it, saved); }
    }
    item.querySelector('[data-check]').addEventListener('click', function () { check(c, it); });
    item.addEventListener('change', function () {
      it.fb.textContent = '';
      item.classList.remove('is-right', 'is-wrong');
      Q.unmark(item);
    });
  }

  function show(c, it, chosen) {
    var ok = Q.isRight(it.q, chosen);
    it.fb.textContent = '';
    it.fb.appendChild(Q.feedback(it.q, chosen, c.root));
    Q.mark(it.el, it.q, chosen);
    it.el.classList.toggle('is-right', ok);
    it.el.classList.toggle('is-wrong', !ok);
    return ok;
  }

  function check(c, it) {
    var chosen = Q.chosen(it.el), q = it.q;
    if (!chosen.length) {
      it.fb.textContent = '';
      Q.unmark(it.el);
      it.fb.appendChild(el('p', { 'class': 'verdict-empty' }, [Q.icon('!'), ' ', tr('choose_first')]));
      return;
    }
    var ok = show(c, it, chosen), res;
    if (!c.wrong) {
      c.rec.hash = c.quiz.hash;
      c.rec.answers[q.id] = chosen;
      if (c.rec.done.indexOf(q.id) < 0) { c.rec.done.push(q.id); }
      Q.set(c.key, c.rec);
    }
    if (it.removed) { return; }
    // Checking the same selection again is not another attempt (the 错题本 wants two right answers).
    if (it.counted === chosen.join(',')) { update(c); return; }
    it.counted = chosen.join(',');
    res = Q.note(q, ok, it.hash);
    if (c.wrong) {
      if (res.removed) {
        gone(c, it, tr('wrong_mastered'));
      } else if (ok && res.streak) {
        it.fb.appendChild(el('p', { 'class': 'verdict-note', text: tr('wrong_streak', { n: res.streak, left: 2 - res.streak }) }));
      }
    }
    update(c);
  }

  // The summary line: progress on a practice page, the book's size on the 错题本; and the size of
  // the book beside every link to it ([data-wrong-count]).
  function update(c) {
    var size = Object.keys(Q.obj(Q.get(Q.WRONG)) || {}).length;
    Q.all('[data-wrong-count]').forEach(function (s) { s.textContent = size ? tr('wrong_link_count', { n: size }) : ''; });
    if (!c.summary) { return; }
    if (c.wrong) {
      var n = c.items.filter(function (it) { return !it.removed; }).length;
      c.summary.textContent = n ? tr('wrong_count', { n: n }) : tr('wrong_empty');
      return;
    }
    var done = 0, right = 0;
    c.items.forEach(function (it) {
      var a = c.rec.answers[it.q.id];
      if (c.rec.done.indexOf(it.q.id) > -1 && a instanceof Array) {
        done++;
        if (Q.isRight(it.q, a)) { right++; }
      }
    });
    c.summary.textContent = tr('summary', { done: done, total: c.items.length, right: right });
  }

  function reset(c, onlyWrong) {
    var n = 0;
    c.items.forEach(function (it) {
      var a = c.rec.answers[it.q.id];
      if (onlyWrong && !(c.rec.done.indexOf(it.q.id) > -1 && a instanceof Array && !Q.isRight(it.q, a))) { return; }
      delete c.rec.answers[it.q.id];
      c.rec.done = c.rec.done.filter(function (id) { return id != it.q.id; });
      Q.choose(it.el, []);
      Q.unmark(it.el);
      it.fb.textContent = '';
      it.el.classList.remove('is-right', 'is-wrong');
      n++;
    });
    if (onlyWrong) {
      Q.set(c.key, c.rec);
      c.status.textContent = n ? tr('reset_wrong_done', { n: n }) : tr('reset_wrong_none');
    } else {
      c.rec = { hash: c.quiz.hash, answers: {}, done: [] };
      Q.del(c.key);
      c.status.textContent = tr('reset_done');
    }
    update(c);
  }

  // 错题本: each snapshot becomes a question, newest mistake first.
  function buildWrong(c) {
    var list = c.box.querySelector('[data-wrong-list]'), book = Q.obj(Q.get(Q.WRONG)) || {};
    var entries = Object.keys(book).map(function (k) { return Q.obj(book[k]); }).filter(function (e) {
      return e && Q.obj(e.question) && e.question.options instanceof Array && e.question.id;
    }).sort(function (a, b) { return (+b.last || 0) - (+a.last || 0); });
    entries.forEach(function (e, i) {
      var q = e.question, item = Q.build(q, { idp: 'w-', number: i + 1, context: true }), it;
      var meta = [tr('wrong_times', { n: +e.wrong || 1 })];
      if (q.category) { meta.push(q.category); }
      item.appendChild(el('p', { 'class': 'q-meta', text: meta.join(' · ') }));
      // Back to the question on its bank's 背题 page (snapshots from before bank_href have none).
      var src = typeof q.bank_href == 'string' ? q.bank_href : '';
      // Root-less paths only: no scheme, no leading slash, no whitespace or backslash (imports can be edited).
      if (src && !/^([a-z][a-z0-9+.-]*:|\/)|[\s\\\u0000-\u001f]/i.test(src)) {
        item.appendChild(el('p', { 'class': 'q-source' }, [el('a', { href: c.root + src + '#q-' + encodeURIComponent(q.id), 'data-wrong-source': '' }, [
          tr('wrong_to_bank'), el('span', { 'class': 'visually-hidden', text: tr('wrong_to_bank_n', { n: i + 1 }) })
        ])]));
      }
      var check = el('button', { type: 'button', 'class': 'button button-secondary', 'data-check': '', text: tr('check') });
      var drop = el('button', { type: 'button', 'class': 'button button-secondary', 'data-remove': '', text: tr('wrong_remove') });
      item.appendChild(el('div', { 'class': 'q-actions' }, [check, ' ', drop]));
      item.appendChild(el('div', { 'class': 'q-feedback', 'data-feedback': '', 'aria-live': 'polite' }));
      list.appendChild(item);
      it = { el: item, q: q, hash: e.bank_hash };
      c.items.push(it);
      drop.addEventListener('click', function () {
        var b = Q.obj(Q.get(Q.WRONG)) || {};
        delete b[q.id];
        Q.set(Q.WRONG, b);
        gone(c, it, tr('wrong_removed'), true);
        update(c);
      });
    });
  }

  // A question that left the book: say so; if its button had focus, move focus to the message.
  function gone(c, it, text, focus) {
    it.removed = true;
    var drop = it.el.querySelector('[data-remove]'), msg = el('p', { 'class': 'verdict-note', tabindex: '-1' }, [Q.icon('✓'), ' ', text]);
    it.el.classList.add('is-removed');
    if (drop) { drop.parentNode.removeChild(drop); }
    if (focus) { it.fb.textContent = ''; }
    it.fb.appendChild(msg);
    if (focus) { msg.focus(); }
  }
}());
