//! Parse: each Markdown [`SourceFile`] -> a [`Doc`] (front matter checked, body located, URL derived).
//!
//! Parsing is per file and runs in parallel; it knows nothing of other files. Cross-file checks
//! (URL clashes, links, templates) happen when the site is assembled.

pub mod frontmatter;
pub mod kinds;

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::SourceFile;
use frontmatter::{date_string, file_span, SortBy};
use rayon::prelude::*;
use std::ops::Range;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Page,
    /// An `_index.md`: the page of a folder.
    Section,
}

/// A string from the front matter together with where it was written (for error messages).
#[derive(Debug, Clone, Default)]
pub struct Located {
    pub value: String,
    pub span: Range<usize>,
}

/// One Markdown document, parsed.
#[derive(Debug, Clone)]
pub struct Doc {
    pub kind: DocKind,
    /// Path relative to `content/` (`programmes/pairing.md`).
    pub rel: String,
    /// Path relative to the site root, for messages.
    pub display: String,
    pub source: Arc<str>,
    pub body_offset: usize,
    /// URL path relative to the site root, with a trailing slash; `""` is the home page.
    pub url_path: String,
    pub title: String,
    pub description: String,
    pub date: Option<String>,
    pub updated: Option<String>,
    pub weight: Option<i64>,
    pub draft: bool,
    pub template: Option<Located>,
    pub page_template: Option<Located>,
    pub sort_by: SortBy,
    pub aliases: Vec<Located>,
    pub extra: toml::Table,
    pub role: kinds::Role,
    pub special: kinds::Special,
    /// The archived edition this document belongs to (`editions/<name>/…`); `None` for `content/`.
    pub edition: Option<String>,
    /// `rel` without the `editions/<name>/` prefix: the path inside its edition.
    pub base_rel: String,
}

impl Doc {
    pub fn body(&self) -> &str {
        &self.source[self.body_offset..]
    }

    /// The content-relative folder this document belongs to (`programmes` for both
    /// `programmes/_index.md` and `programmes/pairing.md`; `""` for the root).
    pub fn folder(&self) -> &str {
        let dir = self.rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
        dir
    }
}

/// Parses every file; the documents that parsed cleanly are returned even when others failed, and
/// the content-relative paths of those that failed (so links to them are not reported as missing).
pub fn parse_all(files: Vec<SourceFile>, diags: &mut Diagnostics) -> (Vec<Doc>, Vec<String>) {
    let results: Vec<(String, Result<Doc, Diagnostic>)> = files
        .into_par_iter()
        .map(|f| (f.rel.clone(), parse_one(f)))
        .collect();
    let mut docs = Vec::with_capacity(results.len());
    let mut failed = Vec::new();
    for (rel, r) in results {
        match r {
            Ok(d) => docs.push(d),
            Err(e) => {
                diags.push(e);
                failed.push(rel);
            }
        }
    }
    (docs, failed)
}

fn parse_one(f: SourceFile) -> Result<Doc, Diagnostic> {
    use kinds::Role;
    let sp = frontmatter::split(&f.text, &f.text, &f.display)?;
    let mut doc = blank_doc(&f, sp.body_offset);
    let fr = Front {
        sp: &sp,
        text: &f.text,
        file: f.display.as_str(),
    };
    let role = doc.role;
    match role {
        Role::Section => section_front(&mut doc, &fr)?,
        Role::Page => page_front(&mut doc, &fr)?,
        Role::Course => course_front(&mut doc, &fr)?,
        Role::Lesson => lesson_front(&mut doc, &fr)?,
        Role::Law => law_front(&mut doc, &fr)?,
        Role::Case => case_front(&mut doc, &fr)?,
        Role::Bank => bank_front(&mut doc, &fr)?,
        Role::Checklist => checklist_front(&mut doc, &fr)?,
    }
    Ok(doc)
}

/// The document of a file before its front matter is read: path, URL, role and kind.
fn blank_doc(f: &SourceFile, body_offset: usize) -> Doc {
    use kinds::{Role, Special};
    let (edition, base_rel) = crate::paths::split_edition(&f.rel);
    let (edition, base_rel) = (edition.map(str::to_string), base_rel.to_string());
    let role = kinds::role(&base_rel);
    let kind = if matches!(
        role,
        Role::Page | Role::Lesson | Role::Law | Role::Bank | Role::Case | Role::Checklist
    ) {
        DocKind::Page
    } else {
        DocKind::Section
    };
    Doc {
        kind,
        url_path: url_path(&f.rel),
        body_offset,
        title: String::new(),
        description: String::new(),
        date: None,
        updated: None,
        weight: None,
        draft: false,
        template: None,
        page_template: None,
        sort_by: SortBy::default(),
        aliases: Vec::new(),
        extra: toml::Table::new(),
        role,
        special: Special::None,
        edition,
        base_rel,
        rel: f.rel.clone(),
        display: f.display.clone(),
        source: f.text.clone(),
    }
}

/// The front matter of the file being parsed, with what its messages and spans need.
struct Front<'a> {
    sp: &'a frontmatter::Split<'a>,
    text: &'a Arc<str>,
    file: &'a str,
}

impl Front<'_> {
    /// A front-matter string with its span in the whole file.
    fn loc(&self, s: &toml::Spanned<String>) -> Located {
        Located {
            value: s.get_ref().clone(),
            span: file_span(s, self.sp.front_offset),
        }
    }

    /// Front-matter strings with their spans in the whole file.
    fn locs(&self, v: &[toml::Spanned<String>]) -> Vec<Located> {
        v.iter().map(|s| self.loc(s)).collect()
    }
}

/// Reads the front matter of an `_index.md` that is a plain section.
fn section_front(doc: &mut Doc, fr: &Front<'_>) -> Result<(), Diagnostic> {
    let fm = frontmatter::parse_section(fr.sp, fr.text, fr.file)?;
    doc.title = fm.title;
    doc.description = fm.description;
    doc.weight = fm.weight;
    doc.draft = fm.draft;
    doc.template = fm.template.as_ref().map(|s| fr.loc(s));
    doc.page_template = fm.page_template.as_ref().map(|s| fr.loc(s));
    doc.sort_by = fm.sort_by;
    doc.aliases = fr.locs(&fm.aliases);
    doc.extra = fm.extra;
    Ok(())
}

/// Reads the front matter of a plain page.
fn page_front(doc: &mut Doc, fr: &Front<'_>) -> Result<(), Diagnostic> {
    let fm = frontmatter::parse_page(fr.sp, fr.text, fr.file)?;
    doc.title = fm.title;
    doc.description = fm.description;
    doc.date = fm.date.as_ref().and_then(date_string);
    doc.updated = fm.updated.as_ref().and_then(date_string);
    doc.weight = fm.weight;
    doc.draft = fm.draft;
    doc.template = fm.template.as_ref().map(|s| fr.loc(s));
    doc.aliases = fr.locs(&fm.aliases);
    doc.extra = fm.extra;
    Ok(())
}

/// Reads the front matter of a course (`courses/<id>/_index.md`).
fn course_front(doc: &mut Doc, fr: &Front<'_>) -> Result<(), Diagnostic> {
    let fm: kinds::CourseFront = frontmatter::parse_as(fr.sp, fr.text, fr.file)?;
    doc.title = fm.title;
    doc.description = fm.summary.clone();
    doc.weight = fm.weight;
    doc.draft = fm.draft;
    doc.aliases = fr.locs(&fm.aliases);
    doc.extra = fm.extra;
    doc.special = kinds::Special::Course(kinds::CourseMeta {
        summary: fm.summary,
        audience: fm.audience,
        duration_minutes: fm.duration_minutes,
        objectives: fm.objectives,
        prerequisites: fr.locs(&fm.prerequisites),
    });
    Ok(())
}

/// Reads the front matter of a lesson of a course.
fn lesson_front(doc: &mut Doc, fr: &Front<'_>) -> Result<(), Diagnostic> {
    let fm: kinds::LessonFront = frontmatter::parse_as(fr.sp, fr.text, fr.file)?;
    doc.title = fm.title;
    doc.weight = fm.weight;
    doc.draft = fm.draft;
    doc.aliases = fr.locs(&fm.aliases);
    doc.extra = fm.extra;
    doc.special = kinds::Special::Lesson(kinds::LessonMeta {
        duration_minutes: fm.duration_minutes,
        objectives: fm.objectives,
    });
    Ok(())
}

/// Reads the front matter of a law.
fn law_front(doc: &mut Doc, fr: &Front<'_>) -> Result<(), Diagnostic> {
    let fm: kinds::LawFront = frontmatter::parse_as(fr.sp, fr.text, fr.file)?;
    doc.title = fm.title;
    doc.weight = fm.weight;
    doc.draft = fm.draft;
    doc.aliases = fr.locs(&fm.aliases);
    doc.extra = fm.extra;
    doc.special = kinds::Special::Law(kinds::LawMeta {
        short: fm.short,
        version: fm.version,
    });
    Ok(())
}

/// Reads the front matter of a case.
fn case_front(doc: &mut Doc, fr: &Front<'_>) -> Result<(), Diagnostic> {
    let fm: kinds::CaseFront = frontmatter::parse_as(fr.sp, fr.text, fr.file)?;
    if let Some(m) = fm
        .metrics
        .iter()
        .find(|m| !(m.before.is_finite() && m.after.is_finite()))
    {
        // Metrics carry no spans: point at the metric's name in the front matter.
        let front = &fr.text[fr.sp.front_offset..fr.sp.front_offset + fr.sp.front.len()];
        let at = front
            .find(&format!("\"{}\"", m.name))
            .map_or(fr.sp.front_offset, |i| fr.sp.front_offset + i);
        return Err(Diagnostic::error(
            "E-CASE-METRIC",
            format!(
                "指标“{}”的数值不是有限数 (metric `{}`: before and after must be finite numbers, found {} and {})",
                m.name, m.name, m.before, m.after
            ),
        )
        .in_file(fr.file.to_string())
        .at(fr.text, at..at + m.name.len() + 2)
        .with_hint("write numbers such as 62 or 95.5; nan and inf are not figures"));
    }
    doc.title = fm.title;
    doc.description = fm.summary.clone();
    doc.date = date_string(&fm.date);
    doc.draft = fm.draft;
    doc.aliases = fr.locs(&fm.aliases);
    doc.extra = fm.extra;
    doc.special = kinds::Special::Case(kinds::CaseMeta {
        region: fm.region,
        industry: fm.industry,
        measures: fm.measures,
        pairing: fm.pairing.as_ref().map(|s| fr.loc(s)),
        summary: fm.summary,
        metrics: fm.metrics,
    });
    Ok(())
}

/// Reads the front matter of a question bank; its title defaults to the last part of its category.
fn bank_front(doc: &mut Doc, fr: &Front<'_>) -> Result<(), Diagnostic> {
    let fm: kinds::BankFront = frontmatter::parse_as(fr.sp, fr.text, fr.file)?;
    let fallback = fm
        .category
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string();
    doc.title = fm.title.unwrap_or(fallback);
    doc.weight = fm.weight;
    doc.draft = fm.draft;
    doc.extra = fm.extra;
    doc.special = kinds::Special::Bank(kinds::BankMeta {
        category: fm.category,
        applies: fm.applies,
        roles: fm.roles,
        reviewed: fm.reviewed.as_ref().and_then(date_string),
        shuffle_options: fm.shuffle_options,
    });
    Ok(())
}

/// Reads the front matter of a self-check form.
fn checklist_front(doc: &mut Doc, fr: &Front<'_>) -> Result<(), Diagnostic> {
    let fm: kinds::ChecklistFront = frontmatter::parse_as(fr.sp, fr.text, fr.file)?;
    doc.title = fm.title;
    doc.description = fm.description;
    doc.weight = fm.weight;
    doc.draft = fm.draft;
    doc.aliases = fr.locs(&fm.aliases);
    doc.extra = fm.extra;
    let off = fr.sp.front_offset;
    let bands = fm.rating.map(|r| {
        let list = r
            .bands
            .get_ref()
            .iter()
            .map(|b| {
                let (min, name) = b.get_ref().clone();
                (min, name, file_span(b, off))
            })
            .collect();
        (list, file_span(&r.bands, off))
    });
    doc.special = kinds::Special::Checklist(kinds::ChecklistMeta {
        period: fr.loc(&fm.period),
        applies: fm.applies,
        roles: fm.roles,
        gathers: fm.gathers.as_ref().map(|s| fr.loc(s)),
        bands,
    });
    Ok(())
}

/// `a/b.md` -> `a/b/`, `a/_index.md` -> `a/`, `_index.md` -> ``.
pub fn url_path(rel: &str) -> String {
    let stem = rel.strip_suffix(".md").unwrap_or(rel);
    if stem == "_index" {
        String::new()
    } else if let Some(dir) = stem.strip_suffix("/_index") {
        format!("{dir}/")
    } else {
        format!("{stem}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_come_from_paths() {
        assert_eq!(url_path("_index.md"), "");
        assert_eq!(url_path("a/_index.md"), "a/");
        assert_eq!(url_path("a/b.md"), "a/b/");
        assert_eq!(url_path("about.md"), "about/");
    }
}
