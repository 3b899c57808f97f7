//! `data/terms.toml`: what the case taxonomy terms are called in addresses, and a line about each.
//!
//! ```toml
//! [[region]]
//! name = "闵行区"
//! slug = "minhang"            # optional: the address /cases/region/minhang/
//! description = "……"          # optional: shown on the term's page and the taxonomy's list
//! ```
//!
//! A term without a slug gets its pinyin (`糕点` -> `gao-dian`); a slug is given where the pinyin
//! of a polyphone is wrong (闵行 is Minhang, not Minxing) or too long.

use super::Problems;
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;

const KIND: crate::strict::Kind = crate::strict::Kind {
    unknown_key: "E-DATA-KEY",
    missing_key: "E-DATA-REQUIRED",
    syntax: "E-DATA-TOML",
    what: "data",
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TermsFile {
    #[serde(default)]
    region: Vec<TermEntry>,
    #[serde(default)]
    industry: Vec<TermEntry>,
    #[serde(default)]
    measure: Vec<TermEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TermEntry {
    name: Spanned<String>,
    slug: Option<Spanned<String>>,
    #[serde(default)]
    description: String,
}

/// One term as the data file describes it.
#[derive(Debug, Clone, Default)]
pub struct TermInfo {
    pub name: String,
    pub name_span: Range<usize>,
    pub slug: Option<String>,
    pub description: String,
}

/// The terms per taxonomy, in the order of `crate::cases::TAXONOMIES` (region, industry, measure).
pub fn terms(p: &mut Problems<'_>) -> [Vec<TermInfo>; 3] {
    let file: TermsFile = match crate::strict::parse(p.source, 0, p.source, p.file, KIND) {
        Ok(v) => v,
        Err(d) => {
            p.push(d);
            return Default::default();
        }
    };
    [file.region, file.industry, file.measure].map(|list| entries(p, list))
}

fn entries(p: &mut Problems<'_>, list: Vec<TermEntry>) -> Vec<TermInfo> {
    let mut out: Vec<TermInfo> = Vec::new();
    let mut slugs: Vec<(String, String)> = Vec::new();
    for e in list {
        let name = e.name.get_ref().trim().to_string();
        if let Some(first) = out.iter().find(|t| t.name == name) {
            p.error(
                "E-DATA-DUP",
                format!("term `{name}` is described twice"),
                e.name.span(),
                &format!("keep one [[…]] entry for `{}`", first.name),
            );
            continue;
        }
        let slug = e.slug.as_ref().and_then(|s| {
            let v = s.get_ref();
            if !is_slug(v) {
                p.error(
                    "E-DATA-VALUE",
                    format!("slug `{v}` is not a plain address part"),
                    s.span(),
                    "write lowercase ASCII letters, digits and single '-' between them, e.g. minhang or food-production",
                );
                return None;
            }
            if let Some((_, other)) = slugs.iter().find(|(x, _)| x == v) {
                p.error(
                    "E-DATA-DUP",
                    format!("slug `{v}` is already the address of `{other}`"),
                    s.span(),
                    "give each term of a taxonomy its own slug",
                );
                return None;
            }
            slugs.push((v.clone(), name.clone()));
            Some(v.clone())
        });
        out.push(TermInfo {
            name,
            name_span: e.name.span(),
            slug,
            description: e.description.trim().to_string(),
        });
    }
    out
}

/// Lowercase ASCII letters and digits in runs joined by single `-`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The address part made from a term's name: each Chinese character's pinyin without tones, ASCII
/// letters and digits kept (lowercased), everything else a separator; parts joined by `-`.
/// Empty when the name has nothing of the kind (the caller falls back to a hash).
pub fn pinyin_slug(name: &str) -> String {
    use pinyin::ToPinyin;
    let mut parts: Vec<String> = Vec::new();
    let mut word = String::new();
    for ch in name.chars() {
        if ch.is_ascii_alphanumeric() {
            word.push(ch.to_ascii_lowercase());
            continue;
        }
        if !word.is_empty() {
            parts.push(std::mem::take(&mut word));
        }
        if let Some(py) = ch.to_pinyin() {
            parts.push(py.plain().to_string());
        }
    }
    if !word.is_empty() {
        parts.push(word);
    }
    parts.join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_slugs() {
        assert_eq!(pinyin_slug("糕点"), "gao-dian");
        assert_eq!(pinyin_slug("HACCP 体系"), "haccp-ti-xi");
        assert_eq!(pinyin_slug("5S 现场管理"), "5s-xian-chang-guan-li");
        assert_eq!(pinyin_slug("“一罐一码”"), "yi-guan-yi-ma");
        assert_eq!(pinyin_slug("★"), "");
        assert!(is_slug(&pinyin_slug("婴幼儿配方乳粉")));
    }

    #[test]
    fn slug_shape() {
        assert!(is_slug("minhang"));
        assert!(is_slug("food-production-2"));
        for bad in ["", "-a", "a-", "a--b", "Minhang", "a b", "a_b", "闵行"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }
}
