//! Editions in the output (docs/editions-theme-contract.md): the `edition` context of every page,
//! `editions.json` (the one file that changes when an edition is added, so old pages never need
//! re-rendering), the page listing the editions, and each edition's changelog against the previous one.

use super::composite::Composite;
use crate::content::kinds::Role;
use crate::diag::Diagnostics;
use crate::quiz::QuizSet;
use crate::site::Site;
use crate::source::split_edition;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

pub const EDITIONS_PATH: &str = "editions/";
pub const JSON_PATH: &str = "editions.json";

/// Whether a path inside an edition belongs to the editioned part of the site.
fn editioned(inner: &str) -> bool {
    ["courses/", "banks/", "exams/"]
        .iter()
        .any(|p| inner.starts_with(p))
}

/// The `edition` context of the page at `url_path`.
pub fn view(site: &Site, url_path: &str) -> Value {
    let (edition, inner) = split_edition(url_path);
    let ed = editioned(inner);
    let current = &site.config.edition;
    json!({
        "name": edition.map(str::to_string).unwrap_or_else(|| if ed { current.clone() } else { String::new() }),
        "current": current,
        "archived": edition.is_some(),
        "editioned": ed,
        "path": inner,
        "current_href": site.links.href_for(inner),
        "json_href": JSON_PATH,
        "index_href": site.links.href_for(EDITIONS_PATH),
    })
}

/// The canonical URL of the page at `url_path`: the current edition's page for an archived one.
pub fn canonical(site: &Site, url_path: &str) -> String {
    format!("{}{}", site.config.base_url(), split_edition(url_path).1)
}

/// Every edition's name, oldest first, the current one last.
pub fn names(site: &Site) -> Vec<String> {
    let archived: BTreeSet<&str> = site
        .docs
        .iter()
        .filter_map(|d| d.edition.as_deref())
        .collect();
    let mut v: Vec<String> = archived
        .into_iter()
        .filter(|n| *n != site.config.edition)
        .map(str::to_string)
        .collect();
    v.push(site.config.edition.clone());
    v
}

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

/// Lessons of an edition: path inside the edition -> (doc, content hash).
fn lessons(site: &Site, name: &str) -> BTreeMap<String, (usize, String)> {
    site.docs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.role == Role::Lesson && edition_of(site, d.edition.as_deref()) == name)
        .map(|(i, d)| (d.base_rel.clone(), (i, crate::hash::hex(d.body()))))
        .collect()
}

/// Questions of an edition: id -> (question index, content hash).
fn questions(site: &Site, quiz: &QuizSet, name: &str) -> BTreeMap<String, (usize, String)> {
    quiz.questions
        .iter()
        .enumerate()
        .filter(|(_, q)| edition_of(site, quiz.banks[q.bank].edition.as_deref()) == name)
        .map(|(i, q)| (q.id.clone(), (i, q.hash.clone())))
        .collect()
}

impl Composite<'_> {
    /// `editions.json`, the editions page and every changelog. Returns the pages written.
    pub fn edition_pages(
        &self,
        quiz: &QuizSet,
        generated: &[String],
        diags: &mut Diagnostics,
    ) -> usize {
        let site = self.site;
        if site.config.edition.is_empty() {
            return 0;
        }
        let names = names(site);
        let all_paths: Vec<&str> = site
            .docs
            .iter()
            .map(|d| d.url_path.as_str())
            .chain(generated.iter().map(String::as_str))
            .collect();
        let mut list = Vec::new();
        for name in &names {
            let pre = prefix(site, name);
            let mut paths: Vec<String> = all_paths
                .iter()
                .filter_map(|p| {
                    let (e, inner) = split_edition(p);
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
        if let Err(e) = self.sink.write(JSON_PATH, text.as_bytes()) {
            diags.push(crate::diag::Diagnostic::error(
                "E-WRITE",
                format!("cannot write {JSON_PATH}: {e}"),
            ));
        }

        let mut n = 0;
        let mut rows = Vec::new();
        for (k, name) in names.iter().enumerate() {
            let pre = prefix(site, name);
            let les = lessons(site, name);
            let qs = questions(site, quiz, name);
            rows.push(json!({
                "name": name,
                "current": *name == site.config.edition,
                "home_href": site.links.href_for(&format!("{pre}courses/")),
                "changes_href": site.links.href_for(&format!("editions/{name}/changes/")),
                "lessons": les.len(),
                "questions": qs.len(),
            }));
            let previous = k.checked_sub(1).map(|p| names[p].clone());
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
                    format!("{}#{}", b.href, quiz.questions[x].id)
                };
                json!({
                    "title": q.map(|q| q.id.clone()).unwrap_or_default(),
                    "href": i.map(bank_href).unwrap_or_default(),
                    "previous_href": j.map(bank_href).unwrap_or_default(),
                })
            };
            let diff =
                |new: &BTreeMap<String, (usize, String)>,
                 old: &BTreeMap<String, (usize, String)>,
                 item: &dyn Fn(Option<usize>, Option<usize>) -> Value| {
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
                };
            let changes = json!({
                "name": name,
                "previous": previous.clone().unwrap_or_default(),
                "lessons": diff(&les, &old_les, &lesson_item),
                "questions": diff(&qs, &old_qs, &question_item),
            });
            let path = format!("editions/{name}/changes/");
            let (mut ctx, _) = self.context(&path, None);
            ctx.insert("changes", &changes);
            n += self.emit("changes.html", &ctx, &path, diags);
        }
        let (mut ctx, _) = self.context(EDITIONS_PATH, None);
        ctx.insert("editions", &rows);
        n += self.emit("editions.html", &ctx, EDITIONS_PATH, diags);
        n
    }

    /// The search page of the current edition and one per archived edition, each reading its index.
    pub fn search_pages(&self, diags: &mut Diagnostics) -> usize {
        let site = self.site;
        let mut n = 0;
        for name in names(site) {
            let archived = name != site.config.edition;
            let pre = if archived {
                format!("editions/{name}/")
            } else {
                String::new()
            };
            let path = format!("{pre}{}", super::SEARCH_PATH);
            let (mut ctx, _) = self.context(&path, None);
            ctx.insert(
                "search",
                &json!({"href": site.links.href_for(&path), "index_href": format!("{pre}pagefind/")}),
            );
            let title = ctx
                .get("t")
                .and_then(|t| t.get("search_title"))
                .and_then(Value::as_str)
                .unwrap_or("Search")
                .to_string();
            let no_toc: Vec<crate::markdown::headings::TocEntry> = Vec::new();
            let extra = toml::Table::new();
            let href = site.links.href_for(&path);
            ctx.insert(
                "page",
                &super::views::PageView {
                    title: &title,
                    description: "",
                    href: &href,
                    content: "",
                    toc: &no_toc,
                    date: "",
                    updated: "",
                    extra: &extra,
                    reading_minutes: 1,
                },
            );
            n += self.emit("search.html", &ctx, &path, diags);
        }
        n
    }
}
