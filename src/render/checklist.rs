//! Self-check form pages (docs/checklists.md): the `checklist` context of a checklist's page — its
//! groups and items for the server-rendered form (readable and printable without JavaScript) and
//! the JSON checklist.js runs the form from — and the 履职率 page of `data/checks/`.

use super::context::{Job, Made};
use crate::checklists::tally::{Duty, DUTY_PATH};
use crate::checklists::{Band, Checklist, Group};
use serde::Serialize;

#[derive(Serialize)]
struct Gathered<'a> {
    id: &'a str,
    title: &'a str,
    href: &'a str,
    period: &'a str,
}

#[derive(Serialize)]
struct View<'a> {
    id: &'a str,
    title: &'a str,
    period: &'a str,
    applies: &'a [String],
    roles: &'a [String],
    bands: &'a [Band],
    groups: &'a [Group],
    item_count: usize,
    key_count: usize,
    hash: &'a str,
    edition: String,
    gathers: Option<Gathered<'a>>,
    /// What checklist.js reads: `<script type="application/json" data-checklist>`.
    json: String,
    /// The 履职率 page, when `data/checks/` has records.
    duty_href: String,
}

#[derive(Serialize)]
struct JsItem<'a> {
    id: &'a str,
    text: &'a str,
    key: bool,
    group: &'a str,
}

fn js_items(c: &Checklist) -> Vec<JsItem<'_>> {
    c.groups
        .iter()
        .flat_map(|g| {
            g.items.iter().map(move |i| JsItem {
                id: &i.id,
                text: &i.text,
                key: i.key,
                group: &g.title,
            })
        })
        .collect()
}

/// Adds `checklist` to a checklist page's context.
pub fn insert(job: &Job<'_>, ctx: &mut tera::Context, c: &Checklist) {
    let site = job.site;
    let edition = c
        .edition
        .clone()
        .unwrap_or_else(|| site.config.edition.clone());
    let source = c.gathers.map(|g| &site.checklists.list[g]);
    let json = serde_json::json!({
        "id": c.id,
        "title": c.title,
        "edition": edition,
        "hash": c.hash,
        "period": c.period.key(),
        "bands": c.bands,
        "items": js_items(c),
        "gathers": source.map(|s| serde_json::json!({
            "id": s.id,
            "title": s.title,
            "period": s.period.key(),
            "items": js_items(s),
        })),
    });
    // `</script>` inside a text must not end the script element.
    let json = json.to_string().replace('<', "\\u003c");
    let view = View {
        id: &c.id,
        title: &c.title,
        period: c.period.key(),
        applies: &c.applies,
        roles: &c.roles,
        bands: &c.bands,
        groups: &c.groups,
        item_count: c.item_count(),
        key_count: c.items().filter(|i| i.key).count(),
        hash: &c.hash,
        edition,
        gathers: source.map(|s| Gathered {
            id: &s.id,
            title: &s.title,
            href: &s.href,
            period: s.period.key(),
        }),
        json,
        duty_href: if site.duty.is_empty() {
            String::new()
        } else {
            site.links.href_for(DUTY_PATH)
        },
    };
    ctx.insert("checklist", &view);
}

#[derive(Serialize)]
struct DutyRow<'a> {
    name: &'a str,
    district: &'a str,
    daily: (u32, u32),
    weekly: (u32, u32),
    monthly: (u32, u32),
    rate: String,
    /// Whether the rate meets the `checks` indicator's target (`None`: no target or no rate).
    met: Option<bool>,
}

impl<'a> DutyRow<'a> {
    fn of(d: &'a Duty, target: Option<&crate::data::Indicator>) -> DutyRow<'a> {
        DutyRow {
            name: if d.enterprise.is_empty() {
                &d.district
            } else {
                &d.enterprise
            },
            district: &d.district,
            daily: d.counts[0],
            weekly: d.counts[1],
            monthly: d.counts[2],
            rate: d
                .rate()
                .map(|r| format!("{}%", crate::charts::num(r)))
                .unwrap_or_else(|| "—".into()),
            met: target.zip(d.rate()).map(|(t, r)| t.met(r)),
        }
    }
}

#[derive(Serialize)]
struct RecordRow {
    date: String,
    enterprise: String,
    form: String,
    score: Option<f64>,
    rating: String,
    failed: Vec<String>,
    zero_risk: bool,
}

/// The 履职率 page: handed-in records against those expected, by district and enterprise, and
/// the latest records with their failed items.
pub fn duty_page(job: &Job<'_>) -> Made {
    let site = job.site;
    let board = &site.duty;
    let (mut ctx, _root) = job.page_context(DUTY_PATH, None);
    let title = job.label("ck_duty_title");
    let href = site.links.href_for(DUTY_PATH);
    ctx.insert("page", &super::views::generated_page(&title, &href));
    let day = |d: u32| crate::results::time::date(u64::from(d) * 86_400);
    let (first, last) = board.window.unwrap_or_default();
    let records: Vec<RecordRow> = board
        .rows
        .iter()
        .rev()
        .take(50)
        .map(|r| {
            let c = &site.checklists.list[r.checklist];
            let items: Vec<&crate::checklists::Item> = c.items().collect();
            RecordRow {
                date: day(r.record.day),
                enterprise: r.record.enterprise.clone(),
                form: c.title.clone(),
                score: r.outcome.score,
                rating: r
                    .outcome
                    .rating
                    .map(|b| c.bands[b].name.clone())
                    .unwrap_or_default(),
                failed: r
                    .failed
                    .iter()
                    .map(|&i| format!("{}. {}", items[i].number, items[i].text))
                    .collect(),
                zero_risk: r.outcome.zero_risk,
            }
        })
        .collect();
    let indicator = site.data.indicators.iter().find(|i| i.checks.is_some());
    let target = indicator.map(|i| {
        serde_json::json!({
            "name": i.name,
            "text": format!("{} {}{}", i.comparison.replace(">=", "≥").replace("<=", "≤"), crate::charts::num(i.target), i.unit),
            "href": site.links.href_for("data/indicators/"),
        })
    });
    ctx.insert(
        "duty",
        &serde_json::json!({
            "from": day(first),
            "to": day(last),
            "districts": board.districts.iter().map(|d| DutyRow::of(d, indicator)).collect::<Vec<_>>(),
            "enterprises": board.enterprises.iter().map(|d| DutyRow::of(d, indicator)).collect::<Vec<_>>(),
            "records": records,
            "count": board.rows.len(),
            "target": target,
            "checklists_href": site.links.href_for("checklists/"),
        }),
    );
    Made::Page("results-checks.html".into(), ctx)
}
