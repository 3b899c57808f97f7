/* shian certificate check (/verify/): reads a certificate code (from #SC1… in the address or the form),
   checks its Ed25519 signature against the organiser's public key in the page, offline, and shows the
   certificate with a QR code of its own address, or says plainly that it is forged or altered.
   Needs codes.js, qr.js and ed25519.js. */
(function () {
  'use strict';
  var doc = document, box = doc.querySelector('[data-verify]');
  if (!box || !window.shianCode || !window.shianEd25519) { return; }
  var C = window.shianCode, cfg = {}, S = {};
  try { cfg = JSON.parse(doc.getElementById('shian-verify').textContent); } catch (e) { /* empty */ }
  try { S = JSON.parse(doc.getElementById('shian-verify-strings').textContent); } catch (e) { /* keys show */ }
  var form = box.querySelector('[data-verify-form]'), input = box.querySelector('[data-verify-input]'), out = box.querySelector('[data-verify-result]');

  function tr(k) { var s = S['verify_' + k]; return s == null ? k : '' + s; }
  function el(tag, attrs, kids) {
    var e = doc.createElement(tag), k;
    for (k in attrs || {}) { if (k == 'text') { e.textContent = attrs[k]; } else if (k == 'class') { e.className = attrs[k]; } else { e.setAttribute(k, attrs[k]); } }
    (kids || []).forEach(function (c) { if (c != null) { e.appendChild(typeof c == 'object' ? c : doc.createTextNode(c)); } });
    return e;
  }
  function num(x) { return '' + Math.round(x * 100) / 100; }
  // The date in China (UTC+8), whatever the device's zone.
  function day(secs) { return new Date((secs + 8 * 3600) * 1000).toISOString().slice(0, 10); }

  function show(state, kids) {
    out.textContent = '';
    out.setAttribute('data-state', state);
    out.className = 'verify-result is-' + state;
    kids.forEach(function (k) { out.appendChild(k); });
    out.hidden = false;
  }
  function invalid(reason) {
    show('invalid', [el('h2', { text: '✗ ' + tr('invalid') }), el('p', { 'data-verify-reason': '', text: tr(reason) })]);
  }
  function valid(code, cert) {
    var facts = el('dl', { 'class': 'facts cert-facts' }), qr = el('canvas', { 'class': 'cert-qr', 'data-cert-qr': '', role: 'img', 'aria-label': tr('qr') });
    function fact(k, v, hook) { facts.appendChild(el('div', null, [el('dt', { text: k }), el('dd', hook ? { 'data-cert-score': '', text: v } : { text: v })])); }
    cert.fields.forEach(function (f) { fact(f[0], f[1]); });
    fact(tr('exam'), (cfg.exams || {})[cert.quiz] || cert.quiz);
    if (cert.edition) { fact(tr('edition'), cert.edition); }
    fact(tr('score'), num(cert.score) + ' / ' + num(cert.total), true);
    fact(tr('date'), day(cert.ended));
    try { window.shianQR.draw(qr, window.shianQR.encode((cfg.url || '') + '#' + code, 'M'), { scale: 3, margin: 4 }); } catch (e) { qr = null; }
    var print = el('button', { type: 'button', 'class': 'button button-secondary', text: tr('print') });
    print.addEventListener('click', function () { window.print(); });
    show('valid', [el('h2', { text: '✓ ' + tr('valid') }), el('p', { text: tr('valid_note') }), facts, qr, el('p', { 'class': 'verify-actions' }, [print])]);
  }

  function check(code) {
    code = (code || '').replace(/\s+/g, '');
    if (!code) { invalid('empty'); return; }
    var c = C.certificate(code), key = C.unb64((cfg.public_key || '').replace(/^ed25519:/, ''));
    if (c.error) { invalid(c.error); return; }
    if (!key || key.length != 32) { invalid('no_key'); return; }
    var msg = C.utf8('shian-certificate-v1\n').concat(c.payload);
    window.shianEd25519.verifyAsync(new Uint8Array(c.sig), new Uint8Array(msg), new Uint8Array(key)).then(function (ok) {
      box.setAttribute('data-verified-by', window.shianEd25519.lastPath || '');
      if (ok) { valid(code, c.cert); } else { invalid('forged'); }
    }, function () { invalid('forged'); });
  }

  form.hidden = false;
  box.querySelectorAll('[data-nojs]').forEach(function (e) { e.hidden = true; });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    check(input.value);
  });
  var fromUrl = decodeURIComponent((location.hash || '').replace(/^#/, ''));
  if (fromUrl) { input.value = fromUrl; check(fromUrl); }
}());
