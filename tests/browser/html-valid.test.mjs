// Every HTML page of the sample site passes the Nu HTML Checker (vnu, from the vnu-jar npm package)
// with zero errors: once as `shian build` writes it, once with `--relative`. Warnings and info
// messages are not counted. vnu runs on the local Java (scripts/test installs default-jre-headless
// when `java` is missing); it reads the built files from disk and makes no request.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT, TEST_TIMEOUT_MS, copySampleSite, makeTempDir, removeTempDirs, runShian } from './helpers.mjs';

const JAVA = process.env.JAVA || 'java';
const VNU_JAR = path.join(REPO_ROOT, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
const BUILD_TIMEOUT_MS = 120_000;
/** One vnu run over both builds (about 10 s here); bounded well above that for a loaded CI machine. */
const VNU_TIMEOUT_MS = 240_000;
/** How much of a failure is printed: messages (grouped by text), and places per message. */
const MAX_GROUPS = 25;
const MAX_PLACES = 6;

const BUILDS = [
  { name: 'build', args: [] },
  { name: 'build --relative', args: ['--relative'] },
];

/** Every .html file under dir, sorted. */
function htmlFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.html')) {
      out.push(path.join(entry.parentPath ?? entry.path, entry.name));
    }
  }
  return out.sort();
}

/** Fails with a clear message unless a Java 17+ runtime answers `java -version`. */
function checkJava() {
  const res = spawnSync(JAVA, ['-version'], { encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL' });
  const hint = 'install a Java 17+ runtime (Debian: apt-get install default-jre-headless; scripts/test does) or set JAVA';
  if (res.error?.code === 'ENOENT') throw new Error(`no "${JAVA}" found (PATH or JAVA): ${hint}`);
  if (res.error) throw new Error(`cannot run "${JAVA} -version" (${res.error.message}): ${hint}`);
  const text = `${res.stderr}${res.stdout}`;
  const m = text.match(/version "(\d+)(?:\.(\d+))?/);
  const major = m ? (m[1] === '1' ? Number(m[2]) : Number(m[1])) : NaN;
  if (res.status !== 0 || !(major >= 17)) {
    throw new Error(`vnu needs Java 17 or newer; "${JAVA} -version" said:\n${text.trim()}\n${hint}`);
  }
}

/**
 * Runs vnu once over the given folders and returns its messages plus the files it says it checked.
 * With --verbose vnu prints each file name on stdout; the JSON report goes to stderr.
 */
function runVnu(dirs) {
  const res = spawnSync(
    JAVA,
    [
      '-jar',
      VNU_JAR,
      '--errors-only',
      '--format',
      'json',
      '--skip-non-html',
      // Language detection only ever yields warnings, which --errors-only drops: skipping it
      // saves time and about 350 MB of memory.
      '--no-langdetect',
      '--verbose',
      ...dirs,
    ],
    { encoding: 'utf8', timeout: VNU_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 256 * 1024 * 1024 },
  );
  if (res.error) {
    const why = res.error.code === 'ETIMEDOUT' ? `did not finish within ${VNU_TIMEOUT_MS} ms` : res.error.message;
    throw new Error(`vnu ${why}\n--- stderr (tail) ---\n${String(res.stderr ?? '').slice(-4000)}`);
  }
  let report;
  try {
    report = JSON.parse(res.stderr.slice(res.stderr.indexOf('{')));
  } catch {
    throw new Error(
      `vnu (exit ${res.status}) printed no JSON report\n--- stderr (tail) ---\n${res.stderr.slice(-4000)}`,
    );
  }
  const checked = new Set(
    res.stdout
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => path.resolve(l)),
  );
  return { status: res.status, messages: report.messages ?? [], checked };
}

/** A message's file: a path from the URL vnu reports (file:/abs/path). */
function messageFile(m) {
  if (!m.url) return '(no file)';
  try {
    return fileURLToPath(new URL(m.url));
  } catch {
    return m.url;
  }
}

/** Errors grouped by message, each with a few places (file:line:column and the extract), capped. */
function formatErrors(errors, outDir) {
  const groups = new Map();
  for (const e of errors) {
    const key = e.message ?? '(no message)';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(e);
  }
  const sorted = [...groups].sort((a, b) => b[1].length - a[1].length);
  const pages = new Set(errors.map((e) => messageFile(e)));
  const lines = [`${errors.length} error(s), ${groups.size} distinct message(s), on ${pages.size} page(s):`];
  for (const [message, list] of sorted.slice(0, MAX_GROUPS)) {
    lines.push('', `[${list.length}x] ${message}`);
    for (const e of list.slice(0, MAX_PLACES)) {
      const file = path.relative(outDir, messageFile(e));
      const where = `${file}:${e.lastLine ?? e.firstLine ?? '?'}:${e.firstColumn ?? e.lastColumn ?? '?'}`;
      const extract = e.extract ? `  ${JSON.stringify(e.extract.replace(/\s+/g, ' ').trim().slice(0, 120))}` : '';
      lines.push(`    ${where}${extract}`);
    }
    if (list.length > MAX_PLACES) lines.push(`    ... and ${list.length - MAX_PLACES} more`);
  }
  if (sorted.length > MAX_GROUPS) lines.push('', `... and ${sorted.length - MAX_GROUPS} more distinct message(s)`);
  return lines.join('\n');
}

const results = new Map(); // build name -> { outDir, files, checked, errors }

describe('the sample site passes the Nu HTML Checker', { timeout: 2 * TEST_TIMEOUT_MS + VNU_TIMEOUT_MS }, () => {
  before(() => {
    assert.ok(fs.existsSync(VNU_JAR), `${VNU_JAR} is missing: run "npm ci" (scripts/test does)`);
    checkJava();
    const site = copySampleSite();
    // vnu names files by their real path: no symlink in the way of matching them to the builds.
    const tmp = fs.realpathSync(makeTempDir());
    for (const b of BUILDS) {
      const outDir = path.join(tmp, b.args.length ? 'out-relative' : 'out');
      const res = runShian(['build', '--root', site, ...b.args, '--out', outDir], { timeoutMs: BUILD_TIMEOUT_MS });
      assert.equal(res.status, 0, `shian ${b.name} failed\n${res.stdout}\n${res.stderr}`);
      results.set(b.name, { outDir, files: htmlFiles(outDir) });
    }
    const vnu = runVnu([...results.values()].map((r) => r.outDir));
    const errors = vnu.messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
    if (vnu.status !== 0 && errors.length === 0) throw new Error(`vnu exited with ${vnu.status} and reported no error`);
    const inDir = (r, file) => file.startsWith(r.outDir + path.sep);
    for (const r of results.values()) {
      r.checked = new Set([...vnu.checked].filter((f) => inDir(r, f)));
      // An error vnu could not pin on either build (no file, an unreadable one) counts for both.
      r.errors = errors.filter(
        (m) => inDir(r, messageFile(m)) || ![...results.values()].some((o) => inDir(o, messageFile(m))),
      );
    }
  });

  after(() => removeTempDirs());

  for (const b of BUILDS) {
    test(`shian ${b.name}: every page is valid HTML`, () => {
      const r = results.get(b.name);
      assert.ok(r.files.length >= 100, `the build wrote the sample site's pages (${r.files.length} .html files)`);
      const unchecked = r.files.filter((f) => !r.checked.has(f));
      assert.deepEqual(
        unchecked.map((f) => path.relative(r.outDir, f)),
        [],
        'vnu checked every .html file of the build',
      );
      assert.ok(r.errors.length === 0, `Nu HTML Checker, shian ${b.name}: ${formatErrors(r.errors, r.outDir)}`);
    });
  }
});
