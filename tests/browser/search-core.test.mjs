// The search core (themes/default/static/assets/search-core.js) in Node, without a browser: the
// tokenizer and hash against tests/search-vectors.json (the same vectors the Rust indexer checks, so
// both sides of docs/search-format.md agree), id lists, scoring and snippets.
//
// The file is a classic script that ends in `module.exports = core` under CommonJS. It is not
// loaded with require(): the repository's package.json says "type": "module", so Node would load
// any .js file here as an ES module (where `module` does not exist) and hand back an empty
// namespace. The test runs it the way CommonJS does instead: wrapped in a function of `module`.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CORE = path.join(ROOT, 'themes', 'default', 'static', 'assets', 'search-core.js');
const VECTORS = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'search-vectors.json'), 'utf8'));
const SOURCE = fs.readFileSync(CORE, 'utf8');

function loadCore() {
  const wrapped = new vm.Script(`(function (module) {\n${SOURCE}\n})`, { filename: CORE, lineOffset: -1 });
  const module = { exports: {} };
  wrapped.runInThisContext()(module);
  return module.exports;
}

const core = loadCore();
const DICT = ['周排查', '日管控'];
const tokenCases = VECTORS.filter((v) => 'text' in v);
const hashCases = VECTORS.find((v) => 'hash' in v).hash;

/** The joined text of a snippet's parts, and the marked texts alone. */
function partsText(s) {
  return s.parts.map((p) => p[0]).join('');
}
function marked(s) {
  return s.parts.filter((p) => p[1]).map((p) => p[0]);
}

describe('loading', () => {
  test('in a browser the core is window.shianSearchCore', () => {
    const window = {};
    vm.runInNewContext(SOURCE, { window }, { filename: CORE });
    assert.equal(typeof window.shianSearchCore.indexTokens, 'function');
  });

  test('the source is ES5 (old WeChat webviews): no arrow functions, let, const or template literals', () => {
    const code = SOURCE.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    assert.doesNotMatch(code, /=>|\blet\s|\bconst\s|`/);
  });
});

describe('tokens (tests/search-vectors.json)', () => {
  test('the vector file covers the cases the spec singles out', () => {
    const texts = tokenCases.map((v) => v.text);
    for (const t of ['落实日管控', '落实日管控和周排查', 'HACCP计划', 'ＨＡＣＣＰ计划', '90%', '\u{20000}食']) {
      assert.ok(texts.includes(t), `a vector for ${t}`);
    }
    assert.ok(tokenCases.some((v) => v.text === '落实日管控' && v.dict.length === 0), 'without a dictionary too');
  });

  for (const v of tokenCases) {
    test(`${JSON.stringify(v.text)} with ${v.dict.length ? v.dict.join('/') : 'no dictionary'}`, () => {
      assert.deepEqual(core.indexTokens(v.text, v.dict), v.index, 'index side');
      assert.deepEqual(core.queryTokens(v.text, v.dict), v.query, 'query side');
    });
  }

  test('hand-computed: a dictionary term is indexed besides its unigrams and bigrams', () => {
    assert.deepEqual(core.indexTokens('日管控', DICT), ['日', '日管', '日管控', '管', '管控', '控']);
    assert.deepEqual(core.indexTokens('日管控', []), ['日', '日管', '管', '管控', '控']);
  });

  test('hand-computed: the query side takes terms greedily and cuts the gaps into bigrams', () => {
    assert.deepEqual(core.queryTokens('落实日管控和周排查', DICT), ['落实', '日管控', '和', '周排查']);
    assert.deepEqual(core.queryTokens('日管控', []), ['日管', '管控']);
    // The longest term wins where two start at the same character.
    assert.deepEqual(core.queryTokens('食品安全员', ['安全员', '食品安全员']), ['食品安全员']);
  });

  test('hand-computed: full-width letters and digits, mixed runs, percentages, U+20000+', () => {
    assert.deepEqual(core.indexTokens('ＨＡＣＣＰ计划', []), ['haccp', '计', '计划', '划']);
    assert.deepEqual(core.indexTokens('HACCP计划', []), ['haccp', '计', '计划', '划']);
    assert.deepEqual(core.queryTokens('９０％', []), ['90']);
    assert.deepEqual(core.indexTokens('\u{20000}食', []), ['\u{20000}', '\u{20000}食', '食']);
  });

  test('normalise and classify, code point by code point', () => {
    assert.equal(core.normalise(0xff21), 0x61); // Ａ -> a
    assert.equal(core.normalise(0xff10), 0x30); // ０ -> 0
    assert.equal(core.normalise(0x5b57), 0x5b57);
    assert.equal(core.classify(0x3007), 'cjk');
    assert.equal(core.classify(0x20000), 'cjk');
    assert.equal(core.classify(0x2fa1f), 'cjk');
    assert.equal(core.classify(0x2fa20), null);
    assert.equal(core.classify(0x3002), null); // 。
    assert.equal(core.classify(0x7a), 'word');
    assert.equal(core.classify(0x41), null); // only after normalising
  });
});

describe('hash and shards', () => {
  test('FNV-1a over UTF-8: the spec\'s known values', () => {
    assert.equal(core.fnv1a(''), 0x811c9dc5);
    assert.equal(core.fnv1a('a'), 0xe40c292c);
  });

  for (const [s, h] of hashCases) {
    test(`fnv1a(${JSON.stringify(s)}) = ${h}`, () => {
      assert.equal(core.fnv1a(s), h);
    });
  }

  test('a token goes to shard fnv1a % s', () => {
    const food = hashCases.find(([s]) => s === '食品')[1];
    assert.equal(core.shard('食品', 16), food % 16);
    assert.equal(core.shard('a', 7), 0xe40c292c % 7);
  });
});

describe('id lists and postings', () => {
  test('base-36 deltas', () => {
    assert.deepEqual(core.decodeIds('3,2,z'), [3, 5, 40]);
    assert.deepEqual(core.decodeIds('0'), [0]);
    assert.deepEqual(core.decodeIds(''), []);
  });

  test('postings are pairs of id delta and score', () => {
    assert.deepEqual(core.decodePostings('3,a,2,1'), [[3, 10], [5, 1]]);
    assert.deepEqual(core.decodePostings('0,2s'), [[0, 100]]);
    assert.deepEqual(core.decodePostings(''), []);
  });
});

describe('score', () => {
  // Record 1 has token a strongly, record 3 has a weakly and b: 1 scores 10 x (1/2)^2 = 2.5,
  // 3 scores (5 + 1) x (2/2)^2 = 6.
  const shards = [{ a: '1,a,2,5' }, { b: '3,1' }];

  test('the sum times (matched / tokens)^2: all the words beat a stronger single one', () => {
    assert.deepEqual(core.score(['a', 'b'], shards), [
      { id: 3, score: 6, matched: 2 },
      { id: 1, score: 2.5, matched: 1 },
    ]);
  });

  test('a token found nowhere still counts among the query\'s tokens', () => {
    assert.deepEqual(core.score(['a', 'zzz'], shards), [
      { id: 1, score: 2.5, matched: 1 },
      { id: 3, score: 1.25, matched: 1 },
    ]);
  });

  test('ties go to the lower id; shards may be keyed by their number; duplicates count once', () => {
    const keyed = { 4: { x: '7,3,2,3' }, 9: { y: '' } };
    assert.deepEqual(core.score(['x', 'x'], keyed).map((r) => r.id), [7, 9]);
    assert.deepEqual(core.score(['x', 'x'], keyed)[0], { id: 7, score: 3, matched: 1 });
  });

  test('keys of Object.prototype are not tokens', () => {
    assert.deepEqual(core.score(['constructor', 'tostring'], [{ a: '1,1' }]), []);
  });

  test('no tokens, no results', () => {
    assert.deepEqual(core.score([], shards), []);
  });
});

describe('snippet', () => {
  test('a short text is shown whole, with its matches marked', () => {
    const s = core.snippet('落实日管控和周排查', [], core.queryMarks('日管控', DICT));
    assert.deepEqual(s, { parts: [['落实', false], ['日管控', true], ['和周排查', false]], start: 0, section: null });
  });

  test('the marks are the query\'s terms, gaps and words', () => {
    assert.deepEqual(core.queryMarks('落实日管控和周排查 HACCP', DICT), ['落实', '日管控', '和', '周排查', 'haccp']);
  });

  test('matches ignore case and full width, and keep the text as written', () => {
    const s = core.snippet('The HACCP plan: ｈａｃｃｐ', [], ['haccp']);
    assert.deepEqual(marked(s), ['HACCP', 'ｈａｃｃｐ']);
  });

  test('a word is not marked inside a longer word', () => {
    assert.deepEqual(marked(core.snippet('15s or 5S', [], ['5s'])), ['5S']);
  });

  // 100 x 甲, 日管控 at 100, 100 x 乙, 日管控 at 203 and 207, 100 x 丙: 310 units.
  const long = `${'甲'.repeat(100)}日管控${'乙'.repeat(100)}日管控乙日管控${'丙'.repeat(100)}`;

  test('the window holds the most matches, with a third of the spare room before them', () => {
    const s = core.snippet(long, [], ['日管控']);
    // The two matches span 203..210; (90 - 7) / 3 = 27 units before them.
    assert.equal(s.start, 176);
    assert.deepEqual(marked(s), ['日管控', '日管控']);
    assert.equal(partsText(s), `…${long.slice(176, 266)}…`);
    assert.equal(s.section, null);
  });

  test('the section is the last one starting at or before the window', () => {
    const s = core.snippet(long, [[0, 'intro', 'A'], [150, 'two', 'B']], ['日管控']);
    assert.equal(s.start, 176);
    assert.deepEqual(s.section, [150, 'two', 'B']);
  });

  test('the window does not start before the section its first match is in', () => {
    const s = core.snippet(long, [[0, 'intro', 'A'], [150, 'two', 'B'], [200, 'three', 'C']], ['日管控']);
    assert.equal(s.start, 200);
    assert.deepEqual(s.section, [200, 'three', 'C']);
    assert.deepEqual(marked(s), ['日管控', '日管控']);
  });

  test('width is a parameter (90 by default)', () => {
    const s = core.snippet(long, [], ['日管控'], 20);
    assert.equal(partsText(s).length, 22);
    assert.equal(core.snippet(long, [], []).parts[0][0].length, 91);
  });

  test('without a match the text is shown from its start', () => {
    const s = core.snippet(long, [[0, 'intro', 'A']], ['周排查']);
    assert.equal(s.start, 0);
    assert.equal(partsText(s), `${long.slice(0, 90)}…`);
    assert.deepEqual(s.section, [0, 'intro', 'A']);
  });

  test('the window never splits a character of U+20000 and above', () => {
    const x = `${'\u{20000}'.repeat(100)}食品${'\u{20000}'.repeat(100)}`;
    const s = core.snippet(x, [], ['食品']);
    assert.equal(s.start % 2, 0);
    assert.doesNotMatch(partsText(s), /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    assert.deepEqual(marked(s), ['食品']);
  });

  test('an empty text gives no parts', () => {
    assert.deepEqual(core.snippet('', [], ['a']), { parts: [], start: 0, section: null });
  });
});
