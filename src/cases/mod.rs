//! Typical cases (典型案例): `content/cases/*.md` with region, industry and measure taxonomies, an
//! optional 大企带小企 pairing, before/after metrics, and the sections `site.toml` requires
//! (`[cases] required_sections`: 基本情况和数据, 主要措施, 工作成效, 下一步工作打算).
//!
//! Built once after the site and the data are loaded: the case list (newest first), the taxonomy
//! terms with their cases, and per-case views (chart, Open Graph, JSON-LD) for templates. Atom feeds
//! are written by the render stage from the same lists.

use crate::content::kinds::{CaseMeta, Special};
use crate::data::DataSet;
use crate::diag::{Diagnostic, Diagnostics};
use crate::site::Site;
use serde::Serialize;
use serde_json::Value;

mod feed;

pub const TAXONOMIES: [&str; 3] = ["region", "industry", "measure"];

#[derive(Debug, Clone)]
pub struct Term {
    pub name: String,
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

fn meta(site: &Site, i: usize) -> Option<&CaseMeta> {
    match &site.docs[i].special {
        Special::Case(m) => Some(m),
        _ => None,
    }
}

/// The output folder of a taxonomy term's page.
pub fn term_path(taxonomy: &str, name: &str) -> String {
    format!("cases/{taxonomy}/{}/", &crate::hash::hex(name)[..10])
}

pub fn build(site: &Site, data: &DataSet, diags: &mut Diagnostics) -> Cases {
    let mut cases = Cases {
        index_doc: site
            .docs
            .iter()
            .position(|d| d.base_rel == "cases/_index.md" && d.edition.is_none()),
        ..Cases::default()
    };
    let required = &site.config.cases.required_sections;
    for (i, d) in site.docs.iter().enumerate() {
        let Some(m) = meta(site, i) else { continue };
        cases.list.push(i);
        let headings: Vec<String> = d
            .body()
            .lines()
            .filter_map(|l| l.strip_prefix("## "))
            .map(|h| h.split("{#").next().unwrap_or(h).trim().to_string())
            .collect();
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
        if let Some(p) = &m.pairing {
            let known = data.pairings.iter().any(|x| x.id == p.value);
            if !known {
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
        }
    }
    cases.list.sort_by(|&a, &b| {
        let (da, db) = (&site.docs[a], &site.docs[b]);
        db.date.cmp(&da.date).then_with(|| da.rel.cmp(&db.rel))
    });
    for (t, key) in TAXONOMIES.iter().enumerate() {
        let mut by_name: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
        for &i in &cases.list {
            let Some(m) = meta(site, i) else { continue };
            let names: Vec<&String> = match *key {
                "region" => vec![&m.region],
                "industry" => m.industry.iter().collect(),
                _ => m.measures.iter().collect(),
            };
            for n in names.into_iter().filter(|n| !n.is_empty()) {
                by_name.entry(n.clone()).or_default().push(i);
            }
        }
        cases.terms[t] = by_name
            .into_iter()
            .map(|(name, list)| {
                let url_path = term_path(key, &name);
                Term {
                    href: site.links.href_for(&url_path),
                    url_path,
                    name,
                    cases: list,
                }
            })
            .collect();
    }
    cases
}

#[derive(Serialize)]
pub struct NamedLink {
    pub name: String,
    pub href: String,
}

#[derive(Serialize)]
pub struct MetricView {
    pub name: String,
    pub before: String,
    pub after: String,
    pub unit: String,
    pub change_text: String,
}

#[derive(Serialize)]
pub struct CaseView {
    pub title: String,
    pub date: String,
    pub region: NamedLink,
    pub industry: Vec<NamedLink>,
    pub measures: Vec<NamedLink>,
    pub summary: String,
    pub pairing: Option<Value>,
    pub metrics: Vec<MetricView>,
    pub chart: String,
    pub og: Value,
    pub json_ld: String,
    pub feed_href: String,
}

#[derive(Serialize)]
struct CaseCard {
    title: String,
    href: String,
    date: String,
    region: String,
    industry: Vec<String>,
    measures: Vec<String>,
    summary: String,
}

pub fn label(locale: &Value, key: &str) -> String {
    locale
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or(key)
        .to_string()
}

impl Cases {
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    fn term_link(&self, t: usize, name: &str) -> NamedLink {
        let href = self.terms[t]
            .iter()
            .find(|x| x.name == name)
            .map(|x| x.href.clone())
            .unwrap_or_default();
        NamedLink {
            name: name.to_string(),
            href,
        }
    }

    /// Output folders of the generated term pages (each also has an `atom.xml`).
    pub fn generated_paths(&self) -> Vec<String> {
        self.terms
            .iter()
            .flatten()
            .map(|t| t.url_path.clone())
            .collect()
    }

    pub fn case_view(
        &self,
        site: &Site,
        i: usize,
        data: &DataSet,
        locale: &Value,
    ) -> Option<CaseView> {
        let m = meta(site, i)?;
        let d = &site.docs[i];
        let metrics: Vec<MetricView> = m
            .metrics
            .iter()
            .map(|x| MetricView {
                name: x.name.clone(),
                before: crate::charts::num(x.before),
                after: crate::charts::num(x.after),
                unit: x.unit.clone(),
                change_text: change(x.before, x.after),
            })
            .collect();
        let chart = if m.metrics.is_empty() {
            String::new()
        } else {
            let rows: Vec<(String, f64, f64, String)> = m
                .metrics
                .iter()
                .map(|x| (x.name.clone(), x.before, x.after, x.unit.clone()))
                .collect();
            let desc = m
                .metrics
                .iter()
                .map(|x| {
                    format!(
                        "{}：{}{} → {}{}",
                        x.name,
                        crate::charts::num(x.before),
                        x.unit,
                        crate::charts::num(x.after),
                        x.unit
                    )
                })
                .collect::<Vec<_>>()
                .join("；");
            crate::charts::before_after(
                "case-metrics",
                &format!("{} · {}", d.title, label(locale, "chart_metrics")),
                &desc,
                (
                    &label(locale, "chart_before"),
                    &label(locale, "chart_after"),
                ),
                &rows,
            )
        };
        let pairing = m.pairing.as_ref().and_then(|p| data.pairings.iter().find(|x| x.id == p.value)).map(|p| {
            let name = |id: &str| data.enterprise(id).map(|e| e.name.clone()).unwrap_or_else(|| id.to_string());
            serde_json::json!({
                "id": p.id,
                "lead": name(&p.lead.0),
                "partners": p.partners.iter().map(|x| name(&x.0)).collect::<Vec<_>>(),
                "href": format!("{}#pairing-{}", site.links.href_for(crate::render::data_pages::PAIRINGS_PATH), p.id),
            })
        });
        let url = format!("{}{}", site.config.base_url(), d.url_path);
        let og = serde_json::json!({
            "title": d.title, "description": m.summary, "url": url, "type": "article",
            "site_name": site.config.title, "locale": site.config.language.replace('-', "_"),
        });
        let ld = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": d.title,
            "description": m.summary,
            "datePublished": d.date.clone().unwrap_or_default(),
            "inLanguage": site.config.language,
            "url": url,
            "mainEntityOfPage": url,
            "about": m.measures,
            "keywords": m.industry.iter().chain(m.measures.iter()).cloned().collect::<Vec<_>>().join(","),
            "spatialCoverage": m.region,
            "publisher": { "@type": "Organization", "name": site.config.title },
        });
        let json_ld = format!(
            "<script type=\"application/ld+json\">{}</script>",
            serde_json::to_string(&ld)
                .unwrap_or_default()
                .replace('<', "\\u003c")
        );
        Some(CaseView {
            title: d.title.clone(),
            date: d.date.clone().unwrap_or_default(),
            region: self.term_link(0, &m.region),
            industry: m.industry.iter().map(|n| self.term_link(1, n)).collect(),
            measures: m.measures.iter().map(|n| self.term_link(2, n)).collect(),
            summary: m.summary.clone(),
            pairing,
            metrics,
            chart,
            og,
            json_ld,
            feed_href: "cases/atom.xml".to_string(),
        })
    }

    /// Adds `cases`, `taxonomies`, `term`, `all_href` and `feed_href` to an index or term page.
    pub fn insert_index(
        &self,
        ctx: &mut tera::Context,
        site: &Site,
        term: Option<(usize, usize)>,
        locale: &Value,
    ) {
        let ids: &[usize] = match term {
            Some((t, n)) => &self.terms[t][n].cases,
            None => &self.list,
        };
        let cards: Vec<CaseCard> = ids
            .iter()
            .filter_map(|&i| {
                let m = meta(site, i)?;
                let d = &site.docs[i];
                Some(CaseCard {
                    title: d.title.clone(),
                    href: site.href(i),
                    date: d.date.clone().unwrap_or_default(),
                    region: m.region.clone(),
                    industry: m.industry.clone(),
                    measures: m.measures.clone(),
                    summary: m.summary.clone(),
                })
            })
            .collect();
        let taxonomies: Vec<Value> = TAXONOMIES
            .iter()
            .enumerate()
            .map(|(t, key)| {
                let terms: Vec<Value> = self.terms[t]
                    .iter()
                    .enumerate()
                    .map(|(n, x)| {
                        serde_json::json!({"name": x.name, "href": x.href, "count": x.cases.len(), "active": term == Some((t, n))})
                    })
                    .collect();
                serde_json::json!({"key": key, "label": label(locale, &format!("taxonomy_{key}")), "terms": terms})
            })
            .collect();
        let term_view = term.map(|(t, n)| {
            serde_json::json!({
                "taxonomy": TAXONOMIES[t],
                "taxonomy_label": label(locale, &format!("taxonomy_{}", TAXONOMIES[t])),
                "name": self.terms[t][n].name,
            })
        });
        let feed = match term {
            Some((t, n)) => format!("{}atom.xml", self.terms[t][n].url_path),
            None => "cases/atom.xml".to_string(),
        };
        ctx.insert("cases", &cards);
        ctx.insert("taxonomies", &taxonomies);
        ctx.insert("term", &term_view);
        ctx.insert(
            "all_href",
            &self
                .index_doc
                .map(|i| site.href(i))
                .unwrap_or_else(|| site.links.href_for("cases/")),
        );
        ctx.insert("feed_href", &feed);
    }
}

/// `40 → 100` is `+150%`; from zero, the absolute change.
fn change(before: f64, after: f64) -> String {
    if before.abs() < 1e-9 {
        let d = after - before;
        return format!(
            "{}{}",
            if d >= 0.0 { "+" } else { "" },
            crate::charts::num(d)
        );
    }
    let pct = (after - before) / before.abs() * 100.0;
    format!(
        "{}{}%",
        if pct >= 0.0 { "+" } else { "" },
        crate::charts::num(pct)
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn changes() {
        assert_eq!(super::change(40.0, 100.0), "+150%");
        assert_eq!(super::change(3.0, 0.0), "-100%");
        assert_eq!(super::change(0.0, 5.0), "+5");
    }
}
