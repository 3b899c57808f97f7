//! Case pages: the lists of the case index and of each taxonomy term's page, and the Atom feeds
//! (rendered with the theme's `atom.xml`).

pub use super::case_view::case_view;
use super::context::Made;
use super::context::{label, Job};
use super::views::SectionView;
use crate::cases::TAXONOMIES;
use serde::Serialize;
use serde_json::{json, Value};

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

/// Adds `cases`, `taxonomies`, `term`, `all_href` and `feed_href` to the index or a term's page.
pub fn insert_index(job: &Job<'_>, ctx: &mut tera::Context, term: Option<(usize, usize)>) {
    let site = job.site;
    let cases = &site.cases;
    let locale = &site.locale;
    let ids: &[usize] = match term {
        Some((t, n)) => &cases.terms[t][n].cases,
        None => &cases.list,
    };
    let cards: Vec<CaseCard> = ids
        .iter()
        .filter_map(|&i| {
            let m = crate::cases::meta(&site.docs[i])?;
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
            let terms: Vec<Value> = cases.terms[t]
                .iter()
                .enumerate()
                .map(|(n, x)| json!({"name": x.name, "href": x.href, "count": x.cases.len(), "active": term == Some((t, n))}))
                .collect();
            json!({"key": key, "label": label(locale, &format!("taxonomy_{key}")), "href": site.links.href_for(&crate::cases::taxonomy_path(key)), "terms": terms})
        })
        .collect();
    let term_view = term.map(|(t, n)| {
        json!({
            "taxonomy": TAXONOMIES[t],
            "taxonomy_label": label(locale, &format!("taxonomy_{}", TAXONOMIES[t])),
            "taxonomy_href": site.links.href_for(&crate::cases::taxonomy_path(TAXONOMIES[t])),
            "name": cases.terms[t][n].name,
            "description": cases.terms[t][n].description,
        })
    });
    let feed = match term {
        Some((t, n)) => format!("{}atom.xml", cases.terms[t][n].url_path),
        None => "cases/atom.xml".to_string(),
    };
    ctx.insert("cases", &cards);
    ctx.insert("taxonomies", &taxonomies);
    ctx.insert("term", &term_view);
    ctx.insert(
        "all_href",
        &cases
            .index_doc
            .map(|i| site.href(i))
            .unwrap_or_else(|| site.links.href_for("cases/")),
    );
    ctx.insert("feed_href", &feed);
}

/// A taxonomy term's page: the case index's template with the term's cases.
pub fn term_page(job: &Job<'_>, t: usize, k: usize) -> Made {
    let site = job.site;
    let term = &site.cases.terms[t][k];
    let index = site.cases.index_doc;
    let (mut ctx, _) = job.page_context(&term.url_path, index);
    let (title, description) = index
        .map(|i| (site.docs[i].title.clone(), site.docs[i].description.clone()))
        .unwrap_or_else(|| (job.label("cases_title"), String::new()));
    let href = site.links.href_for(&term.url_path);
    let extra = toml::Table::new();
    ctx.insert(
        "section",
        &SectionView {
            title: &title,
            description: &description,
            href: &href,
            content: "",
            toc: &[],
            pages: &[],
            subsections: &[],
            extra: &extra,
            reading_minutes: 1,
        },
    );
    insert_index(job, &mut ctx, Some((t, k)));
    let template = index
        .map(|i| site.templates[i].clone())
        .unwrap_or_else(|| "cases.html".to_string());
    Made::Page(template, ctx)
}

/// `/cases/<taxonomy>/`: every term of one taxonomy with its number of cases and description.
pub fn taxonomy_page(job: &Job<'_>, t: usize) -> Made {
    let site = job.site;
    let key = TAXONOMIES[t];
    let index = site.cases.index_doc;
    let (mut ctx, _) = job.page_context(&crate::cases::taxonomy_path(key), index);
    let terms: Vec<Value> = site.cases.terms[t]
        .iter()
        .map(|x| json!({"name": x.name, "href": x.href, "count": x.cases.len(), "description": x.description}))
        .collect();
    let others: Vec<Value> = TAXONOMIES
        .iter()
        .enumerate()
        .filter(|&(o, _)| o != t && !site.cases.terms[o].is_empty())
        .map(|(_, k)| json!({"label": label(&site.locale, &format!("taxonomy_{k}")), "href": site.links.href_for(&crate::cases::taxonomy_path(k))}))
        .collect();
    ctx.insert(
        "taxonomy",
        &json!({"key": key, "label": label(&site.locale, &format!("taxonomy_{key}")), "terms": terms, "others": others}),
    );
    ctx.insert(
        "all_href",
        &index
            .map(|i| site.href(i))
            .unwrap_or_else(|| site.links.href_for("cases/")),
    );
    ctx.insert("cases_count", &site.cases.list.len());
    Made::Page("taxonomy.html".into(), ctx)
}

#[derive(Serialize)]
struct FeedEntry {
    title: String,
    url: String,
    date: String,
    summary: String,
    categories: Vec<String>,
}

/// The Atom feed of all cases (`None`) or of one taxonomy term, newest first.
pub fn feed(job: &Job<'_>, term: Option<(usize, usize)>) -> Made {
    let site = job.site;
    let base = site.config.base_url();
    let all_title = format!("{} · {}", site.config.title, job.label("cases_title"));
    let (ids, title, path) = match term {
        Some((t, k)) => {
            let x = &site.cases.terms[t][k];
            (
                &x.cases,
                format!("{all_title} · {}", x.name),
                format!("{}atom.xml", x.url_path),
            )
        }
        None => (&site.cases.list, all_title, "cases/atom.xml".to_string()),
    };
    let entries: Vec<FeedEntry> = ids
        .iter()
        .map(|&i| {
            let d = &site.docs[i];
            let m = crate::cases::meta(&site.docs[i]);
            FeedEntry {
                title: d.title.clone(),
                url: format!("{base}{}", d.url_path),
                date: d.date.clone().unwrap_or_else(|| "1970-01-01".to_string()),
                summary: m.map(|m| m.summary.clone()).unwrap_or_default(),
                categories: m
                    .map(|m| {
                        std::iter::once(&m.region)
                            .chain(&m.industry)
                            .chain(&m.measures)
                            .cloned()
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect();
    let updated = entries
        .iter()
        .map(|e| e.date.clone())
        .max()
        .unwrap_or_else(|| "1970-01-01".to_string());
    let mut ctx = job.base.clone();
    ctx.insert(
        "feed",
        &json!({"title": title, "id": format!("{base}{path}"), "self": format!("{base}{path}"), "link": base, "updated": updated}),
    );
    ctx.insert("entries", &entries);
    Made::Page("atom.xml".into(), ctx)
}
