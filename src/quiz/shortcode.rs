//! The `quiz` shortcode: a practice set of a bank inside a lesson or page.

use super::views::{json, questions, Labels, QuizMeta};
use super::QuizSet;
use crate::markdown::shortcodes::{Call, Context, Shortcode};
use serde_json::Value;
use std::sync::Arc;

/// `{{ quiz(bank="law/food-safety-law", count=5) }}`: a practice set inside a page.
pub struct QuizShortcode {
    pub set: Arc<QuizSet>,
    pub edition: String,
    /// The 错题本's href (root-less), linked from every embedded set.
    pub wrong_href: String,
}

impl Shortcode for QuizShortcode {
    fn render(&self, call: &Call, cx: &Context<'_>) -> Result<String, String> {
        let set = &self.set;
        for k in call.args.keys() {
            if !["bank", "count", "mode"].contains(&k.as_str()) {
                return Err(format!(
                    "unknown argument `{k}`; quiz takes bank, count and mode"
                ));
            }
        }
        let Some(bank_id) = call.args.get("bank").and_then(Value::as_str) else {
            return Err("`bank` is required, e.g. bank=\"law/food-safety-law\"".into());
        };
        // A practice set in an archived lesson uses that edition's bank.
        let edition = crate::paths::split_edition(cx.file)
            .0
            .filter(|_| cx.file.starts_with("editions/"));
        let Some(bank) = set.bank(edition, bank_id) else {
            let mut names: Vec<&str> = set
                .banks
                .iter()
                .filter(|b| b.edition.as_deref() == edition)
                .map(|b| b.id.as_str())
                .collect();
            names.sort_unstable();
            return Err(format!("no bank `{bank_id}`; banks: {}", names.join(", ")));
        };
        let count = match call.args.get("count") {
            None => 5,
            Some(v) => match v.as_u64() {
                Some(n) if n > 0 => n as usize,
                _ => return Err("`count` must be a positive whole number".into()),
            },
        };
        match call.args.get("mode").and_then(Value::as_str) {
            None | Some("practice") => {}
            Some(other) => {
                return Err(format!(
                    "mode `{other}` is not supported here; use mode=\"practice\""
                ))
            }
        }
        let labels = Labels::from_locale(cx.locale);
        let ids: Vec<usize> = bank.questions.iter().copied().take(count).collect();
        let questions = questions(set, &ids, cx.root, &labels);
        let mut h = crate::hash::Fnv::default();
        for &i in &ids {
            h.field(&set.questions[i].hash);
        }
        let meta = QuizMeta {
            // Unique per call, so two practice sets on one page keep apart ids and records.
            id: format!(
                "embed/{}/{count}/{}",
                super::edition_key(&bank.edition, &bank.id),
                call.span.start
            ),
            kind: "practice",
            title: bank.title.clone(),
            edition: bank.edition.clone().unwrap_or_else(|| self.edition.clone()),
            hash: h.hex(),
            bank_href: bank.href.clone(),
            practice_href: bank.practice_href.clone(),
            count: questions.len(),
            exam: None,
        };
        let mut ctx = tera::Context::new();
        ctx.insert("quiz_json", &json(&meta, &questions));
        ctx.insert("quiz", &meta);
        ctx.insert("questions", &questions);
        ctx.insert("root", cx.root);
        ctx.insert("wrong_href", &self.wrong_href);
        ctx.insert("t", cx.locale);
        cx.tera
            .render("partials/quiz-embed.html", &ctx)
            .map_err(|e| crate::diag::error_chain(&e))
    }
}
