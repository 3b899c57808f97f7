// The Content-Security-Policy every page carries (themes/default/templates/partials/csp.html,
// docs/reliability.md) breaks nothing and stops what it should: every page of the sample site,
// served over HTTP and opened from file:// in a --relative build, loads with no policy violation
// and no script error (the search page's index scripts included); and on a site that opts into raw
// HTML, an inline <script> and an onerror handler are refused by the policy.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  TEST_TIMEOUT_MS,
  WAIT_MS,
  closeAllBrowsers,
  copySampleSite,
  launchBrowser,
  makeTempDir,
  removeTempDirs,
  runShian,
  startStaticServer,
  stopAllStaticServers,
} from './helpers.mjs';

/** Installed before any page script: records each violation of the policy. */
const RECORD_VIOLATIONS = `
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' @' + e.lineNumber);
  });
`;

function htmlPages(dir) {
  return fs
    .readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith('.html'))
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

function build(site, args) {
  const out = makeTempDir('shian-csp-out-');
  const res = runShian(['build', '--root', site, '--out', out, ...args], { timeoutMs: 120_000 });
  assert.equal(res.status, 0, res.stderr);
  return out;
}

/** Opens each page and returns the problems: violations, page errors, a missing policy. */
async function visit(browser, urls) {
  const problems = [];
  const context = await browser.newContext();
  await context.addInitScript(RECORD_VIOLATIONS);
  const page = await context.newPage();
  let current = '';
  page.on('pageerror', (e) => problems.push(`${current}: script error ${e.message}`));
  for (const url of urls) {
    current = url;
    await page.goto(url, { waitUntil: 'load', timeout: WAIT_MS });
    // Deferred scripts have run at load; give fetches started by them (search, editions) a moment.
    await page.waitForTimeout(50);
    const found = await page.evaluate(() => ({
      csp: window.__csp,
      meta: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content || '',
    }));
    for (const v of found.csp) problems.push(`${url}: ${v}`);
    const isRedirect = await page.evaluate(() => !!document.querySelector('meta[http-equiv="refresh"]'));
    if (!found.meta.includes("default-src 'none'") && !isRedirect) {
      problems.push(`${url}: no Content-Security-Policy`);
    }
  }
  await context.close();
  return problems;
}

describe('Content-Security-Policy', { timeout: 600_000 }, () => {
  let browser;
  let site;

  before(async () => {
    browser = await launchBrowser();
    site = copySampleSite();
  });

  after(async () => {
    await closeAllBrowsers();
    await stopAllStaticServers();
    removeTempDirs();
  });

  test('every page of the sample site, served, has the policy and breaks none of it', { timeout: 300_000 }, async () => {
    const out = build(site, []);
    const server = await startStaticServer(out);
    const pages = htmlPages(out);
    assert.ok(pages.length > 100, `only ${pages.length} pages`);
    const problems = await visit(browser, pages.map((p) => `${server.url}${p}`));
    assert.deepEqual(problems, []);
  });

  test('from file:// in a --relative build, too (one page per folder and depth)', { timeout: 300_000 }, async () => {
    const out = build(site, ['--relative']);
    // The same templates as above; here what differs is the origin, so one page of each place.
    const seen = new Set();
    const pages = htmlPages(out).filter((p) => {
      const parts = p.split('/');
      const key = `${parts[0]}:${parts.length}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    assert.ok(pages.length > 20, `only ${pages.length} pages`);
    const problems = await visit(browser, pages.map((p) => pathToFileURL(path.join(out, p)).href));
    assert.deepEqual(problems, []);
  });

  test('raw HTML a site lets through still cannot run inline script', { timeout: TEST_TIMEOUT_MS }, async () => {
    const dir = makeTempDir('shian-csp-site-');
    fs.mkdirSync(path.join(dir, 'content'));
    fs.writeFileSync(
      path.join(dir, 'site.toml'),
      'title = "CSP"\nbase_url = "https://example.org/"\nedition = "2024"\n[markdown]\nraw_html = true\n',
    );
    fs.writeFileSync(
      path.join(dir, 'content', '_index.md'),
      '+++\ntitle = "首页"\n+++\n\n<script>window.__ran = "script"</script>\n\n<img src="data:," onerror="window.__ran = \'onerror\'">\n\n<img src="https://example.com/t.gif" alt="">\n',
    );
    const out = build(dir, []);
    const server = await startStaticServer(out);
    const context = await browser.newContext();
    await context.addInitScript(RECORD_VIOLATIONS);
    const page = await context.newPage();
    await page.goto(`${server.url}index.html`, { waitUntil: 'load', timeout: WAIT_MS });
    await page.waitForTimeout(200);
    const state = await page.evaluate(() => ({ ran: window.__ran ?? null, csp: window.__csp }));
    assert.equal(state.ran, null, 'no inline script or handler ran');
    const directives = state.csp.map((v) => v.split(' ')[0]);
    assert.ok(directives.filter((d) => d.startsWith('script-src')).length >= 2, state.csp.join('\n'));
    assert.ok(directives.some((d) => d.startsWith('img-src')), `the foreign image is refused: ${state.csp}`);
    await context.close();
  });
});
