/* shian 模拟考试: a seeded paper drawn from the exam's pool, a countdown kept as a deadline, an answer
   sheet, hand-in with a warning for unanswered questions, then score, pass/fail, breakdown by
   category and a review of every option. The attempt lives in shian.exam.v1.<quiz id>, written on
   every change, so a reload keeps answers, flags, the question shown and the time left.
   The questions come in the exam's own script (pool.js, loaded async: window.shianPools[quiz id]),
   so the start form works while they are on the way; 开始考试 pressed before they are here starts the
   exam when they arrive. On narrow screens one question shows at a time, with 上一题 / 下一题 and the
   答题卡 in a drawer; the choice of view is kept in shian.exam.view. Needs quiz-core.js. */
(function () {
  'use strict';
  var Q = window.shianQuiz, doc = document, box = doc.querySelector('[data-exam]');
  if (!Q || !box) { return; }
  var d = Q.data(box);
  if (!d || !d.quiz || !d.quiz.exam) { return; }
  var tr = Q.tr, el = Q.el, quiz = d.quiz, exam = quiz.exam, root = box.getAttribute('data-root') || '';
  var KEY = 'shian.exam.v1.' + quiz.id, VIEW = 'shian.exam.view', byId = {}, att = null, paper = null, timer = 0, lastMin = 0, memo = {};
  var start = $('[data-start-screen]'), form = $('[data-start-form]'), paperBox = $('[data-paper]'), status = $('[data-start-status]');
  var result = $('[data-result]'), body = $('[data-result-body]'), live = $('[data-exam-live]'), ui = {};
  var ready = false, failed = false, waits = [], pending = false, retries = 0;
  var narrow = window.matchMedia ? window.matchMedia('(max-width: 40em)') : null;

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
    render();
    if (att.deadline && att.deadline <= Date.now()) { submit(true); return; }
    window.addEventListener('beforeunload', onLeave);
    tickStart(fresh);
    // The paper from the top of the screen (the bar, then the question); a resumed whole paper
    // keeps the place the browser restores.
    if (fresh || ui.step) { paperBox.scrollIntoView(); }
    if (fresh) { ui.title.focus({ preventScroll: true }); }
  }

  function render() {
    var list = el('div', { 'class': 'q-list exam-questions' }), grid = el('ul', { 'class': 'sheet-grid' });
    ui.items = {};
    ui.sheet = {};
    ui.timer = el('strong', { 'class': 'exam-clock-time', role: 'timer', 'data-timer': '' });
    ui.progress = el('span', { 'class': 'exam-progress' });
    ui.title = el('h2', { id: 'exam-paper-title', tabindex: '-1', text: tr('exam_paper') });
    ui.toSheet = el('a', { 'class': 'exam-bar-link', href: '#exam-sheet', text: tr('exam_to_sheet') });
    ui.toSheet.addEventListener('click', function (e) { e.preventDefault(); ui.sheetTitle.focus(); });
    ui.openSheet = el('button', { type: 'button', 'class': 'exam-bar-button', 'aria-haspopup': 'dialog', 'data-open-sheet': '', text: tr('exam_open_sheet') });
    ui.openSheet.addEventListener('click', openSheet);
    paper.forEach(function (p, i) {
      var q = byId[p.id], item = Q.build(q, { idp: 'x-', number: i + 1, order: p.order, relabel: true, context: true, points: p.points });
      var flag = el('button', { type: 'button', 'class': 'flag-toggle', 'aria-pressed': 'false', 'data-flag': '' }, [
        Q.icon('⚐'), ' ', tr('exam_flag'), el('span', { 'class': 'visually-hidden', text: ' ' + (i + 1) })
      ]);
      flag.addEventListener('click', function () {
        var on = att.flags.indexOf(p.id) < 0;
        att.flags = att.flags.filter(function (f) { return f != p.id; });
        if (on) { att.flags.push(p.id); }
        save();
        sync();
      });
      item.appendChild(el('div', { 'class': 'q-actions' }, [flag]));
      item.addEventListener('change', function () {
        var c = Q.chosen(item);
        if (c.length) { att.answers[p.id] = c; } else { delete att.answers[p.id]; }
        save();
        sync();
      });
      if (att.answers[p.id] instanceof Array) { Q.choose(item, att.answers[p.id]); }
      list.appendChild(item);
      ui.items[p.id] = { el: item, flag: flag, index: i };
      var b = el('button', { type: 'button', 'class': 'sheet-item', 'data-sheet-item': '', 'data-qid-target': p.id, 'data-state': 'unanswered' }, [
        el('span', { 'class': 'sheet-num', text: '' + (i + 1) }), el('span', { 'class': 'sheet-mark', 'aria-hidden': 'true' }), el('span', { 'class': 'visually-hidden' })
      ]);
      b.addEventListener('click', function () { jump(p.id); });
      grid.appendChild(el('li', null, [b]));
      ui.sheet[p.id] = b;
    });
    ui.sheetTitle = el('h2', { id: 'exam-sheet-title', tabindex: '-1', text: tr('exam_sheet') });
    ui.sheetSum = el('p', { 'class': 'exam-sheet-summary' });
    ui.submit = el('button', { type: 'button', 'class': 'button', 'data-submit': '', text: tr('exam_submit') });
    ui.confirmText = el('p', { id: 'exam-confirm-text' });
    ui.cont = el('button', { type: 'button', 'class': 'button button-secondary', 'data-continue': '', text: tr('exam_continue') });
    ui.anyway = el('button', { type: 'button', 'class': 'button button-warning', 'data-submit-anyway': '', text: tr('exam_submit_anyway') });
    ui.confirm = el('div', { 'class': 'confirm', role: 'alertdialog', 'aria-labelledby': 'exam-confirm-title', 'aria-describedby': 'exam-confirm-text', 'data-confirm': '', hidden: true }, [
      el('h3', { id: 'exam-confirm-title', text: tr('exam_confirm_title') }), ui.confirmText,
      el('p', { 'class': 'confirm-buttons' }, [ui.cont, ' ', ui.anyway])
    ]);
    ui.submit.addEventListener('click', function () {
      var left = unanswered().length;
      if (!left) { submit(false); return; }
      ui.confirmText.textContent = tr('exam_confirm_text', { n: left });
      ui.confirm.hidden = false;
      ui.cont.focus();
    });
    ui.cont.addEventListener('click', function () {
      ui.confirm.hidden = true;
      jump(unanswered()[0]);
    });
    ui.anyway.addEventListener('click', function () { submit(false); });
    ui.confirm.addEventListener('keydown', function (e) {
      // Escape closes the warning only (in the drawer, not the drawer too).
      if (e.key == 'Escape' || e.keyCode == 27) { e.preventDefault(); e.stopPropagation(); ui.confirm.hidden = true; ui.submit.focus(); }
    });

    // One question at a time: 上一题 / 下一题 and where we are; the last 下一题 opens the answer sheet.
    ui.prev = el('button', { type: 'button', 'class': 'button button-secondary', 'data-prev': '', text: tr('exam_prev') });
    ui.next = el('button', { type: 'button', 'class': 'button', 'data-next': '', text: tr('exam_next') });
    ui.position = el('p', { 'class': 'exam-position', 'aria-live': 'polite', 'data-position': '' });
    ui.prev.addEventListener('click', function () { show(ui.at - 1, true); });
    ui.next.addEventListener('click', function () {
      if (ui.at >= paper.length - 1) { openSheet(); } else { show(ui.at + 1, true); }
    });
    ui.nav = el('div', { 'class': 'exam-step-nav', 'data-step-nav': '' }, [ui.prev, ui.position, ui.next]);
    ui.modeStep = el('button', { type: 'button', 'class': 'exam-mode-button', 'aria-pressed': 'false', 'data-set-mode': 'step', text: tr('exam_view_step') });
    ui.modeAll = el('button', { type: 'button', 'class': 'exam-mode-button', 'aria-pressed': 'false', 'data-set-mode': 'all', text: tr('exam_view_all') });
    ui.modeStep.addEventListener('click', function () { setMode(true, true); });
    ui.modeAll.addEventListener('click', function () { setMode(false, true); });

    // The answer sheet: at the end of the paper, or (one question at a time) in a drawer.
    ui.sheetBox = el('section', { id: 'exam-sheet', 'class': 'exam-sheet', 'aria-labelledby': 'exam-sheet-title', 'data-sheet': '' }, [
      ui.sheetTitle, el('p', { 'class': 'hint', text: tr('exam_sheet_hint') }), ui.sheetSum, grid,
      el('div', { 'class': 'exam-submit' }, [ui.submit, ui.confirm])
    ]);
    ui.close = el('button', { type: 'button', 'class': 'exam-drawer-close', 'data-close-sheet': '' }, [Q.icon('✕'), ' ', tr('exam_close_sheet')]);
    ui.close.addEventListener('click', function () { closeSheet(true); });
    ui.drawerBody = el('div', { 'class': 'exam-drawer-body' }, [ui.close]);
    ui.drawer = el('dialog', { 'class': 'exam-drawer', 'aria-labelledby': 'exam-sheet-title', 'data-sheet-drawer': '' }, [ui.drawerBody]);
    ui.drawer.addEventListener('click', function (e) { if (e.target === ui.drawer) { closeSheet(true); } });
    ui.drawer.addEventListener('cancel', function (e) {
      if (!ui.confirm.hidden) { e.preventDefault(); ui.confirm.hidden = true; ui.submit.focus(); }
    });
    ui.drawer.addEventListener('close', closed);
    ui.drawer.addEventListener('keydown', function (e) {
      if ((e.key == 'Escape' || e.keyCode == 27) && !ui.drawer.showModal) { closeSheet(true); }
    });

    var total = paper.reduce(function (s, p) { return s + p.points; }, 0);
    paperBox.textContent = '';
    ui.bar = el('div', { 'class': 'exam-bar' }, [
      el('p', { 'class': 'exam-clock' }, [el('span', { 'class': 'exam-clock-label', text: tr('exam_time_left') }), ' ', ui.timer]),
      el('p', { 'class': 'exam-bar-progress' }, [ui.progress]),
      el('p', { 'class': 'exam-bar-nav' }, [ui.toSheet, ui.openSheet])
    ]);
    paperBox.appendChild(ui.bar);
    paperBox.appendChild(ui.title);
    paperBox.appendChild(el('div', { 'class': 'exam-paper-head' }, [
      el('p', { 'class': 'hint', text: tr('exam_paper_meta', { n: paper.length, total: Q.num(exam.total_points || total) }) }),
      el('p', { 'class': 'exam-mode', role: 'group', 'aria-labelledby': 'exam-mode-label' }, [
        el('span', { id: 'exam-mode-label', 'class': 'exam-mode-label', text: tr('exam_view') }), ' ', ui.modeStep, ui.modeAll
      ])
    ]));
    paperBox.appendChild(list);
    paperBox.appendChild(ui.nav);
    paperBox.appendChild(ui.sheetBox);
    paperBox.appendChild(ui.drawer);
    ui.at = Math.max(0, Math.min(paper.length - 1, +att.at || 0));
    setMode(stepWanted(), false);
    sync();
  }

  // 逐题 (one question a screen) or 整卷 (the whole paper): the learner's choice if made, else by the
  // width of the screen.
  function stepWanted() {
    var v = Q.get(VIEW);
    return v == 'step' || v != 'all' && !!(narrow && narrow.matches);
  }
  function setMode(step, chosen) {
    if (chosen) { Q.set(VIEW, step ? 'step' : 'all'); }
    var was = ui.step;
    ui.step = step;
    paperBox.setAttribute('data-mode', step ? 'step' : 'all');
    ui.modeStep.setAttribute('aria-pressed', step ? 'true' : 'false');
    ui.modeAll.setAttribute('aria-pressed', step ? 'false' : 'true');
    ui.toSheet.hidden = step;
    ui.openSheet.hidden = !step;
    ui.nav.hidden = !step;
    if (step) {
      ui.drawerBody.appendChild(ui.sheetBox);
    } else {
      closeSheet(false);
      paperBox.insertBefore(ui.sheetBox, ui.drawer);
    }
    show(ui.at, false);
    // Switched by hand: the question being read stays in view.
    if (chosen && was !== step) { ui.items[paper[ui.at].id].el.scrollIntoView(); }
  }
  // Shows question i (one-question view); `moved`: by 上一题 / 下一题, so its top is brought into view.
  function show(i, moved) {
    var n = paper.length, it;
    i = Math.max(0, Math.min(n - 1, i || 0));
    ui.at = i;
    if (att && att.at !== i) { att.at = i; save(); }
    paper.forEach(function (p, k) {
      var on = k == i && ui.step, e = ui.items[p.id].el, b = ui.sheet[p.id];
      e.classList.toggle('is-off', ui.step && k != i);
      if (on) { e.setAttribute('data-current', ''); b.setAttribute('aria-current', 'step'); } else { e.removeAttribute('data-current'); b.removeAttribute('aria-current'); }
    });
    ui.position.textContent = tr('exam_position', { n: i + 1, total: n });
    ui.prev.disabled = i == 0;
    ui.next.textContent = tr(i == n - 1 ? 'exam_to_sheet' : 'exam_next');
    if (moved && ui.step) {
      if (doc.activeElement === ui.prev && ui.prev.disabled) { ui.next.focus(); }
      it = ui.items[paper[i].id].el;
      var top = it.getBoundingClientRect().top;
      if (top < ui.bar.getBoundingClientRect().bottom || top > window.innerHeight * 0.6) { it.scrollIntoView(); }
    }
  }
  function openSheet() {
    if (!ui.step || ui.drawer.hasAttribute('open')) { return; }
    ui.opener = doc.activeElement;
    ui.back = true;
    if (ui.drawer.showModal) {
      try { ui.drawer.showModal(); } catch (e) { ui.drawer.setAttribute('open', ''); }
    } else {
      ui.drawer.setAttribute('open', '');
    }
    (ui.sheet[paper[ui.at].id] || ui.close).focus();
  }
  // `back`: focus returns to what opened the drawer (not when a question is chosen from it).
  function closeSheet(back) {
    if (!ui.drawer || !ui.drawer.hasAttribute('open')) { return; }
    ui.back = back;
    ui.confirm.hidden = true;
    if (ui.drawer.close) { ui.drawer.close(); } else { ui.drawer.removeAttribute('open'); closed(); }
  }
  function closed() {
    var to = ui.opener && ui.opener.isConnected && !ui.opener.disabled && ui.opener.offsetParent ? ui.opener : ui.openSheet;
    if (ui.back && to && !paperBox.hidden) { to.focus(); }
    ui.back = true;
  }

  function answered(id) { return att.answers[id] instanceof Array && att.answers[id].length > 0; }
  function unanswered() { return paper.filter(function (p) { return !answered(p.id); }).map(function (p) { return p.id; }); }

  // Answer sheet, progress and flag buttons from the attempt.
  function sync() {
    var done = 0, flagged = 0;
    paper.forEach(function (p) {
      var a = answered(p.id), f = att.flags.indexOf(p.id) > -1, b = ui.sheet[p.id];
      done += a ? 1 : 0;
      flagged += f ? 1 : 0;
      b.setAttribute('data-state', f ? 'flagged' : a ? 'answered' : 'unanswered');
      b.children[1].textContent = (a ? '✓' : '') + (f ? '⚑' : '');
      b.children[2].textContent = ' ' + tr(a ? 'state_answered' : 'state_unanswered') + (f ? tr('list_sep') + tr('state_flagged') : '');
      ui.items[p.id].flag.setAttribute('aria-pressed', f ? 'true' : 'false');
      ui.items[p.id].flag.firstChild.textContent = f ? '⚑' : '⚐';
    });
    ui.progress.textContent = tr('exam_progress', { done: done, total: paper.length });
    ui.sheetSum.textContent = tr('exam_sheet_summary', { done: done, left: paper.length - done, flagged: flagged });
  }

  function jump(id) {
    var it = ui.items[id];
    if (!it) { return; }
    if (ui.step) {
      closeSheet(false);
      show(it.index, false);
    }
    var input = it.el.querySelector('input:checked') || it.el.querySelector('input');
    it.el.scrollIntoView();
    input.focus({ preventScroll: true });
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
    closeSheet(false);
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

  // The result code (docs/results.md): what the organiser grades again with `shian quiz grade`.
  function resultCode() {
    return window.shianCode.result({
      quiz: exam.id, edition: quiz.edition || '', hash: quiz.hash, seed: att.seed, started: att.started,
      ended: att.result.ended, leaves: +att.leaves || 0,
      collected: (exam.collect || []).map(function (k) { return (Q.obj(att.collected) || {})[k] || ''; }),
      answers: paper.map(function (p) {
        var a = att.answers[p.id] instanceof Array ? att.answers[p.id] : [];
        return a.reduce(function (m, i) { return m | 1 << i; }, 0);
      })
    });
  }

  function showResult(fresh) {
    stop();
    if (!paper) { paper = draw(att.seed); }
    var r = att.result, pass = !!r.passed;
    start.hidden = true;
    paperBox.hidden = true;
    paperBox.textContent = ''; // one set of [data-qid] on the page: the review's
    body.textContent = '';
    body.appendChild(el('div', { 'class': 'result-banner ' + (pass ? 'is-pass' : 'is-fail') }, [
      el('p', { 'class': 'result-verdict', 'data-passed': pass ? 'true' : 'false' }, [Q.icon(pass ? '✓' : '✗'), ' ', tr(pass ? 'result_passed' : 'result_failed')]),
      el('p', { 'class': 'result-score' }, [tr('result_score') + tr('sep'), el('strong', { 'data-score': '', text: Q.num(r.score) + ' / ' + Q.num(r.total) })]),
      el('p', { text: tr('result_percent', { percent: Q.num(r.percent), pass: exam.pass_percent }) })
    ]));
    if (r.auto) { body.appendChild(el('p', { 'class': 'notice result-notice', text: tr('exam_time_up') })); }
    var facts = el('dl', { 'class': 'facts result-facts' });
    function fact(k, v) { facts.appendChild(el('div', null, [el('dt', { text: k }), el('dd', { text: v })])); }
    fact(tr('result_exam'), exam.title || quiz.title);
    Object.keys(Q.obj(att.collected) || {}).forEach(function (k) { fact(k, att.collected[k]); });
    var used = Math.max(0, Math.round(r.used / 1000));
    fact(tr('result_time_used'), tr('result_duration', { m: Math.floor(used / 60), s: used % 60 }));
    fact(tr('result_started'), Q.stamp(att.started));
    fact(tr('result_ended'), Q.stamp(r.ended));
    fact(tr('result_seed'), '' + att.seed);
    if (quiz.edition) { fact(tr('result_edition'), quiz.edition); }
    body.appendChild(facts);
    var code = window.shianCode && window.shianQR && window.shianResult ? resultCode() : '';
    if (code) {
      body.appendChild(window.shianResult.codeSection({
        code: code, title: exam.title || quiz.title, passed: pass, score: r.score, total: r.total, percent: r.percent,
        names: (exam.collect || []).map(function (k) { return [k, (Q.obj(att.collected) || {})[k] || '']; }),
        date: Q.stamp(r.ended)
      }));
    }
    body.appendChild(breakdown(r));
    if (r.wrong_added) {
      body.appendChild(el('p', { 'class': 'result-wrong' }, [tr('result_wrong_added', { n: r.wrong_added }), ' ',
        el('a', { href: root + box.getAttribute('data-wrong-href'), text: tr('to_wrong') })]));
    }
    var prints = window.shianResult ? window.shianResult.printButtons(result) : [];
    var down = el('button', { type: 'button', 'class': 'button button-secondary', text: tr('result_download') });
    var again = el('button', { type: 'button', 'class': 'button', 'data-retry': '', text: tr('result_retry') });
    down.addEventListener('click', function () { Q.download('shian-' + quiz.id.replace(/\W+/g, '-') + '-' + att.seed + '.json', record(code)); });
    again.addEventListener('click', retry);
    body.appendChild(el('p', { 'class': 'result-actions' }, [again, ' '].concat(prints.length ? [prints[0], ' ', prints[1], ' '] : [], [down])));
    body.appendChild(el('h2', { 'class': 'review-title', text: tr('result_review') }));
    body.appendChild(review());
    result.hidden = false;
    if (fresh) { $('#exam-result-title').focus(); }
  }

  function breakdown(r) {
    var tb = el('tbody');
    r.categories.forEach(function (c) {
      tb.appendChild(el('tr', null, [el('th', { scope: 'row', text: c.name || '-' }), el('td', { text: '' + c.count }), el('td', { text: '' + c.right }), el('td', { text: Q.num(c.points) + ' / ' + Q.num(c.max) })]));
    });
    return el('table', { 'class': 'result-table' }, [
      el('caption', { text: tr('result_categories') }),
      el('thead', null, [el('tr', null, ['result_col_category', 'result_col_count', 'result_col_right', 'result_col_points'].map(function (k) { return el('th', { scope: 'col', text: tr(k) }); }))]),
      tb,
      el('tfoot', null, [el('tr', null, [el('th', { scope: 'row', text: tr('result_all') }), el('td', { text: '' + r.count }), el('td', { text: '' + r.right }), el('td', { text: Q.num(r.score) + ' / ' + Q.num(r.total) })])])
    ]);
  }

  // Every question with every option marked: the correct ones, the learner's choice, ✓/✗ in text.
  function review() {
    var list = el('ol', { 'class': 'review' });
    paper.forEach(function (p, i) {
      var q = byId[p.id], chosen = att.answers[p.id] instanceof Array ? att.answers[p.id] : [];
      var got = Q.grade(q, chosen, p.points, exam.multi), full = got >= p.points - 1e-9;
      var state = !chosen.length ? 'unanswered' : full ? 'right' : got > 0 ? 'partial' : 'wrong';
      var opts = el('ul', { 'class': 'opts' });
      p.order.forEach(function (src, pos) {
        var o = q.options[src], mine = chosen.indexOf(src) > -1, tags = [];
        if (o.correct) { tags.push(el('strong', { 'class': 'opt-tag', text: tr('correct_option') })); }
        if (mine) { tags.push(el('span', { 'class': 'opt-tag opt-mine', text: tr('result_your_choice') })); }
        opts.appendChild(el('li', { 'class': 'opt-row' + (o.correct ? ' is-correct' : '') + (mine ? ' is-chosen' : '') + (mine && !o.correct ? ' is-wrong' : '') }, [
          el('span', { 'class': 'opt-icon', 'aria-hidden': 'true', text: o.correct ? '✓' : mine ? '✗' : '' }),
          el('span', { 'class': 'opt-text', html: (q.type == 'tf' ? '' : '<span class="opt-letter">' + String.fromCharCode(65 + pos) + '.</span> ') + o.html })
        ].concat(tags.length ? [' '] : [], tags)));
      });
      list.appendChild(el('li', { 'class': 'q review-item is-' + state, 'data-qid': q.id }, [
        el('h3', { 'class': 'q-head' }, [
          el('span', { 'class': 'q-num', text: tr('question_number', { n: i + 1 }) }), ' ',
          el('span', { 'class': 'q-type', text: q.type_label }), ' ',
          el('span', { 'class': 'review-verdict' }, [Q.icon(full ? '✓' : '✗'), ' ', tr('result_q_' + state)]), ' ',
          el('span', { 'class': 'review-points', text: tr('result_q_points', { got: Q.num(got), points: Q.num(p.points) }) })
        ]),
        q.context ? el('div', { 'class': 'q-context', html: q.context }) : null,
        el('div', { 'class': 'q-stem', html: q.stem }),
        opts,
        Q.answer(q, root, p.order)
      ]));
    });
    return list;
  }

  function record(code) {
    var r = att.result;
    return {
      format: 'shian-exam-result', version: 2, code: code, quiz: quiz.id, title: exam.title || quiz.title, edition: quiz.edition || '',
      hash: quiz.hash, seed: att.seed, questions: paper.map(function (p) { return p.id; }), answers: att.answers,
      started: new Date(att.started).toISOString(), ended: new Date(r.ended).toISOString(), collected: att.collected,
      leaves: +att.leaves || 0, score: r.score, total: r.total, passed: r.passed
    };
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
  if (narrow) {
    var follow = function () { if (ui.drawer && !paperBox.hidden && Q.get(VIEW) == null) { setMode(narrow.matches, false); } };
    if (narrow.addEventListener) { narrow.addEventListener('change', follow); } else if (narrow.addListener) { narrow.addListener(follow); }
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
