//! What one render leaves for the next: `serve` keeps a [`Memo`] across rebuilds, so a route whose
//! key (see [`super::keys`]) is unchanged is not rendered again, and a document whose Markdown inputs
//! are unchanged is not parsed again. The memo is read, never written, while the parallel jobs run;
//! the executor returns the entries of this run and the memo is replaced afterwards.

use crate::diag::Diagnostic;
use crate::markdown::headings::TocEntry;
use crate::markdown::links::PendingAnchor;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// What rendering one document's Markdown gives the page and the cross-page steps.
#[derive(Debug, Default, Clone)]
pub struct DocResult {
    /// The HTML of the body. Kept after the page is written only where another page includes it
    /// (lessons in print pages, the course index in its audience pages), or in a memo.
    pub html: Option<String>,
    pub toc: Vec<TocEntry>,
    pub words: usize,
    pub anchors: Vec<String>,
    pub pending: Vec<PendingAnchor>,
    pub diagnostics: Vec<Diagnostic>,
    /// (law index, article) cited by this document.
    pub cites: Vec<(usize, u32)>,
    /// Glossary terms it marks up.
    pub terms: Vec<usize>,
}

/// A route's output: its key, its bytes and what rendering it reported.
#[derive(Debug, Clone)]
pub struct Page {
    pub key: u64,
    pub bytes: Arc<[u8]>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The output of earlier renders, by key.
#[derive(Default, Clone)]
pub struct Memo {
    /// Output path -> its output.
    pub pages: FxHashMap<Arc<str>, Page>,
    /// Document path -> (Markdown key, result).
    pub docs: FxHashMap<String, (u64, Arc<DocResult>)>,
}

impl Memo {
    pub fn page(&self, path: &str, key: u64) -> Option<&Page> {
        self.pages.get(path).filter(|p| p.key == key)
    }

    pub fn doc(&self, rel: &str, key: u64) -> Option<&Arc<DocResult>> {
        self.docs.get(rel).filter(|d| d.0 == key).map(|d| &d.1)
    }
}
