//! What graded attempts add up to: pass rates (all and first attempts), by enterprise and district,
//! a score distribution, and per question the facility index and the discrimination index as Moodle
//! computes them (the correlation of the item's score with the score on the rest of the paper).

use super::grade::Graded;
use crate::quiz::QuizSet;
use serde::Serialize;
use std::collections::BTreeMap;

/// Counts of a group of attempts.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Tally {
    pub name: String,
    pub attempts: usize,
    pub passed: usize,
    pub first: usize,
    pub first_passed: usize,
}

impl Tally {
    fn add(&mut self, g: &Graded) {
        self.attempts += 1;
        self.passed += usize::from(g.passed);
        self.first += usize::from(g.first);
        self.first_passed += usize::from(g.first && g.passed);
    }

    /// Share of attempts passed, in percent.
    pub fn pass_rate(&self) -> Option<f64> {
        rate(self.passed, self.attempts)
    }

    /// Share of first attempts passed, in percent.
    pub fn first_rate(&self) -> Option<f64> {
        rate(self.first_passed, self.first)
    }
}

fn rate(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| super::grade::round2(part as f64 / whole as f64 * 100.0))
}

/// One question over every attempt that had it.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionStat {
    /// Index in `set.questions` (of the newest edition that has it).
    #[serde(skip)]
    pub question: usize,
    pub id: String,
    pub category: String,
    pub attempts: usize,
    /// Mean share of the points earned, in percent.
    pub facility: f64,
    /// Correlation with the rest of the paper, in percent; `None` below two attempts or without
    /// spread.
    pub discrimination: Option<f64>,
}

/// One category over every question of it in every attempt.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryStat {
    pub name: String,
    pub items: usize,
    pub right: usize,
    pub facility: f64,
}

/// Everything the statistics show for a list of graded attempts.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub all: Tally,
    pub mean_percent: Option<f64>,
    /// Attempts by percent: 0–9, 10–19, …, 90–100.
    pub histogram: [usize; 10],
    pub questions: Vec<QuestionStat>,
    pub categories: Vec<CategoryStat>,
}

pub fn compute(set: &QuizSet, graded: &[&Graded]) -> Stats {
    let mut all = Tally::default();
    let mut histogram = [0usize; 10];
    for g in graded {
        all.add(g);
        histogram[((g.percent / 10.0).floor().max(0.0) as usize).min(9)] += 1;
    }
    let mean = (!graded.is_empty()).then(|| {
        super::grade::round2(graded.iter().map(|g| g.percent).sum::<f64>() / graded.len() as f64)
    });
    Stats {
        all,
        mean_percent: mean,
        histogram,
        questions: questions(set, graded),
        categories: categories(set, graded),
    }
}

/// Tallies by a name each attempt has (`None`: left out), largest first, then by name.
pub fn by(graded: &[&Graded], name: impl Fn(&Graded) -> Option<String>) -> Vec<Tally> {
    let mut map: BTreeMap<String, Tally> = BTreeMap::new();
    for g in graded {
        if let Some(n) = name(g) {
            let t = map.entry(n.clone()).or_default();
            t.name = n;
            t.add(g);
        }
    }
    let mut list: Vec<Tally> = map.into_values().collect();
    list.sort_by(|a, b| b.attempts.cmp(&a.attempts).then(a.name.cmp(&b.name)));
    list
}

fn questions(set: &QuizSet, graded: &[&Graded]) -> Vec<QuestionStat> {
    // Per question id: the question to show, and (item share, rest-of-paper share) per attempt.
    type Pairs = (usize, Vec<(f64, f64)>);
    let mut pairs: BTreeMap<&str, Pairs> = BTreeMap::new();
    for g in graded {
        for it in &g.items {
            let q = &set.questions[it.question];
            let share = if it.points > 0.0 {
                it.got / it.points
            } else {
                0.0
            };
            let rest_max = g.total - it.points;
            let rest = if rest_max > 0.0 {
                (g.score - it.got) / rest_max
            } else {
                0.0
            };
            let e = pairs
                .entry(q.id.as_str())
                .or_insert((it.question, Vec::new()));
            // The current edition's question, when there is one, is the one to link to.
            if set.banks[q.bank].edition.is_none() {
                e.0 = it.question;
            }
            e.1.push((share, rest));
        }
    }
    pairs
        .into_iter()
        .map(|(id, (question, xy))| {
            // Linked to the current edition's copy of the question when it has one.
            let question = set.by_id.get(id).copied().unwrap_or(question);
            let n = xy.len() as f64;
            let facility = xy.iter().map(|p| p.0).sum::<f64>() / n * 100.0;
            QuestionStat {
                question,
                id: id.to_string(),
                category: set.questions[question].category.clone(),
                attempts: xy.len(),
                facility: super::grade::round2(facility),
                discrimination: correlation(&xy).map(|r| super::grade::round2(r * 100.0)),
            }
        })
        .collect()
}

/// Pearson's r of the pairs; `None` for fewer than two or no spread in either.
pub fn correlation(xy: &[(f64, f64)]) -> Option<f64> {
    if xy.len() < 2 {
        return None;
    }
    let n = xy.len() as f64;
    let (mx, my) = (
        xy.iter().map(|p| p.0).sum::<f64>() / n,
        xy.iter().map(|p| p.1).sum::<f64>() / n,
    );
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for &(x, y) in xy {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
    }
    (sxx > 1e-12 && syy > 1e-12).then(|| sxy / (sxx * syy).sqrt())
}

fn categories(set: &QuizSet, graded: &[&Graded]) -> Vec<CategoryStat> {
    let mut map: BTreeMap<String, (usize, usize, f64)> = BTreeMap::new();
    for g in graded {
        for it in &g.items {
            let top = set.questions[it.question]
                .category
                .split('/')
                .next()
                .unwrap_or("")
                .to_string();
            let e = map.entry(top).or_default();
            e.0 += 1;
            e.1 += usize::from(it.full());
            e.2 += if it.points > 0.0 {
                it.got / it.points
            } else {
                0.0
            };
        }
    }
    map.into_iter()
        .map(|(name, (items, right, sum))| CategoryStat {
            name,
            items,
            right,
            facility: super::grade::round2(sum / items.max(1) as f64 * 100.0),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pearson() {
        let r = correlation(&[(1.0, 0.9), (0.0, 0.2), (1.0, 0.8), (0.0, 0.4)]).unwrap();
        assert!(r > 0.9 && r <= 1.0, "{r}");
        assert_eq!(correlation(&[(1.0, 0.5), (1.0, 0.7)]), None);
        assert_eq!(correlation(&[(1.0, 0.5)]), None);
    }
}
