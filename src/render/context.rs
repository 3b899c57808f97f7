//! The shared, read-only state of one render ([`Job`]) and the parts of a page's context that every
//! page has: the site, the UI strings, the link prefix (`root`), the navigation, breadcrumbs, the
//! canonical URL and the edition.

use super::templates::Templates;
use super::views::SiteView;
use crate::markdown::links::root_for;
use crate::markdown::shortcodes::Registry;
use crate::paths::{split_edition, EDITIONS_JSON, EDITIONS_PATH};
use crate::site::{NavItem, Site};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

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
                Arc::new(crate::quiz::shortcode::QuizShortcode {
                    set: Arc::clone(&site.quiz),
                    edition: site.config.edition.clone(),
                    wrong_href: site.links.href_for(crate::quiz::WRONG_PATH),
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

    /// A context for the page at `url_path`, with navigation as if it were a child of `parent`.
    pub fn page_context(&self, url_path: &str, parent: Option<usize>) -> (tera::Context, String) {
        let site = self.site;
        let root = root_for(url_path, site.options.relative, &site.config.base_path());
        let mut ctx = self.base.clone();
        ctx.insert("root", &root);
        ctx.insert("canonical", &canonical(site, url_path));
        ctx.insert("edition", &edition_view(site, url_path));
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
    let data_href = if site.routes.has("data/index.html") {
        site.links.href_for(crate::site::routes::DATA_INDEX_PATH)
    } else {
        String::new()
    };
    ctx.insert("data_href", &data_href);
    ctx.insert(
        "search",
        &serde_json::json!({"href": site.links.href_for(crate::paths::SEARCH_PATH), "index_href": crate::search::folder(None)}),
    );
    ctx.insert("edition", &edition_view(site, "_"));
    ctx.insert("hub_href", &quiz_href);
    ctx.insert("wrong_href", &site.links.href_for(crate::quiz::WRONG_PATH));
    ctx
}

/// What a job makes: a template with its context, or finished bytes.
pub enum Made {
    Page(String, tera::Context),
    Bytes(Arc<[u8]>),
}

/// Time spent in the parallel stages, summed over threads (for `--timings`).
#[derive(Default)]
pub struct StageClock {
    pub markdown: AtomicU64,
    pub templates: AtomicU64,
}

impl StageClock {
    pub fn add(counter: &AtomicU64, since: Instant) {
        counter.fetch_add(since.elapsed().as_nanos() as u64, Ordering::Relaxed);
    }
}

/// Whether a path inside an edition belongs to the editioned part of the site.
pub fn editioned(inner: &str) -> bool {
    ["courses/", "banks/", "exams/"]
        .iter()
        .any(|p| inner.starts_with(p))
}

/// The `edition` context of the page at `url_path` (docs/editions-theme-contract.md).
pub fn edition_view(site: &Site, url_path: &str) -> Value {
    let (edition, inner) = split_edition(url_path);
    let ed = editioned(inner);
    let current = &site.config.edition;
    json!({
        "name": edition.map(str::to_string).unwrap_or_else(|| if ed { current.clone() } else { String::new() }),
        "current": current,
        "archived": edition.is_some(),
        "editioned": ed,
        "path": inner,
        // The current edition's page, or the list of editions when this page has none there.
        "current_href": site.links.href_for(if in_current(site, inner) { inner } else { EDITIONS_PATH }),
        "json_href": EDITIONS_JSON,
        "index_href": site.links.href_for(EDITIONS_PATH),
    })
}

/// Whether the current site has a page at `url_path` (a folder address or a file).
fn in_current(site: &Site, url_path: &str) -> bool {
    site.routes.has(url_path) || site.routes.has(&format!("{url_path}index.html"))
}

/// The canonical URL of the page at `url_path`: the current edition's page for an archived one,
/// when the current edition has that page (an edition's own pages, such as its changes, are
/// their own canonical).
pub fn canonical(site: &Site, url_path: &str) -> String {
    let current = split_edition(url_path).1;
    let path = if current != url_path && !in_current(site, current) {
        url_path
    } else {
        current
    };
    format!("{}{}", site.config.base_url(), path)
}
