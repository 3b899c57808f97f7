//! The raw-HTML policy: HTML written inside Markdown is shown as text unless site.toml opts in.
//!
//! A public body publishes these pages, and a lesson, a question stem or an imported Word file can
//! carry `<script>`, `<img onerror=…>` or `<iframe>`. By default (`[markdown] raw_html = false`)
//! every HTML block and inline tag is written escaped, so the reader sees the literal text and the
//! author gets one warning per file naming where; HTML comments (`<!-- 编者注 -->`) are dropped
//! silently. Heading attributes keep `{#id .class}` and the harmless `lang`, `dir`, `title` and
//! `data-*`; others (`onclick`, `style`…) are dropped with a warning.
//!
//! With `raw_html = true` everything passes through as CommonMark has it; the site then vouches for
//! its authors.

use crate::diag::Diagnostic;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::ops::Range;
use std::sync::Arc;

type Ev<'a> = (Event<'a>, Range<usize>);

/// What the pass changed, for the warnings: spans (in the parsed text) of escaped HTML and of
/// dropped heading attributes.
#[derive(Debug, Default)]
pub struct Neutralised {
    pub escaped: Vec<Range<usize>>,
    pub dropped_attrs: Vec<(Range<usize>, String)>,
}

impl Neutralised {
    /// The same, with spans mapped from the parsed text to the file.
    pub fn mapped(self, to_file: &impl Fn(Range<usize>) -> Range<usize>) -> Neutralised {
        Neutralised {
            escaped: self.escaped.into_iter().map(to_file).collect(),
            dropped_attrs: self
                .dropped_attrs
                .into_iter()
                .map(|(r, n)| (to_file(r), n))
                .collect(),
        }
    }

    /// Adds the findings of another fragment of the same file.
    pub fn extend(&mut self, other: Neutralised) {
        self.escaped.extend(other.escaped);
        self.dropped_attrs.extend(other.dropped_attrs);
    }

    /// At most one `W-HTML-RAW` and one `W-HTML-ATTR` for the file: at the first place, naming the
    /// lines of the others.
    pub fn warnings(mut self, file: &str, source: &Arc<str>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        self.escaped.sort_by_key(|r| r.start);
        self.dropped_attrs.sort_by_key(|(r, _)| r.start);
        if let Some(first) = self.escaped.first() {
            let also = also_on(source, self.escaped.iter().map(|r| r.start));
            out.push(
                Diagnostic::warning(
                    "W-HTML-RAW",
                    format!("raw HTML is shown as text, not run{also}"),
                )
                .in_file(file)
                .at(source, trim_end(source, first.clone()))
                .with_label("written as text")
                .with_hint("write it in Markdown, or put `[markdown] raw_html = true` in site.toml if every author is trusted (docs/reliability.md)"),
            );
        }
        if let Some((first, _)) = self.dropped_attrs.first() {
            let also = also_on(source, self.dropped_attrs.iter().map(|(r, _)| r.start));
            let mut names: Vec<&str> = self.dropped_attrs.iter().map(|(_, n)| n.as_str()).collect();
            names.sort_unstable();
            names.dedup();
            let s = if names.len() == 1 { "" } else { "s" };
            out.push(
                Diagnostic::warning(
                    "W-HTML-ATTR",
                    format!("heading attribute{s} `{}` dropped{also}", names.join("`, `")),
                )
                .in_file(file)
                .at(source, trim_end(source, first.clone()))
                .with_hint("headings keep {#id .class lang=… dir=… title=… data-…=…}; other attributes need `[markdown] raw_html = true`"),
            );
        }
        out
    }
}

/// The span without its trailing line breaks, so the excerpt shows the lines themselves.
fn trim_end(source: &str, r: Range<usize>) -> Range<usize> {
    let end = source
        .get(r.clone())
        .map_or(r.end, |t| r.start + t.trim_end().len());
    r.start..end.max(r.start)
}

/// `; also on lines 9, 11` for the lines after the first (ten at most, then a count); the offsets
/// come sorted, so the lines are counted in one pass over the file.
fn also_on(source: &str, offsets: impl Iterator<Item = usize>) -> String {
    let bytes = source.as_bytes();
    let (mut line, mut at) = (1, 0);
    let mut lines: Vec<usize> = Vec::new();
    for off in offsets {
        let to = off.min(bytes.len()).max(at);
        line += bytes[at..to].iter().filter(|&&b| b == b'\n').count();
        at = to;
        if lines.last() != Some(&line) {
            lines.push(line);
        }
    }
    let rest = lines.get(1..).unwrap_or_default();
    let shown: Vec<String> = rest.iter().take(10).map(usize::to_string).collect();
    match rest.len() {
        0 => String::new(),
        1 => format!("; also on line {}", shown[0]),
        n if n <= 10 => format!("; also on lines {}", shown.join(", ")),
        n => format!("; also on lines {} and {} more", shown.join(", "), n - 10),
    }
}

/// Heading attributes kept without `raw_html`.
fn harmless_attr(name: &str) -> bool {
    matches!(name, "lang" | "dir" | "title") || name.starts_with("data-")
}

/// Escapes raw HTML (unless `allow`) and filters heading attributes.
pub fn apply(events: Vec<Ev<'_>>, allow: bool) -> (Vec<Ev<'_>>, Neutralised) {
    let mut found = Neutralised::default();
    if allow {
        return (events, found);
    }
    let mut out = Vec::with_capacity(events.len());
    let mut block: Option<(Vec<Ev<'_>>, Range<usize>)> = None;
    for (ev, range) in events {
        if let Some((lines, _)) = block.as_mut() {
            if matches!(ev, Event::End(TagEnd::HtmlBlock)) {
                let (lines, start) = block.take().unwrap_or_default();
                flush_block(lines, start, &mut out, &mut found);
            } else {
                lines.push((ev, range));
            }
            continue;
        }
        match ev {
            Event::Start(Tag::HtmlBlock) => block = Some((Vec::new(), range)),
            Event::InlineHtml(html) if is_comment(&html) => {}
            Event::InlineHtml(html) | Event::Html(html) => {
                found.escaped.push(range.clone());
                out.push((Event::Text(html), range));
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let (kept, dropped): (Vec<_>, Vec<_>) =
                    attrs.into_iter().partition(|(k, _)| harmless_attr(k));
                for (k, _) in dropped {
                    found.dropped_attrs.push((range.clone(), k.to_string()));
                }
                out.push((
                    Event::Start(Tag::Heading {
                        level,
                        id,
                        classes,
                        attrs: kept,
                    }),
                    range,
                ));
            }
            other => out.push((other, range)),
        }
    }
    if let Some((lines, start)) = block {
        flush_block(lines, start, &mut out, &mut found);
    }
    (out, found)
}

/// An HTML block becomes a paragraph of its literal text; a block of comments alone disappears.
fn flush_block<'a>(
    lines: Vec<Ev<'a>>,
    start: Range<usize>,
    out: &mut Vec<Ev<'a>>,
    found: &mut Neutralised,
) {
    let mut text = String::new();
    for (ev, _) in &lines {
        if let Event::Html(t) | Event::Text(t) = ev {
            text.push_str(t);
        }
    }
    if without_comments(&text).trim().is_empty() {
        return;
    }
    let end = lines.last().map_or(start.end, |(_, r)| r.end);
    found.escaped.push(start.start..end);
    let text = text.trim_end_matches('\n').to_string();
    out.push((Event::Start(Tag::Paragraph), start.clone()));
    out.push((Event::Text(CowStr::from(text)), start.start..end));
    out.push((Event::End(TagEnd::Paragraph), start));
}

fn is_comment(html: &str) -> bool {
    let t = html.trim();
    t.starts_with("<!--") && t.ends_with("-->") && without_comments(t).trim().is_empty()
}

/// The text with every `<!-- … -->` removed (an unclosed comment runs to the end).
fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        match rest[i + 4..].find("-->") {
            Some(j) => rest = &rest[i + 4 + j + 3..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str, allow: bool) -> String {
        let events: Vec<_> = pulldown_cmark::Parser::new_ext(md, crate::markdown::options())
            .into_offset_iter()
            .collect();
        let (events, _) = apply(events, allow);
        let mut s = String::new();
        pulldown_cmark::html::push_html(&mut s, events.into_iter().map(|(e, _)| e));
        s
    }

    #[test]
    fn blocks_and_inline_tags_are_escaped() {
        assert_eq!(
            html("<script>alert(1)</script>\n", false),
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
        );
        assert_eq!(
            html("a <img src=x onerror=alert(1)> b\n", false),
            "<p>a &lt;img src=x onerror=alert(1)&gt; b</p>\n"
        );
        assert_eq!(
            html("<div>\n*x*\n</div>\n", false),
            "<p>&lt;div&gt;\n*x*\n&lt;/div&gt;</p>\n"
        );
    }

    #[test]
    fn comments_vanish_unless_something_follows_them() {
        assert_eq!(html("<!-- 编者注 -->\n\n正文\n", false), "<p>正文</p>\n");
        assert_eq!(html("正文<!-- 注 -->。\n", false), "<p>正文。</p>\n");
        assert!(html("<!-- x --><script>y</script>\n", false).contains("&lt;script&gt;"));
    }

    #[test]
    fn heading_attributes_keep_only_harmless_ones() {
        let out = html("# 标题 {#t .c lang=en onclick=alert(1) style=x}\n", false);
        assert!(out.contains("id=\"t\""), "{out}");
        assert!(out.contains("class=\"c\""), "{out}");
        assert!(out.contains("lang=\"en\""), "{out}");
        assert!(!out.contains("onclick") && !out.contains("style"), "{out}");
    }

    #[test]
    fn opting_in_keeps_commonmark() {
        assert_eq!(html("<b>x</b>\n", true), "<p><b>x</b></p>\n");
    }
}
