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

/// One citation of a `依据：` line, resolved.
pub struct Citation<'t> {
    /// The citation as written (`食品安全法 第五十条`).
    pub text: &'t str,
    /// Its byte offset in the line's value.
    pub at: usize,
    /// The root-less href of the article, or why it does not resolve (`None`: not a citation shian
    /// knows, such as a standard's number, which is kept as text).
    pub href: Result<String, Option<String>>,
}

impl Corpus<'_> {
    /// The citations of a `依据：` value (separated by `；`, `;` or new lines), each resolved to its
    /// law article the way lessons' citations are. Banks and checklists share it.
    pub fn citations<'t>(&self, value: &'t str) -> Vec<Citation<'t>> {
        let mut out = Vec::new();
        let mut from = 0;
        for raw in value.split(['；', ';', '\n']) {
            let start = from + (raw.len() - raw.trim_start().len());
            from += raw.len()
                + value[from + raw.len()..]
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8);
            let text = raw.trim();
            if text.is_empty() {
                continue;
            }
            let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            let cites = self.laws.find(&compact);
            let href = match cites.first() {
                None => Err(None),
                Some(c) if c.resolves(self.laws) => {
                    let law = c.law.unwrap_or_default();
                    Ok(format!(
                        "{}#{}",
                        self.law_hrefs[law],
                        crate::laws::article_id(c.article)
                    ))
                }
                Some(c) => Err(Some(match c.law {
                    None => format!(
                        "网站没有《{}》(the site has no law `{}` in content/laws/)",
                        c.name, c.name
                    ),
                    Some(l) => format!(
                        "{} 没有第{}条 (no article {} in that law)",
                        self.laws.laws[l].title, c.article, c.article
                    ),
                })),
            };
            out.push(Citation {
                text,
                at: start,
                href,
            });
        }
        out
    }
}

/// The hint of an unresolved citation, for banks and checklists alike.
pub const CITATION_HINT: &str = "cite a law of content/laws/ by its name or short name and an article it has, e.g. `依据：食品安全法 第五十条`";
