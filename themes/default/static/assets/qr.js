/* shian QR Code encoder (ISO/IEC 18004), offline and from file://: byte mode (UTF-8), versions 1-40,
   levels L M Q H, mask chosen by the four penalty rules. shian's own code, licence MIT OR Apache-2.0.
   window.shianQR: encode(text, ecc, mask) -> { size, version, ecc, mask, modules, dark(x, y) };
   draw(canvas, qr, opts) -> pixel size. */
(function () {
  'use strict';
  if (window.shianQR) { return; }

  // Per level, index = version - 1: EC codewords per block, and number of blocks.
  var LEVELS = 'LMQH', FORMAT = [1, 0, 3, 2];
  var ECC = [
    [7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    [10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
    [13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    [17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30]
  ];
  var BLOCKS = [
    [1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
    [1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
    [1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
    [1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81]
  ];

  // GF(256) with the polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D), as exp and log tables.
  var EXP = [], LOG = [], i, x = 1;
  for (i = 0; i < 255; i++) { EXP[i] = x; LOG[x] = i; x = (x << 1) ^ (x & 128 ? 0x11D : 0); }
  function mul(a, b) { return a && b ? EXP[(LOG[a] + LOG[b]) % 255] : 0; }

  // Reed-Solomon EC codewords of data: the remainder of data * x^n divided by prod (x - 2^i), i < n.
  function rs(data, n) {
    var g = [], rem = [], i, j, f;
    for (i = 0; i < n; i++) { g[i] = 0; rem[i] = 0; }
    g[n - 1] = 1; // the generator's coefficients from the highest degree, its leading 1 dropped
    for (i = 0; i < n; i++) { // g *= (x - 2^i)
      for (j = 0; j < n; j++) { g[j] = mul(g[j], EXP[i]) ^ (j + 1 < n ? g[j + 1] : 0); }
    }
    for (i = 0; i < data.length; i++) {
      f = data[i] ^ rem.shift();
      rem.push(0);
      for (j = 0; j < n; j++) { rem[j] ^= mul(g[j], f); }
    }
    return rem;
  }

  // Alignment pattern centres on each axis (empty for version 1).
  function align(v) {
    if (v == 1) { return []; }
    var n = Math.floor(v / 7) + 2, step = Math.floor((v * 8 + n * 3 + 5) / (n * 4 - 4)) * 2, out = [6], p;
    for (p = v * 4 + 10; out.length < n; p -= step) { out.splice(1, 0, p); }
    return out;
  }
  // Codewords (data and EC) that fit in version v: all modules less the function patterns, / 8.
  function rawCodewords(v) {
    var n = Math.floor(v / 7) + 2, bits = (16 * v + 128) * v + 64;
    if (v > 1) { bits -= (25 * n - 10) * n - 55; }
    if (v > 6) { bits -= 36; }
    return bits >> 3;
  }
  function dataCodewords(v, e) { return rawCodewords(v) - ECC[e][v - 1] * BLOCKS[e][v - 1]; }

  // UTF-8 bytes of a JS string; a lone surrogate becomes U+FFFD, as with TextEncoder.
  function utf8(s) {
    var out = [], i, c, d;
    for (i = 0; i < s.length; i++) {
      c = s.charCodeAt(i);
      if (c >= 0xD800 && c < 0xE000) {
        d = s.charCodeAt(i + 1);
        if (c < 0xDC00 && d >= 0xDC00 && d < 0xE000) { c = 0x10000 + ((c - 0xD800) << 10) + d - 0xDC00; i++; } else { c = 0xFFFD; }
      }
      if (c < 0x80) { out.push(c); } else if (c < 0x800) { out.push(0xC0 | c >> 6, 0x80 | c & 63); } else if (c < 0x10000) {
        out.push(0xE0 | c >> 12, 0x80 | c >> 6 & 63, 0x80 | c & 63);
      } else { out.push(0xF0 | c >> 18, 0x80 | c >> 12 & 63, 0x80 | c >> 6 & 63, 0x80 | c & 63); }
    }
    return out;
  }

  // The codeword sequence: mode, count, bytes, terminator, padding; split into blocks, EC added, interleaved.
  function codewords(bytes, v, e) {
    var cap = dataCodewords(v, e), bits = [], data = [], i, j, put = function (val, n) {
      for (j = n - 1; j >= 0; j--) { bits.push(val >>> j & 1); }
    };
    put(4, 4);
    put(bytes.length, v < 10 ? 8 : 16);
    for (i = 0; i < bytes.length; i++) { put(bytes[i], 8); }
    put(0, Math.min(4, cap * 8 - bits.length));
    put(0, -bits.length & 7);
    for (i = 0; i < bits.length; i += 8) { data.push(parseInt(bits.slice(i, i + 8).join(''), 2)); }
    for (i = 0; data.length < cap; i++) { data.push(i & 1 ? 0x11 : 0xEC); }
    var nb = BLOCKS[e][v - 1], ne = ECC[e][v - 1], raw = rawCodewords(v), nShort = nb - raw % nb,
      shortLen = Math.floor(raw / nb) - ne, blocks = [], out = [], k = 0, b;
    for (b = 0; b < nb; b++) { // the short blocks come first; the others have one data codeword more
      blocks.push(data.slice(k, k += shortLen + (b < nShort ? 0 : 1)));
      blocks[b].ec = rs(blocks[b], ne);
    }
    for (i = 0; i <= shortLen; i++) {
      for (b = 0; b < nb; b++) { if (i < blocks[b].length) { out.push(blocks[b][i]); } }
    }
    for (i = 0; i < ne; i++) { for (b = 0; b < nb; b++) { out.push(blocks[b].ec[i]); } }
    return out;
  }

  // Remainder of a BCH code word: val * x^(deg g) mod g, g with its leading bit.
  function bch(val, g) {
    var deg = g.toString(2).length - 1, r = val << deg, i;
    for (i = 31 - Math.clz32(r); i >= deg; i--) { if (r >>> i & 1) { r ^= g << (i - deg); } }
    return val << deg | r;
  }

  var MASKS = [
    function (x, y) { return (x + y) % 2 == 0; },
    function (x, y) { return y % 2 == 0; },
    function (x, y) { return x % 3 == 0; },
    function (x, y) { return (x + y) % 3 == 0; },
    function (x, y) { return (Math.floor(x / 3) + Math.floor(y / 2)) % 2 == 0; },
    function (x, y) { return x * y % 2 + x * y % 3 == 0; },
    function (x, y) { return (x * y % 2 + x * y % 3) % 2 == 0; },
    function (x, y) { return ((x + y) % 2 + x * y % 3) % 2 == 0; }
  ];

  // The penalty score of a finished symbol (row-major, 1 = dark).
  function penalty(m, n) {
    var p = 0, dark = 0, d, x, y, k, c, runs, len, prev, r, u, big = 1e9;
    for (d = 0; d < 2; d++) { // rows, then columns
      for (y = 0; y < n; y++) {
        runs = [big]; prev = 0; len = 0; // runs of alternating colour, light first; outside is light
        for (x = 0; x <= n; x++) {
          c = x < n ? m[d ? x * n + y : y * n + x] : -1;
          if (c === prev) { len++; continue; }
          if (len >= 5) { p += len - 2; } // rule 1: 3 for five in a row, 1 for each more
          runs[runs.length - 1] += len; // the first run already holds the border
          runs.push(0); prev = c; len = 1;
        }
        runs.pop(); // the run opened by the border
        if (runs.length % 2) { runs[runs.length - 1] += big; } else { runs.push(big); } // the border is light
        for (k = 3; k < runs.length - 3; k += 2) { // rule 3: dark 1:1:3:1:1 with 4 light on one side
          r = runs; u = r[k] / 3;
          if (u >= 1 && r[k - 2] == u && r[k - 1] == u && r[k + 1] == u && r[k + 2] == u) {
            if (r[k - 3] >= 4 * u) { p += 40; }
            if (r[k + 3] >= 4 * u) { p += 40; }
          }
        }
      }
    }
    for (y = 0; y < n; y++) {
      for (x = 0; x < n; x++) {
        dark += m[y * n + x];
        if (x && y && (c = m[y * n + x]) == m[y * n + x - 1] && c == m[y * n - n + x] && c == m[y * n - n + x - 1]) { p += 3; } // rule 2
      }
    }
    return p + 10 * (Math.ceil(Math.abs(dark * 20 - n * n * 10) / (n * n)) - 1); // rule 4
  }

  // mask (0-7) forces a mask pattern; by default the one with the lowest penalty is used.
  function encode(text, ecc, mask) {
    var e = LEVELS.indexOf(ecc == null ? 'M' : ecc), bytes = utf8('' + text), v, n, m, fn, i, j, k;
    if (e < 0 || ('' + ecc).length > 1) { throw new Error('bad ecc level'); }
    for (v = 1; v <= 40 && 4 + (v < 10 ? 8 : 16) + 8 * bytes.length > dataCodewords(v, e) * 8; v++) { /* smallest version */ }
    if (v > 40) { throw new Error('too long'); }
    n = v * 4 + 17; m = new Uint8Array(n * n); fn = new Uint8Array(n * n);
    function set(x, y, dark) { m[y * n + x] = dark ? 1 : 0; fn[y * n + x] = 1; }

    // Function patterns: timing, finders with separators, alignment, version, dark module, format area.
    for (i = 0; i < n; i++) { set(6, i, i % 2 == 0); set(i, 6, i % 2 == 0); }
    [[3, 3], [n - 4, 3], [3, n - 4]].forEach(function (c) {
      for (i = -4; i <= 4; i++) {
        for (j = -4; j <= 4; j++) {
          k = Math.max(Math.abs(i), Math.abs(j));
          if (c[0] + i >= 0 && c[0] + i < n && c[1] + j >= 0 && c[1] + j < n) { set(c[0] + i, c[1] + j, k != 2 && k != 4); }
        }
      }
    });
    var al = align(v);
    al.forEach(function (a, p) {
      al.forEach(function (b, q) {
        var last = al.length - 1;
        if (p == 0 && (q == 0 || q == last) || q == 0 && p == last) { return; } // the three corners hold finders
        for (i = -2; i <= 2; i++) { for (j = -2; j <= 2; j++) { set(a + i, b + j, Math.max(Math.abs(i), Math.abs(j)) != 1); } }
      });
    });
    if (v >= 7) {
      k = bch(v, 0x1F25);
      for (i = 0; i < 18; i++) { set(n - 11 + i % 3, Math.floor(i / 3), k >> i & 1); set(Math.floor(i / 3), n - 11 + i % 3, k >> i & 1); }
    }
    function format(mask) {
      var f = bch(FORMAT[e] << 3 | mask, 0x537) ^ 0x5412, b, t; // own counters: callers loop on i and k
      for (t = 0; t < 15; t++) {
        b = f >> t & 1;
        set(8, t < 6 ? t : t < 8 ? t + 1 : n - 15 + t, b);
        set(t < 8 ? n - 1 - t : t < 9 ? 7 : 14 - t, 8, b);
      }
      set(8, n - 8, 1);
    }
    format(0);

    // Data: two-module columns from the right, zigzagging up and down, skipping the timing column.
    var cw = codewords(bytes, v, e), bit = 0, x, y, up;
    for (x = n - 1; x > 0; x -= 2) {
      if (x == 6) { x = 5; }
      up = (x + 1) & 2 ? 0 : 1;
      for (i = 0; i < n; i++) {
        y = up ? n - 1 - i : i;
        for (j = 0; j < 2; j++) {
          if (!fn[y * n + x - j]) { m[y * n + x - j] = cw[bit >> 3] >> (7 - (bit & 7)) & 1; bit++; } // remainder bits: 0
        }
      }
    }

    // Masks: keep the one with the lowest penalty (the first of equals).
    function flip(mask) {
      for (y = 0; y < n; y++) { for (x = 0; x < n; x++) { if (!fn[y * n + x] && MASKS[mask](x, y)) { m[y * n + x] ^= 1; } } }
    }
    var best = 0, score = Infinity, s;
    for (k = 0; k < 8; k++) {
      if (mask != null && k != mask) { continue; }
      flip(k); format(k); s = penalty(m, n);
      if (s < score) { score = s; best = k; }
      flip(k);
    }
    flip(best); format(best);
    return {
      size: n, version: v, ecc: LEVELS[e], mask: best, modules: m,
      dark: function (x, y) { return x >= 0 && y >= 0 && x < n && y < n && m[y * n + x] == 1; }
    };
  }

  // Draws qr on a 2D canvas with a quiet zone; resizes the canvas unless opts.x or opts.y is given.
  function draw(canvas, qr, opts) {
    var o = opts || {}, scale = o.scale || 4, margin = o.margin == null ? 4 : o.margin, n = qr.size,
      px = (n + 2 * margin) * scale, ox = o.x || 0, oy = o.y || 0, ctx, x, y, s;
    if (o.x == null && o.y == null) { canvas.width = px; canvas.height = px; }
    ctx = canvas.getContext('2d');
    ctx.fillStyle = o.light || '#fff';
    ctx.fillRect(ox, oy, px, px);
    ctx.fillStyle = o.dark || '#000';
    for (y = 0; y < n; y++) { // one rectangle per horizontal run of dark modules
      for (x = 0; x < n; x = s) {
        for (s = x; s < n && qr.dark(s, y); s++) { /* run */ }
        if (s > x) { ctx.fillRect(ox + (margin + x) * scale, oy + (margin + y) * scale, (s - x) * scale, scale); } else { s++; }
      }
    }
    return px;
  }

  window.shianQR = { encode: encode, draw: draw };
}());
