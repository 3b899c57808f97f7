//! Exam blueprints: `content/exams/<id>.toml`, strict. A preset fills defaults and adds rules
//! (`samr-2019`: at least 30 questions, pass at 90% or more, per 市场监管总局公告2019年第33号). Each
//! `[[draw]]` takes `count` questions of one type from a category glob; a draw that asks for more than
//! its pool holds, or a pass mark that cannot be reached, is an error.

use super::draw::{glob_match, parse_duration};
use super::{QType, QuizSet};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::SourceFile;
use crate::site::Site;
use crate::strict;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::ops::Range;
use toml::Spanned;

const KIND: strict::Kind = strict::Kind {
    unknown_key: "E-EXAM-KEY",
    missing_key: "E-EXAM-REQUIRED",
    syntax: "E-EXAM-TOML",
    what: "exam",
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExamFile {
    id: Option<Spanned<String>>,
    title: String,
    #[serde(default)]
    description: String,
    preset: Option<Spanned<String>>,
    mode: Option<Spanned<String>>,
    time_limit: Option<Spanned<String>>,
    pass_percent: Option<Spanned<f64>>,
    shuffle: Option<ShuffleFile>,
    multi_select: Option<Spanned<String>>,
    #[serde(default)]
    collect: Vec<String>,
    #[serde(default)]
    draw: Vec<DrawFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShuffleFile {
    questions: Option<bool>,
    options: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DrawFile {
    from: Spanned<String>,
    #[serde(rename = "type")]
    qtype: Option<Spanned<String>>,
    count: Spanned<i64>,
    points: Option<Spanned<f64>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Exam,
    Practice,
    Browse,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Multi {
    #[serde(rename = "all-or-nothing")]
    AllOrNothing,
    #[serde(rename = "partial")]
    Partial,
}

#[derive(Debug, Clone)]
pub struct Draw {
    pub from: String,
    pub qtype: Option<QType>,
    pub count: usize,
    pub points: f64,
    /// Question indexes the draw may pick from.
    pub pool: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Exam {
    /// The archived edition of the exam; `None` for the current one.
    pub edition: Option<String>,
    pub id: String,
    pub title: String,
    pub description: String,
    pub display: String,
    pub url_path: String,
    pub href: String,
    pub mode: Mode,
    /// Seconds; 0 = no limit.
    pub time_limit: u64,
    pub pass_percent: f64,
    pub shuffle_questions: bool,
    pub shuffle_options: bool,
    pub multi: Multi,
    pub collect: Vec<String>,
    pub draws: Vec<Draw>,
    pub hash: String,
}

impl Exam {
    pub fn question_count(&self) -> usize {
        self.draws.iter().map(|d| d.count).sum()
    }

    pub fn total_points(&self) -> f64 {
        self.draws.iter().map(|d| d.points * d.count as f64).sum()
    }

    /// Every question any draw may pick, in a stable order.
    pub fn pool(&self) -> Vec<usize> {
        let mut all: Vec<usize> = self
            .draws
            .iter()
            .flat_map(|d| d.pool.iter().copied())
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    }
}

struct Preset {
    min_questions: usize,
    min_pass: f64,
    time_limit: u64,
}

fn preset(name: &str) -> Option<Preset> {
    match name {
        "samr-2019" => Some(Preset {
            min_questions: 30,
            min_pass: 90.0,
            time_limit: 30 * 60,
        }),
        _ => None,
    }
}

pub fn build_all(
    files: &[SourceFile],
    site: &Site,
    set: &QuizSet,
    diags: &mut Diagnostics,
) -> Vec<Exam> {
    let mut out: Vec<Exam> = Vec::new();
    let mut ids: HashSet<String> = HashSet::new();
    for f in files {
        let Some(exam) = build(f, site, set, diags) else {
            continue;
        };
        if !ids.insert(super::edition_key(&exam.edition, &exam.id)) {
            diags.push(
                Diagnostic::error(
                    "E-EXAM-ID-DUP",
                    format!(
                        "考试编号 {} 重复 (exam id `{}` is used twice)",
                        exam.id, exam.id
                    ),
                )
                .in_file(f.display.clone())
                .with_hint("give every exam its own id (by default the file name)"),
            );
            continue;
        }
        out.push(exam);
    }
    out
}

fn build(f: &SourceFile, site: &Site, set: &QuizSet, diags: &mut Diagnostics) -> Option<Exam> {
    let src = &f.text;
    let file: ExamFile = match strict::parse(src, 0, src, &f.display, KIND) {
        Ok(x) => x,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let mut err = |code: &'static str, msg: String, span: Range<usize>, hint: &str| {
        diags.push(
            Diagnostic::error(code, msg)
                .in_file(f.display.clone())
                .at(src, span)
                .with_hint(hint.to_string()),
        );
    };
    let (edition, base) = crate::load::split_edition(&f.rel);
    let stem = base
        .trim_start_matches("exams/")
        .trim_end_matches(".toml")
        .to_string();
    let id = file
        .id
        .as_ref()
        .map(|s| s.get_ref().clone())
        .unwrap_or(stem.clone());
    let preset = match &file.preset {
        None => None,
        Some(p) => match preset(p.get_ref()) {
            Some(x) => Some(x),
            None => {
                err(
                    "E-EXAM-PRESET",
                    format!("unknown preset `{}`", p.get_ref()),
                    p.span(),
                    "the preset shian knows is samr-2019 (>= 30 questions, pass at >= 90%)",
                );
                None
            }
        },
    };
    let mode = match file.mode.as_ref().map(|m| (m.get_ref().as_str(), m.span())) {
        None | Some(("exam", _)) => Mode::Exam,
        Some(("practice", _)) => Mode::Practice,
        Some(("browse", _)) => Mode::Browse,
        Some((other, span)) => {
            err(
                "E-EXAM-VALUE",
                format!("mode `{other}` is not one of browse, practice, exam"),
                span,
                "write mode = \"exam\"",
            );
            Mode::Exam
        }
    };
    let time_limit = match &file.time_limit {
        None => preset.as_ref().map(|p| p.time_limit).unwrap_or(0),
        Some(t) => parse_duration(t.get_ref()).unwrap_or_else(|| {
            err(
                "E-EXAM-TIME",
                format!("time_limit `{}` is not a duration", t.get_ref()),
                t.span(),
                "write it like \"30m\", \"1h\", \"1h30m\" or \"90s\"",
            );
            0
        }),
    };
    let multi = match file
        .multi_select
        .as_ref()
        .map(|m| (m.get_ref().as_str(), m.span()))
    {
        None | Some(("all-or-nothing", _)) => Multi::AllOrNothing,
        Some(("partial", _)) => Multi::Partial,
        Some((other, span)) => {
            err(
                "E-EXAM-VALUE",
                format!("multi_select `{other}` is not all-or-nothing or partial"),
                span,
                "write multi_select = \"all-or-nothing\" (the assessment's rule) or \"partial\"",
            );
            Multi::AllOrNothing
        }
    };
    let pass_percent = file
        .pass_percent
        .as_ref()
        .map(|p| *p.get_ref())
        .or(preset.as_ref().map(|p| p.min_pass))
        .unwrap_or(60.0);
    let pass_span = file.pass_percent.as_ref().map(|p| p.span()).unwrap_or(0..0);
    if !(pass_percent > 0.0 && pass_percent <= 100.0) {
        err(
            "E-EXAM-PASS",
            format!("pass_percent {pass_percent} can never be reached"),
            pass_span.clone(),
            "pass_percent is a percentage of the total points, greater than 0 and at most 100",
        );
    }
    if let (Some(p), Some(name)) = (&preset, &file.preset) {
        if pass_percent < p.min_pass {
            err(
                "E-EXAM-PRESET",
                format!(
                    "{} requires pass_percent >= {}, found {pass_percent}",
                    name.get_ref(),
                    p.min_pass
                ),
                pass_span,
                "raise pass_percent, or remove the preset",
            );
        }
    }

    let mut draws = Vec::new();
    let mut taken: HashSet<usize> = HashSet::new();
    let mut asked = 0usize;
    for d in &file.draw {
        let qtype = match &d.qtype {
            None => None,
            Some(t) => match QType::from_word(t.get_ref()) {
                Some(q) => Some(q),
                None => {
                    err("E-EXAM-VALUE", format!("type `{}` is not 判断, 单选 or 多选", t.get_ref()), t.span(), "write type = \"判断\", \"单选\" or \"多选\" (or leave it out for any type)");
                    continue;
                }
            },
        };
        let glob = d.from.get_ref();
        let pool: Vec<usize> = set
            .questions
            .iter()
            .enumerate()
            .filter(|(_, q)| set.banks[q.bank].edition.as_deref() == edition)
            .filter(|(_, q)| glob_match(glob, &q.category) && qtype.is_none_or(|t| q.qtype == t))
            .map(|(i, _)| i)
            .collect();
        let count = *d.count.get_ref();
        let points = d.points.as_ref().map(|p| *p.get_ref()).unwrap_or(1.0);
        if count <= 0 {
            err(
                "E-EXAM-DRAW",
                format!("count must be at least 1, found {count}"),
                d.count.span(),
                "draw one or more questions",
            );
            continue;
        }
        if points <= 0.0 {
            let span = d
                .points
                .as_ref()
                .map(|p| p.span())
                .unwrap_or(d.count.span());
            err(
                "E-EXAM-DRAW",
                format!("points must be more than 0, found {points}"),
                span,
                "give each question of the draw a positive number of points",
            );
        }
        let count = count as usize;
        let kind = d
            .qtype
            .as_ref()
            .map(|t| format!("{} ", t.get_ref()))
            .unwrap_or_default();
        if count > pool.len() {
            err(
                "E-EXAM-POOL",
                format!("draw asks for {count} {kind}questions from `{glob}`, but the banks hold {}", pool.len()),
                d.count.span(),
                "lower count, widen the category glob (`*` matches one level, `**` any levels), or add questions",
            );
        }
        taken.extend(pool.iter().copied());
        asked += count;
        if count <= pool.len() && asked > taken.len() {
            err(
                "E-EXAM-POOL",
                format!("the draws so far ask for {asked} questions, but their pools together hold only {}", taken.len()),
                d.count.span(),
                "draws share questions: lower the counts or use categories that do not overlap",
            );
        }
        draws.push(Draw {
            from: glob.clone(),
            qtype,
            count,
            points,
            pool,
        });
    }
    if file.draw.is_empty() {
        err(
            "E-EXAM-DRAW",
            "an exam needs at least one [[draw]]".into(),
            0..0,
            "add [[draw]] with from, type, count and points",
        );
    }
    let total: usize = draws.iter().map(|d| d.count).sum();
    if let (Some(p), Some(name)) = (&preset, &file.preset) {
        if total < p.min_questions {
            err(
                "E-EXAM-PRESET",
                format!(
                    "{} requires at least {} questions, the draws give {total}",
                    name.get_ref(),
                    p.min_questions
                ),
                name.span(),
                "add draws or raise their counts",
            );
        }
    }
    let url_path = match edition {
        Some(e) => format!("editions/{e}/exams/{stem}/"),
        None => format!("exams/{stem}/"),
    };
    let mut h = crate::hash::Fnv::default();
    h.field(src);
    for d in &draws {
        for &q in &d.pool {
            h.field(&set.questions[q].hash);
        }
    }
    let shuffle = file.shuffle.as_ref();
    Some(Exam {
        edition: edition.map(str::to_string),
        id,
        title: file.title,
        description: file.description,
        display: f.display.clone(),
        href: site.links.href_for(&url_path),
        url_path,
        mode,
        time_limit,
        pass_percent,
        shuffle_questions: shuffle.and_then(|s| s.questions).unwrap_or(true),
        shuffle_options: shuffle.and_then(|s| s.options).unwrap_or(true),
        multi,
        collect: file.collect,
        draws,
        hash: h.hex(),
    })
}
