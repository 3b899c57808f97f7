//! Typical cases (典型案例): `content/cases/*.md` with region, industry and measure taxonomies, an
//! optional 大企带小企 pairing, before/after metrics, and the sections `site.toml` requires
//! (`[cases] required_sections`: 基本情况和数据, 主要措施, 工作成效, 下一步工作打算).
//!
//! Built once when the site is assembled: the case list (newest first) and the taxonomy terms with
//! their cases. The pages, feeds and per-case views (chart, Open Graph, JSON-LD) are made by the
//! render stage from these lists.

use crate::content::kinds::{CaseMeta, Special};
use crate::content::Doc;
use crate::corpus::Corpus;
use crate::data::DataSet;
use crate::diag::{Diagnostic, Diagnostics};

pub const TAXONOMIES: [&str; 3] = ["region", "industry", "measure"];

#[derive(Debug, Clone)]
pub struct Term {
    pub name: String,
    /// The last part of its address: the slug from data/terms.toml, or the name's pinyin.
    pub slug: String,
    /// Its line from data/terms.toml (may be empty).
    pub description: String,
    pub url_path: String,
    pub href: String,
    /// Case doc indexes, newest first.
    pub cases: Vec<usize>,
}

#[derive(Debug, Default)]
pub struct Cases {
    /// Case doc indexes, newest first.
    pub list: Vec<usize>,
    /// Terms per taxonomy, in the order of [`TAXONOMIES`], each sorted by name.
    pub terms: [Vec<Term>; 3],
    pub index_doc: Option<usize>,
}

pub fn meta(d: &Doc) -> Option<&CaseMeta> {
    match &d.special {
        Special::Case(m) => Some(m),
        _ => None,
    }
}

/// The output folder of a taxonomy's list of terms.
pub fn taxonomy_path(taxonomy: &str) -> String {
    format!("cases/{taxonomy}/")
}

/// The output folder of a taxonomy term's page.
pub fn term_path(taxonomy: &str, slug: &str) -> String {
    format!("cases/{taxonomy}/{slug}/")
}

pub fn build(site: &Corpus<'_>, data: &DataSet, diags: &mut Diagnostics) -> Cases {
    let mut cases = Cases {
        index_doc: site
            .docs
            .iter()
            .position(|d| d.base_rel == "cases/_index.md" && d.edition.is_none()),
        ..Cases::default()
    };
    for (i, d) in site.docs.iter().enumerate() {
        let Some(m) = meta(&site.docs[i]) else {
            continue;
        };
        cases.list.push(i);
        check_sections(d, &site.config.cases.required_sections, diags);
        // A pairings.toml with an error is reported on its own, not once per case.
        if let Some(p) = m
            .pairing
            .as_ref()
            .filter(|_| !data.broken.contains("pairings"))
        {
            check_pairing(data, d, p, diags);
        }
    }
    cases.list.sort_by(|&a, &b| {
        let (da, db) = (&site.docs[a], &site.docs[b]);
        db.date.cmp(&da.date).then_with(|| da.rel.cmp(&db.rel))
    });
    for (t, key) in TAXONOMIES.iter().enumerate() {
        cases.terms[t] = terms(site, &cases.list, key, &data.terms[t], diags);
        unused_terms(data, t, &cases.terms[t], diags);
    }
    cases
}

/// The terms of one taxonomy, by name, each with its cases (newest first) and its address.
fn terms(
    site: &Corpus<'_>,
    list: &[usize],
    key: &str,
    described: &[crate::data::terms::TermInfo],
    diags: &mut Diagnostics,
) -> Vec<Term> {
    let mut by_name: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
    for &i in list {
        let Some(m) = meta(&site.docs[i]) else {
            continue;
        };
        let names: Vec<&String> = match key {
            "region" => vec![&m.region],
            "industry" => m.industry.iter().collect(),
            _ => m.measures.iter().collect(),
        };
        for n in names.into_iter().filter(|n| !n.is_empty()) {
            by_name.entry(n.clone()).or_default().push(i);
        }
    }
    let mut taken: std::collections::HashMap<String, String> = Default::default();
    let mut out = Vec::with_capacity(by_name.len());
    for (name, cases) in by_name {
        let info = described.iter().find(|t| t.name == name);
        let slug = info
            .and_then(|t| t.slug.clone())
            .unwrap_or_else(|| auto_slug(&name));
        if let Some(other) = taken.get(&slug) {
            slug_clash(site, cases[0], key, &name, other, &slug, diags);
            continue;
        }
        taken.insert(slug.clone(), name.clone());
        let url_path = term_path(key, &slug);
        out.push(Term {
            href: site.links.href_for(&url_path),
            url_path,
            description: info.map(|t| t.description.clone()).unwrap_or_default(),
            slug,
            name,
            cases,
        });
    }
    out
}

/// A term's address part when data/terms.toml gives none: its pinyin, or a hash of the name when
/// it has no letter, digit or Chinese character.
fn auto_slug(name: &str) -> String {
    let s = crate::data::terms::pinyin_slug(name);
    if s.is_empty() {
        format!("t-{}", &crate::hash::hex(name)[..10])
    } else {
        s
    }
}

/// Two terms of a taxonomy would share one address (same pinyin, or a slug equal to another
/// term's pinyin): an error at the second term in its case's front matter.
fn slug_clash(
    site: &Corpus<'_>,
    doc: usize,
    key: &str,
    name: &str,
    other: &str,
    slug: &str,
    diags: &mut Diagnostics,
) {
    let d = &site.docs[doc];
    // The term as a quoted value in the front matter (not the same characters inside the title).
    let span = d
        .source
        .find(&format!("\"{name}\""))
        .map(|at| at + 1..at + 1 + name.len())
        .unwrap_or(0..3);
    diags.push(
        Diagnostic::error(
            "E-CASE-TERM-SLUG",
            format!("{key} `{name}` and `{other}` would both be at cases/{key}/{slug}/"),
        )
        .in_file(d.display.clone())
        .at(&d.source, span)
        .with_hint(format!(
            "give one of them its own address in data/terms.toml:\n[[{key}]]\nname = \"{name}\"\nslug = \"{slug}-2\""
        )),
    );
}

/// A term data/terms.toml describes that no case uses: probably a spelling difference.
fn unused_terms(data: &DataSet, t: usize, used: &[Term], diags: &mut Diagnostics) {
    let Some(source) = &data.terms_source else {
        return;
    };
    for info in &data.terms[t] {
        if used.iter().any(|u| u.name == info.name) {
            continue;
        }
        let mut names: Vec<&str> = used.iter().map(|u| u.name.as_str()).collect();
        names.truncate(12);
        diags.push(
            Diagnostic::warning(
                "W-DATA-TERM-UNUSED",
                format!("no case has the {} `{}`", TAXONOMIES[t], info.name),
            )
            .in_file("data/terms.toml")
            .at(source, info.name_span.clone())
            .with_hint(if names.is_empty() {
                "check the spelling against the cases' front matter, or remove the entry"
                    .to_string()
            } else {
                format!("the cases use: {}", names.join(", "))
            }),
        );
    }
}

/// Every section `site.toml` requires must be a `##` heading of the case (found by parsing the
/// Markdown, so a `## ` line inside a code block does not count).
fn check_sections(d: &Doc, required: &[String], diags: &mut Diagnostics) {
    let headings = crate::markdown::headings::level2_texts(d.body());
    for need in required {
        if !headings.iter().any(|h| h == need) {
            diags.push(
                Diagnostic::error("E-CASE-SECTION", format!("the case has no section `{need}`"))
                    .in_file(d.display.clone())
                    .at(&d.source, 0..3)
                    .with_hint(format!(
                        "site.toml [cases] required_sections asks every case for these `##` sections: {}",
                        required.join(", ")
                    )),
            );
        }
    }
}

fn check_pairing(data: &DataSet, d: &Doc, p: &crate::content::Located, diags: &mut Diagnostics) {
    if data.pairings.iter().any(|x| x.id == p.value) {
        return;
    }
    let ids: Vec<&str> = data.pairings.iter().map(|x| x.id.as_str()).collect();
    diags.push(
        Diagnostic::error(
            "E-DATA-REF",
            format!("pairing `{}` is not in data/pairings.toml", p.value),
        )
        .in_file(d.display.clone())
        .at(&d.source, p.span.clone())
        .with_label("unknown pairing")
        .with_hint(if ids.is_empty() {
            "add the pairing to data/pairings.toml, or remove the key".to_string()
        } else {
            format!("known pairings: {}", ids.join(", "))
        }),
    );
}

impl Cases {
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sections_are_headings_not_lines_in_code() {
        let body = "## 基本情况和数据 {#a}\n\n```\n## 主要措施\n```\n\n## 工作成效\n";
        assert_eq!(
            crate::markdown::headings::level2_texts(body),
            ["基本情况和数据", "工作成效"]
        );
    }
}
