// No text an author, a data file or a learner controls ever runs as script in the browser.
//
// tests/fixtures/xss/ puts a payload in every free-text field of every kind of input (site.toml,
// pages, sections, courses, lessons, laws, glossary, banks, exams, cases, checklists, every data file,
// an archived edition). Each payload calls window.__xss('LABEL') if it runs, LABEL naming the field.
// Learners' inputs come on top: the exam's collect fields and a self-check record are filled with
// payloads in the browser, their codes graded into data/results/ and data/checks/ (as an organiser
// would) and certified, so the statistics pages and /verify/ show them too.
//
// Then every .html page of an absolute build (served at its own, payload-laden base_url through
// request routing) and of a --relative build (served by a plain static server) is opened in Chromium
// with bypassCSP (escaping is tested on its own, not the Content-Security-Policy), and:
//   - window.__xss must never be called, in any frame, and no dialog may open;
//   - the page as parsed from disk and the DOM after its scripts ran must hold no <script> but JSON
//     ones (which must parse) and the site's own assets, no on* attribute, no javascript:/vbscript:
//     URL, no srcdoc, no iframe/object/embed/base;
//   - the Atom feeds and sitemap must be well-formed XML whose HTML content passes the same audit;
//     every .json must parse; every .svg must hold no script or handler; each exam's pool.js, run on
//     its own, only sets window.shianPools; each search index file (search-index/meta.js, t/N.js,
//     p/N.js, per edition), run on its own, only hands its data to window.shianSearch.
// tests/fixtures/xss-links/ holds links with script URLs: its build must fail with one E-LINK-SCHEME
// error per link.
//
// A failure lists every (page, field, how) so the leaking field is named.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import {
  REPO_ROOT,
  TEST_TIMEOUT_MS,
  WAIT_MS,
  closeAllBrowsers,
  copyDir,
  delay,
  launchBrowser,
  makeTempDir,
  removeTempDirs,
  runShian,
  startStaticServer,
  stopAllServers,
  stopAllStaticServers,
} from './helpers.mjs';

// SHIAN_XSS_FIXTURE: another fixture in the same shape (e.g. a copy with `[markdown] raw_html = true`,
// to see the test catch what runs).
const FIXTURE = process.env.SHIAN_XSS_FIXTURE
  ? path.resolve(process.env.SHIAN_XSS_FIXTURE)
  : path.join(REPO_ROOT, 'tests', 'fixtures', 'xss');
const LINKS_FIXTURE = path.join(REPO_ROOT, 'tests', 'fixtures', 'xss-links');
const DESKTOP = { width: 1280, height: 800 };
/** How long a page may go on running after `load` (ms): scripts, handlers, lazy inserts. */
const SETTLE_MS = 100;
/** Pages audited at the same time (2-core machines). */
const PARALLEL = 3;
/** The organiser's test key (32 bytes of 7): the fixture's site.toml holds its public key. */
const TEST_KEY = `shian-ed25519-secret-key-v1:${Buffer.alloc(32, 7).toString('base64url')}\n`;

/** A payload set for a learner's input (labels `result.*`, `selfcheck.*`). */
const P = (f) =>
  `</script><script>window.__xss('${f}')</script>"><img src=x onerror="window.__xss('${f}')">'><svg onload=window.__xss('${f}')>`;

/** The value of site.toml `base_url` (the pages live under it in the absolute build). */
function baseUrlOf(site) {
  const toml = fs.readFileSync(path.join(site, 'site.toml'), 'utf8');
  const m = /^base_url\s*=\s*"((?:[^"\\]|\\.)*)"/m.exec(toml);
  if (!m) throw new Error('site.toml has no base_url');
  return JSON.parse(`"${m[1]}"`);
}

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
};

/** Every file under `dir` (relative paths with `/`), the output marker left out. */
function listFiles(dir) {
  const out = [];
  const walk = (d, rel) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else if (e.name !== '.shian-output') out.push(r);
    }
  };
  walk(dir, '');
  return out.sort();
}

/** A page's address for a file of the output: `a/index.html` is `a/`. */
function pagePath(rel) {
  return rel === 'index.html' ? '' : rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel;
}

// ---------------------------------------------------------------------------------------------------
// The audit, run inside the browser (DOMParser parses exactly as the page would).

/* eslint-disable no-undef */
function auditInBrowser({ html, mime, pageUrl, rootUrl, where }) {
  const LABEL = /__xss\(\s*(?:&#39;|&quot;|['"])?([^'")&]*)/;
  const label = (s) => {
    const m = LABEL.exec(s || '');
    return m ? m[1] : null;
  };
  const snippet = (s) => String(s || '').replace(/\s+/g, ' ').slice(0, 160);
  const found = [];
  const flag = (how, text) => found.push({ field: label(text) || '(no label)', how: `${where}: ${how}`, snippet: snippet(text) });
  const scheme = (v) => {
    const c = String(v || '')
      .replace(/^[\u0000-\u0020]+/, '')
      .replace(/[\t\n\r]/g, '')
      .slice(0, 40)
      .toLowerCase();
    if (/^(javascript|vbscript):/.test(c)) return c.split(':')[0];
    if (/^data:(text\/html|image\/svg|application\/(xhtml|xml)|text\/xml)/.test(c) || (c.startsWith('data:') && /__xss/.test(v))) return 'data';
    return null;
  };
  const doc = html == null ? document : new DOMParser().parseFromString(html, mime || 'text/html');
  if (mime && mime !== 'text/html') {
    const err = doc.getElementsByTagName('parsererror')[0];
    if (err) flag('not well-formed XML', err.textContent);
  }
  // The site's own scripts: assets/*.js, each edition's search index files
  // ([editions/<name>/]search-index/meta.js, t/<n>.js, p/<n>.js, possibly with ?g=<generation>)
  // and each exam's question pool ([editions/<name>/]exams/<id>/pool.js) under the site's root
  // (compared decoded: Chromium and WHATWG URL percent-encode a path's quotes differently).
  const decoded = (u) => {
    try {
      return decodeURI(u);
    } catch {
      return u;
    }
  };
  const own = (src) => {
    try {
      const u = decoded(new URL(src, pageUrl).href);
      const root = decoded(new URL(rootUrl).href);
      if (!u.startsWith(root)) return false;
      return /^(assets\/[A-Za-z0-9_.-]+\.js|(editions\/[A-Za-z0-9_.-]+\/)?search-index\/(meta|[tp]\/\d+)\.js|(editions\/[A-Za-z0-9_.-]+\/)?exams\/[A-Za-z0-9_./-]+\/pool\.js)(\?[^#]*)?$/.test(u.slice(root.length));
    } catch {
      return false;
    }
  };
  for (const el of doc.getElementsByTagName('*')) {
    const tag = el.localName.toLowerCase();
    if (tag === 'script') {
      const type = (el.getAttribute('type') || '').trim().toLowerCase();
      const text = el.textContent;
      if (type === 'application/json' || type === 'application/ld+json') {
        try {
          JSON.parse(text);
        } catch (e) {
          flag(`<script type="${type}"> does not parse as JSON (${e.message})`, text);
        }
        if (/<\/script/i.test(text)) flag(`</script inside <script type="${type}">`, text);
      } else if (el.hasAttribute('src') || el.hasAttribute('href') || el.hasAttributeNS('http://www.w3.org/1999/xlink', 'href')) {
        const src = el.getAttribute('src') || el.getAttribute('href') || el.getAttributeNS('http://www.w3.org/1999/xlink', 'href');
        if (!own(src)) flag(`<script src> not one of the site's assets: ${snippet(src)}`, src + ' ' + el.outerHTML);
        if (text.trim()) flag('<script src> with inline text', text);
      } else if (['', 'text/javascript', 'module', 'application/javascript', 'application/ecmascript', 'text/ecmascript', 'importmap', 'speculationrules'].includes(type) || /__xss/.test(text)) {
        flag(`inline <script${type ? ` type="${type}"` : ''}>`, text || el.outerHTML);
      }
    }
    if (['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'portal', 'foreignobject'].includes(tag)) {
      flag(`<${tag}> element`, el.outerHTML);
    }
    if (tag === 'meta' && /refresh/i.test(el.getAttribute('http-equiv') || '')) {
      const target = (el.getAttribute('content') || '').replace(/^[^;]*;\s*url\s*=\s*/i, '').replace(/^['"]|['"]$/g, '');
      if (scheme(target)) flag(`<meta http-equiv=refresh> to a ${scheme(target)}: URL`, target);
    }
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) flag(`<${tag} ${name}=…> event handler`, a.value || el.outerHTML);
      else if (name === 'srcdoc') flag(`<${tag} srcdoc>`, a.value);
      else if (scheme(a.value)) flag(`<${tag} ${name}="${scheme(a.value)}:…">`, a.value);
      else if (name === 'style' && /expression\s*\(|javascript:|behavior\s*:/i.test(a.value)) flag(`<${tag} style> with script`, a.value);
    }
  }
  return found;
}

/** The HTML inside a feed (Atom content/summary/title of type html or xhtml, RSS description). */
function feedHtmlInBrowser({ xml }) {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const out = [];
  for (const el of doc.getElementsByTagName('*')) {
    const name = el.localName;
    const type = (el.getAttribute('type') || '').toLowerCase();
    if (['content', 'summary', 'title', 'subtitle', 'rights'].includes(name) && (type === 'html' || type === 'text/html')) {
      out.push({ where: `<${name} type="html">`, html: el.textContent });
    } else if (type === 'xhtml') {
      out.push({ where: `<${name} type="xhtml">`, html: new XMLSerializer().serializeToString(el) });
    } else if (name === 'description' || name === 'encoded') {
      out.push({ where: `<${name}>`, html: el.textContent });
    }
  }
  return out;
}
/* eslint-enable no-undef */

// ---------------------------------------------------------------------------------------------------
// Findings.

const findings = [];
const seen = new Set();
function report(page, field, how, snippet = '') {
  const key = `${page}\u0000${field}\u0000${how}`;
  if (seen.has(key)) return;
  seen.add(key);
  findings.push({ page, field, how, snippet });
}

function summary(list) {
  const byField = new Map();
  for (const f of list) {
    if (!byField.has(f.field)) byField.set(f.field, []);
    byField.get(f.field).push(f);
  }
  const lines = [];
  for (const [field, fs_] of [...byField].sort()) {
    lines.push(`${field}:`);
    for (const f of fs_) lines.push(`    ${f.page}  [${f.how}]${f.snippet ? `  ${f.snippet}` : ''}`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------
// Browser contexts: bypassCSP, window.__xss, dialogs fail, nothing leaves the machine.

let browser;

/**
 * A context whose requests to `site` (an absolute build served at its base_url) are answered from
 * disk, to `local` (a static server) go through, and to anything else are aborted and recorded.
 */
async function newContext({ absolute, local } = {}) {
  const context = await browser.newContext({ viewport: DESKTOP, bypassCSP: true, serviceWorkers: 'block' });
  await context.addInitScript(() => {
    window.__xss = (f) => {
      (window.__hits ||= []).push(String(f));
      try {
        if (window.top !== window) (window.top.__hits ||= []).push(`${String(f)} (in a frame)`);
      } catch {
        /* another origin */
      }
    };
  });
  const outside = [];
  let base;
  if (absolute) {
    const u = new URL(absolute.baseUrl);
    base = { origin: u.origin, path: decodeURIComponent(u.pathname) };
  }
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (local && url.startsWith(local)) return route.continue();
    if (url.startsWith('data:') || url === 'about:blank') return route.continue();
    let u;
    try {
      u = new URL(url);
    } catch {
      return route.abort();
    }
    if (base && u.origin === base.origin) {
      let p;
      try {
        p = decodeURIComponent(u.pathname);
      } catch {
        p = u.pathname;
      }
      if (p.startsWith(base.path)) {
        let file = path.join(absolute.out, p.slice(base.path.length));
        if (!file.startsWith(absolute.out)) return route.fulfill({ status: 403, body: 'forbidden' });
        if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
        if (fs.existsSync(file) && fs.statSync(file).isFile()) {
          const type = CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
          return route.fulfill({ status: 200, contentType: type, body: fs.readFileSync(file) });
        }
        return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' });
      }
    }
    outside.push(url);
    return route.abort();
  });
  return { context, outside };
}

/** Every window.__xss call and dialog of a page (all frames), then report()ed under `label`. */
function watch(page, label) {
  const state = { dialogs: [] };
  page.on('dialog', (d) => {
    state.dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  state.collect = async (as = label) => {
    for (const frame of page.frames()) {
      const hits = await frame.evaluate(() => window.__hits || []).catch(() => []);
      for (const h of hits) report(as, h, 'executed');
    }
    for (const d of state.dialogs) report(as, /__xss|\bxss\b/.test(d) ? d : '(dialog)', 'dialog opened', d);
    state.dialogs = [];
  };
  return state;
}

/** Audits the live DOM of `page` (after its scripts ran). */
async function auditDom(page, as, rootUrl) {
  for (const frame of page.frames()) {
    const got = await frame
      .evaluate(auditInBrowser, { html: null, pageUrl: frame.url(), rootUrl, where: 'DOM after scripts' })
      .catch((e) => [{ field: '(audit failed)', how: `DOM audit: ${e.message.split('\n')[0]}`, snippet: '' }]);
    for (const f of got) report(as, f.field, f.how, f.snippet);
  }
}

/** Opens `url`, lets it run for a bounded time, collects hits and audits the DOM. */
async function visit(context, url, as, rootUrl, { after: then } = {}) {
  const page = await context.newPage();
  const w = watch(page, as);
  try {
    await page.goto(url, { waitUntil: 'load', timeout: WAIT_MS });
    await page.waitForLoadState('networkidle', { timeout: 2_000 }).catch(() => {});
    if (then) await then(page);
    await delay(SETTLE_MS);
    // A redirect page (an alias) leads to its target: name both.
    const now = page.url();
    const plain = (u) => {
      try {
        return decodeURI(u);
      } catch {
        return u;
      }
    };
    if (plain(now) !== plain(url)) as = `${as} -> ${plain(now).replace(plain(rootUrl), '')}`;
    await w.collect(as);
    await auditDom(page, as, rootUrl);
  } catch (e) {
    report(as, '(page failed)', `could not open: ${e.message.split('\n')[0]}`);
    await w.collect().catch(() => {});
  } finally {
    await page.close().catch(() => {});
  }
}

/** A file of a search index (docs/search-format.md), the current edition's or an archived one's. */
const SEARCH_INDEX_FILE = /^(editions\/[^/]+\/)?search-index\/(meta|([tp])\/(\d+))\.js$/;

/**
 * Runs a search index file on its own: it must call exactly one window.shianSearch function (the
 * one its name says, with its number) with an object, run no payload, and do nothing else.
 */
function auditSearchIndexFile(rel, source, as) {
  const [, , name, kind, num] = SEARCH_INDEX_FILE.exec(rel);
  const calls = [];
  const record = (fn) => (...args) => calls.push({ fn, args });
  const box = { __xss: (f) => report(as, String(f), 'search index file ran a payload') };
  box.window = box;
  box.shianSearch = { meta: record('meta'), t: record('t'), p: record('p') };
  try {
    vm.runInNewContext(source, box, { timeout: 5_000 });
  } catch (e) {
    report(as, '(search index)', `does not run as a script: ${e.message}`);
    return;
  }
  const want = name === 'meta' ? { fn: 'meta', args: 1 } : { fn: kind, args: 2, n: Number(num) };
  const ok =
    calls.length === 1 &&
    calls[0].fn === want.fn &&
    calls[0].args.length === want.args &&
    (want.n === undefined || calls[0].args[0] === want.n) &&
    calls[0].args[want.args - 1] !== null &&
    typeof calls[0].args[want.args - 1] === 'object';
  if (!ok) {
    report(as, '(search index)', `does not make exactly one shianSearch.${want.fn}(${want.n ?? ''}…) call with an object: ${JSON.stringify(calls.map((c) => c.fn))}`);
  }
}

/** Runs `fn` over `items`, `n` at a time. */
async function pool(items, n, fn) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.min(n, queue.length) }, async () => {
      while (queue.length) await fn(queue.shift());
    }),
  );
}

/** The static audits: every HTML file as parsed from disk, the feeds, JSON and SVG files. */
async function auditFiles(context, out, rootUrl, tag) {
  const page = await context.newPage();
  await page.goto('about:blank');
  const files = listFiles(out);
  try {
    for (const rel of files) {
      const ext = path.extname(rel).toLowerCase();
      const as = `${tag} ${rel}`;
      const pageUrl = new URL(pagePath(rel), rootUrl).href;
      if (rel.startsWith('assets/')) continue; // the theme's own scripts, copied as they are
      const text = () => fs.readFileSync(path.join(out, rel), 'utf8');
      if (ext === '.html') {
        const got = await page.evaluate(auditInBrowser, { html: text(), mime: 'text/html', pageUrl, rootUrl, where: 'HTML as served' });
        for (const f of got) report(as, f.field, f.how, f.snippet);
      } else if (ext === '.xml') {
        const xml = text();
        const got = await page.evaluate(auditInBrowser, { html: xml, mime: 'application/xml', pageUrl, rootUrl, where: 'XML' });
        for (const f of got) report(as, f.field, f.how, f.snippet);
        for (const part of await page.evaluate(feedHtmlInBrowser, { xml })) {
          const inner = await page.evaluate(auditInBrowser, { html: part.html, mime: 'text/html', pageUrl, rootUrl, where: `feed ${part.where} as HTML` });
          for (const f of inner) report(as, f.field, f.how, f.snippet);
        }
      } else if (ext === '.json') {
        try {
          JSON.parse(text());
        } catch (e) {
          report(as, '(json)', `does not parse as JSON: ${e.message}`);
        }
      } else if (ext === '.svg') {
        const got = await page.evaluate(auditInBrowser, { html: text(), mime: 'image/svg+xml', pageUrl, rootUrl, where: 'SVG' });
        for (const f of got) report(as, f.field, f.how, f.snippet);
      } else if (SEARCH_INDEX_FILE.test(rel)) {
        // A search index file: data only. Run alone, it hands its data to window.shianSearch once,
        // through the function its name says (meta.js: meta, t/K.js: t(K, …), p/N.js: p(N, …)).
        auditSearchIndexFile(rel, text(), as);
      } else if (/(^|\/)exams\/.+\/pool\.js$/.test(rel)) {
        // An exam's question pool: data only. Run alone, it sets window.shianPools and calls nothing.
        const box = { window: {}, __xss: (f) => report(as, String(f), 'pool.js ran a payload') };
        box.window.__xss = box.__xss;
        try {
          vm.runInNewContext(text(), box, { timeout: 5_000 });
          const pools = Object.values(box.window.shianPools || {});
          if (pools.length !== 1 || !Array.isArray(pools[0].questions)) report(as, '(pool)', 'does not set one window.shianPools entry');
        } catch (e) {
          report(as, '(pool)', `does not run as a script: ${e.message}`);
        }
      }
    }
  } finally {
    await page.close().catch(() => {});
  }
  return files;
}

// ---------------------------------------------------------------------------------------------------
// Learners' inputs: an exam attempt, a self-check record, practice answers (the wrong-answer book).

/** Sets an input's value as a script would (maxlength limits typing, not a hand-made code). */
async function setValue(locator, value) {
  await locator.evaluate((el, v) => {
    el.value = v;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

/** Takes the mock exam with payloads in the collect fields; returns the result code. */
async function takeExam(page, url, values) {
  await page.goto(url, { waitUntil: 'load', timeout: WAIT_MS });
  await page.locator('[data-start-form]').waitFor({ state: 'visible', timeout: WAIT_MS });
  // Start with the fields empty first: the errors name the (payload) labels.
  await page.locator('[data-start]').click({ timeout: WAIT_MS });
  await delay(200);
  const inputs = page.locator('[data-start-form] [data-collect]');
  const n = await inputs.count();
  for (let i = 0; i < n; i++) await setValue(inputs.nth(i), values[i] ?? values[values.length - 1]);
  await page.locator('[data-start]').click({ timeout: WAIT_MS });
  await page.locator('[data-paper] .q[data-qid]').first().waitFor({ state: 'visible', timeout: WAIT_MS });
  // Every answer right, so that the attempt passes and can be certified.
  const questions = await page.evaluate(() => {
    const d = JSON.parse(document.getElementById('shian-quiz').textContent);
    return d.questions.length ? d.questions : window.shianPools[d.quiz.id].questions;
  });
  const byId = Object.fromEntries(questions.map((q) => [q.id, q]));
  const ids = await page.locator('[data-paper] .q[data-qid]').evaluateAll((els) => els.map((e) => e.getAttribute('data-qid')));
  for (const id of ids) {
    const right = (byId[id]?.options || []).flatMap((o, k) => (o.correct ? [k] : []));
    for (const k of right) await page.locator(`[data-paper] .q[data-qid="${id}"] input[value="${k}"]`).check({ timeout: WAIT_MS });
  }
  await page.locator('[data-submit]').click({ timeout: WAIT_MS });
  const anyway = page.locator('[data-submit-anyway]');
  if (await anyway.isVisible().catch(() => false)) await anyway.click({ timeout: WAIT_MS });
  const code = page.locator('[data-result-code]');
  await code.waitFor({ state: 'visible', timeout: WAIT_MS });
  await page.locator('[data-share]').click({ timeout: 5_000 }).catch(() => {});
  return code.getAttribute('data-result-code');
}

/** Fills the daily checklist with payloads (one item failed), saves it and makes its code. */
async function fillChecklist(page, url) {
  await page.goto(url, { waitUntil: 'load', timeout: WAIT_MS });
  await page.locator('[data-ck-save]').waitFor({ state: 'visible', timeout: WAIT_MS });
  await setValue(page.locator('#ck-enterprise'), P('selfcheck.enterprise'));
  await page.fill('#ck-date', '2024-12-02');
  await setValue(page.locator('#ck-checker'), P('selfcheck.checker'));
  const items = await page.locator('[data-item]').evaluateAll((els) => els.map((e) => e.getAttribute('data-item')));
  for (const [i, id] of items.entries()) {
    await page.locator(`input[name="a-${id}"][value="${i === 0 ? 'fail' : 'pass'}"]`).check({ timeout: WAIT_MS });
  }
  await setValue(page.locator(`#p-${items[0]}`), P('selfcheck.problem'));
  await setValue(page.locator(`#m-${items[0]}`), P('selfcheck.measure'));
  await page.locator('[data-ck-save]').click({ timeout: WAIT_MS });
  await page.locator('[data-ck-status]').filter({ hasText: '已保存' }).waitFor({ timeout: WAIT_MS });
  await page.locator('[data-ck-code-make]').click({ timeout: WAIT_MS });
  await page.locator('[data-ck-code]').waitFor({ state: 'visible', timeout: WAIT_MS });
  await page.locator('[data-ck-print]').click({ timeout: 5_000 }).catch(() => {});
  return (await page.locator('[data-ck-code]').innerText()).trim();
}

/** The weekly form gathers the daily record's problem (item text, description, measure). */
async function gatherWeekly(page, url) {
  await page.goto(url, { waitUntil: 'load', timeout: WAIT_MS });
  await page.locator('[data-ck-save]').waitFor({ state: 'visible', timeout: WAIT_MS });
  await page.fill('#ck-date', '2024-12-06');
  await setValue(page.locator('#ck-checker'), P('selfcheck.weekly-checker'));
  await page.locator('#ck-date').dispatchEvent('change');
  await page.locator('[data-ck-entry]').first().waitFor({ state: 'visible', timeout: WAIT_MS });
  const cause = page.locator('#g0-cause');
  if (await cause.count()) await setValue(cause, P('selfcheck.weekly-cause'));
  await page.locator('[data-ck-save]').click({ timeout: WAIT_MS });
  await page.locator('[data-ck-status]').waitFor({ state: 'visible', timeout: WAIT_MS });
}

/** Answers every practice question with its first option and checks it (wrong ones fill the book). */
async function practise(page, url) {
  await page.goto(url, { waitUntil: 'load', timeout: WAIT_MS });
  await page.locator('[data-quiz][data-ready] [data-check]').first().waitFor({ state: 'visible', timeout: WAIT_MS });
  const qs = page.locator('[data-quiz][data-ready] [data-qid]:has([data-check])');
  for (let i = 0; i < (await qs.count()); i++) {
    const q = qs.nth(i);
    const input = q.locator('input').first();
    if (await input.count()) await input.check({ timeout: WAIT_MS }).catch(() => {});
    await q.locator('[data-check]').first().click({ timeout: WAIT_MS }).catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------------

function diagnostics(stderr) {
  const counts = {};
  for (const m of stderr.matchAll(/^(error|warning)\[([A-Z0-9-]+)\]/gm)) counts[`${m[1]} ${m[2]}`] = (counts[`${m[1]} ${m[2]}`] || 0) + 1;
  return counts;
}

function build(site, out, extra = []) {
  const res = runShian(['build', '--root', site, '--out', out, ...extra], { timeoutMs: 120_000 });
  return { ...res, counts: diagnostics(res.stderr) };
}

describe('no attacker-controlled text runs in the browser', { timeout: 8 * TEST_TIMEOUT_MS }, () => {
  let site;
  let baseUrl;
  const started = Date.now();
  /** The #SC1… of the certificates `shian quiz certify` signed for the learners' attempts. */
  const verifyHashes = [];
  const builds = [];

  before(async () => {
    browser = await launchBrowser();
    site = copyDir(FIXTURE);
    baseUrl = baseUrlOf(site);
  });

  after(async () => {
    console.log(`# xss: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await closeAllBrowsers();
    await stopAllStaticServers();
    await stopAllServers();
    removeTempDirs();
  });

  test('learners put payloads in an exam, a self-check record and the practice pages', { timeout: 3 * TEST_TIMEOUT_MS }, async (t) => {
    const out = path.join(makeTempDir(), 'public');
    const res = build(site, out, ['--no-search']);
    assert.equal(res.status, 0, `the xss fixture builds:\n${res.stderr.slice(-4000)}`);
    t.diagnostic(`first build: ${JSON.stringify(res.counts)}`);

    const { context, outside } = await newContext({ absolute: { baseUrl, out } });
    const page = await context.newPage();
    const w = watch(page, 'learner');
    const at = (p) => new URL(p, baseUrl).href;
    const problems = [];
    const step = async (name, fn) => {
      try {
        return await fn();
      } catch (e) {
        problems.push(`${name}: ${e.message.split('\n')[0]}`);
        return null;
      } finally {
        await delay(SETTLE_MS);
        await w.collect(`absolute ${name}`);
        await auditDom(page, `absolute ${name}`, new URL(baseUrl).href);
      }
    };

    const codes = [];
    codes.push(
      await step('exams/mock/ (attempt 1, result page)', () =>
        takeExam(page, at('exams/mock/?seed=1'), [P('result.name'), P('result.enterprise'), P('result.district')]),
      ),
    );
    // The second attempt names the enterprise of data/enterprises.csv, so the statistics find its
    // district through the (payload) enterprise name.
    const entName = fs.readFileSync(path.join(site, 'data', 'enterprises.csv'), 'utf8').split('\n')[1];
    const firstName = /^e1,"((?:[^"]|"")*)"/.exec(entName)[1].replace(/""/g, '"');
    codes.push(await step('exams/mock/ (attempt 2, result page)', () => takeExam(page, at('exams/mock/?seed=2'), [P('result.name2'), firstName, P('result.district2')])));
    codes.push(await step('checklists/daily/ (filled, saved, code, print)', () => fillChecklist(page, at('checklists/daily/'))));
    await step('checklists/daily/ (reloaded: the saved record listed)', async () => {
      await page.goto(at('checklists/daily/'), { waitUntil: 'load', timeout: WAIT_MS });
      await page.locator('[data-ck-record]').first().waitFor({ state: 'visible', timeout: WAIT_MS });
    });
    await step('checklists/weekly/ (gathers the daily problem)', () => gatherWeekly(page, at('checklists/weekly/')));
    await step('banks/law/fsl/practice/ (answered, checked)', () => practise(page, at('banks/law/fsl/practice/')));
    await step('about/ (embedded practice, answered)', () => practise(page, at('about/')));
    await step('quiz/wrong/ (the wrong-answer book)', async () => {
      await page.goto(at('quiz/wrong/'), { waitUntil: 'load', timeout: WAIT_MS });
      await page.locator('[data-wrong-list] .q[data-qid]').first().waitFor({ state: 'visible', timeout: WAIT_MS });
    });
    await step('quiz/ (my records)', () => page.goto(at('quiz/'), { waitUntil: 'load', timeout: WAIT_MS }));
    await page.close();
    await context.close();
    assert.deepEqual(outside, [], 'no request left the site');

    // The organiser grades the codes into data/ and certifies the passing attempts.
    const got = codes.filter(Boolean);
    const dir = makeTempDir();
    fs.writeFileSync(path.join(dir, 'codes.txt'), `${got.join('\n')}\n`);
    const grade = runShian(['quiz', 'grade', path.join(dir, 'codes.txt'), '--root', site, '--data']);
    if (grade.status !== 0) problems.push(`shian quiz grade --data: ${grade.status}\n${grade.stderr.slice(-2000)}`);
    fs.writeFileSync(path.join(dir, 'k.key'), TEST_KEY);
    const certify = runShian(['quiz', 'certify', '--key', path.join(dir, 'k.key'), path.join(dir, 'codes.txt'), '--root', site]);
    const links = (certify.stdout.match(/\S*\/verify\/#SC1[A-Za-z0-9_-]+/g) || []);
    if (!links.length) problems.push(`shian quiz certify gave no verify link (status ${certify.status}): ${certify.stderr.slice(-1000)}`);
    verifyHashes.push(...links.map((l) => l.slice(l.indexOf('#'))));
    assert.deepEqual(problems, [], 'every learner step ran');
    assert.ok(fs.readdirSync(path.join(site, 'data', 'results')).length > 0, 'data/results/ holds the attempts');
    assert.ok(fs.readdirSync(path.join(site, 'data', 'checks')).length > 0, 'data/checks/ holds the self-check record');
  });

  test('the fixture builds, absolute and --relative', { timeout: TEST_TIMEOUT_MS }, (t) => {
    const abs = path.join(makeTempDir(), 'public');
    const res = build(site, abs);
    assert.equal(res.status, 0, `absolute build:\n${res.stderr.slice(-4000)}`);
    t.diagnostic(`absolute build: ${JSON.stringify(res.counts)}`);
    const rel = path.join(makeTempDir(), 'public');
    const res2 = build(site, rel, ['--relative']);
    assert.equal(res2.status, 0, `relative build:\n${res2.stderr.slice(-4000)}`);
    t.diagnostic(`relative build: ${JSON.stringify(res2.counts)}`);
    for (const p of ['results/index.html', 'results/self-checks/index.html', 'verify/index.html', 'cases/atom.xml']) {
      assert.ok(fs.existsSync(path.join(abs, p)), `the build has ${p}`);
    }
    builds.push({ tag: 'absolute', out: abs }, { tag: 'relative', out: rel });
  });

  test('no payload runs or is left live on any page, feed, JSON or SVG', { timeout: 5 * TEST_TIMEOUT_MS }, async (t) => {
    assert.equal(builds.length, 2, 'both builds exist');
    let pages = 0;
    const searched = [];
    for (const { tag, out } of builds) {
      let rootUrl;
      let ctx;
      if (tag === 'absolute') {
        rootUrl = new URL(baseUrl).href;
        ctx = await newContext({ absolute: { baseUrl, out } });
      } else {
        const server = await startStaticServer(out);
        rootUrl = server.url;
        ctx = await newContext({ local: server.url });
      }
      const files = await auditFiles(ctx.context, out, rootUrl, tag);
      const html = files.filter((f) => f.endsWith('.html') && !SEARCH_INDEX_FILE.test(f));
      const visits = html.map((rel) => ({ url: new URL(pagePath(rel), rootUrl).href, as: `${tag} ${rel}` }));
      for (const h of verifyHashes) visits.push({ url: new URL(`verify/${h}`, rootUrl).href, as: `${tag} verify/#<certificate>` });
      for (const q of ['onerror', '__xss', 'script', 'svg']) {
        visits.push({
          url: new URL(`search/?q=${q}`, rootUrl).href,
          as: `${tag} search/?q=${q}`,
          after: async (p) => {
            await p.locator('[data-search-result]').first().waitFor({ timeout: 5_000 }).catch(() => {});
            searched.push(`${tag} ${q}: ${await p.locator('[data-search-result]').count()}`);
          },
        });
      }
      await pool(visits, PARALLEL, (v) => visit(ctx.context, v.url, v.as, rootUrl, { after: v.after }));
      pages += visits.length;
      await ctx.context.close();
      assert.deepEqual(ctx.outside, [], `${tag}: no request left the site`);
    }
    t.diagnostic(`${pages} page visits; search results: ${searched.join(', ')}`);
    assert.ok(findings.length === 0, `attacker-controlled text ran or was left live (${findings.length}):\n${summary(findings)}`);
  });

  test('script URLs in links are build errors (tests/fixtures/xss-links)', { timeout: TEST_TIMEOUT_MS }, async () => {
    const links = copyDir(LINKS_FIXTURE);
    const sources = listFiles(path.join(links, 'content')).map((f) => fs.readFileSync(path.join(links, 'content', f), 'utf8'));
    const expected = sources.reduce((n, s) => n + (s.match(/__xss\('links\.|data:text\/html/g) || []).length, 0);
    const out = path.join(makeTempDir(), 'public');
    const res = build(links, out, ['--no-search']);
    const errors = res.counts['error E-LINK-SCHEME'] || 0;
    if (res.status === 0) {
      // It built: say which links made it into the pages.
      const { context } = await newContext({ absolute: { baseUrl: 'https://example.org/', out } });
      await auditFiles(context, out, 'https://example.org/', 'xss-links');
      await context.close();
    }
    const leaked = findings.filter((f) => f.page.startsWith('xss-links'));
    assert.equal(res.status, 1, `the build fails (exit ${res.status})\n${summary(leaked)}\n${res.stderr.slice(-3000)}`);
    assert.equal(errors, expected, `one E-LINK-SCHEME error per script link (${expected}); got ${JSON.stringify(res.counts)}\n${res.stderr.slice(-3000)}`);
    assert.ok(!fs.existsSync(path.join(out, 'index.html')), 'nothing is written');
  });
});
