/* shian: case index, filters the cards in place (without JS the links open the term pages).
   One term per group, groups combine (AND); the choice is kept in ?query. */
(function () {
  'use strict';
  var box = document.querySelector('[data-cases-filter]');
  if (!box || !$('status')) { return; }
  function $(s) { return box.querySelector('[data-cases-' + s + ']'); }
  function attr(el, n) { return el.getAttribute('data-' + n) || ''; }
  function terms(g) { return g.querySelectorAll('a[data-term]'); }
  var groups = box.querySelectorAll('[data-attr]'), cards = box.querySelectorAll('.case-card'),
    status = $('status'), clear = $('clear'), hint = $('hint'),
    chosen = {}, known = {}, i, j, k, p, links, pairs = location.search.slice(1).split('&');

  function apply(user) {
    var n = 0, any = 0, q = [], i, j, k, c, ok, links;
    for (i = 0; i < cards.length; i++) {
      c = cards[i], ok = 1;
      for (k in chosen) { if (chosen[k] && attr(c, k).split('|').indexOf(chosen[k]) < 0) { ok = 0; } }
      c.hidden = !ok;
      n += ok;
    }
    for (i = 0; i < groups.length; i++) {
      k = attr(groups[i], 'attr');
      for (links = terms(groups[i]), j = 0; j < links.length; j++) {
        links[j][chosen[k] && chosen[k] === attr(links[j], 'term') ? 'setAttribute' : 'removeAttribute']('aria-current', 'true');
      }
      if (chosen[k]) { any = 1; q.push(encodeURIComponent(k) + '=' + encodeURIComponent(chosen[k])); }
    }
    if (clear) { clear.hidden = !any; }
    status.textContent = !any && !user ? '' : n ? attr(box, 'text-shown').replace('{n}', n).replace('{total}', cards.length) : attr(box, 'text-none');
    if (user) {
      try { history.replaceState(history.state, '', q.length ? '?' + q.join('&') : location.pathname); } catch (e) { /* file:// */ }
    }
  }

  // From the address; unknown groups or terms are ignored.
  for (i = 0; i < groups.length; i++) {
    known[k = attr(groups[i], 'attr')] = {};
    for (links = terms(groups[i]), j = 0; j < links.length; j++) { known[k][attr(links[j], 'term')] = 1; }
  }
  for (i = 0; i < pairs.length; i++) {
    p = pairs[i].split('=');
    try { k = decodeURIComponent(p[0]); p = decodeURIComponent(p[1] || ''); } catch (e) { continue; }
    if ((known[k] || {})[p] === 1) { chosen[k] = p; }
  }
  if (hint) { hint.hidden = false; }
  apply(false);

  box.addEventListener('click', function (e) {
    if (e.defaultPrevented || e.button || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) { return; }
    var a = e.target.closest('a'), g = a && a.closest('[data-attr]'), k, t;
    if (g && a.hasAttribute('data-term')) {
      k = attr(g, 'attr'), t = attr(a, 'term');
      chosen[k] = chosen[k] === t ? '' : t;
    } else if (a && a.closest('[data-cases-clear]')) {
      chosen = {};
      // The link hides: focus the status.
      status.tabIndex = -1;
      setTimeout(function () { status.focus(); });
    } else { return; }
    e.preventDefault();
    apply(true);
  });
}());
