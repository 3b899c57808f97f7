//! Pages made from several documents: each course's print page (every lesson on one page), the
//! course index filtered to one audience, and the glossary page with where each term is used.

use super::context::Job;
use super::context::Made;
use super::memo::DocResult;
use super::views::{generated_page, SectionView};
use crate::paths::GLOSSARY_PATH;
use serde::Serialize;
use std::sync::Arc;

/// Lessons share one print page, so their ids (headings, footnotes, glossary tips) are made unique
/// by a per-lesson prefix, and same-page links follow.
fn prefix_ids(html: &str, n: usize) -> String {
    html.replace(" id=\"", &format!(" id=\"l{n}-"))
        .replace(" for=\"", &format!(" for=\"l{n}-"))
        .replace("href=\"#", &format!("href=\"#l{n}-"))
        .replace("aria-describedby=\"", &format!("aria-describedby=\"l{n}-"))
}

#[derive(Serialize)]
struct PrintLesson<'a> {
    title: &'a str,
    number: usize,
    content: String,
    objectives: &'a [String],
}

#[derive(Serialize)]
struct TermView<'a> {
    term: &'a str,
    slug: &'a str,
    definition: &'a str,
    aliases: &'a [String],
    used_in: Vec<UsedIn>,
}

#[derive(Serialize)]
struct UsedIn {
    title: String,
    href: String,
}

fn html_of(results: &[Option<Arc<DocResult>>], i: usize) -> &str {
    results[i]
        .as_ref()
        .and_then(|r| r.html.as_deref())
        .unwrap_or("")
}

/// A course's print page, from its lessons' rendered HTML.
pub fn print(job: &Job<'_>, c: usize, results: &[Option<Arc<DocResult>>]) -> Made {
    let site = job.site;
    let view = &site.courses.list[c];
    let course_doc = site.courses.docs[c];
    let url_path = crate::courses::print_path(&site.docs[course_doc].url_path);
    let lessons: Vec<PrintLesson> = site.courses.lessons[c]
        .iter()
        .zip(&view.lessons)
        .map(|(&l, item)| PrintLesson {
            title: &item.title,
            number: item.number,
            content: prefix_ids(html_of(results, l), item.number),
            objectives: &item.objectives,
        })
        .collect();
    let (mut ctx, _) = job.page_context(&url_path, Some(course_doc));
    ctx.insert("course", view.as_ref());
    ctx.insert("lessons", &lessons);
    Made::Page("print.html".into(), ctx)
}

/// The course index once per audience, so filtering works without JavaScript.
pub fn audience(job: &Job<'_>, a: usize, results: &[Option<Arc<DocResult>>]) -> Made {
    let site = job.site;
    let index = site.courses.index_doc.unwrap_or(site.tree.home);
    let doc = &site.docs[index];
    let audience = &site.courses.audiences[a];
    let pages = site
        .tree
        .section_pages
        .get(&index)
        .cloned()
        .unwrap_or_default();
    let subs = site
        .tree
        .section_subs
        .get(&index)
        .cloned()
        .unwrap_or_default();
    let href = site.href(index);
    let (mut ctx, _) = job.page_context(&audience.url_path, site.tree.parent[index]);
    ctx.insert(
        "section",
        &SectionView {
            title: &doc.title,
            description: &doc.description,
            href: &href,
            content: html_of(results, index),
            toc: &[],
            pages: &pages,
            subsections: &subs,
            extra: &doc.extra,
            reading_minutes: 1,
        },
    );
    super::doc::insert_course_index(&mut ctx, site, Some(&audience.name));
    Made::Page(site.templates[index].clone(), ctx)
}

/// The glossary page: every term, its aliases and the pages that use it.
pub fn glossary(job: &Job<'_>, results: &[Option<Arc<DocResult>>]) -> Made {
    let site = job.site;
    let Some(g) = &site.glossary else {
        return Made::Bytes(Arc::from(Vec::new()));
    };
    let mut used: Vec<Vec<UsedIn>> = (0..g.terms.len()).map(|_| Vec::new()).collect();
    for (i, r) in results.iter().enumerate() {
        let Some(r) = r.as_ref().filter(|_| site.docs[i].edition.is_none()) else {
            continue;
        };
        for &t in &r.terms {
            used[t].push(UsedIn {
                title: site.docs[i].title.clone(),
                href: site.href(i),
            });
        }
    }
    let mut terms: Vec<TermView> = g
        .terms
        .iter()
        .zip(used)
        .map(|(t, used_in)| TermView {
            term: &t.term,
            slug: &t.slug,
            definition: &t.definition,
            aliases: &t.aliases,
            used_in,
        })
        .collect();
    terms.sort_by(|a, b| a.term.cmp(b.term));
    let (mut ctx, _) = job.page_context(GLOSSARY_PATH, Some(site.tree.home));
    let title = job.label("glossary_title");
    let href = site.links.href_for(GLOSSARY_PATH);
    ctx.insert("page", &generated_page(&title, &href));
    ctx.insert("terms", &terms);
    ctx.insert("prev", &None::<()>);
    ctx.insert("next", &None::<()>);
    Made::Page("glossary.html".into(), ctx)
}
