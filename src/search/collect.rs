//! The sink that indexes pages on their way to the output, and the records' token counts.

use super::articles;
use super::extract::{self, Extracted};
use super::tokens::{self, Dict, Found, Interner, Key};
use super::{write, Part, Plan, Rec, Source};
use crate::output::Sink;
use crate::site::Site;
use std::io;
use std::sync::{Arc, Mutex, OnceLock};

/// A record's tokens, sorted: `(token, weighted count in the text, count in the title)`, and the
/// weighted length of the text. The title is scored apart (see `write`), so that a long page
/// whose title is the query is not pushed down by its length.
#[derive(Debug, Default, Clone)]
pub(super) struct Counts {
    pub tf: Vec<(Key, u32, u32)>,
    pub len: u32,
}

/// Token weights in the text: a section heading counts 3 times.
const HEADING: u32 = 3;
const TEXT: u32 = 1;
/// Whether the title counts: a question's title is its stem, which is in its text already.
const TITLE: bool = true;
const STEM: bool = false;

/// The longest record text kept for result snippets, in UTF-16 units.
const MAX_TEXT: usize = 6000;
/// The longest title shown for a question (its stem), in characters.
const MAX_STEM_TITLE: usize = 80;

/// A law article found in a page: numbered after the planned records.
struct Article {
    /// The law's record and the article's place in it.
    law: u32,
    order: usize,
    rec: Rec,
    text: Extracted,
    counts: Counts,
}

pub struct Collector<'a> {
    inner: &'a dyn Sink,
    plan: &'a Plan,
    counts: Vec<Vec<OnceLock<Counts>>>,
    articles: Vec<Mutex<Vec<Article>>>,
    interner: Mutex<Interner>,
}

impl<'a> Collector<'a> {
    pub fn new(plan: &'a Plan, inner: &'a dyn Sink) -> Collector<'a> {
        Collector::with_interner(plan, inner, Interner::default())
    }

    /// A collector that goes on numbering words where an earlier one stopped (`serve` keeps
    /// the counts of unchanged pages from one index to the next).
    pub(super) fn with_interner(
        plan: &'a Plan,
        inner: &'a dyn Sink,
        interner: Interner,
    ) -> Collector<'a> {
        let counts = plan
            .parts
            .iter()
            .map(|p| p.records.iter().map(|_| OnceLock::new()).collect())
            .collect();
        Collector {
            inner,
            plan,
            counts,
            articles: plan.parts.iter().map(|_| Mutex::default()).collect(),
            interner: Mutex::new(interner),
        }
    }

    pub(super) fn into_interner(self) -> Interner {
        self.interner
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
    }

    /// Indexes a page that was written before (under `serve`, from memory).
    pub fn page(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        match self.plan.by_path.get(path) {
            Some(&(part, id)) => self.record(part, id, bytes),
            None => Ok(()),
        }
    }

    fn record(&self, part: usize, id: u32, bytes: &[u8]) -> io::Result<()> {
        let rec = &self.plan.parts[part].records[id as usize];
        if rec.split {
            return self.law(part, id, rec, bytes);
        }
        let (e, counts) = self.analyse(part, id, bytes);
        self.store(part, id, &e, counts)
    }

    /// A law page: the page before its first article, then each article as a record of its own.
    fn law(&self, part: usize, id: u32, rec: &Rec, bytes: &[u8]) -> io::Result<()> {
        let e = extract::extract(&String::from_utf8_lossy(bytes));
        let law_title = e.title.clone();
        let (head, found) = articles::split(e);
        let mut list: Vec<Article> = found
            .into_iter()
            .enumerate()
            .map(|(order, (anchor, mut text))| {
                let counts = self.count(&text, TITLE);
                cut(&mut text, MAX_TEXT);
                let rec = Rec {
                    url: format!("{}#{anchor}", rec.url),
                    context: law_title.clone(),
                    split: false,
                    ..rec.clone()
                };
                Article {
                    law: id,
                    order,
                    rec,
                    text,
                    counts,
                }
            })
            .collect();
        lock(&self.articles[part]).append(&mut list);
        self.keep(part, id, head, TITLE)
    }

    /// A page's record text (cut for the snippets) and its token counts.
    pub(super) fn analyse(&self, part: usize, id: u32, bytes: &[u8]) -> (Extracted, Counts) {
        let html = String::from_utf8_lossy(bytes);
        let mut e = extract::extract(&html);
        if e.title.is_empty() {
            e.title = self.plan.parts[part].records[id as usize].url.clone();
        }
        let counts = self.count(&e, TITLE);
        cut(&mut e, MAX_TEXT);
        (e, counts)
    }

    fn keep(&self, part: usize, id: u32, mut e: Extracted, with_title: bool) -> io::Result<()> {
        let counts = self.count(&e, with_title);
        cut(&mut e, MAX_TEXT);
        self.store(part, id, &e, counts)
    }

    /// Writes record `id`'s file and keeps its token counts.
    pub(super) fn store(
        &self,
        part: usize,
        id: u32,
        e: &Extracted,
        counts: Counts,
    ) -> io::Result<()> {
        let p = &self.plan.parts[part];
        let file = write::record(id, &p.records[id as usize], e);
        self.inner
            .write(&format!("{}p/{id}.js", p.folder), file.as_bytes())?;
        // Set once: a page written twice (it cannot be) keeps its first counts.
        let _ = self.counts[part][id as usize].set(counts);
        Ok(())
    }

    fn count(&self, e: &Extracted, with_title: bool) -> Counts {
        let dict: &Dict = &self.plan.dict;
        // (token, weight in the text, 1 if in the title)
        let mut keys: Vec<(Key, u32, u32)> = Vec::new();
        let mut texts: Vec<(String, u32, u32)> = Vec::new();
        let mut add = |text: &str, w: u32, t: u32| {
            tokens::index_tokens(text, dict, |f| match f {
                Found::Key(k) => keys.push((k, w, t)),
                Found::Text(s) => texts.push((s.to_string(), w, t)),
            })
        };
        if with_title {
            add(&e.title, 0, 1);
        }
        for (_, _, h) in &e.sections {
            add(h, HEADING, 0);
        }
        add(&e.text, TEXT, 0);
        if !texts.is_empty() {
            let mut interner = lock(&self.interner);
            keys.extend(texts.iter().map(|(s, w, t)| (interner.key(s), *w, *t)));
        }
        keys.sort_unstable_by_key(|&(k, _, _)| k);
        let mut tf: Vec<(Key, u32, u32)> = Vec::with_capacity(keys.len() / 2);
        let mut len = 0;
        for (k, w, t) in keys {
            len += w;
            match tf.last_mut() {
                Some((last, n, m)) if *last == k => {
                    *n += w;
                    *m += t;
                }
                _ => tf.push((k, w, t)),
            }
        }
        Counts { tf, len }
    }

    /// Adds the question records, scores every token and writes each edition's index through
    /// `out`. Returns the number of records.
    pub fn finish(&self, site: &Site, out: &dyn Sink) -> io::Result<usize> {
        let mut n = 0;
        for (part, p) in self.plan.parts.iter().enumerate() {
            for (id, rec) in p.records.iter().enumerate() {
                match rec.source {
                    Source::Question(q) => self.keep(part, id as u32, question(site, q), STEM)?,
                    // A page that was not written (its edition failed) still gets a record file,
                    // so that a list by filter never asks for a file that is not there.
                    Source::Page if self.counts[part][id].get().is_none() => {
                        let e = Extracted {
                            title: rec.url.clone(),
                            ..Extracted::default()
                        };
                        self.keep(part, id as u32, e, TITLE)?
                    }
                    Source::Page => {}
                }
            }
            let mut articles = std::mem::take(&mut *lock(&self.articles[part]));
            articles.sort_by_key(|a| (a.law, a.order));
            let mut all = Part {
                folder: p.folder.clone(),
                edition: p.edition.clone(),
                records: p.records.clone(),
            };
            for a in &articles {
                let id = all.records.len() as u32;
                let file = write::record(id, &a.rec, &a.text);
                self.inner
                    .write(&format!("{}p/{id}.js", p.folder), file.as_bytes())?;
                all.records.push(a.rec.clone());
            }
            let empty = Counts::default();
            let counts: Vec<&Counts> = self.counts[part]
                .iter()
                .map(|c| c.get().unwrap_or(&empty))
                .chain(articles.iter().map(|a| &a.counts))
                .collect();
            let interner = lock(&self.interner);
            write::index(&all, &self.plan.dict, &counts, &interner, out)?;
            n += all.records.len();
        }
        Ok(n)
    }
}

/// A question as the index sees it: its stem as the title, its shared text, stem and options as
/// the text. Never the answer, the 解析 or the 依据.
fn question(site: &Site, q: usize) -> Extracted {
    let q = &site.quiz.questions[q];
    let stem = extract::plain(&q.stem_html);
    let mut title: String = stem.chars().take(MAX_STEM_TITLE).collect();
    if title.len() < stem.len() {
        title.push('…');
    }
    let mut text = extract::plain(&q.context_html);
    for part in std::iter::once(stem).chain(q.options.iter().enumerate().map(|(i, o)| {
        let letter = char::from(b'A' + (i % 26) as u8);
        format!("{letter}. {}", extract::plain(&o.html))
    })) {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&part);
    }
    Extracted {
        title,
        text,
        sections: Vec::new(),
    }
}

/// Cuts the text at `max` UTF-16 units (on a character), and the sections past it.
fn cut(e: &mut Extracted, max: usize) {
    let mut units = 0;
    if let Some((i, _)) = e.text.char_indices().find(|(_, c)| {
        units += c.len_utf16();
        units > max
    }) {
        e.text.truncate(i);
        e.sections.retain(|(at, _, _)| *at < max);
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Sink for Collector<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        self.page(path, bytes)?;
        self.inner.write(path, bytes)
    }

    fn write_shared(&self, path: &str, bytes: Arc<[u8]>) -> io::Result<()> {
        self.page(path, &bytes)?;
        self.inner.write_shared(path, bytes)
    }
}
