//! The paper of a seed, drawn exactly as quiz-exam.js draws it (docs/quiz-theme-contract.md,
//! "Drawing a paper"), so a result code can be graded again without the browser.

use crate::quiz::blueprint::Exam;
use crate::quiz::{QType, QuizSet};

/// mulberry32: the page's generator, in the same 32-bit arithmetic.
pub struct Rng(u32);

impl Rng {
    pub fn new(seed: u32) -> Rng {
        Rng(seed)
    }

    /// The next number in [0, 1), as JavaScript computes it.
    pub fn float(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x6D2B_79F5);
        let a = self.0;
        let mut t = (a ^ (a >> 15)).wrapping_mul(a | 1);
        t ^= t.wrapping_add((t ^ (t >> 7)).wrapping_mul(t | 61));
        f64::from(t ^ (t >> 14)) / 4_294_967_296.0
    }

    /// Fisher–Yates from the end: `j = floor(r() * (i + 1))`.
    pub fn shuffle<T>(&mut self, list: &mut [T]) {
        for i in (1..list.len()).rev() {
            let j = (self.float() * (i + 1) as f64).floor() as usize;
            list.swap(i, j.min(i));
        }
    }
}

/// One question of a paper.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// Index in `set.questions`.
    pub question: usize,
    pub points: f64,
    /// Source indexes of the options in the order shown.
    pub order: Vec<usize>,
}

/// The number of options a question shows (判断: 正确 and 错误).
pub fn option_count(set: &QuizSet, q: usize) -> usize {
    let q = &set.questions[q];
    match q.qtype {
        QType::Tf => 2,
        _ => q.options.len(),
    }
}

/// The paper exam `e` shows for `seed`.
pub fn draw(set: &QuizSet, e: &Exam, seed: u32) -> Vec<Slot> {
    let mut r = Rng::new(seed);
    let mut taken = std::collections::HashSet::new();
    let mut out: Vec<Slot> = Vec::new();
    for d in &e.draws {
        let mut pool = d.pool.clone();
        r.shuffle(&mut pool);
        let mut n = 0;
        for q in pool {
            if n >= d.count {
                break;
            }
            if taken.insert(q) {
                out.push(Slot {
                    question: q,
                    points: d.points,
                    order: Vec::new(),
                });
                n += 1;
            }
        }
    }
    if e.shuffle_questions {
        r.shuffle(&mut out);
    }
    for slot in &mut out {
        let q = &set.questions[slot.question];
        slot.order = (0..option_count(set, slot.question)).collect();
        if e.shuffle_options && q.qtype != QType::Tf {
            let free: Vec<usize> = (0..q.options.len())
                .filter(|&i| !q.options[i].pinned)
                .collect();
            let mut mixed = free.clone();
            r.shuffle(&mut mixed);
            for (k, &pos) in free.iter().enumerate() {
                slot.order[pos] = mixed[k];
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mulberry32_matches_the_page() {
        // quiz-core.js's rng(1), rng(4000000000) and shuffle(0..10, rng(42)), printed by node.
        let first = |seed| {
            let mut r = Rng::new(seed);
            (0..3).map(|_| (r.float() * 1e9) as u64).collect::<Vec<_>>()
        };
        assert_eq!(first(1), vec![627_073_940, 2_735_721, 527_447_039]);
        assert_eq!(
            first(4_000_000_000),
            vec![691_906_822, 551_194_476, 666_226_316]
        );
        let mut list: Vec<u32> = (0..10).collect();
        Rng::new(42).shuffle(&mut list);
        assert_eq!(list, vec![0, 7, 3, 5, 2, 1, 8, 9, 4, 6]);
    }
}
