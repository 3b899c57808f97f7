//! Heading ids, anchor links and the table of contents.
//!
//! An explicit `{#id}` wins; on law pages an article heading (`### 第五十条`) gets `art-50`; otherwise
//! the id is made from the heading text (Chinese kept as is, ASCII
//! lowercased, spaces and punctuation become `-`). Repeated ids get `-1`, `-2`.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use serde::Serialize;
use std::collections::HashSet;
use std::ops::Range;

type Ev<'a> = (Event<'a>, Range<usize>);

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

/// Assigns ids, appends anchor links, and returns the flat list of `(level, id, title)`.
pub fn process<'a>(
    events: Vec<Ev<'a>>,
    law_articles: bool,
) -> (Vec<Ev<'a>>, Vec<(u8, String, String)>) {
    let mut out = Vec::with_capacity(events.len() + 8);
    let mut seen: HashSet<String> = HashSet::new();
    let mut next_suffix: std::collections::HashMap<String, usize> =
        std::collections::HashMap::new();
    let mut flat = Vec::new();
    let mut iter = events.into_iter();
    while let Some((ev, range)) = iter.next() {
        let Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) = ev
        else {
            out.push((ev, range));
            continue;
        };
        let mut inner = Vec::new();
        for (e, r) in iter.by_ref() {
            if matches!(e, Event::End(TagEnd::Heading(_))) {
                break;
            }
            inner.push((e, r));
        }
        let text = plain_text(&inner);
        let article = law_articles
            .then(|| crate::laws::article_of_heading(&text))
            .flatten();
        let base = match (id, article) {
            (Some(i), _) => i.to_string(),
            (None, Some(n)) => crate::laws::article_id(n),
            (None, None) => slug(&text),
        };
        // The first free `base`, `base-1`, `base-2`…; the next suffix to try is kept per base, so
        // 20,000 identical headings are not 200 million tries.
        let mut unique = base.clone();
        let mut n = next_suffix.get(&base).copied().unwrap_or(1);
        while !seen.insert(unique.clone()) {
            unique = format!("{base}-{n}");
            n += 1;
        }
        next_suffix.insert(base, n);
        flat.push((level as u8, unique.clone(), text));
        let anchor = format!(
            " <a class=\"anchor\" href=\"#{}\" aria-hidden=\"true\" tabindex=\"-1\">#</a>",
            crate::html::escape(&unique)
        );
        out.push((
            Event::Start(Tag::Heading {
                level,
                id: Some(CowStr::from(unique)),
                classes,
                attrs,
            }),
            range.clone(),
        ));
        out.extend(inner);
        out.push((Event::Html(anchor.into()), range.clone()));
        out.push((Event::End(TagEnd::Heading(level)), range));
    }
    (out, flat)
}

/// The plain text of every `##` heading of a Markdown body, in order (`{#id}` attributes removed).
pub fn level2_texts(body: &str) -> Vec<String> {
    use pulldown_cmark::{HeadingLevel, Parser};
    let mut out = Vec::new();
    let mut inside: Option<Vec<Ev<'_>>> = None;
    for (ev, range) in Parser::new_ext(body, super::options()).into_offset_iter() {
        match ev {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => inside = Some(Vec::new()),
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                out.extend(inside.take().map(|evs| plain_text(&evs)));
            }
            e => {
                if let Some(evs) = inside.as_mut() {
                    evs.push((e, range));
                }
            }
        }
    }
    out
}

fn plain_text(events: &[Ev<'_>]) -> String {
    let mut s = String::new();
    for (e, _) in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s.trim().to_string()
}

pub use crate::html::slug;

/// Nests a flat heading list into a tree by level.
pub fn toc(flat: &[(u8, String, String)]) -> Vec<TocEntry> {
    fn build(items: &[(u8, String, String)], i: &mut usize, level: u8) -> Vec<TocEntry> {
        let mut out: Vec<TocEntry> = Vec::new();
        while *i < items.len() {
            let (l, id, title) = &items[*i];
            if *l < level && !out.is_empty() {
                break;
            }
            if *l > level && !out.is_empty() {
                let children = build(items, i, *l);
                if let Some(last) = out.last_mut() {
                    last.children.extend(children);
                }
                continue;
            }
            if *l < level {
                break;
            }
            out.push(TocEntry {
                level: *l,
                id: id.clone(),
                title: title.clone(),
                children: Vec::new(),
            });
            *i += 1;
        }
        out
    }
    let Some(min) = flat.iter().map(|h| h.0).min() else {
        return Vec::new();
    };
    let mut i = 0;
    let mut all = Vec::new();
    while i < flat.len() {
        let before = i;
        all.extend(build(flat, &mut i, min));
        if i == before {
            i += 1;
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_chinese() {
        assert_eq!(slug("第一节 HACCP 原理"), "第一节-haccp-原理");
        assert_eq!(slug("日管控·周排查"), "日管控-周排查");
        assert_eq!(slug("？？"), "section");
    }

    #[test]
    fn toc_nests_by_level() {
        let flat = vec![
            (2, "a".into(), "A".into()),
            (3, "b".into(), "B".into()),
            (3, "c".into(), "C".into()),
            (2, "d".into(), "D".into()),
        ];
        let t = toc(&flat);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].children.len(), 2);
        assert_eq!(t[1].id, "d");
    }
}
