//! shian (食安): a static-site generator for food-safety training and public reporting.
//!
//! The pipeline, each arrow a plain value and nothing shared mutably:
//!
//! 1. [`config`]: `site.toml` -> `Config`; [`theme`]: templates, static files and UI strings;
//! 2. [`source::scan`]: walk `content/` -> source files; [`content::parse_all`] (parallel) -> `Doc`s;
//! 3. [`site::assemble`] (sequential) -> a read-only `Site`: tree, orders, links, aliases;
//! 4. [`render`] (parallel): Markdown + templates -> files, written through one [`output::Sink`];
//! 5. [`output`]: a staging folder swapped in on success (build), memory (serve), or nothing (check).
//!
//! Every stage pushes [`diag::Diagnostic`]s and carries on, so one run reports every problem.

// Diagnostics are rich by design (file, span, source, hint) and only travel on the cold error path;
// boxing them everywhere would cost clarity for no measurable gain.
#![allow(clippy::result_large_err)]

pub mod cases;
pub mod charts;
pub mod cli;
pub mod commands;
pub mod config;
pub mod content;
pub mod courses;
pub mod data;
pub mod diag;
pub mod editions;
pub mod glossary;
pub mod hash;
pub mod laws;
pub mod markdown;
pub mod output;
pub mod quiz;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod source;
pub mod strict;
pub mod theme;

use diag::{Diagnostic, Diagnostics};
use std::collections::{BTreeMap, HashSet};
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
    /// Documents of earlier builds to reuse when unchanged (serve keeps one across rebuilds).
    pub memo: Option<std::sync::Arc<std::sync::Mutex<render::Memo>>>,
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
            memo: None,
        }
    }

    pub fn out_dir(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| self.root.join("public"))
    }
}

/// Where the output goes.
pub enum Target {
    /// Build into a staging folder and swap it in for this folder on success.
    Disk(PathBuf),
    /// Keep the files in memory (serve).
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
    pub files: Option<BTreeMap<String, Vec<u8>>>,
}

/// Runs the whole pipeline. On any error nothing is written and every diagnostic is returned.
pub fn build(opts: &BuildOptions, target: Target) -> Result<BuildResult, Diagnostics> {
    let started = Instant::now();
    let mut timings: Vec<(&'static str, Duration)> = Vec::new();
    let mut lap = Instant::now();
    let mut stage = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        timings.push((name, lap.elapsed()));
        lap = Instant::now();
    };
    let mut diags = Diagnostics::new();
    let mut config = config::Config::load(&opts.root)?;
    if let Some(url) = &opts.base_url {
        config.base_url = url.clone();
    }

    let theme = theme::load(&opts.root, &config, &mut diags);
    let mut tera = compiled_templates(opts, &theme, &mut diags);
    let template_names: Option<HashSet<String>> = tera
        .as_ref()
        .map(|t| t.get_template_names().map(str::to_string).collect());
    let mut shortcodes = opts.shortcodes.clone();
    if let Some(names) = &template_names {
        shortcodes.add_templates(names.iter().map(String::as_str));
    }

    stage("load", &mut timings);
    let confine = source::Confine::new(&opts.root, config.build.follow_external_symlinks);
    let mut scan = source::scan(&opts.root, &confine, &mut diags);
    stage("scan", &mut timings);
    let glossary = glossary::Glossary::load(&opts.root, &mut diags);
    let docs = content::parse_all(scan.markdown, &mut diags);
    stage("parse", &mut timings);
    let blueprints = std::mem::take(&mut scan.blueprints);
    let site = site::assemble(
        config,
        docs,
        scan.assets,
        site::AssembleOptions {
            drafts: opts.drafts,
            glossary,
            relative: opts.relative,
            template_names: template_names.as_ref(),
        },
        &mut diags,
    );

    let quiz = std::sync::Arc::new(quiz::build(&site, &blueprints, &mut diags));
    let data = data::load(&opts.root, &mut diags);
    let cases = cases::build(&site, &data, &mut diags);
    let mut generated = quiz.generated_paths();
    generated.extend(cases.generated_paths());
    generated.extend(render::data_pages::generated_paths(&data));
    generated.push(render::SEARCH_PATH.to_string());
    generated.push(render::editions::EDITIONS_PATH.to_string());
    site.check_generated(&generated, &mut diags);
    if let Some(t) = tera.as_mut() {
        render::templates::register_data_function(t, &data, site.glossary.as_ref());
    }
    if !quiz.is_empty() {
        shortcodes.register(
            "quiz",
            std::sync::Arc::new(quiz::views::QuizShortcode {
                set: std::sync::Arc::clone(&quiz),
                edition: site.config.edition.clone(),
            }),
        );
    }

    stage("assemble", &mut timings);
    let mut output_warnings = Vec::new();
    let staging = match &target {
        Target::Disk(out) => match prepare_output(&opts.root, out) {
            Ok((s, warnings)) => {
                // About the output folder, not the content: `--strict` does not turn them into errors.
                output_warnings = warnings;
                Some(s)
            }
            Err(d) => {
                diags.push(d);
                return Err(diags);
            }
        },
        _ => None,
    };
    let memory = matches!(target, Target::Memory).then(output::Memory::default);
    let sink: &dyn output::Sink = match (&staging, &memory) {
        (Some(s), _) => s,
        (None, Some(m)) => m,
        _ => &output::Discard,
    };

    // Archived editions whose sources have not changed come from the cache (disk builds only).
    let options = format!(
        "relative={} search={} drafts={}",
        opts.relative, opts.search, opts.drafts
    );
    let hashes: std::collections::BTreeMap<String, String> = if matches!(target, Target::Disk(_)) {
        site.docs
            .iter()
            .filter_map(|d| d.edition.clone())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .map(|e| {
                let h = editions::hash(&site, &e, &blueprints, &theme, &opts.root, &options);
                (e, h)
            })
            .collect()
    } else {
        Default::default()
    };
    let hits = editions::lookup(&opts.root, &hashes);

    let locale = serde_json::to_value(&theme.locale).unwrap_or_default();
    let progress = render::Progress::new(site.docs.len(), opts.progress);
    let memo_sig = opts.memo.as_ref().map(|m| {
        let sig = structure_signature(opts, &site, &theme, &blueprints);
        let mut all = hash::Fnv::default();
        all.field(&sig);
        for (name, (text, _)) in &theme.templates {
            all.field(name).field(text);
        }
        let keys = template_keys(&site, &theme, tera.as_ref());
        (m.as_ref(), sig, all.hex(), keys)
    });
    let clock = render::StageClock::default();
    let renderer = render::Renderer {
        clock: &clock,
        site: &site,
        tera: tera.as_ref(),
        shortcodes: &shortcodes,
        locale,
        statics: &theme.statics,
        progress: &progress,
        quiz: &quiz,
        cases: &cases,
        data: &data,
        skip: &hits.editions,
        cached_anchors: &hits.anchors,
        memo: memo_sig,
    };
    let (mut stats, archived_anchors) = renderer.render_all(sink, &mut diags);
    if let Some(memo) = &opts.memo {
        if let Ok(mut m) = memo.lock() {
            m.retain(|rel| site.docs.iter().any(|d| d.rel == rel));
        }
    }
    progress.finish();
    stage("render", &mut timings);
    match hits.restore(sink) {
        Ok(n) => stats.cached = n,
        Err(d) => diags.push(d),
    }
    if let (true, Some(s), false) = (opts.search, &staging, diags.has_errors()) {
        let data_paths = render::data_pages::generated_paths(&data);
        stats.indexed = search::index(
            &site,
            s.dir(),
            &data_paths,
            &hits.editions,
            sink,
            &mut diags,
        );
    }

    if let Some(d) = staging
        .as_ref()
        .and_then(output::Staging::failure_diagnostic)
    {
        // One failed write (a full disk) makes every later one fail: report it once.
        diags.retain(|d| d.code != "E-WRITE");
        diags.push(d);
    }
    if opts.strict {
        diags.promote_warnings();
    }
    diags.extend(output_warnings);
    if diags.has_errors() {
        if let Some(s) = staging {
            s.abort();
        }
        return Err(diags);
    }
    if let Some(s) = &staging {
        for (name, hash) in hashes.iter().filter(|(n, _)| !hits.editions.contains(*n)) {
            let prefix = format!("editions/{name}/");
            let anchors = archived_anchors
                .iter()
                .filter(|(rel, _)| rel.starts_with(&prefix))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            // A cache that cannot be written only costs time on the next build.
            let _ = editions::save(&opts.root, s.dir(), name, hash, &anchors);
        }
    }
    if let Some(s) = staging {
        match s.commit() {
            Ok(warnings) => diags.extend(warnings),
            Err(d) => {
                diags.push(d);
                return Err(diags);
            }
        }
    }
    stage("write", &mut timings);
    Ok(BuildResult {
        stats,
        timings,
        warnings: diags,
        elapsed: started.elapsed(),
        files: memory.map(output::Memory::into_files),
    })
}

/// For each document: the hash of the templates its page is made with — its template, the templates
/// that one extends, the macro files they import, the templates they include — and of every
/// shortcode and partial template (any may appear in a page's Markdown).
fn template_keys(
    site: &site::Site,
    theme: &theme::Theme,
    tera: Option<&tera::Tera>,
) -> Vec<String> {
    let text = |name: &str| {
        theme
            .templates
            .get(name)
            .map(|t| t.0.as_str())
            .unwrap_or("")
    };
    let mut shared = hash::Fnv::default();
    for (name, (t, _)) in &theme.templates {
        if name.starts_with("shortcodes/") || name.starts_with("partials/") {
            shared.field(name).field(t);
        }
    }
    let shared = shared.hex();
    let mut memo: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
    site.templates
        .iter()
        .map(|name| {
            memo.entry(name.as_str())
                .or_insert_with(|| {
                    let mut seen: std::collections::BTreeSet<String> =
                        std::collections::BTreeSet::new();
                    let mut todo = vec![name.clone()];
                    while let Some(t) = todo.pop() {
                        if !seen.insert(t.clone()) {
                            continue;
                        }
                        if let Some(compiled) = tera.and_then(|x| x.templates.get(&t)) {
                            todo.extend(compiled.parents.iter().cloned());
                            todo.extend(
                                compiled.imported_macro_files.iter().map(|(f, _)| f.clone()),
                            );
                        }
                        for part in text(&t).split("include \"").skip(1) {
                            if let Some(inc) = part.split('"').next() {
                                todo.push(inc.to_string());
                            }
                        }
                    }
                    let mut h = hash::Fnv::default();
                    h.field(&shared);
                    for t in &seen {
                        h.field(t).field(text(t));
                    }
                    h.hex()
                })
                .clone()
        })
        .collect()
}

/// The template engine, reused from the memo (serve) when no template changed.
fn compiled_templates(
    opts: &BuildOptions,
    theme: &theme::Theme,
    diags: &mut Diagnostics,
) -> Option<tera::Tera> {
    let Some(memo) = &opts.memo else {
        return render::templates::build(theme, diags);
    };
    let mut h = hash::Fnv::default();
    for (name, (text, _)) in &theme.templates {
        h.field(name).field(text);
    }
    let key = h.hex();
    if let Ok(m) = memo.lock() {
        if let Some((k, t)) = &m.tera {
            if *k == key {
                return Some(t.clone());
            }
        }
    }
    let built = render::templates::build(theme, diags);
    if let (Some(t), Ok(mut m)) = (&built, memo.lock()) {
        m.tera = Some((key, t.clone()));
    }
    built
}

/// Everything a page can read from files other than its own: the site's configuration, theme and
/// data, every document's front matter and URL, and the whole text of banks and laws (questions and
/// articles appear on other pages). A page whose own source and this signature are unchanged renders
/// the same bytes.
fn structure_signature(
    opts: &BuildOptions,
    site: &site::Site,
    theme: &theme::Theme,
    blueprints: &[source::SourceFile],
) -> String {
    use content::kinds::Role;
    let mut h = hash::Fnv::default();
    h.field(&format!(
        "{:?} {} {} {:?}",
        opts.base_url, opts.relative, opts.drafts, opts.root
    ));
    for f in [
        "site.toml",
        "data/glossary.toml",
        "data/enterprises.csv",
        "data/pairings.toml",
        "data/milestones.toml",
        "data/indicators.toml",
        "data/trainings.csv",
    ] {
        h.field(&std::fs::read_to_string(opts.root.join(f)).unwrap_or_default());
    }
    // Template *names* only: each page's key adds the text of the templates it uses (see
    // `template_keys`), so editing a template re-renders the pages that use it, not the site.
    for name in theme.templates.keys() {
        h.field(name);
    }
    for (k, v) in &theme.locale {
        h.field(k).field(v);
    }
    for name in theme.statics.keys() {
        h.field(name);
    }
    for a in &site.assets {
        h.field(&a.rel);
    }
    for d in &site.docs {
        h.field(&d.rel).field(&d.url_path);
        if matches!(d.role, Role::Bank | Role::Law) {
            h.field(&d.source);
        } else {
            h.field(&d.source[..d.body_offset]);
        }
    }
    for b in blueprints {
        h.field(&b.rel).field(&b.text);
    }
    h.hex()
}

/// Checks that the build may replace `out` and prepares the staging folder beside it.
fn prepare_output(
    root: &std::path::Path,
    out: &std::path::Path,
) -> Result<(output::Staging, Vec<Diagnostic>), Diagnostic> {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let real = output::guard::resolve(root, out, home.as_deref())?;
    output::Staging::new(&real, &root.join(LOCK_FILE))
}
