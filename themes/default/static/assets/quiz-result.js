/* shian exam result, the parts a learner hands in: the result code (text with a copy button, a QR code
   drawn in the page, and [data-result-code] for tools), a share image (PNG drawn in the page, to save
   and send in WeChat), and the two print views: the one-page 成绩单, and the review on request.
   Nothing is sent anywhere. Needs quiz-core.js, codes.js and qr.js; defines window.shianResult. */
(function () {
  'use strict';
  var Q = window.shianQuiz, doc = document;
  if (!Q || window.shianResult) { return; }
  var tr = Q.tr, el = Q.el;

  function copy(text, button) {
    function done(ok) {
      var old = button.textContent;
      button.textContent = tr(ok ? 'result_code_copied' : 'result_code_copy_failed');
      setTimeout(function () { button.textContent = old; }, 2000);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(legacy(text)); });
    } else {
      done(legacy(text));
    }
  }
  // file:// and old WebViews have no clipboard API: a selected textarea and execCommand.
  function legacy(text) {
    var t = el('textarea', { 'class': 'visually-hidden', readonly: true }), ok = false;
    t.value = text;
    doc.body.appendChild(t);
    t.select();
    try { ok = doc.execCommand('copy'); } catch (e) { ok = false; }
    doc.body.removeChild(t);
    return ok;
  }

  function qrCanvas(text, scale, label) {
    var c = el('canvas', { 'class': 'result-qr', role: 'img', 'aria-label': label });
    try { window.shianQR.draw(c, window.shianQR.encode(text, 'M'), { scale: scale, margin: 4 }); } catch (e) { return null; }
    return c;
  }

  // Lines of `text` no wider than `width` on `ctx`, broken between characters (Chinese has no spaces).
  function wrap(ctx, text, width) {
    var lines = [], line = '', i, ch;
    for (i = 0; i < text.length; i++) {
      ch = text.charAt(i);
      if (line && ctx.measureText(line + ch).width > width) { lines.push(line); line = ''; }
      line += ch;
    }
    if (line) { lines.push(line); }
    return lines;
  }

  /* r: {code, title, passed, score, total, percent, names: [[label, value]], date} */
  function shareImage(r) {
    var W = 720, c = el('canvas'), ctx, y = 72, qr, size;
    qr = window.shianQR.encode(r.code, 'M');
    size = (qr.size + 8) * Math.max(2, Math.floor(400 / (qr.size + 8)));
    c.width = W;
    c.height = 560 + size + 28 * r.names.length;
    ctx = c.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, W, c.height);
    ctx.fillStyle = r.passed ? '#1b5e20' : '#b71c1c';
    ctx.fillRect(0, 0, W, 16);
    ctx.fillStyle = '#111';
    ctx.textBaseline = 'alphabetic';
    ctx.font = 'bold 34px sans-serif';
    wrap(ctx, r.title, W - 80).forEach(function (l) { ctx.fillText(l, 40, y); y += 44; });
    y += 20;
    ctx.font = 'bold 64px sans-serif';
    ctx.fillStyle = r.passed ? '#1b5e20' : '#b71c1c';
    ctx.fillText((r.passed ? '✓ ' : '✗ ') + tr(r.passed ? 'result_passed' : 'result_failed'), 40, y + 40);
    ctx.fillStyle = '#111';
    ctx.font = '36px sans-serif';
    ctx.fillText(tr('result_score') + tr('sep') + Q.num(r.score) + ' / ' + Q.num(r.total) + '（' + Q.num(r.percent) + '%）', 40, y + 100);
    y += 150;
    ctx.font = '28px sans-serif';
    r.names.concat([[tr('result_ended'), r.date]]).forEach(function (n) { ctx.fillText(n[0] + tr('sep') + n[1], 40, y); y += 40; });
    window.shianQR.draw(c, qr, { scale: size / (qr.size + 8), margin: 4, x: (W - size) / 2, y: y });
    y += size + 36;
    ctx.font = '24px monospace';
    ctx.textAlign = 'center';
    ctx.fillText(tr('result_code') + tr('sep') + r.code.slice(0, 16) + '…', W / 2, y);
    return c.toDataURL('image/png');
  }

  function codeSection(r) {
    var code = el('code', { 'class': 'result-code-text', 'data-result-code': r.code, text: r.code });
    var copyBtn = el('button', { type: 'button', 'class': 'button', 'data-copy-code': '', text: tr('result_code_copy') });
    var shareBtn = el('button', { type: 'button', 'class': 'button button-secondary', 'data-share': '', text: tr('result_share') });
    var shareBox = el('div', { 'class': 'result-share', 'data-share-box': '', hidden: true });
    var qr = qrCanvas(r.code, 3, tr('result_code_qr'));
    copyBtn.addEventListener('click', function () { copy(r.code, copyBtn); });
    shareBtn.addEventListener('click', function () {
      var url;
      try { url = shareImage(r); } catch (e) { shareBox.textContent = tr('result_share_failed'); shareBox.hidden = false; return; }
      shareBox.textContent = '';
      shareBox.appendChild(el('img', { src: url, alt: tr('result_share_alt', { title: r.title }), 'data-share-image': '' }));
      shareBox.appendChild(el('p', { 'class': 'hint', text: tr('result_share_hint') }));
      shareBox.appendChild(el('p', null, [el('a', { href: url, download: 'result-' + r.code.slice(3, 11) + '.png', text: tr('result_share_save') })]));
      shareBox.hidden = false;
    });
    return el('section', { 'class': 'result-code', 'aria-labelledby': 'result-code-title' }, [
      el('h3', { id: 'result-code-title', text: tr('result_code') }),
      el('p', { 'class': 'hint', text: tr('result_code_hint') }),
      el('div', { 'class': 'result-code-row' }, [qr, el('p', { 'class': 'result-code-box' }, [code])]),
      el('p', { 'class': 'result-actions result-code-actions' }, [copyBtn, ' ', shareBtn]),
      shareBox
    ]);
  }

  // 打印成绩单 prints the top of the result on one page; 打印逐题回顾 adds the review.
  function printButtons(section) {
    var sheet = el('button', { type: 'button', 'class': 'button button-secondary', 'data-print-sheet': '', text: tr('result_print') });
    var review = el('button', { type: 'button', 'class': 'button button-secondary', 'data-print-review': '', text: tr('result_print_review') });
    sheet.addEventListener('click', function () { section.classList.remove('print-review'); window.print(); });
    review.addEventListener('click', function () {
      section.classList.add('print-review');
      window.print();
      setTimeout(function () { section.classList.remove('print-review'); }, 1000);
    });
    return [sheet, review];
  }

  window.shianResult = { codeSection: codeSection, printButtons: printButtons, shareImage: shareImage };
}());
