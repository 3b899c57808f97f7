//! Site-wide output files: redirects for `aliases`, `404.html`, `sitemap.xml`, `robots.txt`, and the
//! static files of the theme, the site's `static/` folder and the non-Markdown files of `content/`.

use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::highlight::escape;
use crate::markdown::links::root_for;
use crate::output::Sink;
use crate::site::Site;
use crate::theme::StaticFile;

pub struct Extras<'a> {
    pub site: &'a Site,
    pub tera: &'a tera::Tera,
    pub base: &'a tera::Context,
    pub sink: &'a dyn Sink,
}

impl Extras<'_> {
    fn write(&self, path: &str, bytes: &[u8], diags: &mut Diagnostics) {
        if let Err(e) = self.sink.write(path, bytes) {
            diags.push(Diagnostic::error(
                "E-WRITE",
                format!("cannot write {path}: {e}"),
            ));
        }
    }

    fn render(
        &self,
        template: &str,
        ctx: &tera::Context,
        diags: &mut Diagnostics,
    ) -> Option<String> {
        match self.tera.render(template, ctx) {
            Ok(s) => Some(s),
            Err(e) => {
                diags.push(
                    Diagnostic::error(
                        "E-RENDER",
                        format!(
                            "template `{template}` failed: {}",
                            super::templates::tera_error_text(&e)
                        ),
                    )
                    .in_file(format!("templates/{template}")),
                );
                None
            }
        }
    }

    /// One redirect page per alias. Returns how many were written.
    pub fn aliases(&self, diags: &mut Diagnostics) -> usize {
        let site = self.site;
        for (file, target) in &site.aliases {
            let dir = file
                .rsplit_once('/')
                .map(|(d, _)| format!("{d}/"))
                .unwrap_or_default();
            let root = root_for(&dir, site.relative, &site.config.base_path());
            let mut ctx = self.base.clone();
            ctx.insert("root", &root);
            ctx.insert("target", &format!("{root}{target}"));
            if let Some(html) = self.render("redirect.html", &ctx, diags) {
                self.write(file, html.as_bytes(), diags);
            }
        }
        site.aliases.len()
    }

    pub fn not_found(&self, diags: &mut Diagnostics) {
        let site = self.site;
        // A 404 page is served at any depth, so its links must not be relative to one folder.
        let root = if site.relative {
            "./".to_string()
        } else {
            site.config.base_path()
        };
        let mut ctx = self.base.clone();
        ctx.insert("root", &root);
        ctx.insert("canonical", &format!("{}404.html", site.config.base_url()));
        let nav: Vec<&crate::render::views::NavItem> = site.nav.iter().map(|(n, _)| n).collect();
        ctx.insert("nav", &nav);
        ctx.insert("breadcrumbs", &Vec::<()>::new());
        if let Some(html) = self.render("404.html", &ctx, diags) {
            self.write("404.html", html.as_bytes(), diags);
        }
    }

    /// `generated`: output folders of generated pages that belong in the sitemap.
    pub fn sitemap(&self, generated: &[String], diags: &mut Diagnostics) {
        let site = self.site;
        let base = site.config.base_url();
        // Canonical URLs only: an archived edition's pages point their canonical at the current ones.
        let mut entries: Vec<(&str, Option<&String>)> = site
            .docs
            .iter()
            .filter(|d| d.edition.is_none())
            .map(|d| (d.url_path.as_str(), d.updated.as_ref().or(d.date.as_ref())))
            .collect();
        if site.glossary.is_some() {
            entries.push((crate::site::GLOSSARY_PATH, None));
        }
        entries.extend(generated.iter().map(|p| (p.as_str(), None)));
        if site.courses.index_doc.is_some() {
            entries.extend(
                site.courses
                    .audiences
                    .iter()
                    .map(|a| (a.url_path.as_str(), None)),
            );
        }
        entries.sort();
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (url_path, lastmod) in entries {
            xml.push_str("  <url>\n    <loc>");
            xml.push_str(&escape(&format!("{base}{url_path}")));
            xml.push_str("</loc>\n");
            if let Some(date) = lastmod {
                xml.push_str(&format!("    <lastmod>{date}</lastmod>\n"));
            }
            xml.push_str("  </url>\n");
        }
        xml.push_str("</urlset>\n");
        self.write("sitemap.xml", xml.as_bytes(), diags);
    }

    pub fn robots(&self, diags: &mut Diagnostics) {
        let text = format!(
            "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
            self.site.config.base_url()
        );
        self.write("robots.txt", text.as_bytes(), diags);
    }
}

/// Copies the theme's static files, then the site's (which win on a clash). Returns the count.
pub fn copy_statics(
    site: &Site,
    theme_statics: &std::collections::BTreeMap<String, StaticFile>,
    sink: &dyn Sink,
    diags: &mut Diagnostics,
) -> usize {
    let mut n = 0;
    let mut put = |path: &str, bytes: std::io::Result<std::borrow::Cow<'_, [u8]>>| {
        let bytes = match bytes {
            Ok(b) => b,
            Err(e) => {
                return diags.push(Diagnostic::error(
                    "E-IO",
                    format!("cannot read {path}: {e}"),
                ))
            }
        };
        match sink.write(path, &bytes) {
            Ok(()) => n += 1,
            Err(e) => diags.push(Diagnostic::error(
                "E-WRITE",
                format!("cannot write {path}: {e}"),
            )),
        }
    };
    for (path, file) in theme_statics {
        if site.assets.iter().any(|a| &a.rel == path) {
            continue;
        }
        match file {
            StaticFile::Embedded(b) => put(path, Ok(std::borrow::Cow::Borrowed(b))),
            StaticFile::Disk(p) => put(path, std::fs::read(p).map(std::borrow::Cow::Owned)),
        }
    }
    for a in &site.assets {
        put(&a.rel, std::fs::read(&a.abs).map(std::borrow::Cow::Owned));
    }
    n
}
