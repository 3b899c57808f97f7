//! CJK-friendly emphasis: pair the `*` / `**` runs that CommonMark leaves literal next to Chinese text.
//!
//! CommonMark's flanking rules treat full-width punctuation like ASCII punctuation, so
//! `**注意：**内容` stays as literal asterisks (the closing run is preceded by `：` and followed by a
//! letter, so it is not right-flanking). Chinese authors write emphasis this way all the time. This
//! pass runs after pulldown-cmark and, like the "CJK-friendly emphasis" amendment, relaxes the
//! flanking test only where a CJK character or CJK punctuation touches the delimiter run; pure ASCII
//! text keeps standard CommonMark behaviour. Escaped asterisks (`\*`) are never touched.

use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

type Ev<'a> = (Event<'a>, Range<usize>);

/// A run of `*` left literal by the parser.
struct Run {
    event: usize,
    /// Byte offset of the run in the event's text.
    at: usize,
    len: usize,
    /// Remaining length not yet paired.
    left: usize,
    can_open: bool,
    can_close: bool,
    container: usize,
    /// Lengths (1 = emphasis, 2 = strong) consumed as a closer, innermost first.
    closes: Vec<usize>,
    /// Lengths consumed as an opener, innermost first.
    opens: Vec<usize>,
}

pub fn apply<'a>(events: Vec<Ev<'a>>, source: &str) -> Vec<Ev<'a>> {
    let events = merge_text(events);
    let mut runs = find_runs(&events, source);
    if runs.len() < 2 {
        return events;
    }
    pair(&mut runs);
    if runs
        .iter()
        .all(|r| r.closes.is_empty() && r.opens.is_empty())
    {
        return events;
    }
    rebuild(events, &runs)
}

/// The parser splits text at every `*`; join adjacent pieces so a run is seen whole.
fn merge_text(events: Vec<Ev<'_>>) -> Vec<Ev<'_>> {
    let mut out: Vec<Ev<'_>> = Vec::with_capacity(events.len());
    for (ev, range) in events {
        if let (Event::Text(t), Some((Event::Text(prev), prev_range))) = (&ev, out.last_mut()) {
            if prev_range.end == range.start {
                let mut joined = prev.to_string();
                joined.push_str(t);
                *prev = joined.into();
                prev_range.end = range.end;
                continue;
            }
        }
        out.push((ev, range));
    }
    out
}

fn find_runs(events: &[Ev<'_>], source: &str) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut stack: Vec<usize> = vec![0];
    let mut next_id = 1;
    let mut in_code = false;
    for (i, (ev, range)) in events.iter().enumerate() {
        match ev {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(t) => {
                if !is_inline(t) {
                    stack.clear();
                }
                stack.push(next_id);
                next_id += 1;
            }
            Event::End(t) => {
                stack.pop();
                if !is_inline_end(t) {
                    stack.clear();
                    stack.push(next_id);
                    next_id += 1;
                }
            }
            Event::Text(text) if !in_code && text.contains('*') => {
                // Escapes and entities make the source differ from the text: leave those alone.
                if source.get(range.clone()) != Some(text.as_ref()) {
                    continue;
                }
                let container = *stack.last().unwrap_or(&0);
                let bytes = text.as_bytes();
                let mut j = 0;
                while j < bytes.len() {
                    if bytes[j] != b'*' {
                        j += 1;
                        continue;
                    }
                    let start = j;
                    while j < bytes.len() && bytes[j] == b'*' {
                        j += 1;
                    }
                    // The parser drops the backslash of `\*` and starts a new event at the `*`.
                    let abs = range.start + start;
                    if abs > 0 && source.as_bytes().get(abs - 1) == Some(&b'\\') {
                        continue;
                    }
                    let prev = text[..start]
                        .chars()
                        .next_back()
                        .or_else(|| neighbour(events, i, true));
                    let next = text[j..]
                        .chars()
                        .next()
                        .or_else(|| neighbour(events, i, false));
                    let (can_open, can_close) = flanking(prev, next);
                    runs.push(Run {
                        event: i,
                        at: start,
                        len: j - start,
                        left: j - start,
                        can_open,
                        can_close,
                        container,
                        closes: Vec::new(),
                        opens: Vec::new(),
                    });
                }
            }
            Event::SoftBreak | Event::HardBreak => {}
            _ => {}
        }
    }
    runs
}

/// The character just before (or after) event `i`, as far as flanking is concerned.
fn neighbour(events: &[Ev<'_>], i: usize, before: bool) -> Option<char> {
    let j = if before { i.checked_sub(1)? } else { i + 1 };
    match &events.get(j)?.0 {
        Event::Text(t) => {
            if before {
                t.chars().next_back()
            } else {
                t.chars().next()
            }
        }
        Event::Code(_) | Event::InlineHtml(_) | Event::InlineMath(_) => Some('a'),
        Event::Start(t) if is_inline(t) => Some('a'),
        Event::End(t) if is_inline_end(t) => Some('a'),
        _ => None,
    }
}

fn flanking(prev: Option<char>, next: Option<char>) -> (bool, bool) {
    let ws = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let punct = |c: Option<char>| c.is_some_and(is_punct);
    let cjk = |c: Option<char>| c.is_some_and(is_cjk);
    let left = !ws(next) && (!punct(next) || ws(prev) || punct(prev));
    let right = !ws(prev) && (!punct(prev) || ws(next) || punct(next));
    let relaxed = cjk(prev) || cjk(next);
    (
        !ws(next) && (left || relaxed),
        !ws(prev) && (right || relaxed),
    )
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation() || (!c.is_alphanumeric() && !c.is_whitespace())
}

/// CJK ideographs, kana, hangul, and the punctuation Chinese text uses (full-width forms, CJK symbols,
/// curly quotes, ellipsis and dashes).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF   // radicals
        | 0x3000..=0x303F // CJK symbols and punctuation
        | 0x3040..=0x30FF // kana
        | 0x3100..=0x31BF // bopomofo
        | 0x3400..=0x4DBF // extension A
        | 0x4E00..=0x9FFF // unified ideographs
        | 0xAC00..=0xD7AF // hangul
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0xFE30..=0xFE4F // compatibility forms
        | 0xFF00..=0xFFEF // full-width forms
        | 0x20000..=0x3134F
        | 0x2018..=0x201F // curly quotes
        | 0x2014 | 0x2026 | 0x00B7)
}

fn is_inline(t: &Tag<'_>) -> bool {
    matches!(
        t,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::Superscript
            | Tag::Subscript
    )
}

fn is_inline_end(t: &TagEnd) -> bool {
    matches!(
        t,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

/// CommonMark's delimiter algorithm, simplified: closers look back for the nearest opener in the
/// same inline container; runs of two or more pair as strong, otherwise as emphasis.
fn pair(runs: &mut [Run]) {
    let mut openers: Vec<usize> = Vec::new();
    for c in 0..runs.len() {
        if runs[c].can_close {
            while runs[c].left > 0 {
                let found = openers
                    .iter()
                    .rposition(|&o| runs[o].container == runs[c].container && runs[o].left > 0);
                let Some(pos) = found else { break };
                let o = openers[pos];
                let n = if runs[o].left >= 2 && runs[c].left >= 2 {
                    2
                } else {
                    1
                };
                runs[o].left -= n;
                runs[o].opens.push(n);
                runs[c].left -= n;
                runs[c].closes.push(n);
                openers.truncate(pos + 1);
                if runs[o].left == 0 {
                    openers.pop();
                }
            }
        }
        if runs[c].can_open && runs[c].left > 0 {
            openers.push(c);
        }
    }
    // An opener that never found its closer keeps its asterisks.
    for r in runs.iter_mut() {
        if r.opens.is_empty() && r.closes.is_empty() {
            r.left = r.len;
        }
    }
}

fn rebuild<'a>(events: Vec<Ev<'a>>, runs: &[Run]) -> Vec<Ev<'a>> {
    let mut out = Vec::with_capacity(events.len() + runs.len() * 2);
    let mut ri = 0;
    for (i, (ev, range)) in events.into_iter().enumerate() {
        let first = ri;
        while ri < runs.len() && runs[ri].event == i {
            ri += 1;
        }
        let mine = &runs[first..ri];
        if mine
            .iter()
            .all(|r| r.opens.is_empty() && r.closes.is_empty())
        {
            out.push((ev, range));
            continue;
        }
        let Event::Text(text) = ev else {
            out.push((ev, range));
            continue;
        };
        let text = text.into_string();
        let mut pos = 0;
        for r in mine {
            if r.at > pos {
                out.push((
                    Event::Text(text[pos..r.at].to_string().into()),
                    range.clone(),
                ));
            }
            for &n in &r.closes {
                out.push((Event::End(end_tag(n)), range.clone()));
            }
            if r.left > 0 {
                out.push((Event::Text("*".repeat(r.left).into()), range.clone()));
            }
            for &n in r.opens.iter().rev() {
                out.push((Event::Start(start_tag(n)), range.clone()));
            }
            pos = r.at + r.len;
        }
        if pos < text.len() {
            out.push((Event::Text(text[pos..].to_string().into()), range));
        }
    }
    out
}

fn start_tag(n: usize) -> Tag<'static> {
    if n == 2 {
        Tag::Strong
    } else {
        Tag::Emphasis
    }
}

fn end_tag(n: usize) -> TagEnd {
    if n == 2 {
        TagEnd::Strong
    } else {
        TagEnd::Emphasis
    }
}

/// CommonMark pairs some delimiter runs next to Chinese punctuation wrongly before [`apply`] can see
/// them: in `**注意：**先看**说明**再操作` the run after `：` only opens, so the parser nests the second
/// span in the first. `protect` escapes every `*` run that touches a CJK character (outside code and
/// HTML) so the parser leaves them all literal, and [`apply`] pairs them with the CJK-friendly
/// flanking rule. Returns the text to parse and, for each of its byte offsets (and its end), the
/// offset in `source`; `None` when no run touches CJK text.
pub fn protect(source: &str) -> Option<(String, Vec<usize>)> {
    let bytes = source.as_bytes();
    let touches = |at: usize, end: usize| {
        let prev = source[..at].chars().next_back();
        let next = source[end..].chars().next();
        prev.is_some_and(is_cjk) || next.is_some_and(is_cjk)
    };
    let mut candidates = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'*' {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i] == b'*' {
            i += 1;
        }
        let escaped = start > 0 && bytes[start - 1] == b'\\';
        if !escaped && touches(start, i) {
            candidates.push(start..i);
        }
    }
    if candidates.is_empty() {
        return None;
    }
    let mut kept: Vec<Range<usize>> = Vec::new();
    for (ev, range) in pulldown_cmark::Parser::new_ext(source, super::options()).into_offset_iter()
    {
        let literal = matches!(
            ev,
            Event::Code(_)
                | Event::Html(_)
                | Event::InlineHtml(_)
                | Event::InlineMath(_)
                | Event::DisplayMath(_)
        ) || matches!(
            ev,
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::HtmlBlock)
        );
        if literal {
            kept.push(range);
        }
    }
    candidates.retain(|c| !kept.iter().any(|k| k.start <= c.start && c.end <= k.end));
    if candidates.is_empty() {
        return None;
    }
    let mut text = String::with_capacity(source.len() + 8);
    let mut map = Vec::with_capacity(source.len() + 8);
    let mut from = 0;
    for c in &candidates {
        text.push_str(&source[from..c.start]);
        map.extend(from..c.start);
        for at in c.clone() {
            text.push_str("\\*");
            map.extend([at, at]);
        }
        from = c.end;
    }
    text.push_str(&source[from..]);
    map.extend(from..=source.len());
    Some((text, map))
}
