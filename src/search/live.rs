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
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// What the last index kept of one page.
struct Kept {
    bytes: Arc<[u8]>,
    text: Extracted,
    counts: Counts,
}

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
        let mut kept = HashMap::with_capacity(self.kept.len());
        let mut read = 0;
        let mut result = Ok(());
        for (path, bytes) in files {
            let Some(&(part, id)) = plan.by_path.get(path) else {
                continue;
            };
            if plan.parts[part].records[id as usize].split {
                // A law is read whole each time: its articles are records of their own.
                if result.is_ok() {
                    result = collector.page(path, bytes);
                }
                read += 1;
                continue;
            }
            let k = match self.kept.remove(path) {
                Some(k) if Arc::ptr_eq(&k.bytes, bytes) || k.bytes == *bytes => k,
                _ => {
                    read += 1;
                    let (text, counts) = collector.analyse(part, id, bytes);
                    Kept {
                        bytes: Arc::clone(bytes),
                        text,
                        counts,
                    }
                }
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
