//! Text to search tokens, as docs/search-format.md defines them (the browser client,
//! `search-core.js`, does the same; `tests/search-vectors.json` holds the cases both sides check).
//!
//! CJK text has no spaces, so it is indexed by characters and character pairs: a query's pairs
//! find the pages that contain them, whatever the words are. Domain terms from the glossary are
//! tokens of their own too, so a query for 日管控 asks for the term and not for 日管 and 管控
//! wherever they occur.

use std::collections::{HashMap, HashSet};

/// A token without its text: CJK unigrams and bigrams are packed into the number (no allocation in
/// the hot loop); words and dictionary terms are numbered by an [`Interner`].
pub type Key = u64;

const UNI: u64 = 1 << 62;
const BI: u64 = 2 << 62;
const INTERNED: u64 = 3 << 62;
const LOW21: u64 = (1 << 21) - 1;

/// Longest word token, in characters.
const MAX_WORD: usize = 40;

/// Full-width ASCII to ASCII, then ASCII upper case to lower case.
pub fn normalise(c: char) -> char {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    c.to_ascii_lowercase()
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

fn is_word(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

/// The glossary's terms that are tokens of their own: normalised, CJK only, 3 or more characters.
#[derive(Debug, Default, Clone)]
pub struct Dict {
    terms: HashSet<String>,
    /// The longest term starting with each character, in characters.
    longest: HashMap<char, usize>,
}

impl Dict {
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Dict {
        let mut d = Dict::default();
        for w in words {
            let t: String = w.chars().map(normalise).collect();
            let n = t.chars().count();
            if n < 3 || !t.chars().all(is_cjk) {
                continue;
            }
            let first = t.chars().next().unwrap_or_default();
            let l = d.longest.entry(first).or_default();
            *l = (*l).max(n);
            d.terms.insert(t);
        }
        d
    }

    /// The terms, sorted (for the index header).
    pub fn sorted(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.terms.iter().map(String::as_str).collect();
        v.sort_unstable();
        v
    }

    /// Lengths (in characters) of the terms that start at `run[i]`, longest first.
    fn at<'r>(&'r self, run: &'r [char], i: usize) -> impl Iterator<Item = usize> + 'r {
        let max = self.longest.get(&run[i]).copied().unwrap_or(0);
        let mut buf = String::new();
        (3..=max.min(run.len() - i)).rev().filter(move |&n| {
            buf.clear();
            buf.extend(&run[i..i + n]);
            self.terms.contains(buf.as_str())
        })
    }
}

/// Words and dictionary terms by number, and back.
#[derive(Debug, Default)]
pub struct Interner {
    ids: HashMap<Box<str>, u64>,
    texts: Vec<Box<str>>,
}

impl Interner {
    pub fn key(&mut self, text: &str) -> Key {
        if let Some(&id) = self.ids.get(text) {
            return INTERNED | id;
        }
        let id = self.texts.len() as u64;
        self.texts.push(text.into());
        self.ids.insert(text.into(), id);
        INTERNED | id
    }

    /// The text of a token.
    pub fn text(&self, key: Key) -> String {
        let ch = |v: u64| char::from_u32((v & LOW21) as u32).unwrap_or('\u{fffd}');
        match key & (3 << 62) {
            UNI => ch(key).to_string(),
            BI => [ch(key >> 21), ch(key)].iter().collect(),
            _ => self
                .texts
                .get((key & !INTERNED) as usize)
                .map(|t| t.to_string())
                .unwrap_or_default(),
        }
    }
}

/// A token as it is found: packed, or text still to be interned.
pub enum Found<'a> {
    Key(Key),
    Text(&'a str),
}

/// The runs of a text: `(true, chars)` for CJK, `(false, chars)` for a word.
fn runs(text: &str, mut each: impl FnMut(bool, &[char])) {
    let mut run: Vec<char> = Vec::new();
    let mut cjk = false;
    for c in text.chars().map(normalise) {
        let class = if is_cjk(c) {
            Some(true)
        } else if is_word(c) {
            Some(false)
        } else {
            None
        };
        if class != Some(cjk) && !run.is_empty() {
            each(cjk, &run);
            run.clear();
        }
        if let Some(k) = class {
            cjk = k;
            run.push(c);
        }
    }
    if !run.is_empty() {
        each(cjk, &run);
    }
}

/// Every index-side token of `text`, in order.
pub fn index_tokens(text: &str, dict: &Dict, mut emit: impl FnMut(Found<'_>)) {
    let mut buf = String::new();
    runs(text, |cjk, run| {
        if !cjk {
            buf.clear();
            buf.extend(run.iter().take(MAX_WORD));
            emit(Found::Text(&buf));
            return;
        }
        for i in 0..run.len() {
            emit(Found::Key(UNI | run[i] as u64));
            if i + 1 < run.len() {
                emit(Found::Key(BI | (run[i] as u64) << 21 | run[i + 1] as u64));
            }
            for n in dict.at(run, i) {
                buf.clear();
                buf.extend(&run[i..i + n]);
                emit(Found::Text(&buf));
            }
        }
    });
}

/// The query-side tokens of `text`: dictionary terms taken whole from the left, the text between
/// them as pairs (one character alone as itself); each token once.
pub fn query_tokens(text: &str, dict: &Dict) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |t: String| {
        if !out.contains(&t) {
            out.push(t);
        }
    };
    runs(text, |cjk, run| {
        if !cjk {
            push(run.iter().take(MAX_WORD).collect());
            return;
        }
        let mut gap_start = 0;
        let gap = |from: usize, to: usize, push: &mut dyn FnMut(String)| match to - from {
            0 => {}
            1 => push(run[from].to_string()),
            _ => (from..to - 1).for_each(|i| push(run[i..i + 2].iter().collect())),
        };
        let mut i = 0;
        while i < run.len() {
            match dict.at(run, i).next() {
                Some(n) => {
                    gap(gap_start, i, &mut push);
                    push(run[i..i + n].iter().collect());
                    i += n;
                    gap_start = i;
                }
                None => i += 1,
            }
        }
        gap(gap_start, run.len(), &mut push);
    });
    out
}

/// FNV-1a, 32 bits, over the UTF-8 bytes: which term shard a token is in.
pub fn fnv1a(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ b as u32).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(text: &str, dict: &Dict) -> Vec<String> {
        let mut i = Interner::default();
        let mut v = Vec::new();
        index_tokens(text, dict, |f| {
            let k = match f {
                Found::Key(k) => k,
                Found::Text(t) => i.key(t),
            };
            v.push(i.text(k));
        });
        v
    }

    #[test]
    fn cjk_is_indexed_by_characters_pairs_and_terms() {
        let d = Dict::new(["日管控", "管控", "HACCP计划"]);
        assert_eq!(d.sorted(), vec!["日管控"]);
        assert_eq!(
            index("落实日管控", &d),
            [
                "落",
                "落实",
                "实",
                "实日",
                "日",
                "日管",
                "日管控",
                "管",
                "管控",
                "控"
            ]
        );
        assert_eq!(
            index("ＨＡＣＣＰ计划 90%", &d),
            ["haccp", "计", "计划", "划", "90"]
        );
        assert_eq!(
            query_tokens("落实日管控和周排查", &Dict::new(["日管控", "周排查"])),
            ["落实", "日管控", "和", "周排查"]
        );
        assert_eq!(fnv1a(""), 0x811c_9dc5);
        assert_eq!(fnv1a("a"), 0xe40c_292c);
    }
}
