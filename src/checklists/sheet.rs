//! What `shian quiz grade` writes of self-check codes: the 自查记录 table (per enterprise and date:
//! the form, the score, the rating, the failed items) for CSV/XLSX, and `data/checks/<form>.csv`,
//! where `--data` appends the codes the 履职率 page is built from (never twice the same record).

use super::tally::Row;
use super::Checklists;
use crate::results::report::{text, Cell, Table};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn date(day: u32) -> String {
    crate::results::time::date(u64::from(day) * 86_400)
}

fn rating(set: &Checklists, r: &Row) -> String {
    r.outcome
        .rating
        .map(|b| set.list[r.checklist].bands[b].name.clone())
        .unwrap_or_default()
}

fn failed(set: &Checklists, r: &Row) -> String {
    let items: Vec<&super::Item> = set.list[r.checklist].items().collect();
    r.failed
        .iter()
        .map(|&i| format!("{}. {}", items[i].number, items[i].text))
        .collect::<Vec<_>>()
        .join("；")
}

/// The 自查记录 table.
pub fn table(set: &Checklists, rows: &[Row]) -> Table {
    let headers = [
        "检查日期",
        "企业名称",
        "检查人",
        "自查表",
        "周期",
        "版本",
        "得分(%)",
        "评级",
        "不符合项数",
        "关键项不符合",
        "零风险",
        "不符合项",
        "风险等级",
        "汇总问题数",
        "未完成整改数",
        "来源",
        "自查码",
    ];
    let rows = rows
        .iter()
        .map(|r| {
            let c = &set.list[r.checklist];
            let risk = match r.record.risk {
                0 => String::new(),
                k => c.bands[usize::from(k) - 1].name.clone(),
            };
            vec![
                text(date(r.record.day)),
                text(r.record.enterprise.clone()),
                text(r.record.checker.clone()),
                text(c.title.clone()),
                text(c.period.key()),
                text(r.record.edition.clone()),
                r.outcome.score.map_or_else(|| text(""), Cell::Num),
                text(rating(set, r)),
                Cell::Num(r.outcome.fail as f64),
                text(if r.outcome.key_failed { "是" } else { "否" }),
                text(if r.outcome.zero_risk { "是" } else { "否" }),
                text(failed(set, r)),
                text(risk),
                Cell::Num(f64::from(r.record.gathered)),
                Cell::Num(f64::from(r.record.open)),
                text(format!("{}:{}", r.file, r.line)),
                text(r.code.clone()),
            ]
        })
        .collect();
    Table {
        sheet: "自查记录",
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows,
    }
}

/// `data/checks/<form>.csv` under the site root.
pub fn file_for(root: &Path, checklist: &str) -> PathBuf {
    root.join("data")
        .join("checks")
        .join(format!("{checklist}.csv"))
}

/// Appends the records not yet kept; returns (added, files written).
pub fn append(
    root: &Path,
    set: &Checklists,
    rows: &[Row],
) -> Result<(usize, Vec<PathBuf>), String> {
    let mut by: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    for r in rows {
        by.entry(set.list[r.checklist].id.as_str())
            .or_default()
            .push(r);
    }
    let (mut added, mut files) = (0, Vec::new());
    for (id, list) in by {
        let path = file_for(root, id);
        let old = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        let kept: HashSet<String> = crate::results::scan::find("", &Arc::from(old.as_str()), b'K')
            .into_iter()
            .map(|f| f.code)
            .collect();
        let new: Vec<&Row> = list
            .into_iter()
            .filter(|r| !kept.contains(&r.code))
            .collect();
        if new.is_empty() {
            continue;
        }
        let mut w = csv::Writer::from_writer(Vec::new());
        let fail = |e: csv::Error| format!("cannot write {}: {e}", path.display());
        if old.trim().is_empty() {
            w.write_record([
                "自查码",
                "检查日期",
                "企业名称",
                "检查人",
                "得分(%)",
                "评级",
            ])
            .map_err(fail)?;
        }
        for r in &new {
            let score = r.outcome.score.map(|s| s.to_string()).unwrap_or_default();
            w.write_record([
                r.code.as_str(),
                &date(r.record.day),
                &r.record.enterprise,
                &r.record.checker,
                &score,
                &rating(set, r),
            ])
            .map_err(fail)?;
        }
        let mut out = if old.is_empty() {
            b"\xEF\xBB\xBF".to_vec()
        } else {
            old.into_bytes()
        };
        if !out.ends_with(b"\n") && out.len() > 3 {
            out.push(b'\n');
        }
        out.extend(w.into_inner().map_err(|e| fail(e.into_error().into()))?);
        crate::results::store::write_atomic(&path, &out)?;
        added += new.len();
        files.push(path);
    }
    Ok((added, files))
}
