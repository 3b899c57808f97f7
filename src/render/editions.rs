//! Editions in the output (docs/editions-theme-contract.md): the `edition` context of every page,
//! `editions.json` (the one file that changes when an edition is added, so old pages never need
//! re-rendering), the page listing the editions, each edition's changelog against the previous one,
//! and each edition's search page.

use super::context::{editioned, Job, Made};
use super::views::generated_page;
use crate::content::kinds::Role;
use crate::paths::{split_edition, EDITIONS_PATH};
use crate::quiz::QuizSet;
use crate::site::Site;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

fn prefix(site: &Site, name: &str) -> String {
    if name == site.config.edition {
        String::new()
    } else {
        format!("editions/{name}/")
    }
}

fn edition_of(site: &Site, d: Option<&str>) -> String {
    d.map(str::to_string)
        .unwrap_or_else(|| site.config.edition.clone())
}

/// Lessons of an edition: path inside the edition -> (doc, hash of the body).
fn lessons(site: &Site, name: &str) -> BTreeMap<String, (usize, u64)> {
    site.docs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.role == Role::Lesson && edition_of(site, d.edition.as_deref()) == name)
        .map(|(i, d)| (d.base_rel.clone(), (i, crate::hash::key(d.body()))))
        .collect()
}

/// Questions of an edition: id -> (question index, hash of the question).
fn questions(site: &Site, quiz: &QuizSet, name: &str) -> BTreeMap<String, (usize, u64)> {
    quiz.questions
        .iter()
        .enumerate()
        .filter(|(_, q)| edition_of(site, quiz.banks[q.bank].edition.as_deref()) == name)
        .map(|(i, q)| (q.id.clone(), (i, crate::hash::key(&q.hash))))
        .collect()
}

type Items = BTreeMap<String, (usize, u64)>;

/// Added, changed and removed items between two editions.
fn diff(new: &Items, old: &Items, item: &dyn Fn(Option<usize>, Option<usize>) -> Value) -> Value {
    let added: Vec<Value> = new
        .iter()
        .filter(|(k, _)| !old.contains_key(*k))
        .map(|(_, v)| item(Some(v.0), None))
        .collect();
    let removed: Vec<Value> = old
        .iter()
        .filter(|(k, _)| !new.contains_key(*k))
        .map(|(_, v)| item(None, Some(v.0)))
        .collect();
    let changed: Vec<Value> = new
        .iter()
        .filter_map(|(k, v)| {
            old.get(k)
                .filter(|o| o.1 != v.1)
                .map(|o| item(Some(v.0), Some(o.0)))
        })
        .collect();
    json!({"added": added, "changed": changed, "removed": removed})
}

/// `editions.json`: every edition with the editioned pages it has, read off the route table.
pub fn json(job: &Job<'_>) -> Made {
    let site = job.site;
    let mut list = Vec::new();
    for name in &site.editions {
        let pre = prefix(site, name);
        let mut paths: Vec<String> = site
            .routes
            .iter()
            .filter(|r| r.path.ends_with("index.html"))
            .filter_map(|r| {
                let (e, inner) = split_edition(r.url_path());
                let mine = match e {
                    Some(e) => e == name && *name != site.config.edition,
                    None => *name == site.config.edition,
                };
                (mine && editioned(inner)).then(|| site.links.href_for(inner))
            })
            .collect();
        paths.sort();
        paths.dedup();
        let home_inner = if paths.iter().any(|p| p.starts_with("courses/")) {
            "courses/"
        } else {
            ""
        };
        list.push(json!({
            "name": name,
            "prefix": pre,
            "home": site.links.href_for(&format!("{pre}{home_inner}")),
            "changes": site.links.href_for(&format!("editions/{name}/changes/")),
            "paths": paths,
        }));
    }
    let doc = json!({ "current": site.config.edition, "editions": list });
    let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    Made::Bytes(Arc::from(text.into_bytes()))
}

/// Where an edition starts: its course list, else its home page, else its changes.
fn edition_home(site: &crate::site::Site, name: &str, pre: &str) -> String {
    let courses = format!("{pre}courses/");
    if site.routes.has(&format!("{courses}index.html")) {
        courses
    } else if site.routes.has(&format!("{pre}index.html")) {
        pre.to_string()
    } else {
        format!("editions/{name}/changes/")
    }
}

/// The list of editions, with what each holds.
pub fn index(job: &Job<'_>) -> Made {
    let site = job.site;
    let rows: Vec<Value> = site
        .editions
        .iter()
        .map(|name| {
            let pre = prefix(site, name);
            json!({
                "name": name,
                "current": *name == site.config.edition,
                "home_href": site.links.href_for(&edition_home(site, name, &pre)),
                "changes_href": site.links.href_for(&format!("editions/{name}/changes/")),
                "lessons": lessons(site, name).len(),
                "questions": questions(site, &site.quiz, name).len(),
            })
        })
        .collect();
    let (mut ctx, _) = job.page_context(EDITIONS_PATH, None);
    ctx.insert("editions", &rows);
    Made::Page("editions.html".into(), ctx)
}

/// The changelog of edition `name` against the one before it.
pub fn changes(job: &Job<'_>, name: &str) -> Made {
    let site = job.site;
    let quiz = &site.quiz;
    let k = site.editions.iter().position(|n| n == name).unwrap_or(0);
    let previous = k.checked_sub(1).map(|p| site.editions[p].clone());
    let (les, qs) = (lessons(site, name), questions(site, quiz, name));
    let (old_les, old_qs) = match &previous {
        Some(p) => (lessons(site, p), questions(site, quiz, p)),
        None => Default::default(),
    };
    let lesson_item = |i: Option<usize>, j: Option<usize>| {
        let d = i.or(j).map(|x| &site.docs[x]);
        json!({
            "title": d.map(|d| d.title.clone()).unwrap_or_default(),
            "href": i.map(|x| site.href(x)).unwrap_or_default(),
            "previous_href": j.map(|x| site.href(x)).unwrap_or_default(),
        })
    };
    let question_item = |i: Option<usize>, j: Option<usize>| {
        let q = i.or(j).map(|x| &quiz.questions[x]);
        let bank_href = |x: usize| {
            let b = &quiz.banks[quiz.questions[x].bank];
            format!("{}#q-{}", b.href, quiz.questions[x].id)
        };
        json!({
            "title": q.map(|q| q.id.clone()).unwrap_or_default(),
            "href": i.map(bank_href).unwrap_or_default(),
            "previous_href": j.map(bank_href).unwrap_or_default(),
        })
    };
    let changes = json!({
        "name": name,
        "previous": previous.clone().unwrap_or_default(),
        "lessons": diff(&les, &old_les, &lesson_item),
        "questions": diff(&qs, &old_qs, &question_item),
    });
    let path = format!("editions/{name}/changes/");
    let (mut ctx, _) = job.page_context(&path, None);
    ctx.insert("changes", &changes);
    Made::Page("changes.html".into(), ctx)
}

/// The search page of an edition (`None`: the current one), reading that edition's index.
pub fn search(job: &Job<'_>, edition: Option<&str>) -> Made {
    let site = job.site;
    let pre = edition
        .map(|n| format!("editions/{n}/"))
        .unwrap_or_default();
    let path = format!("{pre}{}", crate::paths::SEARCH_PATH);
    let (mut ctx, _) = job.page_context(&path, None);
    let href = site.links.href_for(&path);
    ctx.insert(
        "search",
        &json!({"href": href, "index_href": crate::search::folder(edition)}),
    );
    let title = job.label("search_title");
    ctx.insert("page", &generated_page(&title, &href));
    Made::Page("search.html".into(), ctx)
}
