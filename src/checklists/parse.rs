//! A checklist's body -> its intro and its groups of items, with spans; every line that does not fit
//! the format becomes one diagnostic (codes `E-CK-…`, docs/checklists.md).
//!
//! ```text
//! 前言（任意 Markdown，只在第一个分组之前）
//!
//! ## 人员管理 {#staff}
//!
//! - {#staff-health} 从业人员持有效健康证明上岗 {关键}
//!   依据：食品安全法 第四十五条
//! ```

use std::ops::Range;

/// A problem found while reading the body: code, message, span (file offsets), hint.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub code: &'static str,
    pub message: String,
    pub span: Range<usize>,
    pub hint: &'static str,
}

#[derive(Debug, Clone, Default)]
pub struct RawItem {
    pub id: String,
    pub text: String,
    pub key: bool,
    /// The value of the `依据：` line and its file offset.
    pub basis: Option<(String, usize)>,
    /// The item's line.
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct RawGroup {
    pub id: String,
    pub title: String,
    pub items: Vec<RawItem>,
    /// The heading line.
    pub span: Range<usize>,
}

#[derive(Debug, Default)]
pub struct Body {
    /// Bytes of the body before the first group: Markdown shown above the form.
    pub intro_len: usize,
    pub groups: Vec<RawGroup>,
    pub problems: Vec<Problem>,
}

const ID_HINT: &str = "write `{#id}` with lowercase letters, digits and `-`, e.g. `- {#staff-health} 从业人员持有效健康证明上岗`";

/// Reads a checklist body that starts at byte `offset` of its file.
pub fn parse(body: &str, offset: usize) -> Body {
    let mut out = Body {
        intro_len: body.len(),
        ..Body::default()
    };
    let mut orphans: Vec<Range<usize>> = Vec::new();
    let mut pos = 0;
    for raw in body.split_inclusive('\n') {
        let start = pos;
        pos += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let span = offset + start..offset + start + line.len();
        if line.trim().is_empty() {
            continue;
        }
        if let Some(title) = line.strip_prefix("## ") {
            if out.groups.is_empty() {
                out.intro_len = start;
            }
            let (title, id) = trailing_id(title);
            let group = RawGroup {
                id: id.unwrap_or_default(),
                title: title.to_string(),
                items: Vec::new(),
                span: span.clone(),
            };
            check_id(&group.id, "分组", span, &mut out.problems);
            out.groups.push(group);
            continue;
        }
        let Some(group) = out.groups.last_mut() else {
            // The intro is free Markdown, but a list item that looks like a checklist item is not.
            if line.starts_with("- {#") {
                orphans.push(span);
            }
            continue;
        };
        if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
            let item = item(rest, span.clone(), &mut out.problems);
            group.items.push(item);
        } else if line.starts_with([' ', '\t']) && !group.items.is_empty() {
            let item = group.items.last_mut().unwrap_or_else(|| unreachable!());
            continuation(item, line, span.start, &mut out.problems);
        } else {
            out.problems.push(Problem {
                code: "E-CK-LINE",
                message: "这一行不是检查项 (a line inside a group must be an item, `- {#id} text`, or its indented `依据：` line)".into(),
                span,
                hint: "move notes into the intro above the first `##` group, or make the line an item",
            });
        }
    }
    if let Some(first) = orphans.first() {
        out.problems.push(Problem {
            code: "E-CK-ORPHAN",
            message: format!(
                "{} 个检查项不在任何分组中 ({} item(s) come before the first `##` group)",
                orphans.len(),
                orphans.len()
            ),
            span: first.clone(),
            hint: "put a group heading such as `## 人员管理 {#staff}` above the items",
        });
    }
    for g in &out.groups {
        if g.items.is_empty() {
            out.problems.push(Problem {
                code: "E-CK-EMPTY",
                message: format!("分组“{}”没有检查项 (the group has no items)", g.title),
                span: g.span.clone(),
                hint: "add items as `- {#id} text` lines under the heading, or remove the heading",
            });
        }
    }
    out
}

/// `text {#id}` -> (`text`, `id`).
fn trailing_id(s: &str) -> (&str, Option<String>) {
    let t = s.trim_end();
    if let Some(open) = t.rfind("{#") {
        if t.ends_with('}') {
            return (
                t[..open].trim_end(),
                Some(t[open + 2..t.len() - 1].to_string()),
            );
        }
    }
    (t, None)
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn check_id(id: &str, what: &str, span: Range<usize>, problems: &mut Vec<Problem>) {
    let message = if id.is_empty() {
        format!("{what}缺少编号 (the {} has no `{{#id}}`)", english(what))
    } else if !valid_id(id) {
        format!("{what}编号 {id} 不合规 (the id `{id}` may hold only a-z, 0-9 and `-`)")
    } else {
        return;
    };
    problems.push(Problem {
        code: "E-CK-ID",
        message,
        span,
        hint: ID_HINT,
    });
}

fn english(what: &str) -> &'static str {
    if what == "分组" {
        "group heading"
    } else {
        "item"
    }
}

/// `{#id} text {关键}` (after the list marker).
fn item(rest: &str, span: Range<usize>, problems: &mut Vec<Problem>) -> RawItem {
    let rest = rest.trim();
    let (id, mut text) = match rest.strip_prefix("{#").and_then(|r| r.split_once('}')) {
        Some((id, text)) => (id.to_string(), text.trim()),
        None => (String::new(), rest),
    };
    check_id(&id, "检查项", span.clone(), problems);
    let mut key = false;
    while text.ends_with('}') {
        let Some(open) = text.rfind('{') else { break };
        let mark = &text[open + 1..text.len() - 1];
        if matches!(mark.trim(), "关键" | "key") {
            key = true;
        } else {
            problems.push(Problem {
                code: "E-CK-MARK",
                message: format!("无法识别的标记 {{{mark}}} (unknown mark `{{{mark}}}`; the only mark is `{{关键}}`)"),
                span: span.clone(),
                hint: "mark a key item with `{关键}` at the end of its line; write braces in the text as （） instead",
            });
        }
        text = text[..open].trim_end();
    }
    if text.is_empty() {
        problems.push(Problem {
            code: "E-CK-TEXT",
            message: "检查项没有内容 (the item has no text)".into(),
            span: span.clone(),
            hint: "write what is checked after the id, as a sentence one can answer 符合 or 不符合",
        });
    }
    RawItem {
        id,
        text: text.to_string(),
        key,
        basis: None,
        span,
    }
}

/// An indented line under an item: its `依据：` line, or more of its text.
fn continuation(item: &mut RawItem, line: &str, at: usize, problems: &mut Vec<Problem>) {
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    let basis = trimmed
        .strip_prefix("依据：")
        .or_else(|| trimmed.strip_prefix("依据:"));
    match basis {
        Some(_) if item.basis.is_some() => problems.push(Problem {
            code: "E-CK-LINE",
            message: "检查项的依据写了两行 (a second `依据：` line for the same item)".into(),
            span: at..at + line.len(),
            hint: "write all citations on one line, separated by `；`",
        }),
        Some(value) => {
            let value_at = at + indent + (trimmed.len() - value.len());
            let lead = value.len() - value.trim_start().len();
            item.basis = Some((value.trim().to_string(), value_at + lead));
        }
        None => {
            item.text.push_str(trimmed.trim_end());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_items_marks_and_basis() {
        let body = "前言。\n\n## 人员 {#staff}\n\n- {#staff-health} 持证上岗 {关键}\n  依据：食品安全法 第四十五条\n- {#staff-wash} 洗手\n  消毒\n";
        let b = parse(body, 10);
        assert!(b.problems.is_empty(), "{:?}", b.problems);
        assert_eq!(&body[..b.intro_len], "前言。\n\n");
        let g = &b.groups[0];
        assert_eq!((g.id.as_str(), g.title.as_str()), ("staff", "人员"));
        assert_eq!(g.items.len(), 2);
        assert!(g.items[0].key && !g.items[1].key);
        let (basis, at) = g.items[0].basis.clone().unwrap();
        assert_eq!(basis, "食品安全法 第四十五条");
        assert_eq!(&body[at - 10..at - 10 + basis.len()], basis);
        assert_eq!(g.items[1].text, "洗手消毒");
    }

    #[test]
    fn one_problem_per_mistake() {
        let codes = |body: &str| -> Vec<&'static str> {
            parse(body, 0).problems.iter().map(|p| p.code).collect()
        };
        assert_eq!(
            codes("- {#a} x\n- {#b} y\n## G {#g}\n- {#c} z\n"),
            ["E-CK-ORPHAN"]
        );
        assert_eq!(codes("## G\n- {#a} x\n"), ["E-CK-ID"]);
        assert_eq!(codes("## G {#g}\n- {#A_1} x\n"), ["E-CK-ID"]);
        assert_eq!(codes("## G {#g}\n- {#a} x {关建}\n"), ["E-CK-MARK"]);
        assert_eq!(codes("## G {#g}\n说明文字\n- {#a} x\n"), ["E-CK-LINE"]);
        assert_eq!(codes("## G {#g}\n## H {#h}\n- {#a} x\n"), ["E-CK-EMPTY"]);
        assert_eq!(codes("## G {#g}\n- {#a} {关键}\n"), ["E-CK-TEXT"]);
    }
}
