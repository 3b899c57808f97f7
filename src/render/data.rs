//! Pages made from the activity data (docs/data-theme-contract.md): the 大企带小企 roster, the 进度表
//! with its timeline, the indicator dashboard, the training record and the enterprise directory.

use super::context::Job;
use super::context::Made;
use super::views::generated_page;
use crate::charts;
use crate::data::{day_number, parse_date, DataSet};
use crate::site::routes::DataPage;
use crate::site::Site;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The calendar date of a day number (days since 1970-01-01).
fn civil(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

/// `/data/`: every data and statistics page the site has, with a line on what it shows.
pub fn index(job: &Job<'_>) -> Made {
    let site = job.site;
    let path = crate::site::routes::DATA_INDEX_PATH;
    let (mut ctx, _) = job.page_context(path, None);
    let title = job.label("data_index_title");
    ctx.insert("page", &generated_page(&title, &site.links.href_for(path)));
    ctx.insert("prev", &None::<()>);
    ctx.insert("next", &None::<()>);
    let mut entries: Vec<Value> = Vec::new();
    let mut add = |route: &str, title_key: &str, desc_key: &str| {
        if site.routes.has(&format!("{route}index.html")) {
            entries.push(json!({
                "href": site.links.href_for(route),
                "title": job.label(title_key),
                "description": job.label(desc_key),
            }));
        }
    };
    for p in DataPage::ALL {
        let (route, _, _) = p.parts();
        let key = match p {
            DataPage::Pairings => "data_pairings",
            DataPage::Progress => "data_progress",
            DataPage::Indicators => "data_indicators",
            DataPage::Trainings => "data_trainings",
            DataPage::Enterprises => "data_enterprises",
        };
        add(route, &format!("{key}_title"), &format!("{key}_desc"));
    }
    add(
        crate::results::board::RESULTS_PATH,
        "results_title",
        "data_results_desc",
    );
    add(
        crate::checklists::tally::DUTY_PATH,
        "ck_duty_title",
        "data_duty_desc",
    );
    ctx.insert("entries", &entries);
    Made::Page("data-index.html".to_string(), ctx)
}

/// The page of one data file.
pub fn page(job: &Job<'_>, p: DataPage) -> Made {
    let (path, _, template) = p.parts();
    let (mut ctx, _) = job.page_context(path, None);
    let title_key = match p {
        DataPage::Pairings => "data_pairings_title",
        DataPage::Progress => "data_progress_title",
        DataPage::Indicators => "data_indicators_title",
        DataPage::Trainings => "data_trainings_title",
        DataPage::Enterprises => "data_enterprises_title",
    };
    let title = job.label(title_key);
    let href = job.site.links.href_for(path);
    ctx.insert("page", &generated_page(&title, &href));
    ctx.insert("prev", &None::<()>);
    ctx.insert("next", &None::<()>);
    let l = |k: &str| job.label(k);
    let site = job.site;
    match p {
        DataPage::Pairings => pairings(&mut ctx, site),
        DataPage::Progress => progress(&mut ctx, &site.data, &l),
        DataPage::Indicators => indicators(&mut ctx, &site.data, &l),
        DataPage::Trainings => trainings(&mut ctx, &site.data, &l),
        DataPage::Enterprises => enterprises(&mut ctx, &site.data, &l),
    }
    Made::Page(template.to_string(), ctx)
}

/// The 进度表. Its 统计日期 comes from the data (`as_of` in milestones.toml), never from the clock,
/// so two builds on two days are the same.
fn progress(ctx: &mut tera::Context, data: &DataSet, l: &dyn Fn(&str) -> String) {
    let as_of = data.as_of.as_deref().and_then(parse_date);
    let rows: Vec<Value> = data
        .milestones
        .iter()
        .map(|m| json!({"id": m.id, "phase": m.phase, "start": m.start, "end": m.end, "status": status_key(&m.status),
                        "status_key": status_key(&m.status), "status_label": m.status, "owner": m.owner}))
        .collect();
    ctx.insert("milestones", &rows);
    ctx.insert("chart", &progress_chart(data, as_of, l));
    ctx.insert("today", &data.as_of.clone().unwrap_or_default());
}

fn indicators(ctx: &mut tera::Context, data: &DataSet, l: &dyn Fn(&str) -> String) {
    let list: Vec<Value> = data
        .indicators
        .iter()
        .map(|ind| {
            let rows: Vec<(String, f64, bool)> = ind.values.iter().map(|v| (v.scope.0.clone(), v.value, ind.met(v.value))).collect();
            let target_text = format!("{} {}{}", ind.comparison.replace(">=", "≥").replace("<=", "≤"), charts::num(ind.target), ind.unit);
            let met_text = |met: bool| if met { l("met") } else { l("unmet") };
            let desc = rows
                .iter()
                .map(|(s, v, met)| format!("{s} {}{}（{}）", charts::num(*v), ind.unit, met_text(*met)))
                .collect::<Vec<_>>()
                .join("；");
            let chart = charts::against_target(
                &format!("ind-{}", ind.id),
                &format!("{} {}", ind.name, target_text),
                &desc,
                &ind.unit,
                ind.target,
                (&l("met"), &l("unmet")),
                &l("chart_target"),
                &rows,
            );
            let table: Vec<Value> = rows
                .iter()
                .map(|(s, v, met)| json!({"scope": s, "value": charts::num(*v), "met": met, "met_text": met_text(*met)}))
                .collect();
            json!({"id": ind.id, "name": ind.name, "unit": ind.unit, "target": charts::num(ind.target), "comparison": ind.comparison,
                   "period": ind.period, "target_text": target_text, "chart": chart, "rows": table})
        })
        .collect();
    ctx.insert("indicators", &list);
}

fn trainings(ctx: &mut tera::Context, data: &DataSet, l: &dyn Fn(&str) -> String) {
    let mut months: BTreeMap<String, (usize, u64)> = BTreeMap::new();
    for t in &data.trainings {
        let e = months.entry(t.date[..7].to_string()).or_default();
        e.0 += 1;
        e.1 += u64::from(t.participants);
    }
    let month_rows: Vec<(String, f64)> = months
        .iter()
        .map(|(m, (_, p))| (m.clone(), *p as f64))
        .collect();
    let desc = month_rows
        .iter()
        .map(|(m, p)| format!("{m} {}", charts::num(*p)))
        .collect::<Vec<_>>()
        .join("；");
    let chart = charts::bar(
        "trainings-by-month",
        &l("chart_participants_by_month"),
        &desc,
        "",
        &month_rows,
    );
    let totals = json!({
        "sessions": data.trainings.len(),
        "participants": data.trainings.iter().map(|t| u64::from(t.participants)).sum::<u64>(),
        "hours": charts::num(data.trainings.iter().map(|t| t.hours).sum::<f64>()),
    });
    let months: Vec<Value> = months
        .into_iter()
        .map(|(m, (s, p))| json!({"month": m, "sessions": s, "participants": p}))
        .collect();
    ctx.insert("trainings", &data.trainings);
    ctx.insert("totals", &totals);
    ctx.insert("chart", &chart);
    ctx.insert("months", &months);
}

/// A language-neutral key for a status, so templates can pick an icon without comparing Chinese.
fn status_key(status: &str) -> &'static str {
    match status {
        "已完成" => "done",
        "进行中" => "active",
        _ => "planned",
    }
}

fn pairings(ctx: &mut tera::Context, site: &Site) {
    let (data, cases) = (&site.data, &site.cases);
    let person = |id: &str| json!({"id": id, "name": data.enterprise(id).map(|e| e.name.as_str()).unwrap_or(id)});
    let mut by_district: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    for p in &data.pairings {
        let citing: Vec<Value> = cases
            .list
            .iter()
            .filter(|&&i| match &site.docs[i].special {
                crate::content::kinds::Special::Case(m) => {
                    m.pairing.as_ref().is_some_and(|x| x.value == p.id)
                }
                _ => false,
            })
            .map(|&i| json!({"title": site.docs[i].title, "href": site.href(i)}))
            .collect();
        by_district.entry(&p.district.0).or_default().push(json!({
            "id": p.id, "lead": person(&p.lead.0), "partners": p.partners.iter().map(|x| person(&x.0)).collect::<Vec<_>>(),
            "mode": p.mode, "status": p.status, "status_key": status_key(&p.status), "status_label": p.status,
            "started": p.started, "goals": p.goals, "cases": citing,
        }));
    }
    let districts: Vec<Value> = by_district
        .into_iter()
        .map(|(name, pairings)| json!({"name": name, "pairings": pairings}))
        .collect();
    let partners: std::collections::BTreeSet<&str> = data
        .pairings
        .iter()
        .flat_map(|p| p.partners.iter().map(|x| x.0.as_str()))
        .collect();
    let leads: std::collections::BTreeSet<&str> =
        data.pairings.iter().map(|p| p.lead.0.as_str()).collect();
    ctx.insert("districts", &districts);
    ctx.insert(
        "totals",
        &json!({"pairings": data.pairings.len(), "leads": leads.len(), "partners": partners.len()}),
    );
}

fn progress_chart(
    data: &DataSet,
    as_of: Option<(i32, u32, u32)>,
    l: &dyn Fn(&str) -> String,
) -> String {
    let phases: Vec<charts::Phase> = data
        .milestones
        .iter()
        .filter_map(|m| {
            let (s, e) = (parse_date(&m.start)?, parse_date(&m.end)?);
            let class = match m.status.as_str() {
                "已完成" => "chart-phase-done",
                "进行中" => "chart-phase-active",
                _ => "chart-phase-planned",
            };
            Some(charts::Phase {
                label: m.phase.clone(),
                start: day_number(s),
                end: day_number(e),
                class,
                status: m.status.clone(),
            })
        })
        .collect();
    let (Some(first), Some(last)) = (
        phases.iter().map(|p| p.start).min(),
        phases.iter().map(|p| p.end).max(),
    ) else {
        return String::new();
    };
    let mut months = Vec::new();
    let (mut y, mut m, _) = civil(first);
    loop {
        let day = day_number((y, m, 1));
        if day > last {
            break;
        }
        if day >= first {
            months.push((day, format!("{m}月")));
        }
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    let desc = data
        .milestones
        .iter()
        .map(|m| format!("{} {}–{} {}", m.phase, m.start, m.end, m.status))
        .collect::<Vec<_>>()
        .join("；");
    let marker = as_of.map(|d| {
        let label = format!("{} {:02}-{:02}", l("chart_as_of"), d.1, d.2);
        (day_number(d), label)
    });
    charts::timeline(
        "progress-timeline",
        &l("data_progress_title"),
        &desc,
        &phases,
        &months,
        marker,
    )
}

fn enterprises(ctx: &mut tera::Context, data: &DataSet, l: &dyn Fn(&str) -> String) {
    let mut by: BTreeMap<&str, Vec<&crate::data::Enterprise>> = BTreeMap::new();
    for e in &data.enterprises {
        by.entry(&e.district).or_default().push(e);
    }
    let grades = ["A", "B", "C", "D"];
    let rows: Vec<(String, Vec<f64>)> = by
        .iter()
        .map(|(d, list)| {
            (
                d.to_string(),
                grades
                    .iter()
                    .map(|g| list.iter().filter(|e| e.risk_grade == *g).count() as f64)
                    .collect(),
            )
        })
        .collect();
    let series: Vec<(String, String)> = grades
        .iter()
        .enumerate()
        .map(|(i, g)| {
            (
                format!("{} {g}", l("risk_grade")),
                format!("chart-series-{}", i + 1),
            )
        })
        .collect();
    let desc = rows
        .iter()
        .map(|(d, v)| {
            format!(
                "{d}：{}",
                grades
                    .iter()
                    .zip(v)
                    .map(|(g, n)| format!("{g} {}", charts::num(*n)))
                    .collect::<Vec<_>>()
                    .join("，")
            )
        })
        .collect::<Vec<_>>()
        .join("；");
    let chart = charts::grouped_bar(
        "enterprises-by-grade",
        &l("data_enterprises_title"),
        &desc,
        "",
        &series,
        &rows,
    );
    let districts: Vec<Value> = by
        .into_iter()
        .map(|(name, mut list)| {
            list.sort_by(|a, b| a.risk_grade.cmp(&b.risk_grade).then_with(|| a.id.cmp(&b.id)));
            let g: Vec<Value> = grades.iter().map(|gr| json!({"grade": gr, "count": list.iter().filter(|e| e.risk_grade == *gr).count()})).collect();
            json!({"name": name, "count": list.len(), "grades": g, "enterprises": list})
        })
        .collect();
    ctx.insert("districts", &districts);
    ctx.insert("chart", &chart);
    ctx.insert(
        "totals",
        &json!({"enterprises": data.enterprises.len(), "districts": districts.len()}),
    );
}

#[cfg(test)]
mod tests {
    #[test]
    fn civil_dates_round_trip() {
        for d in [(1970, 1, 1), (2024, 2, 29), (2024, 12, 31), (2000, 3, 1)] {
            assert_eq!(super::civil(crate::data::day_number(d)), d);
        }
    }
}
