//! The score and rating of one record, by the rule the form page applies (checklist.js): the score
//! is the share of 符合 among the items answered 符合 or 不符合; a 不符合 on a key item rates the
//! last band whatever the score; a record without any 不符合 is a 零风险 record.

use super::Band;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Blank,
    /// 符合
    Pass,
    /// 不符合
    Fail,
    /// 不适用
    Na,
}

impl Answer {
    pub fn bits(self) -> u8 {
        match self {
            Answer::Blank => 0,
            Answer::Pass => 1,
            Answer::Fail => 2,
            Answer::Na => 3,
        }
    }

    pub fn from_bits(b: u8) -> Answer {
        match b & 3 {
            1 => Answer::Pass,
            2 => Answer::Fail,
            3 => Answer::Na,
            _ => Answer::Blank,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub pass: usize,
    pub fail: usize,
    pub na: usize,
    pub blank: usize,
    /// Percent, one decimal; `None` when no item was answered 符合 or 不符合.
    pub score: Option<f64>,
    /// Index into the bands.
    pub rating: Option<usize>,
    pub key_failed: bool,
    /// Answered, and no 不符合.
    pub zero_risk: bool,
}

/// The outcome of `answers` (one per item, in order; `keys[i]` marks key items).
pub fn outcome(answers: &[Answer], keys: &[bool], bands: &[Band]) -> Outcome {
    let count = |a: Answer| answers.iter().filter(|&&x| x == a).count();
    let (pass, fail, na, blank) = (
        count(Answer::Pass),
        count(Answer::Fail),
        count(Answer::Na),
        count(Answer::Blank),
    );
    let key_failed = answers
        .iter()
        .zip(keys)
        .any(|(&a, &k)| k && a == Answer::Fail);
    let score =
        (pass + fail > 0).then(|| (pass as f64 * 1000.0 / (pass + fail) as f64).round() / 10.0);
    let rating = score.map(|s| {
        if key_failed {
            bands.len().saturating_sub(1)
        } else {
            bands
                .iter()
                .position(|b| s + 1e-9 >= b.min)
                .unwrap_or(bands.len().saturating_sub(1))
        }
    });
    Outcome {
        pass,
        fail,
        na,
        blank,
        score,
        rating,
        key_failed,
        zero_risk: fail == 0 && pass + na > 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Answer::*;

    #[test]
    fn score_rating_and_key_items() {
        let bands = super::super::default_bands();
        let keys = [true, false, false, false, false];
        let o = outcome(&[Pass, Pass, Pass, Pass, Fail], &keys, &bands);
        assert_eq!(
            (o.score, o.rating, o.zero_risk),
            (Some(80.0), Some(1), false)
        );
        let o = outcome(&[Fail, Pass, Pass, Pass, Pass], &keys, &bands);
        assert_eq!(
            (o.score, o.rating, o.key_failed),
            (Some(80.0), Some(2), true)
        );
        let o = outcome(&[Pass, Na, Pass, Pass, Pass], &keys, &bands);
        assert_eq!(
            (o.score, o.rating, o.zero_risk),
            (Some(100.0), Some(0), true)
        );
        let o = outcome(&[Na, Na, Blank, Blank, Blank], &keys, &bands);
        assert_eq!((o.score, o.rating, o.blank), (None, None, 3));
        let o = outcome(&[Pass, Pass, Fail], &[false; 3], &bands);
        assert_eq!(o.score, Some(66.7));
    }
}
