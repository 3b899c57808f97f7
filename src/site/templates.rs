//! Which template renders each document: its own `template`, its section's `page_template`, or the
//! default for its role (`course.html`, `lesson.html`, `law.html`, `section.html`, `page.html`...).
//! A name the theme does not have is an error pointing at the front-matter value.

use crate::content::{Doc, DocKind};
use crate::diag::{Diagnostic, Diagnostics};
use std::collections::BTreeSet;

pub(super) fn choose_templates(
    docs: &[Doc],
    parent: &[Option<usize>],
    known: &BTreeSet<&str>,
    diags: &mut Diagnostics,
) -> Vec<String> {
    docs.iter()
        .enumerate()
        .map(|(i, d)| {
            let inherited = parent[i]
                .and_then(|p| docs[p].page_template.as_ref())
                .filter(|_| d.kind == DocKind::Page);
            let chosen = d.template.as_ref().or(inherited);
            use crate::content::kinds::Role;
            let default = match (d.role, d.kind, d.url_path.is_empty()) {
                (Role::Course, _, _) => "course.html",
                (Role::Lesson, _, _) => "lesson.html",
                (Role::Law, _, _) => "law.html",
                (Role::Bank, _, _) => "bank.html",
                (Role::Case, _, _) => "case.html",
                (Role::Checklist, _, _) => "checklist.html",
                (_, DocKind::Section, false)
                    if d.base_rel == "cases/_index.md" && d.edition.is_none() =>
                {
                    "cases.html"
                }
                (_, DocKind::Section, true) => "index.html",
                (_, DocKind::Section, false) if d.base_rel == "courses/_index.md" => "courses.html",
                (_, DocKind::Section, false) => "section.html",
                (_, DocKind::Page, _) => "page.html",
            };
            let Some(loc) = chosen else {
                return default.to_string();
            };
            if !known.contains(loc.value.as_str()) {
                let owner = if d.template.is_some() {
                    d
                } else {
                    &docs[parent[i].unwrap_or(0)]
                };
                let names: Vec<&str> = known
                    .iter()
                    .copied()
                    .filter(|n| !n.starts_with("shortcodes/") && !n.starts_with("partials/"))
                    .collect();
                diags.push(
                    Diagnostic::error(
                        "E-TEMPLATE-UNKNOWN",
                        format!("template `{}` does not exist", loc.value),
                    )
                    .in_file(owner.display.clone())
                    .at(&owner.source, loc.span.clone())
                    .with_label("unknown template")
                    .with_hint(format!(
                        "available templates: {}; add templates/{} to the site to create it",
                        names.join(", "),
                        loc.value
                    )),
                );
                return default.to_string();
            }
            loc.value.clone()
        })
        .collect()
}
