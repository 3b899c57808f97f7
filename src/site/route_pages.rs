//! Routes of the generated pages: quizzes, case taxonomies and feeds, data pages, editions and search.

use super::deps::{self, Dep};
use super::routes::{route, DataPage, Kind, Route};
use super::Site;
use crate::quiz::blueprint::Mode;

pub(super) fn add(site: &Site, list: &mut Vec<Route>) {
    quiz(site, list);
    cases(site, list);
    data(site, list);
    results(site, list);
    editions(site, list);
    search(site, list);
}

fn page(path: &str, kind: Kind, template: &str, deps: Vec<Dep>, origin: &str) -> Route {
    let mut r = route(format!("{path}index.html"), kind, Some(template), deps);
    r.origin = origin.to_string();
    r
}

fn quiz(site: &Site, list: &mut Vec<Route>) {
    let q = &site.quiz;
    if q.is_empty() {
        return;
    }
    let base = vec![Dep::Global, Dep::Quiz, Dep::Laws, Dep::Links];
    let origin = "a generated quiz page";
    for (b, bank) in q.banks.iter().enumerate() {
        let mut deps = base.clone();
        deps.extend(deps::ancestry(site, bank.doc));
        deps.push(Dep::Meta(bank.doc));
        let mut r = page(
            &bank.practice_path,
            Kind::BankPractice(b),
            "practice.html",
            deps,
            origin,
        );
        r.edition = bank.edition.clone();
        r.sitemap = bank.edition.is_none().then_some(None);
        list.push(r);
    }
    for (c, cat) in q.categories.iter().enumerate() {
        let mut r = page(
            &cat.url_path,
            Kind::Category(c),
            "practice.html",
            base.clone(),
            origin,
        );
        r.sitemap = Some(None);
        list.push(r);
    }
    for (e, exam) in q.exams.iter().enumerate() {
        let template = match exam.mode {
            Mode::Exam => "exam.html",
            Mode::Practice | Mode::Browse => "practice.html",
        };
        let mut r = page(
            &exam.url_path,
            Kind::Exam(e),
            template,
            base.clone(),
            origin,
        );
        r.edition = exam.edition.clone();
        r.sitemap = exam.edition.is_none().then_some(None);
        list.push(r);
        if exam.mode == Mode::Exam {
            let mut pool = route(
                format!("{}{}", exam.url_path, crate::quiz::POOL_FILE),
                Kind::ExamPool(e),
                None,
                base.clone(),
            );
            pool.origin = origin.to_string();
            pool.edition = exam.edition.clone();
            list.push(pool);
        }
    }
    list.push(page(
        crate::quiz::WRONG_PATH,
        Kind::Wrong,
        "wrong.html",
        base.clone(),
        origin,
    ));
    let mut hub = page(
        crate::quiz::HUB_PATH,
        Kind::QuizHub,
        "quiz.html",
        base,
        origin,
    );
    hub.sitemap = Some(None);
    list.push(hub);
}

fn cases(site: &Site, list: &mut Vec<Route>) {
    let cases = &site.cases;
    if cases.is_empty() {
        return;
    }
    let feed = |path: String, term: Option<(usize, usize)>| {
        let mut r = route(
            path,
            Kind::Feed(term),
            Some("atom.xml"),
            vec![Dep::Global, Dep::Cases],
        );
        r.origin = "a feed of the cases".into();
        r
    };
    list.push(feed("cases/atom.xml".into(), None));
    let mut deps = vec![Dep::Global, Dep::Cases, Dep::Links];
    let template = match cases.index_doc {
        Some(i) => {
            deps.extend(deps::ancestry(site, i));
            deps.push(Dep::Meta(i));
            site.templates[i].as_str()
        }
        None => "cases.html",
    };
    for (t, terms) in cases.terms.iter().enumerate() {
        if !terms.is_empty() {
            let mut r = page(
                &crate::cases::taxonomy_path(crate::cases::TAXONOMIES[t]),
                Kind::CaseTaxonomy(t),
                "taxonomy.html",
                deps.clone(),
                "a case taxonomy's list of terms",
            );
            r.sitemap = Some(None);
            list.push(r);
        }
        for (k, term) in terms.iter().enumerate() {
            list.push(feed(format!("{}atom.xml", term.url_path), Some((t, k))));
            let mut r = page(
                &term.url_path,
                Kind::CaseTerm(t, k),
                template,
                deps.clone(),
                "a case taxonomy page",
            );
            r.sitemap = Some(None);
            list.push(r);
        }
    }
}

fn data(site: &Site, list: &mut Vec<Route>) {
    for p in DataPage::ALL {
        let (path, file, template) = p.parts();
        if !site.data.has.contains(file) {
            continue;
        }
        let deps = vec![Dep::Global, Dep::Data, Dep::Cases, Dep::Links];
        let mut r = page(path, Kind::Data(p), template, deps, "a data page");
        r.sitemap = Some(None);
        r.search = Some(vec![("kind", "data".to_string())]);
        list.push(r);
    }
    if has_data_pages(site) {
        let deps = vec![Dep::Global, Dep::Data, Dep::Quiz, Dep::Links];
        let mut r = page(
            super::routes::DATA_INDEX_PATH,
            Kind::DataIndex,
            "data-index.html",
            deps,
            "the list of data pages",
        );
        r.sitemap = Some(None);
        list.push(r);
    }
}

/// Whether the site has a data or statistics page for `/data/` to list.
pub fn has_data_pages(site: &Site) -> bool {
    DataPage::ALL
        .iter()
        .any(|p| site.data.has.contains(p.parts().1))
        || !site.results.is_empty()
        || !site.duty.is_empty()
}

/// The statistics pages (when `data/results/` holds attempts) and the certificate check (when
/// site.toml has the organiser's public key).
fn results(site: &Site, list: &mut Vec<Route>) {
    let deps = vec![Dep::Global, Dep::Data, Dep::Quiz, Dep::Links];
    if !site.results.is_empty() {
        let path = crate::results::board::RESULTS_PATH;
        let mut r = page(
            path,
            Kind::Results(None),
            "results.html",
            deps.clone(),
            "the results statistics",
        );
        r.sitemap = Some(None);
        list.push(r);
        for (i, e) in site.results.exams.iter().enumerate() {
            let mut r = page(
                &e.url_path,
                Kind::Results(Some(i)),
                "results-exam.html",
                deps.clone(),
                "an exam's statistics",
            );
            r.sitemap = Some(None);
            r.search = Some(vec![("kind", "data".to_string())]);
            list.push(r);
        }
    }
    if !site.duty.is_empty() {
        let mut deps = vec![Dep::Global, Dep::Data, Dep::Links];
        deps.extend(site.checklists.list.iter().map(|c| Dep::Doc(c.doc)));
        let mut r = page(
            crate::checklists::tally::DUTY_PATH,
            Kind::Duty,
            "results-checks.html",
            deps,
            "the self-check statistics",
        );
        r.sitemap = Some(None);
        list.push(r);
    }
    if site.config.results.public_key.is_some() {
        list.push(page(
            crate::paths::VERIFY_PATH,
            Kind::Verify,
            "verify.html",
            vec![Dep::Global, Dep::Quiz],
            "the certificate check",
        ));
    }
}

fn editions(site: &Site, list: &mut Vec<Route>) {
    if site.editions.is_empty() {
        return;
    }
    let mut json = route(
        crate::paths::EDITIONS_JSON.to_string(),
        Kind::EditionsJson,
        None,
        vec![Dep::Global, Dep::Routes],
    );
    json.origin = "the editions list for the switcher".into();
    list.push(json);
    for name in &site.editions {
        list.push(page(
            &format!("editions/{name}/changes/"),
            Kind::Changes(name.clone()),
            "changes.html",
            vec![Dep::Global, Dep::Editions, Dep::Links],
            "an edition's changelog",
        ));
    }
    list.push(page(
        crate::paths::EDITIONS_PATH,
        Kind::Editions,
        "editions.html",
        vec![Dep::Global, Dep::Editions, Dep::Links],
        "the list of editions",
    ));
}

/// The search page of each edition, and the index bundle when search is on.
fn search(site: &Site, list: &mut Vec<Route>) {
    let mut names: Vec<Option<String>> = site
        .editions
        .iter()
        .filter(|n| **n != site.config.edition)
        .map(|n| Some(n.clone()))
        .collect();
    names.push(None);
    for name in names {
        let prefix = name
            .as_ref()
            .map(|n| format!("editions/{n}/"))
            .unwrap_or_default();
        let mut r = page(
            &format!("{prefix}{}", crate::paths::SEARCH_PATH),
            Kind::Search(name.clone()),
            "search.html",
            vec![Dep::Global],
            "the search page",
        );
        r.edition = name.clone();
        list.push(r);
        if site.options.search {
            let mut r = route(
                crate::search::folder(name.as_deref()),
                Kind::SearchIndex(name.clone()),
                None,
                vec![Dep::Global],
            );
            r.edition = name;
            r.origin = "the search index".into();
            list.push(r);
        }
    }
}
