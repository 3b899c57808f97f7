//! View structs: what templates see. They are built from the site model, never the model itself, so a
//! template cannot reach (and the renderer never serialises) more than the page needs.
//!
//! Links are root-less `href`s (`programmes/pairing/`); a template writes `{{ root }}{{ x.href }}`, with
//! `root` set per page, so the shared views work for absolute and relative (`file://`) output alike.

use crate::markdown::headings::TocEntry;
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

#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    pub title: String,
    pub href: String,
    pub active: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Crumb {
    pub title: String,
    pub href: String,
}

/// A page in a list (a section's pages, previous/next).
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub title: String,
    pub description: String,
    pub href: String,
    pub date: String,
    pub weight: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionLink {
    pub title: String,
    pub description: String,
    pub href: String,
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
