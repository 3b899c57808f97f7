//! Banks out: a bank file read back into items, then XLSX or CSV in exactly the layout
//! [`super::table`] reads (import -> export -> import gives the same bank), GIFT as Moodle imports it,
//! or Aiken (single-answer questions only). A 组合 group's shared text goes in front of each of its
//! sub-questions' stems.

use super::Item;
use crate::quiz::parse::{Key, RawQuestion};
use crate::quiz::QType;
use crate::results::report::{text, Table};
use std::path::Path;

/// The items of the bank file at `path`, and its category.
pub fn read_bank(path: &Path) -> Result<(Vec<Item>, String), String> {
    let source = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let source = source.replace("\r\n", "\n");
    let rest = source
        .strip_prefix("+++\n")
        .ok_or_else(|| format!("{} has no front matter: is it a bank file?", path.display()))?;
    let end = rest
        .find("\n+++")
        .ok_or_else(|| format!("{}: the front matter is not closed", path.display()))?;
    let front: toml::Table = rest[..end]
        .parse()
        .map_err(|e| format!("{}: front matter: {e}", path.display()))?;
    let category = front
        .get("category")
        .and_then(|v| v.as_str())
        .ok_or_else(|| format!("{} has no `category`: is it a bank file?", path.display()))?
        .to_string();
    let body_at = 4 + end + 4;
    let body = source.get(body_at..).unwrap_or("");
    let mut items = Vec::new();
    for q in crate::quiz::parse::parse(body, body_at) {
        if q.subs.is_empty() {
            items.extend(item(&q, "", &category));
        } else {
            for sub in &q.subs {
                items.extend(item(sub, q.stem.trim(), &category));
            }
        }
    }
    Ok((items, category))
}

fn key(q: &RawQuestion, k: Key) -> &str {
    q.keys
        .iter()
        .find(|x| x.key == k)
        .map_or("", |x| x.value.trim())
}

fn item(q: &RawQuestion, context: &str, category: &str) -> Option<Item> {
    let qtype = QType::from_word(&q.kind)?;
    let answer = key(q, Key::Answer);
    let answer = match qtype {
        QType::Tf => vec![super::tf_answer(answer)?],
        _ => super::letters(answer)?,
    };
    let stem = if context.is_empty() {
        q.stem.trim().to_string()
    } else {
        format!("{context}\n{}", q.stem.trim())
    };
    Some(Item {
        id: q.id.clone(),
        qtype: Some(qtype),
        stem,
        options: q
            .options
            .iter()
            .map(|o| o.text.trim().to_string())
            .collect(),
        answer,
        explanation: key(q, Key::Explanation).to_string(),
        basis: key(q, Key::Ref).to_string(),
        category: category.to_string(),
        difficulty: key(q, Key::Difficulty).to_string(),
        tags: key(q, Key::Tags)
            .split([',', '，', '、', ';', '；'])
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
    })
}

fn type_cell(t: Option<QType>) -> &'static str {
    match t {
        Some(QType::Tf) => "判断",
        Some(QType::Multi) => "多选",
        _ => "单选",
    }
}

fn answer_cell(i: &Item) -> String {
    if i.qtype == Some(QType::Tf) {
        if i.answer.first() == Some(&0) {
            "正确"
        } else {
            "错误"
        }
        .to_string()
    } else {
        i.answer.iter().map(|&a| (b'A' + a as u8) as char).collect()
    }
}

/// The sheet of `items`, in the import layout.
pub fn table(items: &[Item]) -> Table {
    let width = items
        .iter()
        .map(|i| i.options.len())
        .max()
        .unwrap_or(0)
        .clamp(4, 8);
    let mut headers: Vec<String> = ["编号", "题型", "题干"].map(String::from).to_vec();
    headers.extend((0..width).map(|n| format!("选项{}", (b'A' + n as u8) as char)));
    headers.extend(["答案", "解析", "依据", "分类", "难度", "标签"].map(String::from));
    let rows = items
        .iter()
        .map(|i| {
            let mut row = vec![
                text(i.id.clone().unwrap_or_default()),
                text(type_cell(i.qtype)),
                text(i.stem.clone()),
            ];
            row.extend((0..width).map(|n| text(i.options.get(n).cloned().unwrap_or_default())));
            row.extend([
                text(answer_cell(i)),
                text(i.explanation.clone()),
                text(i.basis.clone()),
                text(i.category.clone()),
                text(i.difficulty.clone()),
                text(i.tags.join("，")),
            ]);
            row
        })
        .collect();
    Table {
        sheet: "题库",
        headers,
        rows,
    }
}

/// GIFT escapes `~ = # { } :` and the backslash; new lines become spaces.
fn gift_text(s: &str) -> String {
    let mut out = String::new();
    for c in s.split_whitespace().collect::<Vec<_>>().join(" ").chars() {
        if matches!(c, '~' | '=' | '#' | '{' | '}' | ':' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Moodle's allowed answer weights: the share of each right option of a 多选.
fn weight(right: usize) -> &'static str {
    match right {
        1 => "100",
        2 => "50",
        3 => "33.33333",
        4 => "25",
        5 => "20",
        6 => "16.66667",
        7 => "14.28571",
        _ => "12.5",
    }
}

/// The GIFT text of `items`, with a `$CATEGORY:` line whenever the category changes.
pub fn gift(items: &[Item]) -> String {
    let mut out = String::from("// Exported by shian (GIFT, as Moodle's importer reads it)\n");
    let mut category = None;
    for i in items {
        if category != Some(&i.category) {
            out.push_str(&format!("\n$CATEGORY: {}\n", i.category));
            category = Some(&i.category);
        }
        let id = i.id.clone().unwrap_or_default();
        let feedback = if i.explanation.is_empty() {
            String::new()
        } else {
            format!("####{}", gift_text(&i.explanation))
        };
        let answers = match i.qtype {
            Some(QType::Tf) => if i.answer.first() == Some(&0) {
                "T"
            } else {
                "F"
            }
            .to_string(),
            Some(QType::Multi) => {
                let w = weight(i.answer.len());
                i.options
                    .iter()
                    .enumerate()
                    .map(|(n, o)| {
                        let mark = if i.answer.contains(&n) { w } else { "-100" };
                        format!("~%{mark}%{}", gift_text(o))
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            }
            _ => i
                .options
                .iter()
                .enumerate()
                .map(|(n, o)| {
                    format!(
                        "{}{}",
                        if i.answer.contains(&n) { "=" } else { "~" },
                        gift_text(o)
                    )
                })
                .collect::<Vec<_>>()
                .join(" "),
        };
        out.push_str(&format!(
            "\n::{}::{}{{{answers}{feedback}}}\n",
            gift_text(&id),
            gift_text(&i.stem)
        ));
    }
    out
}

/// The Aiken text of the single-answer questions (判断 as 正确/错误 options), and how many 多选 were
/// left out.
pub fn aiken(items: &[Item]) -> (String, usize) {
    let mut out = String::new();
    let mut skipped = 0;
    for i in items {
        let one = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let options: Vec<String> = match i.qtype {
            Some(QType::Multi) => {
                skipped += 1;
                continue;
            }
            Some(QType::Tf) => vec!["正确".into(), "错误".into()],
            _ => i.options.clone(),
        };
        out.push_str(&one(&i.stem));
        out.push('\n');
        for (n, o) in options.iter().enumerate() {
            out.push_str(&format!("{}. {}\n", (b'A' + n as u8) as char, one(o)));
        }
        let a = i.answer.first().copied().unwrap_or(0);
        out.push_str(&format!("ANSWER: {}\n\n", (b'A' + a as u8) as char));
    }
    (out, skipped)
}
