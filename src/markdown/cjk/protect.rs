//! Which delimiter runs the CJK pass takes over, and the text the parser sees with them escaped.

use super::class::{self, Before};
use super::is_delim;
use pulldown_cmark::{Event, Tag};
use std::ops::Range;

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
        let touches = class::touches(Before::of(&source[..start]), source[i..].chars().next());
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
    for (ev, range) in
        pulldown_cmark::Parser::new_ext(source, crate::markdown::options()).into_offset_iter()
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
