// codes.js (the page's writer of result codes) against the Rust reader: the same attempt gives the
// same code, byte for byte (src/results/code.rs pins SAMPLE_CODE), and certificates decode.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { REPO_ROOT } from './helpers.mjs';

function load() {
  const box = { window: {} };
  vm.runInNewContext(fs.readFileSync(path.join(REPO_ROOT, 'themes/default/static/assets/codes.js'), 'utf8'), box);
  return box.window.shianCode;
}

// src/results/code.rs, tests::SAMPLE_CODE: encode(sample()).
const SAMPLE_CODE =
  'SA1ARJzYW1yLW1vY2sIMjAyNAEjRWeJq83vgNCs8w7gg7S6BpgLAgIJXyBOCS15Ok-LALd1M2xfTnNOGmcJllBRbFP4IwECBAgBAgQIAQIECAECBAgBAgQIAQIECAECBAgBAgQIAQIEgc4S7A';

test('the page writes the bytes shian reads', () => {
  const C = load();
  const started = 1_733_100_000 * 1000;
  const code = C.result({
    quiz: 'samr-mock', edition: '2024', hash: '0123456789abcdef', seed: 4_000_000_000,
    started, ended: started + 1_432_000, leaves: 2,
    collected: ['张三', '示例·申江乳业有限公司'],
    answers: Array.from({ length: 35 }, (_, i) => 1 << (i % 4)),
  });
  assert.equal(code, SAMPLE_CODE);
});

test('base64url, CRC-32 and texts', () => {
  const C = load();
  assert.equal(C.crc32(C.utf8('123456789')), 0xcbf43926);
  for (const n of [0, 1, 2, 3, 4, 5, 31, 64]) {
    const bytes = Array.from({ length: n }, (_, i) => (i * 37) & 255);
    assert.deepEqual(Array.from(C.unb64(C.b64(bytes))), bytes);
  }
  assert.equal(C.unb64('A'), null, 'a length no encoder makes');
  assert.equal(C.unb64('ab+/'), null, 'not base64url');
  const w = new C.Writer();
  w.text('张三');
  w.text('abc');
  w.varint(2 ** 40);
  const r = new C.Reader(w.b);
  assert.equal(r.text(), '张三');
  assert.equal(r.text(), 'abc');
  assert.equal(r.varint(), 2 ** 40);
  assert.equal(C.certificate('SC1AAAA').error, 'truncated');
  assert.equal(C.certificate('XYZ').error, 'malformed');
  assert.equal(C.certificate('SC2AAAA').error, 'version');
});

// src/checklists/code.rs, tests::SAMPLE_CODE: the self-check record written by checklist-data.js.
test('the form page writes the 自查码 bytes shian reads', () => {
  const box = { window: {} };
  for (const f of ['codes.js', 'checklist-data.js']) {
    vm.runInNewContext(fs.readFileSync(path.join(REPO_ROOT, 'themes/default/static/assets', f), 'utf8'), box);
  }
  const D = box.window.shianChecklist;
  const items = Array.from({ length: 29 }, (_, i) => ({ id: `i${i}`, key: false }));
  const kinds = ['pass', 'pass', 'fail', 'na', 'pass', ''];
  const answers = {};
  items.forEach((it, i) => { if (kinds[i % 6]) answers[it.id] = kinds[i % 6]; });
  const code = D.code(
    { id: 'food-production-daily', edition: '2024', hash: '0123456789abcdef', items },
    { date: '2024-10-04', enterprise: '示例·申江乳业有限公司', checker: '李四', answers, risk: -1, gathered: [] },
  );
  assert.equal(code, 'SK1Aypmb29kLXByb2R1Y3Rpb24tZGFpbHkIMjAyNAEjRWeJq83voJwBLXk6T4sAt3UzbF9Oc04aZwmWUFFsU_gJZ05W2x3lUR7lUR7lAQAAAI5llSo');
  // The score rule of src/checklists/record.rs: a failed key item rates the last band.
  const bands = [{ min: 95, name: 'a' }, { min: 80, name: 'b' }, { min: 0, name: 'c' }];
  assert.deepEqual(
    [D.outcome(['pass', 'pass', 'pass', 'pass', 'fail'], [false, false, false, false, false], bands).rating,
     D.outcome(['fail', 'pass', 'pass', 'pass', 'pass'], [true, false, false, false, false], bands).rating,
     D.outcome(['pass', 'pass', 'fail'], [false, false, false], bands).score],
    [1, 2, 66.7],
  );
  assert.deepEqual([...D.span('2024-12-04', 'weekly')], ['2024-12-02', '2024-12-08']);
  assert.deepEqual([...D.span('2024-02-10', 'monthly')], ['2024-02-01', '2024-02-29']);
});
