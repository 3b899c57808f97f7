//! Self-check codes read back: each `SK1…` code found in a file, checked against its checklist
//! (same form, edition and items), scored again; and the 履职率 of the records kept in
//! `data/checks/`: the share of expected daily, weekly and monthly records actually handed in.

use super::code::{self, Record};
use super::record::{outcome, Answer, Outcome};
use super::{Checklists, Period};
use crate::diag::{Diagnostic, Diagnostics};
use crate::results::code::CodeError;
use crate::results::scan::Found;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The path of the 履职率 page.
pub const DUTY_PATH: &str = "results/self-checks/";

/// One record read back and scored.
#[derive(Debug, Clone)]
pub struct Row {
    pub record: Record,
    pub code: String,
    /// Index in `Checklists::list`.
    pub checklist: usize,
    pub outcome: Outcome,
    /// Indexes (in item order) of the items answered 不符合.
    pub failed: Vec<usize>,
    pub file: String,
    pub line: usize,
}

#[derive(Debug, Default)]
pub struct Batch {
    pub rows: Vec<Row>,
    pub rejected: usize,
    /// Earlier codes of the same form, day, enterprise and checker, replaced by a later one.
    pub replaced: usize,
}

/// `(checklist, day, enterprise, checker)`: a record handed in again after an edit replaces it.
fn identity(r: &Record) -> (String, u32, String, String) {
    (
        r.checklist.clone(),
        r.day,
        r.enterprise.trim().to_string(),
        r.checker.trim().to_string(),
    )
}

fn problem(f: &Found, code: &'static str, msg: String, hint: &str) -> Diagnostic {
    Diagnostic::error(code, msg)
        .with_hint(hint.to_string())
        .in_file(f.file.clone())
        .at(&f.source, f.span.clone())
}

fn code_problem(f: &Found, e: &CodeError) -> Diagnostic {
    let (code, hint) = match e {
        CodeError::Malformed(_) => ("E-SK-MALFORMED", "copy the whole 自查码 from the form page: it starts with SK1 and has only letters, digits, - and _"),
        CodeError::Version(_) => ("E-SK-VERSION", "update shian to read codes from newer pages"),
        CodeError::Truncated => ("E-SK-TRUNCATED", "ask the enterprise for the whole code (the copy button on the form copies all of it)"),
        CodeError::Checksum => ("E-SK-TAMPERED", "a character of the code was changed; ask for the code as the form page shows it"),
    };
    let msg = e
        .to_string()
        .replace("结果码", "自查码")
        .replace("result code", "self-check code");
    problem(f, code, msg, hint)
}

/// Reads every code found; a code that does not fit its checklist is an error at its place.
/// Rows come out by date, then enterprise.
pub fn read(set: &Checklists, current: &str, found: Vec<Found>, diags: &mut Diagnostics) -> Batch {
    let mut batch = Batch::default();
    let mut at: HashMap<(String, u32, String, String), usize> = HashMap::new();
    for f in found {
        let record = match code::decode(&f.code) {
            Ok(r) => r,
            Err(e) => {
                diags.push(code_problem(&f, &e));
                batch.rejected += 1;
                continue;
            }
        };
        let row = match fit(set, current, &record) {
            Ok(c) => score(set, c, record, &f),
            Err((code, msg, hint)) => {
                diags.push(problem(&f, code, msg, hint));
                batch.rejected += 1;
                continue;
            }
        };
        match at.get(&identity(&row.record)) {
            Some(&i) => {
                batch.rows[i] = row;
                batch.replaced += 1;
            }
            None => {
                at.insert(identity(&row.record), batch.rows.len());
                batch.rows.push(row);
            }
        }
    }
    batch.rows.sort_by(|a, b| {
        (
            a.record.day,
            &a.record.enterprise,
            &set.list[a.checklist].id,
        )
            .cmp(&(
                b.record.day,
                &b.record.enterprise,
                &set.list[b.checklist].id,
            ))
    });
    batch
}

type Misfit = (&'static str, String, &'static str);

/// The checklist a record belongs to.
fn fit(set: &Checklists, current: &str, r: &Record) -> Result<usize, Misfit> {
    let edition = |c: &super::Checklist| c.edition.clone().unwrap_or_else(|| current.to_string());
    let same: Vec<usize> = (0..set.list.len())
        .filter(|&i| set.list[i].id == r.checklist)
        .collect();
    if same.is_empty() {
        return Err((
            "E-SK-FORM",
            format!(
                "站点没有自查表 {} (unknown checklist `{}`)",
                r.checklist, r.checklist
            ),
            "the code names a checklist of another site, or one that was removed or renamed",
        ));
    }
    let Some(&c) = same.iter().find(|&&i| edition(&set.list[i]) == r.edition) else {
        return Err((
            "E-SK-EDITION",
            format!("自查表 {} 没有 {} 版 (checklist `{}` has no edition `{}`)", r.checklist, r.edition, r.checklist, r.edition),
            "freeze an edition (shian edition freeze NAME) before changing a checklist that enterprises use",
        ));
    };
    let list = &set.list[c];
    if list.hash != r.hash {
        return Err((
            "E-SK-HASH",
            format!("自查表 {} 的检查项已改动 (the items of `{}` changed after this record was made)", r.checklist, r.checklist),
            "the record was made with other items; freeze an edition before adding, removing or reordering items",
        ));
    }
    if r.answers.len() != list.item_count() || usize::from(r.risk) > list.bands.len() {
        return Err((
            "E-SK-ANSWERS",
            format!(
                "答案与自查表不符 (the code has {} answers for {} items)",
                r.answers.len(),
                list.item_count()
            ),
            "the code was made by hand or by another tool; ask for the code shown on the form page",
        ));
    }
    Ok(c)
}

fn score(set: &Checklists, c: usize, record: Record, f: &Found) -> Row {
    let list = &set.list[c];
    let keys: Vec<bool> = list.items().map(|i| i.key).collect();
    let outcome = outcome(&record.answers, &keys, &list.bands);
    let failed = (0..record.answers.len())
        .filter(|&i| record.answers[i] == Answer::Fail)
        .collect();
    Row {
        code: f.code.clone(),
        checklist: c,
        outcome,
        failed,
        file: f.file.clone(),
        line: f.line(),
        record,
    }
}

/// The records one enterprise handed in, against those expected in the window.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Duty {
    pub enterprise: String,
    pub district: String,
    /// Daily, weekly, monthly: (handed in, expected).
    pub counts: [(u32, u32); 3],
}

impl Duty {
    pub fn rate(&self) -> Option<f64> {
        rate(&self.counts)
    }
}

fn rate(counts: &[(u32, u32); 3]) -> Option<f64> {
    let (got, want) = counts
        .iter()
        .fold((0, 0), |(g, w), &(a, b)| (g + a.min(b), w + b));
    (want > 0).then(|| (f64::from(got) * 1000.0 / f64::from(want)).round() / 10.0)
}

/// What the 履职率 page shows.
#[derive(Debug, Default)]
pub struct DutyBoard {
    /// First and last day (days since 1970) of the records.
    pub window: Option<(u32, u32)>,
    pub enterprises: Vec<Duty>,
    /// By district, then the whole (`全市`) last.
    pub districts: Vec<Duty>,
    pub rows: Vec<Row>,
}

impl DutyBoard {
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// Monday-based week number of a day (1970-01-01 was a Thursday).
fn week(day: u32) -> u32 {
    (day + 3) / 7
}

fn month(day: u32) -> u32 {
    let (y, m, _) = crate::results::time::civil(i64::from(day));
    (y as u32) * 12 + m
}

/// The 履职率 of `rows`: in the window from the first to the last record, every calendar day
/// expects a daily record, every week touched a weekly one and every month touched a monthly one
/// (of the periods each enterprise owes, see [`owed`]), per enterprise that handed in any record.
pub fn duty(set: &Checklists, data: &crate::data::DataSet, rows: Vec<Row>) -> DutyBoard {
    let (Some(first), Some(last)) = (
        rows.iter().map(|r| r.record.day).min(),
        rows.iter().map(|r| r.record.day).max(),
    ) else {
        return DutyBoard::default();
    };
    let span = [
        last - first + 1,
        week(last) - week(first) + 1,
        month(last) - month(first) + 1,
    ];
    let mut seen: BTreeMap<String, ([BTreeSet<u32>; 3], BTreeSet<usize>)> = BTreeMap::new();
    for r in &rows {
        let (slots, used) = seen
            .entry(r.record.enterprise.trim().to_string())
            .or_default();
        used.insert(r.checklist);
        match set.list[r.checklist].period {
            Period::Daily => slots[0].insert(r.record.day),
            Period::Weekly => slots[1].insert(week(r.record.day)),
            Period::Monthly => slots[2].insert(month(r.record.day)),
            Period::Once => false,
        };
    }
    let district = |name: &str| {
        data.enterprises
            .iter()
            .find(|e| e.name == name)
            .map(|e| e.district.clone())
            .unwrap_or_default()
    };
    let enterprises: Vec<Duty> = seen
        .into_iter()
        .map(|(name, (slots, used))| {
            let owed = owed(set, &used);
            Duty {
                district: district(&name),
                counts: [0, 1, 2].map(|p| {
                    let want = if owed[p] { span[p] } else { 0 };
                    (slots[p].len() as u32, want)
                }),
                enterprise: name,
            }
        })
        .collect();
    let mut by: BTreeMap<String, [(u32, u32); 3]> = BTreeMap::new();
    for e in &enterprises {
        if e.district.is_empty() {
            continue;
        }
        add(by.entry(e.district.clone()).or_default(), &e.counts);
    }
    let mut whole = [(0, 0); 3];
    for e in &enterprises {
        add(&mut whole, &e.counts);
    }
    let mut districts: Vec<Duty> = by
        .into_iter()
        .map(|(district, counts)| Duty {
            enterprise: String::new(),
            district,
            counts,
        })
        .collect();
    districts.push(Duty {
        enterprise: String::new(),
        district: "全市".to_string(),
        counts: whole,
    });
    DutyBoard {
        window: Some((first, last)),
        enterprises,
        districts,
        rows,
    }
}

/// Fills the values of every indicator with `checks = true`: the 履职率 by district and for the
/// whole under `全市`.
pub fn fill_indicators(
    data: &mut crate::data::DataSet,
    board: &DutyBoard,
    has_checklists: bool,
    source: Option<&crate::load::SourceFile>,
    diags: &mut Diagnostics,
) {
    for ind in &mut data.indicators {
        let Some(span) = ind.checks.clone() else {
            continue;
        };
        let problem = |msg: String, hint: &str| {
            let mut d = Diagnostic::error("E-DATA-CHECKS", msg).with_hint(hint.to_string());
            if let Some(f) = source {
                d = d.in_file(f.display.clone()).at(&f.text, span.clone());
            }
            d
        };
        if ind.results.is_some() || !ind.values.is_empty() {
            diags.push(problem(
                format!("指标 {} 的数值来自自查记录，不能再手填或引用考试 (indicator `{}` has `checks` and also `results` or typed values)", ind.id, ind.id),
                "keep one source of values: remove `results` and the [[indicator.values]] entries",
            ));
            continue;
        }
        if !has_checklists {
            diags.push(problem(
                format!("网站没有自查表，指标 {} 没有数据来源 (indicator `{}` counts self-check records, but content/checklists/ has none)", ind.id, ind.id),
                "add checklists under content/checklists/, or remove `checks = true`",
            ));
            continue;
        }
        let value = |d: &Duty| {
            d.rate().map(|v| crate::data::IndicatorValue {
                scope: (d.district.clone(), span.clone()),
                value: v,
            })
        };
        ind.values = board.districts.iter().filter_map(value).collect();
    }
}

/// Which of daily, weekly and monthly records an enterprise owes, from the forms it used: a daily
/// form owes daily records; a weekly form that gathers a daily one it used (or that it used) owes
/// weekly reports; a monthly form gathering such a weekly one owes monthly reviews. So a 小作坊 that
/// only fills in a daily 5S check that nothing gathers owes daily records only.
fn owed(set: &Checklists, used: &BTreeSet<usize>) -> [bool; 3] {
    let daily = used.iter().any(|&c| set.list[c].period == Period::Daily);
    let weeklies: Vec<usize> = (0..set.list.len())
        .filter(|&w| set.list[w].period == Period::Weekly)
        .filter(|&w| used.contains(&w) || set.list[w].gathers.is_some_and(|g| used.contains(&g)))
        .collect();
    let monthly = (0..set.list.len()).any(|m| {
        set.list[m].period == Period::Monthly
            && (used.contains(&m) || set.list[m].gathers.is_some_and(|g| weeklies.contains(&g)))
    });
    [daily, !weeklies.is_empty(), monthly]
}

fn add(sum: &mut [(u32, u32); 3], counts: &[(u32, u32); 3]) {
    for (s, c) in sum.iter_mut().zip(counts) {
        s.0 += c.0;
        s.1 += c.1;
    }
}

/// The `data/` files that hold self-check codes.
pub fn is_checks_file(rel: &str) -> bool {
    rel.starts_with("checks/") && (rel.ends_with(".csv") || rel.ends_with(".txt"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn weeks_start_on_monday() {
        // 2024-12-02 was a Monday: day 20059.
        assert_eq!(super::week(20_059), super::week(20_065));
        assert_ne!(super::week(20_058), super::week(20_059));
    }
}
