//! File watching for `serve`: debounced notify events -> the changed paths -> a session rebuild.
//!
//! Only events that change a file count (create, write, rename, remove). notify reports opening and
//! reading files too, and every build reads the whole site: counting those made serve rebuild (and
//! browsers reload) in an endless loop. Output, version-control and editor litter are ignored.
//! Events that arrive while a rebuild runs are taken together by the next one.

use super::{Event, Session, Shared};
use crate::diag::Diagnostics;
use crate::BuildOptions;
use notify_debouncer_full::notify::event::{EventKind, ModifyKind};
use notify_debouncer_full::notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};
use std::path::{Path, PathBuf};
use std::sync::mpsc::TryRecvError;
use std::sync::Arc;
use std::time::Duration;

/// How long the watcher waits for more events of one save (editors write, then rename).
pub const DEBOUNCE: Duration = Duration::from_millis(5);

/// Keeps the watcher alive; dropping it stops watching.
pub struct Watcher {
    _debouncer: Debouncer<notify_debouncer_full::notify::RecommendedWatcher, RecommendedCache>,
}

pub fn start<R>(
    opts: &BuildOptions,
    mut session: Session,
    shared: Arc<Shared>,
    report: Arc<R>,
) -> Result<Watcher, String>
where
    R: Fn(Event<'_>) + Send + Sync + 'static + ?Sized,
{
    let (tx, rx) = std::sync::mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, tx).map_err(|e| e.to_string())?;
    debouncer
        .watch(&opts.root, RecursiveMode::Recursive)
        .map_err(|e| e.to_string())?;
    let root = std::path::absolute(&opts.root).unwrap_or_else(|_| opts.root.clone());
    let out = std::path::absolute(opts.out_dir()).unwrap_or_else(|_| opts.out_dir());
    std::thread::spawn(move || {
        // The pages are ahead of the search index: it is made again once no change is waiting,
        // so an edit made meanwhile is built first.
        let mut behind = false;
        loop {
            let first = match rx.try_recv() {
                Ok(event) => event,
                Err(TryRecvError::Disconnected) => break,
                Err(TryRecvError::Empty) if behind => {
                    shared.index_with(|| session.index());
                    behind = false;
                    continue;
                }
                Err(TryRecvError::Empty) => match rx.recv() {
                    Ok(event) => event,
                    Err(_) => break,
                },
            };
            // Take whatever else is already waiting, so one rebuild covers it all.
            let batch = std::iter::once(first).chain(rx.try_iter());
            let changes = changed_paths(batch, &root, &out);
            let Some(what) = changes.first().map(|c| c.path.clone()) else {
                continue;
            };
            let result = session.rebuild(&changes);
            if shared.publish(&result) {
                tell(&*report, Some(&what), &result);
                // After a failed build the index stays with the last good pages it was made
                // from (still marked stale if they were not indexed yet).
                behind = result.is_ok();
                if behind {
                    shared.index_behind();
                }
            }
        }
    });
    Ok(Watcher {
        _debouncer: debouncer,
    })
}

/// Tells the caller how a build went.
pub fn tell<R>(report: &R, changed: Option<&str>, result: &Result<super::Built, Diagnostics>)
where
    R: Fn(Event<'_>) + ?Sized,
{
    match result {
        Ok(built) => report(Event::Built { changed, built }),
        Err(diagnostics) => report(Event::Failed {
            changed,
            diagnostics,
        }),
    }
}

/// The site-relative paths that changed, without duplicates, in the order first seen.
fn changed_paths(
    batch: impl Iterator<Item = DebounceEventResult>,
    root: &Path,
    out: &Path,
) -> Vec<super::Change> {
    let mut seen = std::collections::BTreeSet::new();
    let mut changes = Vec::new();
    for events in batch.filter_map(Result::ok) {
        let paths: Vec<PathBuf> = events
            .into_iter()
            .filter(|e| changes_content(&e.event.kind))
            .flat_map(|e| e.event.paths)
            .filter(|p| is_relevant(p, root, out))
            .collect();
        for p in paths {
            let Ok(rel) = p.strip_prefix(root) else {
                continue;
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            if seen.insert(rel.clone()) {
                changes.push(super::Change::new(rel));
            }
        }
    }
    changes
}

/// Whether an event kind means a file's content, name or existence changed.
pub fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
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
    fn opening_or_reading_a_file_is_not_a_change() {
        use notify_debouncer_full::notify::event::{
            AccessKind, AccessMode, CreateKind, DataChange, MetadataKind,
        };
        assert!(!changes_content(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!changes_content(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(!changes_content(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
        assert!(changes_content(&EventKind::Modify(ModifyKind::Data(
            DataChange::Any
        ))));
        assert!(changes_content(&EventKind::Create(CreateKind::File)));
    }

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
