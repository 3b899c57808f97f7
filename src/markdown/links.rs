//! Internal links: `@/path/file.md#anchor` -> the page's URL. The index is built once from every
//! document's path before rendering; anchors are checked after rendering, when every page's headings
//! are known.

use super::{Input, Output};
use crate::diag::Diagnostic;
use pulldown_cmark::CowStr;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

/// Every link target of the site, by content-relative path.
#[derive(Debug, Default, Clone)]
pub struct LinkIndex {
    /// `programmes/pairing.md` -> `programmes/pairing/` (or `.../index.html` in relative mode).
    pages: HashMap<String, String>,
    drafts: HashSet<String>,
    /// Files that failed to parse, with the href they would have: links to them are not reported
    /// (the file's own error is the one mistake to fix).
    broken: HashMap<String, String>,
    /// Content-relative paths of non-Markdown files copied to the output.
    assets: HashSet<String>,
    relative: bool,
}

/// An `@/` link whose anchor must be checked once all pages are rendered.
#[derive(Debug, Clone)]
pub struct PendingAnchor {
    pub target: String,
    pub anchor: String,
    /// Byte range in the file.
    pub span: Range<usize>,
}

impl LinkIndex {
    pub fn new(relative: bool) -> Self {
        LinkIndex {
            relative,
            ..Default::default()
        }
    }

    pub fn add_page(&mut self, rel: &str, url_path: &str) {
        let href = self.href_for(url_path);
        self.pages.insert(rel.to_string(), href);
    }

    pub fn add_draft(&mut self, rel: &str) {
        self.drafts.insert(rel.to_string());
    }

    /// A Markdown file that failed to parse: links to it resolve, its anchors are not checked.
    pub fn add_broken(&mut self, rel: &str, url_path: &str) {
        let href = self.href_for(url_path);
        self.broken.insert(rel.to_string(), href);
    }

    pub fn is_broken(&self, rel: &str) -> bool {
        self.broken.contains_key(rel)
    }

    pub fn add_asset(&mut self, rel: &str) {
        self.assets.insert(rel.to_string());
    }

    /// The root-less href of a URL path: `a/b/` (or `a/b/index.html` when links are relative, since
    /// `file://` does not serve a folder's index).
    pub fn href_for(&self, url_path: &str) -> String {
        href_for(url_path, self.relative)
    }

    pub fn is_page(&self, rel: &str) -> bool {
        self.pages.contains_key(rel)
    }

    /// Resolves `path` from a document of an archived edition (`prefix` = `editions/<name>/`): its own
    /// edition's file first, then the current one. Returns the target path too.
    pub fn resolve_in(&self, prefix: &str, path: &str) -> Result<(String, bool, String), String> {
        let path = path.trim_start_matches('/');
        if !prefix.is_empty() {
            let own = format!("{prefix}{path}");
            if let Ok((h, p)) = self.resolve(&own) {
                return Ok((h, p, own));
            }
        }
        self.resolve(path).map(|(h, p)| (h, p, path.to_string()))
    }

    /// Resolves the part after `@/`. Returns the root-less href and whether the target is a page.
    pub fn resolve(&self, path: &str) -> Result<(String, bool), String> {
        let path = path.trim_start_matches('/');
        if let Some(h) = self.pages.get(path) {
            return Ok((h.clone(), true));
        }
        if self.assets.contains(path) {
            return Ok((path.to_string(), false));
        }
        if let Some(h) = self.broken.get(path) {
            return Ok((h.clone(), true));
        }
        if self.drafts.contains(path) {
            return Err(format!(
                "`@/{path}` is a draft; drafts are left out of the site unless you build with --drafts"
            ));
        }
        Err(format!("`@/{path}` does not exist"))
    }
}

pub fn href_for(url_path: &str, relative: bool) -> String {
    if relative && (url_path.is_empty() || url_path.ends_with('/')) {
        format!("{url_path}index.html")
    } else {
        url_path.to_string()
    }
}

/// The link prefix for a page at `url_path`: `../` per folder level when relative, else the base path.
pub fn root_for(url_path: &str, relative: bool, base_path: &str) -> String {
    if relative {
        let depth = url_path.matches('/').count();
        if depth == 0 {
            "./".to_string()
        } else {
            "../".repeat(depth)
        }
    } else {
        base_path.to_string()
    }
}

/// Resolves `@/…` destinations; records anchors to check. Other destinations pass through.
pub(super) fn rewrite_dest<'a>(
    dest: CowStr<'a>,
    span: Range<usize>,
    input: &Input<'_>,
    out: &mut Output,
    local: &mut Vec<(String, Range<usize>)>,
) -> CowStr<'a> {
    if let Some(scheme) = crate::html::dangerous_scheme(&dest) {
        out.diagnostics.push(
            Diagnostic::error(
                "E-LINK-SCHEME",
                format!("a `{scheme}` link would run or embed code when clicked; such links are not allowed"),
            )
            .in_file(input.file)
            .at(input.source, span)
            .with_label("this link")
            .with_hint("link to a page (@/path.md) or an http(s) address; put code in a fenced code block to show it"),
        );
        return CowStr::Borrowed("");
    }
    if let Some(anchor) = dest.strip_prefix('#') {
        if !anchor.is_empty() {
            local.push((anchor.to_string(), span));
        }
        return dest;
    }
    let Some(rest) = dest.strip_prefix("@/") else {
        return dest;
    };
    let (path, anchor) = match rest.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (rest, None),
    };
    match input.links.resolve_in(input.edition_prefix, path) {
        Ok((href, is_page, target)) => {
            if let (Some(a), true) = (anchor, is_page) {
                out.pending.push(PendingAnchor {
                    target,
                    anchor: a.to_string(),
                    span,
                });
            }
            let mut url = format!("{}{}", input.root, href);
            if let Some(a) = anchor {
                url.push('#');
                url.push_str(a);
            }
            url.into()
        }
        Err(msg) => {
            out.diagnostics.push(
                Diagnostic::error("E-LINK", format!("broken internal link: {msg}"))
                    .in_file(input.file)
                    .at(input.source, span)
                    .with_label("this link")
                    .with_hint("internal links are written @/path/under/content.md (check the spelling and the folder), e.g. [培训](@/courses/haccp/_index.md)"),
            );
            dest
        }
    }
}

/// The diagnostic for a link to an anchor that does not exist.
pub fn broken_anchor(
    input: &Input<'_>,
    anchor: &str,
    target: Option<&str>,
    span: Range<usize>,
    known: &[String],
) -> Diagnostic {
    broken_anchor_diag(input.file, input.source, anchor, target, span, known)
}

pub fn broken_anchor_diag(
    file: &str,
    source: &Arc<str>,
    anchor: &str,
    target: Option<&str>,
    span: Range<usize>,
    known: &[String],
) -> Diagnostic {
    let page = target
        .map(|t| format!("`@/{t}`"))
        .unwrap_or_else(|| "this page".to_string());
    let mut shown: Vec<&str> = known
        .iter()
        .map(String::as_str)
        .filter(|a| !a.starts_with("fn-"))
        .take(12)
        .collect();
    shown.sort_unstable();
    let hint = if shown.is_empty() {
        format!("{page} has no headings to link to")
    } else {
        format!(
            "headings in {page} have these ids: {} (set one with `## 标题 {{#my-id}}`)",
            shown.join(", ")
        )
    };
    Diagnostic::error(
        "E-ANCHOR",
        format!("broken anchor: {page} has no heading with id `{anchor}`"),
    )
    .in_file(file)
    .at(source, span)
    .with_label("this link")
    .with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_roots_and_hrefs() {
        assert_eq!(root_for("", true, "/"), "./");
        assert_eq!(root_for("a/b/", true, "/"), "../../");
        assert_eq!(root_for("a/b/", false, "/sub/"), "/sub/");
        assert_eq!(href_for("a/", true), "a/index.html");
        assert_eq!(href_for("", true), "index.html");
        assert_eq!(href_for("a/", false), "a/");
    }

    #[test]
    fn resolves_pages_assets_and_reports_drafts() {
        let mut ix = LinkIndex::new(false);
        ix.add_page("a/b.md", "a/b/");
        ix.add_asset("a/x.svg");
        ix.add_draft("a/d.md");
        assert_eq!(ix.resolve("a/b.md").unwrap(), ("a/b/".to_string(), true));
        assert_eq!(
            ix.resolve("a/x.svg").unwrap(),
            ("a/x.svg".to_string(), false)
        );
        assert!(ix.resolve("a/d.md").unwrap_err().contains("draft"));
        assert!(ix
            .resolve("nope.md")
            .unwrap_err()
            .contains("does not exist"));
    }
}
