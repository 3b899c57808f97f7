/* shian: edition switcher and archived-page banner. Without JS (or when editions.json cannot be
   fetched, e.g. on file://) the switcher is a link to the list of editions and the banner links to
   the same path in the current edition. Text from data-*. */
(function () {
  'use strict';
  var doc = document, box = doc.querySelector('[data-edition-switch]'),
    banner = doc.querySelector('[data-edition-banner]'), src = box || banner;
  // Browsers refuse fetch() on file:// (and say so in the console): the links are the fallback there.
  if (!src || !window.fetch || location.protocol === 'file:') { return; }
  function attr(el, n) { return el.getAttribute('data-' + n) || ''; }
  function $(s, el) { return el.querySelector('[data-' + s + ']'); }
  function fill(s, name) { return s.split('{name}').join(name); }
  // "courses/x/" and "courses/x/index.html" (relative builds) are the same page.
  function norm(p) { return ('' + p).replace(/(^|\/)index\.html$/, '$1'); }
  var root = attr(src, 'root'), path = norm(attr(src, 'path'));

  // The href (root-less) of this page in edition `ed`, or "" when it has no such page.
  function same(ed) {
    for (var ps = ed.paths || [], i = 0; i < ps.length; i++) {
      if (norm(ps[i]) === path) { return (ed.prefix || '') + ps[i]; }
    }
    return '';
  }

  function switcher(eds, current) {
    var name = attr(box, 'name'), id = 'edition-select', form = doc.createElement('form'),
      label = doc.createElement('label'), sel = doc.createElement('select'),
      go = doc.createElement('button'), link = $('edition-index', box), i, ed, o, t;
    form.className = 'edition-form';
    form.setAttribute('data-edition-form', '');
    label.htmlFor = sel.id = id;
    label.textContent = attr(box, 'text-label');
    sel.setAttribute('data-edition-select', '');
    for (i = 0; i < eds.length; i++) {
      ed = eds[i];
      if (!ed || typeof ed.name != 'string') { continue; }
      o = doc.createElement('option');
      o.value = ed.name;
      t = (ed.name === current ? 'current' : '') + (ed.name !== name && !same(ed) ? '-missing' : '');
      t = t ? attr(box, 'text-option-' + t.replace(/^-/, '')) : '{name}';
      o.textContent = fill(t || '{name}', ed.name);
      o.selected = ed.name === name;
      sel.appendChild(o);
    }
    if (sel.options.length < 2) { return; }
    go.type = 'submit';
    go.textContent = attr(box, 'text-go');
    form.appendChild(label);
    form.appendChild(sel);
    form.appendChild(go);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      for (var i = 0; i < eds.length; i++) {
        if (eds[i] && eds[i].name === sel.value && sel.value !== name) {
          location.href = root + (same(eds[i]) || eds[i].home || '');
        }
      }
    });
    // The list of editions (and their changelogs) stays one link away.
    box.insertBefore(form, box.firstChild);
    if (link) { link.parentNode.className += ' edition-switch-all'; link.textContent = attr(link, 'text-all') || link.textContent; }
  }

  function fixBanner(eds, current) {
    var i, ed, a = $('edition-current-link', banner), gone = $('edition-banner-gone', banner);
    for (i = 0; i < eds.length; i++) {
      ed = eds[i];
      if (ed && ed.name === current && a && !same(ed) && ed.home) {
        a.href = root + ed.home;
        a.textContent = attr(banner, 'text-home');
        if (gone) { gone.textContent = attr(banner, 'text-gone'); gone.hidden = false; }
      }
    }
  }

  fetch(root + attr(src, 'json'), { credentials: 'same-origin' }).then(function (r) {
    if (!r.ok) { throw new Error(r.status); }
    return r.json();
  }).then(function (d) {
    var eds = d && d.editions;
    if (!(eds instanceof Array)) { return; }
    if (box) { switcher(eds, d.current); }
    if (banner) { fixBanner(eds, d.current); }
  })['catch'](function () { /* keep the links */ });
}());
