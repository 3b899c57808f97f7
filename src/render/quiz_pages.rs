//! Quiz pages (docs/quiz-theme-contract.md): a bank's 背题 page context, and the generated pages —
//! practice per bank and per category, the 错题本, the quiz hub and one page per exam.

use super::composite::Composite;
use crate::diag::Diagnostics;
use crate::quiz::blueprint::Mode;
use crate::quiz::views::{self, Labels, QuizMeta};
use crate::quiz::{Bank, QuizSet, HUB_PATH, WRONG_PATH};
use serde::Serialize;
use serde_json::Value;

/// Adds `quiz`, `questions`, `quiz_json` and `bank` to a bank page's context.
pub fn insert_bank(
    ctx: &mut tera::Context,
    set: &QuizSet,
    bank: &Bank,
    root: &str,
    locale: &Value,
    edition: &str,
) {
    let labels = Labels::from_locale(locale);
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

impl Composite<'_> {
    /// Every generated quiz page; returns how many were written.
    pub fn quiz_pages(&self, set: &QuizSet, locale: &Value, diags: &mut Diagnostics) -> usize {
        if set.is_empty() {
            return 0;
        }
        let labels = Labels::from_locale(locale);
        let edition = self.site.config.edition.clone();
        let mut n = 0;
        for b in set.banks.iter().filter(|b| !self.cached(&b.edition)) {
            let spec = Practice {
                path: &b.practice_path,
                title: &b.title,
                id: format!("practice/{}", crate::quiz::edition_key(&b.edition, &b.id)),
                edition: b.edition.clone(),
                hash: &b.hash,
                ids: &b.questions,
                bank: Some(b),
                parent: Some(b.doc),
            };
            n += self.practice_page(set, spec, &labels, diags);
        }
        for c in &set.categories {
            let spec = Practice {
                path: &c.url_path,
                title: &c.name,
                id: format!("category/{}", c.name),
                edition: None,
                hash: &c.hash,
                ids: &c.questions,
                bank: None,
                parent: None,
            };
            n += self.practice_page(set, spec, &labels, diags);
        }
        for e in set.exams.iter().filter(|e| !self.cached(&e.edition)) {
            let pool = e.pool();
            match e.mode {
                Mode::Exam => n += self.exam_page(set, e, &pool, &labels, diags),
                Mode::Practice | Mode::Browse => {
                    let spec = Practice {
                        path: &e.url_path,
                        title: &e.title,
                        id: format!("exam/{}", crate::quiz::edition_key(&e.edition, &e.id)),
                        edition: e.edition.clone(),
                        hash: &e.hash,
                        ids: &pool,
                        bank: None,
                        parent: None,
                    };
                    n += self.practice_page(set, spec, &labels, diags);
                }
            }
        }
        n += self.wrong_page(&edition, diags);
        n += self.hub_page(set, diags);
        n
    }

    fn practice_page(
        &self,
        set: &QuizSet,
        p: Practice<'_>,
        labels: &Labels,
        diags: &mut Diagnostics,
    ) -> usize {
        let (mut ctx, root) = self.context(p.path, p.parent);
        let questions = views::questions(set, p.ids, &root, labels);
        let meta = QuizMeta {
            id: p.id,
            kind: "practice",
            title: p.title.to_string(),
            edition: p
                .edition
                .unwrap_or_else(|| self.site.config.edition.clone()),
            hash: p.hash.to_string(),
            bank_href: p.bank.map(|b| b.href.clone()).unwrap_or_default(),
            practice_href: self.site.links.href_for(p.path),
            count: questions.len(),
            exam: None,
        };
        ctx.insert("quiz_json", &views::json(&meta, &questions));
        ctx.insert("quiz", &meta);
        ctx.insert("questions", &questions);
        if let Some(b) = p.bank {
            ctx.insert("bank", &BankInfo::of(b));
        }
        self.emit("practice.html", &ctx, p.path, diags)
    }

    fn exam_page(
        &self,
        set: &QuizSet,
        e: &crate::quiz::blueprint::Exam,
        pool: &[usize],
        labels: &Labels,
        diags: &mut Diagnostics,
    ) -> usize {
        let (mut ctx, root) = self.context(&e.url_path, None);
        let questions = views::questions(set, pool, &root, labels);
        let exam = views::exam_view(set, e, labels);
        let meta = QuizMeta {
            id: format!("exam/{}", crate::quiz::edition_key(&e.edition, &e.id)),
            kind: "exam",
            title: e.title.clone(),
            edition: e
                .edition
                .clone()
                .unwrap_or_else(|| self.site.config.edition.clone()),
            hash: e.hash.clone(),
            bank_href: String::new(),
            practice_href: String::new(),
            count: exam.question_count,
            exam: Some(exam.clone()),
        };
        ctx.insert("quiz_json", &views::json(&meta, &questions));
        ctx.insert("quiz", &meta);
        ctx.insert("exam", &exam);
        self.emit("exam.html", &ctx, &e.url_path, diags)
    }

    fn wrong_page(&self, edition: &str, diags: &mut Diagnostics) -> usize {
        let (mut ctx, _) = self.context(WRONG_PATH, None);
        let meta = QuizMeta {
            id: "wrong".into(),
            kind: "wrong",
            title: String::new(),
            edition: edition.to_string(),
            hash: String::new(),
            bank_href: String::new(),
            practice_href: String::new(),
            count: 0,
            exam: None,
        };
        ctx.insert("quiz_json", &views::json(&meta, &[]));
        ctx.insert("quiz", &meta);
        self.emit("wrong.html", &ctx, WRONG_PATH, diags)
    }

    fn hub_page(&self, set: &QuizSet, diags: &mut Diagnostics) -> usize {
        let (mut ctx, _) = self.context(HUB_PATH, None);
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
        self.emit("quiz.html", &ctx, HUB_PATH, diags)
    }
}
