//! The site tree: each document's parent section, each section's ordered pages and subsections, the
//! breadcrumbs of each section and the top navigation — computed once, as shared lists, so rendering a
//! page never copies an O(N) structure.

use crate::content::frontmatter::SortBy;
use crate::content::{Doc, DocKind};
use crate::markdown::links::LinkIndex;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// An entry of the top navigation.
#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    pub title: String,
    pub href: String,
    pub active: bool,
}

/// A link with a title (breadcrumbs, previous/next).
#[derive(Debug, Clone, Serialize)]
pub struct Crumb {
    pub title: String,
    pub href: String,
}

/// A page in a section's list.
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub title: String,
    pub description: String,
    pub href: String,
    pub date: String,
    pub weight: Option<i64>,
}

/// A subsection in a section's list.
#[derive(Debug, Clone, Serialize)]
pub struct SectionLink {
    pub title: String,
    pub description: String,
    pub href: String,
}

#[derive(Debug, Default)]
pub struct Tree {
    /// Parent section of each doc; `None` only for the home page.
    pub parent: Vec<Option<usize>>,
    pub home: usize,
    /// For each section: its ordered pages, as shared views, and their doc indexes.
    pub section_pages: HashMap<usize, Arc<Vec<PageLink>>>,
    pub section_page_ids: HashMap<usize, Vec<usize>>,
    pub section_subs: HashMap<usize, Arc<Vec<SectionLink>>>,
    /// Doc indexes of each section's subsections, in order.
    pub section_sub_ids: HashMap<usize, Vec<usize>>,
    /// For each section: breadcrumbs from home down to and including it.
    pub crumbs: HashMap<usize, Arc<Vec<Crumb>>>,
    /// The top navigation, with the doc of each entry.
    pub nav: Vec<(NavItem, usize)>,
    /// Every section, by weight.
    pub sections: Vec<usize>,
}

impl Tree {
    /// The documents whose titles appear in `i`'s breadcrumbs: its ancestors, home first.
    pub fn ancestors(&self, mut i: usize) -> Vec<usize> {
        let mut v = Vec::new();
        while let Some(p) = self.parent[i] {
            v.push(p);
            i = p;
        }
        v.reverse();
        v
    }

    /// Index of the top-level section a doc lives in (itself if it is one).
    pub fn top_section(&self, mut i: usize) -> Option<usize> {
        loop {
            let p = self.parent[i]?;
            if p == self.home {
                return Some(i);
            }
            i = p;
        }
    }

    /// The pages before and after `i` in its section.
    pub fn neighbours(&self, i: usize) -> (Option<usize>, Option<usize>) {
        let Some(ids) = self.parent[i].and_then(|p| self.section_page_ids.get(&p)) else {
            return (None, None);
        };
        let Some(pos) = ids.iter().position(|&x| x == i) else {
            return (None, None);
        };
        (
            pos.checked_sub(1).map(|k| ids[k]),
            ids.get(pos + 1).copied(),
        )
    }
}

/// Builds the tree of `docs` (sorted by path, the home page among them).
pub fn build(docs: &[Doc], links: &LinkIndex) -> Tree {
    let folder_section: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.kind == DocKind::Section)
        .map(|(i, d)| (d.folder(), i))
        .collect();
    let home = folder_section.get("").copied().unwrap_or(0);
    let parent: Vec<Option<usize>> = (0..docs.len())
        .map(|i| (i != home).then(|| parent_of(&docs[i], &folder_section, home)))
        .collect();
    let mut tree = Tree {
        parent,
        home,
        ..Tree::default()
    };
    lists(&mut tree, docs, links);
    crumbs(&mut tree, docs, links);
    nav(&mut tree, docs, links);
    tree.sections = (0..docs.len())
        .filter(|&i| docs[i].kind == DocKind::Section)
        .collect();
    sort_docs(&mut tree.sections, docs, SortBy::Weight);
    tree
}

fn parent_of(d: &Doc, folder_section: &HashMap<&str, usize>, home: usize) -> usize {
    let mut dir = d.folder();
    if d.kind == DocKind::Section {
        dir = parent_dir(dir);
    }
    loop {
        if let Some(&s) = folder_section.get(dir) {
            return s;
        }
        if dir.is_empty() {
            return home;
        }
        dir = parent_dir(dir);
    }
}

/// Each section's pages and subsections, sorted, as shared views.
fn lists(tree: &mut Tree, docs: &[Doc], links: &LinkIndex) {
    let mut children: HashMap<usize, (Vec<usize>, Vec<usize>)> = HashMap::new();
    for (i, p) in tree.parent.iter().enumerate() {
        // Archived editions hang off the home page but are not listed there (the editions page is).
        if *p == Some(tree.home) && docs[i].edition.is_some() {
            continue;
        }
        if let Some(p) = p {
            let entry = children.entry(*p).or_default();
            if docs[i].kind == DocKind::Section {
                entry.1.push(i);
            } else {
                entry.0.push(i);
            }
        }
    }
    let href = |i: usize| links.href_for(&docs[i].url_path);
    for (s, (mut pages, mut subs)) in children {
        sort_docs(&mut pages, docs, docs[s].sort_by);
        sort_docs(&mut subs, docs, SortBy::Weight);
        let list = pages
            .iter()
            .map(|&i| PageLink {
                title: docs[i].title.clone(),
                description: docs[i].description.clone(),
                href: href(i),
                date: docs[i].date.clone().unwrap_or_default(),
                weight: docs[i].weight,
            })
            .collect();
        let sublist = subs
            .iter()
            .map(|&i| SectionLink {
                title: docs[i].title.clone(),
                description: docs[i].description.clone(),
                href: href(i),
            })
            .collect();
        tree.section_pages.insert(s, Arc::new(list));
        tree.section_page_ids.insert(s, pages);
        tree.section_subs.insert(s, Arc::new(sublist));
        tree.section_sub_ids.insert(s, subs);
    }
}

fn crumbs(tree: &mut Tree, docs: &[Doc], links: &LinkIndex) {
    for (i, d) in docs.iter().enumerate() {
        if d.kind != DocKind::Section {
            continue;
        }
        let mut chain = tree.ancestors(i);
        chain.push(i);
        let list = chain
            .into_iter()
            .map(|c| Crumb {
                title: docs[c].title.clone(),
                href: links.href_for(&docs[c].url_path),
            })
            .collect();
        tree.crumbs.insert(i, Arc::new(list));
    }
}

fn nav(tree: &mut Tree, docs: &[Doc], links: &LinkIndex) {
    let mut top: Vec<usize> = (0..docs.len())
        .filter(|&i| {
            tree.parent[i] == Some(tree.home)
                && docs[i].kind == DocKind::Section
                && docs[i].edition.is_none()
        })
        .collect();
    sort_docs(&mut top, docs, SortBy::Weight);
    tree.nav = top
        .into_iter()
        .map(|i| {
            let item = NavItem {
                title: docs[i].title.clone(),
                href: links.href_for(&docs[i].url_path),
                active: false,
            };
            (item, i)
        })
        .collect();
}

fn parent_dir(dir: &str) -> &str {
    dir.rsplit_once('/').map(|(p, _)| p).unwrap_or("")
}

/// Weight (missing weights last), then title, then path; or date (newest first); or title.
pub fn sort_docs(ids: &mut [usize], docs: &[Doc], by: SortBy) {
    ids.sort_by(|&a, &b| {
        let (a, b) = (&docs[a], &docs[b]);
        let tie = || a.title.cmp(&b.title).then_with(|| a.rel.cmp(&b.rel));
        match by {
            SortBy::Weight => a
                .weight
                .unwrap_or(i64::MAX)
                .cmp(&b.weight.unwrap_or(i64::MAX))
                .then_with(tie),
            SortBy::Date => b.date.cmp(&a.date).then_with(tie),
            SortBy::Title => tie(),
        }
    });
}
