//! View structs: what templates see. They are built from the site model, never the model itself, so a
//! template cannot reach (and the renderer never serialises) more than the page needs.
//!
//! Links are root-less `href`s (`programmes/pairing/`); a template writes `{{ root }}{{ x.href }}`, with
//! `root` set per page, so the shared views work for absolute and relative (`file://`) output alike.

use crate::markdown::headings::TocEntry;
use crate::site::{PageLink, SectionLink};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub language: String,
    pub base_url: String,
    pub edition: String,
    pub extra: toml::Table,
}

#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub href: &'a str,
    pub content: &'a str,
    pub toc: &'a [TocEntry],
    pub date: &'a str,
    pub updated: &'a str,
    pub extra: &'a toml::Table,
    pub reading_minutes: usize,
}

#[derive(Debug, Serialize)]
pub struct SectionView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub href: &'a str,
    pub content: &'a str,
    pub toc: &'a [TocEntry],
    pub pages: &'a [PageLink],
    pub subsections: &'a [SectionLink],
    pub extra: &'a toml::Table,
    pub reading_minutes: usize,
}

#[derive(Serialize)]
pub struct LawView<'a> {
    pub title: &'a str,
    pub short: &'a [String],
    pub version: &'a str,
}

/// The courses index: every course, the audiences to filter by, and which one is selected.
#[derive(Serialize)]
pub struct CourseIndexView<'a> {
    pub courses: Vec<&'a crate::courses::CourseCard>,
    pub audiences: Vec<AudienceItem<'a>>,
    pub audience: &'a str,
    pub all_href: String,
}

#[derive(Serialize)]
pub struct AudienceItem<'a> {
    pub name: &'a str,
    pub href: &'a str,
    pub count: usize,
    pub active: bool,
}

/// The `page` of a generated page: a title and nothing of a document.
pub fn generated_page<'a>(title: &'a str, href: &'a str) -> PageView<'a> {
    PageView {
        title,
        description: "",
        href,
        content: "",
        toc: &[],
        date: "",
        updated: "",
        extra: empty_table(),
        reading_minutes: 1,
    }
}

fn empty_table() -> &'static toml::Table {
    static EMPTY: std::sync::OnceLock<toml::Table> = std::sync::OnceLock::new();
    EMPTY.get_or_init(toml::Table::new)
}
