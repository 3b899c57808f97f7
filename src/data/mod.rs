//! Activity data (`data/`): typed, strict datasets with every reference checked.
//!
//! | file | rows |
//! |---|---|
//! | enterprises.csv | one enterprise: id, name, district, industry, scale, risk_grade |
//! | pairings.toml | `[[pairing]]` 大企带小企 pairs: lead and partners are enterprise ids |
//! | milestones.toml | `[[milestone]]` 进度表 phases |
//! | indicators.toml | `[[indicator]]` targets, with `[[indicator.values]]` per scope |
//! | trainings.csv | one training session |
//! | terms.toml | `[[region]]`, `[[industry]]`, `[[measure]]`: a case taxonomy term's slug and description |
//!
//! Each problem names the file, the line and the column. The glossary lives in [`crate::glossary`].

mod checks;
pub mod csv_files;
pub mod terms;
pub mod toml_files;

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::SourceFile;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::sync::Arc;

#[derive(Debug, Clone, Serialize)]
pub struct Enterprise {
    pub id: String,
    pub name: String,
    pub district: String,
    pub industry: String,
    pub scale: String,
    pub risk_grade: String,
    #[serde(skip)]
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Pairing {
    pub id: String,
    #[serde(skip)]
    pub id_span: Range<usize>,
    #[serde(serialize_with = "first")]
    pub lead: (String, Range<usize>),
    #[serde(serialize_with = "firsts")]
    pub partners: Vec<(String, Range<usize>)>,
    pub mode: String,
    #[serde(serialize_with = "first")]
    pub district: (String, Range<usize>),
    pub started: String,
    pub status: String,
    pub goals: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Milestone {
    pub id: String,
    pub phase: String,
    pub start: String,
    pub end: String,
    pub status: String,
    pub owner: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub target: f64,
    pub comparison: String,
    pub period: String,
    /// `results = "<exam id>"`: the values are the first-attempt pass rates of that exam's attempts
    /// in `data/results/`, by district and for the whole (filled in by [`crate::results::board`]).
    #[serde(serialize_with = "first_opt")]
    pub results: Option<(String, Range<usize>)>,
    /// `checks = true`: the values are the 履职率 of `data/checks/` (filled in by
    /// [`crate::checklists::tally`]); the span of the key's value in indicators.toml.
    #[serde(skip)]
    pub checks: Option<Range<usize>>,
    pub values: Vec<IndicatorValue>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorValue {
    #[serde(serialize_with = "first")]
    pub scope: (String, Range<usize>),
    pub value: f64,
}

impl Indicator {
    pub fn met(&self, value: f64) -> bool {
        match self.comparison.as_str() {
            ">=" => value >= self.target,
            "<=" => value <= self.target,
            _ => (value - self.target).abs() < 1e-9,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Training {
    pub date: String,
    pub title: String,
    pub audience: String,
    pub participants: u32,
    pub hours: f64,
    pub venue: String,
}

fn first<S: serde::Serializer>(v: &(String, Range<usize>), s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&v.0)
}

fn first_opt<S: serde::Serializer>(
    v: &Option<(String, Range<usize>)>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) => s.serialize_str(&x.0),
        None => s.serialize_none(),
    }
}

fn firsts<S: serde::Serializer>(v: &[(String, Range<usize>)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(v.iter().map(|x| &x.0))
}

/// Scopes of an indicator that are not district names.
pub const WHOLE_SCOPES: &[&str] = &["全市", "全区", "全省", "合计", "总计"];

#[derive(Debug, Default)]
pub struct DataSet {
    pub enterprises: Vec<Enterprise>,
    pub pairings: Vec<Pairing>,
    pub milestones: Vec<Milestone>,
    /// The 统计日期 of milestones.toml (`as_of = 2024-11-30`), `YYYY-MM-DD`.
    pub as_of: Option<String>,
    pub indicators: Vec<Indicator>,
    pub trainings: Vec<Training>,
    /// The case taxonomy terms described in terms.toml (region, industry, measure).
    pub terms: [Vec<terms::TermInfo>; 3],
    /// The text of terms.toml, for warnings about its entries found later (a term no case uses).
    pub terms_source: Option<Arc<str>>,
    /// Which files the site has.
    pub has: BTreeSet<&'static str>,
    /// Which of them had an error: what refers to them is not checked against them (one mistake,
    /// one error, not one per reference).
    pub broken: BTreeSet<&'static str>,
}

impl DataSet {
    /// The file `name` (`enterprises`) is there and read without error: references to it can be
    /// checked.
    pub fn trusted(&self, name: &str) -> bool {
        self.has.contains(name) && !self.broken.contains(name)
    }
}

impl DataSet {
    pub fn enterprise(&self, id: &str) -> Option<&Enterprise> {
        self.enterprises.iter().find(|e| e.id == id)
    }

    pub fn districts(&self) -> BTreeSet<&str> {
        self.enterprises
            .iter()
            .map(|e| e.district.as_str())
            .collect()
    }

    /// Every dataset as JSON, for the template function `data(name=…)`.
    pub fn json(&self) -> HashMap<&'static str, serde_json::Value> {
        let mut m = HashMap::new();
        m.insert(
            "enterprises",
            serde_json::to_value(&self.enterprises).unwrap_or_default(),
        );
        m.insert(
            "pairings",
            serde_json::to_value(&self.pairings).unwrap_or_default(),
        );
        m.insert(
            "milestones",
            serde_json::to_value(&self.milestones).unwrap_or_default(),
        );
        m.insert(
            "indicators",
            serde_json::to_value(&self.indicators).unwrap_or_default(),
        );
        m.insert(
            "trainings",
            serde_json::to_value(&self.trainings).unwrap_or_default(),
        );
        m
    }
}

/// Diagnostics of one data file.
pub struct Problems<'a> {
    pub file: &'a str,
    pub source: &'a Arc<str>,
    diags: &'a mut Diagnostics,
}

impl<'a> Problems<'a> {
    pub fn new(file: &'a str, source: &'a Arc<str>, diags: &'a mut Diagnostics) -> Problems<'a> {
        Problems {
            file,
            source,
            diags,
        }
    }

    pub fn error(&mut self, code: &'static str, msg: String, span: Range<usize>, hint: &str) {
        self.diags.push(
            Diagnostic::error(code, msg)
                .in_file(self.file.to_string())
                .at(self.source, span)
                .with_hint(hint.to_string()),
        );
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Checks that `v` is one of `allowed`.
    pub fn one_of(&mut self, v: &(String, Range<usize>), allowed: &[&str], what: &str) -> bool {
        if allowed.contains(&v.0.as_str()) {
            return true;
        }
        self.error(
            "E-DATA-VALUE",
            format!("{what} `{}` is not allowed", v.0),
            v.1.clone(),
            &format!("{what} is one of: {}", allowed.join(", ")),
        );
        false
    }

    pub fn ascii_id(&mut self, v: &(String, Range<usize>)) -> bool {
        let ok = !v.0.is_empty()
            && v.0
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !ok {
            self.error(
                "E-DATA-VALUE",
                format!("id `{}` must use ASCII letters, digits, '-' or '_'", v.0),
                v.1.clone(),
                "ids are used in links: write them like e001 or p-01",
            );
        }
        ok
    }
}

/// A date written `YYYY-MM-DD`, checked for a real calendar day.
pub fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let mut it = s.trim().split('-');
    let (y, m, d) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    ((1..=12).contains(&m) && d >= 1 && d <= days[(m - 1) as usize]).then_some((y, m, d))
}

/// Days since 1970-01-01 (proleptic Gregorian), for laying dates out on a timeline.
pub fn day_number((y, m, d): (i32, u32, u32)) -> i64 {
    let (y, m) = if m <= 2 {
        (y as i64 - 1, m + 9)
    } else {
        (y as i64, m - 3)
    };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m as i64 + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The `YYYY-MM-DD` of a TOML date, or an error at its position.
fn date_of(v: &toml::Spanned<toml::value::Datetime>, p: &mut Problems<'_>) -> Option<String> {
    let dt = v.get_ref();
    match (dt.date, dt.time) {
        (Some(d), None) => Some(format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)),
        _ => {
            p.error(
                "E-DATA-VALUE",
                format!("`{dt}` is not a plain date"),
                v.span(),
                "write a date without a time, e.g. 2024-06-01",
            );
            None
        }
    }
}

const FILES: &[&str] = &[
    "enterprises.csv",
    "pairings.toml",
    "milestones.toml",
    "indicators.toml",
    "trainings.csv",
    "terms.toml",
];

/// Parses every data file the site has (`files`: the contents of `data/`, by path under it) and
/// checks the references between them.
pub fn parse(files: &[SourceFile], diags: &mut Diagnostics) -> DataSet {
    let sources: HashMap<&'static str, Arc<str>> = FILES
        .iter()
        .filter_map(|&name| {
            files
                .iter()
                .find(|f| f.rel == name)
                .map(|f| (name, Arc::clone(&f.text)))
        })
        .collect();
    let mut set = DataSet::default();
    for &name in FILES {
        let Some(source) = sources.get(name) else {
            continue;
        };
        let file = format!("data/{name}");
        let errors_before = diags.error_count();
        let mut p = Problems {
            file: &file,
            source,
            diags,
        };
        match name {
            "enterprises.csv" => set.enterprises = csv_files::enterprises(&mut p),
            "pairings.toml" => set.pairings = toml_files::pairings(&mut p),
            "milestones.toml" => {
                (set.milestones, set.as_of) = toml_files::milestones(&mut p);
            }
            "indicators.toml" => set.indicators = toml_files::indicators(&mut p),
            "terms.toml" => {
                set.terms = terms::terms(&mut p);
                set.terms_source = Some(Arc::clone(source));
            }
            _ => set.trainings = csv_files::trainings(&mut p),
        }
        let stem = name.split('.').next().unwrap_or(name);
        set.has.insert(stem);
        if diags.error_count() > errors_before {
            set.broken.insert(stem);
        }
    }
    checks::references(&set, &sources, diags);
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("2024-02-29"), Some((2024, 2, 29)));
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("2024-13-01"), None);
        assert_eq!(parse_date("2024/01/01"), None);
        assert_eq!(day_number((1970, 1, 1)), 0);
        assert_eq!(day_number((2024, 6, 1)) - day_number((2024, 5, 31)), 1);
    }
}
