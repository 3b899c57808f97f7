//! The 依据 lines of a question: each citation resolved to its law article, with the same resolver
//! lessons use; one that does not resolve is a warning.

use super::Cx;
use crate::laws::article_id;
use crate::quiz::parse::RawKey;
use crate::quiz::Ref;

impl Cx<'_> {
    /// The citations of one 依据 line; citations that do not resolve are warnings.
    pub(super) fn refs(&mut self, k: &RawKey) -> Vec<Ref> {
        let site = self.site;
        let mut out = Vec::new();
        for part in k
            .value
            .split(['；', ';', '\n'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let compact: String = part.chars().filter(|c| !c.is_whitespace()).collect();
            let cites = site.laws.find(&compact);
            let Some(c) = cites.first() else {
                out.push(Ref {
                    text: part.to_string(),
                    href: String::new(),
                });
                continue;
            };
            if c.resolves(site.laws) {
                let law = c.law.unwrap_or_default();
                out.push(Ref {
                    text: part.to_string(),
                    href: format!("{}#{}", site.law_hrefs[law], article_id(c.article)),
                });
            } else {
                let at = k.value_at + k.value.find(part).unwrap_or(0);
                let why = match c.law {
                    None => format!(
                        "网站没有《{}》(the site has no law `{}` in content/laws/)",
                        c.name, c.name
                    ),
                    Some(l) => format!(
                        "{} 没有第{}条 (no article {} in that law)",
                        site.laws.laws[l].title, c.article, c.article
                    ),
                };
                self.err(
                    "W-Q-REF",
                    format!("依据无法链接：{why}"),
                    at..at + part.len(),
                    "cite a law of content/laws/ by its name or short name and an article it has, e.g. `依据：食品安全法 第五十条`",
                );
                out.push(Ref {
                    text: part.to_string(),
                    href: String::new(),
                });
            }
        }
        out
    }
}
