//! Documents with a job of their own, recognised by where they live:
//!
//! - `courses/<course>/_index.md` is a course, `courses/<course>/<lesson>.md` one of its lessons;
//! - `laws/<law>.md` is a law text whose `### 第五十条` headings are citation anchors;
//! - `banks/**/<bank>.md` is a question bank (its body is questions, see `quiz::parse`);
//! - `cases/<case>.md` is a typical case (典型案例) with taxonomies and metrics;
//! - `checklists/<form>.md` is a self-check form (自查表, see `crate::checklists`).
//!
//! Each has its own strict front matter (unknown keys are errors that list the allowed ones).

use serde::Deserialize;
use toml::Spanned;

/// What a document is, by its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Page,
    Section,
    Course,
    Lesson,
    Law,
    Bank,
    Case,
    Checklist,
}

pub fn role(rel: &str) -> Role {
    let parts: Vec<&str> = rel.split('/').collect();
    match parts.as_slice() {
        ["courses", _, "_index.md"] => Role::Course,
        ["courses", c, _] if *c != "_index.md" => Role::Lesson,
        ["laws", l] if *l != "_index.md" => Role::Law,
        ["banks", .., last] if *last != "_index.md" => Role::Bank,
        ["cases", c] if *c != "_index.md" => Role::Case,
        ["checklists", c] if *c != "_index.md" => Role::Checklist,
        _ if parts.last() == Some(&"_index.md") => Role::Section,
        _ => Role::Page,
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourseFront {
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub audience: Vec<String>,
    pub duration_minutes: Option<u32>,
    #[serde(default)]
    pub objectives: Vec<String>,
    /// Folder names of other courses.
    #[serde(default)]
    pub prerequisites: Vec<Spanned<String>>,
    pub weight: Option<i64>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub extra: toml::Table,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonFront {
    pub title: String,
    pub weight: Option<i64>,
    pub duration_minutes: Option<u32>,
    #[serde(default)]
    pub objectives: Vec<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub extra: toml::Table,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LawFront {
    pub title: String,
    /// Short names used in citations, such as 食品安全法.
    #[serde(default)]
    pub short: Vec<String>,
    #[serde(default)]
    pub version: String,
    pub weight: Option<i64>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub extra: toml::Table,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BankFront {
    /// Defaults to the last part of the category.
    pub title: Option<String>,
    /// `法律法规/食品安全法`: the category of every question of the bank.
    pub category: String,
    #[serde(default)]
    pub applies: Vec<String>,
    #[serde(default)]
    pub roles: Vec<String>,
    pub reviewed: Option<toml::value::Datetime>,
    /// Whether options may be shuffled (default true); the pinning and 解析 rules apply only then.
    #[serde(default = "yes")]
    pub shuffle_options: bool,
    pub weight: Option<i64>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub extra: toml::Table,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseFront {
    pub title: String,
    pub date: toml::value::Datetime,
    pub region: String,
    #[serde(default)]
    pub industry: Vec<String>,
    #[serde(default)]
    pub measures: Vec<String>,
    /// A pairing id from data/pairings.toml.
    pub pairing: Option<Spanned<String>>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub metrics: Vec<Metric>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub extra: toml::Table,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistFront {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// `daily`, `weekly`, `monthly` or `once`; checked by `crate::checklists` for a clear message.
    pub period: Spanned<String>,
    #[serde(default)]
    pub applies: Vec<String>,
    #[serde(default)]
    pub roles: Vec<String>,
    /// The checklist (file name without `.md`) whose records this form gathers.
    pub gathers: Option<Spanned<String>>,
    pub rating: Option<RatingFront>,
    pub weight: Option<i64>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub extra: toml::Table,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatingFront {
    /// `[[95, "风险可控"], [80, "一般风险隐患"], [0, "严重风险隐患"]]`: lowest score of each band.
    pub bands: Spanned<Vec<Spanned<(f64, String)>>>,
}

/// One rating band as written: lowest score, name, span.
pub type BandFront = (f64, String, std::ops::Range<usize>);

/// A checklist's front matter, with the spans its checks point at.
#[derive(Debug, Clone, Default)]
pub struct ChecklistMeta {
    pub period: super::Located,
    pub applies: Vec<String>,
    pub roles: Vec<String>,
    pub gathers: Option<super::Located>,
    /// (lowest score, name, span) of each band; `None` when the front matter has no `[rating]`.
    pub bands: Option<(Vec<BandFront>, std::ops::Range<usize>)>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    pub name: String,
    pub before: f64,
    pub after: f64,
    #[serde(default)]
    pub unit: String,
}

#[derive(Debug, Clone, Default)]
pub struct CaseMeta {
    pub region: String,
    pub industry: Vec<String>,
    pub measures: Vec<String>,
    pub pairing: Option<super::Located>,
    pub summary: String,
    pub metrics: Vec<Metric>,
}

/// The role-specific data a document carries besides the common fields.
#[derive(Debug, Clone, Default)]
pub enum Special {
    #[default]
    None,
    Course(CourseMeta),
    Lesson(LessonMeta),
    Law(LawMeta),
    Bank(BankMeta),
    Case(CaseMeta),
    Checklist(ChecklistMeta),
}

#[derive(Debug, Clone, Default)]
pub struct CourseMeta {
    pub summary: String,
    pub audience: Vec<String>,
    pub duration_minutes: Option<u32>,
    pub objectives: Vec<String>,
    pub prerequisites: Vec<super::Located>,
}

#[derive(Debug, Clone, Default)]
pub struct LessonMeta {
    pub duration_minutes: Option<u32>,
    pub objectives: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct BankMeta {
    pub category: String,
    pub applies: Vec<String>,
    pub roles: Vec<String>,
    pub reviewed: Option<String>,
    pub shuffle_options: bool,
}

#[derive(Debug, Clone, Default)]
pub struct LawMeta {
    pub short: Vec<String>,
    pub version: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_come_from_paths() {
        assert_eq!(role("courses/haccp/_index.md"), Role::Course);
        assert_eq!(role("courses/haccp/principles.md"), Role::Lesson);
        assert_eq!(role("courses/_index.md"), Role::Section);
        assert_eq!(role("courses/haccp/deep/x.md"), Role::Page);
        assert_eq!(role("laws/food-safety-law.md"), Role::Law);
        assert_eq!(role("laws/_index.md"), Role::Section);
        assert_eq!(role("about.md"), Role::Page);
        assert_eq!(role("banks/law/fsl.md"), Role::Bank);
        assert_eq!(role("banks/fsl.md"), Role::Bank);
        assert_eq!(role("banks/_index.md"), Role::Section);
        assert_eq!(role("cases/bakery.md"), Role::Case);
        assert_eq!(role("cases/_index.md"), Role::Section);
        assert_eq!(role("checklists/daily.md"), Role::Checklist);
        assert_eq!(role("checklists/_index.md"), Role::Section);
    }
}
