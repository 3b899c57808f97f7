//! Render: the read-only [`Site`] -> output files, through one executor.
//!
//! Every file is a route of the site's route table; each route kind has one job (see [`jobs`]) that
//! builds a serialisable context from the site (pure: it reads the site and the documents' results,
//! nothing else) and renders it with its template. The executor runs the jobs in parallel (rayon) in
//! three phases — documents, then laws (which list what cites them), then everything else (print
//! pages include lessons, the glossary lists where terms are used) — and writes each file through the
//! one [`Sink`] as soon as it is made. Links to other pages' anchors are checked between the phases.
//!
//! With a [`Memo`] (serve), a route whose key is unchanged is not rendered: its earlier bytes are
//! written again. The memo is only read during the parallel phases; the new one is returned.

mod case_view;
mod cases;
mod checklist;
mod context;
mod course;
mod data;
mod doc;
mod editions;
mod jobs;
pub mod keys;
pub mod memo;
mod quiz;
mod results;
mod site_files;
pub mod templates;
pub mod views;

pub use memo::{DocResult, Memo};

use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::shortcodes::Registry;
use crate::output::Sink;
use crate::site::routes::{Kind, Phase, Route};
use crate::site::Site;
use context::Job;
pub use context::StageClock;
use keys::Later;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};
use templates::Templates;

/// Counts of what was written.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub pages: usize,
    pub sections: usize,
    pub aliases: usize,
    pub static_files: usize,
    /// Pages in the search indexes.
    pub indexed: usize,
    /// Documents rendered in this run (not reused from the memo, not from the edition cache).
    pub rendered: usize,
    /// Files copied from the edition cache.
    pub cached: usize,
    /// Time spent in Markdown and in templates, summed over all threads.
    pub markdown_time: Duration,
    pub template_time: Duration,
}

/// What the executor is given besides the site.
pub struct RenderOptions<'a> {
    /// Native shortcodes (the theme's template shortcodes and `quiz` are added).
    pub shortcodes: &'a Registry,
    /// Outputs of an earlier render to reuse (serve).
    pub memo: Option<&'a Memo>,
    /// Archived editions whose files come from the edition cache, with their documents' anchors.
    pub cached: &'a HashSet<String>,
    pub cached_anchors: &'a HashMap<String, Vec<String>>,
    /// Show a progress bar on slow builds.
    pub progress: bool,
}

/// What a render produced besides the files.
pub struct Outcome {
    pub stats: Stats,
    pub diagnostics: Diagnostics,
    /// This run's outputs by key, when a memo was given.
    pub memo: Option<Memo>,
    /// The anchors of every archived edition's documents, by path (for the edition cache).
    pub archived_anchors: HashMap<String, Vec<String>>,
}

/// One route's result.
struct Done {
    route: usize,
    key: u64,
    /// The bytes, kept after writing only for the memo.
    bytes: Option<Arc<[u8]>>,
    written: bool,
    diagnostics: Vec<Diagnostic>,
    doc: Option<(u64, Arc<DocResult>)>,
    rendered: bool,
}

/// Renders every route of `site` (but those of cached editions and the search indexes) into `sink`.
pub fn run(
    site: &Site,
    templates: &Templates,
    opts: &RenderOptions<'_>,
    sink: &dyn Sink,
) -> Outcome {
    let job = Job::new(site, templates, opts.shortcodes);
    let progress = Progress::new(site.routes.list.len(), opts.progress);
    let todo = |phase: Phase| -> Vec<usize> {
        site.routes
            .iter()
            .enumerate()
            .filter(|(_, r)| r.phase == phase && !matches!(r.kind, Kind::SearchIndex(_)))
            .filter(|(_, r)| r.edition.as_ref().is_none_or(|e| !opts.cached.contains(e)))
            .map(|(i, _)| i)
            .collect()
    };
    let mut results: Vec<Option<Arc<DocResult>>> = vec![None; site.docs.len()];
    let mut done = Vec::new();
    let mut later = Later::default();
    for phase in [Phase::Docs, Phase::Laws, Phase::Rest] {
        if phase == Phase::Rest {
            restore_cached_anchors(site, opts, &mut results);
        }
        let this: Vec<Done> = todo(phase)
            .par_iter()
            .map(|&r| {
                let d = run_route(&job, r, &later, &results, opts.memo, sink);
                progress.inc();
                d
            })
            .collect();
        for d in &this {
            if let (Kind::Doc(i), Some((_, res))) = (&site.routes.list[d.route].kind, &d.doc) {
                results[*i] = Some(Arc::clone(res));
            }
        }
        if phase == Phase::Docs {
            // Law pages list what cites them: known now.
            later = Later::compute(site, &results);
        }
        done.extend(this);
    }
    progress.finish();
    let mut diagnostics = Diagnostics::new();
    check_anchors(site, &results, &mut diagnostics);
    finish(site, &job, opts, done, results, diagnostics)
}

/// Documents of cached editions are not rendered; their anchors come from the cache.
fn restore_cached_anchors(
    site: &Site,
    opts: &RenderOptions<'_>,
    results: &mut [Option<Arc<DocResult>>],
) {
    for (i, d) in site.docs.iter().enumerate() {
        if d.edition.as_ref().is_some_and(|e| opts.cached.contains(e)) {
            results[i] = Some(Arc::new(DocResult {
                anchors: opts.cached_anchors.get(&d.rel).cloned().unwrap_or_default(),
                ..DocResult::default()
            }));
        }
    }
}

fn finish(
    site: &Site,
    job: &Job<'_>,
    opts: &RenderOptions<'_>,
    done: Vec<Done>,
    results: Vec<Option<Arc<DocResult>>>,
    mut diagnostics: Diagnostics,
) -> Outcome {
    let mut stats = Stats {
        markdown_time: Duration::from_nanos(job.clock.markdown.load(Ordering::Relaxed)),
        template_time: Duration::from_nanos(job.clock.templates.load(Ordering::Relaxed)),
        ..Stats::default()
    };
    let mut memo = opts.memo.map(|_| Memo::default());
    for d in done {
        let route = &site.routes.list[d.route];
        diagnostics.extend(d.diagnostics.iter().cloned());
        count(&mut stats, site, route, d.rendered, d.written);
        if let (Some(m), Some(bytes)) = (memo.as_mut(), d.bytes) {
            let page = memo::Page {
                key: d.key,
                bytes,
                diagnostics: d.diagnostics,
            };
            m.pages.insert(Arc::clone(&route.path), page);
        }
        if let (Some(m), Kind::Doc(i), Some(doc)) = (memo.as_mut(), &route.kind, d.doc) {
            m.docs.insert(site.docs[*i].rel.clone(), doc);
        }
    }
    let archived_anchors = site
        .docs
        .iter()
        .zip(&results)
        .filter(|(d, _)| d.edition.is_some())
        .map(|(d, r)| {
            (
                d.rel.clone(),
                r.as_ref().map(|r| r.anchors.clone()).unwrap_or_default(),
            )
        })
        .collect();
    Outcome {
        stats,
        diagnostics,
        memo,
        archived_anchors,
    }
}

fn count(stats: &mut Stats, site: &Site, route: &Route, rendered: bool, written: bool) {
    if !written {
        return;
    }
    match &route.kind {
        Kind::Doc(i) => {
            stats.rendered += usize::from(rendered);
            match site.docs[*i].kind {
                crate::content::DocKind::Page => stats.pages += 1,
                crate::content::DocKind::Section => stats.sections += 1,
            }
        }
        Kind::Alias(_) => stats.aliases += 1,
        Kind::Asset(_) | Kind::ThemeStatic(_) => stats.static_files += 1,
        Kind::Sitemap | Kind::Robots | Kind::NotFound | Kind::EditionsJson | Kind::Feed(_) => {}
        _ => stats.pages += 1,
    }
}

/// Every `@/page.md#anchor` must name an id of that page.
fn check_anchors(site: &Site, results: &[Option<Arc<DocResult>>], diags: &mut Diagnostics) {
    let anchors: HashMap<&str, &[String]> = site
        .docs
        .iter()
        .zip(results)
        .filter_map(|(d, r)| r.as_ref().map(|r| (d.rel.as_str(), r.anchors.as_slice())))
        .collect();
    for (doc, r) in site.docs.iter().zip(results) {
        let Some(r) = r else { continue };
        diags.extend(r.diagnostics.iter().cloned());
        for p in &r.pending {
            if site.links.is_broken(&p.target) {
                continue;
            }
            let known = anchors.get(p.target.as_str()).copied().unwrap_or(&[]);
            if !known.contains(&p.anchor) {
                diags.push(crate::markdown::links::broken_anchor_diag(
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

/// Runs the job of route `r`, or writes its earlier output again when its key is unchanged.
fn run_route(
    job: &Job<'_>,
    r: usize,
    later: &Later,
    results: &[Option<Arc<DocResult>>],
    memo: Option<&Memo>,
    sink: &dyn Sink,
) -> Done {
    let route = &job.site.routes.list[r];
    let key = keys::route(job.site, job.templates, route, later);
    let reused = memo.and_then(|m| m.page(&route.path, key));
    let mut done = Done {
        route: r,
        key,
        bytes: None,
        written: false,
        diagnostics: Vec::new(),
        doc: None,
        rendered: false,
    };
    if let Kind::Doc(i) = route.kind {
        let (md_key, result) = doc_result(job, i, later, results, memo);
        done.doc = Some((md_key, result));
    }
    if let Some(page) = reused {
        done.bytes = Some(Arc::clone(&page.bytes));
        done.diagnostics = page.diagnostics.clone();
    } else {
        done.rendered = true;
        let doc = done.doc.as_ref().map(|(_, d)| d.as_ref());
        match jobs::make(job, route, doc, results) {
            Ok(bytes) => done.bytes = Some(bytes),
            Err(d) => done.diagnostics.push(d),
        }
    }
    if let (None, Kind::Doc(i)) = (memo, &route.kind) {
        done.doc = done.doc.take().map(|(k, d)| (k, forget_html(job, *i, d)));
    }
    if let Some(bytes) = &done.bytes {
        match sink.write_shared(&route.path, Arc::clone(bytes)) {
            Ok(()) => done.written = true,
            Err(e) => done.diagnostics.push(
                Diagnostic::error("E-WRITE", format!("cannot write {}: {e}", route.path))
                    .in_file(route.origin.clone()),
            ),
        }
    }
    // Written pages are not held in memory, unless a memo keeps them for the next build.
    if memo.is_none() || !done.written {
        done.bytes = None;
    }
    done
}

/// A document's Markdown result, from the memo when its inputs are unchanged.
fn doc_result(
    job: &Job<'_>,
    i: usize,
    later: &Later,
    results: &[Option<Arc<DocResult>>],
    memo: Option<&Memo>,
) -> (u64, Arc<DocResult>) {
    let key = keys::markdown(job.site, job.templates, i, later);
    let doc = &job.site.docs[i];
    if let Some(r) = memo.and_then(|m| m.doc(&doc.rel, key)) {
        return (key, Arc::clone(r));
    }
    (key, Arc::new(doc::markdown(job, i, results)))
}

/// Without a memo, a document's HTML is dropped once its page is written, unless another page
/// includes it (lessons in print pages, the course index in its audience pages).
fn forget_html(job: &Job<'_>, i: usize, doc: Arc<DocResult>) -> Arc<DocResult> {
    let d = &job.site.docs[i];
    if d.role == crate::content::kinds::Role::Lesson || job.site.courses.index_doc == Some(i) {
        return doc;
    }
    let mut owned = Arc::try_unwrap(doc).unwrap_or_else(|shared| (*shared).clone());
    owned.html = None;
    Arc::new(owned)
}

/// A progress bar that appears only when a build runs longer than a second on a terminal.
pub struct Progress {
    bar: indicatif::ProgressBar,
    started: Instant,
    shown: std::sync::atomic::AtomicBool,
    enabled: bool,
}

impl Progress {
    pub fn new(total: usize, enabled: bool) -> Progress {
        let bar = indicatif::ProgressBar::hidden();
        bar.set_length(total as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} files {elapsed}")
        {
            bar.set_style(style);
        }
        Progress {
            bar,
            started: Instant::now(),
            shown: std::sync::atomic::AtomicBool::new(false),
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
