//! The text layout Chinese 题库 are written in (pasted text, or the paragraphs of a .docx):
//!
//! ```text
//! 一、判断题（每题 1 分）
//! 1．食品生产经营者对其生产经营食品的安全负责。（ ）
//! 答案：正确
//! 二、单项选择题
//! （1）食品生产者采购食品原料，应当查验供货者的许可证和（ ）。
//! A．产品合格证明  B．营业执照
//! C、税务登记证    D) 销售合同
//! 【答案】A
//! 解析：……
//! 参考答案：1．B 2．AC 3-5 ABD
//! ```
//!
//! Stems numbered `1．` `1、` `1.` `（1）`; options `A．` `A、` `A.` `A)` on one line or several;
//! answers `答案：B`, `【答案】B`, `答案：A B`, `正确/错误`, `对/错`, `√/×`, `T/F`, or in the stem's
//! brackets (`（ B ）`); section headings such as `一、判断题` give the type; an answer key at the end of
//! a section gives the answers by number.

use super::{finish, half_width, table::split_options, tidy, type_word, Item, Skipped};
use crate::quiz::QType;
use regex::Regex;
use std::collections::HashMap;
use std::sync::OnceLock;

struct Res {
    section: Regex,
    question: Regex,
    option: Regex,
    answer: Regex,
    explanation: Regex,
    basis: Regex,
    difficulty: Regex,
    key_head: Regex,
    key_pair: Regex,
    key_range: Regex,
    inline: Regex,
}

fn res() -> &'static Res {
    static RES: OnceLock<Res> = OnceLock::new();
    RES.get_or_init(|| {
        let re = |s: &str| Regex::new(s).unwrap_or_else(|_| unreachable!());
        Res {
            section: re(
                r"^(?:[一二三四五六七八九十]+\s*[、.]|第[一二三四五六七八九十]+部分)\s*(.*)$",
            ),
            question: re(r"^(?:(\d{1,4})\s*[.、)]|[(](\d{1,4})[)])\s*(\S.*)$"),
            option: re(r"^[(]?[A-H][)]?\s*[.、)]"),
            answer: re(r"^(?:【(?:参考)?答案】|(?:参考|正确|标准)?答案\s*[:])\s*(.*)$"),
            explanation: re(r"^(?:【(?:答案)?解析】|(?:答案|试题)?解析\s*[:])\s*(.*)$"),
            basis: re(r"^(?:【(?:法律)?依据】|(?:法律)?依据\s*[:])\s*(.*)$"),
            difficulty: re(r"^(?:【难度】|难度\s*[:])\s*(.*)$"),
            key_head: re(r"^(?:【?(?:参考|正确|标准)?答案】?\s*[:]?)\s*(.*)$"),
            key_pair: re(r"(\d{1,4})\s*[.、:)]?\s*([A-H]+|正确|错误|对|错|√|×|T|F)"),
            key_range: re(r"(\d{1,4})\s*[-~—]\s*(\d{1,4})\s*[:.、]?\s*([A-H√×TF对错]+)"),
            inline: re(r"[(（]\s*([A-H]{1,8}|√|×|对|错|正确|错误)\s*[)）]"),
        }
    })
}

#[derive(Default)]
struct Draft {
    line: usize,
    number: Option<usize>,
    section: usize,
    item: Item,
    answer: String,
    /// The last key written, for its continuation lines.
    last: Option<&'static str>,
}

/// The items of `text`, and the questions that could not be read (by the line they start on).
pub fn items(text: &str) -> super::Read {
    let r = res();
    let mut drafts: Vec<Draft> = Vec::new();
    let mut section_type: Option<QType> = None;
    let mut section = 0;
    let mut keys: HashMap<(usize, usize), String> = HashMap::new();
    let mut in_key = false;
    let mut skipped = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let original = raw.trim();
        let t = half_width(original);
        let t = t.trim();
        if t.is_empty() {
            continue;
        }
        // `t` and `original` have the same characters one for one: marker lengths carry over.
        let rest = |chars: usize| original.chars().skip(chars).collect::<String>();
        if let Some(c) = r.section.captures(t) {
            let heading = c.get(1).map_or("", |m| m.as_str());
            let word: String = heading
                .split(['(', '（', ' '])
                .next()
                .unwrap_or("")
                .to_string();
            if let Some(q) = type_word(&word) {
                section_type = Some(q);
                section += 1;
                in_key = false;
                continue;
            }
        }
        if matches!(
            t,
            "答案" | "参考答案" | "【答案】" | "【参考答案】" | "答案:" | "参考答案:"
        ) {
            in_key = true;
            continue;
        }
        if in_key || (r.answer.is_match(t) && r.key_pair.is_match(t) && starts_key(t)) {
            if let Some(c) = r.key_head.captures(t) {
                in_key = true;
                read_key(c.get(1).map_or("", |m| m.as_str()), section, &mut keys);
                continue;
            }
        }
        if let Some(c) = r.question.captures(t) {
            let number = c.get(1).or(c.get(2)).and_then(|m| m.as_str().parse().ok());
            let start = c.get(3).map_or(0, |m| t[..m.start()].chars().count());
            drafts.push(Draft {
                line,
                number,
                section,
                item: Item {
                    qtype: section_type,
                    stem: rest(start),
                    ..Item::default()
                },
                ..Draft::default()
            });
            continue;
        }
        let Some(d) = drafts.last_mut() else {
            skipped.push(Skipped {
                line,
                code: "E-IMPORT-LINE",
                reason: "这一行不属于任何题目 (a line before the first numbered question)".into(),
            });
            continue;
        };
        let key = |re: &Regex| {
            re.captures(t)
                .map(|c| c.get(1).map_or(0, |m| t[..m.start()].chars().count()))
        };
        if r.option.is_match(t) && d.answer.is_empty() {
            d.item.options.extend(split_options(original));
            d.last = Some("option");
        } else if let Some(at) = key(&r.answer) {
            d.answer = rest(at).trim().to_string();
            d.last = Some("answer");
        } else if let Some(at) = key(&r.explanation) {
            d.item.explanation = rest(at);
            d.last = Some("explanation");
        } else if let Some(at) = key(&r.basis) {
            d.item.basis = rest(at);
            d.last = Some("basis");
        } else if let Some(at) = key(&r.difficulty) {
            d.item.difficulty = rest(at).trim().to_string();
            d.last = None;
        } else {
            match d.last {
                None => {
                    d.item.stem.push('\n');
                    d.item.stem.push_str(original);
                }
                Some("option") => {
                    if let Some(o) = d.item.options.last_mut() {
                        o.push_str(original);
                    }
                }
                Some("explanation") => d.item.explanation.push_str(original),
                Some("basis") => d.item.basis.push_str(original),
                _ => skipped.push(Skipped {
                    line,
                    code: "E-IMPORT-LINE",
                    reason: format!(
                        "无法识别的一行：{original} (a line after the answer that is no key)"
                    ),
                }),
            }
        }
    }
    let mut out = Vec::new();
    for mut d in drafts {
        if d.answer.is_empty() {
            if let Some(a) = d.number.and_then(|n| keys.get(&(d.section, n))) {
                d.answer = a.clone();
            } else if let Some(c) = res().inline.captures(&half_width(&d.item.stem)) {
                d.answer = c.get(1).map_or("", |m| m.as_str()).to_string();
                let stem = half_width(&d.item.stem);
                let at = c.get(0).map_or(0..0, |m| m.range());
                let (a, b) = (
                    stem[..at.start].chars().count(),
                    stem[at.end..].chars().count(),
                );
                let chars: Vec<char> = d.item.stem.chars().collect();
                d.item.stem = format!(
                    "{}（ ）{}",
                    chars[..a].iter().collect::<String>(),
                    chars[chars.len() - b..].iter().collect::<String>()
                );
            }
        }
        d.item.stem = tidy(&d.item.stem);
        d.item.explanation = tidy(&d.item.explanation);
        d.item.basis = tidy(&d.item.basis);
        d.item.options = d.item.options.iter().map(|o| tidy(o)).collect();
        match finish(&mut d.item, &d.answer) {
            Ok(()) => out.push((d.line, d.item)),
            Err((code, reason)) => skipped.push(Skipped {
                line: d.line,
                code,
                reason,
            }),
        }
    }
    skipped.sort_by_key(|s| s.line);
    (out, skipped)
}

/// `答案：1.B 2.C` or a bare `参考答案` line starts an answer key; `答案：B` does not.
fn starts_key(t: &str) -> bool {
    let r = res();
    r.key_pair
        .captures(t)
        .and_then(|c| c.get(1))
        .is_some_and(|m| t[..m.start()].chars().any(|c| c == ':' || c == '】'))
}

fn read_key(text: &str, section: usize, keys: &mut HashMap<(usize, usize), String>) {
    let r = res();
    let mut rest = text.to_string();
    for c in r.key_range.captures_iter(text) {
        let (Some(a), Some(b), Some(v)) = (c.get(1), c.get(2), c.get(3)) else {
            continue;
        };
        let (a, b): (usize, usize) = (
            a.as_str().parse().unwrap_or(0),
            b.as_str().parse().unwrap_or(0),
        );
        let answers: Vec<char> = v.as_str().chars().collect();
        if b >= a && answers.len() == b - a + 1 {
            for (i, ch) in answers.iter().enumerate() {
                keys.insert((section, a + i), ch.to_string());
            }
            rest = rest.replace(c.get(0).map_or("", |m| m.as_str()), " ");
        }
    }
    for c in r.key_pair.captures_iter(&rest) {
        if let (Some(n), Some(v)) = (c.get(1), c.get(2)) {
            if let Ok(n) = n.as_str().parse() {
                keys.insert((section, n), v.as_str().to_string());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_marker_variant() {
        let text = "一、判断题（每题1分）\n1．食品生产经营者对其生产经营食品的安全负责。（ ）\n答案：√\n2、进货查验记录可以不保存。\n【答案】错\n二、单项选择题\n（1）查验供货者的许可证和（ B ）。\nA．营业执照  B．产品合格证明\nC、税务登记证\nD) 合同\n3. 第三题\nA. 甲\nB. 乙\n三、多项选择题\n1. 多选题干\nA.甲 B.乙 C.丙\n参考答案：1.AC\n";
        let (items, skipped) = items(text);
        assert_eq!(skipped.len(), 1, "{skipped:?}");
        assert_eq!((skipped[0].line, skipped[0].code), (11, "E-IMPORT-ANSWER"));
        assert_eq!(items.len(), 4);
        assert_eq!(items[0].1.answer, vec![0]);
        assert_eq!(items[1].1.answer, vec![1]);
        assert_eq!(items[2].1.stem, "查验供货者的许可证和（ ）。");
        assert_eq!(
            items[2].1.options,
            ["营业执照", "产品合格证明", "税务登记证", "合同"]
        );
        assert_eq!(items[2].1.answer, vec![1]);
        assert_eq!(items[3].1.qtype, Some(QType::Multi));
        assert_eq!(items[3].1.answer, vec![0, 2]);
    }
}
