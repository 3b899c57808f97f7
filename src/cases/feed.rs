//! Atom 1.0 feeds of the cases: all cases, and one per taxonomy term.

use super::{meta, Cases};
use crate::markdown::highlight::escape;
use crate::site::Site;

impl Cases {
    /// An Atom 1.0 feed of `ids` (newest first) at `path` (output-relative).
    pub fn atom(&self, site: &Site, ids: &[usize], title: &str, path: &str) -> String {
        let base = site.config.base_url();
        let updated = ids
            .iter()
            .filter_map(|&i| site.docs[i].date.clone())
            .max()
            .unwrap_or_else(|| "1970-01-01".to_string());
        let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"");
        x.push_str(&format!(
            " xml:lang=\"{}\">\n",
            escape(&site.config.language)
        ));
        x.push_str(&format!("  <title>{}</title>\n", escape(title)));
        x.push_str(&format!(
            "  <id>{}</id>\n",
            escape(&format!("{base}{path}"))
        ));
        x.push_str(&format!(
            "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
            escape(&format!("{base}{path}"))
        ));
        x.push_str(&format!(
            "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape(&base)
        ));
        x.push_str(&format!("  <updated>{updated}T00:00:00Z</updated>\n"));
        x.push_str(&format!(
            "  <author><name>{}</name></author>\n",
            escape(&site.config.title)
        ));
        for &i in ids {
            let d = &site.docs[i];
            let url = format!("{base}{}", d.url_path);
            let date = d.date.clone().unwrap_or_else(|| "1970-01-01".to_string());
            x.push_str("  <entry>\n");
            x.push_str(&format!("    <title>{}</title>\n", escape(&d.title)));
            x.push_str(&format!("    <id>{}</id>\n", escape(&url)));
            x.push_str(&format!(
                "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
                escape(&url)
            ));
            x.push_str(&format!("    <published>{date}T00:00:00Z</published>\n    <updated>{date}T00:00:00Z</updated>\n"));
            if let Some(m) = meta(site, i) {
                x.push_str(&format!("    <summary>{}</summary>\n", escape(&m.summary)));
                for c in std::iter::once(&m.region)
                    .chain(&m.industry)
                    .chain(&m.measures)
                {
                    x.push_str(&format!("    <category term=\"{}\"/>\n", escape(c)));
                }
            }
            x.push_str("  </entry>\n");
        }
        x.push_str("</feed>\n");
        x
    }
}
