/* shian 模拟考试, the paper on screen: bar, questions with 标记, the 答题卡 with 交卷, and the 逐题
   view (上一题 / 下一题, the 答题卡 in a drawer; the view chosen is kept in shian.exam.view).
   Sets window.shianExam.paper(ctx) -> { render, closeSheet } for quiz-exam.js. Needs quiz-core.js. */
(function () {
  'use strict';
  var Q = window.shianQuiz, doc = document;
  if (!Q) { return; }
  var tr = Q.tr, el = Q.el, VIEW = 'shian.exam.view';
  var narrow = window.matchMedia ? window.matchMedia('(max-width: 40em)') : null;

  var ctx, ui, paperBox; // from quiz-exam.js: window.shianExam.paper(ctx), at the end

  // The paper of ctx.paper() into the paper box, in the view wanted, with the attempt's answers.
  function render() {
    var paper = ctx.paper(), list = el('div', { 'class': 'q-list exam-questions' }), grid = el('ul', { 'class': 'sheet-grid' });
    ui.items = {};
    ui.sheet = {};
    bar();
    paper.forEach(function (p, i) {
      list.appendChild(question(p, i));
      grid.appendChild(el('li', null, [sheetItem(p, i)]));
    });
    answerSheet(grid);
    stepNav();
    drawer();
    var total = paper.reduce(function (s, p) { return s + p.points; }, 0);
    paperBox.textContent = '';
    paperBox.appendChild(ui.bar);
    paperBox.appendChild(ui.title);
    paperBox.appendChild(el('div', { 'class': 'exam-paper-head' }, [
      el('p', { 'class': 'hint', text: tr('exam_paper_meta', { n: paper.length, total: Q.num(ctx.exam.total_points || total) }) }),
      el('p', { 'class': 'exam-mode', role: 'group', 'aria-labelledby': 'exam-mode-label' }, [
        el('span', { id: 'exam-mode-label', 'class': 'exam-mode-label', text: tr('exam_view') }), ' ', ui.modeStep, ui.modeAll
      ])
    ]));
    paperBox.appendChild(list);
    paperBox.appendChild(ui.nav);
    paperBox.appendChild(ui.sheetBox);
    paperBox.appendChild(ui.drawer);
    ui.at = Math.max(0, Math.min(paper.length - 1, +ctx.att().at || 0));
    setMode(stepWanted(), false);
    sync();
  }

  // The sticky bar: the clock (quiz-exam.js runs it), the progress, and the way to the 答题卡.
  function bar() {
    ui.timer = el('strong', { 'class': 'exam-clock-time', role: 'timer', 'data-timer': '' });
    ui.progress = el('span', { 'class': 'exam-progress' });
    ui.title = el('h2', { id: 'exam-paper-title', tabindex: '-1', text: tr('exam_paper') });
    ui.toSheet = el('a', { 'class': 'exam-bar-link', href: '#exam-sheet', text: tr('exam_to_sheet') });
    ui.toSheet.addEventListener('click', function (e) { e.preventDefault(); ui.sheetTitle.focus(); });
    ui.openSheet = el('button', { type: 'button', 'class': 'exam-bar-button', 'aria-haspopup': 'dialog', 'data-open-sheet': '', text: tr('exam_open_sheet') });
    ui.openSheet.addEventListener('click', openSheet);
    ui.bar = el('div', { 'class': 'exam-bar' }, [
      el('p', { 'class': 'exam-clock' }, [el('span', { 'class': 'exam-clock-label', text: tr('exam_time_left') }), ' ', ui.timer]),
      el('p', { 'class': 'exam-bar-progress' }, [ui.progress]),
      el('p', { 'class': 'exam-bar-nav' }, [ui.toSheet, ui.openSheet])
    ]);
  }

  // Question i of the paper, its answer kept in the attempt on every change, with its 标记 button.
  function question(p, i) {
    var att = ctx.att(), q = ctx.byId[p.id], item = Q.build(q, { idp: 'x-', number: i + 1, order: p.order, relabel: true, context: true, points: p.points });
    var flag = el('button', { type: 'button', 'class': 'flag-toggle', 'aria-pressed': 'false', 'data-flag': '' }, [
      Q.icon('⚐'), ' ', tr('exam_flag'), el('span', { 'class': 'visually-hidden', text: ' ' + (i + 1) })
    ]);
    flag.addEventListener('click', function () {
      var att = ctx.att(), on = att.flags.indexOf(p.id) < 0;
      att.flags = att.flags.filter(function (f) { return f != p.id; });
      if (on) { att.flags.push(p.id); }
      ctx.save();
      sync();
    });
    item.appendChild(el('div', { 'class': 'q-actions' }, [flag]));
    item.addEventListener('change', function () {
      var att = ctx.att(), c = Q.chosen(item);
      if (c.length) { att.answers[p.id] = c; } else { delete att.answers[p.id]; }
      ctx.save();
      sync();
    });
    if (att.answers[p.id] instanceof Array) { Q.choose(item, att.answers[p.id]); }
    ui.items[p.id] = { el: item, flag: flag, index: i };
    return item;
  }
  function sheetItem(p, i) {
    var b = el('button', { type: 'button', 'class': 'sheet-item', 'data-sheet-item': '', 'data-qid-target': p.id, 'data-state': 'unanswered' }, [
      el('span', { 'class': 'sheet-num', text: '' + (i + 1) }), el('span', { 'class': 'sheet-mark', 'aria-hidden': 'true' }), el('span', { 'class': 'visually-hidden' })
    ]);
    b.addEventListener('click', function () { jump(p.id); });
    ui.sheet[p.id] = b;
    return b;
  }

  // The answer sheet: the numbers, a summary, 交卷, and the warning when some are unanswered.
  function answerSheet(grid) {
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
      if (!left) { ctx.submit(false); return; }
      ui.confirmText.textContent = tr('exam_confirm_text', { n: left });
      ui.confirm.hidden = false;
      ui.cont.focus();
    });
    ui.cont.addEventListener('click', function () {
      ui.confirm.hidden = true;
      jump(unanswered()[0]);
    });
    ui.anyway.addEventListener('click', function () { ctx.submit(false); });
    ui.confirm.addEventListener('keydown', function (e) {
      // Escape closes the warning only (in the drawer, not the drawer too).
      if (e.key == 'Escape' || e.keyCode == 27) { e.preventDefault(); e.stopPropagation(); ui.confirm.hidden = true; ui.submit.focus(); }
    });
    // At the end of the paper, or (one question at a time) in the drawer.
    ui.sheetBox = el('section', { id: 'exam-sheet', 'class': 'exam-sheet', 'aria-labelledby': 'exam-sheet-title', 'data-sheet': '' }, [
      ui.sheetTitle, el('p', { 'class': 'hint', text: tr('exam_sheet_hint') }), ui.sheetSum, grid,
      el('div', { 'class': 'exam-submit' }, [ui.submit, ui.confirm])
    ]);
  }

  // One question at a time: 上一题 / 下一题 and where we are; the last 下一题 opens the answer sheet.
  // Then the two buttons that choose the view.
  function stepNav() {
    ui.prev = el('button', { type: 'button', 'class': 'button button-secondary', 'data-prev': '', text: tr('exam_prev') });
    ui.next = el('button', { type: 'button', 'class': 'button', 'data-next': '', text: tr('exam_next') });
    ui.position = el('p', { 'class': 'exam-position', 'aria-live': 'polite', 'data-position': '' });
    ui.prev.addEventListener('click', function () { show(ui.at - 1, true); });
    ui.next.addEventListener('click', function () {
      if (ui.at >= ctx.paper().length - 1) { openSheet(); } else { show(ui.at + 1, true); }
    });
    ui.nav = el('div', { 'class': 'exam-step-nav', 'data-step-nav': '' }, [ui.prev, ui.position, ui.next]);
    ui.modeStep = el('button', { type: 'button', 'class': 'exam-mode-button', 'aria-pressed': 'false', 'data-set-mode': 'step', text: tr('exam_view_step') });
    ui.modeAll = el('button', { type: 'button', 'class': 'exam-mode-button', 'aria-pressed': 'false', 'data-set-mode': 'all', text: tr('exam_view_all') });
    ui.modeStep.addEventListener('click', function () { setMode(true, true); });
    ui.modeAll.addEventListener('click', function () { setMode(false, true); });
  }

  // The drawer the answer sheet moves into in the one-question view.
  function drawer() {
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
    if (chosen && was !== step) { ui.items[ctx.paper()[ui.at].id].el.scrollIntoView(); }
  }
  // Shows question i (one-question view); `moved`: by 上一题 / 下一题, so its top is brought into view.
  function show(i, moved) {
    var paper = ctx.paper(), att = ctx.att(), n = paper.length, it;
    i = Math.max(0, Math.min(n - 1, i || 0));
    ui.at = i;
    if (att && att.at !== i) { att.at = i; ctx.save(); }
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
    (ui.sheet[ctx.paper()[ui.at].id] || ui.close).focus();
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

  function answered(id) { return ctx.att().answers[id] instanceof Array && ctx.att().answers[id].length > 0; }
  function unanswered() { return ctx.paper().filter(function (p) { return !answered(p.id); }).map(function (p) { return p.id; }); }

  // Answer sheet, progress and flag buttons from the attempt.
  function sync() {
    var paper = ctx.paper(), att = ctx.att(), done = 0, flagged = 0;
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

  // Until the learner chooses, the view follows the screen's width.
  function follow() { if (ui.drawer && !paperBox.hidden && Q.get(VIEW) == null) { setMode(narrow.matches, false); } }

  (window.shianExam = window.shianExam || {}).paper = function (c) {
    ctx = c;
    ui = c.ui;
    paperBox = c.box;
    if (narrow) {
      if (narrow.addEventListener) { narrow.addEventListener('change', follow); } else if (narrow.addListener) { narrow.addListener(follow); }
    }
    return { render: render, closeSheet: closeSheet };
  };
}());
