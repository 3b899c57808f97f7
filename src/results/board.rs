//! The statistics pages' model: the attempts kept in `data/results/`, graded again at every build,
//! by exam, with their statistics by enterprise and district; and the indicators that take their
//! value from them (`results = "<exam id>"` in `data/indicators.toml`).

use super::grade::Graded;
use super::stats::{self, Stats, Tally};
use crate::data::{DataSet, IndicatorValue};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::SourceFile;
use crate::quiz::QuizSet;

/// The folder of the statistics pages.
pub const RESULTS_PATH: &str = "results/";

/// One exam's attempts and what they add up to.
#[derive(Debug)]
pub struct ExamBoard {
    pub id: String,
    pub title: String,
    /// The page: `results/<id>/`.
    pub url_path: String,
    pub graded: Vec<Graded>,
    pub stats: Stats,
    pub enterprises: Vec<Tally>,
    pub districts: Vec<Tally>,
}

#[derive(Debug, Default)]
pub struct Board {
    pub exams: Vec<ExamBoard>,
}

impl Board {
    pub fn is_empty(&self) -> bool {
        self.exams.is_empty()
    }

    pub fn exam(&self, id: &str) -> Option<&ExamBoard> {
        self.exams.iter().find(|e| e.id == id)
    }
}

/// The `data/` files that hold attempts.
pub fn is_results_file(rel: &str) -> bool {
    rel.starts_with("results/") && (rel.ends_with(".csv") || rel.ends_with(".txt"))
}

/// Grades every code of `data/results/` and adds them up by exam.
pub fn build(
    set: &QuizSet,
    current: &str,
    data: &DataSet,
    files: &[SourceFile],
    diags: &mut Diagnostics,
) -> Board {
    let found: Vec<_> = files
        .iter()
        .filter(|f| is_results_file(&f.rel))
        .flat_map(|f| super::scan::find(&f.display, &f.text, b'A'))
        .collect();
    if found.is_empty() {
        return Board::default();
    }
    let batch = super::grade_found(set, current, found, diags);
    let mut ids: Vec<String> = batch
        .graded
        .iter()
        .map(|g| g.attempt.quiz.clone())
        .collect();
    ids.sort();
    ids.dedup();
    let exams = ids
        .into_iter()
        .map(|id| {
            let graded: Vec<Graded> = batch
                .graded
                .iter()
                .filter(|g| g.attempt.quiz == id)
                .cloned()
                .collect();
            let refs: Vec<&Graded> = graded.iter().collect();
            // The title of the current edition's exam, or of the newest that has attempts.
            let title = set
                .exams
                .iter()
                .filter(|e| e.id == id)
                .max_by_key(|e| e.edition.is_none())
                .map(|e| e.title.clone())
                .unwrap_or_else(|| id.clone());
            ExamBoard {
                stats: stats::compute(set, &refs),
                enterprises: stats::by(&refs, |g| enterprise(set, g)),
                districts: stats::by(&refs, |g| district(set, data, g)),
                url_path: format!("{RESULTS_PATH}{id}/"),
                id,
                title,
                graded,
            }
        })
        .collect();
    Board { exams }
}

/// The answer to the `collect` field whose label names one of `words`.
fn field(set: &QuizSet, g: &Graded, words: &[&str]) -> Option<String> {
    let labels = &set.exams[g.exam].collect;
    labels
        .iter()
        .position(|l| {
            let l = l.to_lowercase();
            words.iter().any(|w| l.contains(w))
        })
        .and_then(|i| g.attempt.collected.get(i))
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The enterprise an attempt names (`collect` label 企业, 单位, enterprise or company).
pub fn enterprise(set: &QuizSet, g: &Graded) -> Option<String> {
    field(set, g, &["企业", "单位", "enterprise", "company"])
}

/// The district of an attempt: its own `collect` field (所在区, 区县, district), else the district of
/// its enterprise in `data/enterprises.csv`.
pub fn district(set: &QuizSet, data: &DataSet, g: &Graded) -> Option<String> {
    field(set, g, &["区", "district"]).or_else(|| {
        let name = enterprise(set, g)?;
        data.enterprises
            .iter()
            .find(|e| e.name == name)
            .map(|e| e.district.clone())
    })
}

/// Fills the values of every indicator that takes them from results: the first-attempt pass rate
/// by district, and for the whole under `全市`.
pub fn fill_indicators(
    data: &mut DataSet,
    board: &Board,
    set: &QuizSet,
    source: Option<&SourceFile>,
    diags: &mut Diagnostics,
) {
    for ind in &mut data.indicators {
        let Some((id, span)) = ind.results.clone() else {
            continue;
        };
        let problem = |code, msg: String, hint: &str| {
            let mut d = Diagnostic::error(code, msg).with_hint(hint.to_string());
            if let Some(f) = source {
                d = d.in_file(f.display.clone()).at(&f.text, span.clone());
            }
            d
        };
        if !set.exams.iter().any(|e| e.id == id) {
            diags.push(problem(
                "E-DATA-RESULTS",
                format!("指标引用的考试 {id} 不存在 (indicator `{}` takes its value from exam `{id}`, which the site does not have)", ind.id),
                "use the id of an exam in content/exams/ (its file name)",
            ));
            continue;
        }
        if !ind.values.is_empty() {
            diags.push(problem(
                "E-DATA-RESULTS",
                format!("指标 {} 的数值来自考试结果，不能再手填 (indicator `{}` has both `results` and typed values)", ind.id, ind.id),
                "remove the [[indicator.values]] entries: the values come from data/results/",
            ));
            continue;
        }
        let Some(exam) = board.exam(&id) else {
            continue;
        };
        let value = |t: &Tally, scope: &str| {
            t.first_rate().map(|v| IndicatorValue {
                scope: (scope.to_string(), span.clone()),
                value: v,
            })
        };
        ind.values = exam
            .districts
            .iter()
            .filter_map(|t| value(t, &t.name))
            .collect();
        ind.values.sort_by(|a, b| a.scope.0.cmp(&b.scope.0));
        ind.values.extend(value(&exam.stats.all, "全市"));
    }
}
