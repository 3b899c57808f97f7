//! What a route depends on, and the fingerprints that tell when that changed.
//!
//! Each [`Route`](super::routes::Route) lists its [`Dep`]s; [`Fingerprints`] holds a hash of each
//! one for the current inputs. A route whose dependencies (and template) hash the same as before
//! renders the same bytes, which is how `serve` re-renders only what a change can have touched, and
//! how an archived edition's pages are served from the edition cache.
//!
//! The deps are deliberately coarse where precision would be fragile (any bank changes every quiz
//! page) and fine where it pays (a lesson's title changes the pages that show it, not the site).

use super::Site;
use crate::content::kinds::Role;
use crate::hash::Key;
use crate::load::Inputs;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dep {
    /// The configuration, build options, UI strings, the top navigation, the editions' names and
    /// which parts the site has: what every page shows.
    Global,
    /// Which pages and files exist and their addresses (Markdown links resolve against them).
    Links,
    /// The laws and their articles (citations link to them).
    Laws,
    Glossary,
    /// Every bank and exam blueprint.
    Quiz,
    /// Every case's front matter.
    Cases,
    /// Every data file.
    Data,
    /// What the course index shows of every course (its cards and audiences).
    Courses,
    /// The lessons and questions of every edition (the editions page and changelogs).
    Editions,
    /// The route table's addresses and dates (the sitemap, `editions.json`).
    Routes,
    /// One document's whole source.
    Doc(usize),
    /// One document's front matter and address: what lists, breadcrumbs and neighbours show.
    Meta(usize),
    /// What a lesson's page shows of its course (its number, the course's title), by doc.
    LessonView(usize),
    /// What a course's page shows (its syllabus, prerequisites), by index in `site.courses.list`.
    CourseView(usize),
    Asset(usize),
    /// A theme static file, by its position in `site.statics`.
    ThemeStatic(usize),
    /// Known only once the documents are rendered: which pages cite a law (its page lists them).
    CitedBy(usize),
    /// Known only once the documents are rendered: which pages use each glossary term.
    Terms,
}

impl Dep {
    /// Whether the fingerprint is known only after the documents are rendered.
    pub fn after_docs(self) -> bool {
        matches!(self, Dep::CitedBy(_) | Dep::Terms)
    }
}

#[derive(Debug, Default, Clone)]
pub struct Fingerprints {
    pub doc: Vec<u64>,
    pub meta: Vec<u64>,
    /// The body of each document (lessons only; 0 for others).
    pub body: Vec<u64>,
    /// Whether each document's body may call a shortcode.
    pub shortcodes: Vec<bool>,
    pub lesson_views: std::collections::HashMap<usize, u64>,
    pub course_views: Vec<u64>,
    pub asset: Vec<u64>,
    pub statics: Vec<u64>,
    pub global: u64,
    /// The configuration, build options and UI strings (what the Markdown passes read).
    pub settings: u64,
    pub links: u64,
    pub laws: u64,
    pub glossary: u64,
    pub quiz: u64,
    pub cases: u64,
    pub data: u64,
    pub courses: u64,
    pub editions: u64,
    pub routes: u64,
}

impl Fingerprints {
    pub fn compute(site: &Site, inputs: &Inputs) -> Fingerprints {
        let doc: Vec<u64> = site
            .docs
            .iter()
            .map(|d| Key::default().str(&d.rel).str(&d.source).finish())
            .collect();
        let meta: Vec<u64> = site
            .docs
            .iter()
            .map(|d| {
                Key::default()
                    .str(&d.rel)
                    .str(&d.url_path)
                    .str(&d.source[..d.body_offset])
                    .finish()
            })
            .collect();
        let over = |pick: &dyn Fn(usize) -> bool, of: &[u64]| {
            let mut k = Key::default();
            for (i, h) in of.iter().enumerate().filter(|(i, _)| pick(*i)) {
                k.u64(i as u64).u64(*h);
            }
            k.finish()
        };
        let role = |i: usize| site.docs[i].role;
        let settings = settings(site);
        let mut f = Fingerprints {
            global: global(site, settings),
            settings,
            links: links(site, inputs),
            laws: over(&|i| role(i) == Role::Law, &doc),
            glossary: files(inputs, |rel| rel == "glossary.toml"),
            quiz: over(&|i| role(i) == Role::Bank, &doc) ^ blueprints(inputs).rotate_left(1),
            cases: over(&|i| role(i) == Role::Case, &meta),
            data: files(inputs, |_| true),
            courses: Key::default()
                .str(&serde_json::to_string(&site.courses.cards).unwrap_or_default())
                .str(&format!("{:?}", site.courses.audiences))
                .finish(),
            asset: site
                .assets
                .iter()
                .map(|a| Key::default().str(&a.rel).bytes(&a.bytes).finish())
                .collect(),
            statics: site
                .statics
                .iter()
                .map(|(rel, b)| Key::default().str(rel).bytes(b).finish())
                .collect(),
            ..Fingerprints::default()
        };
        f.doc = doc;
        f.shortcodes = site.docs.iter().map(uses_shortcodes).collect();
        f.body = site
            .docs
            .iter()
            .map(|d| {
                if d.role == Role::Lesson {
                    crate::hash::key(d.body())
                } else {
                    0
                }
            })
            .collect();
        let json = |v: &dyn erased::Ser| Key::default().str(&v.json()).finish();
        f.lesson_views = site
            .courses
            .lesson_view
            .iter()
            .map(|(&i, v)| (i, json(v.as_ref())))
            .collect();
        f.course_views = site.courses.list.iter().map(|v| json(v.as_ref())).collect();
        f.routes = routes(site);
        f.meta = meta;
        f.editions = editions(site, &f);
        f
    }

    /// The fingerprint of `dep`; `later` answers the deps known only after the documents render.
    pub fn of(&self, dep: Dep, later: &dyn Fn(Dep) -> u64) -> u64 {
        match dep {
            Dep::Global => self.global,
            Dep::Links => self.links,
            Dep::Laws => self.laws,
            Dep::Glossary => self.glossary,
            Dep::Quiz => self.quiz,
            Dep::Cases => self.cases,
            Dep::Data => self.data,
            Dep::Courses => self.courses,
            Dep::Editions => self.editions,
            Dep::Routes => self.routes,
            Dep::Doc(i) => self.doc[i],
            Dep::Meta(i) => self.meta[i],
            Dep::LessonView(i) => self.lesson_views.get(&i).copied().unwrap_or(0),
            Dep::CourseView(c) => self.course_views.get(c).copied().unwrap_or(0),
            Dep::Asset(i) => self.asset[i],
            Dep::ThemeStatic(i) => self.statics[i],
            Dep::CitedBy(_) | Dep::Terms => later(dep),
        }
    }
}

fn settings(site: &Site) -> u64 {
    Key::default()
        .str(env!("CARGO_PKG_VERSION"))
        .str(&format!("{:?}", site.options))
        .str(&format!("{:?}", site.config))
        .str(&site.locale.to_string())
        .finish()
}

/// Everything every page can show.
fn global(site: &Site, settings: u64) -> u64 {
    let mut k = Key::default();
    k.u64(settings);
    for (item, _) in &site.tree.nav {
        k.str(&item.title).str(&item.href);
    }
    for name in &site.editions {
        k.str(name);
    }
    k.u64(u64::from(site.quiz.is_empty()))
        .u64(u64::from(site.glossary.is_some()));
    k.finish()
}

/// Which documents and files exist (drafts too: a link to a draft is an error) and their addresses.
fn links(site: &Site, inputs: &Inputs) -> u64 {
    let mut k = Key::default();
    for f in &inputs.markdown {
        k.str(&f.rel);
    }
    for d in &site.docs {
        k.str(&d.rel).str(&d.url_path);
    }
    for a in &site.assets {
        k.str(&a.rel);
    }
    k.finish()
}

fn files(inputs: &Inputs, pick: impl Fn(&str) -> bool) -> u64 {
    let mut k = Key::default();
    for f in inputs.data.iter().filter(|f| pick(&f.rel)) {
        k.str(&f.rel).str(&f.text);
    }
    k.finish()
}

fn blueprints(inputs: &Inputs) -> u64 {
    let mut k = Key::default();
    for f in &inputs.blueprints {
        k.str(&f.rel).str(&f.text);
    }
    k.finish()
}

/// What the editions page and the changelogs show: every lesson's front matter and address, and
/// the body of a lesson only where an adjacent edition has the same lesson (it is then "changed" or
/// not); and the questions. So editing a lesson that no other edition has changes no changelog.
pub fn editions(site: &Site, f: &Fingerprints) -> u64 {
    let names = &site.editions;
    let edition_of = |i: usize| {
        let d = &site.docs[i];
        let name = d.edition.as_deref().unwrap_or(&site.config.edition);
        names.iter().position(|n| n == name)
    };
    let lessons: Vec<usize> = (0..site.docs.len())
        .filter(|&i| site.docs[i].role == Role::Lesson)
        .collect();
    let by: std::collections::HashSet<(usize, &str)> = lessons
        .iter()
        .filter_map(|&i| edition_of(i).map(|e| (e, site.docs[i].base_rel.as_str())))
        .collect();
    let mut k = Key::default();
    for &i in &lessons {
        k.u64(i as u64).u64(f.meta[i]);
        let Some(e) = edition_of(i) else { continue };
        let rel = site.docs[i].base_rel.as_str();
        let compared = (e > 0 && by.contains(&(e - 1, rel))) || by.contains(&(e + 1, rel));
        if compared {
            k.u64(f.body[i]);
        }
    }
    k.finish() ^ f.quiz.rotate_left(7)
}

/// Serialising views for their fingerprints.
mod erased {
    pub trait Ser {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Ser for T {
        fn json(&self) -> String {
            serde_json::to_string(self).unwrap_or_default()
        }
    }
}

fn routes(site: &Site) -> u64 {
    let mut k = Key::default();
    for r in site.routes.iter() {
        k.str(&r.path);
        if let Some(d) = &r.sitemap {
            k.str(d.as_deref().unwrap_or("-"));
        }
    }
    k.finish()
}

/// The deps of a page that sits under the document `i` in the tree: its breadcrumbs and the
/// navigation marks.
pub fn ancestry(site: &Site, i: usize) -> Vec<Dep> {
    site.tree.ancestors(i).into_iter().map(Dep::Meta).collect()
}

/// The deps of a document's own page: its source, its place in the tree, what its Markdown reads.
pub fn of_doc(site: &Site, i: usize) -> Vec<Dep> {
    let d = &site.docs[i];
    let mut deps = vec![
        Dep::Global,
        Dep::Doc(i),
        Dep::Links,
        Dep::Laws,
        Dep::Glossary,
    ];
    deps.extend(ancestry(site, i));
    let (prev, next) = site.tree.neighbours(i);
    deps.extend(prev.into_iter().chain(next).map(Dep::Meta));
    for list in [&site.tree.section_page_ids, &site.tree.section_sub_ids] {
        if let Some(ids) = list.get(&i) {
            deps.extend(ids.iter().map(|&c| Dep::Meta(c)));
        }
    }
    match d.role {
        Role::Course | Role::Lesson => deps.extend(course_deps(site, i)),
        Role::Bank => deps.push(Dep::Quiz),
        Role::Checklist => {
            // A weekly or monthly form shows the items of the form it gathers; a form links to
            // the 履职率 page when data/checks/ has records.
            deps.push(Dep::Data);
            if let Some(&c) = site.checklists.of_doc.get(&i) {
                if let Some(g) = site.checklists.list[c].gathers {
                    deps.push(Dep::Doc(site.checklists.list[g].doc));
                }
            }
        }
        Role::Case => deps.extend([Dep::Cases, Dep::Data]),
        _ => {}
    }
    if let Some(l) = site.laws.laws.iter().position(|l| l.doc == i) {
        deps.push(Dep::CitedBy(l));
    }
    if site.cases.index_doc == Some(i) {
        deps.push(Dep::Cases);
    }
    if site.courses.index_doc == Some(i) {
        deps.push(Dep::Courses);
    }
    if site
        .fingerprints
        .shortcodes
        .get(i)
        .copied()
        .unwrap_or_else(|| uses_shortcodes(d))
    {
        deps.push(Dep::Quiz);
    }
    deps
}

/// What a course's or a lesson's page shows of its course: the titles, order and durations of the
/// course's lessons, and the titles of the courses (prerequisites link to them).
fn course_deps(site: &Site, i: usize) -> Vec<Dep> {
    let c = &site.courses;
    match c.by_doc.get(&i) {
        Some(&n) => vec![Dep::CourseView(n)],
        None => vec![Dep::LessonView(i)],
    }
}

/// Whether a document's body may call a shortcode.
pub fn uses_shortcodes(d: &crate::content::Doc) -> bool {
    d.body().contains("{{")
}
