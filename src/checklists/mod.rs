//! Self-check forms (自查表, `content/checklists/*.md`, docs/checklists.md): the daily 日管控 check
//! against the risk list, the weekly 周排查 and the monthly 月调度 that gather it.
//!
//! 1. [`parse`]: each body -> groups of items with spans;
//! 2. [`build`]: the front matter checked (period, bands, `gathers`), ids unique, 依据 resolved;
//! 3. [`record`]: the score and rating of a set of answers, the same rule the page applies;
//! 4. [`code`]: the 自查码 a record is handed in as (`SK1…`, the result code's codec);
//! 5. [`tally`]: codes -> rows per enterprise and date, and the 履职率 of `data/checks/`.

mod check;
pub mod code;
pub mod parse;
pub mod record;
pub mod sheet;
pub mod tally;

use crate::content::kinds::Special;
use crate::corpus::Corpus;
use crate::diag::{Diagnostic, Diagnostics};
use crate::quiz::Ref;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Daily,
    Weekly,
    Monthly,
    Once,
}

impl Period {
    pub(super) fn parse(s: &str) -> Option<Period> {
        match s {
            "daily" => Some(Period::Daily),
            "weekly" => Some(Period::Weekly),
            "monthly" => Some(Period::Monthly),
            "once" => Some(Period::Once),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Period::Daily => "daily",
            Period::Weekly => "weekly",
            Period::Monthly => "monthly",
            Period::Once => "once",
        }
    }

    /// The period of the forms this one may gather.
    pub(super) fn gathers(self) -> Option<Period> {
        match self {
            Period::Weekly => Some(Period::Daily),
            Period::Monthly => Some(Period::Weekly),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Band {
    /// The lowest score (percent) of the band.
    pub min: f64,
    pub name: String,
}

/// The bands when a checklist has no `[rating]`.
pub fn default_bands() -> Vec<Band> {
    [
        (95.0, "风险可控"),
        (80.0, "一般风险隐患"),
        (0.0, "严重风险隐患"),
    ]
    .into_iter()
    .map(|(min, name)| Band {
        min,
        name: name.to_string(),
    })
    .collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub id: String,
    pub text: String,
    pub key: bool,
    pub refs: Vec<Ref>,
    /// 1-based number in the whole form.
    pub number: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub id: String,
    pub title: String,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone)]
pub struct Checklist {
    pub doc: usize,
    /// The archived edition; `None` for the current one.
    pub edition: Option<String>,
    /// The file name without `.md` (`food-production-daily`).
    pub id: String,
    pub title: String,
    pub period: Period,
    pub applies: Vec<String>,
    pub roles: Vec<String>,
    /// Index of the checklist whose records this one gathers.
    pub gathers: Option<usize>,
    pub bands: Vec<Band>,
    pub groups: Vec<Group>,
    /// Length of the Markdown intro at the start of the body.
    pub intro_len: usize,
    /// Hash of the item ids and key marks in order: a code is read against the same items.
    pub hash: String,
    pub href: String,
}

impl Checklist {
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.groups.iter().flat_map(|g| g.items.iter())
    }

    pub fn item_count(&self) -> usize {
        self.groups.iter().map(|g| g.items.len()).sum()
    }
}

#[derive(Debug, Default)]
pub struct Checklists {
    pub list: Vec<Checklist>,
    /// Checklist index of each checklist document.
    pub of_doc: HashMap<usize, usize>,
}

impl Checklists {
    /// The checklist `id` of an edition (`None`: the current one).
    pub fn get(&self, edition: Option<&str>, id: &str) -> Option<&Checklist> {
        self.list
            .iter()
            .find(|c| c.id == id && c.edition.as_deref() == edition)
    }
}

/// Builds every checklist of the site.
pub fn build(site: &Corpus<'_>, diags: &mut Diagnostics) -> Checklists {
    let mut set = Checklists::default();
    let mut gathers: Vec<Option<crate::content::Located>> = Vec::new();
    for (i, doc) in site.docs.iter().enumerate() {
        let Special::Checklist(meta) = &doc.special else {
            continue;
        };
        let body = parse::parse(doc.body(), doc.body_offset);
        for p in &body.problems {
            let d = Diagnostic::error(p.code, p.message.clone());
            diags.push(check::at(site, i, d, p.span.clone(), p.hint));
        }
        let period = check::period(site, i, meta, diags);
        let bands = check::bands(site, i, meta, diags);
        let groups = check::groups(site, i, &body.groups, diags);
        if groups.is_empty() && meta.gathers.is_none() && body.groups.is_empty() {
            let d = Diagnostic::error(
                "E-CK-EMPTY",
                "自查表没有检查项 (the checklist has no groups of items)",
            );
            let end = doc.source.len();
            diags.push(check::at(
                site,
                i,
                d,
                doc.body_offset..end,
                "add `## group {#id}` headings with `- {#id} text` items under them",
            ));
        }
        let mut h = crate::hash::Fnv::default();
        for it in groups.iter().flat_map(|g| &g.items) {
            h.field(&it.id);
            h.field(if it.key { "k" } else { "" });
        }
        set.of_doc.insert(i, set.list.len());
        gathers.push(meta.gathers.clone());
        set.list.push(Checklist {
            doc: i,
            edition: doc.edition.clone(),
            id: doc
                .base_rel
                .trim_start_matches("checklists/")
                .trim_end_matches(".md")
                .to_string(),
            title: doc.title.clone(),
            period,
            applies: meta.applies.clone(),
            roles: meta.roles.clone(),
            gathers: None,
            bands,
            groups,
            intro_len: body.intro_len,
            hash: h.hex(),
            href: site.href(i),
        });
    }
    for (c, g) in gathers.into_iter().enumerate() {
        if let Some(g) = g {
            set.list[c].gathers = check::resolve_gathers(site, &set, c, &g, diags);
        }
    }
    set
}
