//! CJK-friendly emphasis: pair the `*`, `_` and `~~` runs that CommonMark leaves literal next to
//! Chinese text.
//!
//! CommonMark's flanking rules treat full-width punctuation like ASCII punctuation, so
//! `**注意：**内容` stays as literal asterisks (the closing run is preceded by `：` and followed by a
//! letter, so it is not right-flanking). Chinese authors write emphasis this way all the time. This
//! pass runs after pulldown-cmark and applies the flanking rules of the CJK-friendly emphasis
//! amendment ([`super::cjk_class`]) to delimiter runs that touch CJK text; a pair is only made when
//! one of its runs touches CJK text, so pure ASCII text keeps standard CommonMark behaviour. `_`
//! keeps CommonMark's rule against emphasis inside words; `~~` strikes through as in GFM, while a
//! single `~` next to Chinese text stays a range sign (周一~周五). Escaped delimiters are never
//! touched.

use super::cjk_class::{self, Before};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

pub use super::cjk_class::is_cjk;

/// The delimiter characters this pass pairs.
fn is_delim(b: u8) -> bool {
    matches!(b, b'*' | b'_' | b'~')
}

type Ev<'a> = (Event<'a>, Range<usize>);

/// A run of `*`, `_` or `~` left literal by the parser.
struct Run {
    ch: u8,
    /// Taken over by [`protect`]: only these are paired here.
    ours: bool,
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

/// Pairs the runs [`protect`] took over (`ours`: their source offsets, sorted).
pub fn apply<'a>(events: Vec<Ev<'a>>, source: &str, ours: &[usize]) -> Vec<Ev<'a>> {
    if ours.is_empty() {
        return events;
    }
    let events = merge_text(events, source);
    let mut runs = find_runs(&events, source, ours);
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

/// The parser splits text at every delimiter; join adjacent pieces so a run is seen whole. Pieces
/// that differ from their source (entities, escapes) stay apart, so the others keep their offsets.
fn merge_text<'a>(events: Vec<Ev<'a>>, source: &str) -> Vec<Ev<'a>> {
    let verbatim = |t: &str, r: &Range<usize>| source.get(r.clone()) == Some(t);
    let mut out: Vec<Ev<'_>> = Vec::with_capacity(events.len());
    for (ev, range) in events {
        if let (Event::Text(t), Some((Event::Text(prev), prev_range))) = (&ev, out.last_mut()) {
            if prev_range.end == range.start && verbatim(t, &range) && verbatim(prev, prev_range) {
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

fn find_runs(events: &[Ev<'_>], source: &str, ours: &[usize]) -> Vec<Run> {
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
            Event::Text(text) if !in_code && text.bytes().any(is_delim) => {
                // Escapes and entities make the source differ from the text: leave those alone.
                if source.get(range.clone()) != Some(text.as_ref()) {
                    continue;
                }
                let container = *stack.last().unwrap_or(&0);
                let bytes = text.as_bytes();
                let mut j = 0;
                while j < bytes.len() {
                    if !is_delim(bytes[j]) {
                        j += 1;
                        continue;
                    }
                    let (start, ch) = (j, bytes[j]);
                    while j < bytes.len() && bytes[j] == ch {
                        j += 1;
                    }
                    // The parser drops the backslash of `\*` and starts a new event at the `*`.
                    let abs = range.start + start;
                    if abs > 0 && source.as_bytes().get(abs - 1) == Some(&b'\\') {
                        continue;
                    }
                    let before = if start > 0 {
                        Before::of(&text[..start])
                    } else {
                        neighbour_before(events, i)
                    };
                    let next = text[j..]
                        .chars()
                        .next()
                        .or_else(|| neighbour_after(events, i));
                    let (can_open, can_close) =
                        cjk_class::can_open_close(ch, j - start, before, next);
                    runs.push(Run {
                        ch,
                        ours: ours.binary_search(&abs).is_ok(),
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

/// What comes just before event `i`, as far as flanking is concerned.
fn neighbour_before(events: &[Ev<'_>], i: usize) -> Before {
    match i.checked_sub(1).and_then(|j| events.get(j)).map(|e| &e.0) {
        Some(Event::Text(t)) => Before::of(t),
        Some(e) if is_inline_event(e) => Before::char(Some('a')),
        _ => Before::char(None),
    }
}

/// The character just after event `i`.
fn neighbour_after(events: &[Ev<'_>], i: usize) -> Option<char> {
    match &events.get(i + 1)?.0 {
        Event::Text(t) => t.chars().next(),
        e if is_inline_event(e) => Some('a'),
        _ => None,
    }
}

/// Inline code, HTML, math and the edges of inline elements count as a letter beside a run.
fn is_inline_event(e: &Event<'_>) -> bool {
    match e {
        Event::Code(_) | Event::InlineHtml(_) | Event::InlineMath(_) => true,
        Event::Start(t) => is_inline(t),
        Event::End(t) => is_inline_end(t),
        _ => false,
    }
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

/// CommonMark's delimiter algorithm, simplified: closers look back for the nearest opener of the
/// same character in the same inline container, one of the two touching CJK text; runs of two or
/// more pair as strong (or strikethrough), otherwise as emphasis.
fn pair(runs: &mut [Run]) {
    let mut openers: Vec<usize> = Vec::new();
    for c in 0..runs.len() {
        if runs[c].can_close && runs[c].ours {
            while runs[c].left > 0 {
                let found = openers.iter().rposition(|&o| {
                    runs[o].ch == runs[c].ch
                        && runs[o].container == runs[c].container
                        && runs[o].left > 0
                        && !rule_of_three(&runs[o], &runs[c])
                });
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
        if runs[c].can_open && runs[c].left > 0 && runs[c].ours {
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

/// CommonMark's "multiple of 3" rule for `*` and `_`: when either run can both open and close, the
/// two may not pair if their lengths add up to a multiple of 3, unless both are.
fn rule_of_three(o: &Run, c: &Run) -> bool {
    o.ch != b'~'
        && ((o.can_open && o.can_close) || (c.can_open && c.can_close))
        && (o.len + c.len).is_multiple_of(3)
        && !(o.len.is_multiple_of(3) && c.len.is_multiple_of(3))
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
                out.push((Event::End(end_tag(r.ch, n)), range.clone()));
            }
            if r.left > 0 {
                let literal = char::from(r.ch).to_string().repeat(r.left);
                out.push((Event::Text(literal.into()), range.clone()));
            }
            for &n in r.opens.iter().rev() {
                out.push((Event::Start(start_tag(r.ch, n)), range.clone()));
            }
            pos = r.at + r.len;
        }
        if pos < text.len() {
            out.push((Event::Text(text[pos..].to_string().into()), range));
        }
    }
    out
}

fn start_tag(ch: u8, n: usize) -> Tag<'static> {
    match (ch, n) {
        (b'~', _) => Tag::Strikethrough,
        (_, 2) => Tag::Strong,
        _ => Tag::Emphasis,
    }
}

fn end_tag(ch: u8, n: usize) -> TagEnd {
    match (ch, n) {
        (b'~', _) => TagEnd::Strikethrough,
        (_, 2) => TagEnd::Strong,
        _ => TagEnd::Emphasis,
    }
}

/// The text the parser sees, with the delimiter runs this pass takes over escaped.
pub struct Protected {
    pub text: String,
    /// For each byte offset of `text` (and its end), the offset in the source.
    pub map: Vec<usize>,
    /// Source offsets of the runs taken over, sorted: only these are paired by [`apply`].
    pub ours: Vec<usize>,
}

/// CommonMark pairs some delimiter runs next to Chinese punctuation wrongly before [`apply`] can see
/// them: in `**注意：**先看**说明**再操作` the run after `：` only opens, so the parser nests the second
/// span in the first. `protect` takes over, in each block (paragraph, heading, table cell, list
/// item), every run of a delimiter character of which one run touches CJK text: they are escaped so
/// the parser leaves them literal, and [`apply`] pairs them all with the CJK-friendly rules. Runs in
/// code and HTML are left alone. `None` when no run touches CJK text.
pub fn protect(source: &str) -> Option<Protected> {
    let bytes = source.as_bytes();
    let mut runs: Vec<(Range<usize>, u8, bool)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !is_delim(bytes[i]) {
            i += 1;
            continue;
        }
        let (start, ch) = (i, bytes[i]);
        while i < bytes.len() && bytes[i] == ch {
            i += 1;
        }
        if start > 0 && bytes[start - 1] == b'\\' {
            continue;
        }
        let touches = cjk_class::touches(Before::of(&source[..start]), source[i..].chars().next());
        runs.push((start..i, ch, touches));
    }
    if !runs.iter().any(|r| r.2) {
        return None;
    }
    let (kept, blocks) = literal_spans_and_blocks(source);
    let runs = outside(runs, &kept);
    let block_of = innermost_blocks(&runs, &blocks);
    let taken: std::collections::HashSet<(usize, u8)> = runs
        .iter()
        .zip(&block_of)
        .filter(|(r, _)| r.2)
        .map(|(r, &b)| (b, r.1))
        .collect();
    let candidates: Vec<Range<usize>> = runs
        .iter()
        .zip(&block_of)
        .filter(|(r, &b)| taken.contains(&(b, r.1)))
        .map(|(r, _)| r.0.clone())
        .collect();
    if candidates.is_empty() {
        return None;
    }
    let mut text = String::with_capacity(source.len() + candidates.len() * 2);
    let mut map = Vec::with_capacity(source.len() + candidates.len() * 2 + 1);
    let mut from = 0;
    for c in &candidates {
        text.push_str(&source[from..c.start]);
        map.extend(from..c.start);
        for at in c.clone() {
            text.push('\\');
            text.push(char::from(bytes[at]));
            map.extend([at, at]);
        }
        from = c.end;
    }
    text.push_str(&source[from..]);
    map.extend(from..=source.len());
    let ours = candidates.iter().map(|c| c.start).collect();
    Some(Protected { text, map, ours })
}

/// The spans the parser keeps literal (code, HTML, math), merged and sorted, and the ranges of the
/// blocks whose inline text is paired on its own, in document order.
fn literal_spans_and_blocks(source: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let mut kept: Vec<Range<usize>> = Vec::new();
    let mut blocks: Vec<Range<usize>> = Vec::new();
    for (ev, range) in pulldown_cmark::Parser::new_ext(source, super::options()).into_offset_iter()
    {
        match ev {
            Event::Code(_)
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::Start(Tag::CodeBlock(_))
            | Event::Start(Tag::HtmlBlock) => kept.push(range),
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::TableCell | Tag::Item) => {
                blocks.push(range)
            }
            _ => {}
        }
    }
    kept.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(kept.len());
    for r in kept {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    (merged, blocks)
}

/// The runs (in order) that lie outside every kept span (merged, sorted): one sweep.
fn outside(
    runs: Vec<(Range<usize>, u8, bool)>,
    kept: &[Range<usize>],
) -> Vec<(Range<usize>, u8, bool)> {
    let mut k = 0;
    runs.into_iter()
        .filter(|(r, _, _)| {
            while k < kept.len() && kept[k].end <= r.start {
                k += 1;
            }
            !(k < kept.len() && kept[k].start <= r.start && r.end <= kept[k].end)
        })
        .collect()
}

/// For each run (in order), the index of the innermost block around it (`usize::MAX` for none).
/// Blocks nest properly and come in order of their start, so one sweep with a stack does.
fn innermost_blocks(runs: &[(Range<usize>, u8, bool)], blocks: &[Range<usize>]) -> Vec<usize> {
    let mut stack: Vec<usize> = Vec::new();
    let mut next = 0;
    runs.iter()
        .map(|(r, _, _)| {
            while next < blocks.len() && blocks[next].start <= r.start {
                while stack
                    .last()
                    .is_some_and(|&b| blocks[b].end <= blocks[next].start)
                {
                    stack.pop();
                }
                stack.push(next);
                next += 1;
            }
            while stack.last().is_some_and(|&b| blocks[b].end <= r.start) {
                stack.pop();
            }
            stack.last().copied().unwrap_or(usize::MAX)
        })
        .collect()
}
