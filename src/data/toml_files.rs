//! The TOML data files: `pairings.toml`, `milestones.toml`, `indicators.toml`. Strict (unknown keys
//! are errors that list the allowed keys); enumerations and dates checked at their exact position.

use super::{date_of, Indicator, IndicatorValue, Milestone, Pairing, Problems};
use serde::Deserialize;
use toml::value::Datetime;
use toml::Spanned;

const KIND: crate::strict::Kind = crate::strict::Kind {
    unknown_key: "E-DATA-KEY",
    missing_key: "E-DATA-REQUIRED",
    syntax: "E-DATA-TOML",
    what: "data",
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PairingFile {
    #[serde(default)]
    pairing: Vec<PairingEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PairingEntry {
    id: Spanned<String>,
    lead: Spanned<String>,
    partners: Spanned<Vec<Spanned<String>>>,
    mode: Spanned<String>,
    district: Spanned<String>,
    started: Spanned<Datetime>,
    status: Spanned<String>,
    #[serde(default)]
    goals: Vec<String>,
}

pub const MODES: &[&str] = &["一对一", "一对多"];
pub const PAIRING_STATUSES: &[&str] = &["筹备中", "进行中", "已完成"];
pub const MILESTONE_STATUSES: &[&str] = &["未开始", "进行中", "已完成"];
pub const COMPARISONS: &[&str] = &[">=", "<=", "="];

fn parse<T: serde::de::DeserializeOwned>(p: &mut Problems<'_>) -> Option<T> {
    match crate::strict::parse(p.source, 0, p.source, p.file, KIND) {
        Ok(v) => Some(v),
        Err(d) => {
            p.push(d);
            None
        }
    }
}

fn spanned(s: &Spanned<String>) -> (String, std::ops::Range<usize>) {
    (s.get_ref().clone(), s.span())
}

pub fn pairings(p: &mut Problems<'_>) -> Vec<Pairing> {
    let Some(file) = parse::<PairingFile>(p) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for e in file.pairing {
        let mut ok = p.ascii_id(&spanned(&e.id));
        ok &= p.one_of(&spanned(&e.mode), MODES, "mode");
        ok &= p.one_of(&spanned(&e.status), PAIRING_STATUSES, "status");
        let started = date_of(&e.started, p);
        let n = e.partners.get_ref().len();
        match (e.mode.get_ref().as_str(), n) {
            (_, 0) => {
                ok = false;
                p.error(
                    "E-DATA-VALUE",
                    "a pairing needs at least one partner".into(),
                    e.partners.span(),
                    "list the partner enterprise ids, e.g. partners = [\"e011\"]",
                );
            }
            ("一对一", n) if n != 1 => {
                ok = false;
                p.error(
                    "E-DATA-VALUE",
                    format!("mode 一对一 but {n} partners"),
                    e.mode.span(),
                    "use mode = \"一对多\" for two or more partners",
                );
            }
            ("一对多", 1) => {
                ok = false;
                p.error(
                    "E-DATA-VALUE",
                    "mode 一对多 but only one partner".into(),
                    e.mode.span(),
                    "use mode = \"一对一\" for a single partner",
                );
            }
            _ => {}
        }
        if let (true, Some(started)) = (ok, started) {
            out.push(Pairing {
                id: e.id.get_ref().clone(),
                id_span: e.id.span(),
                lead: spanned(&e.lead),
                partners: e.partners.get_ref().iter().map(spanned).collect(),
                mode: e.mode.into_inner(),
                district: spanned(&e.district),
                started,
                status: e.status.into_inner(),
                goals: e.goals,
            });
        }
    }
    out
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MilestoneFile {
    /// The 统计日期: the day the statuses are true of (the page says so and marks it on the chart).
    as_of: Option<Spanned<Datetime>>,
    #[serde(default)]
    milestone: Vec<MilestoneEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MilestoneEntry {
    id: Spanned<String>,
    phase: String,
    start: Spanned<Datetime>,
    end: Spanned<Datetime>,
    status: Spanned<String>,
    #[serde(default)]
    owner: String,
}

/// The phases of milestones.toml, sorted by start, and its 统计日期 (`as_of`). A phase whose status
/// contradicts its dates on that day is a warning.
pub fn milestones(p: &mut Problems<'_>) -> (Vec<Milestone>, Option<String>) {
    let Some(file) = parse::<MilestoneFile>(p) else {
        return (Vec::new(), None);
    };
    let as_of = file.as_of.as_ref().and_then(|d| date_of(d, p));
    let mut out = Vec::new();
    for e in file.milestone {
        let mut ok = p.ascii_id(&spanned(&e.id));
        ok &= p.one_of(&spanned(&e.status), MILESTONE_STATUSES, "status");
        let (start, end) = (date_of(&e.start, p), date_of(&e.end, p));
        if let (Some(s), Some(en)) = (&start, &end) {
            if en < s {
                ok = false;
                p.error(
                    "E-DATA-VALUE",
                    format!("the phase ends ({en}) before it starts ({s})"),
                    e.end.span(),
                    "swap start and end, or correct the date",
                );
            }
        }
        if let (true, Some(start), Some(end)) = (ok, start, end) {
            if let Some(day) = &as_of {
                check_status(p, &e, &start, &end, day);
            }
            out.push(Milestone {
                id: e.id.into_inner(),
                phase: e.phase,
                start,
                end,
                status: e.status.into_inner(),
                owner: e.owner,
            });
        }
    }
    out.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)));
    (out, as_of)
}

/// Warns when a phase's status cannot be true on the 统计日期 `day` (dates as `YYYY-MM-DD`).
fn check_status(p: &mut Problems<'_>, e: &MilestoneEntry, start: &str, end: &str, day: &str) {
    let status = e.status.get_ref().as_str();
    let why = match status {
        "进行中" if day > end => format!("it ended on {end}, before the 统计日期 {day}"),
        "进行中" if day < start => format!("it starts on {start}, after the 统计日期 {day}"),
        "未开始" if day > end => format!("it was to end on {end}, before the 统计日期 {day}"),
        "已完成" if day < start => format!("it starts on {start}, after the 统计日期 {day}"),
        _ => return,
    };
    let hint = match status {
        "进行中" if day > end => {
            "set status = \"已完成\" if it is done, or move `end` if it was extended"
        }
        "未开始" => "set the status it has on the 统计日期, or move its dates",
        _ => "correct the status or the dates, or the as_of date at the top of the file",
    };
    p.push(
        crate::diag::Diagnostic::warning(
            "W-DATA-STATUS",
            format!("phase `{}` is `{status}`, but {why}", e.id.get_ref()),
        )
        .in_file(p.file.to_string())
        .at(p.source, e.status.span())
        .with_hint(hint.to_string()),
    );
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorFile {
    #[serde(default)]
    indicator: Vec<IndicatorEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorEntry {
    id: Spanned<String>,
    name: String,
    #[serde(default)]
    unit: String,
    target: Spanned<f64>,
    comparison: Spanned<String>,
    #[serde(default)]
    period: String,
    /// The id of an exam whose first-attempt pass rate is the indicator's value.
    results: Option<Spanned<String>>,
    /// `checks = true`: the value is the 履职率 of the self-check records in `data/checks/`.
    checks: Option<Spanned<bool>>,
    #[serde(default)]
    values: Vec<ValueEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ValueEntry {
    scope: Spanned<String>,
    value: Spanned<f64>,
}

pub fn indicators(p: &mut Problems<'_>) -> Vec<Indicator> {
    let Some(file) = parse::<IndicatorFile>(p) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for e in file.indicator {
        let mut ok = p.ascii_id(&spanned(&e.id));
        ok &= p.one_of(&spanned(&e.comparison), COMPARISONS, "comparison");
        for n in std::iter::once(&e.target).chain(e.values.iter().map(|v| &v.value)) {
            if !n.get_ref().is_finite() {
                p.error(
                    "E-DATA-VALUE",
                    format!(
                        "数值 {} 不是有限数 (`{}` is not a finite number)",
                        n.get_ref(),
                        n.get_ref()
                    ),
                    n.span(),
                    "write a number such as 90 or 92.5; nan and inf are not figures",
                );
                ok = false;
            }
        }
        if ok {
            out.push(Indicator {
                id: e.id.into_inner(),
                name: e.name,
                unit: e.unit,
                target: *e.target.get_ref(),
                comparison: e.comparison.into_inner(),
                period: e.period,
                results: e.results.as_ref().map(spanned),
                checks: e.checks.as_ref().filter(|c| *c.get_ref()).map(|c| c.span()),
                values: e
                    .values
                    .into_iter()
                    .map(|v| IndicatorValue {
                        scope: spanned(&v.scope),
                        value: *v.value.get_ref(),
                    })
                    .collect(),
            });
        }
    }
    out
}
