/* shian self-check records (docs/checklists.md), the parts without a page: records kept in
   localStorage under shian.ck.v1.<checklist id>, the score and rating (the rule of
   src/checklists/record.rs), the 自查码 (src/checklists/code.rs, with codes.js), the days of a week or
   month, and the CSV that carries a device's records to another one. Defines window.shianChecklist. */
(function () {
  'use strict';
  if (window.shianChecklist) { return; }
  var ls = null, PREFIX = 'shian.ck.v1.', BOM = '\uFEFF';
  try { ls = window.localStorage; ls.setItem('shian._t', '1'); ls.removeItem('shian._t'); } catch (e) { ls = null; }

  /* A form's records: { '<date>|<checker>': record }. */
  function load(id) {
    try { var v = JSON.parse(ls.getItem(PREFIX + id) || '{}'); return v && typeof v == 'object' && !(v instanceof Array) ? v : {}; } catch (e) { return {}; }
  }
  function store(id, map) {
    try { ls.setItem(PREFIX + id, JSON.stringify(map)); return true; } catch (e) { return false; }
  }
  function key(r) { return r.date + '|' + r.checker; }
  function forms() {
    var out = [], i, k;
    try { for (i = 0; ls && i < ls.length; i++) { k = ls.key(i); if (k && k.indexOf(PREFIX) === 0) { out.push(k.slice(PREFIX.length)); } } } catch (e) { /* none */ }
    return out.sort();
  }
  /* Records of a form, newest date first. */
  function list(id) {
    var map = load(id);
    return Object.keys(map).map(function (k) { return map[k]; }).filter(function (r) { return r && r.date; })
      .sort(function (a, b) { return a.date < b.date ? 1 : a.date > b.date ? -1 : (a.checker < b.checker ? -1 : 1); });
  }

  /* answers: [pass|fail|na|''] in item order, keys: [bool]. Same as record.rs. */
  function outcome(answers, keys, bands) {
    var o = { pass: 0, fail: 0, na: 0, blank: 0, score: null, rating: -1, keyFailed: false, zero: false };
    answers.forEach(function (a, i) {
      if (a == 'pass') { o.pass++; } else if (a == 'fail') { o.fail++; if (keys[i]) { o.keyFailed = true; } } else if (a == 'na') { o.na++; } else { o.blank++; }
    });
    if (o.pass + o.fail > 0) {
      o.score = Math.round(o.pass * 1000 / (o.pass + o.fail)) / 10;
      if (o.keyFailed) { o.rating = bands.length - 1; } else {
        o.rating = bands.length - 1;
        for (var b = 0; b < bands.length; b++) { if (o.score + 1e-9 >= bands[b].min) { o.rating = b; break; } }
      }
    }
    o.zero = o.fail === 0 && o.pass + o.na > 0;
    return o;
  }

  function day(date) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date || '');
    return m ? Math.floor(Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86400000) : null;
  }
  function dateOf(n) { return new Date(n * 86400000).toISOString().slice(0, 10); }
  /* [first, last] dates of the week (Monday to Sunday) or month holding `date`. */
  function span(date, period) {
    var n = day(date), first, last, d;
    if (n == null) { return null; }
    if (period == 'weekly') {
      first = n - (n + 3) % 7;
      return [dateOf(first), dateOf(first + 6)];
    }
    d = date.slice(0, 8);
    last = new Date(Date.UTC(+date.slice(0, 4), +date.slice(5, 7), 0)).getUTCDate();
    return [d + '01', d + (last < 10 ? '0' : '') + last];
  }
  function days(from, to) {
    var out = [], a = day(from), b = day(to);
    for (; a != null && a <= b; a++) { out.push(dateOf(a)); }
    return out;
  }

  var BITS = { '': 0, pass: 1, fail: 2, na: 3 };
  /* The 自查码 of record r of checklist c (the page's JSON). */
  function code(c, r) {
    var C = window.shianCode, w = new C.Writer(), ans = c.items.map(function (it) { return (r.answers || {})[it.id] || ''; }), i, b, crc;
    w.byte(3);
    w.text(c.id);
    w.text(c.edition || '');
    for (i = 0; i < 8; i++) { w.byte(parseInt(c.hash.substr(i * 2, 2), 16) || 0); }
    w.varint(day(r.date) || 0);
    w.text(r.enterprise || '');
    w.text(r.checker || '');
    w.varint(ans.length);
    for (i = 0; i < ans.length; i += 4) {
      b = 0;
      ans.slice(i, i + 4).forEach(function (a, j) { b |= BITS[a] << (j * 2); });
      w.byte(b);
    }
    w.varint(r.risk >= 0 && r.risk !== '' && r.risk != null ? +r.risk + 1 : 0);
    w.varint((r.gathered || []).length);
    w.varint((r.gathered || []).filter(function (g) { return g.status != 'done'; }).length);
    crc = C.crc32(w.b);
    w.raw([crc >>> 24, crc >>> 16 & 255, crc >>> 8 & 255, crc & 255]);
    return 'SK1' + C.b64(w.b);
  }

  /* CSV: one row per answered item and per gathered problem; a record with neither gets one row. */
  var COLS = ['form', 'title', 'date', 'checker', 'enterprise', 'row', 'item', 'text', 'result', 'problem', 'action', 'cause', 'fix', 'owner', 'due', 'status', 'source', 'risk', 'score', 'rating', 'saved'];
  var HEAD = ['表单编号', '表单', '检查日期', '检查人', '企业名称', '行类型', '项目编号', '检查项', '结果', '问题描述', '处置措施', '原因', '整改措施', '责任人', '期限', '完成情况', '来源记录', '风险等级', '得分', '评级', '保存时间'];
  var ROW = { item: '检查项', gathered: '汇总', record: '记录' }, RES = { pass: '符合', fail: '不符合', na: '不适用' };
  var STATUS = { done: '已完成', doing: '整改中', todo: '未整改' };
  function cell(v) {
    v = v == null ? '' : '' + v;
    // A leading = + - @ would be a formula in Excel: quote it with an apostrophe-free tab guard.
    if (/^[=+\-@]/.test(v)) { v = "'" + v; }
    return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  function back(map, v) { for (var k in map) { if (map[k] == v) { return k; } } return v; }
  /* records: [{form, title, record}] */
  function toCsv(records) {
    var lines = [HEAD.join(',')];
    records.forEach(function (x) {
      var r = x.record, base = { form: x.form, title: x.title, date: r.date, checker: r.checker, enterprise: r.enterprise || '', risk: r.riskName || '', score: r.score == null ? '' : r.score, rating: r.ratingName || '', saved: r.saved ? new Date(r.saved).toISOString() : '' }, rows = [];
      (r.order || Object.keys(r.answers || {})).forEach(function (id) {
        var a = (r.answers || {})[id], n = (r.notes || {})[id] || {};
        if (a) { rows.push({ row: ROW.item, item: id, text: (r.texts || {})[id] || '', result: RES[a], problem: n.problem, action: n.action }); }
      });
      (r.gathered || []).forEach(function (g) {
        rows.push({ row: ROW.gathered, item: g.item, text: g.text, result: RES.fail, problem: g.problem, action: g.action, cause: g.cause, fix: g.fix, owner: g.owner, due: g.due, status: STATUS[g.status] || '', source: g.source });
      });
      if (!rows.length) { rows.push({ row: ROW.record }); }
      rows.forEach(function (row) {
        lines.push(COLS.map(function (c) { return cell(row[c] != null ? row[c] : base[c]); }).join(','));
      });
    });
    return BOM + lines.join('\r\n') + '\r\n';
  }
  function parseCsv(text) {
    var rows = [], row = [], f = '', q = false, i, ch;
    text = text.replace(/^\uFEFF/, '');
    for (i = 0; i < text.length; i++) {
      ch = text.charAt(i);
      if (q) {
        if (ch == '"' && text.charAt(i + 1) == '"') { f += '"'; i++; } else if (ch == '"') { q = false; } else { f += ch; }
      } else if (ch == '"') { q = true; } else if (ch == ',') { row.push(f); f = ''; } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && text.charAt(i + 1) == '\n') { i++; }
        row.push(f); rows.push(row); row = []; f = '';
      } else { f += ch; }
    }
    if (f || row.length) { row.push(f); rows.push(row); }
    return rows;
  }
  function unguard(v) { return /^'[=+\-@]/.test(v) ? v.slice(1) : v; }
  /* -> { '<form>': { '<key>': record } }, or null when the file is not such a CSV. */
  function fromCsv(text) {
    var rows = parseCsv(text), head = rows.shift() || [], ix = {}, out = {}, n = 0;
    COLS.forEach(function (c, i) { ix[c] = head.indexOf(HEAD[i]); });
    if (ix.form < 0 || ix.date < 0 || ix.checker < 0) { return null; }
    rows.forEach(function (cols) {
      function v(c) { return ix[c] < 0 ? '' : unguard(cols[ix[c]] || ''); }
      if (!v('form') || !day(v('date'))) { return; }
      var form = out[v('form')] = out[v('form')] || {}, k = v('date') + '|' + v('checker'), r = form[k];
      if (!r) {
        r = form[k] = { title: v('title'), date: v('date'), checker: v('checker'), enterprise: v('enterprise'), answers: {}, notes: {}, texts: {}, order: [], gathered: [], riskName: v('risk'), saved: Date.parse(v('saved')) || 0 };
        n++;
      }
      if (v('row') == ROW.item && v('item')) {
        r.answers[v('item')] = back(RES, v('result'));
        r.texts[v('item')] = v('text');
        r.order.push(v('item'));
        if (v('problem') || v('action')) { r.notes[v('item')] = { problem: v('problem'), action: v('action') }; }
      } else if (v('row') == ROW.gathered) {
        r.gathered.push({ item: v('item'), text: v('text'), problem: v('problem'), action: v('action'), cause: v('cause'), fix: v('fix'), owner: v('owner'), due: v('due'), status: back(STATUS, v('status')), source: v('source') });
      }
    });
    return n ? out : null;
  }

  window.shianChecklist = { ok: !!ls, load: load, store: store, key: key, forms: forms, list: list, outcome: outcome, day: day, span: span, days: days, code: code, toCsv: toCsv, fromCsv: fromCsv, parseCsv: parseCsv };
}());
