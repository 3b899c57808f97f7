//! The document job: a Markdown document's body through the Markdown passes, then its page context
//! (the page or section view, previous/next, and what its role adds: course, lesson, law, bank, case).

use super::context::Job;
use super::memo::DocResult;
use super::views::{AudienceItem, CourseIndexView, LawView, PageView, SectionView};
use crate::content::kinds::{Role, Special};
use crate::content::DocKind;
use crate::markdown::{self, annotate::Annotations, links::root_for};
use crate::site::{Crumb, Site};
use std::collections::BTreeMap;
use std::sync::Arc;

/// For a law: article -> the pages citing it, as (title, root-less href).
type CitedBy = BTreeMap<u32, Vec<(String, String)>>;

/// Renders document `i`'s Markdown. `results` holds the other documents' results (a law lists
/// what cites it).
pub fn markdown(job: &Job<'_>, i: usize, results: &[Option<Arc<DocResult>>]) -> DocResult {
    let site = job.site;
    let doc = &site.docs[i];
    if let Some(&b) = site.quiz.bank_of_doc.get(&i) {
        // A bank's body is questions, rendered by the quiz pages: its anchors are the question ids.
        let bank = &site.quiz.banks[b];
        return DocResult {
            anchors: bank
                .questions
                .iter()
                .map(|&q| site.quiz.questions[q].id.clone())
                .collect(),
            html: Some(String::new()),
            ..DocResult::default()
        };
    }
    // A checklist's body is its intro (Markdown) and then the form's groups and items.
    let (body, form_anchors) = match site.checklists.of_doc.get(&i) {
        Some(&c) => {
            let list = &site.checklists.list[c];
            let anchors: Vec<String> = list
                .groups
                .iter()
                .flat_map(|g| {
                    std::iter::once(g.id.clone()).chain(g.items.iter().map(|it| it.id.clone()))
                })
                .collect();
            (&doc.body()[..list.intro_len.min(doc.body().len())], anchors)
        }
        None => (doc.body(), Vec::new()),
    };
    let root = root_for(
        &doc.url_path,
        site.options.relative,
        &site.config.base_path(),
    );
    let glossary_href = site.links.href_for(crate::paths::GLOSSARY_PATH);
    let annotations = Annotations {
        laws: &site.laws,
        law_hrefs: &site.law_hrefs,
        law_files: &site.law_files,
        glossary: site.glossary.as_ref(),
        glossary_href: &glossary_href,
    };
    let cited = (doc.role == Role::Law).then(|| cited_by(site, i, results));
    let cited_by_label = job.label("cited_by");
    let edition_prefix = doc
        .edition
        .as_ref()
        .map(|e| format!("editions/{e}/"))
        .unwrap_or_default();
    let started = std::time::Instant::now();
    let md = markdown::render(&markdown::Input {
        body,
        body_offset: doc.body_offset,
        source: &doc.source,
        file: &doc.display,
        links: &site.links,
        root: &root,
        shortcodes: &job.shortcodes,
        tera: &job.tera,
        locale: &site.locale,
        highlight: site.config.markdown.highlight_code,
        raw_html: site.config.markdown.raw_html,
        annotations: (doc.role != Role::Law).then_some(&annotations),
        mark_terms: doc.role == Role::Lesson,
        law_articles: doc.role == Role::Law,
        cited_by: cited.as_ref(),
        cited_by_label: &cited_by_label,
        templates_ok: true,
        edition_prefix: &edition_prefix,
    });
    super::context::StageClock::add(&job.clock.markdown, started);
    let mut diagnostics = md.diagnostics;
    diagnostics.extend(md.raw_html.warnings(&doc.display, &doc.source));
    let mut anchors = md.anchors;
    anchors.extend(form_anchors);
    DocResult {
        html: Some(md.html),
        toc: md.toc,
        words: md.words,
        anchors,
        pending: md.pending,
        diagnostics,
        cites: md.cites,
        terms: md.terms,
    }
}

/// The pages of the current edition citing each article of the law document `law_doc`.
fn cited_by(site: &Site, law_doc: usize, results: &[Option<Arc<DocResult>>]) -> CitedBy {
    let Some(law) = site.laws.laws.iter().position(|l| l.doc == law_doc) else {
        return CitedBy::new();
    };
    let mut out = CitedBy::new();
    for (i, r) in results.iter().enumerate() {
        // Only the current edition lists under each article; archived lessons keep their links.
        let Some(r) = r.as_ref().filter(|_| site.docs[i].edition.is_none()) else {
            continue;
        };
        for &(l, article) in &r.cites {
            if l != law {
                continue;
            }
            let entry = (site.docs[i].title.clone(), site.href(i));
            let list = out.entry(article).or_default();
            if !list.contains(&entry) {
                list.push(entry);
            }
        }
    }
    out
}

/// The context of document `i`'s page.
pub fn page(job: &Job<'_>, i: usize, md: &DocResult) -> (String, tera::Context) {
    let site = job.site;
    let doc = &site.docs[i];
    let (mut ctx, root) = job.page_context(&doc.url_path, site.tree.parent[i]);
    // The navigation of a document marks its own top-level section, breadcrumbs show its parents.
    ctx.insert("nav", &super::context::nav(site, site.tree.top_section(i)));
    if let Some(e) = &doc.edition {
        let search = serde_json::json!({
            "href": site.links.href_for(&format!("editions/{e}/{}", crate::paths::SEARCH_PATH)),
            "index_href": crate::search::folder(Some(e)),
        });
        ctx.insert("search", &search);
    }
    let href = site.href(i);
    let html = md.html.as_deref().unwrap_or("");
    let reading_minutes = md.words.div_ceil(300).max(1);
    match doc.kind {
        DocKind::Section => {
            let pages = site.tree.section_pages.get(&i).cloned().unwrap_or_default();
            let subs = site.tree.section_subs.get(&i).cloned().unwrap_or_default();
            ctx.insert(
                "section",
                &SectionView {
                    title: &doc.title,
                    description: &doc.description,
                    href: &href,
                    content: html,
                    toc: &md.toc,
                    pages: &pages,
                    subsections: &subs,
                    extra: &doc.extra,
                    reading_minutes,
                },
            );
        }
        DocKind::Page => {
            ctx.insert(
                "page",
                &PageView {
                    title: &doc.title,
                    description: &doc.description,
                    href: &href,
                    content: html,
                    toc: &md.toc,
                    date: doc.date.as_deref().unwrap_or(""),
                    updated: doc.updated.as_deref().unwrap_or(""),
                    extra: &doc.extra,
                    reading_minutes,
                },
            );
            let (prev, next) = site.tree.neighbours(i);
            let link = |j: usize| Crumb {
                title: site.docs[j].title.clone(),
                href: site.href(j),
            };
            ctx.insert("prev", &prev.map(link));
            ctx.insert("next", &next.map(link));
        }
    }
    role_context(job, i, &root, &mut ctx);
    (site.templates[i].clone(), ctx)
}

/// What a document's role adds to its page: course, lesson, law, bank or case views, and the lists
/// of the course and case indexes.
fn role_context(job: &Job<'_>, i: usize, root: &str, ctx: &mut tera::Context) {
    let site = job.site;
    let doc = &site.docs[i];
    match &doc.special {
        Special::Course(_) => {
            if let Some(&c) = site.courses.by_doc.get(&i) {
                ctx.insert("course", site.courses.list[c].as_ref());
            }
        }
        Special::Lesson(_) => {
            if let Some(l) = site.courses.lesson_view.get(&i) {
                ctx.insert("lesson", l.as_ref());
            }
        }
        Special::Law(meta) => ctx.insert(
            "law",
            &LawView {
                title: &doc.title,
                short: &meta.short,
                version: &meta.version,
            },
        ),
        Special::Bank(_) => {
            if let Some(&b) = site.quiz.bank_of_doc.get(&i) {
                super::quiz::insert_bank(job, ctx, &site.quiz.banks[b], root);
            }
        }
        Special::Case(_) => {
            if let Some(view) = super::cases::case_view(job, i) {
                ctx.insert("case", &view);
            }
        }
        Special::Checklist(_) => {
            if let Some(&c) = site.checklists.of_doc.get(&i) {
                super::checklist::insert(job, ctx, &site.checklists.list[c]);
            }
        }
        Special::None => {}
    }
    if site.cases.index_doc == Some(i) {
        super::cases::insert_index(job, ctx, None);
    }
    if site.courses.index_doc == Some(i) {
        insert_course_index(ctx, site, None);
    }
}

/// Adds `courses`, `audiences`, `audience` and `all_href` to a course-index context.
pub fn insert_course_index(ctx: &mut tera::Context, site: &Site, audience: Option<&str>) {
    let c = &site.courses;
    let view = CourseIndexView {
        courses: c
            .cards
            .iter()
            .filter(|card| audience.is_none_or(|a| card.audience.iter().any(|x| x == a)))
            .collect(),
        audiences: c
            .audiences
            .iter()
            .map(|a| AudienceItem {
                name: &a.name,
                href: &a.href,
                count: a.count,
                active: Some(a.name.as_str()) == audience,
            })
            .collect(),
        audience: audience.unwrap_or(""),
        all_href: c
            .index_doc
            .map(|i| site.href(i))
            .unwrap_or_else(|| site.links.href_for("courses/")),
    };
    ctx.insert("courses", &view.courses);
    ctx.insert("audiences", &view.audiences);
    ctx.insert("audience", &view.audience);
    ctx.insert("all_href", &view.all_href);
}
