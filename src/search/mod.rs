//! Full-text search: shian's own index (docs/search-format.md), one per edition, loaded by the
//! browser as plain scripts so that it works over HTTP, under `shian serve` and from `file://`.
//!
//! The index is fed from the render pipeline: [`Collector`] sits between the renderer and the
//! output and, as each searchable page is written, extracts its text ([`extract`]), writes its
//! record file and keeps only its token counts. [`Collector::finish`] then adds one record per
//! question (from the bank model, so the answer never reaches the index), scores every token and
//! writes the term shards and the header ([`write`]).

mod articles;
mod collect;
pub mod extract;
mod live;
pub mod tokens;
mod write;

pub use collect::Collector;
pub use live::Live;

use crate::content::kinds::{Role, Special};
use crate::site::routes::{Kind, Route};
use crate::site::Site;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use tokens::Dict;

/// The folder of an edition's index (`None`: the current edition).
pub fn folder(edition: Option<&str>) -> String {
    match edition {
        Some(e) => format!("editions/{e}/search-index/"),
        None => "search-index/".to_string(),
    }
}

/// What a record is made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// A written page, read as it goes to the output.
    Page,
    /// Question `n` of the quiz set.
    Question(usize),
}

#[derive(Debug, Clone)]
pub(crate) struct Rec {
    /// Root-less address, with `#q-…` for a question.
    pub url: String,
    pub kind: &'static str,
    pub context: String,
    pub boost: f64,
    /// Filters besides the kind: region, industry, measure.
    pub filters: Vec<(&'static str, String)>,
    pub source: Source,
    /// A law: each article (`#art-…` section) is a record of its own, after the others.
    pub split: bool,
}

/// One edition's index to build.
#[derive(Debug)]
pub(crate) struct Part {
    pub folder: String,
    pub edition: String,
    pub records: Vec<Rec>,
}

/// Every index to build, decided before rendering from the route table.
#[derive(Debug, Default)]
pub struct Plan {
    pub(crate) parts: Vec<Part>,
    /// Output path of a searchable page → (part, record id).
    pub(crate) by_path: HashMap<Arc<str>, (usize, u32)>,
    pub(crate) dict: Dict,
}

impl Plan {
    /// The indexes of every edition not in `cached` (whose index comes back with the edition).
    pub fn new(site: &Site, cached: &HashSet<String>) -> Plan {
        let mut plan = Plan {
            dict: dictionary(site),
            ..Plan::default()
        };
        for (edition, routes) in site.routes.search_lists() {
            if cached.contains(&edition) {
                continue;
            }
            let archived = (!edition.is_empty()).then_some(edition.as_str());
            let mut recs: Vec<(Rec, Option<Arc<str>>)> = routes
                .iter()
                .filter_map(|r| describe(site, r).map(|rec| (rec, Some(Arc::clone(&r.path)))))
                .collect();
            let banks: HashSet<usize> = routes
                .iter()
                .filter_map(|r| match r.kind {
                    Kind::Doc(i) if site.docs[i].role == Role::Bank => Some(i),
                    _ => None,
                })
                .collect();
            recs.extend(questions(site, &banks).into_iter().map(|q| (q, None)));
            recs.sort_by(|a, b| a.0.url.cmp(&b.0.url));
            let p = plan.parts.len();
            for (id, (_, path)) in recs.iter().enumerate() {
                if let Some(path) = path {
                    plan.by_path.insert(Arc::clone(path), (p, id as u32));
                }
            }
            plan.parts.push(Part {
                folder: folder(archived),
                edition: archived.unwrap_or(&site.config.edition).to_string(),
                records: recs.into_iter().map(|(r, _)| r).collect(),
            });
        }
        plan
    }

    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }
}

/// The glossary's terms and aliases.
fn dictionary(site: &Site) -> Dict {
    let Some(g) = &site.glossary else {
        return Dict::default();
    };
    Dict::new(
        g.terms
            .iter()
            .flat_map(|t| std::iter::once(&t.term).chain(&t.aliases))
            .map(String::as_str),
    )
}

/// Boosts: pages that answer a query come before the pages that list them.
const FULL: f64 = 1.0;
const OVERVIEW: f64 = 0.6;
const DATA: f64 = 0.5;
const LIST: f64 = 0.35;

/// A searchable route's record, without its text. Banks are indexed by question instead.
fn describe(site: &Site, r: &Route) -> Option<Rec> {
    let filters: Vec<(&'static str, String)> = r
        .search
        .iter()
        .flatten()
        .filter(|(k, _)| *k != "kind")
        .cloned()
        .collect();
    let (kind, boost, context) = match r.kind {
        Kind::Doc(i) => {
            let d = &site.docs[i];
            let parent = || {
                site.tree.parent[i]
                    .filter(|&p| !site.docs[p].url_path.is_empty())
                    .map(|p| site.docs[p].title.clone())
                    .unwrap_or_default()
            };
            match d.role {
                Role::Bank => return None,
                Role::Lesson => ("lesson", FULL, parent()),
                Role::Course => ("course", OVERVIEW, String::new()),
                Role::Case => match &d.special {
                    Special::Case(m) => ("case", FULL, m.region.clone()),
                    _ => ("case", FULL, String::new()),
                },
                Role::Law => ("law", FULL, parent()),
                Role::Checklist => ("checklist", FULL, String::new()),
                Role::Section => ("page", LIST, String::new()),
                Role::Page => ("page", FULL, parent()),
            }
        }
        Kind::Data(_) | Kind::Results(_) => ("data", DATA, String::new()),
        _ => ("page", LIST, String::new()),
    };
    let split = matches!(r.kind, Kind::Doc(i) if site.docs[i].role == Role::Law);
    Some(Rec {
        url: r.url_path().to_string(),
        kind,
        context,
        boost,
        filters,
        source: Source::Page,
        split,
    })
}

/// One record per question of the banks whose pages are documents `banks`, linking to the
/// question on its bank page.
fn questions(site: &Site, banks: &HashSet<usize>) -> Vec<Rec> {
    let quiz = &site.quiz;
    quiz.banks
        .iter()
        .filter(|b| banks.contains(&b.doc))
        .flat_map(|b| {
            b.questions.iter().map(move |&q| Rec {
                url: format!("{}#q-{}", b.href, quiz.questions[q].id),
                kind: "question",
                context: b.title.clone(),
                boost: FULL,
                filters: Vec::new(),
                source: Source::Question(q),
                split: false,
            })
        })
        .collect()
}
