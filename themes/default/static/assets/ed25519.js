/* shian Ed25519 check for /verify/: SHA-512 (FIPS 180-4, RFC 6234) and pure Ed25519 verification
   (RFC 8032 §5.1), offline and from file://. shian's own code, licence MIT OR Apache-2.0.
   window.shianEd25519: sha512(bytes), verify(sig, msg, pub), verifyAsync(sig, msg, pub) (WebCrypto
   first). Needs BigInt: without it this file does not parse, so verify.js gives no verdict. */
(function () {
  'use strict';
  if (window.shianEd25519) { return; }

  // A copy of an array-like of bytes (typed arrays of another realm too), or null; n: exact length.
  function u8(x, n) {
    var len = x != null && typeof x == 'object' ? x.length : -1, out, i, b;
    if (typeof len != 'number' || !(len >= 0) || len % 1 || (n != null && len !== n)) { return null; }
    out = new Uint8Array(len);
    for (i = 0; i < len; i++) { b = x[i]; if (typeof b != 'number' || b !== (b & 255)) { return null; } out[i] = b; }
    return out;
  }

  // SHA-512 on BigInt words. Constants: 64 bits of the fractional parts of the square (H0) and cube
  // (K) roots of the first primes, computed rather than listed.
  var M64 = (1n << 64n) - 1n, K = [], H0 = [], p, q;
  function iroot(n, e) { // floor(n ** (1 / e)), Newton's method from above
    var x = 1n << BigInt(Math.ceil(n.toString(2).length / Number(e))), y;
    for (;;) { y = ((e - 1n) * x + n / x ** (e - 1n)) / e; if (y >= x) { return x; } x = y; }
  }
  for (p = 2; K.length < 80; p++) {
    for (q = 2; q * q <= p && p % q; q++) { /* trial division */ }
    if (q * q > p) {
      if (H0.length < 8) { H0.push(iroot(BigInt(p) << 128n, 2n) & M64); }
      K.push(iroot(BigInt(p) << 192n, 3n) & M64);
    }
  }
  function rotr(x, n) { return ((x >> n) | (x << (64n - n))) & M64; }
  function sha512(bytes) {
    var m = u8(bytes), len, n, buf, H = H0.slice(), W = [], out, i, j, t, w, s, T1, T2;
    if (!m) { throw new TypeError('sha512: bytes expected'); }
    len = m.length;
    n = Math.ceil((len + 17) / 128) * 128; // 0x80, zeros, 128-bit big-endian bit length
    buf = new Uint8Array(n); buf.set(m); buf[len] = 0x80;
    for (i = 1, t = len * 8; i <= 8; i++, t = Math.floor(t / 256)) { buf[n - i] = t % 256; }
    for (i = 0; i < n; i += 128) {
      for (t = 0; t < 80; t++) {
        if (t < 16) { for (w = 0n, j = 0; j < 8; j++) { w = (w << 8n) | BigInt(buf[i + t * 8 + j]); } } else {
          T1 = W[t - 2]; T2 = W[t - 15];
          w = ((rotr(T1, 19n) ^ rotr(T1, 61n) ^ (T1 >> 6n)) + W[t - 7] +
            (rotr(T2, 1n) ^ rotr(T2, 8n) ^ (T2 >> 7n)) + W[t - 16]) & M64;
        }
        W[t] = w;
      }
      s = H.slice(); // a, b, c, d, e, f, g, h
      for (t = 0; t < 80; t++) {
        T1 = (s[7] + (rotr(s[4], 14n) ^ rotr(s[4], 18n) ^ rotr(s[4], 41n)) +
          (s[6] ^ (s[4] & (s[5] ^ s[6]))) + K[t] + W[t]) & M64;
        T2 = ((rotr(s[0], 28n) ^ rotr(s[0], 34n) ^ rotr(s[0], 39n)) +
          ((s[0] & s[1]) | (s[2] & (s[0] | s[1])))) & M64;
        s.pop(); s.unshift((T1 + T2) & M64); s[4] = (s[4] + T1) & M64;
      }
      for (j = 0; j < 8; j++) { H[j] = (H[j] + s[j]) & M64; }
    }
    out = new Uint8Array(64);
    for (i = 0; i < 64; i++) { out[i] = Number((H[i >> 3] >> BigInt(56 - 8 * (i & 7))) & 255n); }
    return out;
  }

  // Field GF(p), p = 2^255 - 19, and the group order L.
  var P = 2n ** 255n - 19n, L = 2n ** 252n + 27742317777372353535851937790883648493n;
  function md(a) { var r = a % P; return r < 0n ? r + P : r; }
  function pow(b, e) {
    var r = 1n;
    for (b = md(b); e > 0n; e >>= 1n) { if (e & 1n) { r = r * b % P; } b = b * b % P; }
    return r;
  }
  var D = md(-121665n * pow(121666n, P - 2n)), D2 = D * 2n % P, SQRTM1 = pow(2n, (P - 1n) / 4n);
  function le(b) { var x = 0n, i; for (i = b.length - 1; i >= 0; i--) { x = (x << 8n) | BigInt(b[i]); } return x; }

  // RFC 8032 §5.1.3: x from y and its sign bit, or null. Rejects y >= p and x = 0 with the sign
  // bit set, which ed25519-dalek accepts; no key generator makes them.
  function xof(y, sign) {
    var u = md(y * y - 1n), v = md(D * y * y + 1n), x, vx2;
    x = md(u * pow(v, 3n) * pow(u * pow(v, 7n), (P - 5n) / 8n));
    vx2 = md(v * x * x);
    if (vx2 !== u) { if (vx2 !== md(-u)) { return null; } x = x * SQRTM1 % P; }
    if (x === 0n && sign) { return null; }
    return Number(x & 1n) !== sign ? P - x : x;
  }
  // Points in extended coordinates [X, Y, Z, T], x = X/Z, y = Y/Z, xy = T/Z (RFC 8032 §5.1.4).
  function point(x, y) { return [x, y, 1n, x * y % P]; }
  function decode(b) {
    var y = le(b) & ((1n << 255n) - 1n), x = y < P ? xof(y, b[31] >> 7) : null;
    return x === null ? null : point(x, y);
  }
  function encode(pt) {
    var zi = pow(pt[2], P - 2n), x = md(pt[0] * zi), y = md(pt[1] * zi), out = new Uint8Array(32), i;
    for (i = 0; i < 32; i++, y >>= 8n) { out[i] = Number(y & 255n); }
    out[31] |= Number(x & 1n) << 7;
    return out;
  }
  // Complete addition for a = -1, and doubling. Coordinates stay in (-P, P): % keeps the sign.
  function add(p1, p2) {
    var a = (p1[1] - p1[0]) * (p2[1] - p2[0]) % P, b = (p1[1] + p1[0]) * (p2[1] + p2[0]) % P,
      c = p1[3] * D2 % P * p2[3] % P, d = 2n * p1[2] * p2[2] % P, e = b - a, f = d - c, g = d + c, h = b + a;
    return [e * f % P, g * h % P, f * g % P, e * h % P];
  }
  function dbl(p1) {
    var a = p1[0] * p1[0] % P, b = p1[1] * p1[1] % P, c = 2n * p1[2] * p1[2] % P, h = a + b,
      e = h - (p1[0] + p1[1]) ** 2n % P, g = a - b, f = c + g;
    return [e * f % P, g * h % P, f * g % P, e * h % P];
  }
  var By = 4n * pow(5n, P - 2n) % P, B = point(xof(By, 0), By);

  // Cofactorless, as ed25519-dalek's verify: encode([S]B - [k]A) must equal the R bytes, with
  // k = SHA-512(R || A || msg) mod L; so an R that does not decode, or is not canonical, fails too.
  // Never throws: anything malformed is false.
  function verify(sig, msg, pub) {
    try {
      var s = u8(sig, 64), m = u8(msg), a = u8(pub, 32), A = a && decode(a), S, k, h, R, i;
      if (!s || !m || !A) { return false; }
      S = le(s.subarray(32));
      if (S >= L) { return false; } // non-canonical S (malleability)
      h = new Uint8Array(64 + m.length);
      h.set(s.subarray(0, 32)); h.set(a, 32); h.set(m, 64);
      k = le(sha512(h)) % L;
      A = [P - A[0], A[1], A[2], md(-A[3])]; // -A
      R = [0n, 1n, 1n, 0n];
      for (i = 252; i >= 0; i--) { // [S]B + [k](-A) on one chain of doublings (Straus)
        R = dbl(R);
        if ((S >> BigInt(i)) & 1n) { R = add(R, B); }
        if ((k >> BigInt(i)) & 1n) { R = add(R, A); }
      }
      R = encode(R);
      for (i = 0; i < 32; i++) { if (R[i] !== s[i]) { return false; } }
      return true;
    } catch (e) { return false; }
  }

  // WebCrypto first; verify where crypto.subtle is missing, lacks Ed25519 (NotSupportedError) or
  // fails otherwise (verify then answers, false for a key it would not import). lastPath: who answered.
  function verifyAsync(sig, msg, pub) {
    function js() { api.lastPath = 'js'; return verify(sig, msg, pub); }
    return Promise.resolve().then(function () {
      var s = u8(sig, 64), m = u8(msg), a = u8(pub, 32), sub = window.crypto && window.crypto.subtle;
      if (!s || !m || !a || !sub) { return js(); }
      return sub.importKey('raw', a, { name: 'Ed25519' }, false, ['verify']).then(function (key) {
        return sub.verify('Ed25519', key, s, m);
      }).then(function (ok) { api.lastPath = 'webcrypto'; return ok === true; }, js);
    }).catch(js);
  }

  var api = window.shianEd25519 = { sha512: sha512, verify: verify, verifyAsync: verifyAsync, lastPath: '' };
})();
