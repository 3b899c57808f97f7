//! The index under `shian serve`: made from the pages in memory after each rebuild, on the
//! watcher's thread (the browser reloads first; the index follows). A page whose bytes did not
//! change keeps its text and token counts from the last index, so only edited pages are read
//! again.

use super::collect::{Collector, Counts};
use super::extract::Extracted;
use super::tokens::Interner;
use super::Plan;
use crate::output::{Files, Memory};
use crate::site::Site;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// What the last index kept of one page.
struct Kept {
    bytes: Arc<[u8]>,
    text: Extracted,
    counts: Counts,
}

/// A searchable page in memory: its path, bytes, edition part and record id.
type Page<'f> = (&'f Arc<str>, &'f Arc<[u8]>, usize, u32);

#[derive(Default)]
pub struct Live {
    kept: HashMap<Arc<str>, Kept>,
    interner: Interner,
    /// Pages read again by the last [`Live::index`] (the others were kept).
    pub last_read: usize,
}

impl Live {
    /// Every edition's index files for the site whose pages are `files`.
    pub fn index(&mut self, site: &Site, files: &Files) -> std::io::Result<Files> {
        let plan = Plan::new(site, &HashSet::new());
        let memory = Memory::default();
        let collector =
            Collector::with_interner(&plan, &memory, std::mem::take(&mut self.interner));
        // The pages to index, and whether each is a law (read whole: its articles are records).
        let pages: Vec<Page<'_>> = files
            .iter()
            .filter_map(|(path, bytes)| {
                let &(part, id) = plan.by_path.get(path)?;
                Some((path, bytes, part, id))
            })
            .collect();
        let is_law = |part: usize, id: u32| plan.parts[part].records[id as usize].split;
        // Pages read again (in parallel), the others taken from the last index.
        let old = std::mem::take(&mut self.kept);
        let fresh: Vec<Option<Kept>> = pages
            .par_iter()
            .map(|&(path, bytes, part, id)| {
                let same = old
                    .get(path)
                    .is_some_and(|k| Arc::ptr_eq(&k.bytes, bytes) || k.bytes == *bytes);
                (!same && !is_law(part, id)).then(|| {
                    let (text, counts) = collector.analyse(part, id, bytes);
                    Kept {
                        bytes: Arc::clone(bytes),
                        text,
                        counts,
                    }
                })
            })
            .collect();
        let mut old = old;
        let mut kept = HashMap::with_capacity(pages.len());
        let mut result = Ok(());
        let mut read = 0;
        for ((path, bytes, part, id), new) in pages.into_iter().zip(fresh) {
            if is_law(part, id) {
                read += 1;
                if result.is_ok() {
                    result = collector.page(path, bytes);
                }
                continue;
            }
            read += usize::from(new.is_some());
            let Some(k) = new.or_else(|| old.remove(path)) else {
                continue;
            };
            if result.is_ok() {
                result = collector.store(part, id, &k.text, k.counts.clone());
            }
            kept.insert(Arc::clone(path), k);
        }
        let finished = result.and_then(|()| collector.finish(site, &memory));
        self.interner = collector.into_interner();
        self.kept = kept;
        self.last_read = read;
        finished.map(|_| memory.into_files())
    }
}
