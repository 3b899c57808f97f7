//! The statistics pages of graded attempts (`results/`, `results/<exam>/`) and the certificate check
//! (`verify/`). No learner's name is ever shown: only counts, rates and enterprises.

use super::context::{Job, Made};
use super::views::generated_page;
use crate::charts;
use crate::results::board::{ExamBoard, RESULTS_PATH};
use crate::results::stats::Tally;
use serde_json::{json, Value};

/// The hardest questions listed on an exam's page.
const HARDEST: usize = 10;

fn pct(v: Option<f64>) -> String {
    v.map(|x| format!("{}%", charts::num(x)))
        .unwrap_or_else(|| "—".into())
}

fn tally(t: &Tally) -> Value {
    json!({"name": t.name, "attempts": t.attempts, "passed": t.passed, "pass_rate": pct(t.pass_rate()),
           "first": t.first, "first_passed": t.first_passed, "first_rate": pct(t.first_rate())})
}

pub fn index(job: &Job<'_>) -> Made {
    let (mut ctx, root) = job.page_context(RESULTS_PATH, None);
    let title = job.label("results_title");
    let href = job.site.links.href_for(RESULTS_PATH);
    ctx.insert("page", &generated_page(&title, &href));
    let exams: Vec<Value> = job
        .site
        .results
        .exams
        .iter()
        .map(|e| {
            let mut v = tally(&e.stats.all);
            v["title"] = json!(e.title);
            v["href"] = json!(format!("{root}{}", job.site.links.href_for(&e.url_path)));
            v
        })
        .collect();
    ctx.insert("exams", &exams);
    let duty = (!job.site.duty.is_empty())
        .then(|| job.site.links.href_for(crate::checklists::tally::DUTY_PATH));
    ctx.insert("duty_href", &duty.unwrap_or_default());
    Made::Page("results.html".into(), ctx)
}

pub fn exam(job: &Job<'_>, i: usize) -> Made {
    let site = job.site;
    let e = &site.results.exams[i];
    let (mut ctx, root) = job.page_context(&e.url_path, None);
    let href = site.links.href_for(&e.url_path);
    ctx.insert("page", &generated_page(&e.title, &href));
    ctx.insert("index_href", &site.links.href_for(RESULTS_PATH));
    ctx.insert("summary", &summary(job, e));
    ctx.insert("histogram", &histogram(job, e));
    ctx.insert(
        "enterprises",
        &e.enterprises.iter().map(tally).collect::<Vec<_>>(),
    );
    ctx.insert("districts", &districts(job, e));
    ctx.insert("hardest", &hardest(job, e, &root));
    ctx.insert(
        "categories",
        &e.stats
            .categories
            .iter()
            .map(|c| json!({"name": c.name, "items": c.items, "right": c.right, "facility": format!("{}%", charts::num(c.facility))}))
            .collect::<Vec<_>>(),
    );
    Made::Page("results-exam.html".into(), ctx)
}

/// The indicator whose values come from this exam, if any.
fn indicator<'a>(job: &Job<'a>, e: &ExamBoard) -> Option<&'a crate::data::Indicator> {
    job.site
        .data
        .indicators
        .iter()
        .find(|ind| ind.results.as_ref().is_some_and(|r| r.0 == e.id))
}

fn summary(job: &Job<'_>, e: &ExamBoard) -> Value {
    let mut v = tally(&e.stats.all);
    v["mean"] = json!(pct(e.stats.mean_percent));
    if let Some(ind) = indicator(job, e) {
        let rate = e.stats.all.first_rate();
        v["target"] = json!({
            "name": ind.name,
            "text": format!("{} {}{}", ind.comparison.replace(">=", "≥").replace("<=", "≤"), charts::num(ind.target), ind.unit),
            "met": rate.map(|r| ind.met(r)),
            "met_text": rate.map(|r| job.label(if ind.met(r) { "met" } else { "unmet" })),
            "href": job.site.links.href_for("data/indicators/"),
        });
    }
    v
}

fn histogram(job: &Job<'_>, e: &ExamBoard) -> Value {
    let rows: Vec<(String, f64)> = e
        .stats
        .histogram
        .iter()
        .enumerate()
        .map(|(k, &n)| {
            let label = if k == 9 {
                "90–100%".to_string()
            } else {
                format!("{}–{}%", k * 10, k * 10 + 9)
            };
            (label, n as f64)
        })
        .collect();
    let desc = rows
        .iter()
        .map(|(l, n)| format!("{l} {}", charts::num(*n)))
        .collect::<Vec<_>>()
        .join("；");
    let chart = charts::bar(
        "results-histogram",
        &job.label("results_histogram"),
        &desc,
        "",
        &rows,
    );
    json!({"chart": chart, "rows": rows.iter().map(|(l, n)| json!({"range": l, "count": *n as usize})).collect::<Vec<_>>()})
}

/// First-attempt pass rate by district, against the indicator's target when there is one.
fn districts(job: &Job<'_>, e: &ExamBoard) -> Value {
    let rows: Vec<Value> = e.districts.iter().map(tally).collect();
    let rates: Vec<(String, f64)> = e
        .districts
        .iter()
        .filter_map(|t| t.first_rate().map(|r| (t.name.clone(), r)))
        .collect();
    let title = job.label("results_by_district_chart");
    let desc = rates
        .iter()
        .map(|(n, r)| format!("{n} {}%", charts::num(*r)))
        .collect::<Vec<_>>()
        .join("；");
    let chart = if rates.is_empty() {
        String::new()
    } else if let Some(ind) = indicator(job, e) {
        let rows: Vec<(String, f64, bool)> = rates
            .iter()
            .map(|(n, r)| (n.clone(), *r, ind.met(*r)))
            .collect();
        charts::against_target(
            "results-districts",
            &title,
            &desc,
            "%",
            ind.target,
            (&job.label("met"), &job.label("unmet")),
            &job.label("chart_target"),
            &rows,
        )
    } else {
        charts::bar("results-districts", &title, &desc, "%", &rates)
    };
    json!({"chart": chart, "rows": rows})
}

fn hardest(job: &Job<'_>, e: &ExamBoard, root: &str) -> Vec<Value> {
    let set = &job.site.quiz;
    let mut list: Vec<_> = e.stats.questions.iter().collect();
    list.sort_by(|a, b| {
        a.facility
            .total_cmp(&b.facility)
            .then(b.attempts.cmp(&a.attempts))
            .then(a.id.cmp(&b.id))
    });
    list.into_iter()
        .take(HARDEST)
        .map(|q| {
            let question = &set.questions[q.question];
            let bank = &set.banks[question.bank];
            json!({
                "id": q.id,
                "stem": crate::html::strip_tags(&question.stem_html),
                "href": format!("{root}{}#q-{}", bank.href, q.id),
                "category": q.category,
                "attempts": q.attempts,
                "facility": format!("{}%", charts::num(q.facility)),
                "discrimination": q.discrimination.map(|d| format!("{}%", charts::num(d))).unwrap_or_else(|| "—".into()),
            })
        })
        .collect()
}

/// `verify/`: the public key and the exams' titles for verify.js.
pub fn verify(job: &Job<'_>) -> Made {
    let site = job.site;
    let path = crate::paths::VERIFY_PATH;
    let (mut ctx, _) = job.page_context(path, None);
    let title = job.label("verify_title");
    let href = site.links.href_for(path);
    ctx.insert("page", &generated_page(&title, &href));
    let mut titles = serde_json::Map::new();
    for e in &site.quiz.exams {
        // The current edition's title wins over an archived one's.
        if e.edition.is_none() || !titles.contains_key(&e.id) {
            titles.insert(e.id.clone(), json!(e.title));
        }
    }
    let data = json!({
        "public_key": site.config.results.public_key.clone().unwrap_or_default(),
        "exams": titles,
        "url": format!("{}{path}", site.config.base_url()),
    });
    let text = serde_json::to_string(&data)
        .unwrap_or_default()
        .replace('<', "\\u003c");
    ctx.insert("verify_json", &text);
    Made::Page("verify.html".into(), ctx)
}
