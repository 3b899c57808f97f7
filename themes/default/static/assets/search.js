/* shian: the search page, on shian's own index (docs/search-format.md) and search-core.js. Every
   index file is a script that hands its data to window.shianSearch, so it loads with <script>
   elements: over HTTP, under `shian serve` and from file:// alike. The folder comes from
   data-search-index on [data-search]; the page reads ?q= and the filters (kind, region, industry,
   measure) from the address and writes them back, builds one select per filter from meta.f inside
   the collapsed [data-search-filters], and renders ten results at a time into
   [data-search-results]. Without JS, or when the index cannot be loaded (a build with --no-search),
   the page says so. Every node is built with createElement and textContent: no markup from the
   index ever reaches the page. Text from data-text-* on [data-search]. */
(function () {
  'use strict';
  var doc = document, box = doc.querySelector('[data-search]'), core = window.shianSearchCore;
  if (!box) { return; }
  function $(s) { return box.querySelector('[data-search-' + s + ']'); }
  function text(n) { return box.getAttribute('data-text-' + n) || ''; }
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function fill(s, o) {
    for (var k in o) { if (has(o, k)) { s = s.split('{' + k + '}').join(o[k]); } }
    return s;
  }
  function el(tag, cls, txt) {
    var e = doc.createElement(tag);
    if (cls) { e.className = cls; }
    if (txt != null) { e.textContent = txt; }
    return e;
  }

  var KEYS = ['kind', 'region', 'industry', 'measure'],
    KINDS = ['lesson', 'course', 'case', 'law', 'question', 'checklist', 'data', 'page'], PAGE = 10,
    form = $('form'), input = $('input'), list = $('results'), count = $('count'),
    filterBox = $('filters'), filterBody = $('filters-body'), summary = $('filters-summary'),
    more = $('more'), moreBox = $('more-box'), title = $('results-title'), stale = $('stale'),
    root = box.getAttribute('data-root') || '', dir = box.getAttribute('data-search-index') || '',
    // Relative builds (root "./" or "../") link to folders' index.html, as the rest of the site does.
    relative = /^\./.test(root),
    summaryText = summary ? summary.textContent : '',
    meta = null, sets = {}, options = {}, chosen = {}, marks = [], found = [], shown = 0, turn = 0, params, i;
  if (!form || !input || !list || !count) { return; }

  var nojs = $('nojs'), error = $('error');
  if (nojs) { nojs.hidden = true; }

  // The address: q and one value per filter.
  try { params = new URLSearchParams(location.search); } catch (e) { params = null; }
  for (i = 0; i < KEYS.length; i++) { chosen[KEYS[i]] = params && params.get(KEYS[i]) || ''; }
  if (params) { input.value = params.get('q') || ''; }

  /* Loading. Each file calls one of these with its data; load() inserts the <script> once and
     resolves with what the file delivered (a file that loads but delivers nothing is an error). */
  var received = {}, files = {};
  window.shianSearch = {
    meta: function (m) { received.meta = m; },
    t: function (k, data) { received['t' + k] = data; },
    p: function (n, data) { received['p' + n] = data; }
  };

  function script(src) {
    return new Promise(function (resolve, reject) {
      var s = doc.createElement('script');
      function done() {
        s.onload = s.onerror = null;
        if (s.parentNode) { s.parentNode.removeChild(s); }
      }
      s.onload = function () { done(); resolve(); };
      s.onerror = function () { done(); reject(new Error(src)); };
      s.src = src;
      (doc.head || doc.documentElement).appendChild(s);
    });
  }

  // The shards and records carry the index's generation tag, so that a browser never mixes a
  // cached file of an older index with this meta (file:// ignores the query).
  function version() { return meta && meta.g ? '?g=' + encodeURIComponent(meta.g) : ''; }

  function load(key, file) {
    var p = files[key];
    if (p) { return p; }
    p = files[key] = script(dir + file + (key === 'meta' ? '' : version())).then(function () {
      var data = received[key];
      delete received[key];
      if (data == null) { throw new Error(file); }
      return data;
    });
    // A failed file may be tried again by a later search (a dropped connection).
    p['catch'](function () { if (files[key] === p) { delete files[key]; } });
    return p;
  }
  function shardFile(k) { return load('t' + k, 't/' + k + '.js'); }
  function record(id) { return load('p' + id, 'p/' + id + '.js'); }

  function failed() {
    if (error) { error.hidden = false; }
    if (filterBox) { filterBox.hidden = true; }
    if (stale) { stale.hidden = true; }
    if (moreBox) { moreBox.hidden = true; }
    // Said once more in the live region, for screen readers; the notice shows it.
    count.className += ' visually-hidden';
    count.textContent = text('error');
  }

  /* The address and the filters */
  function query() { return input.value.replace(/^\s+|\s+$/g, ''); }
  function chosenKeys() {
    var out = [], k;
    for (k = 0; k < KEYS.length; k++) { if (chosen[KEYS[k]]) { out.push(KEYS[k]); } }
    return out;
  }

  function remember() {
    var q = [], s = query(), keys = chosenKeys(), k;
    if (s) { q.push('q=' + encodeURIComponent(s)); }
    for (k = 0; k < keys.length; k++) { q.push(encodeURIComponent(keys[k]) + '=' + encodeURIComponent(chosen[keys[k]])); }
    try { history.replaceState(history.state, '', q.length ? '?' + q.join('&') : location.pathname); } catch (e) { /* some file:// browsers */ }
  }

  // The filters' id lists, decoded once: sets[key][value] = {ids: [...], has: {id: true}}.
  function decodeFilters(f) {
    var k, v, ids, j, key;
    for (k = 0; k < KEYS.length; k++) {
      key = KEYS[k];
      sets[key] = {};
      for (v in f && f[key] || {}) {
        if (!has(f[key], v)) { continue; }
        ids = core.decodeIds(f[key][v]);
        sets[key][v] = { ids: ids, has: {} };
        for (j = 0; j < ids.length; j++) { sets[key][v].has[ids[j]] = true; }
      }
    }
  }

  // Whether a record passes every chosen filter.
  function allowed(id, keys) {
    for (var k = 0; k < keys.length; k++) { if (!sets[keys[k]][chosen[keys[k]]].has[id]) { return false; } }
    return true;
  }

  // Kinds in a fixed order; unknown ones after them.
  function rank(v) { var r = KINDS.indexOf(v); return r < 0 ? KINDS.length : r; }
  // A filter value as shown: the kinds have names in the locale, other values are shown as they are.
  function label(key, value) { return key === 'kind' && text('kind-' + value) || value; }

  function valuesOf(key) {
    var names = [], v;
    for (v in sets[key]) { if (has(sets[key], v)) { names.push(v); } }
    return names.sort(key === 'kind' ? function (a, b) { return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0); } :
      function (a, b) { return a.localeCompare(b, doc.documentElement.lang || undefined); });
  }

  function buildFilter(key, names) {
    var wrap = el('div', 'search-filter'), lab = el('label', '', text('filter-' + key) || key), sel = el('select'), opt, j;
    sel.id = lab.htmlFor = 'search-filter-' + key;
    sel.name = key;
    sel.setAttribute('data-search-filter', key);
    sel.appendChild(el('option', '', text('all'))).value = '';
    options[key] = {};
    for (j = 0; j < names.length; j++) {
      opt = el('option');
      opt.value = names[j];
      options[key][names[j]] = opt;
      sel.appendChild(opt);
    }
    sel.value = chosen[key];
    wrap.appendChild(lab);
    wrap.appendChild(sel);
    return wrap;
  }

  function buildFilters() {
    var any = false, k, names;
    for (k = 0; k < KEYS.length; k++) {
      // A value in the address that the index does not know is dropped.
      if (!has(sets[KEYS[k]], chosen[KEYS[k]])) { chosen[KEYS[k]] = ''; }
      names = valuesOf(KEYS[k]);
      if (!names.length) { continue; }
      any = true;
      if (filterBody) { filterBody.appendChild(buildFilter(KEYS[k], names)); }
    }
    if (filterBox) { filterBox.hidden = !any || !filterBody; }
    summarise();
  }

  // The closed filters still say how many are chosen: "筛选结果（已选 1 项）".
  function summarise() {
    var n = chosenKeys().length;
    if (summary) { summary.textContent = n ? fill(text('filters-chosen'), { n: n }) : summaryText; }
  }

  // Option texts with how many results each value gives: for a query, among its unfiltered
  // results (so each option says what choosing it alone gives); without one, among all records.
  function counts(results) {
    var key, v, n, j, s;
    for (key in options) {
      for (v in options[key]) {
        s = sets[key][v];
        if (results) {
          for (n = 0, j = 0; j < results.length; j++) { if (s.has[results[j].id]) { n++; } }
        } else {
          n = s.ids.length;
        }
        options[key][v].textContent = fill(text('item'), { name: label(key, v), n: n });
      }
    }
  }

  /* Results */

  // Where a result leads: the record's address, with the snippet's section unless the address has
  // an anchor of its own (a question's #q-); in relative builds a folder becomes its index.html.
  function href(rec, sn) {
    var u = '' + (rec.u || ''), hash = '', at = u.indexOf('#');
    if (at >= 0) {
      hash = u.slice(at);
      u = u.slice(0, at);
    } else if (sn.section) {
      hash = '#' + sn.section[1];
    }
    if (relative && (u === '' || /\/$/.test(u))) { u += 'index.html'; }
    return root + u + hash;
  }

  function metaLine(rec) {
    var p = el('p', 'search-result-meta'), rest = [];
    p.appendChild(el('span', 'search-kind', label('kind', rec.k)));
    if (rec.c) { rest.push(el('span', 'search-context', rec.c)); }
    if (meta.e) { rest.push(el('span', 'search-edition', fill(text('edition'), { name: meta.e }))); }
    for (var j = 0; j < rest.length; j++) {
      p.appendChild(doc.createTextNode(j ? ' \u00b7 ' : ' '));
      p.appendChild(rest[j]);
    }
    return p;
  }

  function excerpt(parts) {
    var p = el('p', 'search-excerpt');
    for (var j = 0; j < parts.length; j++) {
      p.appendChild(parts[j][1] ? el('mark', '', parts[j][0]) : doc.createTextNode(parts[j][0]));
    }
    return p;
  }

  function item(rec) {
    var sn = core.snippet(rec.x, rec.h, marks), li = el('li', 'search-result'),
      h = el('h3', 'search-result-title'), a = el('a', '', rec.t || rec.u);
    li.setAttribute('data-search-result', '');
    a.href = href(rec, sn);
    h.appendChild(a);
    li.appendChild(h);
    li.appendChild(metaLine(rec));
    if (sn.parts.length) { li.appendChild(excerpt(sn.parts)); }
    return li;
  }

  // Shows the next page of results; `focus` moves focus to the first new one ("more" button).
  function page(mine, focus) {
    var next = found.slice(shown, shown + PAGE);
    return Promise.all(next.map(function (r) { return record(r.id); })).then(function (recs) {
      if (mine !== turn) { return; }
      var first = null, li, j;
      for (j = 0; j < recs.length; j++) {
        li = list.appendChild(item(recs[j]));
        first = first || li.querySelector('a');
      }
      shown += recs.length;
      if (more) {
        more.textContent = fill(text('more'), { n: Math.min(PAGE, found.length - shown), total: found.length });
        if (moreBox) { moreBox.hidden = shown >= found.length; }
      }
      if (focus && first) { first.focus(); }
    });
  }

  // The query's results before any filter, best first: the tokens' shards are loaded, then scored.
  function scored(q) {
    var tokens = core.queryTokens(q, meta.d), wanted = {}, loads = [], k, j;
    for (j = 0; j < tokens.length; j++) {
      k = core.shard(tokens[j], meta.s);
      if (!has(wanted, k)) { wanted[k] = true; loads.push(shardFile(k)); }
    }
    return Promise.all(loads).then(function (shards) { return core.score(tokens, shards); });
  }

  // Without a query: every record the filters let through, in id (address) order.
  function filtered(keys) {
    var ids = sets[keys[0]][chosen[keys[0]]].ids, out = [], j;
    for (j = 0; j < ids.length; j++) { if (allowed(ids[j], keys)) { out.push({ id: ids[j], score: 0, matched: 0 }); } }
    return out;
  }

  function finish(mine, q, results) {
    var keys = chosenKeys();
    if (mine !== turn) { return; }
    counts(q ? results : null);
    found = [];
    for (var j = 0; j < results.length; j++) { if (allowed(results[j].id, keys)) { found.push(results[j]); } }
    return page(mine, false).then(function () {
      if (mine !== turn) { return; }
      var n = found.length;
      if (title) { title.hidden = !n; }
      count.textContent = fill(text(n ? (q ? 'count' : 'count-filtered') : (q ? 'none' : 'none-filtered')), { n: n, q: q });
    });
  }

  function run() {
    var mine = ++turn, q = query(), keys = chosenKeys();
    remember();
    summarise();
    if (!meta) { return; }
    list.textContent = '';
    found = [];
    shown = 0;
    if (moreBox) { moreBox.hidden = true; }
    if (title) { title.hidden = true; }
    if (!q && !keys.length) { counts(null); count.textContent = ''; return; }
    count.textContent = text('loading');
    marks = q ? core.queryMarks(q, meta.d) : [];
    (q ? scored(q) : Promise.resolve(filtered(keys))).then(function (results) {
      return finish(mine, q, results);
    })['catch'](function () { if (mine === turn) { failed(); } });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    run();
  });
  form.addEventListener('change', function (e) {
    var key = e.target && e.target.getAttribute('data-search-filter');
    if (key) {
      chosen[key] = e.target.value;
      run();
    }
  });
  if (more) { more.addEventListener('click', function () { page(turn, true)['catch'](failed); }); }

  if (!core || !dir) { failed(); return; }
  if (query() || chosenKeys().length) { count.textContent = text('loading'); }
  load('meta', 'meta.js').then(function (m) {
    if (!m || m.v !== 1 || !(m.s > 0)) { throw new Error('search index format'); }
    meta = m;
    decodeFilters(m.f);
    if (stale && m.stale === true) { stale.hidden = false; }
    buildFilters();
    run();
  })['catch'](failed);
}());
