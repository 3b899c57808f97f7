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

mod class;
mod protect;

use class::{self as cjk_class, Before};
pub use protect::{protect, Protected};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::ops::Range;

pub use class::is_cjk;

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
pub fn apply<'a>(events: Vec<Ev<'a>>, source: &'a str, ours: &[usize]) -> Vec<Ev<'a>> {
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
fn merge_text<'a>(events: Vec<Ev<'a>>, source: &'a str) -> Vec<Ev<'a>> {
    let verbatim = |t: &str, r: &Range<usize>| source.get(r.clone()) == Some(t);
    let mut out: Vec<Ev<'a>> = Vec::with_capacity(events.len());
    // Whether the last event of `out` is text equal to its source (checked once per piece).
    let mut last_verbatim = false;
    for (ev, range) in events {
        let this_verbatim = matches!(&ev, Event::Text(t) if verbatim(t, &range));
        if let (true, true, Some((Event::Text(prev), prev_range))) =
            (this_verbatim, last_verbatim, out.last_mut())
        {
            if prev_range.end == range.start {
                // The joined text is the source itself: borrowed, not copied again and again.
                prev_range.end = range.end;
                *prev = CowStr::Borrowed(&source[prev_range.clone()]);
                continue;
            }
        }
        last_verbatim = this_verbatim;
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
