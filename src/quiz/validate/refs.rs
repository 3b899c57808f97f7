//! The 依据 lines of a question: each citation resolved to its law article, with the same resolver
//! lessons and checklists use; one that does not resolve is a warning.

use super::Cx;
use crate::quiz::parse::RawKey;
use crate::quiz::Ref;

impl Cx<'_> {
    /// The citations of one 依据 line; citations that do not resolve are warnings.
    pub(super) fn refs(&mut self, k: &RawKey) -> Vec<Ref> {
        let mut out = Vec::new();
        for c in self.site.citations(&k.value) {
            if let Err(Some(why)) = &c.href {
                let at = k.value_at + c.at;
                self.err(
                    "W-Q-REF",
                    format!("依据无法链接：{why}"),
                    at..at + c.text.len(),
                    crate::corpus::CITATION_HINT,
                );
            }
            out.push(Ref {
                text: c.text.to_string(),
                href: c.href.unwrap_or_default(),
            });
        }
        out
    }
}
