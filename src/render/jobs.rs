//! One job per route kind: each builds its page's context (or its bytes) from the site alone, and
//! [`make`] renders it with the route's template.

use super::context::{Job, Made};
use super::memo::DocResult;
use crate::diag::Diagnostic;
use crate::site::routes::{Kind, Route};
use std::sync::Arc;

/// Makes the file of `route`. `doc` is the document's result for a [`Kind::Doc`]; `results` holds
/// every document's result (print pages, the glossary and audience pages read them).
pub fn make(
    job: &Job<'_>,
    route: &Route,
    doc: Option<&DocResult>,
    results: &[Option<Arc<DocResult>>],
) -> Result<Arc<[u8]>, Diagnostic> {
    use super::{cases, course, data, editions, quiz, results, site_files};
    let made = match &route.kind {
        Kind::Doc(i) => {
            let empty = DocResult::default();
            let (template, ctx) = super::doc::page(job, *i, doc.unwrap_or(&empty));
            Made::Page(template, ctx)
        }
        Kind::Print(c) => course::print(job, *c, results),
        Kind::Audience(a) => course::audience(job, *a, results),
        Kind::Glossary => course::glossary(job, results),
        Kind::BankPractice(b) => quiz::bank_practice(job, *b),
        Kind::Category(c) => quiz::category(job, *c),
        Kind::Exam(e) => quiz::exam(job, *e),
        Kind::ExamPool(e) => quiz::exam_pool(job, *e),
        Kind::Wrong => quiz::wrong(job),
        Kind::QuizHub => quiz::hub(job),
        Kind::CaseTaxonomy(t) => cases::taxonomy_page(job, *t),
        Kind::CaseTerm(t, k) => cases::term_page(job, *t, *k),
        Kind::Feed(term) => cases::feed(job, *term),
        Kind::Data(p) => data::page(job, *p),
        Kind::DataIndex => data::index(job),
        Kind::Results(None) => results::index(job),
        Kind::Results(Some(e)) => results::exam(job, *e),
        Kind::Verify => results::verify(job),
        Kind::Duty => super::checklist::duty_page(job),
        Kind::Search(e) => editions::search(job, e.as_deref()),
        Kind::Editions => editions::index(job),
        Kind::EditionsJson => editions::json(job),
        Kind::Changes(name) => editions::changes(job, name),
        Kind::Alias(target) => site_files::alias(job, route, target),
        Kind::NotFound => site_files::not_found(job),
        Kind::Sitemap => site_files::sitemap(job),
        Kind::Robots => site_files::robots(job),
        Kind::Asset(i) => Made::Bytes(Arc::clone(&job.site.assets[*i].bytes)),
        Kind::ThemeStatic(rel) => Made::Bytes(
            job.site
                .statics
                .get(rel)
                .cloned()
                .unwrap_or_else(|| Arc::from(Vec::new())),
        ),
        // Written by the search stage from the finished pages.
        Kind::SearchIndex(_) => Made::Bytes(Arc::from(Vec::new())),
    };
    match made {
        Made::Bytes(b) => Ok(b),
        Made::Page(template, ctx) => render(job, route, &template, &ctx),
    }
}

fn render(
    job: &Job<'_>,
    route: &Route,
    template: &str,
    ctx: &tera::Context,
) -> Result<Arc<[u8]>, Diagnostic> {
    let started = std::time::Instant::now();
    let rendered = job.tera.render(template, ctx);
    super::context::StageClock::add(&job.clock.templates, started);
    rendered
        .map(|s| Arc::from(without_controls(s).into_bytes()))
        .map_err(|e| {
            let why = super::templates::tera_error_text(&e);
            match route.kind {
                Kind::Doc(i) => Diagnostic::error(
                    "E-RENDER",
                    format!("template `{template}` failed for this page: {why}"),
                )
                .in_file(job.site.docs[i].display.clone())
                .with_hint("the template uses a value this page does not have; check the template or the page's front matter"),
                _ => Diagnostic::error(
                    "E-RENDER",
                    format!("template `{template}` failed for /{}: {why}", route.url_path()),
                )
                .in_file(format!("templates/{template}")),
            }
        })
}

/// Rendered text without the control characters XML 1.0 forbids (and HTML reports as parse errors):
/// C0 controls other than tab, line feed and carriage return, and U+FFFE/U+FFFF. They can reach a
/// page through TOML escapes such as `"\u000b"` in a title (pasted from Word), and one of them makes
/// an Atom feed ill-formed.
pub fn without_controls(s: String) -> String {
    let bad = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{fffe}' || c == '\u{ffff}'
    };
    if !s
        .bytes()
        .any(|b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
        && !s.contains(['\u{fffe}', '\u{ffff}'])
    {
        return s;
    }
    s.chars().filter(|&c| !bad(c)).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn controls_are_removed() {
        assert_eq!(
            super::without_controls("a\u{b}b\tc\n\u{0}d\u{ffff}".into()),
            "ab\tc\nd"
        );
        assert_eq!(super::without_controls("正常".into()), "正常");
    }
}
