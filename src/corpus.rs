//! The documents and what resolves against them — their addresses, the link index, the laws —
//! borrowed from the site while it is assembled. The parts built from the documents (quizzes, cases)
//! take a `Corpus`, not the `Site` that will own them, so the site can own its parts without an
//! import circle.

use crate::config::Config;
use crate::content::Doc;
use crate::laws::LawIndex;
use crate::markdown::links::LinkIndex;

pub struct Corpus<'a> {
    pub config: &'a Config,
    /// Published documents, sorted by path.
    pub docs: &'a [Doc],
    pub links: &'a LinkIndex,
    pub laws: &'a LawIndex,
    /// Root-less href and display path of each law's page, by law index.
    pub law_hrefs: &'a [String],
    pub law_files: &'a [String],
}

impl Corpus<'_> {
    /// The root-less href of document `i`.
    pub fn href(&self, i: usize) -> String {
        self.links.href_for(&self.docs[i].url_path)
    }
}
