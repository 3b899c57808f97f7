//! The staging folder of `build`: written beside the output folder, swapped in only when the whole
//! build succeeded.
//!
//! Crash safety rests on three rules. The new output is complete before it is swapped in, and the
//! swap is atomic where the system allows it (see [`super::tree::swap`]). Only one build of a site
//! runs at a time (a lock in `.shian-cache/`), so whatever `.shian-tmp-*` or `.shian-old-*` folder a
//! build finds beside the output was left by a build that was killed, and is removed. And the output
//! folder carries a [`MARKER`] file, which is how the next build knows the folder is its own to
//! replace (see [`super::guard`]).

use super::{tree, Sink};
use crate::diag::Diagnostic;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// The file that marks a folder as shian's output, safe for the next build to replace.
pub const MARKER: &str = ".shian-output";

const MARKER_TEXT: &str =
    "This folder was written by `shian build`, and the next build replaces all of it.\n\
Keep nothing else here: files that belong on the site go in the site's static/ folder.\n";

pub struct Staging {
    tmp: PathBuf,
    out: PathBuf,
    parked: PathBuf,
    _lock: Option<File>,
    /// Whether a write failed (checked on every write without taking a lock).
    failed: AtomicBool,
    /// The first write that failed; later writes are refused at once, so a full disk gives one
    /// error rather than one per page.
    failure: Mutex<Option<String>>,
}

/// The prefixes of the temporary folders that builds of `name` leave beside it.
fn stray_prefixes(name: &str) -> [String; 2] {
    [format!(".shian-tmp-{name}-"), format!(".shian-old-{name}-")]
}

fn write_error(what: String, hint: &str) -> Diagnostic {
    Diagnostic::error("E-WRITE", what).with_hint(hint.to_string())
}

impl Staging {
    /// Prepares an empty temporary folder beside `out`, the *resolved* output folder (see
    /// [`super::guard::resolve`]). `lock` is the site's lock file; while it is held, leftovers of
    /// killed builds are cleaned up. Returns warnings about leftovers that could not be removed.
    pub fn new(out: &Path, lock: &Path) -> Result<(Staging, Vec<Diagnostic>), Diagnostic> {
        let parent = out.parent().unwrap_or(Path::new("/"));
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".to_string());
        std::fs::create_dir_all(parent).map_err(|e| {
            write_error(
                format!("cannot create the folder {}: {e}", parent.display()),
                "check that the folder can be written, or choose another --out",
            )
        })?;
        let lock = take_lock(lock)?;
        let mut warnings = Vec::new();
        if lock.is_some() {
            warnings = clean_up(parent, out, &name);
        }
        let pid = std::process::id();
        let [tmp_prefix, old_prefix] = stray_prefixes(&name);
        let tmp = parent.join(format!("{tmp_prefix}{pid}"));
        let parked = parent.join(format!("{old_prefix}{pid}"));
        let created =
            std::fs::create_dir(&tmp).and_then(|()| std::fs::write(tmp.join(MARKER), MARKER_TEXT));
        if let Err(e) = created {
            let _ = tree::remove(&tmp);
            return Err(write_error(
                format!(
                    "cannot write the new output beside {}: {e}",
                    out.display()
                ),
                "shian writes the new output into a temporary folder next to the output folder, so that folder's parent must be writable; the previous output is untouched",
            ));
        }
        let staging = Staging {
            tmp,
            out: out.to_path_buf(),
            parked,
            _lock: lock,
            failed: AtomicBool::new(false),
            failure: Mutex::new(None),
        };
        Ok((staging, warnings))
    }

    /// The folder being written.
    pub fn dir(&self) -> &Path {
        &self.tmp
    }

    /// The first write that failed, as `path: error`.
    pub fn failure(&self) -> Option<String> {
        self.failure
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The one error a failed write turns into.
    pub fn failure_diagnostic(&self) -> Option<Diagnostic> {
        self.failure().map(|f| {
            write_error(
                format!("cannot write the new output: {f}"),
                "check the free space and the permissions of the output folder's disk; the previous output is untouched",
            )
        })
    }

    /// Swaps the finished build in for the old output. An error means the old output is still in
    /// place; the warnings are about an old output that could not be removed after the swap.
    pub fn commit(self) -> Result<Vec<Diagnostic>, Diagnostic> {
        if std::fs::symlink_metadata(&self.out).is_err() {
            return match std::fs::rename(&self.tmp, &self.out) {
                Ok(()) => Ok(Vec::new()),
                Err(e) => {
                    let _ = tree::remove(&self.tmp);
                    Err(write_error(
                        format!("cannot move the new output to {}: {e}", self.out.display()),
                        "check that the output folder's parent can be written",
                    ))
                }
            };
        }
        let old =
            match tree::swap(&self.tmp, &self.out, &self.parked) {
                Ok(old) => old,
                Err(e) => {
                    let _ = tree::remove(&self.tmp);
                    return Err(write_error(
                    format!("cannot replace the output folder {}: {e}", self.out.display()),
                    "the previous output is unchanged; check that its parent folder can be written",
                ));
                }
            };
        Ok(match tree::remove(&old) {
            Ok(()) => Vec::new(),
            Err(e) => vec![Diagnostic::warning(
                "W-OUT-OLD",
                format!(
                    "the new output is in place, but the previous one could not be removed from {}: {e}",
                    old.display()
                ),
            )
            .with_hint("the next build tries again; or delete that folder yourself")],
        })
    }

    /// Throws the unfinished build away.
    pub fn abort(self) {
        let _ = tree::remove(&self.tmp);
    }
}

impl Sink for Staging {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        if self.failed.load(Ordering::Relaxed) {
            return Err(io::Error::other("an earlier write to the output failed"));
        }
        let full = self.tmp.join(path);
        let written = full
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&full, bytes));
        if let Err(e) = &written {
            let mut first = self.failure.lock().unwrap_or_else(|e| e.into_inner());
            first.get_or_insert_with(|| format!("{path}: {e}"));
            self.failed.store(true, Ordering::Relaxed);
        }
        written
    }
}

/// Takes the site's build lock. `None` when the lock file cannot be made (a read-only site): the
/// build goes on, without cleaning up after other builds.
fn take_lock(path: &Path) -> Result<Option<File>, Diagnostic> {
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let Ok(file) = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
    else {
        return Ok(None);
    };
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => Err(Diagnostic::error(
            "E-BUSY",
            "another `shian build` of this site is running",
        )
        .with_hint("wait for it to finish, then build again")),
        Err(std::fs::TryLockError::Error(_)) => Ok(None),
    }
}

/// Moves back an old output that a killed build left parked, and removes the temporary folders of
/// killed builds. Returns a warning for each leftover that could not be removed.
fn clean_up(parent: &Path, out: &Path, name: &str) -> Vec<Diagnostic> {
    let [tmp_prefix, old_prefix] = stray_prefixes(name);
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut strays: Vec<(PathBuf, bool)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            let parked = n.starts_with(&old_prefix);
            (parked || n.starts_with(&tmp_prefix)).then(|| (e.path(), parked))
        })
        .collect();
    strays.sort();
    if std::fs::symlink_metadata(out).is_err() {
        if let Some(i) = strays.iter().position(|(_, parked)| *parked) {
            if std::fs::rename(&strays[i].0, out).is_ok() {
                strays.remove(i);
            }
        }
    }
    strays
        .into_iter()
        .filter_map(|(path, _)| {
            tree::remove(&path).err().map(|e| {
                Diagnostic::warning(
                    "W-OUT-STRAY",
                    format!(
                        "cannot remove {}, left by an earlier build that was stopped: {e}",
                        path.display()
                    ),
                )
                .with_hint("delete that folder yourself")
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lock(dir: &Path) -> PathBuf {
        dir.join(".shian-cache/build.lock")
    }

    #[test]
    fn staging_swaps_marks_and_abort_keeps_old() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let (s, _) = Staging::new(&out, &lock(dir.path())).unwrap();
        s.write("a/index.html", b"one").unwrap();
        assert!(s.commit().unwrap().is_empty());
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"one");
        assert!(out.join(MARKER).is_file());
        let (s, _) = Staging::new(&out, &lock(dir.path())).unwrap();
        s.write("a/index.html", b"two").unwrap();
        s.abort();
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"one");
        let mut left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(left, [".shian-cache", "public"]);
    }

    #[test]
    fn strays_are_removed_and_a_parked_output_comes_back() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        for stray in [".shian-tmp-public-1", ".shian-tmp-public-2/x"] {
            std::fs::create_dir_all(dir.path().join(stray)).unwrap();
        }
        std::fs::create_dir(dir.path().join(".shian-old-public-3")).unwrap();
        std::fs::write(dir.path().join(".shian-old-public-3/page"), "old").unwrap();
        // Someone else's folder with a similar name is left alone.
        std::fs::create_dir(dir.path().join(".shian-tmp-other-1")).unwrap();
        let (s, warnings) = Staging::new(&out, &lock(dir.path())).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(std::fs::read_to_string(out.join("page")).unwrap(), "old");
        s.abort();
        let mut left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(left, [".shian-cache", ".shian-tmp-other-1", "public"]);
    }

    #[test]
    fn a_second_build_of_the_same_site_is_refused_while_the_first_runs() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let (first, _) = Staging::new(&out, &lock(dir.path())).unwrap();
        let second = Staging::new(&out, &lock(dir.path()));
        assert_eq!(second.err().map(|d| d.code), Some("E-BUSY"));
        first.abort();
        assert!(Staging::new(&out, &lock(dir.path())).is_ok());
    }

    #[test]
    fn the_first_failed_write_is_kept_and_later_writes_fail_fast() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let (s, _) = Staging::new(&out, &lock(dir.path())).unwrap();
        s.write("a", b"file").unwrap();
        // `a` is a file, so nothing can be written under it.
        assert!(s.write("a/b.html", b"x").is_err());
        assert!(s.write("c.html", b"x").is_err());
        let failure = s.failure().unwrap();
        assert!(failure.starts_with("a/b.html: "), "{failure}");
        assert_eq!(s.failure_diagnostic().unwrap().code, "E-WRITE");
        s.abort();
    }
}
