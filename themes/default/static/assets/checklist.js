/* shian self-check form page (docs/checklists.md): the live score and rating, the records of this
   device (save, list, open, delete), the problems a weekly or monthly form gathers from the daily or
   weekly records, CSV export and import, the 自查码 with its QR code, and the one-page print of a
   filled record. The form itself is HTML and works without this script. Needs checklist-data.js,
   codes.js and qr.js. */
(function () {
  'use strict';
  var doc = document, box = doc.querySelector('[data-ck]'), D = window.shianChecklist;
  if (!box || !D) { return; }
  var C, S = {}, form = box.querySelector('[data-ck-form]');
  try { C = JSON.parse(box.querySelector('[data-checklist]').textContent); S = JSON.parse(box.querySelector('[data-ck-strings]').textContent); } catch (e) { return; }
  var keys = C.items.map(function (it) { return it.key; }), current = null, status = $('[data-ck-status]');

  function $(s) { return box.querySelector(s); }
  function all(s, root) { return Array.prototype.slice.call((root || box).querySelectorAll(s)); }
  function tr(k, vars) {
    var s = S['ck_' + k], n;
    s = s == null ? k : '' + s;
    for (n in vars || {}) { s = s.split('{' + n + '}').join(vars[n]); }
    return s;
  }
  function el(tag, attrs, kids) {
    var e = doc.createElement(tag), k;
    for (k in attrs || {}) {
      if (attrs[k] == null || attrs[k] === false) { continue; }
      if (k == 'text') { e.textContent = attrs[k]; } else if (k == 'class') { e.className = attrs[k]; } else { e.setAttribute(k, attrs[k] === true ? '' : attrs[k]); }
    }
    (kids || []).forEach(function (c) { if (c != null) { e.appendChild(typeof c == 'object' ? c : doc.createTextNode(c)); } });
    return e;
  }
  function say(text, bad) { status.textContent = text; status.classList.toggle('is-error', !!bad); }
  function today() {
    var d = new Date();
    return d.getFullYear() + '-' + (d.getMonth() < 9 ? '0' : '') + (d.getMonth() + 1) + '-' + (d.getDate() < 10 ? '0' : '') + d.getDate();
  }
  function field(name) { return form.elements[name]; }
  function answer(id) { var x = form.querySelector('input[name="a-' + id + '"]:checked'); return x ? x.value : ''; }

  all('[data-js]').forEach(function (e) { e.hidden = false; });
  all('[data-nojs]').forEach(function (e) { e.hidden = true; });
  if (!D.ok) { $('[data-ck-storage-off]').hidden = false; }

  /* The form's state as a record. */
  function collect() {
    var r = { title: C.title, date: field('date').value, checker: field('checker').value.trim(), enterprise: field('enterprise').value.trim(), answers: {}, notes: {}, texts: {}, order: [], gathered: [], risk: -1, saved: Date.now() };
    C.items.forEach(function (it) {
      var a = answer(it.id), p = field('p-' + it.id).value.trim(), m = field('m-' + it.id).value.trim();
      r.order.push(it.id);
      r.texts[it.id] = it.text;
      if (a) { r.answers[it.id] = a; }
      if (a == 'fail' && (p || m)) { r.notes[it.id] = { problem: p, action: m }; }
    });
    all('[data-ck-entry]').forEach(function (row) {
      var g = JSON.parse(row.getAttribute('data-ck-entry'));
      ['cause', 'fix', 'owner', 'due', 'status'].forEach(function (f) { g[f] = row.querySelector('[data-f="' + f + '"]').value.trim(); });
      r.gathered.push(g);
    });
    var risk = form.querySelector('input[name="risk"]:checked');
    if (risk) { r.risk = +risk.value; r.riskName = C.bands[r.risk].name; }
    var o = D.outcome(C.items.map(function (it) { return r.answers[it.id] || ''; }), keys, C.bands);
    r.score = o.score;
    r.ratingName = o.rating >= 0 ? C.bands[o.rating].name : '';
    r.zero = o.zero && !r.gathered.length;
    r.fails = o.fail;
    return r;
  }

  function fill(r) {
    field('date').value = r.date || '';
    field('checker').value = r.checker || '';
    field('enterprise').value = r.enterprise || '';
    C.items.forEach(function (it) {
      var a = (r.answers || {})[it.id] || '', n = (r.notes || {})[it.id] || {};
      all('input[name="a-' + it.id + '"]', form).forEach(function (x) { x.checked = x.value == a; });
      field('p-' + it.id).value = n.problem || '';
      field('m-' + it.id).value = n.action || '';
    });
    var risk = r.risk >= 0 ? r.risk : C.bands.map(function (b) { return b.name; }).indexOf(r.riskName);
    all('input[name="risk"]', form).forEach(function (x) { x.checked = +x.value === risk; });
    gather(r.gathered || []);
    update();
  }

  /* Score, rating and the 不符合 fields, after every change. */
  function update() {
    var ans = C.items.map(function (it) { return answer(it.id); }), o = D.outcome(ans, keys, C.bands), note = $('[data-ck-note]');
    C.items.forEach(function (it, i) { doc.getElementById(it.id).classList.toggle('is-fail', ans[i] == 'fail'); });
    if (!$('[data-ck-score]')) { return o; }
    $('[data-ck-score]').textContent = o.score == null ? tr('score_none') : o.score + '%';
    $('[data-ck-rating]').textContent = o.rating >= 0 ? C.bands[o.rating].name : '—';
    $('[data-ck-rating]').className = o.rating >= 0 ? 'band-' + o.rating : '';
    $('[data-ck-answered]').textContent = tr('answered', { n: ans.length - o.blank, total: ans.length }) + (o.fail ? tr('comma') + tr('fail_count', { n: o.fail }) : '');
    note.textContent = o.keyFailed ? tr('key_failed', { band: C.bands[C.bands.length - 1].name }) : o.zero && !o.blank ? tr('zero_note') : '';
    return o;
  }

  /* The records of the form gathered, in the week or month of the date. */
  function gather(saved) {
    var out = $('[data-ck-gathered]'), G = C.gathers, range, src, entries = [], keep = {}, zero = [], have = {}, hint = $('[data-ck-risk-hint]');
    if (!out || !G) { return; }
    out.textContent = '';
    range = D.span(field('date').value || today(), C.period);
    (saved || []).forEach(function (g) { keep[g.source + '|' + g.item] = g; });
    src = D.list(G.id).filter(function (r) { return r.date >= range[0] && r.date <= range[1]; }).reverse();
    src.forEach(function (r) {
      var before = entries.length;
      have[r.date] = 1;
      G.items.forEach(function (it) {
        if ((r.answers || {})[it.id] == 'fail') {
          var n = (r.notes || {})[it.id] || {};
          entries.push({ source: r.date, item: it.id, text: it.text, key: it.key, problem: n.problem || '', action: n.action || '' });
        }
      });
      // A weekly report's own gathered problems go up to the month, with what was done about them.
      (r.gathered || []).forEach(function (g) { entries.push({ source: g.source, item: g.item, text: g.text, key: g.key, problem: g.problem, action: g.action, cause: g.cause, fix: g.fix, owner: g.owner, due: g.due, status: g.status }); });
      if (entries.length == before) { zero.push(r.date + (r.checker ? ' ' + r.checker : '')); }
    });
    out.appendChild(el('p', { 'class': 'hint', text: tr('gathered_hint', { title: G.title, from: range[0], to: range[1] }) }));
    if (zero.length) { out.appendChild(el('p', { 'data-ck-zero': '', text: tr('zero_days', { list: zero.join(tr('list_sep')) }) })); }
    if (G.period == 'daily') {
      var missing = D.days(range[0], range[1]).filter(function (d) { return !have[d] && d <= today(); });
      if (missing.length) { out.appendChild(el('p', { 'class': 'hint', 'data-ck-missing': '', text: tr('missing_days', { list: missing.join(tr('list_sep')) }) })); }
    }
    if (!entries.length) {
      out.appendChild(el('p', { 'data-ck-gathered-none': '', text: tr('gathered_none', { title: G.title, from: range[0], to: range[1] }) }));
    }
    entries.forEach(function (g, n) {
      var was = keep[g.source + '|' + g.item] || {}, id = 'g' + n;
      ['cause', 'fix', 'owner', 'due', 'status'].forEach(function (f) { if (was[f]) { g[f] = was[f]; } });
      var meta = {}, k;
      for (k in g) { if (['cause', 'fix', 'owner', 'due', 'status'].indexOf(k) < 0) { meta[k] = g[k]; } }
      function input(f, label, control) {
        control.id = id + '-' + f;
        control.setAttribute('data-f', f);
        return el('p', null, [el('label', { 'for': control.id, text: label }), ' ', control]);
      }
      var sel = el('select', null, ['todo', 'doing', 'done'].map(function (s) { return el('option', { value: s, text: tr('status_' + s) }); }));
      sel.value = g.status || 'todo';
      var due = el('input', { type: 'date' });
      due.value = g.due || '';
      var fix = el('textarea', { rows: 2, maxlength: 200 });
      fix.value = g.fix || '';
      var cause = el('textarea', { rows: 2, maxlength: 200 });
      cause.value = g.cause || '';
      var owner = el('input', { maxlength: 20 });
      owner.value = g.owner || '';
      out.appendChild(el('fieldset', { 'class': 'ck-entry' + (g.key ? ' is-key' : ''), 'data-ck-entry': JSON.stringify(meta) }, [
        el('legend', null, [g.source + ' · ' + g.text, g.key ? el('strong', { 'class': 'ck-key', text: ' ' + tr('key') }) : null]),
        g.problem ? el('p', null, [el('span', { 'class': 'ck-label', text: tr('problem') + tr('sep') }), g.problem]) : null,
        g.action ? el('p', null, [el('span', { 'class': 'ck-label', text: tr('action') + tr('sep') }), g.action]) : null,
        input('cause', tr('cause'), cause), input('fix', tr('fix'), fix), input('owner', tr('owner'), owner),
        input('due', tr('due'), due), input('status', tr('status'), sel)
      ]));
    });
    // Suggested risk level: none found, the first band; a key item among them, the last.
    var worst = entries.some(function (g) { return g.key; }), b = !entries.length ? 0 : worst ? C.bands.length - 1 : Math.min(1, C.bands.length - 1);
    if (hint) { hint.textContent = tr('risk_hint', { band: C.bands[b].name }); }
  }

  function records() {
    var list = D.list(C.id), holder = $('[data-ck-records]');
    holder.textContent = '';
    if (!list.length) { holder.appendChild(el('p', { text: tr('records_none') })); return; }
    holder.appendChild(el('ul', { 'class': 'ck-record-list' }, list.map(function (r) {
      var label = r.date + ' ' + r.checker, open = el('button', { type: 'button', 'class': 'button-link', 'data-ck-open': D.key(r), text: tr('open') }), del = el('button', { type: 'button', 'class': 'button-link', 'data-ck-delete': D.key(r), text: tr('delete') });
      open.setAttribute('aria-label', tr('open') + ' ' + label);
      del.setAttribute('aria-label', tr('delete') + ' ' + label);
      open.addEventListener('click', function () { fill(r); current = D.key(r); say(tr('opened', { date: r.date, checker: r.checker })); field('date').focus(); });
      del.addEventListener('click', function () {
        var map = D.load(C.id);
        delete map[D.key(r)];
        D.store(C.id, map);
        records();
        say(tr('deleted', { date: r.date, checker: r.checker }));
        $('[data-ck-records-box] h2').focus();
      });
      var facts = (r.score != null ? r.score + '% ' : '') + (r.ratingName || r.riskName || '') + (r.zero ? ' · ' + tr('zero') : r.fails ? ' · ' + tr('fail_count', { n: r.fails }) : '');
      return el('li', { 'data-ck-record': D.key(r) }, [el('span', { text: label }), ' ', el('span', { 'class': 'hint', text: facts }), ' ', open, ' ', del]);
    })));
  }

  function valid(r) {
    if (!r.date || !r.checker) { return tr('need'); }
    for (var i = 0; i < C.items.length; i++) {
      if (r.answers[C.items[i].id] == 'fail' && !(r.notes[C.items[i].id] || {}).problem) { return tr('need_problem', { n: i + 1 }); }
    }
    return '';
  }
  function focusFirstProblem(r) {
    var target = !r.date ? field('date') : !r.checker ? field('checker') : null;
    C.items.some(function (it) { if (!target && r.answers[it.id] == 'fail' && !(r.notes[it.id] || {}).problem) { target = field('p-' + it.id); } return !!target; });
    if (target) { target.focus(); }
  }

  form.addEventListener('change', function (e) {
    if (e.target.name == 'date') { gather(collect().gathered); }
    update();
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var r = collect(), why = valid(r), map;
    if (why) { say(why, true); focusFirstProblem(r); return; }
    map = D.load(C.id);
    if (current && current != D.key(r)) { delete map[current]; }
    map[D.key(r)] = r;
    if (!D.store(C.id, map)) { say(tr('storage_off'), true); return; }
    current = D.key(r);
    try { localStorage.setItem('shian.ck.me', JSON.stringify({ enterprise: r.enterprise, checker: r.checker })); } catch (err) { /* not kept */ }
    records();
    say(tr('saved', { date: r.date, checker: r.checker }));
  });
  // A new record: today, with the enterprise and checker of the last one saved on this device.
  function blank() {
    current = null;
    var me = {};
    try { me = JSON.parse(localStorage.getItem('shian.ck.me') || '{}') || {}; } catch (e) { me = {}; }
    fill({ date: today(), checker: me.checker, enterprise: me.enterprise });
    $('[data-ck-code-box]').hidden = true;
    say('');
  }
  $('[data-ck-new]').addEventListener('click', function () { blank(); field('date').focus(); });

  // 自查码: the record as it is on the screen, saved or not.
  $('[data-ck-code-make]').addEventListener('click', function () {
    var r = collect(), why = valid(r), code, qr = $('[data-ck-qr]'), codeBox = $('[data-ck-code-box]');
    if (why) { say(why, true); focusFirstProblem(r); return; }
    code = D.code(C, r);
    $('[data-ck-code]').textContent = code;
    $('[data-ck-code]').setAttribute('data-code', code);
    try { window.shianQR.draw(qr, window.shianQR.encode(code, 'M'), { scale: 3, margin: 4 }); qr.hidden = false; } catch (e) { qr.hidden = true; }
    codeBox.hidden = false;
    codeBox.querySelector('h2').setAttribute('tabindex', '-1');
    codeBox.querySelector('h2').focus();
  });
  $('[data-ck-copy]').addEventListener('click', function () {
    var b = this, text = $('[data-ck-code]').textContent, old = b.textContent;
    function done(ok) { b.textContent = tr(ok ? 'copied' : 'copy_failed'); setTimeout(function () { b.textContent = old; }, 2000); }
    if (navigator.clipboard && navigator.clipboard.writeText) { navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(false); }); } else { done(false); }
  });

  // Print: a filled record on one A4 page, as a table like the paper record.
  function sheet(r) {
    var s = $('[data-ck-sheet]'), o = D.outcome(C.items.map(function (it) { return r.answers[it.id] || ''; }), keys, C.bands), rows = [];
    s.textContent = '';
    s.appendChild(el('h2', { text: C.title }));
    s.appendChild(el('p', { 'class': 'ck-sheet-meta' }, [tr('enterprise') + tr('sep') + (r.enterprise || ''), '　', tr('date') + tr('sep') + r.date, '　', tr('checker') + tr('sep') + r.checker]));
    C.items.forEach(function (it, i) {
      var a = r.answers[it.id] || '', n = r.notes[it.id] || {};
      rows.push(el('tr', { 'class': a == 'fail' ? 'is-fail' : '' }, [el('td', { text: i + 1 }), el('td', { text: it.text + (it.key ? ' [' + tr('key') + ']' : '') }), el('td', { text: a ? tr(a) : '' }), el('td', { text: [n.problem, n.action].filter(Boolean).join(' / ') })]));
    });
    r.gathered.forEach(function (g) {
      rows.push(el('tr', { 'class': 'is-fail' }, [el('td', { text: g.source }), el('td', { text: g.text }), el('td', { text: tr('status_' + (g.status || 'todo')) }), el('td', { text: [g.problem, g.cause, g.fix, g.owner, g.due].filter(Boolean).join(' / ') })]));
    });
    s.appendChild(el('table', null, [el('thead', null, [el('tr', null, [tr('no'), tr('item'), tr('result'), tr('problem') + ' / ' + tr('action')].map(function (h) { return el('th', { text: h }); }))]), el('tbody', null, rows)]));
    s.appendChild(el('p', { 'class': 'ck-sheet-score', text: tr('score') + tr('sep') + (o.score == null ? '—' : o.score + '%') + '　' + tr('rating') + tr('sep') + (o.rating >= 0 ? C.bands[o.rating].name : '—') + (r.riskName ? '　' + tr('risk') + tr('sep') + r.riskName : '') + (r.zero ? '　' + tr('zero') : '') }));
    s.appendChild(el('p', { 'class': 'ck-sign' }, [el('span', { text: tr('sign_checker') + tr('sep') }), el('span', { text: tr('sign_reviewer') + tr('sep') }), el('span', { text: tr('sign_date') + tr('sep') })]));
  }
  $('[data-ck-print]').addEventListener('click', function () {
    sheet(collect());
    doc.body.classList.add('ck-print-record');
    window.print();
    setTimeout(function () { doc.body.classList.remove('ck-print-record'); }, 1000);
  });
  window.addEventListener('afterprint', function () { doc.body.classList.remove('ck-print-record'); });

  // CSV of every form's records on this device; import merges (a record of the same date and checker is replaced).
  $('[data-ck-export]').addEventListener('click', function () {
    var out = [];
    D.forms().forEach(function (id) {
      D.list(id).forEach(function (r) { out.push({ form: id, title: r.title || (id == C.id ? C.title : id), record: r }); });
    });
    var url = URL.createObjectURL(new Blob([D.toCsv(out)], { type: 'text/csv;charset=utf-8' })), a = el('a', { href: url, download: 'shian-self-checks-' + today() + '.csv' });
    doc.body.appendChild(a);
    a.click();
    doc.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 4000);
  });
  $('[data-ck-import]').addEventListener('change', function (e) {
    var input = e.target, file = input.files && input.files[0], reader = new FileReader();
    if (!file) { return; }
    reader.onload = function () {
      var got = D.fromCsv('' + reader.result), n = 0, id, k, map;
      for (id in got || {}) {
        map = D.load(id);
        for (k in got[id]) { map[k] = got[id][k]; n++; }
        D.store(id, map);
      }
      say(n ? tr('import_done', { n: n }) : tr('import_error'), !n);
      input.value = '';
      records();
      gather(collect().gathered);
    };
    reader.onerror = function () { say(tr('import_error'), true); };
    reader.readAsText(file);
  });

  records();
  blank();
}());
