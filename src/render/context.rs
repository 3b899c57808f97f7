//! The shared, read-only state of one render ([`Job`]) and the parts of a page's context that every
//! page has: the site, the UI strings, the link prefix (`root`), the navigation, breadcrumbs, the
//! canonical URL and the edition.

use super::keys::{self, Later};
use super::memo::{DocResult, Memo};
use super::templates::Templates;
use super::views::SiteView;
use super::{Done, StageClock};
use crate::diag::Diagnostic;
use crate::markdown::links::root_for;
use crate::markdown::shortcodes::Registry;
use crate::output::Sink;
use crate::site::routes::Kind;
use crate::site::{NavItem, Site};
use std::sync::Arc;

pub struct Job<'a> {
    pub site: &'a Site,
    pub templates: &'a Templates,
    pub tera: tera::Tera,
    pub shortcodes: Registry,
    /// What every page's context starts with.
    pub base: tera::Context,
    pub clock: StageClock,
}

impl<'a> Job<'a> {
    pub fn new(site: &'a Site, templates: &'a Templates, native: &Registry) -> Job<'a> {
        let mut shortcodes = native.clone();
        shortcodes.add_templates(templates.names());
        if !site.quiz.is_empty() {
            shortcodes.register(
                "quiz",
                Arc::new(crate::quiz::views::QuizShortcode {
                    set: Arc::clone(&site.quiz),
                    edition: site.config.edition.clone(),
                }),
            );
        }
        Job {
            site,
            templates,
            tera: templates.for_site(site),
            shortcodes,
            base: base_context(site),
            clock: StageClock::default(),
        }
    }

    /// Runs the job of route `r`, or writes its earlier output again when its key is unchanged.
    pub fn run(
        &self,
        r: usize,
        later: &Later,
        results: &[Option<Arc<DocResult>>],
        memo: Option<&Memo>,
        sink: &dyn Sink,
    ) -> Done {
        let route = &self.site.routes.list[r];
        let key = keys::route(self.site, self.templates, route, later);
        let reused = memo.and_then(|m| m.page(&route.path, key));
        let mut done = Done {
            route: r,
            key,
            bytes: None,
            diagnostics: Vec::new(),
            doc: None,
            rendered: false,
        };
        if let Kind::Doc(i) = route.kind {
            let (md_key, result) = self.doc_result(i, later, results, memo);
            done.doc = Some((md_key, result));
        }
        if let Some(page) = reused {
            done.bytes = Some(Arc::clone(&page.bytes));
            done.diagnostics = page.diagnostics.clone();
        } else {
            done.rendered = true;
            let doc = done.doc.as_ref().map(|(_, d)| d.as_ref());
            match super::jobs::make(self, route, doc, results) {
                Ok(bytes) => done.bytes = Some(bytes),
                Err(d) => done.diagnostics.push(d),
            }
        }
        if let (None, Kind::Doc(i)) = (memo, &route.kind) {
            done.doc = done.doc.take().map(|(k, d)| (k, self.forget_html(*i, d)));
        }
        if let Some(bytes) = &done.bytes {
            if let Err(e) = sink.write_shared(&route.path, Arc::clone(bytes)) {
                done.diagnostics.push(
                    Diagnostic::error("E-WRITE", format!("cannot write {}: {e}", route.path))
                        .in_file(route.origin.clone()),
                );
                done.bytes = None;
            }
        }
        done
    }

    /// A document's Markdown result, from the memo when its inputs are unchanged.
    fn doc_result(
        &self,
        i: usize,
        later: &Later,
        results: &[Option<Arc<DocResult>>],
        memo: Option<&Memo>,
    ) -> (u64, Arc<DocResult>) {
        let key = keys::markdown(self.site, self.templates, i, later);
        let doc = &self.site.docs[i];
        if let Some(r) = memo.and_then(|m| m.doc(&doc.rel, key)) {
            return (key, Arc::clone(r));
        }
        (key, Arc::new(super::doc::markdown(self, i, results)))
    }

    /// Without a memo, a document's HTML is dropped once its page is written, unless another page
    /// includes it (lessons in print pages, the course index in its audience pages).
    fn forget_html(&self, i: usize, doc: Arc<DocResult>) -> Arc<DocResult> {
        let d = &self.site.docs[i];
        if d.role == crate::content::kinds::Role::Lesson || self.site.courses.index_doc == Some(i) {
            return doc;
        }
        let mut owned = Arc::try_unwrap(doc).unwrap_or_else(|shared| (*shared).clone());
        owned.html = None;
        Arc::new(owned)
    }

    /// A context for the page at `url_path`, with navigation as if it were a child of `parent`.
    pub fn page_context(&self, url_path: &str, parent: Option<usize>) -> (tera::Context, String) {
        let site = self.site;
        let root = root_for(url_path, site.options.relative, &site.config.base_path());
        let mut ctx = self.base.clone();
        ctx.insert("root", &root);
        ctx.insert("canonical", &super::editions::canonical(site, url_path));
        ctx.insert("edition", &super::editions::view(site, url_path));
        let top = parent.and_then(|p| site.tree.top_section(p));
        ctx.insert("nav", &nav(site, top));
        let crumbs = parent
            .and_then(|p| site.tree.crumbs.get(&p))
            .map(|c| c.as_slice())
            .unwrap_or(&[]);
        ctx.insert("breadcrumbs", crumbs);
        (ctx, root)
    }

    /// A UI string.
    pub fn label(&self, key: &str) -> String {
        label(&self.site.locale, key)
    }
}

/// A UI string, or its key when the locale lacks it.
pub fn label(locale: &serde_json::Value, key: &str) -> String {
    locale
        .get(key)
        .and_then(serde_json::Value::as_str)
        .unwrap_or(key)
        .to_string()
}

/// The top navigation with the entry of the section `top` marked.
pub fn nav(site: &Site, top: Option<usize>) -> Vec<NavItem> {
    site.tree
        .nav
        .iter()
        .map(|(item, idx)| NavItem {
            active: Some(*idx) == top,
            ..item.clone()
        })
        .collect()
}

fn base_context(site: &Site) -> tera::Context {
    let c = &site.config;
    let mut ctx = tera::Context::new();
    ctx.insert(
        "site",
        &SiteView {
            title: c.title.clone(),
            description: c.description.clone(),
            language: c.language.clone(),
            base_url: c.base_url(),
            edition: c.edition.clone(),
            extra: c.extra.clone(),
        },
    );
    ctx.insert("t", site.locale.as_ref());
    ctx.insert("home_href", &site.links.href_for(""));
    let quiz_href = if site.quiz.is_empty() {
        String::new()
    } else {
        site.links.href_for(crate::quiz::HUB_PATH)
    };
    ctx.insert("quiz_href", &quiz_href);
    ctx.insert(
        "search",
        &serde_json::json!({"href": site.links.href_for(crate::search::PAGE_PATH), "index_href": "pagefind/"}),
    );
    ctx.insert("edition", &super::editions::view(site, "_"));
    ctx.insert("hub_href", &quiz_href);
    ctx.insert("wrong_href", &site.links.href_for(crate::quiz::WRONG_PATH));
    ctx
}
