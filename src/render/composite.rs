//! Pages made from several documents: each course's print page (every lesson on one page), the
//! course index filtered to one audience, and the glossary page with where each term is used.

use super::page::insert_course_index;
use super::DocResult;
use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::headings::TocEntry;
use crate::markdown::links::root_for;
use crate::output::Sink;
use crate::site::{Site, GLOSSARY_PATH};
use serde::Serialize;

#[derive(Clone, Copy)]
pub struct Composite<'a> {
    pub site: &'a Site,
    pub tera: &'a tera::Tera,
    pub base: &'a tera::Context,
    pub sink: &'a dyn Sink,
    /// Archived editions served from the cache: their pages are not made again.
    pub skip: &'a std::collections::HashSet<String>,
}

impl Composite<'_> {
    /// Whether pages of `edition` come from the cache.
    pub fn cached(&self, edition: &Option<String>) -> bool {
        edition.as_ref().is_some_and(|e| self.skip.contains(e))
    }
}

/// Lessons share one print page, so their ids (headings, footnotes, glossary tips) are made unique
/// by a per-lesson prefix, and same-page links follow.
fn prefix_ids(html: &str, n: usize) -> String {
    html.replace(" id=\"", &format!(" id=\"l{n}-"))
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

impl Composite<'_> {
    /// A context for a generated page at `url_path`, with navigation as if it were a child of `parent`.
    pub(super) fn context(&self, url_path: &str, parent: Option<usize>) -> (tera::Context, String) {
        let site = self.site;
        let root = root_for(url_path, site.relative, &site.config.base_path());
        let mut ctx = self.base.clone();
        ctx.insert("root", &root);
        ctx.insert("canonical", &super::editions::canonical(site, url_path));
        ctx.insert("edition", &super::editions::view(site, url_path));
        let top = parent.and_then(|p| site.top_section(p));
        let nav: Vec<super::views::NavItem> = site
            .nav
            .iter()
            .map(|(item, idx)| super::views::NavItem {
                active: Some(*idx) == top,
                ..item.clone()
            })
            .collect();
        ctx.insert("nav", &nav);
        let crumbs = parent
            .and_then(|p| site.crumbs.get(&p))
            .map(|c| c.as_slice())
            .unwrap_or(&[]);
        ctx.insert("breadcrumbs", crumbs);
        (ctx, root)
    }

    pub(super) fn emit(
        &self,
        template: &str,
        ctx: &tera::Context,
        url_path: &str,
        diags: &mut Diagnostics,
    ) -> usize {
        match self.tera.render(template, ctx) {
            Ok(html) => match self
                .sink
                .write(&format!("{url_path}index.html"), html.as_bytes())
            {
                Ok(()) => 1,
                Err(e) => {
                    diags.push(Diagnostic::error(
                        "E-WRITE",
                        format!("cannot write {url_path}index.html: {e}"),
                    ));
                    0
                }
            },
            Err(e) => {
                diags.push(
                    Diagnostic::error(
                        "E-RENDER",
                        format!(
                            "template `{template}` failed for /{url_path}: {}",
                            super::templates::tera_error_text(&e)
                        ),
                    )
                    .in_file(format!("templates/{template}")),
                );
                0
            }
        }
    }

    /// One print page per course, from the lessons' already rendered HTML.
    pub fn print_pages(&self, results: &mut [DocResult], diags: &mut Diagnostics) -> usize {
        let site = self.site;
        let mut n = 0;
        for (c, view) in site.courses.list.iter().enumerate() {
            let course_doc = site.courses.docs[c];
            if self.cached(&site.docs[course_doc].edition) {
                continue;
            }
            let url_path = crate::courses::print_path(&site.docs[course_doc].url_path);
            let lessons: Vec<PrintLesson> = site.courses.lessons[c]
                .iter()
                .zip(&view.lessons)
                .map(|(&l, item)| PrintLesson {
                    title: &item.title,
                    number: item.number,
                    content: prefix_ids(&results[l].html.take().unwrap_or_default(), item.number),
                    objectives: &item.objectives,
                })
                .collect();
            let (mut ctx, _) = self.context(&url_path, Some(course_doc));
            ctx.insert("course", view.as_ref());
            ctx.insert("lessons", &lessons);
            n += self.emit("print.html", &ctx, &url_path, diags);
        }
        n
    }

    /// The course index once per audience, so filtering works without JavaScript.
    pub fn audience_pages(&self, results: &[DocResult], diags: &mut Diagnostics) -> usize {
        let site = self.site;
        let Some(index) = site.courses.index_doc else {
            return 0;
        };
        let doc = &site.docs[index];
        let content = results[index].html.clone().unwrap_or_default();
        let pages = site
            .section_pages
            .get(&index)
            .map(|p| p.as_slice())
            .unwrap_or(&[]);
        let subs = site
            .section_subs
            .get(&index)
            .map(|p| p.as_slice())
            .unwrap_or(&[]);
        let href = site.href(index);
        let no_toc: Vec<TocEntry> = Vec::new();
        let mut n = 0;
        for a in &site.courses.audiences {
            let (mut ctx, _) = self.context(&a.url_path, site.parent[index]);
            ctx.insert(
                "section",
                &super::views::SectionView {
                    title: &doc.title,
                    description: &doc.description,
                    href: &href,
                    content: &content,
                    toc: &no_toc,
                    pages,
                    subsections: subs,
                    extra: &doc.extra,
                    reading_minutes: 1,
                },
            );
            insert_course_index(&mut ctx, site, Some(&a.name));
            n += self.emit(&site.templates[index], &ctx, &a.url_path, diags);
        }
        n
    }

    /// The glossary page: every term, its aliases and the lessons that use it.
    pub fn glossary_page(&self, results: &[DocResult], diags: &mut Diagnostics) -> usize {
        let site = self.site;
        let Some(g) = &site.glossary else {
            return 0;
        };
        let mut used: Vec<Vec<UsedIn>> = (0..g.terms.len()).map(|_| Vec::new()).collect();
        for (i, r) in results.iter().enumerate() {
            if site.docs[i].edition.is_some() {
                continue;
            }
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
        let (mut ctx, _) = self.context(GLOSSARY_PATH, Some(site.home));
        let title = ctx
            .get("t")
            .and_then(|t| t.get("glossary_title"))
            .and_then(|v| v.as_str())
            .unwrap_or("Glossary")
            .to_string();
        let no_toc: Vec<TocEntry> = Vec::new();
        let extra = toml::Table::new();
        let href = site.links.href_for(GLOSSARY_PATH);
        ctx.insert(
            "page",
            &super::views::PageView {
                title: &title,
                description: "",
                href: &href,
                content: "",
                toc: &no_toc,
                date: "",
                updated: "",
                extra: &extra,
                reading_minutes: 1,
            },
        );
        ctx.insert("terms", &terms);
        ctx.insert("prev", &None::<()>);
        ctx.insert("next", &None::<()>);
        self.emit("glossary.html", &ctx, GLOSSARY_PATH, diags)
    }
}
