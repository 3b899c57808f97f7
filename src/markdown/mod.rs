//! Markdown -> HTML, as a chain of small passes over pulldown-cmark's events:
//!
//! 1. [`shortcodes::extract`] cuts `{{ name(...) }}` calls out of the text (placeholders stand in);
//! 2. pulldown-cmark parses (tables, footnotes, strikethrough, task lists, heading attributes);
//! 3. [`cjk::apply`] pairs the emphasis CommonMark leaves literal next to Chinese punctuation;
//! 4. [`headings::process`] gives headings ids and anchor links and collects the table of contents;
//! 5. [`annotate::apply`]: law citations become links, glossary terms get their definitions;
//! 6. links: `@/path.md#anchor` becomes a URL, same-page `#anchor`s are collected for checking;
//! 7. fenced code goes through [`highlight`];
//! 8. HTML is written and shortcode placeholders are replaced by their output.
//!
//! Nothing here knows about other pages except through the read-only [`LinkIndex`].

pub mod annotate;
pub mod cjk;
pub mod headings;
pub mod highlight;
mod highlight_conf;
pub mod links;
pub mod raw_html;
pub mod shortcodes;
mod splice;
mod tables;

use crate::diag::Diagnostic;
use headings::TocEntry;
use links::{LinkIndex, PendingAnchor};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

/// Everything the Markdown stage needs about one document and the site.
pub struct Input<'a> {
    pub body: &'a str,
    /// Offset of `body` in `source`, so spans map to file lines.
    pub body_offset: usize,
    pub source: &'a Arc<str>,
    pub file: &'a str,
    pub links: &'a LinkIndex,
    /// Link prefix of this page (`/`, `/sub/` or `../../`).
    pub root: &'a str,
    pub shortcodes: &'a shortcodes::Registry,
    pub tera: &'a tera::Tera,
    pub locale: &'a serde_json::Value,
    pub highlight: bool,
    /// Let raw HTML and every heading attribute through (`[markdown] raw_html = true`).
    pub raw_html: bool,
    /// Citations and glossary terms; `None` on law pages themselves.
    pub annotations: Option<&'a annotate::Annotations<'a>>,
    /// Mark glossary terms (lessons).
    pub mark_terms: bool,
    /// Give `第N条` headings the ids `art-N` (law pages).
    pub law_articles: bool,
    /// On a law page: the pages citing each article, as (title, root-less href).
    pub cited_by: Option<&'a BTreeMap<u32, Vec<(String, String)>>>,
    pub cited_by_label: &'a str,
    /// `editions/<name>/` for documents of an archived edition, else "": `@/` links resolve there first.
    pub edition_prefix: &'a str,
    /// False when the templates failed to load: shortcodes cannot be checked or rendered, and
    /// reporting each as unknown would bury the template error.
    pub templates_ok: bool,
}

#[derive(Debug, Default)]
pub struct Output {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Every id a link may point at (`#id`).
    pub anchors: Vec<String>,
    /// `@/` links with an anchor, checked after all pages are rendered.
    pub pending: Vec<PendingAnchor>,
    pub diagnostics: Vec<Diagnostic>,
    /// Characters of prose (CJK characters count one each, other words one each).
    pub words: usize,
    /// (law index, article) of every resolved citation.
    pub cites: Vec<(usize, u32)>,
    /// Glossary terms marked up.
    pub terms: Vec<usize>,
    /// Raw HTML escaped and heading attributes dropped (spans in the file), for
    /// [`raw_html::Neutralised::warnings`]: one warning per file, however many fragments it has.
    pub raw_html: raw_html::Neutralised,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

pub fn render(input: &Input<'_>) -> Output {
    let mut out = Output::default();
    let (ex, sc_errors) = shortcodes::extract(input.body);
    push_syntax_errors(sc_errors, input, &mut out);
    let to_file = |r: Range<usize>| {
        let s = ex.original(r.start) + input.body_offset;
        let e = ex.original(r.end) + input.body_offset;
        s..e.max(s)
    };

    // Delimiter runs next to Chinese text are parsed literal and paired by `cjk::apply`; the
    // ranges are mapped back so everything after sees offsets in `ex.text`.
    let protected = cjk::protect(&ex.text);
    let parse_text: &str = protected.as_ref().map_or(&ex.text, |p| p.text.as_str());
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(parse_text, options())
        .into_offset_iter()
        .map(|(ev, r)| match &protected {
            Some(p) => (ev, p.map[r.start]..p.map[r.end]),
            None => (ev, r),
        })
        .collect();
    out.words = count_words(&events);
    let ours = protected.as_ref().map_or(&[][..], |p| p.ours.as_slice());
    let events = cjk::apply(events, &ex.text, ours);
    let (events, neutralised) = raw_html::apply(events, input.raw_html);
    out.raw_html = neutralised.mapped(&to_file);
    let (mut events, flat) = headings::process(events, input.law_articles);
    out.anchors = flat.iter().map(|h| h.1.clone()).collect();
    out.toc = headings::toc(&flat);
    if let Some(cited) = input.cited_by {
        events = annotate::insert_cited_by(events, cited, input);
    }
    if let Some(ann) = input.annotations {
        events = annotate_events(events, &ex.text, ann, input, &to_file, &mut out);
    }

    let mut local_anchors: Vec<(String, Range<usize>)> = Vec::new();
    let html_events = html_events(events, input, &to_file, &mut out, &mut local_anchors);
    check_local_anchors(local_anchors, input, &mut out);

    let mut html = String::with_capacity(ex.text.len() * 3 / 2 + 64);
    pulldown_cmark::html::push_html(&mut html, html_events.into_iter());
    if !ex.calls.is_empty() && input.templates_ok {
        let limit = shortcodes::MAX_CALLS;
        if let Some(over) = ex.calls.get(limit) {
            out.diagnostics.push(
                Diagnostic::error(
                    "E-SC-LIMIT",
                    format!(
                        "{} shortcode calls in one file; at most {limit} are made",
                        ex.calls.len()
                    ),
                )
                .in_file(input.file)
                .at(input.source, shift(over.span.clone(), input.body_offset))
                .with_label("the first one over the limit")
                .with_hint(
                    "split the page into several pages (docs/reliability.md lists the limits)",
                ),
            );
        }
        // Over the limit the build fails anyway: nothing is rendered.
        let calls = if ex.calls.len() > limit {
            &[][..]
        } else {
            &ex.calls[..]
        };
        html = splice::expand(html, calls, input, &mut out.diagnostics);
    }
    out.html = html;
    out
}

/// Reports the shortcode calls that could not be parsed.
fn push_syntax_errors(errors: Vec<shortcodes::SyntaxError>, input: &Input<'_>, out: &mut Output) {
    for (span, msg) in errors {
        out.diagnostics.push(
            Diagnostic::error("E-SC-SYNTAX", msg)
                .in_file(input.file)
                .at(input.source, shift(span, input.body_offset))
                .with_hint("write shortcodes as {{ name(key=\"value\", n=3) }}"),
        );
    }
}

/// Links citations and marks glossary terms, recording what was found and warning where it failed.
fn annotate_events<'a>(
    events: Vec<(Event<'a>, Range<usize>)>,
    text: &str,
    ann: &annotate::Annotations<'_>,
    input: &Input<'_>,
    to_file: &impl Fn(Range<usize>) -> Range<usize>,
    out: &mut Output,
) -> Vec<(Event<'a>, Range<usize>)> {
    let mut found = annotate::Found::default();
    let events = annotate::apply(events, text, input.root, ann, input.mark_terms, &mut found);
    out.cites = found.cites;
    out.terms = found.terms;
    for (r, d) in found.warnings {
        out.diagnostics
            .push(d.in_file(input.file).at(input.source, to_file(r)));
    }
    events
}

/// The events to write as HTML: code blocks highlighted, link and image destinations rewritten,
/// footnotes recorded as anchors. Same-page anchors are collected into `local_anchors`.
fn html_events<'a>(
    events: Vec<(Event<'a>, Range<usize>)>,
    input: &Input<'_>,
    to_file: &impl Fn(Range<usize>) -> Range<usize>,
    out: &mut Output,
    local_anchors: &mut Vec<(String, Range<usize>)>,
) -> Vec<Event<'a>> {
    let mut html_events: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut code: Option<(Option<String>, String)> = None;
    let mut tables = tables::TableBoxes::new(input.locale);
    for (ev, range) in events {
        if tables.wrap(&ev, &mut html_events) {
            continue;
        }
        match ev {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => l.split_whitespace().next().map(str::to_string),
                    CodeBlockKind::Indented => None,
                };
                code = Some((lang, String::new()));
            }
            Event::Text(t) if code.is_some() => {
                if let Some((_, buf)) = code.as_mut() {
                    buf.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, buf)) = code.take() {
                    let html = highlight::code_block(&buf, lang.as_deref(), input.highlight);
                    html_events.push(Event::Html(html.into()));
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = links::rewrite_dest(dest_url, to_file(range), input, out, local_anchors);
                html_events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = links::rewrite_dest(dest_url, to_file(range), input, out, local_anchors);
                html_events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                }));
            }
            Event::FootnoteReference(ref name) => {
                out.anchors.push(name.to_string());
                html_events.push(ev);
            }
            other => html_events.push(other),
        }
    }
    html_events
}

/// Reports same-page `#anchor` links whose anchor is not on the page.
fn check_local_anchors(
    local_anchors: Vec<(String, Range<usize>)>,
    input: &Input<'_>,
    out: &mut Output,
) {
    for (anchor, span) in local_anchors {
        if !out.anchors.contains(&anchor) {
            out.diagnostics.push(links::broken_anchor(
                input,
                &anchor,
                None,
                span,
                &out.anchors,
            ));
        }
    }
}

/// Renders Markdown on its own, with no site around it (no internal links, shortcodes or citations):
/// for benchmarks and quick checks of the Markdown passes.
pub fn render_standalone(body: &str) -> String {
    render_standalone_with(body, false)
}

/// [`render_standalone`], with raw HTML let through or not (`[markdown] raw_html`).
pub fn render_standalone_with(body: &str, raw_html: bool) -> String {
    let source: Arc<str> = Arc::from(body);
    let links = LinkIndex::new(false);
    let registry = shortcodes::Registry::default();
    let tera = tera::Tera::default();
    render(&Input {
        body,
        body_offset: 0,
        source: &source,
        file: "standalone.md",
        links: &links,
        root: "/",
        shortcodes: &registry,
        tera: &tera,
        locale: &serde_json::Value::Null,
        highlight: true,
        raw_html,
        annotations: None,
        mark_terms: false,
        law_articles: false,
        cited_by: None,
        cited_by_label: "",
        edition_prefix: "",
        templates_ok: false,
    })
    .html
}

pub(crate) fn shift(r: Range<usize>, by: usize) -> Range<usize> {
    r.start + by..r.end + by
}

/// A rough reading length: each CJK character counts as a word, as do runs of other letters.
fn count_words(events: &[(Event<'_>, Range<usize>)]) -> usize {
    let mut n = 0;
    for (e, _) in events {
        if let Event::Text(t) = e {
            let mut in_word = false;
            for c in t.chars() {
                if cjk::is_cjk(c) && c.is_alphabetic() {
                    n += 1;
                    in_word = false;
                } else if c.is_alphanumeric() {
                    if !in_word {
                        n += 1;
                    }
                    in_word = true;
                } else {
                    in_word = false;
                }
            }
        }
    }
    n
}
