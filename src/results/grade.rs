//! Grading a decoded attempt against the exam of its recorded edition and hash, with the rules of
//! the page (docs/quiz-theme-contract.md, "Scoring"): a choice that is not correct scores 0, a 判断 or
//! 单选 needs exactly one choice, a 多选 scores fully only when complete, or in proportion under
//! `multi_select = "partial"`.

use super::code::Attempt;
use super::paper::{self, Slot};
use crate::quiz::blueprint::{Exam, Multi};
use crate::quiz::{QType, Question, QuizSet};

/// One graded question of an attempt.
#[derive(Debug, Clone)]
pub struct Item {
    /// Index in `set.questions`.
    pub question: usize,
    pub points: f64,
    pub got: f64,
    /// Nothing was chosen.
    pub blank: bool,
}

impl Item {
    pub fn full(&self) -> bool {
        self.got >= self.points - 1e-9
    }
}

/// An attempt graded again.
#[derive(Debug, Clone)]
pub struct Graded {
    pub attempt: Attempt,
    pub code: String,
    /// Index in `set.exams`.
    pub exam: usize,
    pub items: Vec<Item>,
    pub score: f64,
    pub total: f64,
    pub percent: f64,
    pub passed: bool,
    /// The learner's first attempt at this exam (set by [`super::mark_first`]).
    pub first: bool,
    /// Where the code was read: file and line.
    pub file: String,
    pub line: usize,
}

/// Why an attempt cannot be graded.
#[derive(Debug, Clone, PartialEq)]
pub enum Reject {
    UnknownQuiz(String),
    UnknownEdition {
        quiz: String,
        edition: String,
        known: Vec<String>,
    },
    Hash {
        quiz: String,
        edition: String,
        code: String,
        site: String,
    },
    Answers(String),
}

impl std::fmt::Display for Reject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reject::UnknownQuiz(q) => write!(f, "站点没有考试 {q} (unknown exam `{q}`)"),
            Reject::UnknownEdition { quiz, edition, known } => write!(
                f,
                "考试 {quiz} 没有 {edition} 版 (exam `{quiz}` has no edition `{edition}`; the site has {})",
                known.join(", ")
            ),
            Reject::Hash { quiz, edition, code, site } => write!(
                f,
                "题目已改动，无法重新评分 (the questions of `{quiz}` ({edition}) changed after this attempt: code hash {code}, site hash {site})"
            ),
            Reject::Answers(why) => write!(f, "答案与试卷不符 (answers do not fit the paper: {why})"),
        }
    }
}

impl Reject {
    pub fn hint(&self) -> &'static str {
        match self {
            Reject::UnknownQuiz(_) => "the code names an exam of another site, or one that was removed or renamed",
            Reject::UnknownEdition { .. } | Reject::Hash { .. } => "grade with the edition the attempt was taken in: freeze an edition (shian edition freeze NAME) before changing a bank that learners use",
            Reject::Answers(_) => "the code was made by hand or by another tool; ask the learner for the code shown on the result page",
        }
    }
}

/// The name of an exam's edition (`current` for the current one).
pub fn edition_name<'a>(e: &'a Exam, current: &'a str) -> &'a str {
    e.edition.as_deref().unwrap_or(current)
}

/// Finds the exam of `a` and grades it.
pub fn grade(set: &QuizSet, current: &str, a: Attempt, code: String) -> Result<Graded, Reject> {
    let same_id: Vec<(usize, &Exam)> = set
        .exams
        .iter()
        .enumerate()
        .filter(|(_, e)| e.id == a.quiz)
        .collect();
    if same_id.is_empty() {
        return Err(Reject::UnknownQuiz(a.quiz));
    }
    let Some(&(index, exam)) = same_id
        .iter()
        .find(|(_, e)| edition_name(e, current) == a.edition)
    else {
        return Err(Reject::UnknownEdition {
            quiz: a.quiz.clone(),
            edition: a.edition.clone(),
            known: same_id
                .iter()
                .map(|(_, e)| edition_name(e, current).to_string())
                .collect(),
        });
    };
    if exam.hash != a.hash {
        return Err(Reject::Hash {
            quiz: a.quiz.clone(),
            edition: a.edition.clone(),
            code: a.hash.clone(),
            site: exam.hash.clone(),
        });
    }
    let paper = paper::draw(set, exam, a.seed);
    if paper.len() != a.answers.len() {
        return Err(Reject::Answers(format!(
            "{} answers for a paper of {} questions",
            a.answers.len(),
            paper.len()
        )));
    }
    let items = items(set, exam, &paper, &a.answers)?;
    let score: f64 = items.iter().map(|i| i.got).sum();
    let total = exam.total_points();
    let percent = if total > 0.0 {
        score / total * 100.0
    } else {
        0.0
    };
    Ok(Graded {
        score: round2(score),
        total,
        percent: round2(percent),
        passed: percent + 1e-9 >= exam.pass_percent,
        attempt: a,
        code,
        exam: index,
        items,
        first: true,
        file: String::new(),
        line: 0,
    })
}

fn items(set: &QuizSet, exam: &Exam, paper: &[Slot], answers: &[u64]) -> Result<Vec<Item>, Reject> {
    paper
        .iter()
        .zip(answers)
        .enumerate()
        .map(|(n, (slot, &mask))| {
            let options = paper::option_count(set, slot.question);
            if options < 64 && mask >> options != 0 {
                return Err(Reject::Answers(format!(
                    "question {} has {options} options, the code chose one beyond them",
                    n + 1
                )));
            }
            let chosen: Vec<usize> = (0..options).filter(|i| mask >> i & 1 == 1).collect();
            let q = &set.questions[slot.question];
            Ok(Item {
                question: slot.question,
                points: slot.points,
                got: score(q, &chosen, slot.points, exam.multi),
                blank: chosen.is_empty(),
            })
        })
        .collect()
}

/// The points `chosen` (source indexes, without repeats) earns.
pub fn score(q: &Question, chosen: &[usize], points: f64, multi: Multi) -> f64 {
    if chosen.is_empty() || chosen.iter().any(|c| !q.answer.contains(c)) {
        return 0.0;
    }
    if q.qtype != QType::Multi {
        return if chosen.len() == 1 { points } else { 0.0 };
    }
    if chosen.len() == q.answer.len() {
        points
    } else if multi == Multi::Partial {
        points * chosen.len() as f64 / q.answer.len() as f64
    } else {
        0.0
    }
}

pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
