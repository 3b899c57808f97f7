//! What quiz pages see (docs/quiz-theme-contract.md): question views with the page's link prefix
//! filled in, the quiz's metadata, the exam settings, and the same data as JSON for the client.

use super::blueprint::{Exam, Multi};
use super::{QType, Question, QuizSet, Ref, ROOT_TOKEN};
use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, Serialize)]
pub struct OptionView {
    pub letter: String,
    pub html: String,
    pub pinned: bool,
    pub correct: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionView {
    pub id: String,
    pub number: usize,
    #[serde(rename = "type")]
    pub qtype: QType,
    pub type_label: String,
    pub context: String,
    pub group: String,
    pub stem: String,
    pub options: Vec<OptionView>,
    pub answer: Vec<usize>,
    pub answer_letters: String,
    pub answer_text: String,
    pub explanation: String,
    pub refs: Vec<Ref>,
    pub category: String,
    pub difficulty: String,
    pub tags: Vec<String>,
    pub bank: String,
    pub bank_hash: String,
    /// The bank's 背题 page (root-less), where `#q-<id>` is this question.
    pub bank_href: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuizMeta {
    pub id: String,
    pub kind: &'static str,
    pub title: String,
    pub edition: String,
    pub hash: String,
    pub bank_href: String,
    pub practice_href: String,
    pub count: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exam: Option<ExamView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DrawView {
    pub from: String,
    /// `from` in plain words: `法律法规/**` is 「法律法规（含下级分类）」.
    pub from_words: String,
    #[serde(rename = "type")]
    pub qtype: &'static str,
    pub type_label: String,
    pub count: usize,
    #[serde(serialize_with = "whole")]
    pub points: f64,
    pub pool: Vec<String>,
}

/// Whole numbers as integers (`100`, not `100.0`), so templates and scripts print them plainly.
fn whole<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ExamView {
    pub id: String,
    pub title: String,
    pub description: String,
    pub time_limit: u64,
    #[serde(serialize_with = "whole")]
    pub pass_percent: f64,
    pub question_count: usize,
    #[serde(serialize_with = "whole")]
    pub total_points: f64,
    pub shuffle_questions: bool,
    pub shuffle_options: bool,
    pub multi: Multi,
    pub collect: Vec<String>,
    pub draws: Vec<DrawView>,
}

/// Locale strings the views need.
pub struct Labels {
    pub yes: String,
    pub no: String,
    pub single: String,
    pub multi: String,
    pub tf: String,
    /// `{name}` and all categories below it (`name/**`).
    pub draw_tree: String,
    /// The categories one level below `{name}` (`name/*`).
    pub draw_children: String,
    /// Every category (`**`).
    pub draw_all: String,
}

impl Labels {
    pub fn from_locale(locale: &Value) -> Labels {
        let get = |k: &str, d: &str| {
            locale
                .get(k)
                .and_then(Value::as_str)
                .unwrap_or(d)
                .to_string()
        };
        Labels {
            yes: get("quiz_true", "正确"),
            no: get("quiz_false", "错误"),
            single: get("quiz_type_single", "单选"),
            multi: get("quiz_type_multi", "多选"),
            tf: get("quiz_type_tf", "判断"),
            draw_tree: get("quiz_draw_tree", "{name}（含下级分类）"),
            draw_children: get("quiz_draw_children", "{name}的下级分类"),
            draw_all: get("quiz_draw_all", "全部分类"),
        }
    }

    /// A draw's category pattern in plain words; a pattern with other wildcards stays as written.
    pub fn draw_from(&self, pattern: &str) -> String {
        let name = |n: &str| n.replace('/', " › ");
        if pattern == "**" || pattern == "*" {
            return self.draw_all.clone();
        }
        let (head, rule) = if let Some(h) = pattern.strip_suffix("/**") {
            (h, Some(&self.draw_tree))
        } else if let Some(h) = pattern.strip_suffix("/*") {
            (h, Some(&self.draw_children))
        } else {
            (pattern, None)
        };
        if head.contains(['*', '?', '[', '{']) {
            return pattern.to_string();
        }
        match rule {
            Some(r) => r.replace("{name}", &name(head)),
            None => name(head),
        }
    }

    fn type_label(&self, t: Option<QType>) -> String {
        match t {
            Some(QType::Tf) => self.tf.clone(),
            Some(QType::Single) => self.single.clone(),
            Some(QType::Multi) => self.multi.clone(),
            None => String::new(),
        }
    }
}

/// The HTML with the link prefix put in, escaped (it comes from site.toml's base_url).
fn rooted(html: &str, root: &str) -> String {
    html.replace(ROOT_TOKEN, &crate::html::escape(root))
}

/// The view of question `i` as the `number`th on a page whose link prefix is `root`.
pub fn question(
    set: &QuizSet,
    i: usize,
    number: usize,
    root: &str,
    labels: &Labels,
) -> QuestionView {
    let q: &Question = &set.questions[i];
    let bank = &set.banks[q.bank];
    QuestionView {
        id: q.id.clone(),
        number,
        qtype: q.qtype,
        type_label: labels.type_label(Some(q.qtype)),
        context: rooted(&q.context_html, root),
        group: q.group.clone().unwrap_or_default(),
        stem: rooted(&q.stem_html, root),
        options: option_views(q, root, labels),
        answer: q.answer.clone(),
        answer_letters: answer_letters(q),
        answer_text: answer_text(q, labels),
        explanation: rooted(&q.explanation_html, root),
        refs: q
            .refs
            .iter()
            .map(|r| Ref {
                text: r.text.clone(),
                // Root-less, like every href of the contract: the template or client adds the root.
                href: r.href.clone(),
            })
            .collect(),
        category: q.category.clone(),
        difficulty: q.difficulty.clone(),
        tags: q.tags.clone(),
        bank: bank.id.clone(),
        bank_hash: bank.hash.clone(),
        bank_href: bank.href.clone(),
    }
}

/// The letter of option `n`: `A`, `B`, …
fn letter(n: usize) -> String {
    char::from(b'A' + n as u8).to_string()
}

/// The options of a question as shown; a 判断 question gets the true and false labels.
fn option_views(q: &Question, root: &str, labels: &Labels) -> Vec<OptionView> {
    if q.qtype == QType::Tf {
        [&labels.yes, &labels.no]
            .iter()
            .enumerate()
            .map(|(n, text)| OptionView {
                letter: String::new(),
                html: crate::html::escape(text),
                pinned: true,
                correct: q.answer.contains(&n),
            })
            .collect()
    } else {
        q.options
            .iter()
            .enumerate()
            .map(|(n, o)| OptionView {
                letter: letter(n),
                html: rooted(&o.html, root),
                pinned: o.pinned,
                correct: q.answer.contains(&n),
            })
            .collect()
    }
}

/// The letters of the correct options run together (`AC`); empty for a 判断 question.
fn answer_letters(q: &Question) -> String {
    if q.qtype == QType::Tf {
        String::new()
    } else {
        q.answer.iter().map(|&n| letter(n)).collect()
    }
}

/// The answer as text: the true or false label, or the letters joined by `、`.
fn answer_text(q: &Question, labels: &Labels) -> String {
    if q.qtype == QType::Tf {
        q.answer
            .first()
            .map(|&n| {
                if n == 0 {
                    labels.yes.clone()
                } else {
                    labels.no.clone()
                }
            })
            .unwrap_or_default()
    } else {
        q.answer
            .iter()
            .map(|&n| letter(n))
            .collect::<Vec<_>>()
            .join("、")
    }
}

pub fn questions(set: &QuizSet, ids: &[usize], root: &str, labels: &Labels) -> Vec<QuestionView> {
    ids.iter()
        .enumerate()
        .map(|(n, &i)| question(set, i, n + 1, root, labels))
        .collect()
}

pub fn exam_view(set: &QuizSet, e: &Exam, labels: &Labels) -> ExamView {
    ExamView {
        id: e.id.clone(),
        title: e.title.clone(),
        description: e.description.clone(),
        time_limit: e.time_limit,
        pass_percent: e.pass_percent,
        question_count: e.question_count(),
        total_points: e.total_points(),
        shuffle_questions: e.shuffle_questions,
        shuffle_options: e.shuffle_options,
        multi: e.multi,
        collect: e.collect.clone(),
        draws: e
            .draws
            .iter()
            .map(|d| DrawView {
                from: d.from.clone(),
                from_words: labels.draw_from(&d.from),
                qtype: d.qtype.map(QType::key).unwrap_or("any"),
                type_label: labels.type_label(d.qtype),
                count: d.count,
                points: d.points,
                pool: d
                    .pool
                    .iter()
                    .map(|&q| set.questions[q].id.clone())
                    .collect(),
            })
            .collect(),
    }
}

/// `{ "quiz": …, "questions": … }`, safe inside `<script type="application/json">`.
pub fn json(meta: &QuizMeta, questions: &[QuestionView]) -> String {
    let v = serde_json::json!({ "quiz": meta, "questions": questions });
    script_safe(&serde_json::to_string(&v).unwrap_or_default())
}

/// JSON text made safe inside a `<script>` element and as JavaScript source: no `<` (so no
/// `</script>` or `<!--`), no raw line or paragraph separator.
pub fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}
