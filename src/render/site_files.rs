//! Site-wide files, each from a theme template: redirects for `aliases`, `404.html`, `sitemap.xml`
//! (read off the route table) and `robots.txt`.

use super::context::Job;
use super::context::Made;
use crate::markdown::links::root_for;
use crate::site::routes::Route;
use serde::Serialize;

/// A redirect page from an old address to `target` (a root-less href).
pub fn alias(job: &Job<'_>, route: &Route, target: &str) -> Made {
    let site = job.site;
    let dir = route
        .path
        .rsplit_once('/')
        .map(|(d, _)| format!("{d}/"))
        .unwrap_or_default();
    let root = root_for(&dir, site.options.relative, &site.config.base_path());
    let mut ctx = job.base.clone();
    ctx.insert("root", &root);
    ctx.insert("target", &format!("{root}{target}"));
    Made::Page("redirect.html".into(), ctx)
}

pub fn not_found(job: &Job<'_>) -> Made {
    let site = job.site;
    // A 404 page is served at any depth, so its links must not be relative to one folder.
    let root = if site.options.relative {
        "./".to_string()
    } else {
        site.config.base_path()
    };
    let mut ctx = job.base.clone();
    ctx.insert("root", &root);
    ctx.insert("canonical", &format!("{}404.html", site.config.base_url()));
    ctx.insert("nav", &super::context::nav(site, None));
    ctx.insert("breadcrumbs", &Vec::<()>::new());
    Made::Page("404.html".into(), ctx)
}

#[derive(Serialize)]
struct Entry<'a> {
    loc: String,
    lastmod: Option<&'a str>,
}

/// Canonical addresses only: an archived edition's pages point their canonical at the current ones.
pub fn sitemap(job: &Job<'_>) -> Made {
    let base = job.site.config.base_url();
    let entries: Vec<Entry> = job
        .site
        .routes
        .sitemap()
        .into_iter()
        .map(|(url_path, lastmod)| Entry {
            loc: format!("{base}{url_path}"),
            lastmod,
        })
        .collect();
    let mut ctx = job.base.clone();
    ctx.insert("entries", &entries);
    Made::Page("sitemap.xml".into(), ctx)
}

pub fn robots(job: &Job<'_>) -> Made {
    Made::Page("robots.txt".into(), job.base.clone())
}
