//! Front matter: the TOML between two `+++` lines at the top of a Markdown file.
//!
//! [`split`] keeps the byte offsets of both parts so that a TOML error, or a Markdown error later,
//! is reported at its line in the *file* — right even when the front matter does not start on line 1
//! (Zola gets this wrong).

use crate::diag::Diagnostic;
use crate::strict;
use serde::Deserialize;
use std::ops::Range;
use std::sync::Arc;
use toml::Spanned;

/// The two parts of a Markdown file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    pub front: &'a str,
    pub front_offset: usize,
    pub body: &'a str,
    pub body_offset: usize,
}

/// Splits `text` into front matter and body.
pub fn split<'a>(text: &'a str, source: &Arc<str>, file: &str) -> Result<Split<'a>, Diagnostic> {
    let mut lines = line_spans(text);
    let first = lines.next();
    let opens = first.is_some_and(|(s, e)| text[s..e].trim_end() == "+++");
    if !opens {
        let leading_blank = text.trim_start_matches([' ', '\t', '\r', '\n']);
        let hint = if leading_blank.starts_with("+++") {
            "remove the blank lines before the opening +++: it must be the very first line"
                .to_string()
        } else {
            "start the file with front matter:\n+++\ntitle = \"页面标题\"\n+++".to_string()
        };
        return Err(
            Diagnostic::error("E-FM-MISSING", "the file has no front matter")
                .in_file(file)
                .at(source, 0..first.map(|(_, e)| e).unwrap_or(0))
                .with_label("expected +++ here")
                .with_hint(hint),
        );
    }
    let (_, first_end) = first.unwrap_or((0, 0));
    let front_offset = next_line_start(text, first_end);
    for (s, e) in lines {
        if text[s..e].trim_end() == "+++" {
            let body_offset = next_line_start(text, e);
            return Ok(Split {
                front: &text[front_offset..s],
                front_offset,
                body: &text[body_offset..],
                body_offset,
            });
        }
    }
    Err(
        Diagnostic::error("E-FM-FENCE", "the front matter is not closed")
            .in_file(file)
            .at(source, 0..first_end)
            .with_label("opened here")
            .with_hint("add a line containing only +++ after the last front-matter key"),
    )
}

/// `(start, end)` of each line, without its line break.
fn line_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let start = pos;
        let end = text[pos..]
            .find('\n')
            .map(|i| pos + i)
            .unwrap_or(text.len());
        pos = end + 1;
        Some((start, end))
    })
}

fn next_line_start(text: &str, line_end: usize) -> usize {
    (line_end + 1).min(text.len())
}

const PAGE_KIND: strict::Kind = strict::Kind {
    unknown_key: "E-FM-KEY",
    missing_key: "E-FM-REQUIRED",
    syntax: "E-FM-TOML",
    what: "front-matter",
};

/// Front matter of an ordinary page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFront {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub date: Option<toml::value::Datetime>,
    pub updated: Option<toml::value::Datetime>,
    pub weight: Option<i64>,
    #[serde(default)]
    pub draft: bool,
    pub template: Option<Spanned<String>>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub extra: toml::Table,
}

/// How a section orders its pages.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    /// `weight`, then title (pages without a weight come last).
    #[default]
    Weight,
    /// Newest `date` first.
    Date,
    Title,
}

/// Front matter of a section (`_index.md`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFront {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub weight: Option<i64>,
    #[serde(default)]
    pub draft: bool,
    pub template: Option<Spanned<String>>,
    pub page_template: Option<Spanned<String>>,
    #[serde(default)]
    pub sort_by: SortBy,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub extra: toml::Table,
}

pub fn parse_page(sp: &Split, source: &Arc<str>, file: &str) -> Result<PageFront, Diagnostic> {
    strict::parse(sp.front, sp.front_offset, source, file, PAGE_KIND)
}

pub fn parse_section(
    sp: &Split,
    source: &Arc<str>,
    file: &str,
) -> Result<SectionFront, Diagnostic> {
    strict::parse(sp.front, sp.front_offset, source, file, PAGE_KIND)
}

/// Parses the front matter as any strict struct (courses, lessons, laws).
pub fn parse_as<T: serde::de::DeserializeOwned>(
    sp: &Split,
    source: &Arc<str>,
    file: &str,
) -> Result<T, Diagnostic> {
    strict::parse(sp.front, sp.front_offset, source, file, PAGE_KIND)
}

/// A spanned string moved from front-matter coordinates to file coordinates.
pub fn file_span<T>(s: &Spanned<T>, front_offset: usize) -> Range<usize> {
    let r = s.span();
    r.start + front_offset..r.end + front_offset
}

/// `YYYY-MM-DD` of a TOML date or date-time.
pub fn date_string(d: &toml::value::Datetime) -> Option<String> {
    d.date
        .map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(s: &str) -> Arc<str> {
        Arc::from(s)
    }

    #[test]
    fn splits_with_offsets_and_crlf() {
        let t = "+++\r\ntitle = \"a\"\r\n+++\r\nbody";
        let s = split(t, &src(t), "f").unwrap();
        assert_eq!(s.front, "title = \"a\"\r\n");
        assert_eq!(s.body, "body");
        assert_eq!(&t[s.body_offset..], "body");
    }

    #[test]
    fn unclosed_and_missing() {
        let t = "+++\ntitle = \"a\"\n";
        assert_eq!(split(t, &src(t), "f").unwrap_err().code, "E-FM-FENCE");
        let t = "# hi";
        assert_eq!(split(t, &src(t), "f").unwrap_err().code, "E-FM-MISSING");
    }

    #[test]
    fn toml_error_line_is_the_file_line() {
        let t = "+++\ntitle = \"a\"\nweight = x\n+++\n";
        let source = src(t);
        let sp = split(t, &source, "f").unwrap();
        let e = parse_page(&sp, &source, "f").unwrap_err();
        assert_eq!(e.code, "E-FM-TOML");
        assert_eq!(e.line_col().unwrap().0, 3);
    }
}
