//! Render and commit: the last two stages of [`crate::build`] for each target. On disk the site is
//! rendered into a staging folder beside the output (archived editions restored from the edition
//! cache, [`cache`], then the search index added) and swapped in only when there was no error; in
//! memory the files are kept or discarded.

use crate::diag::{Diagnostic, Diagnostics};
use crate::render::templates::Templates;
use crate::render::{self, RenderOptions, Stats};
use crate::site::Site;
use crate::{output, BuildOptions, Clock};

mod cache;
use cache as editions;
use std::collections::{HashMap, HashSet};
use std::path::Path;

pub(crate) struct Written {
    pub stats: Stats,
    pub warnings: Diagnostics,
    pub files: Option<output::Files>,
}

/// Fails with every diagnostic if any is an error (warnings count with `--strict`).
fn settle(opts: &BuildOptions, mut diags: Diagnostics) -> Result<Diagnostics, Diagnostics> {
    if opts.strict {
        diags.promote_warnings();
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(diags)
    }
}

pub(crate) fn in_memory(
    opts: &BuildOptions,
    site: &Site,
    templates: &Templates,
    keep: bool,
    mut diags: Diagnostics,
) -> Result<Written, Diagnostics> {
    let memory = output::Memory::default();
    let inner: &dyn output::Sink = if keep { &memory } else { &output::Discard };
    let sink = crate::outcheck::Collector::new(inner);
    let none = HashSet::new();
    let no_anchors = HashMap::new();
    let outcome = render::run(
        site,
        templates,
        &RenderOptions {
            shortcodes: &opts.shortcodes,
            memo: None,
            cached: &none,
            cached_anchors: &no_anchors,
            progress: opts.progress,
        },
        &sink,
    );
    diags.extend(outcome.diagnostics);
    if !diags.has_errors() {
        diags.extend(sink.check(site));
    }
    let warnings = settle(opts, diags)?;
    Ok(Written {
        stats: outcome.stats,
        warnings,
        files: keep.then(|| memory.into_files()),
    })
}

pub(crate) fn to_disk(
    opts: &BuildOptions,
    site: &Site,
    templates: &Templates,
    out: &Path,
    mut diags: Diagnostics,
    clock: &mut Clock,
) -> Result<Written, Diagnostics> {
    let (staging, output_warnings) = match prepare(&opts.root, out) {
        Ok(s) => s,
        Err(d) => {
            diags.push(d);
            return Err(diags);
        }
    };
    let keys = editions::keys(site, templates);
    let hits = editions::lookup(&opts.root, &keys);
    let plan = match site.options.search {
        true => crate::search::Plan::new(site, &hits.editions),
        false => crate::search::Plan::default(),
    };
    let indexer = crate::search::Collector::new(&plan, &staging);
    let sink = crate::outcheck::Collector::new(&indexer);
    let outcome = render::run(
        site,
        templates,
        &RenderOptions {
            shortcodes: &opts.shortcodes,
            memo: None,
            cached: &hits.editions,
            cached_anchors: &hits.anchors,
            progress: opts.progress,
        },
        &sink,
    );
    clock.lap("render");
    diags.extend(outcome.diagnostics);
    let mut stats = outcome.stats;
    match hits.restore(&sink) {
        Ok(n) => stats.cached = n,
        Err(d) => diags.push(d),
    }
    if !plan.is_empty() && !diags.has_errors() {
        match indexer.finish(site, &sink) {
            Ok(n) => stats.indexed = n,
            Err(e) => diags.push(crate::diag::Diagnostic::error(
                "E-WRITE",
                format!("cannot write the search index: {e}"),
            )),
        }
        clock.lap("search");
    }
    if !diags.has_errors() {
        diags.extend(sink.check(site));
        clock.lap("links");
    } else {
        drop(sink);
    }
    if let Some(d) = staging.failure_diagnostic() {
        // One failed write (a full disk) makes every later one fail: report it once.
        diags.retain(|d| d.code != "E-WRITE");
        diags.push(d);
    }
    // About the output folder, not the content: `--strict` does not turn them into errors.
    let mut warnings = match settle(opts, diags) {
        Ok(w) => w,
        Err(mut d) => {
            staging.abort();
            d.extend(output_warnings);
            return Err(d);
        }
    };
    warnings.extend(output_warnings);
    for (name, key) in keys.iter().filter(|(n, _)| !hits.editions.contains(*n)) {
        let prefix = format!("editions/{name}/");
        let anchors = outcome
            .archived_anchors
            .iter()
            .filter(|(rel, _)| rel.starts_with(&prefix))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        // A cache that cannot be written only costs time on the next build.
        let _ = editions::save(&opts.root, staging.dir(), name, key, &anchors);
    }
    match staging.commit() {
        Ok(w) => warnings.extend(w),
        Err(d) => {
            warnings.push(d);
            return Err(warnings);
        }
    }
    Ok(Written {
        stats,
        warnings,
        files: None,
    })
}

/// Checks that the build may replace `out` and prepares the staging folder beside it.
fn prepare(root: &Path, out: &Path) -> Result<(output::Staging, Vec<Diagnostic>), Diagnostic> {
    let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
    let real = output::guard::resolve(root, out, home.as_deref())?;
    output::Staging::new(&real, &root.join(crate::LOCK_FILE))
}
