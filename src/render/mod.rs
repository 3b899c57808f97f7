//! Render: the read-only [`Site`] -> output files.
//!
//! Each document is rendered on its own (rayon): Markdown, then its template with a small context of
//! view structs, then written straight to the [`Sink`], so rendered HTML does not pile up in memory.
//! Links to anchors in other pages are checked once every page is done. Site-wide files (sitemap,
//! robots.txt, 404, redirects, static files) come from [`extras`].

pub mod case_pages;
pub mod composite;
pub mod data_pages;
pub mod editions;
pub mod extras;
mod page;
pub mod quiz_pages;
pub mod templates;
pub mod views;

use crate::content::kinds::Role;
use crate::content::DocKind;
use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::{self, links::PendingAnchor, shortcodes::Registry};
use crate::output::Sink;
use crate::site::Site;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use views::SiteView;

/// Shared, read-only inputs of the render stage.
pub struct Renderer<'a> {
    /// Nanoseconds spent in Markdown and in templates, summed over threads.
    pub clock: &'a StageClock,
    pub site: &'a Site,
    /// `None` when the templates failed to load: Markdown is still checked, nothing is written.
    pub tera: Option<&'a tera::Tera>,
    pub shortcodes: &'a Registry,
    pub locale: serde_json::Value,
    pub statics: &'a std::collections::BTreeMap<String, crate::theme::StaticFile>,
    pub progress: &'a Progress,
    pub quiz: &'a crate::quiz::QuizSet,
    pub cases: &'a crate::cases::Cases,
    pub data: &'a crate::data::DataSet,
    /// Archived editions served from the cache: not rendered.
    pub skip: &'a std::collections::HashSet<String>,
    /// Anchors of the documents of cached editions, by path.
    pub cached_anchors: &'a HashMap<String, Vec<String>>,
    /// Reusable documents from earlier builds (serve): the memo, the hash of the site's structure,
    /// the same with every template's text, and each document's template key.
    pub memo: Option<(&'a std::sync::Mutex<Memo>, String, String, Vec<String>)>,
}

/// Counts of what was written.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub pages: usize,
    pub sections: usize,
    pub aliases: usize,
    pub static_files: usize,
    /// Pages in the search indexes.
    pub indexed: usize,
    /// Documents rendered in this run (documents of cached editions are not).
    pub rendered: usize,
    /// Files copied from the edition cache.
    pub cached: usize,
    /// Time spent in Markdown and in templates, summed over all threads.
    pub markdown_time: Duration,
    pub template_time: Duration,
}

/// The search page.
pub const SEARCH_PATH: &str = "search/";

/// For each law document: article -> the pages citing it, as (title, root-less href).
pub type CitedBy = HashMap<usize, BTreeMap<u32, Vec<(String, String)>>>;

/// What rendering one document leaves behind for the cross-page steps.
#[derive(Default, Clone)]
pub struct DocResult {
    pub anchors: Vec<String>,
    pub pending: Vec<PendingAnchor>,
    pub diagnostics: Vec<Diagnostic>,
    /// (law index, article) cited by this document.
    pub cites: Vec<(usize, u32)>,
    pub terms: Vec<usize>,
    /// Rendered HTML, kept only for documents other pages include (lessons, the course index).
    pub html: Option<String>,
    /// The page as written, kept only when a [`Memo`] is in use.
    pub output: Option<(String, Vec<u8>)>,
}

/// Documents rendered by earlier builds of a `serve` session, by path: reused when neither the
/// document nor anything it can read from other files (the site's structure: every front matter,
/// URL, template, locale string, data file, bank and law) has changed. So editing the body of one
/// lesson re-renders that lesson (and the pages made from several documents), not the site.
#[derive(Default)]
pub struct Memo {
    entries: HashMap<String, (String, DocResult)>,
    /// The compiled templates and the hash of their sources (compiling them is most of loading).
    pub tera: Option<(String, tera::Tera)>,
    /// Pages that depend on the site's structure only (quiz, case term, data and search pages): the
    /// structure hash, the files written, and how many pages they were.
    composite: Option<(String, Written, usize)>,
}

/// Files written by a step: (output path, bytes).
type Written = Vec<(String, Vec<u8>)>;

impl Memo {
    /// Keeps only the documents for which `keep(path)` holds.
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        self.entries.retain(|rel, _| keep(rel));
    }
}

impl Renderer<'_> {
    /// Renders every document in two parallel phases (laws last, so each article can list what
    /// cites it), then the pages made from several documents, then the site-wide files.
    /// Also returns the anchors of every archived edition's documents, for the edition cache.
    pub fn render_all(
        &self,
        sink: &dyn Sink,
        diags: &mut Diagnostics,
    ) -> (Stats, HashMap<String, Vec<String>>) {
        let site = self.site;
        let fallback = tera::Tera::default();
        let tera = self.tera.unwrap_or(&fallback);
        let base = self.base_context();
        let is_law = |i: &usize| site.docs[*i].role == Role::Law;
        let cached = |i: &usize| {
            site.docs[*i]
                .edition
                .as_ref()
                .is_some_and(|e| self.skip.contains(e))
        };
        let todo: Vec<usize> = (0..site.docs.len()).filter(|i| !cached(i)).collect();
        let (laws, others): (Vec<usize>, Vec<usize>) = todo.iter().copied().partition(is_law);

        let reused = AtomicUsize::new(0);
        let phase = |ids: &[usize], cited: Option<&CitedBy>| {
            ids.par_iter()
                .map(|&i| {
                    let doc = &site.docs[i];
                    // Law pages list what cites them, which any page may change: never reused.
                    let key = self.memo.as_ref().filter(|_| doc.role != Role::Law).map(
                        |(_, sig, _, templates)| {
                            crate::hash::Fnv::default()
                                .field(sig)
                                .field(&templates[i])
                                .field(&doc.source)
                                .hex()
                        },
                    );
                    if let (Some((memo, ..)), Some(key)) = (&self.memo, &key) {
                        let hit = memo.lock().ok().and_then(|m| {
                            m.entries
                                .get(&doc.rel)
                                .filter(|(k, _)| k == key)
                                .map(|(_, r)| r.clone())
                        });
                        if let Some(r) = hit {
                            if let Some((path, bytes)) = &r.output {
                                let _ = sink.write(path, bytes);
                            }
                            reused.fetch_add(1, Ordering::Relaxed);
                            self.progress.inc();
                            return (i, r);
                        }
                    }
                    let r = self.render_doc(i, tera, &base, sink, cited.and_then(|c| c.get(&i)));
                    if let (Some((memo, ..)), Some(key)) = (&self.memo, key) {
                        if let Ok(mut m) = memo.lock() {
                            m.entries.insert(doc.rel.clone(), (key, r.clone()));
                        }
                    }
                    self.progress.inc();
                    (i, r)
                })
                .collect::<Vec<_>>()
        };
        let mut results: Vec<DocResult> =
            (0..site.docs.len()).map(|_| DocResult::default()).collect();
        for (i, r) in phase(&others, None) {
            results[i] = r;
        }
        let cited = self.cited_by(&results);
        for (i, r) in phase(&laws, Some(&cited)) {
            results[i] = r;
        }

        for (i, d) in site.docs.iter().enumerate() {
            if cached(&i) {
                results[i].anchors = self.cached_anchors.get(&d.rel).cloned().unwrap_or_default();
            }
        }
        self.check_anchors(&results, diags);
        let archived_anchors: HashMap<String, Vec<String>> = site
            .docs
            .iter()
            .zip(&results)
            .filter(|(d, _)| d.edition.is_some())
            .map(|(d, r)| (d.rel.clone(), r.anchors.clone()))
            .collect();
        let mut stats = Stats {
            pages: site.docs.iter().filter(|d| d.kind == DocKind::Page).count(),
            sections: site
                .docs
                .iter()
                .filter(|d| d.kind == DocKind::Section)
                .count(),
            rendered: todo.len() - reused.load(Ordering::Relaxed),
            markdown_time: Duration::from_nanos(self.clock.markdown.load(Ordering::Relaxed)),
            template_time: Duration::from_nanos(self.clock.templates.load(Ordering::Relaxed)),
            ..Stats::default()
        };
        if self.tera.is_some() {
            let mut results = results;
            let gen = composite::Composite {
                site,
                tera,
                base: &base,
                sink,
                skip: self.skip,
            };
            stats.pages += gen.print_pages(&mut results, diags);
            stats.pages += gen.audience_pages(&results, diags);
            stats.pages += gen.glossary_page(&results, diags);
            stats.pages += self.structural_pages(&gen, diags);
            let mut editioned = self.quiz.generated_paths();
            editioned.extend(
                self.site
                    .courses
                    .docs
                    .iter()
                    .map(|&c| crate::courses::print_path(&self.site.docs[c].url_path)),
            );
            stats.pages += gen.edition_pages(self.quiz, &editioned, diags);

            let ex = extras::Extras {
                site,
                tera,
                base: &base,
                sink,
            };
            stats.aliases = ex.aliases(diags);
            ex.not_found(diags);
            let generated: Vec<String> = self
                .quiz
                .generated_paths()
                .into_iter()
                .filter(|p| p != crate::quiz::WRONG_PATH && !p.starts_with("editions/"))
                .chain(self.cases.generated_paths())
                .chain(data_pages::generated_paths(self.data))
                .collect();
            ex.sitemap(&generated, diags);
            ex.robots(diags);
        }
        stats.static_files = extras::copy_statics(site, self.statics, sink, diags);
        (stats, archived_anchors)
    }

    /// The pages made from the site's structure alone, replayed from the memo when it is unchanged.
    fn structural_pages(&self, gen: &composite::Composite<'_>, diags: &mut Diagnostics) -> usize {
        if let Some((memo, _, sig, _)) = &self.memo {
            let replay = memo.lock().ok().and_then(|m| {
                m.composite
                    .as_ref()
                    .filter(|(k, _, _)| k == sig)
                    .map(|(_, files, n)| (files.clone(), *n))
            });
            if let Some((files, n)) = replay {
                for (path, bytes) in files {
                    if let Err(e) = gen.sink.write(&path, &bytes) {
                        diags.push(Diagnostic::error(
                            "E-WRITE",
                            format!("cannot write {path}: {e}"),
                        ));
                    }
                }
                return n;
            }
        }
        let rec = crate::output::Recording::new(gen.sink);
        let g = composite::Composite { sink: &rec, ..*gen };
        let errors_before = diags.error_count();
        let n = g.quiz_pages(self.quiz, &self.locale, diags)
            + g.case_pages(self.cases, &self.locale, diags)
            + g.data_pages(self.data, self.cases, &self.locale, diags)
            + g.search_pages(diags);
        if let (Some((memo, _, sig, _)), true) = (&self.memo, diags.error_count() == errors_before)
        {
            if let Ok(mut m) = memo.lock() {
                m.composite = Some((sig.clone(), rec.into_files(), n));
            }
        }
        n
    }

    fn check_anchors(&self, results: &[DocResult], diags: &mut Diagnostics) {
        let site = self.site;
        let anchors: HashMap<&str, &[String]> = site
            .docs
            .iter()
            .zip(results)
            .map(|(d, r)| (d.rel.as_str(), r.anchors.as_slice()))
            .collect();
        for (doc, r) in site.docs.iter().zip(results) {
            diags.extend(r.diagnostics.iter().cloned());
            for p in &r.pending {
                let known = anchors.get(p.target.as_str()).copied().unwrap_or(&[]);
                if !known.contains(&p.anchor) {
                    diags.push(markdown::links::broken_anchor_diag(
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
    }

    /// For each law document: article -> the pages citing it, as (title, root-less href).
    fn cited_by(
        &self,
        results: &[DocResult],
    ) -> HashMap<usize, BTreeMap<u32, Vec<(String, String)>>> {
        let site = self.site;
        let mut out: HashMap<usize, BTreeMap<u32, Vec<(String, String)>>> = HashMap::new();
        for (i, r) in results.iter().enumerate() {
            // Only the current edition lists under each article; archived lessons keep their links.
            if site.docs[i].edition.is_some() {
                continue;
            }
            for &(law, article) in &r.cites {
                let law_doc = site.laws.laws[law].doc;
                let entry = (site.docs[i].title.clone(), site.href(i));
                let list = out.entry(law_doc).or_default().entry(article).or_default();
                if !list.contains(&entry) {
                    list.push(entry);
                }
            }
        }
        out
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
        let quiz_href = if self.quiz.is_empty() {
            String::new()
        } else {
            self.site.links.href_for(crate::quiz::HUB_PATH)
        };
        ctx.insert("quiz_href", &quiz_href);
        ctx.insert(
            "search",
            &serde_json::json!({"href": self.site.links.href_for(SEARCH_PATH), "index_href": "pagefind/"}),
        );
        ctx.insert("edition", &editions::view(self.site, "_"));
        ctx.insert("hub_href", &quiz_href);
        ctx.insert(
            "wrong_href",
            &self.site.links.href_for(crate::quiz::WRONG_PATH),
        );
        ctx
    }
}

/// Time spent in the parallel stages, summed over threads (for `--timings`).
#[derive(Default)]
pub struct StageClock {
    pub markdown: std::sync::atomic::AtomicU64,
    pub templates: std::sync::atomic::AtomicU64,
}

impl StageClock {
    pub fn add(counter: &std::sync::atomic::AtomicU64, since: Instant) {
        counter.fetch_add(since.elapsed().as_nanos() as u64, Ordering::Relaxed);
    }
}

/// A progress bar that appears only when a build runs longer than a second on a terminal.
pub struct Progress {
    bar: indicatif::ProgressBar,
    started: Instant,
    shown: AtomicBool,
    enabled: bool,
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
        }
    }

    pub fn inc(&self) {
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
