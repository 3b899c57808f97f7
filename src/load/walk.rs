//! Walking the site's folders: which files are seen, and which names are allowed.
//!
//! Paths become URLs, so every component must be ASCII `a-z0-9-_` (plus one `.ext`); a file that breaks
//! the rule, or a Markdown file that is not UTF-8, is a diagnostic, never a panic. Symbolic links are
//! followed only while they stay inside the site folder ([`Confine`]), so a link cannot publish a file
//! from elsewhere on the machine.

use crate::diag::{Diagnostic, Diagnostics};
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

/// The edition of a content-relative path (`editions/2023/courses/x.md` -> `2023`) and the path
/// inside it (`courses/x.md`); `None` for the current edition.
pub fn split_edition(rel: &str) -> (Option<&str>, &str) {
    if let Some(rest) = rel.strip_prefix("editions/") {
        if let Some((name, inner)) = rest.split_once('/') {
            return (Some(name), inner);
        }
    }
    (None, rel)
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

/// Every path component must be `a-z0-9-_`, the last one may have `.ext` parts of the same letters.
pub(crate) fn check_path(parts: &[String], display: &str) -> Option<Diagnostic> {
    let ok_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_';
    let bad = parts.iter().enumerate().find(|(i, p)| {
        let last = *i == parts.len() - 1;
        p.is_empty() || !p.chars().all(|c| ok_char(c) || (last && c == '.')) || p.starts_with('.')
    })?;
    let suggestion = suggest_name(bad.1);
    let mut hint = format!(
        "file and folder names become web addresses, so they may only use lowercase a-z, 0-9, '-' and '_'; rename `{}`",
        bad.1
    );
    if !suggestion.is_empty() && suggestion != *bad.1 {
        hint.push_str(&format!(", for example to `{suggestion}`"));
    }
    hint.push_str(" (the title in the front matter can stay Chinese)");
    Some(
        Diagnostic::error(
            "E-PATH",
            format!("file name `{}` is not allowed in a web address", bad.1),
        )
        .in_file(display.to_string())
        .with_hint(hint),
    )
}

/// Lowercases ASCII and turns spaces into `-`; non-ASCII characters are dropped. Empty when nothing
/// of the name's stem survives.
fn suggest_name(name: &str) -> String {
    let clean = |part: &str| -> String {
        part.chars()
            .filter_map(|c| match c {
                'A'..='Z' => Some(c.to_ascii_lowercase()),
                'a'..='z' | '0'..='9' | '-' | '_' => Some(c),
                ' ' => Some('-'),
                _ => None,
            })
            .collect::<String>()
            .trim_matches('-')
            .to_string()
    };
    let (stem, ext) = match name.split_once('.') {
        Some((s, e)) => (s, Some(e)),
        None => (name, None),
    };
    let stem = clean(stem);
    match (stem.is_empty(), ext) {
        (true, _) => String::new(),
        (false, Some(e)) => format!("{stem}.{}", e.to_ascii_lowercase()),
        (false, None) => stem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(p: &str) -> Vec<String> {
        p.split('/').map(str::to_string).collect()
    }

    #[test]
    fn ascii_paths_pass_and_others_fail() {
        assert!(check_path(&parts("courses/haccp-1/lesson_2.md"), "x").is_none());
        assert!(check_path(&parts("img/flow.v2.svg"), "x").is_none());
        let d = check_path(&parts("courses/培训.md"), "content/courses/培训.md").unwrap();
        assert_eq!(d.code, "E-PATH");
        assert!(check_path(&parts("Courses/a.md"), "x").is_some());
        assert!(check_path(&parts("a.b/c.md"), "x").is_some());
    }

    #[test]
    fn suggestions_are_ascii() {
        assert_eq!(suggest_name("My Lesson.md"), "my-lesson.md");
        assert_eq!(suggest_name("培训.md"), "");
    }
}
