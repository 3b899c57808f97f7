//! Annotations on prose text: law citations become links to the article's anchor, and the first
//! occurrence of each glossary term gets its definition (lessons only). Text inside headings, links,
//! images and code is left alone.

use crate::diag::Diagnostic;
use crate::glossary::Glossary;
use crate::html::escape;
use crate::laws::{article_id, LawIndex};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

type Ev<'a> = (Event<'a>, Range<usize>);

/// Site-wide inputs of the pass.
pub struct Annotations<'a> {
    pub laws: &'a LawIndex,
    /// Root-less href of each law's page, by law index.
    pub law_hrefs: &'a [String],
    /// Display path of each law's file, for hints.
    pub law_files: &'a [String],
    pub glossary: Option<&'a Glossary>,
    /// Root-less href of the glossary page.
    pub glossary_href: &'a str,
}

/// What the pass found in one document.
#[derive(Debug, Default)]
pub struct Found {
    /// (law index, article) of every resolved citation.
    pub cites: Vec<(usize, u32)>,
    /// Glossary terms marked up (term indexes).
    pub terms: Vec<usize>,
    /// Unresolved citations (warnings), with their range in the Markdown text.
    pub warnings: Vec<(Range<usize>, Diagnostic)>,
}

/// Links law citations and marks glossary terms in the prose text of `events`.
pub fn apply<'a>(
    events: Vec<Ev<'a>>,
    source: &str,
    root: &str,
    ann: &Annotations<'_>,
    mark_terms: bool,
    found: &mut Found,
) -> Vec<Ev<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut skip = 0usize;
    let mut marks = TermMarks::default();
    for (ev, range) in events {
        match &ev {
            Event::Start(
                Tag::Heading { .. } | Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_),
            ) => skip += 1,
            Event::End(TagEnd::Heading(_) | TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
                skip = skip.saturating_sub(1)
            }
            _ => {}
        }
        let Event::Text(text) = &ev else {
            out.push((ev, range));
            continue;
        };
        if skip > 0 {
            out.push((ev, range));
            continue;
        }
        let exact = source.get(range.clone()) == Some(text.as_ref());
        let mut pieces = cite_pieces(text, &range, exact, root, ann, found);
        if let (true, Some(g)) = (mark_terms, ann.glossary) {
            term_pieces(text, g, root, ann, &mut pieces, &mut marks, found);
        }
        if pieces.is_empty() {
            out.push((ev, range));
            continue;
        }
        splice(text, &range, pieces, &mut out);
    }
    out
}

/// The links of the citations in one text, as (range in the text, HTML); citations that do not
/// resolve become warnings at their range in the Markdown (the whole text's when it is not `exact`).
fn cite_pieces(
    text: &str,
    range: &Range<usize>,
    exact: bool,
    root: &str,
    ann: &Annotations<'_>,
    found: &mut Found,
) -> Vec<(Range<usize>, String)> {
    let at = |i: usize, j: usize| {
        if exact {
            range.start + i..range.start + j
        } else {
            range.clone()
        }
    };
    let mut pieces: Vec<(Range<usize>, String)> = Vec::new();
    for c in ann.laws.find(text) {
        if c.resolves(ann.laws) {
            let law = c.law.unwrap_or_default();
            found.cites.push((law, c.article));
            let html = format!(
                "<a class=\"cite\" href=\"{}\">{}</a>",
                escape(&format!(
                    "{root}{}#{}",
                    ann.law_hrefs[law],
                    article_id(c.article)
                )),
                escape(&text[c.range.clone()])
            );
            pieces.push((c.range.clone(), html));
        } else {
            found
                .warnings
                .push((at(c.range.start, c.range.end), unresolved(&c, ann)));
        }
    }
    pieces
}

/// The glossary terms already marked on the page, and how many tooltips were numbered.
#[derive(Default)]
struct TermMarks {
    used: HashSet<usize>,
    tip: usize,
}

/// Adds the markup of the glossary terms in one text that overlap no citation and were not marked
/// before on the page.
fn term_pieces(
    text: &str,
    g: &Glossary,
    root: &str,
    ann: &Annotations<'_>,
    pieces: &mut Vec<(Range<usize>, String)>,
    marks: &mut TermMarks,
    found: &mut Found,
) {
    for f in g.find(text) {
        let overlaps = pieces
            .iter()
            .any(|(r, _)| r.start < f.end && f.start < r.end);
        if overlaps || !marks.used.insert(f.term) {
            continue;
        }
        marks.tip += 1;
        let tip = marks.tip;
        let term = &g.terms[f.term];
        found.terms.push(f.term);
        let html = format!(
            "<span class=\"term\"><a class=\"term-link\" href=\"{}\" aria-describedby=\"gd-{tip}\">{}</a><span class=\"term-tip\" role=\"tooltip\" id=\"gd-{tip}\">{}</span></span>",
            escape(&format!("{root}{}#term-{}", ann.glossary_href, term.slug)),
            escape(&text[f.start..f.end]),
            escape(&term.definition)
        );
        pieces.push((f.start..f.end, html));
    }
}

/// Pushes one text as its plain parts with the pieces' HTML in between, in text order.
fn splice<'a>(
    text: &str,
    range: &Range<usize>,
    mut pieces: Vec<(Range<usize>, String)>,
    out: &mut Vec<Ev<'a>>,
) {
    pieces.sort_by_key(|(r, _)| r.start);
    let mut pos = 0;
    for (r, html) in pieces {
        if r.start > pos {
            out.push((
                Event::Text(text[pos..r.start].to_string().into()),
                range.clone(),
            ));
        }
        out.push((Event::InlineHtml(html.into()), range.clone()));
        pos = r.end;
    }
    if pos < text.len() {
        out.push((Event::Text(text[pos..].to_string().into()), range.clone()));
    }
}

fn unresolved(c: &crate::laws::Cite, ann: &Annotations<'_>) -> Diagnostic {
    match c.law {
        None => Diagnostic::warning(
            "W-CITE-LAW",
            format!("citation of 《{}》, which is not among the site's laws", c.name),
        )
        .with_label("not linked")
        .with_hint(format!(
            "add content/laws/<name>.md with `short = [\"{}\"]` and its articles as `### 第N条` headings, or correct the name",
            c.name
        )),
        Some(l) => {
            let law = &ann.laws.laws[l];
            let have: Vec<String> = law.articles.iter().map(u32::to_string).collect();
            Diagnostic::warning(
                "W-CITE-ARTICLE",
                format!("{} has no article {} (第{}条)", law.title, c.article, c.article),
            )
            .with_label("not linked")
            .with_hint(format!(
                "{} has articles {}; add `### 第…条` for this one or correct the number",
                ann.law_files[l],
                if have.is_empty() { "none".to_string() } else { have.join(", ") }
            ))
        }
    }
}

/// After each cited article's heading, a line linking to the pages that cite it.
pub(super) fn insert_cited_by<'a>(
    events: Vec<(Event<'a>, Range<usize>)>,
    cited: &BTreeMap<u32, Vec<(String, String)>>,
    input: &super::Input<'_>,
) -> Vec<(Event<'a>, Range<usize>)> {
    let mut out = Vec::with_capacity(events.len());
    let mut article = None;
    for (ev, range) in events {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = &ev {
            article = id.strip_prefix("art-").and_then(|n| n.parse::<u32>().ok());
        }
        let end = matches!(ev, Event::End(TagEnd::Heading(_)));
        out.push((ev, range.clone()));
        if let Some(n) = article.filter(|_| end) {
            article = None;
            if let Some(pages) = cited.get(&n) {
                let links: Vec<String> = pages
                    .iter()
                    .map(|(title, href)| {
                        format!(
                            "<a href=\"{}\">{}</a>",
                            escape(&format!("{}{href}", input.root)),
                            escape(title)
                        )
                    })
                    .collect();
                let html = format!(
                    "<p class=\"cited-by\"><span class=\"cited-by-label\">{}</span> {}</p>\n",
                    escape(input.cited_by_label),
                    links.join("、")
                );
                out.push((Event::Html(html.into()), range));
            }
        }
    }
    out
}
