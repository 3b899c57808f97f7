//! A serve session: the [`Inputs`], the [`Site`], the compiled templates and the render [`Memo`] of
//! the last build, kept between rebuilds.
//!
//! [`Session::rebuild`] takes the changed paths, sorts them by kind (configuration, templates and UI
//! strings, data, content, static files, editions), reads again only what changed, assembles the site
//! again — or, when only the body of ordinary documents changed, updates those documents in the site
//! it has — and renders through the memo, so only the routes whose inputs changed are rendered.

use crate::diag::Diagnostics;
use crate::load::{self, Inputs};
use crate::output::Files;
use crate::render::templates::{self, Templates};
use crate::render::{self, Memo, RenderOptions, Stats};
use crate::site::{self, Site};
use crate::BuildOptions;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What a changed path is, in the order a rebuild deals with them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    Config,
    Template,
    Locale,
    Data,
    Content,
    Static,
    Editions,
    /// Not part of the site (ignored).
    Other,
}

/// A path that changed (created, written, renamed or removed), relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub path: String,
    pub kind: ChangeKind,
}

impl Change {
    pub fn new(path: impl Into<String>) -> Change {
        let path: String = path.into();
        let kind = classify(&path);
        Change { path, kind }
    }
}

/// The kind of a site-relative path.
pub fn classify(path: &str) -> ChangeKind {
    let mut parts = path.split('/');
    match parts.next().unwrap_or_default() {
        crate::config::CONFIG_FILE => ChangeKind::Config,
        "templates" => ChangeKind::Template,
        "themes" => match path.split('/').nth(2) {
            Some("locales") => ChangeKind::Locale,
            _ => ChangeKind::Template,
        },
        "data" => ChangeKind::Data,
        "content" => ChangeKind::Content,
        "static" => ChangeKind::Static,
        "editions" => ChangeKind::Editions,
        _ => ChangeKind::Other,
    }
}

/// A finished build of the session.
pub struct Built {
    pub files: Arc<Files>,
    pub stats: Stats,
    pub warnings: Diagnostics,
    pub elapsed: Duration,
    /// Wall time of each stage of the rebuild.
    pub timings: Vec<(&'static str, Duration)>,
}

pub struct Session {
    opts: BuildOptions,
    inputs: Option<Inputs>,
    site: Option<Site>,
    templates: Option<Templates>,
    memo: Memo,
    /// What `site::check` found for the site as last assembled (an update of bodies keeps it).
    checked: Diagnostics,
    search: crate::search::Live,
}

impl Session {
    /// A session for `opts` (serve sets `base_url` to its own address). Nothing is read yet.
    pub fn new(opts: BuildOptions) -> Session {
        Session {
            opts,
            inputs: None,
            site: None,
            templates: None,
            memo: Memo::default(),
            checked: Diagnostics::new(),
            search: crate::search::Live::default(),
        }
    }

    /// The search index of the last good build (`None` when search is off or the index could not
    /// be made; serve then keeps the one it has).
    pub fn index(&mut self) -> Option<Files> {
        if !self.opts.search {
            return None;
        }
        let site = self.site.as_ref()?;
        let files = self.files();
        self.search.index(site, &files).ok()
    }

    /// The pages of the last build (the memo shares their bytes: nothing is copied).
    fn files(&self) -> Files {
        self.memo
            .pages
            .iter()
            .map(|(path, page)| (Arc::clone(path), Arc::clone(&page.bytes)))
            .collect()
    }

    /// How many pages the last [`Session::index`] read again (the others kept their counts).
    pub fn index_reads(&self) -> usize {
        self.search.last_read
    }

    /// The first build, or a rebuild after `changes`.
    pub fn rebuild(&mut self, changes: &[Change]) -> Result<Built, Diagnostics> {
        let started = Instant::now();
        let mut clock = crate::Clock::new();
        let mut changes: Vec<&Change> = changes
            .iter()
            .filter(|c| c.kind != ChangeKind::Other)
            .collect();
        changes.sort_by_key(|c| c.kind);
        let reload_all =
            self.inputs.is_none() || changes.iter().any(|c| c.kind == ChangeKind::Config);
        if reload_all {
            // Until site.toml reads again, every change needs the whole site read again.
            self.inputs = None;
            self.site = None;
            self.inputs = Some(load::load(&self.opts.load_options())?);
        } else if let Some(inputs) = self.inputs.as_mut() {
            let paths: Vec<String> = changes.iter().map(|c| c.path.clone()).collect();
            inputs.reload(&paths)?;
        }
        let Some(inputs) = self.inputs.as_ref() else {
            return Err(Diagnostics::new());
        };
        clock.lap("load");
        let mut diags = Diagnostics::new();
        let theme_key = templates::source_key(&inputs.theme);
        if self
            .templates
            .as_ref()
            .is_none_or(|t| t.source != theme_key)
        {
            self.templates = Templates::compile(&inputs.theme, &mut diags);
        }
        let only_content = changes.iter().all(|c| c.kind == ChangeKind::Content);
        let updated = only_content
            && self.site.as_mut().is_some_and(|s| {
                let rels: Vec<&str> = changes.iter().map(|c| content_rel(&c.path)).collect();
                site::incremental::update_bodies(s, inputs, &rels)
            });
        if !updated {
            let target = crate::Target::Memory;
            self.site = Some(site::assemble(inputs, &self.opts.site_options(&target)));
        }
        clock.lap(if updated { "update" } else { "assemble" });
        let (Some(site), Some(templates)) = (self.site.as_ref(), self.templates.as_ref()) else {
            return Err(diags);
        };
        if !updated {
            self.checked = site::check(site);
        }
        diags.extend(self.checked.iter().cloned());
        clock.lap("check");
        let outcome = render_with(&self.opts, site, templates, &self.memo);
        clock.lap("render");
        diags.extend(outcome.diagnostics);
        if self.opts.strict {
            diags.promote_warnings();
        }
        if let Some(memo) = outcome.memo {
            self.memo = memo;
        }
        if diags.has_errors() {
            return Err(diags);
        }
        let files = self.files();
        clock.lap("files");
        Ok(Built {
            files: Arc::new(files),
            stats: outcome.stats,
            warnings: diags,
            elapsed: started.elapsed(),
            timings: clock.laps,
        })
    }
}

/// `content/courses/x.md` -> `courses/x.md`.
fn content_rel(path: &str) -> &str {
    path.strip_prefix("content/").unwrap_or(path)
}

fn render_with(
    opts: &BuildOptions,
    site: &Site,
    templates: &Templates,
    memo: &Memo,
) -> render::Outcome {
    let none = HashSet::new();
    let no_anchors = HashMap::new();
    render::run(
        site,
        templates,
        &RenderOptions {
            shortcodes: &opts.shortcodes,
            memo: Some(memo),
            cached: &none,
            cached_anchors: &no_anchors,
            progress: false,
        },
        &crate::output::Discard,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_sorted_into_kinds() {
        assert_eq!(classify("site.toml"), ChangeKind::Config);
        assert_eq!(classify("templates/page.html"), ChangeKind::Template);
        assert_eq!(
            classify("themes/default/templates/page.html"),
            ChangeKind::Template
        );
        assert_eq!(
            classify("themes/default/locales/zh-CN.toml"),
            ChangeKind::Locale
        );
        assert_eq!(
            classify("themes/default/static/a.css"),
            ChangeKind::Template
        );
        assert_eq!(classify("data/enterprises.csv"), ChangeKind::Data);
        assert_eq!(classify("content/a.md"), ChangeKind::Content);
        assert_eq!(classify("static/a.pdf"), ChangeKind::Static);
        assert_eq!(classify("editions/2023/banks/b.md"), ChangeKind::Editions);
        assert_eq!(classify("README.md"), ChangeKind::Other);
        assert!(ChangeKind::Config < ChangeKind::Content);
    }
}
