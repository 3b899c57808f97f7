//! Walking the site's folders: which files are seen, and which names are allowed.
//!
//! Paths become URLs, so every component must be ASCII `a-z0-9-_` (plus one `.ext`); a file that breaks
//! the rule, or a Markdown file that is not UTF-8, is a diagnostic, never a panic. Symbolic links are
//! followed only while they stay inside the site folder ([`Confine`]), so a link cannot publish a file
//! from elsewhere on the machine.

use crate::diag::{Diagnostic, Diagnostics};
use crate::paths::check_path;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Where the files of a site may come from: a symbolic link that leads outside the site folder is an
/// error, unless site.toml sets `[build] follow_external_symlinks = true`.
#[derive(Clone, Debug)]
pub struct Confine {
    /// The site folder, resolved; `None` when it cannot be (then nothing is checked).
    root: Option<PathBuf>,
    allow_external: bool,
}

impl Confine {
    pub fn new(root: &Path, allow_external: bool) -> Self {
        Confine {
            root: std::fs::canonicalize(root).ok(),
            allow_external,
        }
    }

    /// An error when `path`, a symbolic link shown as `shown`, leads outside the site.
    pub fn check_link(&self, path: &Path, shown: &str) -> Option<Diagnostic> {
        if self.allow_external {
            return None;
        }
        let root = self.root.as_ref()?;
        // A dangling link is reported by the walk that follows it.
        let target = std::fs::canonicalize(path).ok()?;
        (!target.starts_with(root)).then(|| {
            Diagnostic::error(
                "E-SYMLINK",
                format!(
                    "{shown} is a symbolic link to {}, outside the site folder",
                    target.display()
                ),
            )
            .in_file(shown.to_string())
            .with_hint("copy the file into the site instead of linking to it; or, to publish what such links point to, set `follow_external_symlinks = true` under `[build]` in site.toml")
        })
    }

    /// The files under `dir`, sorted, as `(relative path, absolute path)`, following symbolic links
    /// that stay inside the site; ignored names (hidden files, editor backups) are skipped.
    pub fn files(
        &self,
        dir: &Path,
        display_prefix: &str,
        diags: &mut Diagnostics,
    ) -> Vec<(String, PathBuf)> {
        // The folder itself, or one of its parents, may be a link.
        if let Some(d) = self.check_link(dir, display_prefix) {
            diags.push(d);
            return Vec::new();
        }
        let mut refused = Vec::new();
        let walker = WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                if e.depth() == 0 {
                    return true;
                }
                if is_ignored(e.file_name()) {
                    return false;
                }
                if !e.path_is_symlink() {
                    return true;
                }
                let shown = match e.path().strip_prefix(dir) {
                    Ok(rel) => format!("{display_prefix}/{}", rel.to_string_lossy()),
                    Err(_) => e.path().display().to_string(),
                };
                match self.check_link(e.path(), &shown.replace('\\', "/")) {
                    Some(d) => {
                        refused.push(d);
                        false
                    }
                    None => true,
                }
            });
        let mut files = Vec::new();
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let shown = e
                        .path()
                        .and_then(|p| p.strip_prefix(dir).ok())
                        .map(|p| format!("{display_prefix}/{}", p.display()))
                        .unwrap_or_else(|| display_prefix.to_string());
                    diags.push(
                        Diagnostic::error("E-IO", format!("cannot read {shown}: {e}"))
                            .in_file(shown),
                    );
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(relp) = entry.path().strip_prefix(dir) else {
                continue;
            };
            let rel = relp
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            files.push((rel, entry.path().to_path_buf()));
        }
        diags.extend(refused);
        files
    }
}

/// Sorted, checked `(relative path, absolute path)` pairs of the files under `dir`: each path must
/// make a valid web address.
pub fn walk(
    dir: &Path,
    confine: &Confine,
    diags: &mut Diagnostics,
    display_prefix: &str,
) -> Vec<(String, PathBuf)> {
    let mut files = confine.files(dir, display_prefix, diags);
    files.retain(|(rel, _)| {
        let parts: Vec<String> = rel.split('/').map(str::to_string).collect();
        match check_path(&parts, &format!("{display_prefix}/{rel}")) {
            Some(d) => {
                diags.push(d);
                false
            }
            None => true,
        }
    });
    files
}

/// Hidden files, editor backups and OS litter are skipped silently.
pub(crate) fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || name == "Thumbs.db"
        || name == "desktop.ini"
}
