//! Render: the read-only [`Site`] -> output files.
//!
//! Each document is rendered on its own (rayon): Markdown, then its template with a small context of
//! view structs, then written straight to the [`Sink`], so rendered HTML does not pile up in memory.
//! Links to anchors in other pages are checked once every page is done. Site-wide files (sitemap,
//! robots.txt, 404, redirects, static files) come from [`extras`].

pub mod extras;
pub mod templates;
pub mod views;

use crate::content::DocKind;
use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::{self, links::root_for, links::PendingAnchor, shortcodes::Registry};
use crate::output::Sink;
use crate::site::Site;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use views::{PageView, SectionView, SiteView};

/// Shared, read-only inputs of the render stage.
pub struct Renderer<'a> {
    pub site: &'a Site,
    /// `None` when the templates failed to load: Markdown is still checked, nothing is written.
    pub tera: Option<&'a tera::Tera>,
    pub shortcodes: &'a Registry,
    pub locale: serde_json::Value,
    pub statics: &'a std::collections::BTreeMap<String, crate::theme::StaticFile>,
    pub progress: &'a Progress,
}

/// Counts of what was written.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub pages: usize,
    pub sections: usize,
    pub aliases: usize,
    pub static_files: usize,
}

struct DocResult {
    anchors: Vec<String>,
    pending: Vec<PendingAnchor>,
    diagnostics: Vec<Diagnostic>,
}

impl Renderer<'_> {
    pub fn render_all(&self, sink: &dyn Sink, diags: &mut Diagnostics) -> Stats {
        let site = self.site;
        let fallback = tera::Tera::default();
        let tera = self.tera.unwrap_or(&fallback);
        let base = self.base_context();
        let results: Vec<DocResult> = (0..site.docs.len())
            .into_par_iter()
            .map(|i| {
                let r = self.render_doc(i, tera, &base, sink);
                self.progress.inc();
                r
            })
            .collect();

        let anchors: HashMap<&str, &[String]> = site
            .docs
            .iter()
            .zip(&results)
            .map(|(d, r)| (d.rel.as_str(), r.anchors.as_slice()))
            .collect();
        for (doc, r) in site.docs.iter().zip(&results) {
            diags.extend(r.diagnostics.iter().cloned());
            for p in &r.pending {
                let known = anchors.get(p.target.as_str()).copied().unwrap_or(&[]);
                if !known.contains(&p.anchor) {
                    diags.push(markdown::broken_anchor_diag(
                        &doc.display,
                        &doc.source,
                        &p.anchor,
                        Some(&p.target),
                        p.span.clone(),
                        known,
                    ));
                }
            }
        }

        let mut stats = Stats {
            pages: site.docs.iter().filter(|d| d.kind == DocKind::Page).count(),
            sections: site
                .docs
                .iter()
                .filter(|d| d.kind == DocKind::Section)
                .count(),
            ..Stats::default()
        };
        if self.tera.is_some() {
            let ex = extras::Extras {
                site,
                tera,
                base: &base,
                sink,
            };
            stats.aliases = ex.aliases(diags);
            ex.not_found(diags);
            ex.sitemap(diags);
            ex.robots(diags);
        }
        stats.static_files = extras::copy_statics(site, self.statics, sink, diags);
        stats
    }

    fn base_context(&self) -> tera::Context {
        let c = &self.site.config;
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
        ctx.insert("t", &self.locale);
        ctx.insert("home_href", &self.site.links.href_for(""));
        ctx
    }

    fn render_doc(
        &self,
        i: usize,
        tera: &tera::Tera,
        base: &tera::Context,
        sink: &dyn Sink,
    ) -> DocResult {
        let site = self.site;
        let doc = &site.docs[i];
        let root = root_for(&doc.url_path, site.relative, &site.config.base_path());
        let md = markdown::render(&markdown::Input {
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
        });
        let mut result = DocResult {
            anchors: md.anchors,
            pending: md.pending,
            diagnostics: md.diagnostics,
        };
        if self.tera.is_none() {
            return result;
        }

        let href = site.href(i);
        let mut ctx = base.clone();
        ctx.insert("root", &root);
        ctx.insert(
            "canonical",
            &format!("{}{}", site.config.base_url(), doc.url_path),
        );
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
        let parent = site.parent[i];
        let crumbs = parent
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
        let template = &site.templates[i];
        match tera.render(template, &ctx) {
            Ok(html) => {
                let path = format!("{}index.html", doc.url_path);
                if let Err(e) = sink.write(&path, html.as_bytes()) {
                    result.diagnostics.push(
                        Diagnostic::error("E-IO", format!("cannot write {path}: {e}"))
                            .in_file(doc.display.clone()),
                    );
                }
            }
            Err(e) => result.diagnostics.push(
                Diagnostic::error(
                    "E-RENDER",
                    format!(
                        "template `{template}` failed for this page: {}",
                        templates::tera_error_text(&e)
                    ),
                )
                .in_file(doc.display.clone())
                .with_hint("the template uses a value this page does not have; check the template or the page's front matter"),
            ),
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

/// A progress bar that appears only when a build runs longer than a second on a terminal.
pub struct Progress {
    bar: indicatif::ProgressBar,
    started: Instant,
    shown: AtomicBool,
    enabled: bool,
    done: AtomicUsize,
}

impl Progress {
    pub fn new(total: usize, enabled: bool) -> Progress {
        let bar = indicatif::ProgressBar::hidden();
        bar.set_length(total as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} pages {elapsed}")
        {
            bar.set_style(style);
        }
        Progress {
            bar,
            started: Instant::now(),
            shown: AtomicBool::new(false),
            enabled,
            done: AtomicUsize::new(0),
        }
    }

    pub fn inc(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
        if self.enabled
            && self.started.elapsed() > Duration::from_secs(1)
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
        self.bar.inc(1);
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
