//! Assemble: the parsed documents -> one read-only [`Site`] with its tree, orders, links and aliases.
//!
//! This is the one sequential step. Everything that needs to see all documents at once happens here:
//! drafts are dropped, parents found, URL and alias clashes reported, template names checked, and the
//! shared navigation views (each section's page list, breadcrumbs, the top navigation) computed once,
//! so that rendering a page never copies an O(N) structure.

use crate::config::Config;
use crate::content::frontmatter::SortBy;
use crate::content::{Doc, DocKind};
use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::links::LinkIndex;
use crate::render::views::{Crumb, NavItem, PageLink, SectionLink};
use crate::source::Asset;

mod aliases;
mod templates;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

pub struct Site {
    pub config: Config,
    /// Published documents, sorted by path.
    pub docs: Vec<Doc>,
    /// Parent section of each doc (index into `docs`); `None` only for the home page.
    pub parent: Vec<Option<usize>>,
    /// For each section doc: its ordered pages, as shared metadata views.
    pub section_pages: HashMap<usize, Arc<Vec<PageLink>>>,
    /// For each section doc: the doc indexes of its pages, in the same order.
    pub section_page_ids: HashMap<usize, Vec<usize>>,
    pub section_subs: HashMap<usize, Arc<Vec<SectionLink>>>,
    /// For each section doc: breadcrumbs from home down to and including it.
    pub crumbs: HashMap<usize, Arc<Vec<Crumb>>>,
    pub nav: Vec<(NavItem, usize)>,
    pub links: LinkIndex,
    pub assets: Vec<Asset>,
    /// Output file of each redirect -> href (root-less) of its target.
    pub aliases: BTreeMap<String, String>,
    /// Template of each doc.
    pub templates: Vec<String>,
    pub home: usize,
    pub relative: bool,
    pub laws: crate::laws::LawIndex,
    /// Root-less href and display path of each law's page, by law index.
    pub law_hrefs: Vec<String>,
    pub law_files: Vec<String>,
    pub glossary: Option<crate::glossary::Glossary>,
    pub courses: crate::courses::Courses,
}

/// The page the glossary is rendered to.
pub const GLOSSARY_PATH: &str = "glossary/";

impl Site {
    pub fn href(&self, i: usize) -> String {
        self.links.href_for(&self.docs[i].url_path)
    }

    /// A document's path inside its edition (`courses/x/` for `editions/2023/courses/x/`).
    pub fn inner_path(&self, i: usize) -> &str {
        let d = &self.docs[i];
        match &d.edition {
            Some(e) => d
                .url_path
                .strip_prefix(&format!("editions/{e}/"))
                .unwrap_or(&d.url_path),
            None => &d.url_path,
        }
    }

    /// Reports documents whose address is taken by a generated page.
    pub fn check_generated(&self, paths: &[String], diags: &mut Diagnostics) {
        for path in paths {
            if let Some(d) = self.docs.iter().find(|d| &d.url_path == path) {
                diags.push(
                    Diagnostic::error(
                        "E-URL-DUP",
                        format!(
                            "`{}` takes /{path}, the address of a generated quiz page",
                            d.display
                        ),
                    )
                    .in_file(d.display.clone())
                    .with_hint("rename the file"),
                );
            }
        }
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
}

pub struct AssembleOptions<'a> {
    pub drafts: bool,
    pub glossary: Option<crate::glossary::Glossary>,
    pub relative: bool,
    /// Names of the templates the theme has, to check `template = "..."`.
    pub template_names: Option<&'a HashSet<String>>,
}

pub fn assemble(
    config: Config,
    mut docs: Vec<Doc>,
    assets: Vec<Asset>,
    opts: AssembleOptions<'_>,
    diags: &mut Diagnostics,
) -> Site {
    docs.sort_by(|a, b| a.rel.cmp(&b.rel));
    let mut links = LinkIndex::new(opts.relative);

    // Drafts, and everything under a draft section, are left out unless asked for.
    if !opts.drafts {
        let draft_dirs: Vec<String> = docs
            .iter()
            .filter(|d| d.kind == DocKind::Section && d.draft)
            .map(|d| d.folder().to_string())
            .collect();
        let (keep, dropped): (Vec<Doc>, Vec<Doc>) = docs.into_iter().partition(|d| {
            !d.draft
                && !draft_dirs
                    .iter()
                    .any(|dir| !dir.is_empty() && d.rel.starts_with(&format!("{dir}/")))
        });
        for d in &dropped {
            links.add_draft(&d.rel);
        }
        docs = keep;
    }
    if !docs.iter().any(|d| d.rel == "_index.md") {
        docs.insert(0, implicit_home(&config));
    }

    // URL clashes: `a.md` and `a/_index.md` both want `/a/`.
    let mut by_url: HashMap<&str, usize> = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        if let Some(&j) = by_url.get(d.url_path.as_str()) {
            diags.push(
                Diagnostic::error(
                    "E-URL-DUP",
                    format!(
                        "`{}` and `{}` both become /{}",
                        docs[j].display, d.display, d.url_path
                    ),
                )
                .in_file(d.display.clone())
                .with_hint("rename one of them, or move the page into the folder's _index.md"),
            );
        } else {
            by_url.insert(&d.url_path, i);
        }
    }

    for d in &docs {
        links.add_page(&d.rel, &d.url_path);
    }
    for a in &assets {
        links.add_asset(&a.rel);
    }

    let folder_section: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.kind == DocKind::Section)
        .map(|(i, d)| (d.folder(), i))
        .collect();
    let home = folder_section.get("").copied().unwrap_or(0);
    let parent: Vec<Option<usize>> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            if i == home {
                return None;
            }
            let mut dir = d.folder();
            if d.kind == DocKind::Section {
                dir = parent_dir(dir);
            }
            loop {
                if let Some(&s) = folder_section.get(dir) {
                    return Some(s);
                }
                if dir.is_empty() {
                    return Some(home);
                }
                dir = parent_dir(dir);
            }
        })
        .collect();

    let templates = templates::choose_templates(&docs, &parent, opts.template_names, diags);
    let laws = crate::laws::LawIndex::build(&docs);
    let law_hrefs = laws
        .laws
        .iter()
        .map(|l| links.href_for(&docs[l.doc].url_path))
        .collect();
    let law_files = laws
        .laws
        .iter()
        .map(|l| docs[l.doc].display.clone())
        .collect();
    let aliases = aliases::collect_aliases(&docs, &by_url, &links, diags);

    let mut children: HashMap<usize, (Vec<usize>, Vec<usize>)> = HashMap::new();
    for (i, p) in parent.iter().enumerate() {
        // Archived editions hang off the home page but are not listed there (the editions page is).
        if *p == Some(home) && docs[i].edition.is_some() {
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
    let mut section_pages = HashMap::new();
    let mut section_page_ids = HashMap::new();
    let mut section_subs = HashMap::new();
    for (s, (mut pages, mut subs)) in children {
        sort_docs(&mut pages, &docs, docs[s].sort_by);
        sort_docs(&mut subs, &docs, SortBy::Weight);
        let list: Vec<PageLink> = pages
            .iter()
            .map(|&i| PageLink {
                title: docs[i].title.clone(),
                description: docs[i].description.clone(),
                href: href(i),
                date: docs[i].date.clone().unwrap_or_default(),
                weight: docs[i].weight,
            })
            .collect();
        let sublist: Vec<SectionLink> = subs
            .iter()
            .map(|&i| SectionLink {
                title: docs[i].title.clone(),
                description: docs[i].description.clone(),
                href: href(i),
            })
            .collect();
        section_pages.insert(s, Arc::new(list));
        section_page_ids.insert(s, pages);
        section_subs.insert(s, Arc::new(sublist));
    }

    let mut crumbs: HashMap<usize, Arc<Vec<Crumb>>> = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        if d.kind != DocKind::Section {
            continue;
        }
        let mut chain = vec![i];
        let mut cur = i;
        while let Some(p) = parent[cur] {
            chain.push(p);
            cur = p;
        }
        chain.reverse();
        let list = chain
            .into_iter()
            .map(|c| Crumb {
                title: docs[c].title.clone(),
                href: href(c),
            })
            .collect();
        crumbs.insert(i, Arc::new(list));
    }

    let mut top: Vec<usize> = parent
        .iter()
        .enumerate()
        .filter(|(i, p)| {
            **p == Some(home) && docs[*i].kind == DocKind::Section && docs[*i].edition.is_none()
        })
        .map(|(i, _)| i)
        .collect();
    sort_docs(&mut top, &docs, SortBy::Weight);
    let nav = top
        .into_iter()
        .map(|i| {
            (
                NavItem {
                    title: docs[i].title.clone(),
                    href: href(i),
                    active: false,
                },
                i,
            )
        })
        .collect();

    let mut sections: Vec<usize> = (0..docs.len())
        .filter(|&i| docs[i].kind == DocKind::Section)
        .collect();
    sort_docs(&mut sections, &docs, SortBy::Weight);
    let courses = crate::courses::assemble(&docs, &section_page_ids, &sections, &links, diags);
    let mut generated: Vec<(String, &str)> = courses
        .docs
        .iter()
        .map(|&c| {
            (
                crate::courses::print_path(&docs[c].url_path),
                "the print page of a course",
            )
        })
        .chain(
            courses
                .audiences
                .iter()
                .map(|a| (a.url_path.clone(), "the course index for one audience")),
        )
        .collect();
    if opts.glossary.is_some() {
        generated.push((
            GLOSSARY_PATH.to_string(),
            "the glossary page (from data/glossary.toml)",
        ));
    }
    for (path, what) in generated {
        if let Some(&i) = by_url.get(path.as_str()) {
            diags.push(
                Diagnostic::error(
                    "E-URL-DUP",
                    format!("`{}` takes /{path}, the address of {what}", docs[i].display),
                )
                .in_file(docs[i].display.clone())
                .with_hint("rename the file"),
            );
        }
    }

    Site {
        config,
        docs,
        parent,
        section_pages,
        section_page_ids,
        section_subs,
        crumbs,
        nav,
        links,
        assets,
        aliases,
        templates,
        home,
        relative: opts.relative,
        laws,
        law_hrefs,
        law_files,
        glossary: opts.glossary,
        courses,
    }
}

fn parent_dir(dir: &str) -> &str {
    dir.rsplit_once('/').map(|(p, _)| p).unwrap_or("")
}

fn implicit_home(config: &Config) -> Doc {
    Doc {
        kind: DocKind::Section,
        rel: "_index.md".to_string(),
        display: "content/_index.md".to_string(),
        source: Arc::from(""),
        body_offset: 0,
        url_path: String::new(),
        title: config.title.clone(),
        description: config.description.clone(),
        date: None,
        updated: None,
        weight: None,
        draft: false,
        template: None,
        page_template: None,
        sort_by: SortBy::Weight,
        aliases: Vec::new(),
        extra: toml::Table::new(),
        role: crate::content::kinds::Role::Section,
        special: crate::content::kinds::Special::None,
        edition: None,
        base_rel: "_index.md".to_string(),
    }
}

/// Weight (missing weights last), then title, then path; or date (newest first); or title.
fn sort_docs(ids: &mut [usize], docs: &[Doc], by: SortBy) {
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
