//! Quiz pages (docs/quiz-theme-contract.md): a bank's 背题 page context, and the generated pages —
//! practice per bank and per category, the 错题本, the quiz hub and one page per exam.

use super::context::Job;
use super::context::Made;
use crate::quiz::blueprint::Mode;
use crate::quiz::views::{self, Labels, QuizMeta};
use crate::quiz::{Bank, HUB_PATH, WRONG_PATH};
use serde::Serialize;

/// Adds `quiz`, `questions`, `quiz_json` and `bank` to a bank page's context.
pub fn insert_bank(job: &Job<'_>, ctx: &mut tera::Context, bank: &Bank, root: &str) {
    let set = &job.site.quiz;
    let edition = &job.site.config.edition;
    let labels = Labels::from_locale(&job.site.locale);
    let questions = views::questions(set, &bank.questions, root, &labels);
    let meta = QuizMeta {
        id: format!("bank/{}", crate::quiz::edition_key(&bank.edition, &bank.id)),
        kind: "browse",
        title: bank.title.clone(),
        edition: bank.edition.clone().unwrap_or_else(|| edition.to_string()),
        hash: bank.hash.clone(),
        bank_href: bank.href.clone(),
        practice_href: bank.practice_href.clone(),
        count: questions.len(),
        exam: None,
    };
    ctx.insert("quiz_json", &views::json(&meta, &questions));
    ctx.insert("quiz", &meta);
    ctx.insert("questions", &questions);
    ctx.insert("bank", &BankInfo::of(bank));
}

#[derive(Serialize)]
struct BankInfo<'a> {
    id: &'a str,
    title: &'a str,
    category: &'a str,
    href: &'a str,
    practice_href: &'a str,
    count: usize,
    hash: &'a str,
}

impl<'a> BankInfo<'a> {
    fn of(b: &'a Bank) -> BankInfo<'a> {
        BankInfo {
            id: &b.id,
            title: &b.title,
            category: &b.category,
            href: &b.href,
            practice_href: &b.practice_href,
            count: b.questions.len(),
            hash: &b.hash,
        }
    }
}

#[derive(Serialize)]
struct HubBank<'a> {
    title: &'a str,
    href: &'a str,
    practice_href: &'a str,
    count: usize,
    category: &'a str,
}

#[derive(Serialize)]
struct HubCategory<'a> {
    name: &'a str,
    href: &'a str,
    count: usize,
    depth: usize,
}

#[derive(Serialize)]
struct HubExam<'a> {
    title: &'a str,
    href: &'a str,
    question_count: usize,
    time_limit: u64,
}

/// One practice page to write.
struct Practice<'a> {
    path: &'a str,
    title: &'a str,
    id: String,
    edition: Option<String>,
    hash: &'a str,
    ids: &'a [usize],
    bank: Option<&'a Bank>,
    parent: Option<usize>,
}

/// The practice page of bank `b`.
pub fn bank_practice(job: &Job<'_>, b: usize) -> Made {
    let bank = &job.site.quiz.banks[b];
    practice(
        job,
        Practice {
            path: &bank.practice_path,
            title: &bank.title,
            id: format!(
                "practice/{}",
                crate::quiz::edition_key(&bank.edition, &bank.id)
            ),
            edition: bank.edition.clone(),
            hash: &bank.hash,
            ids: &bank.questions,
            bank: Some(bank),
            parent: Some(bank.doc),
        },
    )
}

/// The practice page of category `c`.
pub fn category(job: &Job<'_>, c: usize) -> Made {
    let cat = &job.site.quiz.categories[c];
    practice(
        job,
        Practice {
            path: &cat.url_path,
            title: &cat.name,
            id: format!("category/{}", cat.name),
            edition: None,
            hash: &cat.hash,
            ids: &cat.questions,
            bank: None,
            parent: None,
        },
    )
}

/// The page of exam `e`: a mock exam, or a practice set in practice and browse modes.
pub fn exam(job: &Job<'_>, e: usize) -> Made {
    let exam = &job.site.quiz.exams[e];
    let pool = exam.pool();
    match exam.mode {
        Mode::Exam => exam_page(job, exam),
        Mode::Practice | Mode::Browse => practice(
            job,
            Practice {
                path: &exam.url_path,
                title: &exam.title,
                id: format!("exam/{}", crate::quiz::edition_key(&exam.edition, &exam.id)),
                edition: exam.edition.clone(),
                hash: &exam.hash,
                ids: &pool,
                bank: None,
                parent: None,
            },
        ),
    }
}

fn practice(job: &Job<'_>, p: Practice<'_>) -> Made {
    let site = job.site;
    let labels = Labels::from_locale(&site.locale);
    let (mut ctx, root) = job.page_context(p.path, p.parent);
    let questions = views::questions(&site.quiz, p.ids, &root, &labels);
    let meta = QuizMeta {
        id: p.id,
        kind: "practice",
        title: p.title.to_string(),
        edition: p.edition.unwrap_or_else(|| site.config.edition.clone()),
        hash: p.hash.to_string(),
        bank_href: p.bank.map(|b| b.href.clone()).unwrap_or_default(),
        practice_href: site.links.href_for(p.path),
        count: questions.len(),
        exam: None,
    };
    ctx.insert("quiz_json", &views::json(&meta, &questions));
    ctx.insert("quiz", &meta);
    ctx.insert("questions", &questions);
    if let Some(b) = p.bank {
        ctx.insert("bank", &BankInfo::of(b));
    }
    Made::Page("practice.html".into(), ctx)
}

/// The meta of exam `e`'s page, with the exam settings.
fn exam_meta(job: &Job<'_>, e: &crate::quiz::blueprint::Exam, labels: &Labels) -> QuizMeta {
    let site = job.site;
    let exam = views::exam_view(&site.quiz, e, labels);
    QuizMeta {
        id: format!("exam/{}", crate::quiz::edition_key(&e.edition, &e.id)),
        kind: "exam",
        title: e.title.clone(),
        edition: e
            .edition
            .clone()
            .unwrap_or_else(|| site.config.edition.clone()),
        hash: e.hash.clone(),
        bank_href: String::new(),
        practice_href: String::new(),
        count: exam.question_count,
        exam: Some(exam),
    }
}

/// A mock exam's page: the rules and the start form, with no question in it. The pool comes in a
/// script of its own ([`exam_pool`]), so the form works while the questions are still on the way.
fn exam_page(job: &Job<'_>, e: &crate::quiz::blueprint::Exam) -> Made {
    let labels = Labels::from_locale(&job.site.locale);
    let (mut ctx, _) = job.page_context(&e.url_path, None);
    let meta = exam_meta(job, e, &labels);
    ctx.insert("quiz_json", &views::json(&meta, &[]));
    ctx.insert("exam", &meta.exam);
    ctx.insert("quiz", &meta);
    ctx.insert(
        "pool_src",
        &format!("{}{}", e.url_path, crate::quiz::POOL_FILE),
    );
    Made::Page("exam.html".into(), ctx)
}

/// `pool.js` of exam `e`: every question its draws can take, as
/// `(window.shianPools = window.shianPools || {})["<quiz id>"] = {"questions": [...]};`.
/// Its links carry the page's root (the file sits beside the page).
pub fn exam_pool(job: &Job<'_>, e: usize) -> Made {
    let site = job.site;
    let exam = &site.quiz.exams[e];
    let labels = Labels::from_locale(&site.locale);
    let root = crate::markdown::links::root_for(
        &exam.url_path,
        site.options.relative,
        &site.config.base_path(),
    );
    let questions = views::questions(&site.quiz, &exam.pool(), &root, &labels);
    let meta = exam_meta(job, exam, &labels);
    let body = serde_json::json!({ "questions": questions });
    let js = format!(
        "(window.shianPools = window.shianPools || {{}})[{}] = {};\n",
        views::script_safe(&serde_json::to_string(&meta.id).unwrap_or_default()),
        views::script_safe(&serde_json::to_string(&body).unwrap_or_default()),
    );
    Made::Bytes(std::sync::Arc::from(js.into_bytes()))
}

/// The 错题本: its questions come from the learner's device.
pub fn wrong(job: &Job<'_>) -> Made {
    let (mut ctx, _) = job.page_context(WRONG_PATH, None);
    let meta = QuizMeta {
        id: "wrong".into(),
        kind: "wrong",
        title: String::new(),
        edition: job.site.config.edition.clone(),
        hash: String::new(),
        bank_href: String::new(),
        practice_href: String::new(),
        count: 0,
        exam: None,
    };
    ctx.insert("quiz_json", &views::json(&meta, &[]));
    ctx.insert("quiz", &meta);
    Made::Page("wrong.html".into(), ctx)
}

/// The quiz hub: the current edition's banks, categories and exams.
pub fn hub(job: &Job<'_>) -> Made {
    let set = &job.site.quiz;
    let (mut ctx, _) = job.page_context(HUB_PATH, None);
    let banks: Vec<HubBank> = set
        .banks
        .iter()
        .filter(|b| b.edition.is_none())
        .map(|b| HubBank {
            title: &b.title,
            href: &b.href,
            practice_href: &b.practice_href,
            count: b.questions.len(),
            category: &b.category,
        })
        .collect();
    let categories: Vec<HubCategory> = set
        .categories
        .iter()
        .map(|c| HubCategory {
            name: &c.name,
            href: &c.href,
            count: c.questions.len(),
            depth: c.depth,
        })
        .collect();
    let exams: Vec<HubExam> = set
        .exams
        .iter()
        .filter(|e| e.edition.is_none())
        .map(|e| HubExam {
            title: &e.title,
            href: &e.href,
            question_count: e.question_count(),
            time_limit: e.time_limit,
        })
        .collect();
    ctx.insert("banks", &banks);
    ctx.insert("categories", &categories);
    ctx.insert("exams", &exams);
    let site = job.site;
    let results = (!site.results.is_empty())
        .then(|| site.links.href_for(crate::results::board::RESULTS_PATH));
    let verify = site
        .config
        .results
        .public_key
        .is_some()
        .then(|| site.links.href_for(crate::paths::VERIFY_PATH));
    ctx.insert("results_href", &results);
    ctx.insert("verify_href", &verify);
    Made::Page("quiz.html".into(), ctx)
}
