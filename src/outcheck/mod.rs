//! The check of the whole output, after every build: every internal link and anchor on every
//! written page (generated pages included) resolves to a file of the output, and canonical links
//! point at pages that exist.
//!
//! [`Collector`] wraps the sink the renderers write through and reads each HTML page as it passes
//! ([`scan`]); [`Collector::check`] resolves what was found once everything is written. Links to
//! other sites are not followed. A link broken the same way on many pages (a template's doing) is
//! one error naming the pages.

mod scan;

use crate::diag::Diagnostic;
use crate::output::Sink;
use crate::site::Site;
use percent_encoding::percent_decode_str;
use scan::PageLinks;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io;
use std::sync::{Arc, Mutex};

/// A sink that passes every file on and reads the links and ids of the HTML pages.
pub struct Collector<'a> {
    inner: &'a dyn Sink,
    pages: Mutex<Vec<(Arc<str>, PageLinks)>>,
    files: Mutex<HashSet<Arc<str>>>,
}

impl<'a> Collector<'a> {
    pub fn new(inner: &'a dyn Sink) -> Collector<'a> {
        Collector {
            inner,
            pages: Mutex::new(Vec::new()),
            files: Mutex::new(HashSet::new()),
        }
    }

    fn record(&self, path: &str, bytes: &[u8]) {
        let path: Arc<str> = Arc::from(path);
        if path.ends_with(".html") {
            let links = scan::scan(&String::from_utf8_lossy(bytes));
            lock(&self.pages).push((Arc::clone(&path), links));
        }
        lock(&self.files).insert(path);
    }

    /// Adds files written around the sink (the search bundle), so links to them resolve.
    pub fn add_files(&self, paths: impl IntoIterator<Item = String>) {
        let mut files = lock(&self.files);
        files.extend(paths.into_iter().map(Arc::from));
    }

    /// The broken links and anchors of the output, one diagnostic per distinct problem.
    pub fn check(self, site: &Site) -> Vec<Diagnostic> {
        let files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut pages = self.pages.into_inner().unwrap_or_else(|e| e.into_inner());
        pages.sort_by(|a, b| a.0.cmp(&b.0));
        let ids: HashMap<&str, HashSet<&str>> = pages
            .iter()
            .map(|(p, l)| (&**p, l.ids.iter().map(String::as_str).collect()))
            .collect();
        let origins: HashMap<&str, &str> = site
            .routes
            .iter()
            .map(|r| (&*r.path, r.origin.as_str()))
            .collect();
        let base = Base {
            url: site.config.base_url(),
            path: site.config.base_path(),
        };
        // A missing page, by its path; missing ids, by the page that lacks them.
        let mut missing: BTreeMap<String, Vec<Place>> = BTreeMap::new();
        let mut no_id: BTreeMap<String, (Vec<String>, Vec<Place>)> = BTreeMap::new();
        for (page, links) in &pages {
            for (href, line) in &links.links {
                let Some(target) = base.resolve(page, href) else {
                    continue;
                };
                let place = Place {
                    page: page.to_string(),
                    line: *line,
                    href: href.clone(),
                };
                let Some(file) = find(&files, &target.path) else {
                    missing.entry(target.path).or_default().push(place);
                    continue;
                };
                let Some(f) = target.fragment else { continue };
                let Some(known) = ids.get(file.as_str()) else {
                    continue;
                };
                if !known.contains(f.as_str()) && f != "top" {
                    // A same-page anchor a template writes on every page is one problem.
                    let key = if href.starts_with('#') {
                        href.clone()
                    } else {
                        file
                    };
                    let entry = no_id.entry(key).or_default();
                    if !entry.0.contains(&f) {
                        entry.0.push(f);
                    }
                    entry.1.push(place);
                }
            }
        }
        let mut out: Vec<Diagnostic> = missing
            .into_values()
            .map(|at| {
                let problem = format!("`{}` leads to no page of the site", at[0].href);
                diagnostic(&problem, &at, &origins)
            })
            .collect();
        out.extend(no_id.into_iter().map(|(key, (ids, at))| {
            let problem = if key.starts_with('#') {
                format!("`{key}`: the page has no such id")
            } else {
                let shown: Vec<String> = ids.iter().take(5).map(|i| format!("`{i}`")).collect();
                let more = if ids.len() > 5 {
                    format!(" and {} more", ids.len() - 5)
                } else {
                    String::new()
                };
                format!(
                    "`{}`: {key} has no id {}{more}",
                    at[0].href,
                    shown.join(", ")
                )
            };
            diagnostic(&problem, &at, &origins)
        }));
        out
    }
}

/// Where a link was found.
struct Place {
    page: String,
    line: usize,
    href: String,
}

fn diagnostic(problem: &str, at: &[Place], origins: &HashMap<&str, &str>) -> Diagnostic {
    let Place { page, line, .. } = &at[0];
    let origin = origins.get(page.as_str()).copied().unwrap_or("");
    let mut pages: Vec<&str> = at.iter().map(|p| p.page.as_str()).collect();
    pages.dedup();
    let more = match (at.len(), pages.len()) {
        (1, _) => String::new(),
        (n, 1) => format!(" ({} links on this page)", n),
        (n, p) => format!(" ({n} links on {p} pages)"),
    };
    let mut d = Diagnostic::error(
        "E-OUT-LINK",
        format!("broken link in the output: {page}:{line}: {problem}{more}"),
    )
    .with_hint(if origin.ends_with(".md") || origin.ends_with(".toml") {
        "the page is made from this file; if the link is in its text, correct it there, otherwise the theme's template writes it"
    } else {
        "a template writes this link: check the template (and the theme's data contract in docs/) for the page it names"
    });
    if origin.contains('/') || origin.ends_with(".md") || origin.ends_with(".toml") {
        d = d.in_file(origin.to_string());
    }
    d
}

/// The file `path` names: itself, or its `index.html` (a folder address).
fn find(files: &HashSet<Arc<str>>, path: &str) -> Option<String> {
    if path.is_empty() || path.ends_with('/') {
        let index = format!("{path}index.html");
        return files.contains(index.as_str()).then_some(index);
    }
    if files.contains(path) {
        return Some(path.to_string());
    }
    let index = format!("{path}/index.html");
    files.contains(index.as_str()).then_some(index)
}

struct Base {
    /// `https://example.org/sub/`
    url: String,
    /// `/sub/`
    path: String,
}

struct Target {
    /// Output-relative, decoded, `.` and `..` resolved (`courses/x/`).
    path: String,
    fragment: Option<String>,
}

impl Base {
    /// Where `href` on `page` leads inside the output; `None` for other sites and non-page URLs.
    fn resolve(&self, page: &str, href: &str) -> Option<Target> {
        let href = href.trim();
        if href.is_empty() || href.starts_with("//") {
            return None;
        }
        let (rest, fragment) = match href.split_once('#') {
            Some((r, f)) => (r, Some(f)),
            None => (href, None),
        };
        let rest = rest.split_once('?').map_or(rest, |(r, _)| r);
        let fragment = fragment
            .filter(|f| !f.is_empty())
            .map(|f| percent_decode_str(f).decode_utf8_lossy().into_owned());
        let joined = if let Some(r) = rest.strip_prefix(&self.url) {
            r.to_string()
        } else if has_scheme(rest) {
            return None;
        } else if let Some(r) = rest.strip_prefix('/') {
            match format!("/{r}").strip_prefix(&self.path) {
                Some(inside) => inside.to_string(),
                None => format!("../{r}"),
            }
        } else if rest.is_empty() {
            page.to_string()
        } else {
            let dir = page.rfind('/').map_or("", |i| &page[..=i]);
            format!("{dir}{rest}")
        };
        let decoded = percent_decode_str(&joined).decode_utf8_lossy();
        Some(Target {
            path: normalise(&decoded)?,
            fragment,
        })
    }
}

fn has_scheme(s: &str) -> bool {
    s.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
    })
}

/// Resolves `.` and `..`; a path that climbs out of the output is kept as `../…` (never found).
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    let mut above = 0;
    let trailing = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..");
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    above += 1;
                }
            }
            s => parts.push(s),
        }
    }
    let mut out = "../".repeat(above);
    out.push_str(&parts.join("/"));
    if trailing && !parts.is_empty() {
        out.push('/');
    }
    Some(out)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Sink for Collector<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        self.record(path, bytes);
        self.inner.write(path, bytes)
    }

    fn write_shared(&self, path: &str, bytes: Arc<[u8]>) -> io::Result<()> {
        self.record(path, &bytes);
        self.inner.write_shared(path, bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_like_a_browser() {
        let b = Base {
            url: "https://example.org/sub/".into(),
            path: "/sub/".into(),
        };
        let r = |page: &str, href: &str| b.resolve(page, href).map(|t| (t.path, t.fragment));
        assert_eq!(r("a/b/index.html", "../c/"), Some(("a/c/".into(), None)));
        assert_eq!(
            r("a/index.html", "/sub/x/#t"),
            Some(("x/".into(), Some("t".into())))
        );
        assert_eq!(
            r("a/index.html", "https://example.org/sub/y/"),
            Some(("y/".into(), None))
        );
        assert_eq!(r("a/index.html", "https://other.org/"), None);
        assert_eq!(r("a/index.html", "mailto:x@example.org"), None);
        assert_eq!(
            r("a/index.html", "#q-1"),
            Some(("a/index.html".into(), Some("q-1".into())))
        );
        assert_eq!(r("index.html", "%E4%B8%AD/"), Some(("中/".into(), None)));
        assert_eq!(r("index.html", "../../x"), Some(("../../x".into(), None)));
        assert_eq!(
            r("index.html", "/elsewhere/"),
            Some(("../elsewhere/".into(), None))
        );
    }
}
