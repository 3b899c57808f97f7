//! Exam blueprints: `content/exams/<id>.toml`, strict. A preset fills defaults and adds rules
//! (`samr-2019`: at least 30 questions, pass at 90% or more, per 市场监管总局公告2019年第33号). Each
//! `[[draw]]` takes `count` questions of one type from a category glob; a draw that asks for more than
//! its pool holds, or a pass mark that cannot be reached, is an error.

mod draws;
mod settings;

use super::{QType, QuizSet};
use crate::corpus::Corpus;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::SourceFile;
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
pub(super) struct ExamFile {
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
pub(super) struct ShuffleFile {
    questions: Option<bool>,
    options: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DrawFile {
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
        self.draws.iter().fold(0, |n, d| n.saturating_add(d.count))
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

pub fn build_all(
    files: &[SourceFile],
    site: &Corpus<'_>,
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

/// The errors of one blueprint file.
pub(super) struct Problems<'a> {
    file: &'a SourceFile,
    diags: &'a mut Diagnostics,
}

impl Problems<'_> {
    pub(super) fn error(
        &mut self,
        code: &'static str,
        msg: String,
        span: Range<usize>,
        hint: &str,
    ) {
        self.diags.push(
            Diagnostic::error(code, msg)
                .in_file(self.file.display.clone())
                .at(&self.file.text, span)
                .with_hint(hint.to_string()),
        );
    }
}

fn build(
    f: &SourceFile,
    site: &Corpus<'_>,
    set: &QuizSet,
    diags: &mut Diagnostics,
) -> Option<Exam> {
    let file: ExamFile = match strict::parse(&f.text, 0, &f.text, &f.display, KIND) {
        Ok(x) => x,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let mut p = Problems { file: f, diags };
    let (edition, base) = crate::paths::split_edition(&f.rel);
    let stem = base
        .trim_start_matches("exams/")
        .trim_end_matches(".toml")
        .to_string();
    let id = file
        .id
        .as_ref()
        .map(|s| s.get_ref().clone())
        .unwrap_or(stem.clone());
    let settings = settings::read(&file, &mut p);
    let draws = draws::read(&file, set, edition, &mut p);
    settings::check_totals(&file, &settings, &draws, &mut p);
    let url_path = match edition {
        Some(e) => format!("editions/{e}/exams/{stem}/"),
        None => format!("exams/{stem}/"),
    };
    let mut h = crate::hash::Fnv::default();
    h.field(&f.text);
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
        mode: settings.mode,
        time_limit: settings.time_limit,
        pass_percent: settings.pass_percent,
        shuffle_questions: shuffle.and_then(|s| s.questions).unwrap_or(true),
        shuffle_options: shuffle.and_then(|s| s.options).unwrap_or(true),
        multi: settings.multi,
        collect: file.collect,
        draws,
        hash: h.hex(),
    })
}
