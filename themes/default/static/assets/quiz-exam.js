/* shian 模拟考试, the attempt: the pool's arrival, the start form, the seeded paper, the countdown,
   the hand-in and the boot. The attempt is saved in shian.exam.v1.<quiz id> on every change, so a
   reload keeps it. The questions come in pool.js (async, window.shianPools[quiz id]); 开始考试 pressed
   before they are here starts the exam when they arrive. The paper on screen is quiz-exam-paper.js,
   the result screen quiz-exam-result.js (loaded before this, on window.shianExam; they get `ctx`).
   Needs quiz-core.js. */
(function () {
  'use strict';
  var Q = window.shianQuiz, E = window.shianExam, doc = document, box = doc.querySelector('[data-exam]');
  if (!Q || !E || !E.paper || !E.result || !box) { return; }
  var d = Q.data(box);
  if (!d || !d.quiz || !d.quiz.exam) { return; }
  var tr = Q.tr, el = Q.el, quiz = d.quiz, exam = quiz.exam, root = box.getAttribute('data-root') || '';
  var KEY = 'shian.exam.v1.' + quiz.id, byId = {}, att = null, paper = null, timer = 0, lastMin = 0, memo = {};
  var start = $('[data-start-screen]'), form = $('[data-start-form]'), paperBox = $('[data-paper]'), status = $('[data-start-status]');
  var result = $('[data-result]'), body = $('[data-result-body]'), live = $('[data-exam-live]'), ui = {};
  var ready = false, failed = false, waits = [], pending = false, retries = 0;
  // For quiz-exam-paper.js and quiz-exam-result.js: ui is filled by the paper (timer, title, step read
  // here); att() and paper() are the attempt and the paper as they are now.
  var ctx = {
    quiz: quiz, exam: exam, root: root, wrongHref: box.getAttribute('data-wrong-href'), byId: byId, ui: ui, box: paperBox,
    att: function () { return att; }, paper: function () { return paper; }, save: save, submit: submit, retry: retry
  };
  var paperView = E.paper(ctx), resultScreen = E.result(ctx);

  function $(s, e) { return (e || box).querySelector(s); }
  function save() { Q.set(KEY, att); }
  function say(text) {
    live.textContent = '';
    setTimeout(function () { live.textContent = text; }, 150);
  }
  var note = ''; // what the notice says besides loading: resumed, stale, no storage
  function notice(text, extra) {
    var n = $('[data-exam-notice]');
    n.textContent = text;
    if (extra) { n.appendChild(doc.createTextNode(' ')); n.appendChild(extra); }
    n.hidden = !text;
  }
  function urlSeed() {
    var m = /[?&]seed=(\d+)/.exec(location.search);
    return m ? +m[1] >>> 0 : null;
  }
  function newSeed() {
    try { var a = new Uint32Array(1); window.crypto.getRandomValues(a); return a[0]; } catch (e) { return Math.floor(Math.random() * 4294967296); }
  }
  function minutes(s) { return Math.ceil(s / 60); }

  // The questions: in quiz_json (older builds) or in the pool script, which may run before or after
  // this one. whenReady(fn) runs fn once they are here. Async scripts hold back the window's load
  // event, so a pool still missing then did not load (an error page, a cut connection).
  function arrived() {
    if (ready) { return true; }
    var pools = window.shianPools, p = pools && pools[quiz.id];
    var qs = d.questions && d.questions.length ? d.questions : p && p.questions;
    if (!(qs instanceof Array) || !qs.length) { return false; }
    qs.forEach(function (q) { byId[q.id] = q; });
    ready = true;
    failed = false;
    var w = waits;
    waits = [];
    w.forEach(function (fn) { fn(); });
    showLoad();
    return true;
  }
  function whenReady(fn) {
    if (!arrived()) { waits.push(fn); } else { fn(); }
  }
  function poolFailed() {
    if (arrived() || failed) { return; }
    failed = true;
    showLoad();
  }
  function watch(tag) {
    tag.addEventListener('load', function () { if (!arrived()) { poolFailed(); } });
    tag.addEventListener('error', poolFailed);
  }
  // Another try without reloading the page, so what was typed stays.
  function reloadPool() {
    var old = doc.querySelector('[data-exam-pool]'), tag = doc.createElement('script');
    if (!old) { return; }
    retries++;
    tag.src = old.src;
    tag.async = true;
    tag.setAttribute('data-exam-pool', '');
    watch(tag);
    old.parentNode.removeChild(old);
    failed = false;
    showLoad();
    doc.head.appendChild(tag);
  }
  // Loading, or that it failed, said where the learner is waiting: under 开始考试, or in the notice
  // above a restored attempt.
  function showLoad() {
    var onStart = !start.hidden, text = '', again = null;
    if (!ready && failed) {
      text = tr('exam_pool_failed');
      if (doc.querySelector('[data-exam-pool]')) {
        again = el('button', { type: 'button', 'class': 'button button-secondary', 'data-pool-retry': '', text: tr('exam_pool_retry') });
        again.addEventListener('click', reloadPool);
      }
    } else if (!ready && (pending || !onStart && waits.length)) {
      text = tr(pending ? 'exam_loading_start' : 'exam_loading');
    }
    status.textContent = onStart ? text : '';
    if (onStart && again) { status.appendChild(doc.createTextNode(' ')); status.appendChild(again); }
    status.classList.toggle('is-error', onStart && !ready && failed);
    if (!onStart && !ready) { notice([note, text].join(' ').trim(), again); }
  }

  // The paper for a seed (docs/quiz-theme-contract.md, "Drawing a paper"): one generator; each draw
  // shuffles a copy of its pool and takes the first `count` ids not yet taken; then the whole paper
  // is shuffled; then each choice question's unpinned options, in paper order.
  function draw(seed) {
    var r = Q.rng(seed), taken = {}, out = [];
    (exam.draws || []).forEach(function (dr) {
      var pool = Q.shuffle(dr.pool.slice(), r), n = 0, i;
      for (i = 0; i < pool.length && n < dr.count; i++) {
        if (taken[pool[i]]) { continue; }
        taken[pool[i]] = 1;
        out.push({ id: pool[i], points: dr.points });
        n++;
      }
    });
    if (exam.shuffle_questions) { Q.shuffle(out, r); }
    return out.filter(function (p) {
      var q = byId[p.id], free, mixed;
      if (!q) { return false; }
      p.order = q.options.map(function (o, i) { return i; });
      if (exam.shuffle_options && q.type != 'tf') {
        free = p.order.filter(function (i) { return !q.options[i].pinned; });
        mixed = Q.shuffle(free.slice(), r);
        free.forEach(function (pos, k) { p.order[pos] = mixed[k]; });
      }
      return true;
    });
  }

  // Start screen.
  function showStart() {
    stop();
    window.removeEventListener('beforeunload', onLeave);
    att = null;
    start.hidden = false;
    form.hidden = false;
    paperBox.hidden = true;
    paperBox.textContent = '';
    result.hidden = true;
    body.textContent = '';
    Q.all('[data-collect]', form).forEach(function (i) { i.value = memo[i.getAttribute('data-collect')] || i.value; });
  }
  function fieldError(input, text) {
    var err = doc.getElementById(input.id + '-error');
    err.textContent = text;
    err.hidden = !text;
    if (text) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', err.id + ' exam-collect-hint');
    } else {
      input.removeAttribute('aria-invalid');
      input.setAttribute('aria-describedby', 'exam-collect-hint');
    }
  }
  // The collected fields, or null (with the errors shown) when one is empty.
  function collect() {
    var collected = {}, errors = [], sum = $('[data-errors]'), list = $('[data-error-list]');
    Q.all('[data-collect]', form).forEach(function (input) {
      var name = input.getAttribute('data-collect'), v = input.value.trim(), msg = v ? '' : tr('exam_required', { field: name });
      collected[name] = v;
      fieldError(input, msg);
      if (msg) { errors.push({ input: input, msg: msg }); }
    });
    list.textContent = '';
    if (errors.length) {
      errors.forEach(function (x) {
        var a = el('a', { href: '#' + x.input.id, text: x.msg });
        a.addEventListener('click', function (ev) { ev.preventDefault(); x.input.focus(); });
        list.appendChild(el('li', null, [a]));
      });
      sum.hidden = false;
      sum.focus();
      return null;
    }
    sum.hidden = true;
    return collected;
  }
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    tryStart();
  });
  // Starts the exam, or, while the questions are still on the way, starts it when they arrive.
  function tryStart() {
    var collected = collect();
    if (!collected) { return; }
    if (!ready) {
      if (failed) { reloadPool(); }
      if (!pending) {
        pending = true;
        whenReady(function () { pending = false; if (!start.hidden) { tryStart(); } });
      }
      showLoad();
      return;
    }
    memo = collected;
    var now = Date.now(), seed = urlSeed();
    att = {
      hash: quiz.hash, seed: seed == null ? newSeed() : seed, started: now,
      deadline: exam.time_limit > 0 ? now + exam.time_limit * 1000 : 0,
      answers: {}, flags: [], collected: collected, leaves: 0, submitted: false, result: null, at: 0
    };
    save();
    note = '';
    notice('');
    begin(true);
  }

  // Leaving the page with the exam unfinished asks first (the attempt is saved anyway).
  function onLeave(e) {
    if (!att || att.submitted || paperBox.hidden) { return undefined; }
    save();
    e.preventDefault();
    e.returnValue = '';
    return '';
  }

  // The paper: a bar with the clock, every question, the answer sheet and the hand-in button.
  function begin(fresh) {
    paper = draw(att.seed);
    att.answers = Q.obj(att.answers) || {};
    att.flags = att.flags instanceof Array ? att.flags : [];
    start.hidden = true;
    result.hidden = true;
    paperBox.hidden = false;
    paperView.render();
    if (att.deadline && att.deadline <= Date.now()) { submit(true); return; }
    window.addEventListener('beforeunload', onLeave);
    tickStart(fresh);
    // The paper from the top of the screen (the bar, then the question); a resumed whole paper
    // keeps the place the browser restores.
    if (fresh || ui.step) { paperBox.scrollIntoView(); }
    if (fresh) { ui.title.focus({ preventScroll: true }); }
  }

  // The clock counts down to the saved deadline, so a reload loses no time.
  function tickStart(fresh) {
    stop();
    if (!att.deadline) { ui.timer.textContent = tr('exam_no_limit'); return; }
    lastMin = 0;
    tick();
    timer = setInterval(tick, 1000);
    if (fresh) { say(tr('exam_announce_start', { n: minutes(exam.time_limit) })); }
  }
  function tick() {
    if (!att || att.submitted || !ui.timer) { return; }
    var left = att.deadline - Date.now(), min = Math.ceil(left / 60000);
    if (left <= 0) { ui.timer.textContent = Q.clock(0); submit(true); return; }
    ui.timer.textContent = Q.clock(left);
    paperBox.classList.toggle('is-low', left <= 300000);
    // Spoken at most once a minute, and only at 10, 5 and 1 minutes left.
    if (lastMin && min < lastMin && (min == 10 || min == 5 || min == 1)) { say(tr('exam_announce_left', { n: min })); }
    lastMin = min;
  }
  function stop() { if (timer) { clearInterval(timer); timer = 0; } }
  // Leaving the page during the exam (another app, another tab) is counted into the result code.
  doc.addEventListener('visibilitychange', function () {
    if (!doc.hidden) { tick(); return; }
    if (att && !att.submitted && !paperBox.hidden) { att.leaves = (+att.leaves || 0) + 1; save(); }
  });

  // Hand in: grade with the contract's rules, update the 错题本, keep the result in the attempt.
  function submit(auto) {
    if (!att || att.submitted) { return; }
    stop();
    paperView.closeSheet(false);
    window.removeEventListener('beforeunload', onLeave);
    var now = Date.now(), ended = att.deadline ? Math.min(now, att.deadline) : now, cats = {}, order = [], score = 0, right = 0, added = 0;
    paper.forEach(function (p) {
      var q = byId[p.id], got = Q.grade(q, att.answers[p.id], p.points, exam.multi), full = got >= p.points - 1e-9, name = q.category || '';
      var c = cats[name];
      if (!c) { c = cats[name] = { name: name, count: 0, right: 0, points: 0, max: 0 }; order.push(c); }
      c.count++;
      c.max += p.points;
      c.points += got;
      score += got;
      if (full) { c.right++; right++; } else { added++; }
      Q.note(q, full, quiz.hash);
    });
    var total = exam.total_points || paper.reduce(function (s, p) { return s + p.points; }, 0);
    var percent = total ? score / total * 100 : 0;
    att.submitted = true;
    att.result = {
      score: Math.round(score * 100) / 100, total: total, percent: Math.round(percent * 100) / 100,
      passed: percent + 1e-9 >= exam.pass_percent, right: right, count: paper.length, ended: ended,
      used: ended - att.started, auto: !!auto, wrong_added: added, categories: order
    };
    save();
    notice('');
    showResult(true);
  }

  // After the hand-in: the result screen (quiz-exam-result.js), in place of the paper.
  function showResult(fresh) {
    stop();
    if (!paper) { paper = draw(att.seed); }
    start.hidden = true;
    paperBox.hidden = true;
    paperBox.textContent = ''; // one set of [data-qid] on the page: the review's
    body.textContent = '';
    resultScreen.show(body, result);
    result.hidden = false;
    if (fresh) { $('#exam-result-title').focus(); }
  }

  // 再考一次: a new seed (the ?seed= parameter goes too), the attempt cleared.
  function retry() {
    memo = Q.obj(att && att.collected) || memo;
    Q.del(KEY);
    paper = null;
    if (urlSeed() != null) {
      try { history.replaceState(null, '', location.pathname); } catch (e) { /* keep the URL */ }
    }
    showStart();
    note = '';
    notice('');
    $('[data-start]').focus();
  }

  // Boot: a finished attempt shows its result; an unfinished one resumes; else the start screen.
  // The start form is already usable (plain HTML); the first two need the questions.
  Q.enhance(box);
  form.noValidate = true; // the browser checked the fields itself only until now
  var o = Q.open(KEY, quiz.id, quiz.hash), seed = urlSeed(), tag = doc.querySelector('[data-exam-pool]');
  if (!arrived()) {
    if (tag) { watch(tag); }
    window.addEventListener('load', function () { if (!retries && !arrived()) { poolFailed(); } });
    if (doc.readyState == 'complete') { poolFailed(); }
  }
  if (o.stale) { note = tr('exam_stale'); }
  att = o.rec;
  if (att && (seed != null && att.seed !== seed || !att.started)) { att = null; }
  if (!Q.ok) { note = tr('storage_off'); }
  notice(note);
  if (att && att.submitted && Q.obj(att.result)) {
    memo = Q.obj(att.collected) || {};
    start.hidden = true;
    whenReady(function () { notice(note); showResult(false); });
  } else if (att) {
    memo = Q.obj(att.collected) || {};
    att.submitted = false;
    note = tr('exam_resumed');
    start.hidden = true;
    whenReady(function () { notice(note); begin(false); });
  } else {
    showStart();
  }
  showLoad();
}());
