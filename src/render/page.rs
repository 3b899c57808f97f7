//! Rendering one document: Markdown, then its template with a context of view structs, then the sink.

use super::views::{self, PageView, SectionView};
use super::{DocResult, Renderer};
use crate::content::kinds::{Role, Special};
use crate::content::DocKind;
use crate::diag::Diagnostic;
use crate::markdown::{self, annotate::Annotations, links::root_for};
use crate::output::Sink;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct LawView<'a> {
    title: &'a str,
    short: &'a [String],
    version: &'a str,
}

/// The courses index: every course, the audiences to filter by, and which one is selected.
#[derive(Serialize)]
pub struct CourseIndexView<'a> {
    pub courses: Vec<&'a crate::courses::CourseCard>,
    pub audiences: Vec<AudienceItem<'a>>,
    pub audience: &'a str,
    pub all_href: String,
}

#[derive(Serialize)]
pub struct AudienceItem<'a> {
    pub name: &'a str,
    pub href: &'a str,
    pub count: usize,
    pub active: bool,
}

impl Renderer<'_> {
    pub(super) fn render_doc(
        &self,
        i: usize,
        tera: &tera::Tera,
        base: &tera::Context,
        sink: &dyn Sink,
        cited: Option<&BTreeMap<u32, Vec<(String, String)>>>,
    ) -> DocResult {
        let site = self.site;
        let doc = &site.docs[i];
        let root = root_for(&doc.url_path, site.relative, &site.config.base_path());
        let glossary_href = site.links.href_for(crate::site::GLOSSARY_PATH);
        let annotations = Annotations {
            laws: &site.laws,
            law_hrefs: &site.law_hrefs,
            law_files: &site.law_files,
            glossary: site.glossary.as_ref(),
            glossary_href: &glossary_href,
        };
        let cited_by_label = self
            .locale
            .get("cited_by")
            .and_then(|v| v.as_str())
            .unwrap_or("Cited by:");
        let edition_prefix = doc
            .edition
            .as_ref()
            .map(|e| format!("editions/{e}/"))
            .unwrap_or_default();
        let bank = self.quiz.bank_of_doc.get(&i).map(|&b| &self.quiz.banks[b]);
        let md_started = std::time::Instant::now();
        // A bank's body is questions, rendered by the quiz stage: its anchors are the question ids.
        let md = if let Some(bank) = bank {
            markdown::Output {
                anchors: bank
                    .questions
                    .iter()
                    .map(|&q| self.quiz.questions[q].id.clone())
                    .collect(),
                ..markdown::Output::default()
            }
        } else {
            markdown::render(&markdown::Input {
                body: doc.body(),
                body_offset: doc.body_offset,
                source: &doc.source,
                file: &doc.display,
                links: &site.links,
                root: &root,
                shortcodes: self.shortcodes,
                tera,
                locale: &self.locale,
                highlight: site.config.markdown.highlight_code,
                annotations: (doc.role != Role::Law).then_some(&annotations),
                mark_terms: doc.role == Role::Lesson,
                law_articles: doc.role == Role::Law,
                cited_by: cited,
                cited_by_label,
                templates_ok: self.tera.is_some(),
                edition_prefix: &edition_prefix,
            })
        };
        super::StageClock::add(&self.clock.markdown, md_started);
        let keep = doc.role == Role::Lesson || site.courses.index_doc == Some(i);
        let mut result = DocResult {
            anchors: md.anchors,
            pending: md.pending,
            diagnostics: md.diagnostics,
            cites: md.cites,
            terms: md.terms,
            html: None,
            output: None,
        };
        if self.tera.is_none() {
            return result;
        }

        let href = site.href(i);
        let mut ctx = base.clone();
        ctx.insert("root", &root);
        ctx.insert(
            "canonical",
            &super::editions::canonical(site, &doc.url_path),
        );
        ctx.insert("edition", &super::editions::view(site, &doc.url_path));
        if let Some(e) = &doc.edition {
            let search = serde_json::json!({
                "href": site.links.href_for(&format!("editions/{e}/{}", super::SEARCH_PATH)),
                "index_href": format!("editions/{e}/pagefind/"),
            });
            ctx.insert("search", &search);
        }
        let top = site.top_section(i);
        let nav: Vec<views::NavItem> = site
            .nav
            .iter()
            .map(|(item, idx)| views::NavItem {
                active: Some(*idx) == top,
                ..item.clone()
            })
            .collect();
        ctx.insert("nav", &nav);
        let crumbs = site.parent[i]
            .and_then(|p| site.crumbs.get(&p))
            .map(|c| c.as_slice())
            .unwrap_or(&[]);
        ctx.insert("breadcrumbs", crumbs);
        let reading_minutes = md.words.div_ceil(300).max(1);
        match doc.kind {
            DocKind::Section => {
                let pages = site
                    .section_pages
                    .get(&i)
                    .map(|p| p.as_slice())
                    .unwrap_or(&[]);
                let subs = site
                    .section_subs
                    .get(&i)
                    .map(|p| p.as_slice())
                    .unwrap_or(&[]);
                ctx.insert(
                    "section",
                    &SectionView {
                        title: &doc.title,
                        description: &doc.description,
                        href: &href,
                        content: &md.html,
                        toc: &md.toc,
                        pages,
                        subsections: subs,
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
                        content: &md.html,
                        toc: &md.toc,
                        date: doc.date.as_deref().unwrap_or(""),
                        updated: doc.updated.as_deref().unwrap_or(""),
                        extra: &doc.extra,
                        reading_minutes,
                    },
                );
                let (prev, next) = self.prev_next(i);
                ctx.insert("prev", &prev);
                ctx.insert("next", &next);
            }
        }
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
                if let Some(bank) = bank {
                    super::quiz_pages::insert_bank(
                        &mut ctx,
                        self.quiz,
                        bank,
                        &root,
                        &self.locale,
                        &site.config.edition,
                    );
                }
            }
            Special::Case(_) => {
                if let Some(view) = self.cases.case_view(site, i, self.data, &self.locale) {
                    ctx.insert("case", &view);
                }
            }
            Special::None => {}
        }
        if self.cases.index_doc == Some(i) {
            self.cases.insert_index(&mut ctx, site, None, &self.locale);
        }
        if site.courses.index_doc == Some(i) {
            insert_course_index(&mut ctx, site, None);
        }
        let template = &site.templates[i];
        let tpl_started = std::time::Instant::now();
        let rendered = tera.render(template, &ctx);
        super::StageClock::add(&self.clock.templates, tpl_started);
        match rendered {
            Ok(html) => {
                let path = format!("{}index.html", doc.url_path);
                if let Err(e) = sink.write(&path, html.as_bytes()) {
                    result.diagnostics.push(
                        Diagnostic::error("E-WRITE", format!("cannot write {path}: {e}"))
                            .in_file(doc.display.clone()),
                    );
                }
                if self.memo.is_some() {
                    result.output = Some((path, html.into_bytes()));
                }
            }
            Err(e) => result.diagnostics.push(
                Diagnostic::error(
                    "E-RENDER",
                    format!(
                        "template `{template}` failed for this page: {}",
                        super::templates::tera_error_text(&e)
                    ),
                )
                .in_file(doc.display.clone())
                .with_hint("the template uses a value this page does not have; check the template or the page's front matter"),
            ),
        }
        if keep {
            result.html = Some(md.html);
        }
        result
    }

    fn prev_next(&self, i: usize) -> (Option<views::Crumb>, Option<views::Crumb>) {
        let site = self.site;
        let Some(p) = site.parent[i] else {
            return (None, None);
        };
        let ids = site
            .section_page_ids
            .get(&p)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let Some(pos) = ids.iter().position(|&x| x == i) else {
            return (None, None);
        };
        let link = |j: usize| views::Crumb {
            title: site.docs[j].title.clone(),
            href: site.href(j),
        };
        (
            pos.checked_sub(1).map(|k| link(ids[k])),
            ids.get(pos + 1).map(|&k| link(k)),
        )
    }
}

/// Adds `courses`, `audiences`, `audience` and `all_href` to a course-index context.
pub fn insert_course_index(
    ctx: &mut tera::Context,
    site: &crate::site::Site,
    audience: Option<&str>,
) {
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
