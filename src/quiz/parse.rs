//! The bank format, line by line: each `## 类型 {#id}` heading starts a question (`### …` inside a
//! 组合 group starts a sub-question); option lines `A.` `A．` `A、` `A)` `(A)` `（A）` follow the stem;
//! key lines `答案：…` (or `answer: …`, full- or half-width colon) follow the options. Everything keeps
//! its byte range in the file so every problem can be reported at its line and column.

use std::ops::Range;

/// A key of a question block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Answer,
    Explanation,
    Ref,
    Difficulty,
    Tags,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawOption {
    pub letter: char,
    pub text: String,
    pub pinned: bool,
    /// The option line, in the file.
    pub span: Range<usize>,
    /// Where `text` starts in the file.
    pub text_at: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawKey {
    pub key: Key,
    pub value: String,
    /// The whole key line (and its continuation lines), in the file.
    pub span: Range<usize>,
    /// Where `value` starts in the file.
    pub value_at: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawQuestion {
    /// The type word as written (单选, 判断题, multi…).
    pub kind: String,
    pub id: Option<String>,
    /// The heading line, in the file.
    pub heading: Range<usize>,
    /// Stem Markdown and where it starts in the file.
    pub stem: String,
    pub stem_at: usize,
    pub options: Vec<RawOption>,
    pub keys: Vec<RawKey>,
    /// Sub-questions of a 组合 group.
    pub subs: Vec<RawQuestion>,
}

/// Parses a bank body that starts at byte `offset` of its file.
pub fn parse(body: &str, offset: usize) -> Vec<RawQuestion> {
    let lines = lines(body, offset);
    let mut out: Vec<RawQuestion> = Vec::new();
    let mut i = 0;
    // Text before the first question (an introduction) is ignored by the parser.
    let starts_question = |l: &Line<'_>| !l.code && heading_level(l.text) == Some(2);
    while i < lines.len() && !starts_question(&lines[i]) {
        i += 1;
    }
    while i < lines.len() {
        let start = i;
        i += 1;
        while i < lines.len() && !starts_question(&lines[i]) {
            i += 1;
        }
        out.push(question(&lines[start..i], true));
    }
    out
}

#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    /// Start of the line in the file.
    at: usize,
    /// Inside a fenced code block (never a heading, option or key).
    code: bool,
}

fn lines(body: &str, offset: usize) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut fence: Option<&str> = None;
    let mut pos = 0;
    for raw in body.split_inclusive('\n') {
        let text = raw.trim_end_matches(['\n', '\r']);
        let t = text.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| t.starts_with(m));
        let code = match (fence, marker) {
            (None, Some(m)) => {
                fence = Some(m);
                true
            }
            (Some(f), Some(m)) if f == m => {
                fence = None;
                true
            }
            (Some(_), _) => true,
            (None, None) => false,
        };
        out.push(Line {
            text,
            at: offset + pos,
            code,
        });
        pos += raw.len();
    }
    out
}

fn heading_level(text: &str) -> Option<usize> {
    let n = text.chars().take_while(|c| *c == '#').count();
    (n > 0 && n <= 6 && text[n..].starts_with(' ')).then_some(n)
}

fn question(lines: &[Line<'_>], top: bool) -> RawQuestion {
    let head = lines[0];
    let level = heading_level(head.text).unwrap_or(2);
    let (kind, id) = heading_parts(&head.text[level..]);
    let mut q = RawQuestion {
        kind,
        id,
        heading: head.at..head.at + head.text.len(),
        ..RawQuestion::default()
    };
    let body = &lines[1..];
    // A 组合 group: stem up to the first `###`, then one sub-question per `###`.
    let sub_start = body
        .iter()
        .position(|l| !l.code && heading_level(l.text) == Some(3));
    if let (true, Some(first)) = (top, sub_start) {
        set_stem(&mut q, &body[..first]);
        push_subs(&mut q, body, first);
        return q;
    }
    read_body(&mut q, body);
    q
}

/// Adds the sub-questions of a 组合 group, one per `###` heading from line `first` of its body.
fn push_subs(q: &mut RawQuestion, body: &[Line<'_>], first: usize) {
    let mut i = first;
    while i < body.len() {
        let start = i;
        i += 1;
        while i < body.len() && (body[i].code || heading_level(body[i].text) != Some(3)) {
            i += 1;
        }
        q.subs.push(question(&body[start..i], false));
    }
}

/// Reads the body of a question that is not a group: its stem, options and key lines.
fn read_body(q: &mut RawQuestion, body: &[Line<'_>]) {
    let mut stem_end = body.len();
    let mut next_letter = 'A';
    let mut in_options = false;
    let mut current_key: Option<usize> = None;
    for (n, line) in body.iter().enumerate() {
        if !line.code {
            if let Some((key, value_off)) = key_line(line.text) {
                if stem_end == body.len() {
                    stem_end = n;
                }
                push_key(q, line, key, value_off);
                current_key = Some(q.keys.len() - 1);
                continue;
            }
            if current_key.is_none() {
                if let Some((letter, text_off)) = option_line(line.text) {
                    if letter == next_letter {
                        if !in_options {
                            stem_end = n;
                            in_options = true;
                        }
                        push_option(q, line, letter, text_off);
                        next_letter = char::from(next_letter as u8 + 1);
                        continue;
                    }
                }
            }
        }
        continue_line(q, current_key, in_options, line);
    }
    for key in &mut q.keys {
        key.value = key.value.trim().to_string();
    }
    set_stem(q, &body[..stem_end.min(body.len())]);
}

/// Adds a key line whose value starts at byte `value_off` of the line.
fn push_key(q: &mut RawQuestion, line: &Line<'_>, key: Key, value_off: usize) {
    let value = line.text[value_off..].trim().to_string();
    q.keys.push(RawKey {
        key,
        value,
        span: line.at..line.at + line.text.len(),
        value_at: line.at + value_off,
    });
}

/// Adds an option line whose text starts at byte `text_off` of the line.
fn push_option(q: &mut RawQuestion, line: &Line<'_>, letter: char, text_off: usize) {
    let raw_text = line.text[text_off..].trim_end();
    let (text, pinned) = strip_pin(raw_text);
    q.options.push(RawOption {
        letter,
        text: text.to_string(),
        pinned,
        span: line.at..line.at + line.text.len(),
        text_at: line.at + text_off,
    });
}

/// A line that is neither a key nor an option: it continues the current key, or the last option.
fn continue_line(
    q: &mut RawQuestion,
    current_key: Option<usize>,
    in_options: bool,
    line: &Line<'_>,
) {
    if let Some(k) = current_key {
        // A key's value continues over the following lines (a long 解析).
        let key = &mut q.keys[k];
        if !line.text.trim().is_empty() || !key.value.is_empty() {
            key.value.push('\n');
            key.value.push_str(line.text);
        }
        key.span.end = line.at + line.text.len();
    } else if in_options && !line.text.trim().is_empty() {
        // A line after the options that is neither an option nor a key: part of the last option.
        if let Some(o) = q.options.last_mut() {
            o.text.push('\n');
            o.text.push_str(line.text.trim());
            o.span.end = line.at + line.text.len();
        }
    }
}

fn set_stem(q: &mut RawQuestion, lines: &[Line<'_>]) {
    let first = lines.iter().position(|l| !l.text.trim().is_empty());
    let last = lines.iter().rposition(|l| !l.text.trim().is_empty());
    if let (Some(a), Some(b)) = (first, last) {
        q.stem_at = lines[a].at;
        q.stem = lines[a..=b]
            .iter()
            .map(|l| l.text)
            .collect::<Vec<_>>()
            .join("\n");
    } else {
        q.stem_at = q.heading.end;
    }
}

/// `单选 {#fsl-050}` -> ("单选", Some("fsl-050")).
fn heading_parts(text: &str) -> (String, Option<String>) {
    let text = text.trim();
    if let Some(open) = text.rfind("{#") {
        if let Some(close) = text[open..].find('}') {
            let id = text[open + 2..open + close].trim().to_string();
            let kind = text[..open].trim().to_string();
            return (kind, (!id.is_empty()).then_some(id));
        }
    }
    (text.to_string(), None)
}

/// A key line: the key and the byte offset of its value.
fn key_line(text: &str) -> Option<(Key, usize)> {
    const KEYS: &[(&str, Key)] = &[
        ("答案", Key::Answer),
        ("解析", Key::Explanation),
        ("依据", Key::Ref),
        ("难度", Key::Difficulty),
        ("标签", Key::Tags),
        ("answer", Key::Answer),
        ("explanation", Key::Explanation),
        ("ref", Key::Ref),
        ("difficulty", Key::Difficulty),
        ("tags", Key::Tags),
    ];
    let t = text.trim_start();
    for (name, key) in KEYS {
        let Some(head) = t.get(..name.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(name) {
            continue;
        }
        let rest = &t[name.len()..];
        let after_ws = rest.trim_start_matches([' ', '\t']);
        for colon in [':', '：'] {
            if let Some(value) = after_ws.strip_prefix(colon) {
                return Some((*key, text.len() - value.len()));
            }
        }
    }
    None
}

/// An option line: its letter and the byte offset of its text.
fn option_line(text: &str) -> Option<(char, usize)> {
    let t = text.trim_start();
    let lead = text.len() - t.len();
    let mut chars = t.char_indices();
    let (_, first) = chars.next()?;
    let (letter, after) = match first {
        '(' | '（' => {
            let (_, l) = chars.next()?;
            let (ci, close) = chars.next()?;
            if !matches!(close, ')' | '）') {
                return None;
            }
            (l, ci + close.len_utf8())
        }
        l => {
            let (ci, sep) = chars.next()?;
            if !matches!(sep, '.' | '．' | '、' | ')' | '）') {
                return None;
            }
            (l, ci + sep.len_utf8())
        }
    };
    if !letter.is_ascii_uppercase() || letter > 'H' {
        return None;
    }
    let rest = &t[after..];
    let text_start = rest.len() - rest.trim_start().len();
    if rest.trim().is_empty() {
        return None;
    }
    Some((letter, lead + after + text_start))
}

/// `以上都不是 {固定}` -> ("以上都不是", true).
fn strip_pin(text: &str) -> (&str, bool) {
    for mark in ["{固定}", "{pin}", "{fixed}"] {
        if let Some(t) = text.strip_suffix(mark) {
            return (t.trim_end(), true);
        }
    }
    (text, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BANK: &str = "前言不算题目。\n\n## 单选 {#fsl-050}\n食品生产者采购食品原料，应当查验（ ）。\n\nA. 产品合格证明\nB．营业执照\n(C) 税务登记证\nD、以上都不是 {固定}\n\n答案：A\n解析：进货查验要查许可证和产品合格证明；\n营业执照不能替代。\n依据: 食品安全法 第五十条\n难度：易\n\n## 判断\n从业人员每年进行健康检查。\n\nanswer: 正确\n\n## 组合 {#case-1}\n某作坊的情况如下。\n\n| 项目 | 情况 |\n|---|---|\n| 人员 | 3 |\n\n### 单选 {#case-1a}\n应当首先做什么？\nA) 培训\nB) 罚款\n答案：A\n\n### 判断 {#case-1b}\n可以不建台账。\n答案：错误\n";

    #[test]
    fn parses_the_product_format() {
        let qs = parse(BANK, 0);
        assert_eq!(qs.len(), 3);
        let q = &qs[0];
        assert_eq!(
            (q.kind.as_str(), q.id.as_deref()),
            ("单选", Some("fsl-050"))
        );
        assert_eq!(q.stem, "食品生产者采购食品原料，应当查验（ ）。");
        let letters: String = q.options.iter().map(|o| o.letter).collect();
        assert_eq!(letters, "ABCD");
        assert_eq!(q.options[1].text, "营业执照");
        assert!(q.options[3].pinned && q.options[3].text == "以上都不是");
        assert_eq!(
            q.keys[1].value,
            "进货查验要查许可证和产品合格证明；\n营业执照不能替代。"
        );
        assert_eq!(q.keys[2].key, Key::Ref);
        assert_eq!(
            &BANK[q.options[2].text_at..q.options[2].span.end],
            "税务登记证"
        );
        assert_eq!(&BANK[q.heading.clone()], "## 单选 {#fsl-050}");

        assert_eq!(qs[1].id, None);
        assert_eq!(qs[1].keys[0].value, "正确");

        let g = &qs[2];
        assert!(g.stem.contains("| 人员 | 3 |"));
        assert_eq!(g.subs.len(), 2);
        assert_eq!(g.subs[0].options.len(), 2);
        assert_eq!(g.subs[1].keys[0].value, "错误");
    }

    #[test]
    fn option_markers() {
        for (line, letter) in [
            ("A. x", 'A'),
            ("B．x", 'B'),
            ("C、x", 'C'),
            ("D) x", 'D'),
            ("(E) x", 'E'),
            ("（F）x", 'F'),
        ] {
            assert_eq!(option_line(line).map(|o| o.0), Some(letter), "{line}");
        }
        for line in ["a. x", "A.", "Z. x", "AB. x", "A x"] {
            assert_eq!(option_line(line), None, "{line}");
        }
    }

    #[test]
    fn code_blocks_are_not_parsed() {
        let qs = parse(
            "## 单选\n```\n## 不是题目\nA. 不是选项\n```\nA. 是\nB. 否\n答案：A\n",
            0,
        );
        assert_eq!(qs.len(), 1);
        assert_eq!(qs[0].options.len(), 2);
        assert!(qs[0].stem.contains("## 不是题目"));
    }
}
