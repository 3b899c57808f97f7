//! File watching for `serve`: debounced notify events -> a rebuild, unless every changed path is
//! output, version-control or editor litter.

use super::Shared;
use crate::BuildOptions;
use notify_debouncer_mini::{new_debouncer, notify::RecursiveMode, DebounceEventResult};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// Keeps the watcher alive; dropping it stops watching.
pub struct Watcher {
    _debouncer: notify_debouncer_mini::Debouncer<notify_debouncer_mini::notify::RecommendedWatcher>,
}

pub fn start(opts: BuildOptions, shared: Arc<Shared>) -> Result<Watcher, String> {
    let (tx, rx) = std::sync::mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(Duration::from_millis(60), tx).map_err(|e| e.to_string())?;
    debouncer
        .watcher()
        .watch(&opts.root, RecursiveMode::Recursive)
        .map_err(|e| e.to_string())?;
    let root = std::path::absolute(&opts.root).unwrap_or_else(|_| opts.root.clone());
    let out = std::path::absolute(opts.out_dir()).unwrap_or_else(|_| opts.out_dir());
    std::thread::spawn(move || {
        for res in rx {
            let Ok(events) = res else { continue };
            let changed: Vec<PathBuf> = events
                .into_iter()
                .map(|e| e.path)
                .filter(|p| is_relevant(p, &root, &out))
                .collect();
            if changed.is_empty() {
                continue;
            }
            let what = changed
                .first()
                .and_then(|p| p.strip_prefix(&root).ok())
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            let line = shared.rebuild(&opts);
            println!("{what} changed: {line}");
        }
    });
    Ok(Watcher {
        _debouncer: debouncer,
    })
}

/// Whether a change at `path` can affect the site.
pub fn is_relevant(path: &Path, root: &Path, out: &Path) -> bool {
    if path.starts_with(out) {
        return false;
    }
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut comps = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let Some(first) = comps.next() else {
        return false;
    };
    if ["target", "node_modules", "public", "docs", "tests", "src"].contains(&first.as_ref()) {
        return false;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let litter = name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp");
    !litter
        && !rel
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_output_and_litter() {
        let root = Path::new("/s");
        let out = Path::new("/s/public");
        assert!(is_relevant(Path::new("/s/content/a.md"), root, out));
        assert!(is_relevant(Path::new("/s/site.toml"), root, out));
        assert!(!is_relevant(Path::new("/s/public/a/index.html"), root, out));
        assert!(!is_relevant(Path::new("/s/content/.a.md.swp"), root, out));
        assert!(!is_relevant(Path::new("/s/.git/index"), root, out));
        assert!(!is_relevant(Path::new("/s/content/a.md~"), root, out));
    }
}
