//! Assemble: [`Inputs`] -> one read-only [`Site`], the model every later stage works from.
//!
//! This is the one sequential stage. It parses the documents (in parallel), drops drafts, builds the
//! tree and the link index, chooses templates, and assembles the parts that need to see everything at
//! once — laws, aliases, courses, the glossary, the activity data, the quizzes, the cases and the
//! editions — and finally the [`routes::Routes`] table: every output file with its kind and the
//! inputs it is made from. Problems are collected in [`Site::diagnostics`]; [`check`] adds the ones
//! only the route table can see.

mod aliases;
pub mod deps;
pub mod incremental;
mod route_docs;
mod route_pages;
pub mod routes;
mod templates;

use crate::config::Config;
use crate::content::frontmatter::SortBy;
use crate::content::{Doc, DocKind};
use crate::diag::Diagnostics;
use crate::load::{Asset, Inputs};
use crate::markdown::links::LinkIndex;
pub use crate::tree::{Crumb, NavItem, PageLink, SectionLink, Tree};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// The build options that change what the site is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct SiteOptions {
    /// Every link relative, so the output works from `file://`.
    pub relative: bool,
    pub drafts: bool,
    /// A search index is written (routes for the index bundles).
    pub search: bool,
}

pub struct Site {
    pub config: Config,
    pub options: SiteOptions,
    /// Published documents, sorted by path.
    pub docs: Vec<Doc>,
    pub tree: Tree,
    pub links: LinkIndex,
    /// Content and `static/` files copied as they are.
    pub assets: Vec<Asset>,
    /// The theme's static files that the site does not replace.
    pub statics: BTreeMap<String, Arc<[u8]>>,
    /// UI strings.
    pub locale: Arc<serde_json::Value>,
    /// Template of each doc.
    pub templates: Vec<String>,
    /// Output file of each redirect -> href (root-less) of its target.
    pub aliases: BTreeMap<String, String>,
    pub laws: crate::laws::LawIndex,
    /// Root-less href and display path of each law's page, by law index.
    pub law_hrefs: Vec<String>,
    pub law_files: Vec<String>,
    pub glossary: Option<crate::glossary::Glossary>,
    pub courses: crate::courses::Courses,
    pub data: crate::data::DataSet,
    pub quiz: Arc<crate::quiz::QuizSet>,
    pub cases: crate::cases::Cases,
    /// The self-check forms of `content/checklists/`.
    pub checklists: crate::checklists::Checklists,
    /// The self-check codes of `data/checks/`, read back, and their 履职率.
    pub duty: crate::checklists::tally::DutyBoard,
    /// The attempts of `data/results/`, graded again, by exam.
    pub results: crate::results::board::Board,
    /// Every edition's name, oldest first, the current one last; empty without editions.
    pub editions: Vec<String>,
    pub routes: routes::Routes,
    pub fingerprints: deps::Fingerprints,
    /// Problems found while reading and assembling.
    pub diagnostics: Diagnostics,
}

impl Site {
    pub fn href(&self, i: usize) -> String {
        self.links.href_for(&self.docs[i].url_path)
    }

    /// A document's path inside its edition (`courses/x/` for `editions/2023/courses/x/`).
    pub fn inner_path(&self, i: usize) -> &str {
        crate::paths::split_edition(&self.docs[i].url_path).1
    }

    /// The documents with their links and laws, for the parts built from them.
    pub fn corpus(&self) -> crate::corpus::Corpus<'_> {
        crate::corpus::Corpus {
            config: &self.config,
            docs: &self.docs,
            links: &self.links,
            laws: &self.laws,
            law_hrefs: &self.law_hrefs,
            law_files: &self.law_files,
        }
    }

    /// The doc whose content-relative path is `rel`.
    pub fn doc_by_rel(&self, rel: &str) -> Option<usize> {
        self.docs.binary_search_by(|d| d.rel.as_str().cmp(rel)).ok()
    }
}

/// Builds the site from what was read. Never fails: problems go to [`Site::diagnostics`].
pub fn assemble(inputs: &Inputs, options: &SiteOptions) -> Site {
    let mut diags = Diagnostics::new();
    diags.extend(inputs.problems().cloned());
    let config = inputs.config.clone();
    let (docs, failed) = crate::content::parse_all(inputs.markdown.clone(), &mut diags);
    let (docs, mut links) = publishable(docs, &config, &inputs.assets, options);
    for rel in &failed {
        links.add_broken(rel, &crate::content::url_path(rel));
    }
    let tree = crate::tree::build(&docs, &links);
    let names: BTreeSet<&str> = inputs.theme.templates.keys().map(String::as_str).collect();
    let templates = templates::choose_templates(&docs, &tree.parent, &names, &mut diags);
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
    let by_url: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.url_path.as_str(), i))
        .collect();
    let aliases = aliases::collect_aliases(&docs, &by_url, &links, &mut diags);
    let courses = crate::courses::assemble(&docs, &tree, &links, &mut diags);
    let glossary = inputs
        .data
        .iter()
        .find(|f| f.rel == "glossary.toml")
        .and_then(|f| crate::glossary::Glossary::parse(&f.text, &mut diags));
    let data = crate::data::parse(&inputs.data, &mut diags);
    let statics = inputs
        .theme
        .statics
        .iter()
        .filter(|(rel, _)| !inputs.assets.iter().any(|a| &&a.rel == rel))
        .map(|(k, v)| (k.clone(), Arc::clone(v)))
        .collect();
    let locale = serde_json::to_value(&inputs.theme.locale).unwrap_or_default();
    let mut site = Site {
        config,
        options: options.clone(),
        docs,
        tree,
        links,
        assets: inputs.assets.clone(),
        statics,
        locale: Arc::new(locale),
        templates,
        aliases,
        laws,
        law_hrefs,
        law_files,
        glossary,
        courses,
        data,
        quiz: Default::default(),
        cases: Default::default(),
        checklists: Default::default(),
        duty: Default::default(),
        results: Default::default(),
        editions: Vec::new(),
        routes: Default::default(),
        fingerprints: Default::default(),
        diagnostics: Diagnostics::new(),
    };
    site.quiz = Arc::new(crate::quiz::build(
        &site.corpus(),
        &inputs.blueprints,
        &mut diags,
    ));
    site.results = crate::results::board::build(
        &site.quiz,
        &site.config.edition,
        &site.data,
        &inputs.data,
        &mut diags,
    );
    site.checklists = crate::checklists::build(&site.corpus(), &mut diags);
    site.duty = duty_board(&site, inputs, &mut diags);
    let indicators = inputs.data.iter().find(|f| f.rel == "indicators.toml");
    crate::checklists::tally::fill_indicators(
        &mut site.data,
        &site.duty,
        !site.checklists.list.is_empty(),
        indicators,
        &mut diags,
    );
    crate::results::board::fill_indicators(
        &mut site.data,
        &site.results,
        &site.quiz,
        indicators,
        &mut diags,
    );
    site.cases = crate::cases::build(&site.corpus(), &site.data, &mut diags);
    site.editions = edition_names(&site);
    let mut list = Vec::new();
    route_docs::add(&site, &mut list);
    route_pages::add(&site, &mut list);
    site.routes = routes::Routes::new(list);
    // Generated pages (data, quiz hub, results…) can be linked from page text as `@/data/progress/`.
    let generated: Vec<String> = site
        .routes
        .iter()
        .filter(|r| !matches!(r.kind, routes::Kind::Doc(_) | routes::Kind::Alias(_)))
        .filter(|r| r.edition.is_none())
        .filter(|r| r.path.ends_with("index.html"))
        .map(|r| r.url_path().to_string())
        .collect();
    for url_path in generated {
        site.links.add_page(&url_path, &url_path);
    }
    site.fingerprints = deps::Fingerprints::compute(&site, inputs);
    site.diagnostics = diags;
    site
}

/// The self-check codes of `data/checks/`, read against the site's checklists.
fn duty_board(
    site: &Site,
    inputs: &Inputs,
    diags: &mut Diagnostics,
) -> crate::checklists::tally::DutyBoard {
    use crate::checklists::tally;
    let found: Vec<_> = inputs
        .data
        .iter()
        .filter(|f| tally::is_checks_file(&f.rel))
        .flat_map(|f| crate::results::scan::find(&f.display, &f.text, b'K'))
        .collect();
    if found.is_empty() {
        return Default::default();
    }
    let batch = tally::read(&site.checklists, &site.config.edition, found, diags);
    tally::duty(&site.checklists, &site.data, batch.rows)
}

/// Every problem known before rendering: those of [`assemble`] and the address clashes of the routes.
pub fn check(site: &Site) -> Diagnostics {
    let mut diags = site.diagnostics.clone();
    diags.extend(site.routes.clashes(site));
    diags
}

/// Drops drafts (and everything under a draft section) unless asked for, adds the home page when
/// the site has none, and indexes every link target.
fn publishable(
    mut docs: Vec<Doc>,
    config: &Config,
    assets: &[Asset],
    options: &SiteOptions,
) -> (Vec<Doc>, LinkIndex) {
    docs.sort_by(|a, b| a.rel.cmp(&b.rel));
    let mut links = LinkIndex::new(options.relative);
    if !options.drafts {
        let draft_dirs: Vec<String> = docs
            .iter()
            .filter(|d| d.kind == DocKind::Section && d.draft)
            .map(|d| format!("{}/", d.folder()))
            .filter(|dir| dir != "/")
            .collect();
        let (keep, dropped): (Vec<Doc>, Vec<Doc>) = docs.into_iter().partition(|d| {
            !d.draft && !draft_dirs.iter().any(|dir| d.rel.starts_with(dir.as_str()))
        });
        for d in &dropped {
            links.add_draft(&d.rel);
        }
        docs = keep;
    }
    if !docs.iter().any(|d| d.rel == "_index.md") {
        docs.insert(0, implicit_home(config));
    }
    for d in &docs {
        links.add_page(&d.rel, &d.url_path);
    }
    for a in assets {
        links.add_asset(&a.rel);
    }
    (docs, links)
}

/// Every edition's name, oldest first, the current one last.
fn edition_names(site: &Site) -> Vec<String> {
    if site.config.edition.is_empty() {
        return Vec::new();
    }
    let archived: BTreeSet<&str> = site
        .docs
        .iter()
        .filter_map(|d| d.edition.as_deref())
        .filter(|n| *n != site.config.edition)
        .collect();
    let mut v: Vec<String> = archived.into_iter().map(str::to_string).collect();
    v.push(site.config.edition.clone());
    v
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
