/* shian: progress, 学完 toggle, term tips. Enhancement only; text from data-*. */
(function () {
  'use strict';
  var KEY = 'shian.progress.v1', doc = document, ls; // {course: [lesson slugs]}
  try { ls = localStorage; ls.setItem(KEY + 't', 1); ls.removeItem(KEY + 't'); } catch (e) { ls = null; }
  function load() {
    try { var d = JSON.parse(ls.getItem(KEY)); return d && d.constructor == Object ? d : {}; } catch (e) { return {}; }
  }
  function list(d, c) { return d[c] instanceof Array ? d[c] : []; }
  function attr(el, n) { return el.getAttribute('data-' + n) || ''; }
  function $(s, el) { return (el || doc).querySelector(s); }

  // Lesson: 学完 toggle; hidden if nothing can be kept.
  var btn = $('.done-toggle'), live = $('[data-live]');
  function show(v) {
    btn.setAttribute('aria-pressed', '' + v);
    btn.textContent = attr(btn, v ? 'label-on' : 'label-off');
  }
  function initToggle() {
    show(list(load(), attr(btn, 'course')).indexOf(attr(btn, 'lesson')) > -1);
    btn.removeAttribute('hidden');
  }
  if (btn && ls) {
    btn.addEventListener('click', function () {
      var d = load(), c = attr(btn, 'course'), s = attr(btn, 'lesson'), done = list(d, c), i = done.indexOf(s);
      if (i < 0) { done.push(s); } else { done.splice(i, 1); }
      d[c] = done;
      try { ls.setItem(KEY, JSON.stringify(d)); } catch (e) { return; }
      show(i < 0);
      // The texts alternate, so each is read out.
      if (live) { live.textContent = attr(btn, i < 0 ? 'announce-on' : 'announce-off'); }
    });
  }

  // Course: progress; badge per finished lesson.
  var box = $('[data-course][data-lessons]');
  function initProgress() {
    var area = $('[data-progress]', box), total = +attr(box, 'lessons');
    if (!area || !total) { return; }
    var done = list(load(), attr(box, 'course')), items = box.querySelectorAll('[data-lesson]'), n = 0, i, b, el, it, next = null;
    for (i = 0; i < items.length; i++) {
      b = $('.done-badge', it = items[i]);
      if (done.indexOf(attr(it, 'lesson')) < 0) {
        if (b) { b.parentNode.removeChild(b); }
        if (!next) { next = $('a', it); }
        continue;
      }
      n++;
      if (!b) {
        b = doc.createElement('strong');
        b.className = 'done-badge';
        b.textContent = attr(box, 'done-label');
        el = $('a', it) || it;
        el.appendChild(doc.createTextNode(' ')); // a separate word
        el.appendChild(b);
      }
    }
    if ((el = $('progress', area))) { el.max = total; el.value = n; }
    if ((el = $('[data-progress-status]', area))) {
      el.textContent = attr(box, 'progress-text').replace('{done}', n).replace('{total}', total);
    }
    area.removeAttribute('hidden');
    startAt(n, next);
  }
  // 开始学习 leads to the first unfinished lesson once one is done; with all done, back to lesson 1.
  function startAt(n, next) {
    var start = $('[data-course-start]', box);
    if (!start || !n) { return; }
    if (next) {
      start.href = next.href;
      start.textContent = attr(start, 'continue').replace('{title}', next.textContent);
    } else {
      start.textContent = attr(start, 'review');
    }
  }
  // And when back/forward restores it.
  function init() {
    if (btn && ls) { initToggle(); }
    if (box && ls) { initProgress(); }
  }
  init();
  window.addEventListener('pageshow', function (e) { if (e.persisted) { init(); } });

  // Terms: on touch tap 1 opens the tip, tap 2 follows the link.
  var touched = 0;
  function up(el, c) {
    for (; el && el.classList; el = el.parentNode) {
      if (el.classList.contains(c)) { return el; }
    }
    return null;
  }
  function shut(k) {
    for (var o = doc.querySelectorAll('.term.is-open'), i = 0; i < o.length; i++) { if (o[i] != k) { o[i].classList.remove('is-open'); } }
  }
  function on(t, f, c) { doc.addEventListener(t, f, c); }
  on('touchstart', function () { touched = +new Date(); }, true);
  on('click', function (e) {
    var t = up(e.target, 'term'), cl = t && t.classList;
    shut(t);
    if (cl && up(e.target, 'term-link') && !cl.contains('is-open') && new Date() - touched < 1000) {
      e.preventDefault();
      reset();
      cl.add('is-open');
    }
  });
  // Escape hides tips till focus or pointer moves.
  var html = doc.documentElement.classList;
  on('keydown', function (e) {
    if (e.keyCode != 27) { return; }
    shut();
    html.add('terms-off');
  });
  function reset() { html.remove('terms-off'); }
  on('focusin', reset);
  on('mouseout', reset);
}());
