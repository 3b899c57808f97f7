//! Courses: a course is `courses/<id>/_index.md`, its lessons the Markdown files beside it (ordered by
//! weight, then title). Assembled once into shared, read-only views: the syllabus a course page shows,
//! the cards of the course index, and what a lesson page needs to know about its course.

use crate::content::kinds::{CourseMeta, Special};
use crate::content::{Doc, Located};
use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::links::LinkIndex;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

#[derive(Debug, Clone, Serialize)]
pub struct LessonItem {
    pub title: String,
    pub href: String,
    pub slug: String,
    pub duration_minutes: u32,
    pub objectives: Vec<String>,
    pub number: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub href: String,
}

/// What a course page (and its print page) shows.
#[derive(Debug, Clone, Serialize)]
pub struct CourseView {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub href: String,
    pub audience: Vec<String>,
    pub duration_minutes: u32,
    pub total_minutes: u32,
    pub objectives: Vec<String>,
    pub prerequisites: Vec<Link>,
    pub lessons: Vec<LessonItem>,
    pub print_href: String,
}

/// A course on the course index.
#[derive(Debug, Clone, Serialize)]
pub struct CourseCard {
    pub title: String,
    pub summary: String,
    pub href: String,
    pub audience: Vec<String>,
    pub duration_minutes: u32,
    pub lesson_count: usize,
}

/// What a lesson page knows about its place in the course.
#[derive(Debug, Clone, Serialize)]
pub struct LessonView {
    pub slug: String,
    pub number: usize,
    pub count: usize,
    pub duration_minutes: u32,
    pub objectives: Vec<String>,
    pub course: CourseRef,
}

#[derive(Debug, Clone, Serialize)]
pub struct CourseRef {
    pub id: String,
    pub title: String,
    pub href: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AudienceLink {
    pub name: String,
    /// Output folder of the audience's filtered index, root-less.
    #[serde(skip)]
    pub url_path: String,
    pub href: String,
    pub count: usize,
}

#[derive(Debug, Default)]
pub struct Courses {
    /// Course views in index order (weight, then title).
    pub list: Vec<Arc<CourseView>>,
    /// Doc index of each course, parallel to `list`.
    pub docs: Vec<usize>,
    /// Doc index of each course's lessons, parallel to `list`.
    pub lessons: Vec<Vec<usize>>,
    pub by_doc: HashMap<usize, usize>,
    pub lesson_view: HashMap<usize, Arc<LessonView>>,
    pub cards: Vec<CourseCard>,
    pub audiences: Vec<AudienceLink>,
    /// Doc index of `courses/_index.md`, if any.
    pub index_doc: Option<usize>,
}

/// The output folder of a course's print page.
pub fn print_path(course_url: &str) -> String {
    format!("{course_url}print/")
}

/// The output folder of the course index filtered to one audience. Audience names are Chinese and
/// URLs must be ASCII, so the folder is a stable hash of the name.
pub fn audience_path(name: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in name.as_bytes() {
        h ^= u32::from(*b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("courses/audience/{h:08x}/")
}

pub fn assemble(
    docs: &[Doc],
    tree: &crate::tree::Tree,
    links: &LinkIndex,
    diags: &mut Diagnostics,
) -> Courses {
    let section_page_ids = &tree.section_page_ids;
    let section_order = &tree.sections;
    let mut out = Courses {
        index_doc: docs
            .iter()
            .position(|d| d.base_rel == "courses/_index.md" && d.edition.is_none()),
        ..Courses::default()
    };
    let href = |i: usize| links.href_for(&docs[i].url_path);
    let course_docs: Vec<usize> = section_order
        .iter()
        .copied()
        .filter(|&i| matches!(docs[i].special, Special::Course(_)))
        .collect();
    let by_id: HashMap<String, usize> = course_docs
        .iter()
        .map(|&i| (course_id(&docs[i]), i))
        .collect();

    for &ci in &course_docs {
        let Special::Course(meta) = &docs[ci].special else {
            continue;
        };
        let lesson_ids: Vec<usize> = section_page_ids
            .get(&ci)
            .map(|ids| {
                ids.iter()
                    .copied()
                    .filter(|&l| matches!(docs[l].special, Special::Lesson(_)))
                    .collect()
            })
            .unwrap_or_default();
        let lessons = lesson_items(docs, &lesson_ids, &href);
        let prerequisites = prerequisite_links(docs, ci, meta, &by_id, &href, diags);
        let view = Arc::new(course_view(docs, ci, meta, lessons, prerequisites, links));
        record_course(&mut out, docs, ci, view, lesson_ids);
    }

    out.audiences = audience_links(docs, &out, links);
    out
}

/// The syllabus entries of a course's lessons, numbered from 1.
fn lesson_items(
    docs: &[Doc],
    lesson_ids: &[usize],
    href: &impl Fn(usize) -> String,
) -> Vec<LessonItem> {
    lesson_ids
        .iter()
        .enumerate()
        .map(|(n, &l)| {
            let (minutes, objectives) = match &docs[l].special {
                Special::Lesson(m) => (m.duration_minutes.unwrap_or(0), m.objectives.clone()),
                _ => (0, Vec::new()),
            };
            LessonItem {
                title: docs[l].title.clone(),
                href: href(l),
                slug: slug_of(&docs[l].rel),
                duration_minutes: minutes,
                objectives,
                number: n + 1,
            }
        })
        .collect()
}

/// Resolves a course's prerequisites to links within its edition, reporting those that name no course.
fn prerequisite_links(
    docs: &[Doc],
    ci: usize,
    meta: &CourseMeta,
    by_id: &HashMap<String, usize>,
    href: &impl Fn(usize) -> String,
    diags: &mut Diagnostics,
) -> Vec<Link> {
    let mut prerequisites = Vec::new();
    for p in &meta.prerequisites {
        let key = match &docs[ci].edition {
            Some(e) => format!("{e}:{}", p.value),
            None => p.value.clone(),
        };
        match by_id.get(&key) {
            Some(&pi) => prerequisites.push(Link {
                title: docs[pi].title.clone(),
                href: href(pi),
            }),
            None => diags.push(unknown_prerequisite(&docs[ci], p, by_id)),
        }
    }
    prerequisites
}

/// The error for a prerequisite that is not a course, listing the current edition's courses.
fn unknown_prerequisite(doc: &Doc, p: &Located, by_id: &HashMap<String, usize>) -> Diagnostic {
    let mut known: Vec<&str> = by_id
        .keys()
        .filter(|k| !k.contains(':'))
        .map(String::as_str)
        .collect();
    known.sort_unstable();
    Diagnostic::error(
        "E-COURSE-PREREQ",
        format!("prerequisite `{}` is not a course", p.value),
    )
    .in_file(doc.display.clone())
    .at(&doc.source, p.span.clone())
    .with_label("unknown course")
    .with_hint(format!(
        "prerequisites are folder names under content/courses/: {}",
        known.join(", ")
    ))
}

/// The course page's view of one course.
fn course_view(
    docs: &[Doc],
    ci: usize,
    meta: &CourseMeta,
    lessons: Vec<LessonItem>,
    prerequisites: Vec<Link>,
    links: &LinkIndex,
) -> CourseView {
    let total: u32 = lessons.iter().map(|l| l.duration_minutes).sum();
    CourseView {
        id: course_id(&docs[ci]).to_string(),
        title: docs[ci].title.clone(),
        summary: meta.summary.clone(),
        href: links.href_for(&docs[ci].url_path),
        audience: meta.audience.clone(),
        duration_minutes: meta.duration_minutes.unwrap_or(0),
        total_minutes: if total > 0 {
            total
        } else {
            meta.duration_minutes.unwrap_or(0)
        },
        objectives: meta.objectives.clone(),
        prerequisites,
        print_href: links.href_for(&print_path(&docs[ci].url_path)),
        lessons,
    }
}

/// Adds one assembled course to `out`: its lessons' views, its index card and its place in the lists.
fn record_course(
    out: &mut Courses,
    docs: &[Doc],
    ci: usize,
    view: Arc<CourseView>,
    lesson_ids: Vec<usize>,
) {
    let course_ref = CourseRef {
        id: view.id.clone(),
        title: view.title.clone(),
        href: view.href.clone(),
    };
    for (n, &l) in lesson_ids.iter().enumerate() {
        out.lesson_view.insert(
            l,
            Arc::new(LessonView {
                slug: view.lessons[n].slug.clone(),
                number: n + 1,
                count: lesson_ids.len(),
                duration_minutes: view.lessons[n].duration_minutes,
                objectives: view.lessons[n].objectives.clone(),
                course: course_ref.clone(),
            }),
        );
    }
    // The course index and its audience filters show the current edition only.
    if docs[ci].edition.is_none() {
        out.cards.push(CourseCard {
            title: view.title.clone(),
            summary: view.summary.clone(),
            href: view.href.clone(),
            audience: view.audience.clone(),
            duration_minutes: view.total_minutes,
            lesson_count: view.lessons.len(),
        });
    }
    out.by_doc.insert(ci, out.list.len());
    out.docs.push(ci);
    out.lessons.push(lesson_ids);
    out.list.push(view);
}

/// The audience filters of the course index, with how many current-edition courses each has.
fn audience_links(docs: &[Doc], out: &Courses, links: &LinkIndex) -> Vec<AudienceLink> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (c, &doc) in out.list.iter().zip(&out.docs) {
        if docs[doc].edition.is_some() {
            continue;
        }
        for a in &c.audience {
            *counts.entry(a.as_str()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .map(|(name, count)| {
            let url_path = audience_path(name);
            AudienceLink {
                name: name.to_string(),
                href: links.href_for(&url_path),
                url_path,
                count,
            }
        })
        .collect()
}

/// The course's folder name, prefixed by its edition when archived (`2023:haccp`), so progress kept on
/// the device and prerequisites never mix editions.
fn course_id(d: &Doc) -> String {
    let folder = d.base_rel.split('/').nth(1).unwrap_or_default();
    match &d.edition {
        Some(e) => format!("{e}:{folder}"),
        None => folder.to_string(),
    }
}

fn slug_of(rel: &str) -> String {
    rel.rsplit('/')
        .next()
        .unwrap_or_default()
        .trim_end_matches(".md")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audience_paths_are_ascii_and_stable() {
        let p = audience_path("食品安全总监");
        assert!(p.is_ascii());
        assert_eq!(p, audience_path("食品安全总监"));
        assert_ne!(p, audience_path("食品安全员"));
    }
}
