//! Items -> one bank file (the format of docs/quizzes.md) that `shian check` accepts: front matter with
//! the category, then one `## 题型 {#id}` block per question. Ids are kept when the source had valid
//! ones, else made from the question's type and stem, so importing the same sheet again gives the
//! same ids.

use super::Item;
use crate::quiz::QType;
use std::collections::HashSet;

fn type_word(t: QType) -> &'static str {
    match t {
        QType::Tf => "判断",
        QType::Single => "单选",
        QType::Multi => "多选",
    }
}

fn valid_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_alphabetic())
        && id.len() <= 40
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The id of `item`: its own when valid (a letter first, then letters, digits, `-`, `_`), else `q-`
/// and 8 hex digits of its type and stem.
pub fn id_of(item: &Item) -> String {
    match &item.id {
        Some(id) if valid_id(id) => id.clone(),
        _ => {
            let t = item.qtype.map_or("", type_word);
            let h = crate::hash::Fnv::default().field(t).field(&item.stem).hex();
            format!("q-{}", &h[..8])
        }
    }
}

/// A line of question text that the bank format would read as something else (an option, a key, a
/// heading) is escaped so it stays text.
fn text_line(line: &str) -> String {
    let t = line.trim_start();
    if t.starts_with('#') {
        return format!("\\{t}");
    }
    let mut chars = t.chars();
    if let (Some(l), Some(sep)) = (chars.next(), chars.next()) {
        if ('A'..='H').contains(&l) && matches!(sep, '.' | '．' | '、' | ')' | '）') {
            return format!("{l}\\.{}", chars.as_str());
        }
    }
    for key in ["答案", "解析", "依据", "难度", "标签"] {
        if let Some(rest) = t.strip_prefix(key) {
            if rest.trim_start().starts_with([':', '：']) {
                return format!("**{key}**{rest}");
            }
        }
    }
    t.to_string()
}

fn one_line(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The bank file of `items` under `category` (and `title`, when given).
pub fn bank(items: &[Item], category: &str, title: Option<&str>) -> String {
    let mut out = String::from("+++\n");
    if let Some(t) = title {
        out.push_str(&format!("title = {}\n", toml_string(t)));
    }
    out.push_str(&format!("category = {}\n", toml_string(category)));
    // A 解析 that names an option letter is only right when the options keep their order.
    if items
        .iter()
        .any(|i| crate::quiz::validate::names_a_letter(&i.explanation).is_some())
    {
        out.push_str("shuffle_options = false\n");
    }
    out.push_str("+++\n");
    let mut seen = HashSet::new();
    for item in items {
        let mut id = id_of(item);
        let mut n = 2;
        while !seen.insert(id.clone()) {
            id = format!("{}-{n}", id_of(item));
            n += 1;
        }
        let qtype = item.qtype.unwrap_or(QType::Single);
        out.push_str(&format!("\n## {} {{#{id}}}\n", type_word(qtype)));
        for line in item.stem.lines() {
            out.push_str(&text_line(line));
            out.push('\n');
        }
        if qtype != QType::Tf {
            out.push('\n');
            for (i, o) in item.options.iter().enumerate() {
                let o = one_line(o);
                // 以上都是 and the like mean something only in the last place: pinned there.
                let pin = crate::quiz::answers::POSITIONAL
                    .iter()
                    .any(|p| o.trim_end_matches(['。', '.']).eq_ignore_ascii_case(p));
                let pin = if pin { " {固定}" } else { "" };
                out.push_str(&format!("{}. {o}{pin}\n", (b'A' + i as u8) as char));
            }
        }
        out.push('\n');
        let answer = if qtype == QType::Tf {
            if item.answer.first() == Some(&0) {
                "正确"
            } else {
                "错误"
            }
            .to_string()
        } else {
            item.answer
                .iter()
                .map(|&i| (b'A' + i as u8) as char)
                .collect()
        };
        out.push_str(&format!("答案：{answer}\n"));
        for (key, value) in [
            ("解析", &item.explanation),
            ("依据", &item.basis),
            ("难度", &item.difficulty),
        ] {
            if !value.trim().is_empty() {
                out.push_str(&format!("{key}：{}\n", one_line(value)));
            }
        }
        if !item.tags.is_empty() {
            out.push_str(&format!("标签：{}\n", item.tags.join("，")));
        }
    }
    out
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}
