//! Scores and files of an index, as docs/search-format.md defines them.

use super::collect::Counts;
use super::extract::Extracted;
use super::tokens::{fnv1a, Dict, Interner, Key};
use super::{Part, Rec};
use crate::output::Sink;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;

const K1: f64 = 1.2;
const B: f64 = 0.75;
/// One occurrence in the title counts as this many in a text of average length (BM25F: the
/// title is not normalised by the page's length).
const TITLE_WEIGHT: f64 = 6.0;
/// About how many bytes of postings a term shard holds (estimated at 6 a posting; they come out
/// at about 30 KB, 14 KB compressed: a query of four words loads about 60 KB).
const SHARD_BYTES: usize = 24_000;

/// A token's postings: `(record, score)` by record.
type Postings = Vec<(u32, u32)>;

/// A JSON string, safe in a script (no raw line or paragraph separators).
fn js_string(s: &str) -> String {
    serde_json::to_string(s)
        .unwrap_or_else(|_| "\"\"".into())
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

fn base36(mut n: u32, out: &mut String) {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buf = [0u8; 7];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = DIGITS[(n % 36) as usize];
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.extend(buf[i..].iter().map(|&b| b as char));
}

/// An id list: ascending ids as base-36 deltas.
fn ids(list: &[u32]) -> String {
    let mut s = String::new();
    let mut prev = 0;
    for (i, &id) in list.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        base36(id - prev, &mut s);
        prev = id;
    }
    s
}

/// `p/N.js`: what the result list shows of record `id`.
pub(super) fn record(id: u32, rec: &Rec, e: &Extracted) -> String {
    let mut s = format!(
        "shianSearch.p({id},{{\"u\":{},\"t\":{},\"k\":\"{}\",\"c\":{},\"x\":{},\"h\":[",
        js_string(&rec.url),
        js_string(&e.title),
        rec.kind,
        js_string(&rec.context),
        js_string(&e.text)
    );
    for (i, (at, hid, text)) in e.sections.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        let _ = write!(s, "[{at},{},{}]", js_string(hid), js_string(text));
    }
    s.push_str("]});\n");
    s
}

/// Each token's postings.
fn postings(part: &Part, counts: &[&Counts]) -> HashMap<Key, Postings> {
    let n = counts.len() as f64;
    let mut df: HashMap<Key, u32> = HashMap::default();
    for c in counts {
        for &(k, _, _) in &c.tf {
            *df.entry(k).or_default() += 1;
        }
    }
    // Questions are a few lines and pages a few screens: each is measured against its own kind's
    // average length, or every question would outrank every page.
    let is_question = |id: usize| part.records[id].kind == "question";
    let avg = |question: bool| {
        let (sum, k) = counts
            .iter()
            .enumerate()
            .filter(|(id, _)| is_question(*id) == question)
            .fold((0.0, 0.0), |(s, k), (_, c)| (s + c.len as f64, k + 1.0));
        (sum / f64::max(k, 1.0)).max(1.0)
    };
    let averages = [avg(false), avg(true)];
    let mut out: HashMap<Key, Postings> =
        HashMap::with_capacity_and_hasher(df.len(), Default::default());
    for (id, c) in counts.iter().enumerate() {
        let avg = averages[usize::from(is_question(id))];
        let norm = K1 * (1.0 - B + B * c.len as f64 / avg);
        let boost = part.records[id].boost;
        for &(k, text, title) in &c.tf {
            let d = df[&k] as f64;
            let idf = (1.0 + (n - d + 0.5) / (d + 0.5)).ln();
            let tf = TITLE_WEIGHT * title as f64 + text as f64 * K1 / norm;
            let score = idf * tf * (K1 + 1.0) / (tf + K1) * boost;
            let q = (score * 100.0).round().max(1.0) as u32;
            out.entry(k).or_default().push((id as u32, q));
        }
    }
    out
}

/// Writes an edition's term shards and header; the record files are written already.
pub(super) fn index(
    part: &Part,
    dict: &Dict,
    counts: &[&Counts],
    interner: &Interner,
    out: &dyn Sink,
) -> io::Result<()> {
    let postings = postings(part, counts);
    let total: usize = postings.values().map(Vec::len).sum();
    let shards = (total * 6).div_ceil(SHARD_BYTES).max(1);
    let mut by_shard: Vec<Vec<(String, &Postings)>> = vec![Vec::new(); shards];
    for (k, list) in &postings {
        let text = interner.text(*k);
        by_shard[fnv1a(&text) as usize % shards].push((text, list));
    }
    let files: Vec<String> = by_shard
        .into_par_iter()
        .enumerate()
        .map(|(i, mut terms)| {
            terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            shard(i, &terms)
        })
        .collect();
    let mut hash = xxhash_rust::xxh3::Xxh3::new();
    for (i, f) in files.iter().enumerate() {
        hash.update(f.as_bytes());
        out.write(&format!("{}t/{i}.js", part.folder), f.as_bytes())?;
    }
    let meta = meta(part, dict, shards, &format!("{:016x}", hash.digest()));
    out.write(&format!("{}meta.js", part.folder), meta.as_bytes())
}

fn shard(i: usize, terms: &[(String, &Postings)]) -> String {
    let mut s = format!("shianSearch.t({i},{{");
    for (n, (text, list)) in terms.iter().enumerate() {
        if n > 0 {
            s.push(',');
        }
        s.push_str(&js_string(text));
        s.push_str(":\"");
        let mut prev = 0;
        for (j, &(id, score)) in list.iter().enumerate() {
            if j > 0 {
                s.push(',');
            }
            base36(id - prev, &mut s);
            s.push(',');
            base36(score, &mut s);
            prev = id;
        }
        s.push('"');
    }
    s.push_str("});\n");
    s
}

fn meta(part: &Part, dict: &Dict, shards: usize, generation: &str) -> String {
    let mut filters: BTreeMap<&str, BTreeMap<&str, Vec<u32>>> = BTreeMap::new();
    for (id, r) in part.records.iter().enumerate() {
        let id = id as u32;
        filters
            .entry("kind")
            .or_default()
            .entry(r.kind)
            .or_default()
            .push(id);
        for (k, v) in &r.filters {
            let list = filters.entry(k).or_default().entry(v.as_str()).or_default();
            if list.last() != Some(&id) {
                list.push(id);
            }
        }
    }
    let mut f = String::from("{");
    for (i, (key, values)) in filters.iter().enumerate() {
        if i > 0 {
            f.push(',');
        }
        let _ = write!(f, "{}:{{", js_string(key));
        for (j, (v, list)) in values.iter().enumerate() {
            if j > 0 {
                f.push(',');
            }
            let _ = write!(f, "{}:\"{}\"", js_string(v), ids(list));
        }
        f.push('}');
    }
    f.push('}');
    let terms: Vec<String> = dict.sorted().into_iter().map(js_string).collect();
    format!(
        "shianSearch.meta({{\"v\":1,\"n\":{},\"s\":{shards},\"d\":[{}],\"f\":{f},\"e\":{},\"g\":\"{generation}\"}});\n",
        part.records.len(),
        terms.join(","),
        js_string(&part.edition),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn id_lists_are_base36_deltas() {
        assert_eq!(super::ids(&[3, 5, 40]), "3,2,z");
        let mut s = String::new();
        super::base36(36 * 36, &mut s);
        assert_eq!(s, "100");
    }
}
