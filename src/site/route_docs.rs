//! Routes made from the documents and files: each document's page, each course's print page and
//! audience filters, the glossary, redirects, copied files and the site-wide files (404, sitemap,
//! robots.txt).

use super::deps::{self, Dep};
use super::routes::{route, Kind, Phase, Route};
use super::Site;
use crate::content::kinds::Role;
use crate::paths::GLOSSARY_PATH;

pub(super) fn add(site: &Site, list: &mut Vec<Route>) {
    docs(site, list);
    courses(site, list);
    if site.glossary.is_some() {
        let mut r = route(
            format!("{GLOSSARY_PATH}index.html"),
            Kind::Glossary,
            Some("glossary.html"),
            vec![Dep::Global, Dep::Glossary, Dep::Terms],
        );
        r.sitemap = Some(None);
        r.origin = "the glossary page (from data/glossary.toml)".into();
        list.push(r);
    }
    for (file, target) in &site.aliases {
        let mut r = route(
            file.clone(),
            Kind::Alias(target.clone()),
            Some("redirect.html"),
            vec![Dep::Global, Dep::Links],
        );
        r.origin = format!("a redirect to /{target}");
        list.push(r);
    }
    files(site, list);
}

fn docs(site: &Site, list: &mut Vec<Route>) {
    for (i, d) in site.docs.iter().enumerate() {
        let mut r = route(
            format!("{}index.html", d.url_path),
            Kind::Doc(i),
            Some(&site.templates[i]),
            deps::of_doc(site, i),
        );
        r.shortcodes = deps::uses_shortcodes(d);
        r.edition = d.edition.clone();
        r.phase = if d.role == Role::Law {
            Phase::Laws
        } else {
            Phase::Docs
        };
        if d.edition.is_none() {
            r.sitemap = Some(d.updated.clone().or_else(|| d.date.clone()));
        }
        r.search = Some(super::routes::search_filters(site, i));
        r.origin = d.display.clone();
        list.push(r);
    }
}

fn courses(site: &Site, list: &mut Vec<Route>) {
    let c = &site.courses;
    for (n, &course) in c.docs.iter().enumerate() {
        let mut deps = vec![
            Dep::Global,
            Dep::Doc(course),
            Dep::Links,
            Dep::Laws,
            Dep::Glossary,
        ];
        deps.extend(deps::ancestry(site, course));
        deps.push(Dep::CourseView(n));
        let lessons = &c.lessons[n];
        deps.extend(lessons.iter().map(|&l| Dep::Doc(l)));
        let mut r = route(
            format!(
                "{}index.html",
                crate::courses::print_path(&site.docs[course].url_path)
            ),
            Kind::Print(n),
            Some("print.html"),
            deps,
        );
        r.shortcodes = lessons
            .iter()
            .any(|&l| deps::uses_shortcodes(&site.docs[l]));
        if r.shortcodes {
            r.deps.push(Dep::Quiz);
        }
        r.edition = site.docs[course].edition.clone();
        r.origin = "the print page of a course".into();
        list.push(r);
    }
    let Some(index) = c.index_doc else { return };
    for (a, audience) in c.audiences.iter().enumerate() {
        let mut deps = deps::of_doc(site, index);
        deps.retain(|d| !matches!(d, Dep::CitedBy(_)));
        let mut r = route(
            format!("{}index.html", audience.url_path),
            Kind::Audience(a),
            Some(&site.templates[index]),
            deps,
        );
        r.shortcodes = deps::uses_shortcodes(&site.docs[index]);
        r.sitemap = Some(None);
        r.origin = "the course index for one audience".into();
        list.push(r);
    }
}

/// Copied files and the site-wide files.
fn files(site: &Site, list: &mut Vec<Route>) {
    for (i, a) in site.assets.iter().enumerate() {
        let mut r = route(a.rel.clone(), Kind::Asset(i), None, vec![Dep::Asset(i)]);
        r.origin = a.display.clone();
        if let Some(e) = crate::paths::split_edition(&a.rel).0 {
            r.edition = Some(e.to_string());
        }
        list.push(r);
    }
    for (i, rel) in site.statics.keys().enumerate() {
        let mut r = route(
            rel.clone(),
            Kind::ThemeStatic(rel.clone()),
            None,
            vec![Dep::ThemeStatic(i)],
        );
        r.origin = format!("the theme's static/{rel}");
        list.push(r);
    }
    let site_file = |path: &str, kind: Kind, template: &str, deps: Vec<Dep>, origin: &str| {
        let mut r = route(path.to_string(), kind, Some(template), deps);
        r.origin = origin.to_string();
        r
    };
    list.push(site_file(
        "404.html",
        Kind::NotFound,
        "404.html",
        vec![Dep::Global],
        "the 404 page",
    ));
    list.push(site_file(
        "sitemap.xml",
        Kind::Sitemap,
        "sitemap.xml",
        vec![Dep::Global, Dep::Routes],
        "the sitemap",
    ));
    list.push(site_file(
        "robots.txt",
        Kind::Robots,
        "robots.txt",
        vec![Dep::Global],
        "robots.txt",
    ));
}
