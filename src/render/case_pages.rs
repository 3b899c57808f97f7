//! The case taxonomy pages (region, industry, measure) and the Atom feeds of the cases.

use super::composite::Composite;
use crate::cases::{label, Cases, TAXONOMIES};
use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::headings::TocEntry;
use serde_json::Value;

impl Composite<'_> {
    /// Taxonomy term pages and the Atom feeds of the cases.
    pub fn case_pages(&self, cases: &Cases, locale: &Value, diags: &mut Diagnostics) -> usize {
        if cases.is_empty() {
            return 0;
        }
        let site = self.site;
        let mut n = 0;
        let feed_title = format!("{} · {}", site.config.title, label(locale, "cases_title"));
        self.write(
            "cases/atom.xml",
            &cases.atom(site, &cases.list, &feed_title, "cases/atom.xml"),
            diags,
        );
        let index = cases.index_doc;
        for (t, _) in TAXONOMIES.iter().enumerate() {
            for (k, term) in cases.terms[t].iter().enumerate() {
                let feed = format!("{}atom.xml", term.url_path);
                self.write(
                    &feed,
                    &cases.atom(
                        site,
                        &term.cases,
                        &format!("{feed_title} · {}", term.name),
                        &feed,
                    ),
                    diags,
                );
                let (mut ctx, _) = self.context(&term.url_path, index.and_then(|i| site.parent[i]));
                let no_toc: Vec<TocEntry> = Vec::new();
                let extra = toml::Table::new();
                let (title, description) = index
                    .map(|i| (site.docs[i].title.clone(), site.docs[i].description.clone()))
                    .unwrap_or_else(|| (label(locale, "cases_title"), String::new()));
                let href = site.links.href_for(&term.url_path);
                ctx.insert(
                    "section",
                    &super::views::SectionView {
                        title: &title,
                        description: &description,
                        href: &href,
                        content: "",
                        toc: &no_toc,
                        pages: &[],
                        subsections: &[],
                        extra: &extra,
                        reading_minutes: 1,
                    },
                );
                cases.insert_index(&mut ctx, site, Some((t, k)), locale);
                let template = index
                    .map(|i| site.templates[i].as_str())
                    .unwrap_or("cases.html");
                n += self.emit(template, &ctx, &term.url_path, diags);
            }
        }
        n
    }

    fn write(&self, path: &str, text: &str, diags: &mut Diagnostics) {
        if let Err(e) = self.sink.write(path, text.as_bytes()) {
            diags.push(Diagnostic::error(
                "E-WRITE",
                format!("cannot write {path}: {e}"),
            ));
        }
    }
}
