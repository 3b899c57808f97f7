/* shian 我的记录 on the quiz hub: export every shian.* key to a JSON file, import one back, clear them
   all after a confirm step; and the size of the 错题本 beside its link. Needs quiz-core.js. */
(function () {
  'use strict';
  var Q = window.shianQuiz, doc = document;
  if (!Q) { return; }
  var tr = Q.tr, count = doc.querySelector('[data-wrong-count]'), box = doc.querySelector('[data-records]');

  function wrongCount() {
    var n = Object.keys(Q.obj(Q.get(Q.WRONG)) || {}).length;
    if (count) { count.textContent = n ? tr('wrong_link_count', { n: n }) : ''; }
  }
  wrongCount();
  if (!box) { return; }
  function $(s) { return box.querySelector(s); }
  var status = $('[data-records-status]'), total = $('[data-records-count]'), clear = $('[data-clear]'), confirm = $('[data-clear-confirm]');

  function say(text, bad) {
    status.textContent = text;
    status.classList.toggle('is-error', !!bad);
  }
  function refresh() {
    total.textContent = tr('records_count', { n: Q.keys().length });
    wrongCount();
  }
  function pad(n) { return (n < 10 ? '0' : '') + n; }

  Q.enhance(box);
  if (!Q.ok) {
    say(tr('storage_off'), true);
    Q.all('button, input', box).forEach(function (b) { b.disabled = true; });
    return;
  }
  refresh();

  $('[data-export]').addEventListener('click', function () {
    var d = new Date(), out = { format: 'shian-records', version: 1, exported: d.toISOString(), data: {} };
    Q.keys().forEach(function (k) {
      var v = Q.get(k);
      out.data[k] = v == null ? Q.raw(k) : v;
    });
    Q.download('shian-records-' + d.getFullYear() + pad(d.getMonth() + 1) + pad(d.getDate()) + '-' + pad(d.getHours()) + pad(d.getMinutes()) + '.json', out);
  });

  $('[data-import]').addEventListener('change', function (e) {
    var input = e.target, file = input.files && input.files[0], reader;
    if (!file) { return; }
    reader = new FileReader();
    reader.onload = function () {
      var n = 0, map = null, k;
      try {
        map = JSON.parse(reader.result);
        map = Q.obj(map && map.format == 'shian-records' ? map.data : map);
      } catch (err) { map = null; }
      for (k in map || {}) {
        if (k.indexOf('shian.') === 0 && Q.set(k, map[k])) { n++; }
      }
      say(n ? tr('import_done', { n: n }) : tr('import_error'), !n);
      input.value = '';
      refresh();
    };
    reader.onerror = function () { say(tr('import_error'), true); };
    reader.readAsText(file);
  });

  function ask(on) {
    confirm.hidden = !on;
    clear.setAttribute('aria-expanded', on ? 'true' : 'false');
  }
  clear.addEventListener('click', function () {
    var text = $('[data-clear-text]');
    text.textContent = tr('clear_confirm', { n: Q.keys().length });
    say('');
    ask(true);
    text.focus();
  });
  $('[data-clear-no]').addEventListener('click', function () { ask(false); clear.focus(); });
  $('[data-clear-yes]').addEventListener('click', function () {
    Q.keys().forEach(Q.del);
    ask(false);
    refresh();
    clear.focus();
    say(tr('clear_done'));
  });
  confirm.addEventListener('keydown', function (e) {
    if (e.key == 'Escape' || e.keyCode == 27) { ask(false); clear.focus(); }
  });
}());
