//! Quizzes: question banks (`content/banks/**.md`), exam blueprints (`content/exams/*.toml`), and
//! what the browser needs to run practice sets and mock exams.
//!
//! 1. [`parse`]: each bank body -> raw questions with source spans;
//! 2. [`validate`]: raw -> [`Question`]s, every rule of the format checked (codes `E-Q-…`/`W-Q-…`),
//!    Markdown rendered once with a root placeholder so the HTML fits pages at any depth;
//! 3. [`blueprint`]: exam files -> [`blueprint::Exam`]s with their draw pools checked;
//! 4. [`views`]: per-page question views and the JSON embedded in quiz pages.

pub(crate) mod answers;
pub mod blueprint;
pub mod draw;
pub mod parse;
pub mod shortcode;
pub mod validate;
pub mod views;

use crate::content::kinds::Special;
use crate::corpus::Corpus;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::SourceFile;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

/// Stands for a page's link prefix in question HTML until the page is known.
/// ASCII letters only, so it survives the URL escaping pulldown-cmark applies to `href` and `src`.
pub const ROOT_TOKEN: &str = "shianroot7c1f9e0d";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum QType {
    Tf,
    Single,
    Multi,
}

impl QType {
    /// The type keywords authors write (and their aliases).
    pub fn from_word(w: &str) -> Option<QType> {
        let w = w.trim().trim_end_matches('题');
        match w.to_ascii_lowercase().as_str() {
            "判断" | "tf" | "true-false" => Some(QType::Tf),
            "单选" | "single" => Some(QType::Single),
            "多选" | "multi" | "multiple" => Some(QType::Multi),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            QType::Tf => "tf",
            QType::Single => "single",
            QType::Multi => "multi",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct QOption {
    /// The option as written (for duplicate and pinning checks, and the content hash).
    #[serde(skip)]
    pub text: String,
    pub html: String,
    pub pinned: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Ref {
    pub text: String,
    /// Root-less href of the cited article, or "" when the reference is not a citation shian knows.
    pub href: String,
}

#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    pub qtype: QType,
    pub bank: usize,
    /// Id of the 组合 group this sub-question belongs to.
    pub group: Option<String>,
    /// The group's shared stem (HTML), on each of its sub-questions.
    pub context_html: String,
    pub stem_html: String,
    /// Choice options; empty for tf (the views add 正确/错误).
    pub options: Vec<QOption>,
    /// Indexes into `options` (for tf: 0 = 正确, 1 = 错误).
    pub answer: Vec<usize>,
    pub explanation_html: String,
    pub refs: Vec<Ref>,
    pub difficulty: String,
    pub tags: Vec<String>,
    pub category: String,
    /// Hash of the question's source, for content hashes of quizzes.
    pub hash: String,
    /// The heading line in the bank file.
    pub heading: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Bank {
    pub doc: usize,
    /// The archived edition of the bank; `None` for the current one.
    pub edition: Option<String>,
    /// Path under `content/banks/` without `.md` (`law/food-safety-law`).
    pub id: String,
    pub title: String,
    pub category: String,
    pub questions: Vec<usize>,
    pub hash: String,
    /// Root-less hrefs of the browse and practice pages.
    pub href: String,
    pub practice_path: String,
    pub practice_href: String,
}

#[derive(Debug, Clone)]
pub struct Category {
    pub name: String,
    pub url_path: String,
    pub href: String,
    pub questions: Vec<usize>,
    pub depth: usize,
    pub hash: String,
}

#[derive(Debug, Default)]
pub struct QuizSet {
    pub banks: Vec<Bank>,
    pub questions: Vec<Question>,
    pub by_id: HashMap<String, usize>,
    pub categories: Vec<Category>,
    pub exams: Vec<blueprint::Exam>,
    /// Bank index of each bank document.
    pub bank_of_doc: HashMap<usize, usize>,
}

pub const HUB_PATH: &str = "quiz/";
pub const WRONG_PATH: &str = "quiz/wrong/";
/// A mock exam's question pool, written beside its page (`exams/<id>/pool.js`).
pub const POOL_FILE: &str = "pool.js";

impl QuizSet {
    pub fn is_empty(&self) -> bool {
        self.banks.is_empty() && self.exams.is_empty()
    }

    /// The bank `id` of an edition (`None`: the current one).
    pub fn bank(&self, edition: Option<&str>, id: &str) -> Option<&Bank> {
        self.banks
            .iter()
            .find(|b| b.id == id && b.edition.as_deref() == edition)
    }
}

/// Builds every bank and exam of the site.
pub fn build(site: &Corpus<'_>, blueprints: &[SourceFile], diags: &mut Diagnostics) -> QuizSet {
    let mut set = QuizSet::default();
    for (i, doc) in site.docs.iter().enumerate() {
        let Special::Bank(meta) = &doc.special else {
            continue;
        };
        let id = doc
            .base_rel
            .trim_start_matches("banks/")
            .trim_end_matches(".md")
            .to_string();
        let raw = parse::parse(doc.body(), doc.body_offset);
        let mut cx = validate::Cx::new(site, i, meta.shuffle_options, diags);
        let bank_index = set.banks.len();
        let mut ids = Vec::new();
        for r in &raw {
            for q in cx.convert(r, bank_index, &meta.category) {
                ids.push(set.questions.len());
                set.questions.push(q);
            }
        }
        cx.finish();
        let mut h = crate::hash::Fnv::default();
        for &q in &ids {
            h.field(&set.questions[q].hash);
        }
        let href = site.href(i);
        let practice_path = format!("{}practice/", doc.url_path);
        set.bank_of_doc.insert(i, bank_index);
        set.banks.push(Bank {
            doc: i,
            edition: doc.edition.clone(),
            id,
            title: doc.title.clone(),
            category: meta.category.clone(),
            questions: ids,
            hash: h.hex(),
            href,
            practice_href: site.links.href_for(&practice_path),
            practice_path,
        });
    }
    check_unique_ids(site, &mut set, diags);
    set.categories = categories(site, &set);
    set.exams = blueprint::build_all(blueprints, site, &set, diags);
    set
}

fn check_unique_ids(site: &Corpus<'_>, set: &mut QuizSet, diags: &mut Diagnostics) {
    for (i, q) in set.questions.iter().enumerate() {
        // Ids are unique within an edition; the same id in two editions is the same question.
        let key = edition_key(&set.banks[q.bank].edition, &q.id);
        if let Some(&first) = set.by_id.get(&key) {
            let a = &set.questions[first];
            let a_doc = &site.docs[set.banks[a.bank].doc];
            let b_doc = &site.docs[set.banks[q.bank].doc];
            let (line, _) = crate::diag::line_col(&a_doc.source, a.heading.start);
            diags.push(
                Diagnostic::error(
                    "E-Q-ID-DUP",
                    format!(
                        "题目编号 {} 重复 (question id `{}` is used twice)",
                        q.id, q.id
                    ),
                )
                .in_file(b_doc.display.clone())
                .at(&b_doc.source, q.heading.clone())
                .with_hint(format!(
                    "ids are unique across all banks; `{}` is already used at {}:{line}",
                    q.id, a_doc.display
                )),
            );
        } else {
            set.by_id.insert(key, i);
        }
    }
}

/// `id` for the current edition, `<edition>:id` for an archived one.
pub fn edition_key(edition: &Option<String>, id: &str) -> String {
    match edition {
        Some(e) => format!("{e}:{id}"),
        None => id.to_string(),
    }
}

/// Every category and every parent of one (`法律法规`, `法律法规/食品安全法`), with its questions.
fn categories(site: &Corpus<'_>, set: &QuizSet) -> Vec<Category> {
    let mut map: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, q) in set.questions.iter().enumerate() {
        if set.banks[q.bank].edition.is_some() {
            continue;
        }
        let parts: Vec<&str> = q.category.split('/').filter(|p| !p.is_empty()).collect();
        for n in 1..=parts.len() {
            map.entry(parts[..n].join("/")).or_default().push(i);
        }
    }
    map.into_iter()
        .map(|(name, questions)| {
            let url_path = format!("quiz/category/{}/", &crate::hash::hex(&name)[..10]);
            let mut h = crate::hash::Fnv::default();
            for &q in &questions {
                h.field(&set.questions[q].hash);
            }
            Category {
                depth: name.matches('/').count(),
                href: site.links.href_for(&url_path),
                url_path,
                name,
                questions,
                hash: h.hex(),
            }
        })
        .collect()
}
