// Shared helpers for the real-browser tests (node:test + playwright-core + Debian's chromium).
//
// Nothing here downloads a browser: Chromium comes from the system (/usr/bin/chromium, or
// CHROMIUM_PATH), shian from target/debug/shian (or SHIAN_BIN). Every wait is bounded, and every
// child process, browser and temp folder is tracked so that `after` hooks (and, as a last resort,
// process exit) clean up even when a test fails.

import { after, before } from 'node:test';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

/** The repository root (the sample site). Tests copy it; they never serve or modify it. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The shian binary under test. */
export const SHIAN_BIN = process.env.SHIAN_BIN
  ? path.resolve(REPO_ROOT, process.env.SHIAN_BIN)
  : path.join(REPO_ROOT, 'target', 'debug', 'shian');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Upper bound for any single wait (ms). */
export const WAIT_MS = 30_000;
/** Upper bound for a whole test (ms): several bounded waits in a row. */
export const TEST_TIMEOUT_MS = 120_000;

const children = new Set();
const browsers = new Set();
const tempDirs = new Set();
const staticServers = new Set();

function killChildrenNow() {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

// Last resort: never leave a shian process behind, whatever happened — including this test file
// being stopped by a signal (Ctrl+C, the test runner cancelling it, a closed terminal), where the
// `after` hooks never run. Browsers die with their pipe to this process.
process.on('exit', killChildrenNow);
for (const [signal, number] of [
  ['SIGINT', 2],
  ['SIGTERM', 15],
  ['SIGHUP', 1],
]) {
  process.once(signal, () => {
    killChildrenNow();
    process.exit(128 + number);
  });
}

/** Launches headless Chromium without letting Playwright download or phone home. */
export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install Debian's "chromium" package (scripts/test does) or set CHROMIUM_PATH`,
    );
  }
  const options = {
    executablePath: CHROMIUM_PATH,
    headless: true,
    timeout: WAIT_MS,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  };
  // Chromium now and then crashes at launch on a loaded CI machine: try three times, then report
  // every attempt's error.
  const errors = [];
  let browser;
  for (let attempt = 1; attempt <= 3 && !browser; attempt++) {
    try {
      browser = await chromium.launch(options);
    } catch (e) {
      errors.push(`attempt ${attempt}: ${e.message.split('\n')[0]}`);
      await delay(1000 * attempt);
    }
  }
  if (!browser) throw new Error(`Chromium did not start:\n${errors.join('\n')}`);
  browsers.add(browser);
  return browser;
}

/** Closes a browser (bounded); safe to call twice or with undefined. */
export async function closeBrowser(browser) {
  if (!browser) return;
  browsers.delete(browser);
  await Promise.race([browser.close().catch(() => {}), delay(10_000)]);
}

/** Closes every browser this process launched. */
export async function closeAllBrowsers() {
  await Promise.all([...browsers].map((b) => closeBrowser(b)));
}

/** A fresh temp folder, removed by removeTempDirs(). */
export function makeTempDir(prefix = 'shian-browser-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/**
 * Copies `src` into a fresh temp folder and returns the copy's path. With `entries`, copies only
 * those top-level entries of `src` that exist (e.g. ['site.toml', 'content', 'themes']).
 */
export function copyDir(src, entries) {
  if (!fs.existsSync(src)) throw new Error(`copyDir: ${src} does not exist`);
  const dest = path.join(makeTempDir(), 'site');
  if (!entries) {
    fs.cpSync(src, dest, { recursive: true });
    return dest;
  }
  fs.mkdirSync(dest, { recursive: true });
  for (const entry of entries) {
    const from = path.join(src, entry);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(dest, entry), { recursive: true });
  }
  return dest;
}

/**
 * A temp copy of the sample site (the repository root): site.toml, content/, themes/, plus the other
 * site folders (data/, editions/, static/, templates/) when the repository has them.
 */
export function copySampleSite() {
  const site = copyDir(REPO_ROOT, [
    'site.toml',
    'content',
    'themes',
    'data',
    'editions',
    'static',
    'templates',
  ]);
  for (const required of ['site.toml', 'content']) {
    if (!fs.existsSync(path.join(site, required))) {
      throw new Error(`sample site copy lacks ${required} (looked in ${REPO_ROOT})`);
    }
  }
  return site;
}

/** Removes every temp folder made by makeTempDir/copyDir (set SHIAN_KEEP_TMP=1 to keep them). */
export function removeTempDirs() {
  for (const dir of tempDirs) {
    if (process.env.SHIAN_KEEP_TMP) {
      console.log(`# kept ${dir}`);
    } else {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  tempDirs.clear();
}

function ensureBinary() {
  if (!fs.existsSync(SHIAN_BIN)) {
    throw new Error(`shian binary not found at ${SHIAN_BIN}: run "cargo build" or set SHIAN_BIN`);
  }
}

/** Keeps the last `limit` characters of a stream, so diagnostics stay small however chatty it is. */
function tail(limit = 8_000) {
  let text = '';
  return {
    push(chunk) {
      text = (text + chunk).slice(-limit);
    },
    get text() {
      return text;
    },
  };
}

/**
 * Runs `shian serve --root rootDir --port 0 --bind 127.0.0.1` and resolves, once the
 * "Serving at http://127.0.0.1:PORT/" line appears, with { url, proc, stop(), output() }.
 * Rejects after 60 s (or if shian exits first) with its stderr in the message.
 */
export function startServe(rootDir, { timeoutMs = 60_000 } = {}) {
  ensureBinary();
  const proc = spawn(
    SHIAN_BIN,
    ['serve', '--root', rootDir, '--port', '0', '--bind', '127.0.0.1'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  children.add(proc);
  const stdout = tail();
  const stderr = tail();
  let exited = false;
  const exitedPromise = new Promise((resolve) => {
    proc.once('exit', (code, signal) => {
      exited = true;
      children.delete(proc);
      resolve({ code, signal });
    });
  });

  const stop = async () => {
    if (exited) return;
    proc.kill('SIGTERM');
    const done = await Promise.race([exitedPromise.then(() => true), delay(5_000).then(() => false)]);
    if (!done) {
      proc.kill('SIGKILL');
      await Promise.race([exitedPromise, delay(5_000)]);
    }
  };
  const output = () => `--- shian stdout (tail) ---\n${stdout.text}\n--- shian stderr (tail) ---\n${stderr.text}`;

  return new Promise((resolve, reject) => {
    let settled = false;
    let lineBuf = '';
    const fail = (why) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stop().finally(() => reject(new Error(`shian serve ${why}\n${output()}`)));
    };
    const timer = setTimeout(() => fail(`printed no "Serving at" line within ${timeoutMs} ms`), timeoutMs);
    proc.on('error', (err) => fail(`could not start (${SHIAN_BIN}): ${err.message}`));
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (chunk) => stderr.push(chunk));
    proc.stdout.setEncoding('utf8');
    // Keep draining stdout for the whole run: a full pipe would block shian's println!.
    proc.stdout.on('data', (chunk) => {
      stdout.push(chunk);
      if (settled) return;
      lineBuf += chunk;
      const m = lineBuf.match(/Serving at (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) {
        settled = true;
        clearTimeout(timer);
        lineBuf = '';
        resolve({ url: m[1], proc, stop, output });
      }
    });
    exitedPromise.then(({ code, signal }) => fail(`exited early (code ${code}, signal ${signal})`));
  });
}

const STATIC_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
};

/**
 * Serves the folder `root` read-only on 127.0.0.1 (a free port) — a plain static host, as a built
 * site would have in production (no shian involved). A folder URL serves its index.html (a folder
 * URL without the trailing slash redirects to it). Resolves with { url, server, stop() }.
 */
export function startStaticServer(root, { timeoutMs = WAIT_MS } = {}) {
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { 'Cache-Control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      return send(400, 'bad request');
    }
    let file = path.resolve(base, `.${pathname}`);
    if (file !== base && !file.startsWith(base + path.sep)) return send(403, 'forbidden');
    let stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat?.isDirectory()) {
      if (!pathname.endsWith('/')) {
        return send(301, '', { Location: `${pathname}/${new URL(req.url, 'http://127.0.0.1').search}` });
      }
      file = path.join(file, 'index.html');
      stat = fs.statSync(file, { throwIfNoEntry: false });
    }
    if (!stat?.isFile()) {
      const notFound = path.join(base, '404.html');
      const body = fs.existsSync(notFound) ? fs.readFileSync(notFound) : 'not found';
      return send(404, body, { 'Content-Type': 'text/html; charset=utf-8' });
    }
    const type = STATIC_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
    send(200, fs.readFileSync(file), { 'Content-Type': type, 'Content-Length': stat.size });
  });
  staticServers.add(server);
  const stop = () =>
    new Promise((resolve) => {
      staticServers.delete(server);
      server.closeAllConnections?.();
      server.close(() => resolve());
      setTimeout(resolve, 5_000).unref?.();
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`static server on ${base} did not start within ${timeoutMs} ms`));
    }, timeoutMs);
    server.once('error', (err) => {
      clearTimeout(timer);
      staticServers.delete(server);
      reject(err);
    });
    server.listen(0, '127.0.0.1', () => {
      clearTimeout(timer);
      resolve({ url: `http://127.0.0.1:${server.address().port}/`, server, stop });
    });
  });
}

/** Stops every static server started by startStaticServer(). */
export async function stopAllStaticServers() {
  await Promise.all(
    [...staticServers].map(
      (server) =>
        new Promise((resolve) => {
          staticServers.delete(server);
          server.closeAllConnections?.();
          server.close(() => resolve());
          setTimeout(resolve, 5_000).unref?.();
        }),
    ),
  );
}

/** Stops every shian process this process started. */
export async function stopAllServers() {
  await Promise.all(
    [...children].map(async (proc) => {
      proc.kill('SIGTERM');
      await Promise.race([new Promise((r) => proc.once('exit', r)), delay(5_000)]);
      if (children.has(proc)) proc.kill('SIGKILL');
    }),
  );
}

/** Runs `shian <args>` to completion (bounded) and returns { status, stdout, stderr }. */
export function runShian(args, { timeoutMs = 60_000 } = {}) {
  ensureBinary();
  const res = spawnSync(SHIAN_BIN, args, {
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (res.error) throw new Error(`shian ${args.join(' ')}: ${res.error.message}`);
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

/**
 * Records every request (and WebSocket) of a page or browser context whose URL is not allowed, and
 * returns the (live) list of offending URLs: tests assert it stays empty.
 *
 * `allowed` lists what may be requested: a scheme ending in ':' (e.g. 'file:'), a bare host name
 * (e.g. '127.0.0.1', any port) or an origin (e.g. 'http://127.0.0.1:4321'). data: URLs are inline
 * content, never a request to anything, and are always allowed.
 */
export function guardRequests(target, allowed = ['127.0.0.1']) {
  const outside = [];
  const isAllowed = (raw) => {
    let u;
    try {
      u = new URL(raw);
    } catch {
      return false;
    }
    if (u.protocol === 'data:' || raw === 'about:blank') return true;
    return allowed.some((a) => {
      if (a.endsWith(':')) return u.protocol === a;
      if (a.includes('://')) return u.origin === new URL(a).origin;
      return ['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol) && u.hostname === a;
    });
  };
  const check = (url) => {
    if (!isAllowed(url)) outside.push(url);
  };
  target.on('request', (req) => check(req.url()));
  target.on('websocket', (ws) => check(ws.url()));
  return outside;
}

/** The names of the custom properties declared in the first `:root { ... }` block of a stylesheet. */
export function rootCustomProperties(cssText) {
  const block = cssText.replace(/\/\*[\s\S]*?\*\//g, '').match(/:root\s*\{([^}]*)\}/);
  if (!block) return [];
  return [...block[1].matchAll(/(--[A-Za-z0-9_-]+)\s*:/g)].map((m) => m[1]);
}

/**
 * Evidence that the site stylesheet is applied to the page: the link element, the value of each of
 * `customProps` on :root (only present when the stylesheet loaded) and the body margin (the
 * browser default is 8px; the theme sets 0).
 */
export async function stylesheetState(page, customProps) {
  return page.evaluate((props) => {
    const rootStyle = getComputedStyle(document.documentElement);
    const links = [...document.querySelectorAll('link[rel~="stylesheet"]')].map((l) => l.href);
    const missing = props.filter((p) => rootStyle.getPropertyValue(p).trim() === '');
    return {
      links,
      missing,
      bodyMargin: getComputedStyle(document.body).marginTop,
      fontFamily: getComputedStyle(document.body).fontFamily,
    };
  }, customProps);
}

/** Asserts stylesheetState() shows the theme stylesheet applied. */
export async function assertStylesheetApplied(assert, page, customProps, where) {
  assert.ok(customProps.length > 0, 'the theme stylesheet declares custom properties on :root');
  const s = await stylesheetState(page, customProps);
  assert.ok(
    s.links.some((href) => /\/assets\/shian\.css(\?.*)?$/.test(href)),
    `${where}: links assets/shian.css (links: ${JSON.stringify(s.links)})`,
  );
  assert.deepEqual(s.missing, [], `${where}: custom properties from shian.css are set on :root`);
  assert.equal(s.bodyMargin, '0px', `${where}: body margin comes from shian.css, not the browser default`);
  assert.doesNotMatch(s.fontFamily, /^"?Times/, `${where}: body font is the theme's, not the browser default`);
}

export function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms).unref?.());
}

/**
 * The usual setting of a browser test file: a temp copy of `fixtureDir` served by `shian serve`, one
 * browser, one context whose requests are guarded. Registers its own before/after hooks; the returned
 * object is filled in by `before`: { server, browser, context, outside, url(path) }.
 */
export function servedFixture(fixtureDir) {
  const env = {};
  before(async () => {
    env.server = await startServe(copyDir(fixtureDir));
    env.browser = await launchBrowser();
    env.context = await env.browser.newContext();
    env.outside = guardRequests(env.context);
    env.url = (p) => new URL(p, env.server.url).href;
  });
  after(async () => {
    await stopAllServers();
    await closeAllBrowsers();
    removeTempDirs();
  });
  return env;
}

let axeSource = null;
/**
 * Loads axe-core into the page. Through the DevTools protocol, not a <script> tag: the pages' own
 * Content-Security-Policy refuses inline and foreign scripts, and a test tool must not need it relaxed.
 */
export async function addAxe(page) {
  axeSource ??= fs.readFileSync(path.join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  await page.evaluate(`${axeSource}\n;window.axe = axe; true`);
}
