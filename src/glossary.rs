//! The glossary: `data/glossary.toml` (`[[term]]` with `term`, `definition`, `aliases`), strict.
//!
//! Lessons mark up the first occurrence of each term (or one of its aliases) with its definition;
//! the glossary page lists every term and where it is used. Matching uses one Aho-Corasick automaton
//! (leftmost-longest, so 关键控制点 wins over 控制点).

use crate::diag::{Diagnostic, Diagnostics};
use crate::html::slug;
use crate::strict;
use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::Arc;

pub const FILE: &str = "data/glossary.toml";

const KIND: strict::Kind = strict::Kind {
    unknown_key: "E-DATA-KEY",
    missing_key: "E-DATA-REQUIRED",
    syntax: "E-DATA-TOML",
    what: "glossary",
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    term: Vec<TermEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TermEntry {
    term: toml::Spanned<String>,
    definition: String,
    #[serde(default)]
    aliases: Vec<toml::Spanned<String>>,
}

#[derive(Debug, Clone)]
pub struct Term {
    pub term: String,
    /// Anchor id on the glossary page, without the `term-` prefix.
    pub slug: String,
    pub definition: String,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Glossary {
    pub terms: Vec<Term>,
    matcher: AhoCorasick,
    /// Term index of each pattern.
    pattern_term: Vec<usize>,
}

/// A term found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub term: usize,
}

impl Glossary {
    /// Parses the text of `data/glossary.toml`.
    pub fn parse(text: &str, diags: &mut Diagnostics) -> Option<Glossary> {
        let source: Arc<str> = Arc::from(text);
        let file: File = match strict::parse(text, 0, &source, FILE, KIND) {
            Ok(f) => f,
            Err(d) => {
                diags.push(d);
                return None;
            }
        };
        Self::from_entries(file.term, &source, diags)
    }

    fn from_entries(
        entries: Vec<TermEntry>,
        source: &Arc<str>,
        diags: &mut Diagnostics,
    ) -> Option<Glossary> {
        let mut terms = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut pattern_term = Vec::new();
        let mut seen: HashMap<String, String> = HashMap::new();
        for e in entries {
            let idx = terms.len();
            let all = std::iter::once(&e.term).chain(e.aliases.iter());
            for name in all {
                let n = name.get_ref().trim().to_string();
                if n.is_empty() {
                    diags.push(
                        Diagnostic::error("E-GLOSSARY", "an empty term or alias")
                            .in_file(FILE)
                            .at(source, name.span())
                            .with_hint("remove the empty string"),
                    );
                    continue;
                }
                if let Some(owner) = seen.get(&n) {
                    diags.push(
                        Diagnostic::error(
                            "E-GLOSSARY",
                            format!("`{n}` is defined twice (also under `{owner}`)"),
                        )
                        .in_file(FILE)
                        .at(source, name.span())
                        .with_hint("each term or alias may appear once in the glossary"),
                    );
                    continue;
                }
                seen.insert(n.clone(), e.term.get_ref().clone());
                patterns.push(n);
                pattern_term.push(idx);
            }
            terms.push(Term {
                slug: slug(e.term.get_ref()),
                term: e.term.into_inner(),
                definition: e.definition,
                aliases: e
                    .aliases
                    .into_iter()
                    .map(toml::Spanned::into_inner)
                    .collect(),
            });
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok()?;
        Some(Glossary {
            terms,
            matcher,
            pattern_term,
        })
    }

    /// Non-overlapping term occurrences in `text`, leftmost-longest.
    pub fn find(&self, text: &str) -> Vec<Found> {
        self.matcher
            .find_iter(text)
            .map(|m| Found {
                start: m.start(),
                end: m.end(),
                term: self.pattern_term[m.pattern().as_usize()],
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary(toml_text: &str) -> (Option<Glossary>, Diagnostics) {
        let source: Arc<str> = Arc::from(toml_text);
        let mut d = Diagnostics::new();
        let f: File = strict::parse(toml_text, 0, &source, FILE, KIND).unwrap();
        (Glossary::from_entries(f.term, &source, &mut d), d)
    }

    #[test]
    fn longest_term_wins() {
        let (g, d) = glossary(
            "[[term]]\nterm = \"控制点\"\ndefinition = \"a\"\n[[term]]\nterm = \"关键控制点\"\ndefinition = \"b\"\naliases = [\"CCP\"]\n",
        );
        assert!(d.is_empty());
        let g = g.unwrap();
        let found = g.find("确定关键控制点和一般控制点，CCP");
        let terms: Vec<usize> = found.iter().map(|f| f.term).collect();
        assert_eq!(terms, vec![1, 0, 1]);
    }

    #[test]
    fn duplicates_are_errors() {
        let (_, d) = glossary(
            "[[term]]\nterm = \"召回\"\ndefinition = \"a\"\n[[term]]\nterm = \"下架\"\ndefinition = \"b\"\naliases = [\"召回\"]\n",
        );
        assert!(d.has_errors());
        assert!(d.render_plain().contains("`召回` is defined twice"));
    }
}
