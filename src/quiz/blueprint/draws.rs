//! An exam's `[[draw]]`s: each takes `count` questions of one type from a category glob's pool; a
//! draw that asks for more than its pool holds (alone, or with the draws before it) is an error.

use super::{Draw, DrawFile, ExamFile, Problems};
use crate::quiz::draw::glob_match;
use crate::quiz::{QType, QuizSet};
use std::collections::HashSet;

/// The most questions one draw may ask for: more is a typo, not an exam.
pub const MAX_COUNT: i64 = 10_000;

pub(super) fn read(
    file: &ExamFile,
    set: &QuizSet,
    edition: Option<&str>,
    p: &mut Problems<'_>,
) -> Vec<Draw> {
    let mut draws = Vec::new();
    let mut taken: HashSet<usize> = HashSet::new();
    let mut asked = 0usize;
    for d in &file.draw {
        let Some(draw) = one(d, set, edition, p) else {
            continue;
        };
        taken.extend(draw.pool.iter().copied());
        asked = asked.saturating_add(draw.count);
        if draw.count <= draw.pool.len() && asked > taken.len() {
            p.error(
                "E-EXAM-POOL",
                format!("the draws so far ask for {asked} questions, but their pools together hold only {}", taken.len()),
                d.count.span(),
                "draws share questions: lower the counts or use categories that do not overlap",
            );
        }
        draws.push(draw);
    }
    draws
}

/// One draw with its pool, or `None` when it cannot be made at all.
fn one(d: &DrawFile, set: &QuizSet, edition: Option<&str>, p: &mut Problems<'_>) -> Option<Draw> {
    let qtype = match &d.qtype {
        None => None,
        Some(t) => {
            match QType::from_word(t.get_ref()) {
                Some(q) => Some(q),
                None => {
                    p.error("E-EXAM-VALUE", format!("type `{}` is not 判断, 单选 or 多选", t.get_ref()), t.span(), "write type = \"判断\", \"单选\" or \"多选\" (or leave it out for any type)");
                    return None;
                }
            }
        }
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
    if !(1..=MAX_COUNT).contains(&count) {
        p.error(
            "E-EXAM-DRAW",
            format!("count must be from 1 to {MAX_COUNT}, found {count}"),
            d.count.span(),
            "draw one or more questions",
        );
        return None;
    }
    let points = d.points.as_ref().map(|p| *p.get_ref()).unwrap_or(1.0);
    if !(points > 0.0 && points.is_finite()) {
        let span = d
            .points
            .as_ref()
            .map(|p| p.span())
            .unwrap_or(d.count.span());
        p.error(
            "E-EXAM-DRAW",
            format!("points must be a number more than 0, found {points}"),
            span,
            "give each question of the draw a positive number of points",
        );
        return None;
    }
    let count = count as usize;
    if count > pool.len() {
        let kind = d
            .qtype
            .as_ref()
            .map(|t| format!("{} ", t.get_ref()))
            .unwrap_or_default();
        p.error(
            "E-EXAM-POOL",
            format!("draw asks for {count} {kind}questions from `{glob}`, but the banks hold {}", pool.len()),
            d.count.span(),
            "lower count, widen the category glob (`*` matches one level, `**` any levels), or add questions",
        );
    }
    Some(Draw {
        from: glob.clone(),
        qtype,
        count,
        points,
        pool,
    })
}
