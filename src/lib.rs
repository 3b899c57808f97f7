//! shian (食安): a static-site generator for food-safety training and public reporting.
//!
//! The pipeline, each arrow a plain value and nothing shared mutably:
//!
//! 1. [`load`]: read everything once -> [`load::Inputs`];
//! 2. [`site::assemble`] (sequential) -> a read-only [`site::Site`] with its route table;
//! 3. [`site::check`]: every problem found so far, address clashes included;
//! 4. [`render::run`] (parallel): one job per route, written through one [`output::Sink`];
//! 5. commit ([`output`]): a staging folder swapped in on success (build), memory (serve's
//!    [`serve::Session`]), or nothing (check).
//!
//! Every stage collects [`diag::Diagnostic`]s and carries on, so one run reports every problem.

// Diagnostics are rich by design (file, span, source, hint) and only travel on the cold error path;
// boxing them everywhere would cost clarity for no measurable gain.
#![allow(clippy::result_large_err)]

pub mod cases;
pub mod charts;
pub mod checklists;
pub mod cli;
pub mod commands;
pub mod config;
pub mod content;
pub mod corpus;
pub mod courses;
pub mod data;
pub mod diag;
pub mod glossary;
pub mod hash;
pub mod html;
pub mod interchange;
pub mod keys;
pub mod laws;
pub mod load;
pub mod markdown;
pub mod outcheck;
pub mod output;
pub mod paths;
pub mod quiz;
pub mod render;
pub mod results;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod strict;
pub mod tree;

mod commit;

use diag::Diagnostics;
use render::templates::Templates;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The lock that lets one build of a site run at a time.
pub const LOCK_FILE: &str = ".shian-cache/build.lock";

/// Everything a build needs to know, from the command line or a test.
#[derive(Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Output folder; defaults to `<root>/public`.
    pub out: Option<PathBuf>,
    pub base_url: Option<String>,
    /// Make every link relative so the output works from `file://`.
    pub relative: bool,
    pub drafts: bool,
    /// Treat warnings (such as an unknown law citation) as errors.
    pub strict: bool,
    /// Build the search index (only when writing to disk).
    pub search: bool,
    /// Show a progress bar on slow builds (when stderr is a terminal).
    pub progress: bool,
    /// Native shortcodes in addition to the theme's template shortcodes.
    pub shortcodes: markdown::shortcodes::Registry,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            out: None,
            base_url: None,
            relative: false,
            drafts: false,
            strict: false,
            search: false,
            progress: false,
            shortcodes: markdown::shortcodes::Registry::default(),
        }
    }

    pub fn out_dir(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| self.root.join("public"))
    }

    pub fn load_options(&self) -> load::LoadOptions<'_> {
        load::LoadOptions {
            root: &self.root,
            base_url: self.base_url.as_deref(),
        }
    }

    /// The options that change what the site is; `search` only counts when writing to disk.
    pub fn site_options(&self, target: &Target) -> site::SiteOptions {
        site::SiteOptions {
            relative: self.relative,
            drafts: self.drafts,
            search: self.search && matches!(target, Target::Disk(_)),
        }
    }
}

/// Where the output goes.
pub enum Target {
    /// Build into a staging folder and swap it in for this folder on success.
    Disk(PathBuf),
    /// Keep the files in memory.
    Memory,
    /// Check only.
    Nothing,
}

/// What a successful run produced.
pub struct BuildResult {
    pub stats: render::Stats,
    /// Wall time of each stage, in order.
    pub timings: Vec<(&'static str, Duration)>,
    pub warnings: Diagnostics,
    pub elapsed: Duration,
    /// The files, for [`Target::Memory`].
    pub files: Option<output::Files>,
}

/// Runs the whole pipeline. On any error nothing is written and every diagnostic is returned.
pub fn build(opts: &BuildOptions, target: Target) -> Result<BuildResult, Diagnostics> {
    let mut clock = Clock::new();
    let inputs = load::load(&opts.load_options())?;
    clock.lap("load");
    let site = site::assemble(&inputs, &opts.site_options(&target));
    clock.lap("assemble");
    let mut diags = site::check(&site);
    let templates = Templates::compile(&inputs.theme, &mut diags);
    clock.lap("check");
    let Some(templates) = templates else {
        return Err(diags);
    };
    let written = match target {
        Target::Disk(out) => commit::to_disk(opts, &site, &templates, &out, diags, &mut clock)?,
        Target::Memory | Target::Nothing => {
            let keep = matches!(target, Target::Memory);
            commit::in_memory(opts, &site, &templates, keep, diags)?
        }
    };
    clock.lap("write");
    Ok(BuildResult {
        stats: written.stats,
        timings: clock.laps,
        warnings: written.warnings,
        elapsed: clock.started.elapsed(),
        files: written.files,
    })
}

/// Wall time of each stage.
pub struct Clock {
    started: Instant,
    lap: Instant,
    pub laps: Vec<(&'static str, Duration)>,
}

impl Clock {
    pub fn new() -> Clock {
        Clock {
            started: Instant::now(),
            lap: Instant::now(),
            laps: Vec::new(),
        }
    }

    pub fn lap(&mut self, name: &'static str) {
        self.laps.push((name, self.lap.elapsed()));
        self.lap = Instant::now();
    }
}

impl Default for Clock {
    fn default() -> Self {
        Clock::new()
    }
}
