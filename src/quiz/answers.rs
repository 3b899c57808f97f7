//! The answer and option rules of a question: 判断 answers, choice answers against the options,
//! the number and uniqueness of options, and pinning of position-dependent options.

use super::parse::{RawKey, RawQuestion};
use super::validate::Cx;
use super::QType;
use std::collections::HashSet;

/// Options whose meaning depends on their position: they must be pinned when options are shuffled.
pub(crate) const POSITIONAL: &[&str] = &[
    "以上都是",
    "以上都不是",
    "以上均是",
    "以上均不是",
    "以上都对",
    "以上都不对",
    "以上皆是",
    "以上皆非",
    "以上全部",
    "以上选项都对",
    "以上选项都不对",
    "all of the above",
    "none of the above",
];

impl Cx<'_> {
    pub(super) fn tf_answer(&mut self, raw: &RawQuestion, k: &RawKey) -> Vec<usize> {
        if let Some(o) = raw.options.first() {
            self.err(
                "E-Q-TF-OPTIONS",
                "判断题不能有选项 (a 判断 question has no options)".into(),
                o.span.clone(),
                "remove the option lines: a 判断 question is answered 正确 or 错误",
            );
        }
        match k.value.trim() {
            "正确" | "对" | "√" | "✓" | "是" | "true" | "True" | "T" => vec![0],
            "错误" | "错" | "×" | "✗" | "否" | "false" | "False" | "F" => vec![1],
            other => {
                self.err(
                    "E-Q-TF-ANSWER",
                    format!("判断题的答案「{other}」无效 (a 判断 answer must be 正确 or 错误)"),
                    k.span.clone(),
                    "write `答案：正确` or `答案：错误`",
                );
                Vec::new()
            }
        }
    }

    pub(super) fn choice_answer(
        &mut self,
        raw: &RawQuestion,
        k: &RawKey,
        qtype: QType,
    ) -> Vec<usize> {
        let letters: Vec<char> = k
            .value
            .chars()
            .filter(|c| !matches!(c, ',' | '，' | '、' | ' ' | ';' | '；'))
            .collect();
        let mut answer = Vec::new();
        for (n, c) in letters.iter().enumerate() {
            let up = c.to_ascii_uppercase();
            match raw.options.iter().position(|o| o.letter == up) {
                Some(i) if !answer.contains(&i) => answer.push(i),
                Some(_) => {}
                None => {
                    let at =
                        k.value_at + k.value.char_indices().nth(n).map(|(b, _)| b).unwrap_or(0);
                    let have = match (raw.options.first(), raw.options.last()) {
                        (Some(a), Some(b)) => format!("{}–{}", a.letter, b.letter),
                        _ => "none".to_string(),
                    };
                    self.err(
                        "E-Q-ANSWER-LETTER",
                        format!(
                            "答案「{c}」不在选项中 (answer `{c}` is not among the options {have})"
                        ),
                        at..at + c.len_utf8(),
                        "the answer must use the letters of the options listed above it",
                    );
                }
            }
        }
        answer.sort_unstable();
        if letters.is_empty() {
            self.err(
                "E-Q-ANSWER-MISSING",
                "答案为空 (the answer is empty)".into(),
                k.span.clone(),
                "write the letters of the correct options, e.g. `答案：A` or `答案：ABD`",
            );
        } else if qtype == QType::Single && answer.len() > 1 {
            self.err(
                "E-Q-SINGLE-ANSWERS",
                format!("单选题有 {} 个答案 (a 单选 question has {} answers)", answer.len(), answer.len()),
                k.span.clone(),
                "a 单选 question has exactly one answer; change the heading to `## 多选` if several are right",
            );
        } else if qtype == QType::Multi && answer.len() == 1 {
            self.err(
                "W-Q-MULTI-ONE",
                "多选题只有一个答案 (a 多选 question has only one answer)".into(),
                k.span.clone(),
                "a 多选 question normally has two or more answers; change the heading to `## 单选` if only one is right",
            );
        }
        answer
    }

    pub(super) fn check_options(&mut self, raw: &RawQuestion) {
        if raw.options.len() < 2 {
            self.err(
                "E-Q-OPTIONS",
                format!("选择题至少要有两个选项 (a choice question needs at least two options, found {})", raw.options.len()),
                raw.heading.clone(),
                "write options as lines `A. …`, `B. …` after the stem",
            );
        }
        let mut seen: HashSet<String> = HashSet::new();
        for o in &raw.options {
            let norm: String = o.text.chars().filter(|c| !c.is_whitespace()).collect();
            if !seen.insert(norm) {
                self.err(
                    "E-Q-OPTION-DUP",
                    format!(
                        "选项 {} 与前面的选项重复 (option {} repeats an earlier option)",
                        o.letter, o.letter
                    ),
                    o.span.clone(),
                    "every option of a question must be different",
                );
            }
            let lower = o.text.to_lowercase();
            let positional = POSITIONAL
                .iter()
                .any(|p| lower.trim_end_matches(['。', '.']) == *p);
            if positional && !o.pinned && self.shuffle {
                self.err(
                    "E-Q-PIN",
                    format!("选项「{}」会被打乱位置，需要固定 (option `{}` must be pinned, since options are shuffled)", o.text, o.text),
                    o.span.clone(),
                    "add {固定} at the end of the option line, e.g. `D. 以上都不是 {固定}`",
                );
            }
        }
    }
}
