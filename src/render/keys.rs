//! Route keys: one hash of everything a route's bytes are made from — the fingerprints of its
//! [`Dep`]s, its template's key, the shortcode templates when its Markdown may call them, and the
//! data files when its templates call `data()`. Equal keys, equal bytes: serve reuses the page and
//! the edition cache is keyed by the keys of an edition's routes.

use super::memo::DocResult;
use super::templates::Templates;
use crate::hash::Key;
use crate::site::deps::Dep;
use crate::site::routes::Route;
use crate::site::Site;

/// The fingerprints known only once the documents are rendered.
#[derive(Debug, Default, Clone)]
pub struct Later {
    /// By law index: the pages citing it (title, href, articles).
    pub cited_by: Vec<u64>,
    /// Which pages use each glossary term.
    pub terms: u64,
}

impl Later {
    /// Computed from every document's result (`results[doc]`).
    pub fn compute(site: &Site, results: &[Option<std::sync::Arc<DocResult>>]) -> Later {
        let mut cited: Vec<Key> = (0..site.laws.laws.len()).map(|_| Key::default()).collect();
        let mut terms = Key::default();
        for (i, r) in results.iter().enumerate() {
            let Some(r) = r else { continue };
            if site.docs[i].edition.is_some() {
                continue;
            }
            for &(law, article) in &r.cites {
                if let Some(k) = cited.get_mut(law) {
                    k.u64(i as u64)
                        .u64(site.fingerprints.meta[i])
                        .u64(u64::from(article));
                }
            }
            for &t in &r.terms {
                terms
                    .u64(i as u64)
                    .u64(site.fingerprints.meta[i])
                    .u64(t as u64);
            }
        }
        Later {
            cited_by: cited.iter().map(Key::finish).collect(),
            terms: terms.finish(),
        }
    }

    fn of(&self, dep: Dep) -> u64 {
        match dep {
            Dep::CitedBy(l) => self.cited_by.get(l).copied().unwrap_or(0),
            Dep::Terms => self.terms,
            _ => 0,
        }
    }
}

/// The key of a route's output.
pub fn route(site: &Site, templates: &Templates, r: &Route, later: &Later) -> u64 {
    key(site, templates, r, later, true)
}

/// The key of a route of an archived edition for the edition cache: as [`route`], but without the
/// link index, so that adding a current page does not throw the archive away. (An archived page's
/// links can change only when a page they point to goes away, which the cache does not see; see
/// docs/editions.md.)
pub fn archived(site: &Site, templates: &Templates, r: &Route) -> u64 {
    key(site, templates, r, &Later::default(), false)
}

fn key(site: &Site, templates: &Templates, r: &Route, later: &Later, links: bool) -> u64 {
    let mut k = Key::default();
    k.str(&r.path);
    let f = &site.fingerprints;
    for &d in r.deps.iter().filter(|d| links || **d != Dep::Links) {
        k.u64(f.of(d, &|d| later.of(d)));
    }
    let mut uses_data = false;
    if let Some(t) = &r.template {
        let t = templates.key(t);
        k.str("template").u64(t.hash);
        uses_data |= t.uses_data;
    }
    if r.shortcodes {
        let s = templates.shortcodes_key();
        k.str("shortcodes").u64(s.hash);
        uses_data |= s.uses_data;
    }
    if uses_data {
        k.str("data").u64(f.data);
    }
    k.finish()
}

/// The key of a document's Markdown result: its source, what its links, citations and glossary
/// tips resolve against, the settings, and the shortcodes it may call.
pub fn markdown(site: &Site, templates: &Templates, i: usize, later: &Later) -> u64 {
    let f = &site.fingerprints;
    let mut k = Key::default();
    k.u64(f.doc[i])
        .u64(f.links)
        .u64(f.laws)
        .u64(f.glossary)
        .u64(f.settings);
    if f.shortcodes.get(i).copied().unwrap_or(false) {
        k.u64(f.quiz)
            .u64(templates.shortcodes_key().hash)
            .u64(f.data);
    }
    if let Some(l) = site.laws.laws.iter().position(|l| l.doc == i) {
        k.u64(later.of(Dep::CitedBy(l)));
    }
    k.finish()
}
