//! The one update of an assembled [`Site`] in place: when only the bodies of ordinary documents
//! changed (a lesson edited and saved, the most common change under `serve`), nothing the site is
//! assembled from changed — not the tree, the links, the routes or any other page's views — so the
//! documents' sources and fingerprints are replaced and the site is not assembled again.

use super::Site;
use crate::content::kinds::Role;
use crate::hash::Key;
use crate::load::Inputs;

/// Replaces the sources of the documents `rels` (content-relative paths) with their text in
/// `inputs`. Returns false, changing nothing, unless each is a published page, lesson, section or
/// course whose front matter is unchanged and whose use of shortcodes is unchanged; laws, banks and
/// cases are left to a full assembly, since their bodies feed other parts of the site.
pub fn update_bodies(site: &mut Site, inputs: &Inputs, rels: &[&str]) -> bool {
    let mut updates = Vec::new();
    for rel in rels {
        let Some(i) = site.doc_by_rel(rel) else {
            return false;
        };
        let Ok(f) = inputs
            .markdown
            .binary_search_by(|f| f.rel.as_str().cmp(rel))
        else {
            return false;
        };
        let (doc, text) = (&site.docs[i], &inputs.markdown[f].text);
        let same_front = text.len() >= doc.body_offset
            && text.is_char_boundary(doc.body_offset)
            && text[..doc.body_offset] == doc.source[..doc.body_offset];
        let plain = matches!(
            doc.role,
            Role::Page | Role::Lesson | Role::Section | Role::Course
        );
        let shortcodes = |s: &str| s[doc.body_offset..].contains("{{");
        if !same_front || !plain || shortcodes(text) != shortcodes(&doc.source) {
            return false;
        }
        updates.push((i, std::sync::Arc::clone(text)));
    }
    for (i, text) in updates {
        site.docs[i].source = text;
        let d = &site.docs[i];
        site.fingerprints.doc[i] = Key::default().str(&d.rel).str(&d.source).finish();
        if d.role == Role::Lesson {
            site.fingerprints.body[i] = crate::hash::key(d.body());
        }
    }
    site.fingerprints.editions = super::deps::editions(site, &site.fingerprints);
    true
}
