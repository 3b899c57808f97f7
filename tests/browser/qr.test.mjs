// qr.js (the page's QR encoder) checked against an independent decoder (jsQR): every version, every
// level, Chinese text; capacities as ISO/IEC 18004 tabulates them; draw() paints a readable symbol,
// also into part of a larger canvas. Runs in Node: qr.js only needs a 2D context's fillRect.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import jsQR from 'jsqr';
import { REPO_ROOT } from './helpers.mjs';

function load() {
  const box = { window: {} };
  vm.runInNewContext(fs.readFileSync(path.join(REPO_ROOT, 'themes/default/static/assets/qr.js'), 'utf8'), box);
  return box.window.shianQR;
}

/** A canvas whose 2D context supports what qr.js uses, backed by an RGBA buffer. */
function canvas(width = 0, height = 0) {
  const c = { width, height, data: null, fill: [0, 0, 0] };
  const ensure = () => {
    if (!c.data || c.data.length !== c.width * c.height * 4) { c.data = new Uint8ClampedArray(c.width * c.height * 4).fill(128); }
  };
  c.getContext = () => ({
    set fillStyle(v) { c.fill = v === '#fff' || v === '#ffffff' ? [255, 255, 255] : [0, 0, 0]; },
    fillRect(x, y, w, h) {
      ensure();
      for (let j = Math.max(0, Math.round(y)); j < Math.min(c.height, Math.round(y + h)); j++) {
        for (let i = Math.max(0, Math.round(x)); i < Math.min(c.width, Math.round(x + w)); i++) {
          c.data.set([...c.fill, 255], (j * c.width + i) * 4);
        }
      }
    },
  });
  return c;
}

function decode(Q, qr, scale = 3) {
  const c = canvas();
  Q.draw(c, qr, { scale, margin: 4 });
  const hit = jsQR(c.data, c.width, c.height, { inversionAttempts: 'dontInvert' });
  return hit && hit.data;
}

/** The longest byte string that fits, found by encoding: the version must still be v. */
function capacity(Q, version, ecc) {
  let n = 0;
  while (Q.encode('x'.repeat(n + 1), ecc).version <= version) { n++; if (n > 3000) { break; } }
  return n;
}

test('capacities match the standard (byte mode)', () => {
  const Q = load();
  assert.equal(capacity(Q, 1, 'M'), 14);
  assert.equal(capacity(Q, 2, 'M'), 26);
  assert.equal(capacity(Q, 1, 'L'), 17);
  assert.equal(capacity(Q, 1, 'H'), 7);
  assert.equal(capacity(Q, 10, 'L'), 271);
  assert.equal(capacity(Q, 10, 'Q'), 151);
  assert.equal(Q.encode('x'.repeat(2953), 'L').version, 40);
  assert.throws(() => Q.encode('x'.repeat(2954), 'L'), /too long/);
  assert.throws(() => Q.encode('x', 'Z'), /ecc/);
  const qr = Q.encode('x'.repeat(2953), 'L');
  assert.equal(qr.size, 177);
});

test('round trip through jsQR at every level and across versions', () => {
  const Q = load();
  const seen = new Set();
  for (const ecc of ['L', 'M', 'Q', 'H']) {
    for (const len of [1, 10, 20, 40, 80, 150, 300, 600]) {
      const text = Array.from({ length: len }, (_, i) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[(i * 7 + len) % 64]).join('');
      const qr = Q.encode(text, ecc);
      seen.add(qr.version);
      assert.equal(decode(Q, qr), text, `${ecc} length ${len} (version ${qr.version}, mask ${qr.mask})`);
    }
  }
  assert.ok(seen.size >= 12, `versions covered: ${[...seen].sort((a, b) => a - b)}`);
  assert.ok([...seen].some((v) => v >= 7), 'a version with version information');
});

test('every mask decodes, and the chosen one varies with the data', () => {
  const Q = load();
  for (const text of ['SA1', 'https://example.org/verify/#SC1' + 'q'.repeat(90)]) {
    for (let mask = 0; mask < 8; mask++) {
      const qr = Q.encode(text, 'M', mask);
      assert.equal(qr.mask, mask);
      assert.equal(decode(Q, qr), text, `mask ${mask}`);
    }
  }
  const masks = new Set();
  for (let i = 0; i < 60; i++) { masks.add(Q.encode(`SA1${i.toString(36)}${'q'.repeat(i)}`, 'M').mask); }
  assert.ok(masks.size >= 5, `masks chosen: ${[...masks]}`);
});

test('UTF-8 text, a result code and drawing at an offset', () => {
  const Q = load();
  const text = '食品安全管理员 模拟考试 SA1ARJzYW1yLW1vY2sIMjAyNAEjRWeJq83vgNCs8w7gg7S6BpgLAgIJXyBOCS15Ok 😀';
  assert.equal(decode(Q, Q.encode(text, 'M')), text);
  const qr = Q.encode('SA1-offset', 'M');
  const c = canvas(400, 300);
  c.getContext().fillRect(0, 0, 400, 300); // a black page; the symbol brings its own white quiet zone
  const px = Q.draw(c, qr, { scale: 4, margin: 4, x: 150, y: 60 });
  assert.equal(px, (qr.size + 8) * 4);
  assert.equal(c.width, 400, 'an offset draw keeps the canvas size');
  const hit = jsQR(c.data, c.width, c.height, { inversionAttempts: 'dontInvert' });
  assert.equal(hit && hit.data, 'SA1-offset');
  assert.ok(hit.location.topLeftCorner.x > 150, 'drawn at the offset');
  assert.equal(qr.dark(-1, 0), false);
  assert.equal(qr.dark(0, 0), true, 'the top-left finder');
});
