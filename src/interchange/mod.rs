//! Question banks in and out (docs/quizzes.md, "Importing and exporting"): the 题库 a training centre
//! already keeps in Excel, CSV, Word or pasted text becomes one bank file; a bank goes out as XLSX or
//! CSV in the same layout, as GIFT for Moodle, or as Aiken.
//!
//! Every reader produces [`Item`]s (one question each, plain text) and [`Skipped`] rows; [`write`]
//! turns items into bank Markdown; [`export`] reads a bank back into items.
//!
//! 1. [`table`]: rows of a spreadsheet or CSV, the header recognised by its usual names;
//! 2. [`text`]: the numbered layout Chinese 题库 are written in (pasted text, or [`docx`]);
//! 3. [`write`]: items -> a bank file with stable ids;
//! 4. [`export`]: a bank -> XLSX/CSV (the import layout), GIFT, Aiken; [`template`]: the empty sheet.

pub mod docx;
pub mod export;
pub mod table;
pub mod template;
pub mod text;
pub mod write;

use crate::quiz::QType;

/// One question as the interchange formats hold it: plain text, options in order, answers as indexes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Item {
    pub id: Option<String>,
    /// `None` until known (a type cell, a section heading, or inferred from the answer).
    pub qtype: Option<QType>,
    pub stem: String,
    pub options: Vec<String>,
    /// Indexes into `options`; for 判断, 0 = 正确 and 1 = 错误.
    pub answer: Vec<usize>,
    pub explanation: String,
    pub basis: String,
    pub category: String,
    pub difficulty: String,
    pub tags: Vec<String>,
}

/// A row or question that could not be read: where (`第 3 行` of the file) and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    /// 1-based row or line number.
    pub line: usize,
    /// Stable code: `E-IMPORT-STEM`, `-ANSWER`, `-TYPE`, `-OPTIONS`, `-LINE`.
    pub code: &'static str,
    pub reason: String,
}

/// What a reader found: the items with the row or line each starts on, and what it skipped.
pub type Read = (Vec<(usize, Item)>, Vec<Skipped>);

/// Why an item cannot become a question: a code and a zh/en reason.
pub type Why = (&'static str, String);

/// Full-width ASCII (Ａ１．（）：) to half-width, and the ideographic space to a space.
pub fn half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Text as a bank writes it: trimmed, runs of spaces collapsed, the blank of a stem written `（ ）`
/// however it was typed (`( )`, `（　）`, `（）`, `____`).
pub fn tidy(s: &str) -> String {
    let s = s.replace('\r', "");
    let lines: Vec<String> = s
        .lines()
        .map(|l| {
            let l = l.replace('\u{3000}', " ");
            let mut out = String::new();
            let mut space = false;
            for c in l.trim().chars() {
                if c == ' ' || c == '\t' {
                    space = true;
                    continue;
                }
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
            blanks(&out)
        })
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

fn blanks(s: &str) -> String {
    let re = blank_re();
    re.replace_all(s, "（ ）").into_owned()
}

fn blank_re() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(r"[（(][ \u{3000}]*[）)]|_{3,}").unwrap_or_else(|_| unreachable!())
    })
}

/// The type a cell or heading names: 判断/单选/多选 with or without 题, 单项选择题, 是非题, true/false…
pub fn type_word(s: &str) -> Option<QType> {
    let w = half_width(s).trim().to_lowercase();
    let w = w.trim_end_matches('题');
    match w {
        "判断" | "是非" | "对错" | "tf" | "true/false" | "true-false" | "truefalse" | "judge" => {
            Some(QType::Tf)
        }
        "单选" | "单项选择" | "单选择" | "single" | "single choice" | "choice" => {
            Some(QType::Single)
        }
        "多选" | "多项选择" | "多选择" | "不定项选择" | "multi" | "multiple"
        | "multiple choice" => Some(QType::Multi),
        _ => QType::from_word(w),
    }
}

/// A 判断 answer: 正确/错误, 对/错, √/×, T/F, 是/否, Y/N, A/B (the 正确 and 错误 options).
pub fn tf_answer(s: &str) -> Option<usize> {
    let w = half_width(s)
        .trim()
        .trim_end_matches(['.', '。'])
        .to_lowercase();
    match w.as_str() {
        "正确" | "对" | "√" | "✓" | "✔" | "t" | "true" | "是" | "y" | "yes" | "a" | "正确的" => {
            Some(0)
        }
        "错误" | "错" | "×" | "✗" | "✘" | "x" | "f" | "false" | "否" | "n" | "no" | "b"
        | "错误的" => Some(1),
        _ => None,
    }
}

/// Choice answer letters: `B`, `ABD`, `A,B`, `A B`, `A、B`, `Ａ．Ｂ` -> indexes; `None` for anything
/// else.
pub fn letters(s: &str) -> Option<Vec<usize>> {
    let w = half_width(s);
    let mut out = Vec::new();
    for c in w.chars() {
        match c {
            'A'..='H' => out.push(c as usize - 'A' as usize),
            'a'..='h' => out.push(c as usize - 'a' as usize),
            ' ' | ',' | '、' | '，' | ';' | '；' | '.' | '/' => {}
            _ => return None,
        }
    }
    out.sort_unstable();
    out.dedup();
    (!out.is_empty()).then_some(out)
}

/// Fills in the type from the answer when no cell or heading gave it, and checks what a bank
/// requires; the reason when the item cannot become a question.
pub fn finish(item: &mut Item, raw_answer: &str) -> Result<(), Why> {
    if item.stem.trim().is_empty() {
        return Err(("E-IMPORT-STEM", "没有题干 (no stem)".into()));
    }
    let answer = raw_answer.trim();
    if answer.is_empty() {
        return Err(("E-IMPORT-ANSWER", "没有答案 (no answer)".into()));
    }
    if item.qtype.is_none() {
        item.qtype = Some(if item.options.is_empty() && tf_answer(answer).is_some() {
            QType::Tf
        } else if letters(answer).is_some_and(|l| l.len() > 1) {
            QType::Multi
        } else {
            QType::Single
        });
    }
    match item.qtype {
        Some(QType::Tf) => {
            let Some(a) = tf_answer(answer) else {
                return Err(("E-IMPORT-ANSWER", format!("判断题的答案“{answer}”无法识别 (a true/false answer is 正确/错误, 对/错, √/×, T/F)")));
            };
            item.options.clear();
            item.answer = vec![a];
        }
        Some(t) => {
            if item.options.len() < 2 {
                return Err((
                    "E-IMPORT-OPTIONS",
                    format!(
                        "选择题只有 {} 个选项 (a choice question needs at least 2 options)",
                        item.options.len()
                    ),
                ));
            }
            let Some(l) = letters(answer) else {
                return Err(("E-IMPORT-ANSWER", format!("答案“{answer}”不是选项字母 (the answer must be option letters such as B or ACD)")));
            };
            if let Some(&bad) = l.iter().find(|&&i| i >= item.options.len()) {
                let letter = (b'A' + bad as u8) as char;
                return Err((
                    "E-IMPORT-ANSWER",
                    format!(
                        "答案 {letter} 超出了 {} 个选项 (answer {letter} is not one of the options)",
                        item.options.len()
                    ),
                ));
            }
            if t == QType::Single && l.len() > 1 {
                return Err(("E-IMPORT-ANSWER", format!("单选题有 {} 个答案 (a single-choice question has one answer; write 多选 as its type)", l.len())));
            }
            item.answer = l;
        }
        None => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_letters_and_widths() {
        assert_eq!(type_word("单项选择题"), Some(QType::Single));
        assert_eq!(type_word("判断题"), Some(QType::Tf));
        assert_eq!(type_word("多选"), Some(QType::Multi));
        assert_eq!(letters("Ａ、Ｃ Ｄ"), Some(vec![0, 2, 3]));
        assert_eq!(letters("正确"), None);
        assert_eq!(tf_answer("×"), Some(1));
        assert_eq!(tf_answer("T"), Some(0));
        assert_eq!(
            tidy("  食品（　　）应当\r\n\n 查验( )。 "),
            "食品（ ）应当\n查验（ ）。"
        );
    }
}
