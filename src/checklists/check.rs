//! The checks of a checklist's parts: its period, its rating bands, its items' ids and 依据, and the
//! form its `gathers` names. Each problem is one diagnostic at its place (docs/checklists.md).

use super::{default_bands, parse, Band, Checklists, Group, Item, Period};
use crate::content::kinds::ChecklistMeta;
use crate::corpus::Corpus;
use crate::diag::{Diagnostic, Diagnostics};
use crate::quiz::Ref;
use std::collections::HashMap;
use std::ops::Range;

/// A diagnostic at `span` of document `doc`.
pub(super) fn at(
    site: &Corpus<'_>,
    doc: usize,
    d: Diagnostic,
    span: Range<usize>,
    hint: &str,
) -> Diagnostic {
    let doc = &site.docs[doc];
    d.in_file(doc.display.clone())
        .at(&doc.source, span)
        .with_hint(hint.to_string())
}

pub(super) fn period(
    site: &Corpus<'_>,
    doc: usize,
    meta: &ChecklistMeta,
    diags: &mut Diagnostics,
) -> Period {
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

pub(super) fn bands(
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
pub(super) fn groups(
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
pub(super) fn resolve_gathers(
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
