// Results without a server, in a real Chromium: the sample site's mock exam finished with a fixed seed
// on a 360x640 phone, its result code read from [data-result-code], copied, drawn as a QR code and a
// share image (both decoded with jsQR), the 成绩单 printed on one A4 page; then `shian quiz grade` on
// a chat log holding the code gives the page's score and verdict. Certificates: one signed by
// `shian quiz certify` verifies on /verify/ (WebCrypto and the page's own verifier), one with a
// changed score is rejected.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import jsQR from 'jsqr';
import {
  REPO_ROOT,
  TEST_TIMEOUT_MS,
  WAIT_MS,
  closeAllBrowsers,
  copyDir,
  copySampleSite,
  guardRequests,
  launchBrowser,
  makeTempDir,
  removeTempDirs,
  runShian,
  startServe,
  stopAllServers,
} from './helpers.mjs';

const PHONE = { width: 360, height: 640 };
const DESKTOP = { width: 1280, height: 800 };
const SEED = 424242;

let browser;
const guards = [];

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await closeAllBrowsers();
  await stopAllServers();
  removeTempDirs();
});

async function newContext(label, options = {}) {
  const context = await browser.newContext(options);
  guards.push({ label, outside: guardRequests(context) });
  await context.route('**/__shian/livereload.js', (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: '/* live reload off */' }),
  );
  return context;
}

/** The QR code in a canvas (or an image drawn into one), decoded with jsQR. */
async function decodeQr(page, selector) {
  const img = await page.evaluate(async (sel) => {
    const el = document.querySelector(sel);
    let canvas = el;
    if (el.tagName === 'IMG') {
      await el.decode();
      canvas = document.createElement('canvas');
      canvas.width = el.naturalWidth;
      canvas.height = el.naturalHeight;
      canvas.getContext('2d').drawImage(el, 0, 0);
    }
    const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    return { w: d.width, h: d.height, data: Array.from(d.data) };
  }, selector);
  const found = jsQR(Uint8ClampedArray.from(img.data), img.w, img.h);
  return found && found.data;
}

function pdfPages(buffer) {
  return (buffer.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
}

/** Finishes the page's mock exam: every question right except the first `wrong`; leaves the page once. */
async function takeExam(page, base, examPath, { wrong = 0, name = '张三', company = '示例·申江乳业有限公司' } = {}) {
  await page.goto(`${base}${examPath}?seed=${SEED}`);
  await page.locator('[data-start-form]').waitFor({ state: 'visible', timeout: WAIT_MS });
  await page.locator('[data-collect="姓名"]').fill(name);
  await page.locator('[data-collect="企业"]').fill(company);
  await page.locator('[data-start]').click();
  await page.locator('[data-paper] .q[data-qid]').first().waitFor({ state: 'visible', timeout: WAIT_MS });
  // The questions come in the exam's pool script.
  const questions = await page.evaluate(() => {
    const d = JSON.parse(document.getElementById('shian-quiz').textContent);
    return d.questions.length ? d.questions : window.shianPools[d.quiz.id].questions;
  });
  const byId = Object.fromEntries(questions.map((q) => [q.id, q]));
  const ids = await page.locator('[data-paper] .q[data-qid]').evaluateAll((els) => els.map((e) => e.getAttribute('data-qid')));
  // On a phone one question shows at a time: 下一题 between them, 交卷 in the 答题卡 drawer.
  const step = (await page.locator('[data-paper]').getAttribute('data-mode')) === 'step';
  // The learner switches to WeChat and back once during the exam.
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    Object.defineProperty(document, 'hidden', { value: false, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  for (const [i, id] of ids.entries()) {
    const q = byId[id];
    const right = q.options.flatMap((o, k) => (o.correct ? [k] : []));
    const picks = i < wrong ? [q.options.findIndex((o) => !o.correct)] : right;
    if (step && i > 0) await page.locator('[data-next]').click();
    for (const s of picks) await page.locator(`[data-paper] .q[data-qid="${id}"] input[value="${s}"]`).check();
  }
  if (step) await page.locator('[data-open-sheet]').click();
  await page.locator('[data-submit]').click();
  await page.locator('[data-result-code]').waitFor({ state: 'visible', timeout: WAIT_MS });
  return {
    code: await page.locator('[data-result-code]').getAttribute('data-result-code'),
    score: (await page.locator('[data-score]').innerText()).trim(),
    passed: await page.locator('[data-passed]').getAttribute('data-passed'),
    count: ids.length,
  };
}

describe('result codes', () => {
  let server;
  let site;
  before(async () => {
    site = copySampleSite();
    server = await startServe(site);
  });

  test('the sample mock exam hands out a code that shian quiz grade scores the same', { timeout: 3 * TEST_TIMEOUT_MS }, async () => {
    const context = await newContext('phone-result', { viewport: PHONE, permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    const got = await takeExam(page, server.url.replace(/\/$/, ''), '/exams/samr-mock/', { wrong: 4 });
    assert.equal(got.count, 35);
    assert.match(got.code, /^SA1[A-Za-z0-9_-]+$/);
    assert.ok(got.code.length <= 300, `${got.code.length} characters`);
    assert.equal(got.passed, 'false', '31 of 35 is below 90%');
    assert.equal(got.score, '31 / 35');

    // The result fits the phone: nothing wider than the screen.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `page is ${width}px wide`);

    // Copy, QR, share image.
    await page.locator('[data-copy-code]').click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), got.code);
    assert.equal(await decodeQr(page, '.result-qr'), got.code, 'the QR in the page holds the code');
    await page.locator('[data-share]').click();
    const src = await page.locator('[data-share-image]').getAttribute('src');
    assert.match(src, /^data:image\/png;base64,/);
    assert.equal(await decodeQr(page, '[data-share-image]'), got.code, 'the share image holds the code');

    // 成绩单 on one A4 page; the review only on request.
    await page.emulateMedia({ media: 'print' });
    const sheet = await page.pdf({ format: 'A4' });
    assert.equal(pdfPages(sheet), 1, '成绩单 prints on one page');
    await page.evaluate(() => document.querySelector('[data-result]').classList.add('print-review'));
    assert.ok(pdfPages(await page.pdf({ format: 'A4' })) > 3, 'the review prints on request');
    await page.emulateMedia({ media: 'screen' });

    // The organiser grades a chat log holding the code.
    const dir = makeTempDir();
    const chat = path.join(dir, 'chat.txt');
    fs.writeFileSync(chat, `[10:02] 张三：老师好，我的结果码 ${got.code} 请查收\n[10:03] 李老师：收到\n`);
    const csv = path.join(dir, 'grades.csv');
    const res = runShian(['quiz', 'grade', chat, '--root', site, '--out', csv]);
    assert.equal(res.status, 0, res.stderr);
    assert.match(res.stdout, /chat\.txt:1 {2}张三 示例·申江乳业有限公司 {2}31 \/ 35 {2}不合格/);
    const row = fs.readFileSync(csv, 'utf8').split('\n')[1].split(',');
    assert.equal(row[row.length - 3], '1', 'the page was left once');
    await context.close();
    assert.deepEqual(guards.flatMap((g) => g.outside), [], 'no request left 127.0.0.1');
  });
});

/** The byte offset of the score varint in a certificate's payload (codes.js's Reader walks it). */
function withScore(code, score) {
  const box = { window: {} };
  vm.runInNewContext(fs.readFileSync(path.join(REPO_ROOT, 'themes/default/static/assets/codes.js'), 'utf8'), box);
  const C = box.window.shianCode;
  const bytes = C.unb64(code.slice(3));
  const r = new C.Reader(bytes);
  r.byte(); r.text(); r.text(); r.take(8); r.varint(); r.varint();
  const at = r.p;
  r.varint();
  const w = new C.Writer();
  w.varint(score * 100);
  const out = bytes.slice(0, at).concat(w.b, bytes.slice(r.p));
  return 'SC1' + C.b64(out);
}

describe('certificates', () => {
  let server;
  let site;
  let certUrl;
  before(async () => {
    site = copyDir(path.join(REPO_ROOT, 'tests', 'fixtures', 'results'));
    server = await startServe(site);
    const context = await newContext('take-fixture-exam');
    const page = await context.newPage();
    const got = await takeExam(page, server.url.replace(/\/$/, ''), '/exams/mock/', { name: '张三', company: '甲食品有限公司' });
    await context.close();
    const dir = makeTempDir();
    fs.writeFileSync(path.join(dir, 'codes.txt'), `${got.code}\n`);
    // The fixture's site.toml holds the public key of this test key (32 bytes of 7).
    fs.writeFileSync(path.join(dir, 'k.key'), `shian-ed25519-secret-key-v1:${Buffer.alloc(32, 7).toString('base64url')}\n`);
    const res = runShian(['quiz', 'certify', '--key', path.join(dir, 'k.key'), path.join(dir, 'codes.txt'), '--root', site]);
    assert.equal(res.status, 0, res.stderr);
    certUrl = res.stdout.split('\n').find((l) => l.includes('/verify/#SC1')).split(/\s+/).pop();
  });

  const local = (u) => u.replace('https://example.org/', server.url);

  for (const [label, viewport, init] of [
    ['WebCrypto, phone', PHONE, null],
    ['own verifier, desktop', DESKTOP, () => { Object.defineProperty(window.crypto, 'subtle', { value: undefined, configurable: true }); }],
  ]) {
    test(`a certificate verifies on /verify/ (${label}), a changed score is rejected`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const context = await newContext(`verify-${label}`, { viewport });
      if (init) await context.addInitScript(init);
      const page = await context.newPage();
      await page.goto(local(certUrl));
      const result = page.locator('[data-verify-result][data-state]');
      await result.waitFor({ state: 'visible', timeout: WAIT_MS });
      assert.equal(await result.getAttribute('data-state'), 'valid', await result.innerText());
      assert.equal((await page.locator('[data-cert-score]').innerText()).trim(), '100 / 100');
      assert.match(await result.innerText(), /张三[\s\S]*甲食品有限公司[\s\S]*测试模拟考试/);
      const path_ = await page.locator('[data-verify]').getAttribute('data-verified-by');
      if (init) assert.equal(path_, 'js', 'without WebCrypto the page verifies by itself');
      else assert.ok(['webcrypto', 'js'].includes(path_), path_);
      // The QR holds the site's own verify address: under `shian serve` base_url is the local server.
      assert.equal(await decodeQr(page, '[data-cert-qr]'), local(certUrl));

      // The same certificate with 60 instead of 100.
      const forged = withScore(certUrl.split('#')[1], 60);
      await page.locator('[data-verify-input]').fill(forged);
      await page.locator('[data-verify-form] button[type="submit"]').click();
      await page.waitForFunction(() => document.querySelector('[data-verify-result]').getAttribute('data-state') === 'invalid');
      assert.match(await result.innerText(), /伪造|改动/);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= viewport.width, `page is ${width}px wide`);
      await context.close();
    });
  }

  test('no request left 127.0.0.1', () => {
    assert.deepEqual(guards.flatMap((g) => g.outside.map((u) => `${g.label}: ${u}`)), []);
  });
});
