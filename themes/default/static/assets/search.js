/* shian: the search page. Loads Pagefind's own bundle (an ES module, so a dynamic import()) from
   data-pagefind, reads ?q= and the filters from the address, builds one select per filter from
   pagefind.filters(), renders the results into [data-search-results] and keeps q and the filters in
   the address. Without JS, or when the index cannot be loaded (file://, `shian serve`, no build yet),
   the page says so. Text from data-text-* on [data-search]. */
(function () {
  'use strict';
  var doc = document, box = doc.querySelector('[data-search]');
  if (!box) { return; }
  function $(s) { return box.querySelector('[data-search-' + s + ']'); }
  function text(n) { return box.getAttribute('data-text-' + n) || ''; }
  function fill(s, o) {
    for (var k in o) { if (o.hasOwnProperty(k)) { s = s.split('{' + k + '}').join(o[k]); } }
    return s;
  }
  function el(tag, cls, txt) {
    var e = doc.createElement(tag);
    if (cls) { e.className = cls; }
    if (txt != null) { e.textContent = txt; }
    return e;
  }

  var KEYS = ['kind', 'region', 'industry', 'measure'], KINDS = ['lesson', 'case', 'question', 'data'], PAGE = 10,
    form = $('form'), input = $('input'), list = $('results'), count = $('count'),
    fieldset = $('filters'), more = $('more'), moreBox = $('more-box'), title = $('results-title'),
    root = box.getAttribute('data-root') || '', src = box.getAttribute('data-pagefind'),
    // Relative builds (root "./" or "../") link to folders' index.html, as the rest of the site does.
    relative = /^\./.test(root),
    options = {}, chosen = {}, totals = null, pf = null, found = [], shown = 0, turn = 0, params, i;
  if (!form || !input || !list || !count) { return; }

  var nojs = $('nojs'), error = $('error');
  if (nojs) { nojs.hidden = true; }

  // The address: q and one value per filter.
  try { params = new URLSearchParams(location.search); } catch (e) { params = null; }
  if (params) {
    input.value = params.get('q') || '';
    for (i = 0; i < KEYS.length; i++) { chosen[KEYS[i]] = params.get(KEYS[i]) || ''; }
  }

  function failed() {
    if (error) { error.hidden = false; }
    if (fieldset) { fieldset.hidden = true; }
    // Said once more in the live region, for screen readers; the notice shows it.
    count.className += ' visually-hidden';
    count.textContent = text('error');
  }

  function query() { return input.value.replace(/^\s+|\s+$/g, ''); }
  function filters() {
    var f = {}, any = false;
    for (var k in chosen) { if (chosen[k]) { f[k] = chosen[k]; any = true; } }
    return any ? f : null;
  }

  function remember() {
    var q = [], s = query(), k;
    if (s) { q.push('q=' + encodeURIComponent(s)); }
    for (k = 0; k < KEYS.length; k++) {
      if (chosen[KEYS[k]]) { q.push(encodeURIComponent(KEYS[k]) + '=' + encodeURIComponent(chosen[KEYS[k]])); }
    }
    try { history.replaceState(history.state, '', q.length ? '?' + q.join('&') : location.pathname); } catch (e) { /* file:// */ }
  }

  // Kinds in a fixed order; unknown ones after them.
  function rank(v) { var i = KINDS.indexOf(v); return i < 0 ? KINDS.length : i; }
  // A filter value as shown: the kinds have names in the locale, other values are shown as they are.
  function label(key, value) { return key === 'kind' && text('kind-' + value) || value; }

  function buildFilters(all) {
    var i, j, key, values, names, sel, opt, wrap, lab, any = false;
    if (!fieldset || !all) { return; }
    for (i = 0; i < KEYS.length; i++) {
      key = KEYS[i];
      values = all[key];
      names = [];
      for (j in values) { if (values.hasOwnProperty(j)) { names.push(j); } }
      if (!names.length) { chosen[key] = ''; continue; }
      names.sort(key === 'kind' ? function (a, b) { return rank(a) - rank(b) || (a < b ? -1 : a > b); } : function (a, b) { return a.localeCompare(b, doc.documentElement.lang || undefined); });
      any = true;
      wrap = el('div', 'search-filter');
      lab = el('label', '', text('filter-' + key) || key);
      sel = el('select');
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
      // A value in the address that the index does not know is dropped.
      if (!options[key][chosen[key]]) { chosen[key] = ''; }
      sel.value = chosen[key];
      wrap.appendChild(lab);
      wrap.appendChild(sel);
      fieldset.appendChild(wrap);
    }
    totals = all;
    counts(all);
    fieldset.hidden = !any;
  }

  function nonEmpty(o) { for (var k in o) { if (o.hasOwnProperty(k)) { return true; } } return false; }
  // Option texts with how many results each value gives.
  function counts(c) {
    var key, v, n;
    for (key in options) {
      for (v in options[key]) {
        n = c && c[key] && c[key][v] != null ? c[key][v] : null;
        options[key][v].textContent = n == null ? label(key, v) : fill(text('item'), { name: label(key, v), n: n });
      }
    }
  }

  // The excerpt is HTML with <mark>: only its text and the marks are kept.
  function copy(from, to) {
    for (var n = from.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) { to.appendChild(doc.createTextNode(n.data)); } else if (n.nodeType === 1) { copy(n, n.nodeName === 'MARK' ? to.appendChild(el('mark')) : to); }
    }
  }
  function excerpt(html, p) {
    var t = doc.createElement('template');
    t.innerHTML = html || '';
    copy(t.content || t, p);
  }

  function href(url) {
    return relative && /\/$/.test(url) ? url + 'index.html' : url;
  }

  function item(d) {
    var li = el('li', 'search-result'), h = el('h3', 'search-result-title'), a = el('a', '', d.meta && d.meta.title || d.url),
      meta = el('p', 'search-result-meta'), kinds = d.filters && d.filters.kind || [], p, path, i;
    li.setAttribute('data-search-result', '');
    a.href = href(d.url);
    h.appendChild(a);
    li.appendChild(h);
    for (i = 0; i < kinds.length; i++) { meta.appendChild(el('span', 'search-kind', label('kind', kinds[i]))); meta.appendChild(doc.createTextNode(' ')); }
    try { path = decodeURI(d.url); } catch (e) { path = d.url; }
    meta.appendChild(el('span', 'search-url', path));
    li.appendChild(meta);
    if (d.excerpt) {
      p = el('p', 'search-excerpt');
      excerpt(d.excerpt, p);
      li.appendChild(p);
    }
    return li;
  }

  // Shows the next page of results; `focus` moves focus to the first new one ("more" button).
  function page(mine, focus) {
    var next = found.slice(shown, shown + PAGE);
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (data) {
      if (mine !== turn) { return; }
      var first = null, li, i;
      for (i = 0; i < data.length; i++) {
        li = list.appendChild(item(data[i]));
        first = first || li.querySelector('a');
      }
      shown += data.length;
      if (more) {
        more.textContent = fill(text('more'), { n: Math.min(PAGE, found.length - shown), total: found.length });
        if (moreBox) { moreBox.hidden = shown >= found.length; }
      }
      if (focus && first) { first.focus(); }
    });
  }

  function run() {
    var mine = ++turn, q = query(), f = filters();
    remember();
    if (!pf) { return; }
    list.textContent = '';
    found = [];
    shown = 0;
    if (moreBox) { moreBox.hidden = true; }
    if (title) { title.hidden = true; }
    if (!q && !f) { count.textContent = ''; return; }
    count.textContent = text('loading');
    pf.search(q || null, f ? { filters: f } : {}).then(function (res) {
      if (mine !== turn || !res) { return; }
      found = res.results || [];
      // Counts for this query before any filter: each option then says what choosing it alone gives.
      counts(q && nonEmpty(res.totalFilters) ? res.totalFilters : totals);
      return page(mine, false).then(function () {
        if (mine !== turn) { return; }
        var n = found.length;
        if (title) { title.hidden = !n; }
        count.textContent = fill(text(n ? (q ? 'count' : 'count-filtered') : (q ? 'none' : 'none-filtered')), { n: n, q: q });
      });
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
  if (more) { more.addEventListener('click', function () { page(turn, true); }); }

  // Pagefind's bundle is found from the page (the import itself would resolve against this script).
  if (!src || location.protocol === 'file:') { failed(); return; }
  var base = new URL(root || '/', location.href).pathname;
  if (query() || filters()) { count.textContent = text('loading'); }
  import(new URL(src, location.href).href).then(function (p) {
    return Promise.resolve(p.options({ baseUrl: base })).then(function () {
      p.init();
      return p.filters();
    }).then(function (all) {
      pf = p;
      buildFilters(all);
      run();
    });
  })['catch'](failed);
}());
