//! The `case` context of a typical case's page: its taxonomy links, pairing, metrics with a
//! before/after chart, Open Graph tags and schema.org Article JSON-LD.

use super::context::{label, Job};
use crate::site::routes::DataPage;
use serde::Serialize;
use serde_json::Value;

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

/// The link to a taxonomy term's page.
pub fn term_link(job: &Job<'_>, t: usize, name: &str) -> NamedLink {
    let href = job.site.cases.terms[t]
        .iter()
        .find(|x| x.name == name)
        .map(|x| x.href.clone())
        .unwrap_or_default();
    NamedLink {
        name: name.to_string(),
        href,
    }
}

pub fn case_view(job: &Job<'_>, i: usize) -> Option<CaseView> {
    let site = job.site;
    let m = crate::cases::meta(&site.docs[i])?;
    let d = &site.docs[i];
    let metrics = m
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
    let data = &site.data;
    let pairing = m
        .pairing
        .as_ref()
        .and_then(|p| data.pairings.iter().find(|x| x.id == p.value))
        .map(|p| {
            let name = |id: &str| {
                data.enterprise(id)
                    .map(|e| e.name.clone())
                    .unwrap_or_else(|| id.to_string())
            };
            let page = site.links.href_for(DataPage::Pairings.parts().0);
            serde_json::json!({
                "id": p.id,
                "lead": name(&p.lead.0),
                "partners": p.partners.iter().map(|x| name(&x.0)).collect::<Vec<_>>(),
                "href": format!("{page}#pairing-{}", p.id),
            })
        });
    let (og, json_ld) = metadata(job, i, m);
    Some(CaseView {
        title: d.title.clone(),
        date: d.date.clone().unwrap_or_default(),
        region: term_link(job, 0, &m.region),
        industry: m.industry.iter().map(|n| term_link(job, 1, n)).collect(),
        measures: m.measures.iter().map(|n| term_link(job, 2, n)).collect(),
        summary: m.summary.clone(),
        pairing,
        metrics,
        chart: chart(job, &d.title, m),
        og,
        json_ld,
        feed_href: "cases/atom.xml".to_string(),
    })
}

/// The before/after chart of a case's metrics, with a description for screen readers.
fn chart(job: &Job<'_>, title: &str, m: &crate::content::kinds::CaseMeta) -> String {
    if m.metrics.is_empty() {
        return String::new();
    }
    let locale = &job.site.locale;
    let rows: Vec<(String, f64, f64, String)> = m
        .metrics
        .iter()
        .map(|x| (x.name.clone(), x.before, x.after, x.unit.clone()))
        .collect();
    let num = crate::charts::num;
    let desc = m
        .metrics
        .iter()
        .map(|x| {
            format!(
                "{}：{}{} → {}{}",
                x.name,
                num(x.before),
                x.unit,
                num(x.after),
                x.unit
            )
        })
        .collect::<Vec<_>>()
        .join("；");
    crate::charts::before_after(
        "case-metrics",
        &format!("{title} · {}", label(locale, "chart_metrics")),
        &desc,
        (
            &label(locale, "chart_before"),
            &label(locale, "chart_after"),
        ),
        &rows,
    )
}

/// Open Graph values and the schema.org Article JSON-LD script of a case.
fn metadata(job: &Job<'_>, i: usize, m: &crate::content::kinds::CaseMeta) -> (Value, String) {
    let site = job.site;
    let d = &site.docs[i];
    let url = format!("{}{}", site.config.base_url(), d.url_path);
    let og = serde_json::json!({
        "title": d.title, "description": m.summary, "url": url, "type": "article",
        "site_name": site.config.title, "locale": site.config.language.replace('-', "_"),
    });
    let organisation = serde_json::json!({ "@type": "Organization", "name": site.config.title });
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
        "author": organisation,
        "publisher": organisation,
    });
    let json_ld = format!(
        "<script type=\"application/ld+json\">{}</script>",
        serde_json::to_string(&ld)
            .unwrap_or_default()
            .replace('<', "\\u003c")
    );
    (og, json_ld)
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
