/* shian codes: the bytes of result codes and certificates (docs/results.md), as src/results/wire.rs and
   code.rs write them: LEB128 varints, texts in UTF-8 or UTF-16BE (whichever is shorter), CRC-32,
   base64url without padding. A classic script (works from file://); defines window.shianCode. */
(function () {
  'use strict';
  if (window.shianCode) { return; }
  var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', CRC = [];
  (function () {
    for (var n = 0, c, k; n < 256; n++) {
      for (c = n, k = 0; k < 8; k++) { c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1; }
      CRC[n] = c >>> 0;
    }
  }());
  function crc32(b) {
    var c = 0xFFFFFFFF, i;
    for (i = 0; i < b.length; i++) { c = CRC[(c ^ b[i]) & 255] ^ (c >>> 8); }
    return (c ^ 0xFFFFFFFF) >>> 0;
  }
  function utf8(s) {
    var out = [], i, c;
    for (i = 0; i < s.length; i++) {
      c = s.codePointAt(i);
      if (c > 0xFFFF) { i++; }
      if (c < 0x80) { out.push(c); } else if (c < 0x800) { out.push(0xC0 | c >> 6, 0x80 | c & 63); } else if (c < 0x10000) { out.push(0xE0 | c >> 12, 0x80 | c >> 6 & 63, 0x80 | c & 63); } else { out.push(0xF0 | c >> 18, 0x80 | c >> 12 & 63, 0x80 | c >> 6 & 63, 0x80 | c & 63); }
    }
    return out;
  }
  function fromUtf8(b) {
    try { return decodeURIComponent(b.map(function (x) { return '%' + (x < 16 ? '0' : '') + x.toString(16); }).join('')); } catch (e) { return ''; }
  }

  function Writer() { this.b = []; }
  Writer.prototype.byte = function (x) { this.b.push(x & 255); };
  Writer.prototype.raw = function (a) { for (var i = 0; i < a.length; i++) { this.b.push(a[i] & 255); } };
  // Numbers up to 2^53: division instead of bit shifts, which stop at 32 bits.
  Writer.prototype.varint = function (v) {
    v = Math.max(0, Math.floor(v));
    while (v >= 128) { this.b.push(v % 128 + 128); v = Math.floor(v / 128); }
    this.b.push(v);
  };
  Writer.prototype.text = function (s) {
    var u8 = utf8(s), i;
    if (s.length * 2 < u8.length) {
      this.varint(s.length * 4 + 1);
      for (i = 0; i < s.length; i++) { this.b.push(s.charCodeAt(i) >> 8, s.charCodeAt(i) & 255); }
    } else {
      this.varint(u8.length * 2);
      this.raw(u8);
    }
  };

  function Reader(b) { this.b = b; this.p = 0; }
  Reader.prototype.take = function (n) {
    if (this.p + n > this.b.length) { throw new Error('short'); }
    this.p += n;
    return this.b.slice(this.p - n, this.p);
  };
  Reader.prototype.byte = function () { return this.take(1)[0]; };
  Reader.prototype.varint = function () {
    var v = 0, m = 1, x, i;
    for (i = 0; i < 8; i++) {
      x = this.byte();
      v += (x & 127) * m;
      if (x < 128) { return v; }
      m *= 128;
    }
    throw new Error('short');
  };
  Reader.prototype.text = function () {
    var h = this.varint(), b = this.take(Math.floor(h / 2)), s = '', i;
    if (h % 2) {
      for (i = 0; i + 1 < b.length; i += 2) { s += String.fromCharCode(b[i] << 8 | b[i + 1]); }
      return s;
    }
    return fromUtf8(b);
  };

  function b64(bytes) {
    var s = '', i, n;
    for (i = 0; i < bytes.length; i += 3) {
      n = bytes[i] << 16 | (bytes[i + 1] || 0) << 8 | (bytes[i + 2] || 0);
      s += B64[n >> 18 & 63] + B64[n >> 12 & 63] + (i + 1 < bytes.length ? B64[n >> 6 & 63] : '') + (i + 2 < bytes.length ? B64[n & 63] : '');
    }
    return s;
  }
  // null for characters outside base64url or a length no encoder makes.
  function unb64(s) {
    var out = [], bits = 0, acc = 0, i, v;
    if (s.length % 4 == 1) { return null; }
    for (i = 0; i < s.length; i++) {
      v = B64.indexOf(s.charAt(i));
      if (v < 0) { return null; }
      acc = acc << 6 | v;
      bits += 6;
      if (bits >= 8) { bits -= 8; out.push(acc >> bits & 255); }
    }
    return out;
  }
  function hexBytes(h) {
    var out = [], i;
    for (i = 0; i < 8; i++) { out.push(parseInt((h || '').substr(i * 2, 2), 16) || 0); }
    return out;
  }

  /* a: {quiz, edition, hash, seed, started (ms), ended (ms), leaves, collected: [..], answers: [mask..]} */
  function result(a) {
    var w = new Writer(), c;
    w.byte(1);
    w.text(a.quiz);
    w.text(a.edition || '');
    w.raw(hexBytes(a.hash));
    w.varint(a.seed >>> 0);
    w.varint(Math.floor(a.started / 1000));
    w.varint(Math.max(0, Math.round((a.ended - a.started) / 1000)));
    w.varint(a.leaves || 0);
    w.varint(a.collected.length);
    a.collected.forEach(function (s) { w.text(s); });
    w.varint(a.answers.length);
    a.answers.forEach(function (m) { w.varint(m); });
    c = crc32(w.b);
    w.raw([c >>> 24, c >>> 16 & 255, c >>> 8 & 255, c & 255]);
    return 'SA1' + b64(w.b);
  }

  /* A certificate: {payload: bytes, sig: bytes, cert: {quiz, edition, seed, ended (s), score, total,
     fields: [[label, value]..]}}, or {error: 'malformed' | 'version' | 'truncated'}. */
  function certificate(code) {
    code = (code || '').replace(/\s+/g, '');
    var m = /^SC(\d)(.*)$/.exec(code), bytes, r, n, i, cert;
    if (!m) { return { error: 'malformed' }; }
    if (m[1] != '1') { return { error: 'version' }; }
    bytes = unb64(m[2]);
    if (!bytes) { return { error: /^[A-Za-z0-9_-]*$/.test(m[2]) ? 'truncated' : 'malformed' }; }
    if (bytes.length < 64 + 12) { return { error: 'truncated' }; }
    r = new Reader(bytes.slice(0, bytes.length - 64));
    try {
      if (r.byte() != 2) { return { error: 'malformed' }; }
      cert = { quiz: r.text(), edition: r.text(), hash: r.take(8), seed: r.varint(), ended: r.varint(), score: r.varint() / 100, total: r.varint() / 100, fields: [] };
      for (n = r.varint(), i = 0; i < n && i < 64; i++) { cert.fields.push([r.text(), r.text()]); }
    } catch (e) {
      return { error: 'truncated' };
    }
    return { payload: bytes.slice(0, bytes.length - 64), sig: bytes.slice(bytes.length - 64), cert: cert };
  }

  window.shianCode = { result: result, certificate: certificate, utf8: utf8, b64: b64, unb64: unb64, crc32: crc32, Writer: Writer, Reader: Reader };
}());
