//! Self-check forms (自查表, `content/checklists/*.md`, docs/checklists.md): the daily 日管控 check
//! against the risk list, the weekly 周排查 and the monthly 月调度 that gather it.
//!
//! 1. [`parse`]: each body -> groups of items with spans;
//! 2. [`build`]: the front matter checked (period, bands, `gathers`), ids unique, 依据 resolved;
//! 3. [`record`]: the score and rating of a set of answers, the same rule the page applies;
//! 4. [`code`]: the 自查码 a record is handed in as (`SK1…`, the result code's codec);
//! 5. [`tally`]: codes -> rows per enterprise and date, and the 履职率 of `data/checks/`.

pub mod code;
pub mod parse;
pub mod record;
pub mod sheet;
pub mod tally;

use crate::content::kinds::{ChecklistMeta, Special};
use crate::corpus::Corpus;
use crate::diag::{Diagnostic, Diagnostics};
use crate::quiz::Ref;
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Daily,
    Weekly,
    Monthly,
    Once,
}

impl Period {
    fn parse(s: &str) -> Option<Period> {
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
    fn gathers(self) -> Option<Period> {
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

/// A diagnostic at `span` of document `doc`.
fn at(site: &Corpus<'_>, doc: usize, d: Diagnostic, span: Range<usize>, hint: &str) -> Diagnostic {
    let doc = &site.docs[doc];
    d.in_file(doc.display.clone())
        .at(&doc.source, span)
        .with_hint(hint.to_string())
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
            diags.push(at(site, i, d, p.span.clone(), p.hint));
        }
        let period = period(site, i, meta, diags);
        let bands = bands(site, i, meta, diags);
        let groups = groups(site, i, &body.groups, diags);
        if groups.is_empty() && meta.gathers.is_none() && body.groups.is_empty() {
            let d = Diagnostic::error(
                "E-CK-EMPTY",
                "自查表没有检查项 (the checklist has no groups of items)",
            );
            let end = doc.source.len();
            diags.push(at(
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
            set.list[c].gathers = resolve_gathers(site, &set, c, &g, diags);
        }
    }
    set
}

fn period(site: &Corpus<'_>, doc: usize, meta: &ChecklistMeta, diags: &mut Diagnostics) -> Period {
    Period::parse(&meta.period.value).unwrap_or_else(|| {
        let d = Diagnostic::error(
            "E-CK-PERIOD",
            format!(
                "无法识别的周期 {} (unknown period `{}`)",
                meta.period.value, meta.period.value
            ),
        );
        diags.push(at(site, doc, d, meta.period.span.clone(), "period is one of \"daily\" (日管控), \"weekly\" (周排查), \"monthly\" (月调度) or \"once\""));
        Period::Daily
    })
}

const BANDS_HINT: &str = "list bands from the highest score down, ending at 0, e.g. `bands = [[95, \"风险可控\"], [80, \"一般风险隐患\"], [0, \"严重风险隐患\"]]`";

fn bands(
    site: &Corpus<'_>,
    doc: usize,
    meta: &ChecklistMeta,
    diags: &mut Diagnostics,
) -> Vec<Band> {
    let Some((list, whole)) = &meta.bands else {
        return default_bands();
    };
    let mut problem = |msg: String, span: Range<usize>| {
        let d = Diagnostic::error("E-CK-BANDS", msg);
        diags.push(at(site, doc, d, span, BANDS_HINT));
    };
    let mut bad = false;
    if list.is_empty() {
        problem("评级没有分档 (`bands` is empty)".into(), whole.clone());
        return default_bands();
    }
    for (n, (min, name, span)) in list.iter().enumerate() {
        if !(0.0..=100.0).contains(min) {
            problem(format!("分档下限 {min} 不在 0 到 100 之间 (a band's lowest score is a percent, 0 to 100)"), span.clone());
            bad = true;
        } else if name.trim().is_empty() {
            problem("分档没有名称 (a band has no name)".into(), span.clone());
            bad = true;
        } else if n > 0 && *min >= list[n - 1].0 {
            problem(format!("分档没有从高到低排列：{min} 不低于上一档的 {} (bands are not in descending order)", list[n - 1].0), span.clone());
            bad = true;
        }
    }
    let last = &list[list.len() - 1];
    if !bad && last.0 != 0.0 {
        problem(format!("最后一档的下限是 {} 而不是 0，低于它的得分没有评级 (the last band must start at 0)", last.0), last.2.clone());
        bad = true;
    }
    if bad {
        return default_bands();
    }
    list.iter()
        .map(|(min, name, _)| Band {
            min: *min,
            name: name.trim().to_string(),
        })
        .collect()
}

/// The items of each group, ids checked unique within the form and 依据 resolved.
fn groups(
    site: &Corpus<'_>,
    doc: usize,
    raw: &[parse::RawGroup],
    diags: &mut Diagnostics,
) -> Vec<Group> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut dup = |id: &str, span: &Range<usize>, diags: &mut Diagnostics| {
        if id.is_empty() {
            return;
        }
        let source = &site.docs[doc].source;
        if let Some(&first) = seen.get(id) {
            let (line, _) = crate::diag::line_col(source, first);
            let d = Diagnostic::error(
                "E-CK-ID-DUP",
                format!("编号 {id} 重复 (the id `{id}` is used twice in this checklist)"),
            );
            let hint = format!("ids of groups and items are unique within a checklist; `{id}` is already used on line {line}");
            diags.push(at(site, doc, d, span.clone(), &hint));
        }
        seen.entry(id.to_string()).or_insert(span.start);
    };
    let mut number = 0;
    let mut out = Vec::new();
    for g in raw {
        dup(&g.id, &g.span, diags);
        let mut items = Vec::new();
        for it in &g.items {
            dup(&it.id, &it.span, diags);
            number += 1;
            items.push(Item {
                id: it.id.clone(),
                text: it.text.clone(),
                key: it.key,
                refs: refs(site, doc, it, diags),
                number,
            });
        }
        if !items.is_empty() {
            out.push(Group {
                id: g.id.clone(),
                title: g.title.clone(),
                items,
            });
        }
    }
    out
}

fn refs(site: &Corpus<'_>, doc: usize, it: &parse::RawItem, diags: &mut Diagnostics) -> Vec<Ref> {
    let Some((value, value_at)) = &it.basis else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for c in site.citations(value) {
        if let Err(Some(why)) = &c.href {
            let start = value_at + c.at;
            let d = Diagnostic::warning("W-CK-REF", format!("依据无法链接：{why}"));
            diags.push(at(
                site,
                doc,
                d,
                start..start + c.text.len(),
                crate::corpus::CITATION_HINT,
            ));
        }
        out.push(Ref {
            text: c.text.to_string(),
            href: c.href.unwrap_or_default(),
        });
    }
    out
}

/// The checklist a `gathers` names, in the same edition and of the period below this one's.
fn resolve_gathers(
    site: &Corpus<'_>,
    set: &Checklists,
    c: usize,
    g: &crate::content::Located,
    diags: &mut Diagnostics,
) -> Option<usize> {
    let me = &set.list[c];
    let found = set
        .list
        .iter()
        .position(|o| o.id == g.value && o.edition == me.edition);
    let message = match (found, me.period.gathers()) {
        (_, None) => format!(
            "{} 周期的自查表不能汇总其他表 (a {} form gathers nothing; only weekly and monthly forms do)",
            me.period.key(),
            me.period.key()
        ),
        (None, _) => format!(
            "没有名为 {} 的自查表 (no checklist `{}` in content/checklists/)",
            g.value, g.value
        ),
        (Some(o), Some(want)) if set.list[o].period != want => format!(
            "{} 是 {} 表，{} 表只能汇总 {} 表 (a {} form gathers a {} one)",
            g.value,
            set.list[o].period.key(),
            me.period.key(),
            want.key(),
            me.period.key(),
            want.key()
        ),
        (Some(o), Some(_)) => return Some(o),
    };
    let names: Vec<&str> = set
        .list
        .iter()
        .filter(|o| Some(o.period) == me.period.gathers() && o.edition == me.edition)
        .map(|o| o.id.as_str())
        .collect();
    let hint = if names.is_empty() {
        "a weekly form gathers a daily checklist, a monthly form a weekly one, by file name"
            .to_string()
    } else {
        format!(
            "gathers names a checklist by its file name: {}",
            names.join(", ")
        )
    };
    let d = Diagnostic::error("E-CK-GATHERS", message);
    diags.push(at(site, me.doc, d, g.span.clone(), &hint));
    None
}
