//! The site's content files: `content/`, the archived editions' `editions/<name>/{courses,banks,exams}/`
//! and `static/`, read into Markdown documents, exam blueprints and assets.
//!
//! A file's *source path* is its path from the site root (`content/courses/x/a.md`); its *rel* is what
//! the rest of shian knows it by: the path under `content/` (`courses/x/a.md`), under the site root for
//! an archived edition (`editions/2023/courses/x/a.md`), or its output path for a file of `static/`.

use super::walk::{walk, Confine};
use crate::diag::{Diagnostic, Diagnostics};
use crate::paths::check_path;
use std::path::Path;
use std::sync::Arc;

/// A Markdown file or an exam blueprint, as UTF-8 text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// `courses/x/a.md`, `editions/2023/banks/b.md` (see the module documentation).
    pub rel: String,
    /// The source path, for messages (`content/courses/x/a.md`).
    pub display: String,
    /// The whole text, without a byte-order mark.
    pub text: Arc<str>,
}

/// A file copied to the output as it is.
#[derive(Clone, Debug)]
pub struct Asset {
    /// Output path, `/`-separated.
    pub rel: String,
    /// The source path (`content/guide/flow.svg`, `static/files/form.txt`).
    pub display: String,
    pub bytes: Arc<[u8]>,
}

/// What one content file is.
pub enum Entry {
    Markdown(SourceFile),
    Blueprint(SourceFile),
    Asset(Asset),
}

/// Every content file of the site, in source-path order.
pub fn scan(root: &Path, confine: &Confine, diags: &mut Diagnostics) -> Vec<Entry> {
    let mut out = Vec::new();
    let content = root.join("content");
    if !content.is_dir() {
        diags.push(
            Diagnostic::error("E-CONTENT-MISSING", "the site has no content/ folder")
                .in_file("content/")
                .with_hint(
                    "create content/_index.md for the home page, or start with `shian init DIR`",
                ),
        );
    }
    out.extend(scan_under(root, "content", confine, diags));
    for name in edition_names(root, diags) {
        for sub in ["courses", "banks", "exams"] {
            out.extend(scan_under(
                root,
                &format!("editions/{name}/{sub}"),
                confine,
                diags,
            ));
        }
    }
    out.extend(scan_under(root, "static", confine, diags));
    out
}

/// The folders of `editions/` with a valid edition name (a bad name is one error, not one per file).
pub fn edition_names(root: &Path, diags: &mut Diagnostics) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(root.join("editions")) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names.retain(|name| {
        match check_path(std::slice::from_ref(name), &format!("editions/{name}")) {
            Some(d) => {
                diags.push(d);
                false
            }
            None => true,
        }
    });
    names
}

/// The content files under the source path `under` (a top-level folder or anything inside one).
pub fn scan_under(
    root: &Path,
    under: &str,
    confine: &Confine,
    diags: &mut Diagnostics,
) -> Vec<Entry> {
    let dir = root.join(under);
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (rel, abs) in walk(&dir, confine, diags, under) {
        let source = format!("{under}/{rel}");
        if let Some(e) = read_entry(&abs, &source, diags) {
            out.push(e);
        }
    }
    out
}

/// What is now at the source path `p` under `content/` or `static/`: a folder's files, a file, or
/// nothing (it was removed). Applies the same rules as the walk of the whole folder.
pub fn scan_path(root: &Path, p: &str, confine: &Confine, diags: &mut Diagnostics) -> Vec<Entry> {
    let abs = root.join(p);
    if abs.is_dir() {
        return scan_under(root, p, confine, diags);
    }
    if !abs.is_file() {
        return Vec::new();
    }
    let Some((_, inner)) = p.split_once('/') else {
        return Vec::new();
    };
    let parts: Vec<String> = inner.split('/').map(str::to_string).collect();
    if parts
        .iter()
        .any(|c| super::walk::is_ignored(std::ffi::OsStr::new(c)))
    {
        return Vec::new();
    }
    if let Some(d) = check_path(&parts, p).or_else(|| confine.check_link(&abs, p)) {
        diags.push(d);
        return Vec::new();
    }
    read_entry(&abs, p, diags).into_iter().collect()
}

/// How a source path is published: `(kind, rel)`, or `None` when it is not content (a file directly
/// in `editions/`, or outside an edition's `courses/`, `banks/` and `exams/`).
fn classify(source: &str) -> Option<(Kind, String)> {
    let (top, rest) = source.split_once('/')?;
    let rel = match top {
        "content" => rest.to_string(),
        "static" => return Some((Kind::Asset, rest.to_string())),
        "editions" => {
            let (name, inner) = rest.split_once('/')?;
            let sub = inner.split('/').next()?;
            if !["courses", "banks", "exams"].contains(&sub) || !inner.contains('/') {
                return None;
            }
            format!("editions/{name}/{inner}")
        }
        _ => return None,
    };
    let inner = crate::paths::split_edition(&rel).1;
    let kind = if rel.ends_with(".md") {
        Kind::Markdown
    } else if inner.starts_with("exams/") && rel.ends_with(".toml") {
        Kind::Blueprint
    } else {
        Kind::Asset
    };
    Some((kind, rel))
}

enum Kind {
    Markdown,
    Blueprint,
    Asset,
}

/// Reads the file at `abs` (source path `source`), already checked by the walk.
fn read_entry(abs: &Path, source: &str, diags: &mut Diagnostics) -> Option<Entry> {
    let (kind, rel) = classify(source)?;
    let bytes = match std::fs::read(abs) {
        Ok(b) => b,
        Err(e) => {
            diags.push(
                Diagnostic::error("E-IO", format!("cannot read {source}: {e}")).in_file(source),
            );
            return None;
        }
    };
    Some(match kind {
        Kind::Asset => Entry::Asset(Asset {
            rel,
            display: source.to_string(),
            bytes: Arc::from(bytes),
        }),
        Kind::Markdown => Entry::Markdown(text_file(bytes, rel, source, diags)?),
        Kind::Blueprint => Entry::Blueprint(text_file(bytes, rel, source, diags)?),
    })
}

/// A file's bytes as UTF-8 text without a byte-order mark, or an `E-UTF8` error naming the line.
pub fn text_file(
    bytes: Vec<u8>,
    rel: String,
    display: &str,
    diags: &mut Diagnostics,
) -> Option<SourceFile> {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Some(SourceFile {
                rel,
                display: display.to_string(),
                text: Arc::from(text),
            })
        }
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            diags.push(
                Diagnostic::error(
                    "E-UTF8",
                    format!("{display} is not valid UTF-8 (first bad byte on line {line})"),
                )
                .in_file(display)
                .with_hint("save the file with UTF-8 encoding (in Notepad or WPS: Save As → Encoding → UTF-8); GBK files are not supported"),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_paths_map_to_rels() {
        let rel = |s: &str| classify(s).map(|(_, r)| r);
        assert_eq!(rel("content/courses/a.md").as_deref(), Some("courses/a.md"));
        assert_eq!(rel("static/files/x.txt").as_deref(), Some("files/x.txt"));
        assert_eq!(
            rel("editions/2023/banks/b.md").as_deref(),
            Some("editions/2023/banks/b.md")
        );
        assert_eq!(rel("editions/2023/notes.md"), None);
        assert_eq!(rel("editions/2023/other/x.md"), None);
        assert!(matches!(
            classify("content/exams/m.toml"),
            Some((Kind::Blueprint, _))
        ));
        assert!(matches!(
            classify("editions/2023/exams/m.toml"),
            Some((Kind::Blueprint, _))
        ));
        assert!(matches!(
            classify("content/guide/m.toml"),
            Some((Kind::Asset, _))
        ));
    }
}
