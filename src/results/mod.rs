//! Results without a server (docs/results.md): result codes that learners hand in, grading them
//! again against the bank of their edition, the statistics of graded attempts, the attempts kept in
//! `data/results/`, and certificates signed with the organiser's Ed25519 key.
//!
//! 1. [`scan`] finds codes in any text; [`code`] reads them ([`wire`] is the byte layer);
//! 2. [`grade`] re-draws the paper of the seed ([`paper`]) and scores every answer;
//! 3. [`stats`] counts attempts, first attempts and questions; [`report`] writes CSV and XLSX;
//! 4. [`store`] appends to and reads `data/results/`; [`board`] is what the statistics pages show;
//! 5. [`certificate`] signs and reads certificates ([`crate::keys`] makes and reads the key files).

pub mod board;
pub mod certificate;
pub mod code;
pub mod grade;
pub mod paper;
pub mod report;
pub mod scan;
pub mod stats;
pub mod store;
pub mod time;
pub(crate) mod wire;

use crate::diag::{Diagnostic, Diagnostics};
use crate::quiz::QuizSet;
use code::CodeError;
use grade::{Graded, Reject};
use scan::Found;
use std::collections::{HashMap, HashSet};

/// The graded attempts of a batch of codes, and what was left out.
#[derive(Debug, Default)]
pub struct Batch {
    pub graded: Vec<Graded>,
    pub rejected: usize,
    pub duplicates: usize,
}

/// The identity of an attempt: the same exam, edition, seed and start is the same attempt.
pub fn attempt_key(a: &code::Attempt) -> (String, String, u32, u64) {
    (a.quiz.clone(), a.edition.clone(), a.seed, a.started)
}

/// Grades every code found; a code that cannot be graded becomes an error at its place, a second
/// copy of an attempt is dropped. Attempts come out in the order they were taken.
pub fn grade_found(
    set: &QuizSet,
    current: &str,
    found: Vec<Found>,
    diags: &mut Diagnostics,
) -> Batch {
    let mut batch = Batch::default();
    let mut seen = HashSet::new();
    for f in found {
        let line = f.line();
        let attempt = match code::decode(&f.code) {
            Ok(a) => a,
            Err(e) => {
                diags.push(code_problem(&f, &e));
                batch.rejected += 1;
                continue;
            }
        };
        if !seen.insert(attempt_key(&attempt)) {
            batch.duplicates += 1;
            continue;
        }
        match grade::grade(set, current, attempt, f.code.clone()) {
            Ok(mut g) => {
                g.file = f.file.clone();
                g.line = line;
                batch.graded.push(g);
            }
            Err(r) => {
                diags.push(reject_problem(&f, &r));
                batch.rejected += 1;
            }
        }
    }
    batch.graded.sort_by(|a, b| {
        a.attempt
            .started
            .cmp(&b.attempt.started)
            .then(a.line.cmp(&b.line))
    });
    mark_first(&mut batch.graded);
    batch
}

fn at(f: &Found, d: Diagnostic) -> Diagnostic {
    d.in_file(f.file.clone()).at(&f.source, f.span.clone())
}

fn code_problem(f: &Found, e: &CodeError) -> Diagnostic {
    let (code, hint) = match e {
        CodeError::Malformed(_) => ("E-RESULT-MALFORMED", "copy the whole code from the result page: it starts with SA1 and has only letters, digits, - and _"),
        CodeError::Version(_) => ("E-RESULT-VERSION", "update shian to grade codes from newer pages"),
        CodeError::Truncated => ("E-RESULT-TRUNCATED", "ask the learner for the whole code (the copy button on the result page copies all of it)"),
        CodeError::Checksum => ("E-RESULT-TAMPERED", "a character of the code was changed; ask the learner for the code as the result page shows it"),
    };
    at(f, Diagnostic::error(code, e.to_string()).with_hint(hint))
}

fn reject_problem(f: &Found, r: &Reject) -> Diagnostic {
    let code = match r {
        Reject::UnknownQuiz(_) => "E-RESULT-QUIZ",
        Reject::UnknownEdition { .. } => "E-RESULT-EDITION",
        Reject::Hash { .. } => "E-RESULT-HASH",
        Reject::Answers(_) => "E-RESULT-ANSWERS",
    };
    at(
        f,
        Diagnostic::error(code, r.to_string()).with_hint(r.hint()),
    )
}

/// Marks each learner's first attempt at each exam (`graded` in the order taken). A learner is the
/// `collect` answers; an exam that collects nothing cannot tell learners apart, so every attempt
/// counts as a first one.
pub fn mark_first(graded: &mut [Graded]) {
    let mut seen: HashMap<(String, String), ()> = HashMap::new();
    for g in graded {
        let who: Vec<String> = g
            .attempt
            .collected
            .iter()
            .map(|c| c.trim().to_lowercase())
            .collect();
        g.first = who.is_empty()
            || seen
                .insert((g.attempt.quiz.clone(), who.join("\u{1f}")), ())
                .is_none();
    }
}
