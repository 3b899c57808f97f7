//! The route table: every file a build writes, its [`Kind`], the template it is made with and the
//! inputs it depends on ([`Dep`]). Nothing else in shian keeps a list of generated paths: the
//! address-clash check, the sitemap, the search list, the editions' page lists and the render jobs
//! are all read off this table.
//!
//! To add a page kind: add a [`Kind`], push its route in `route_docs.rs` or `route_pages.rs` with its
//! dependencies, and give it a job in `render::jobs` (see docs/architecture.md).

use super::deps::Dep;
use super::Site;
use crate::content::kinds::{Role, Special};
use crate::diag::{Diagnostic, Diagnostics};
use std::collections::HashMap;
use std::sync::Arc;

/// What a route is made from; the index fields point into the [`Site`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A Markdown document's page.
    Doc(usize),
    /// A course's print page (all its lessons on one page), by index in `site.courses.list`.
    Print(usize),
    /// The course index filtered to one audience, by index in `site.courses.audiences`.
    Audience(usize),
    Glossary,
    /// Practice page of a bank (index in `site.quiz.banks`).
    BankPractice(usize),
    /// Practice page of a question category (index in `site.quiz.categories`).
    Category(usize),
    /// An exam blueprint's page (index in `site.quiz.exams`).
    Exam(usize),
    /// A mock exam's question pool (`pool.js` beside its page), loaded by the page as a script.
    ExamPool(usize),
    /// The 错题本.
    Wrong,
    QuizHub,
    /// A case taxonomy's list of terms (`/cases/industry/`), by index in `cases::TAXONOMIES`.
    CaseTaxonomy(usize),
    /// A case taxonomy term's page: (taxonomy, term).
    CaseTerm(usize, usize),
    /// The Atom feed of all cases, or of one taxonomy term.
    Feed(Option<(usize, usize)>),
    Data(DataPage),
    /// `/data/`: the list of the data and statistics pages.
    DataIndex,
    /// The statistics of graded attempts: the index (`None`) or one exam's page (index in
    /// `site.results.exams`).
    Results(Option<usize>),
    /// The page that checks certificates.
    Verify,
    /// The 履职率 of the self-check records in `data/checks/`.
    Duty,
    /// The search page of an edition (`None`: the current one).
    Search(Option<String>),
    /// An edition's Pagefind bundle (a folder), written by the search stage from the pages.
    SearchIndex(Option<String>),
    /// The list of editions.
    Editions,
    /// `editions.json`, read by the edition switcher.
    EditionsJson,
    /// An edition's changelog against the previous one.
    Changes(String),
    /// A redirect from an old address; the href of its target.
    Alias(String),
    NotFound,
    Sitemap,
    Robots,
    /// A file of `content/` or `static/` (index in `site.assets`).
    Asset(usize),
    /// A static file of the theme (its key in `site.statics`).
    ThemeStatic(String),
}

/// The pages made from `data/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataPage {
    Pairings,
    Progress,
    Indicators,
    Trainings,
    Enterprises,
}

/// The list of the data and statistics pages.
pub const DATA_INDEX_PATH: &str = "data/";

impl DataPage {
    pub const ALL: [DataPage; 5] = [
        DataPage::Pairings,
        DataPage::Progress,
        DataPage::Indicators,
        DataPage::Trainings,
        DataPage::Enterprises,
    ];

    /// The output folder, the data file it needs (by stem) and its template.
    pub fn parts(self) -> (&'static str, &'static str, &'static str) {
        match self {
            DataPage::Pairings => ("data/pairings/", "pairings", "data-pairings.html"),
            DataPage::Progress => ("data/progress/", "milestones", "data-progress.html"),
            DataPage::Indicators => ("data/indicators/", "indicators", "data-indicators.html"),
            DataPage::Trainings => ("data/trainings/", "trainings", "data-trainings.html"),
            DataPage::Enterprises => ("data/enterprises/", "enterprises", "data-enterprises.html"),
        }
    }
}

/// When a route renders: after all documents (it reads their results), or with them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    /// Documents other than laws.
    Docs,
    /// Law pages, which list the documents citing each article.
    Laws,
    /// Everything else (print pages read lessons' HTML, the glossary where terms are used).
    Rest,
}

#[derive(Debug, Clone)]
pub struct Route {
    /// The output file, `/`-separated (`courses/x/index.html`, `sitemap.xml`); a folder (ending in
    /// `/`) for [`Kind::SearchIndex`].
    pub path: Arc<str>,
    pub kind: Kind,
    /// The template it is made with, if any.
    pub template: Option<String>,
    /// What its bytes depend on.
    pub deps: Vec<Dep>,
    /// Its Markdown may call shortcodes (so it depends on the shortcode templates too).
    pub shortcodes: bool,
    /// The archived edition it belongs to alone: served from the edition cache when unchanged.
    pub edition: Option<String>,
    /// Listed in the sitemap, with the date of its last change.
    pub sitemap: Option<Option<String>>,
    /// Indexed for search, with its filters (`kind`, `region`, …).
    pub search: Option<Vec<(&'static str, String)>>,
    /// What makes it, for messages: a source file or a description.
    pub origin: String,
    pub phase: Phase,
}

impl Route {
    /// The folder address of a page (`courses/x/`); the path itself for other files.
    pub fn url_path(&self) -> &str {
        self.path.strip_suffix("index.html").unwrap_or(&self.path)
    }
}

#[derive(Debug, Default, Clone)]
pub struct Routes {
    pub list: Vec<Route>,
    /// Every output path, for [`Routes::has`].
    paths: std::collections::HashSet<Arc<str>>,
}

impl Routes {
    pub fn new(list: Vec<Route>) -> Routes {
        let paths = list.iter().map(|r| Arc::clone(&r.path)).collect();
        Routes { list, paths }
    }

    /// Whether some route writes `path` (an output path such as `courses/x/index.html`).
    pub fn has(&self, path: &str) -> bool {
        self.paths.contains(path)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Route> {
        self.list.iter()
    }

    /// Routes that claim the same output file, and files inside a claimed folder.
    pub fn clashes(&self, site: &Site) -> Diagnostics {
        let mut diags = Diagnostics::new();
        let mut by_path: HashMap<&str, usize> = HashMap::new();
        for (i, r) in self.list.iter().enumerate() {
            match by_path.get(&*r.path) {
                Some(&j) => diags.push(clash(site, &self.list[j], r)),
                None => {
                    by_path.insert(&*r.path, i);
                }
            }
        }
        for folder in self.list.iter().filter(|r| r.path.ends_with('/')) {
            for r in self.list.iter().filter(|r| r.path != folder.path) {
                if r.path.starts_with(&*folder.path) {
                    diags.push(clash(site, folder, r));
                }
            }
        }
        diags
    }

    /// The sitemap's entries: `(url path, last change)`, sorted.
    pub fn sitemap(&self) -> Vec<(&str, Option<&str>)> {
        let mut v: Vec<(&str, Option<&str>)> = self
            .list
            .iter()
            .filter_map(|r| r.sitemap.as_ref().map(|d| (r.url_path(), d.as_deref())))
            .collect();
        v.sort();
        v
    }

    /// The pages of each edition's search index (`""`: the current one), with their filters.
    pub fn search_lists(&self) -> std::collections::BTreeMap<String, Vec<&Route>> {
        let mut out: std::collections::BTreeMap<String, Vec<&Route>> = Default::default();
        for r in self.list.iter().filter(|r| r.search.is_some()) {
            let (edition, _) = crate::paths::split_edition(&r.path);
            out.entry(edition.unwrap_or_default().to_string())
                .or_default()
                .push(r);
        }
        out
    }
}

/// One clash: the second route takes the address of the first.
fn clash(site: &Site, first: &Route, second: &Route) -> Diagnostic {
    let doc = |r: &Route| match r.kind {
        Kind::Doc(i) => Some(&site.docs[i]),
        _ => None,
    };
    let shown = format!("/{}", first.url_path());
    match (doc(first), doc(second)) {
        (Some(a), Some(b)) => Diagnostic::error(
            "E-URL-DUP",
            format!("`{}` and `{}` both become {shown}", a.display, b.display),
        )
        .in_file(b.display.clone())
        .with_hint("rename one of them, or move the page into the folder's _index.md"),
        (Some(d), None) | (None, Some(d)) => {
            let other = if doc(first).is_some() { second } else { first };
            Diagnostic::error(
                "E-URL-DUP",
                format!(
                    "`{}` takes {shown}, the address of {}",
                    d.display, other.origin
                ),
            )
            .in_file(d.display.clone())
            .with_hint("rename the file")
        }
        (None, None) => Diagnostic::error(
            "E-URL-DUP",
            format!("{} and {} both become {shown}", first.origin, second.origin),
        )
        .in_file(second.origin.clone())
        .with_hint("rename one of them"),
    }
}

/// A route before its optional parts are set.
pub(super) fn route(path: String, kind: Kind, template: Option<&str>, deps: Vec<Dep>) -> Route {
    Route {
        path: Arc::from(path),
        kind,
        template: template.map(str::to_string),
        deps,
        shortcodes: false,
        edition: None,
        sitemap: None,
        search: None,
        origin: String::new(),
        phase: Phase::Rest,
    }
}

/// The search filters of a document's page.
pub(super) fn search_filters(site: &Site, i: usize) -> Vec<(&'static str, String)> {
    let d = &site.docs[i];
    let kind = match d.role {
        Role::Lesson | Role::Course => Some("lesson"),
        Role::Case => Some("case"),
        Role::Bank => Some("question"),
        _ => None,
    };
    let mut filters: Vec<(&'static str, String)> = kind
        .map(|k| vec![("kind", k.to_string())])
        .unwrap_or_default();
    if let Special::Case(m) = &d.special {
        filters.push(("region", m.region.clone()));
        filters.extend(m.industry.iter().map(|x| ("industry", x.clone())));
        filters.extend(m.measures.iter().map(|x| ("measure", x.clone())));
    }
    filters
}
