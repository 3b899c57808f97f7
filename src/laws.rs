//! Law texts and citations.
//!
//! Law pages (`content/laws/*.md`) are scanned before rendering for article headings (`### 第五十条`),
//! which get stable anchors (`art-50`). The one [`LawIndex::find`] resolver recognises citations written
//! naturally — 《食品安全法》第五十条, 食品安全法第五十条第一款, 《中华人民共和国食品安全法》第四十五条 — for
//! lessons and pages now and for the question banks' 依据 lines later.

use crate::content::kinds::Special;
use crate::content::Doc;
use std::collections::BTreeSet;
use std::ops::Range;

#[derive(Debug, Clone)]
pub struct Law {
    /// Index of the law's document in `Site::docs`.
    pub doc: usize,
    pub title: String,
    /// Every name a citation may use: the title, the title without a trailing （摘录）-style note,
    /// without 中华人民共和国, and the `short` names.
    pub names: Vec<String>,
    pub articles: BTreeSet<u32>,
}

#[derive(Debug, Clone, Default)]
pub struct LawIndex {
    pub laws: Vec<Law>,
    /// (name, law index), longest name first so the longest match wins.
    names: Vec<(String, usize)>,
}

/// One citation found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cite {
    /// Byte range of the whole citation in the text.
    pub range: Range<usize>,
    /// The law as written (without 《》).
    pub name: String,
    pub law: Option<usize>,
    pub article: u32,
}

impl Cite {
    /// Whether the law and the article both exist.
    pub fn resolves(&self, index: &LawIndex) -> bool {
        self.law
            .is_some_and(|l| index.laws[l].articles.contains(&self.article))
    }
}

/// The anchor id of an article.
pub fn article_id(n: u32) -> String {
    format!("art-{n}")
}

impl LawIndex {
    pub fn build(docs: &[Doc]) -> LawIndex {
        let mut index = LawIndex::default();
        for (i, d) in docs.iter().enumerate() {
            let Special::Law(meta) = &d.special else {
                continue;
            };
            let mut names: Vec<String> = vec![d.title.clone()];
            let base = strip_note(&d.title);
            names.push(base.to_string());
            if let Some(rest) = base.strip_prefix("中华人民共和国") {
                names.push(rest.to_string());
            }
            names.extend(meta.short.iter().cloned());
            names.retain(|n| !n.is_empty());
            names.sort();
            names.dedup();
            let articles = d
                .body()
                .lines()
                .filter_map(|l| {
                    let t = l.trim_start();
                    let hashes = t.chars().take_while(|c| *c == '#').count();
                    (hashes > 0).then(|| article_of_heading(t[hashes..].trim()))?
                })
                .collect();
            let law = index.laws.len();
            for n in &names {
                index.names.push((n.clone(), law));
            }
            index.laws.push(Law {
                doc: i,
                title: d.title.clone(),
                names,
                articles,
            });
        }
        index
            .names
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        index
    }

    pub fn is_empty(&self) -> bool {
        self.laws.is_empty()
    }

    fn law_named(&self, name: &str) -> Option<usize> {
        self.names.iter().find(|(n, _)| n == name).map(|(_, l)| *l)
    }

    /// Every citation in `text`, in order, not overlapping.
    pub fn find(&self, text: &str) -> Vec<Cite> {
        let mut found: Vec<Cite> = Vec::new();
        // 《名称》第N条: any bracketed name, known or not.
        let mut from = 0;
        while let Some(open) = text[from..].find('《').map(|i| i + from) {
            let inner_start = open + '《'.len_utf8();
            let Some(close) = text[inner_start..].find('》').map(|i| i + inner_start) else {
                break;
            };
            let name = &text[inner_start..close];
            let after = close + '》'.len_utf8();
            if name.chars().count() <= 40 && !name.contains('《') {
                if let Some((article, end)) = article_after(text, after) {
                    found.push(Cite {
                        range: open..end,
                        name: name.to_string(),
                        law: self.law_named(name),
                        article,
                    });
                }
            }
            from = after;
        }
        // 名称第N条 without brackets: only names of laws the site has.
        for (name, law) in &self.names {
            for (at, _) in text.match_indices(name.as_str()) {
                let end_name = at + name.len();
                let Some((article, end)) = article_after(text, end_name) else {
                    continue;
                };
                let overlaps = found
                    .iter()
                    .any(|c| c.range.start < end && at < c.range.end);
                if !overlaps {
                    found.push(Cite {
                        range: at..end,
                        name: name.clone(),
                        law: Some(*law),
                        article,
                    });
                }
            }
        }
        found.sort_by_key(|c| c.range.start);
        found
    }
}

/// `中华人民共和国食品安全法（摘录）` -> `中华人民共和国食品安全法`.
fn strip_note(title: &str) -> &str {
    let t = title.trim();
    for (open, close) in [('（', '）'), ('(', ')')] {
        if t.ends_with(close) {
            if let Some(i) = t.rfind(open) {
                return t[..i].trim_end();
            }
        }
    }
    t
}

/// `第N条` (optionally followed by `第M款` / `第M项`) starting at `at`: the article and the end offset.
fn article_after(text: &str, at: usize) -> Option<(u32, usize)> {
    let (n, mut end) = numbered(text, at, '条')?;
    for unit in ['款', '项'] {
        if let Some((_, e)) = numbered(text, end, unit) {
            end = e;
        }
    }
    Some((n, end))
}

/// `第<number><unit>` at `at`.
fn numbered(text: &str, at: usize, unit: char) -> Option<(u32, usize)> {
    let rest = text.get(at..)?.strip_prefix('第')?;
    let digits: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || "零〇一二两三四五六七八九十百千".contains(*c))
        .collect();
    let after = &rest[digits.len()..];
    if digits.is_empty() || !after.starts_with(unit) {
        return None;
    }
    let n = parse_number(&digits)?;
    Some((n, at + '第'.len_utf8() + digits.len() + unit.len_utf8()))
}

/// The article number of a heading such as `第五十条` or `第五十条 进货查验`.
pub fn article_of_heading(text: &str) -> Option<u32> {
    let (n, end) = numbered(text, 0, '条')?;
    let rest = &text[end..];
    (rest.is_empty() || rest.starts_with(char::is_whitespace)).then_some(n)
}

/// Arabic digits or Chinese numerals up to 9999 (五十, 一百零三, 一百二十四, 十二).
pub fn parse_number(s: &str) -> Option<u32> {
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok().filter(|n| *n > 0);
    }
    let digit = |c: char| {
        "零〇一二三四五六七八九".find(c).map(|_| match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            _ => 9,
        })
    };
    let (mut total, mut pending) = (0u32, 0u32);
    for c in s.chars() {
        let c = if c == '两' { '二' } else { c };
        if let Some(d) = digit(c) {
            pending = d;
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => return None,
        };
        total += if pending == 0 && unit == 10 {
            1
        } else {
            pending
        } * unit;
        pending = 0;
    }
    let n = total + pending;
    (n > 0).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        for (s, n) in [
            ("一", 1),
            ("十", 10),
            ("十二", 12),
            ("五十", 50),
            ("一百零三", 103),
            ("一百二十四", 124),
            ("二百", 200),
            ("50", 50),
        ] {
            assert_eq!(parse_number(s), Some(n), "{s}");
        }
        assert_eq!(parse_number("零"), None);
    }

    #[test]
    fn headings_name_articles() {
        assert_eq!(article_of_heading("第五十条"), Some(50));
        assert_eq!(article_of_heading("第五十条 进货查验"), Some(50));
        assert_eq!(article_of_heading("第五十条的规定"), None);
        assert_eq!(article_of_heading("第四章 食品生产经营"), None);
    }

    fn index() -> LawIndex {
        let mut ix = LawIndex::default();
        ix.laws.push(Law {
            doc: 0,
            title: "中华人民共和国食品安全法（摘录）".into(),
            names: vec![],
            articles: [45, 50].into_iter().collect(),
        });
        for n in ["中华人民共和国食品安全法", "食品安全法"] {
            ix.names.push((n.into(), 0));
        }
        ix
    }

    #[test]
    fn finds_natural_citations() {
        let ix = index();
        let text = "依照《食品安全法》第五十条，和食品安全法第五十条第一款，以及《中华人民共和国食品安全法》第四十五条。";
        let found = ix.find(text);
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(&text[found[0].range.clone()], "《食品安全法》第五十条");
        assert_eq!(&text[found[1].range.clone()], "食品安全法第五十条第一款");
        assert_eq!(
            &text[found[2].range.clone()],
            "《中华人民共和国食品安全法》第四十五条"
        );
        assert!(found.iter().all(|c| c.resolves(&ix)));
    }

    #[test]
    fn unknown_laws_and_articles_do_not_resolve() {
        let ix = index();
        let found = ix
            .find("《食品安全法实施条例》第二十条；食品安全法第九十九条；《食品安全法》没有条号。");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].law, None);
        assert_eq!(found[0].name, "食品安全法实施条例");
        assert!(!found[1].resolves(&ix));
        assert_eq!(found[1].article, 99);
    }
}
