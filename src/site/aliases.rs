//! `aliases`: old addresses of a page that become redirect files. An alias must be a clean site path
//! that no page and no other alias already uses.

use crate::content::Doc;
use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::links::LinkIndex;
use std::collections::{BTreeMap, HashMap};

pub(super) fn collect_aliases(
    docs: &[Doc],
    by_url: &HashMap<&str, usize>,
    links: &LinkIndex,
    diags: &mut Diagnostics,
) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    for d in docs {
        for a in &d.aliases {
            let path = a.value.trim_start_matches('/');
            let ok = !path.is_empty()
                && !path.contains("..")
                && path
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c));
            let bad = |msg: String, hint: &str| {
                Diagnostic::error("E-ALIAS", msg)
                    .in_file(d.display.clone())
                    .at(&d.source, a.span.clone())
                    .with_hint(hint.to_string())
            };
            if !ok {
                diags.push(bad(
                    format!("alias `{}` is not a valid site path", a.value),
                    "write an old address of this page as a path, e.g. aliases = [\"/old/page/\"]",
                ));
                continue;
            }
            let (url, file) = if path.ends_with(".html") {
                (path.to_string(), path.to_string())
            } else {
                let dir = format!("{}/", path.trim_end_matches('/'));
                (dir.clone(), format!("{dir}index.html"))
            };
            if by_url.contains_key(url.as_str()) {
                diags.push(bad(
                    format!("alias `{}` is the address of an existing page", a.value),
                    "remove the alias or move the other page",
                ));
                continue;
            }
            if out.contains_key(&file) {
                diags.push(bad(
                    format!("alias `{}` is used twice", a.value),
                    "each old address can redirect to one page only",
                ));
                continue;
            }
            out.insert(file, links.href_for(&d.url_path));
        }
    }
    out
}
