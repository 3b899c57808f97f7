//! Raw questions -> [`Question`]s, with every rule of the bank format checked. Each problem is a
//! diagnostic with a stable code, the file, line and column, a message in Chinese and English, and a
//! hint. Markdown (stems, options, 解析) is rendered here, once, with [`ROOT_TOKEN`] for links.

use super::parse::{Key, RawKey, RawQuestion};
use super::{QOption, QType, Question, Ref, ROOT_TOKEN};
use crate::corpus::Corpus;
use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::{self, annotate::Annotations, shortcodes::Registry};
use std::ops::Range;

mod refs;

const DIFFICULTIES: &[&str] = &["易", "中", "难", "easy", "medium", "hard"];

pub struct Cx<'a> {
    site: &'a Corpus<'a>,
    doc: usize,
    pub(super) shuffle: bool,
    diags: &'a mut Diagnostics,
    tera: tera::Tera,
    registry: Registry,
    glossary_href: String,
    edition_prefix: String,
    /// Raw HTML found in every fragment of the bank, reported once by [`Cx::finish`].
    raw_html: markdown::raw_html::Neutralised,
}

impl<'a> Cx<'a> {
    pub fn new(
        site: &'a Corpus<'a>,
        doc: usize,
        shuffle: bool,
        diags: &'a mut Diagnostics,
    ) -> Cx<'a> {
        Cx {
            site,
            doc,
            shuffle,
            diags,
            tera: tera::Tera::default(),
            registry: Registry::default(),
            glossary_href: site.links.href_for(crate::paths::GLOSSARY_PATH),
            edition_prefix: site.docs[doc]
                .edition
                .as_ref()
                .map(|e| format!("editions/{e}/"))
                .unwrap_or_default(),
            raw_html: Default::default(),
        }
    }

    /// Reports what was found across the whole bank (one warning per kind, not one per fragment).
    pub fn finish(self) {
        let d = &self.site.docs[self.doc];
        for w in self.raw_html.warnings(&d.display, &d.source) {
            self.diags.push(w);
        }
    }

    pub(super) fn err(&mut self, code: &'static str, msg: String, span: Range<usize>, hint: &str) {
        let d = &self.site.docs[self.doc];
        let diag = if code.starts_with("W-") {
            Diagnostic::warning(code, msg)
        } else {
            Diagnostic::error(code, msg)
        };
        self.diags.push(
            diag.in_file(d.display.clone())
                .at(&d.source, span)
                .with_hint(hint.to_string()),
        );
    }

    /// Renders a Markdown fragment that starts at byte `at` of the bank file.
    fn md(&mut self, text: &str, at: usize) -> String {
        let site = self.site;
        let d = &site.docs[self.doc];
        let ann = Annotations {
            laws: site.laws,
            law_hrefs: site.law_hrefs,
            law_files: site.law_files,
            glossary: None,
            glossary_href: &self.glossary_href,
        };
        let out = markdown::render(&markdown::Input {
            body: text,
            body_offset: at,
            source: &d.source,
            file: &d.display,
            links: site.links,
            root: ROOT_TOKEN,
            shortcodes: &self.registry,
            tera: &self.tera,
            locale: &serde_json::Value::Null,
            highlight: site.config.markdown.highlight_code,
            raw_html: site.config.markdown.raw_html,
            annotations: Some(&ann),
            mark_terms: false,
            law_articles: false,
            cited_by: None,
            cited_by_label: "",
            templates_ok: false,
            edition_prefix: &self.edition_prefix,
        });
        self.diags.extend(out.diagnostics);
        self.raw_html.extend(out.raw_html);
        out.html
    }

    /// Converts one raw question (a 组合 group gives one question per sub-question).
    pub fn convert(&mut self, raw: &RawQuestion, bank: usize, category: &str) -> Vec<Question> {
        if raw.kind.trim() == "组合" || raw.kind.eq_ignore_ascii_case("group") {
            if raw.subs.is_empty() {
                self.err(
                    "E-Q-GROUP",
                    "组合题没有子题 (a 组合 group has no sub-questions)".into(),
                    raw.heading.clone(),
                    "write each sub-question under a `### 单选` / `### 判断` / `### 多选` heading",
                );
                return Vec::new();
            }
            let context = self.md(&raw.stem, raw.stem_at);
            let group_id = raw.id.clone().unwrap_or_else(|| derived_id(&raw.stem));
            let mut out = Vec::new();
            for (n, sub) in raw.subs.iter().enumerate() {
                let mut sub = sub.clone();
                if sub.id.is_none() {
                    sub.id = Some(format!("{group_id}-{}", n + 1));
                }
                if let Some(mut q) = self.single(&sub, bank, category) {
                    q.group = Some(group_id.clone());
                    q.context_html = context.clone();
                    let mut h = crate::hash::Fnv::default();
                    h.field(&raw.stem).field(&q.hash);
                    q.hash = h.hex();
                    out.push(q);
                }
            }
            return out;
        }
        self.single(raw, bank, category).into_iter().collect()
    }

    fn single(&mut self, raw: &RawQuestion, bank: usize, category: &str) -> Option<Question> {
        let Some(qtype) = QType::from_word(&raw.kind) else {
            self.err(
                "E-Q-TYPE",
                format!("未知题型「{}」(unknown question type `{}`)", raw.kind, raw.kind),
                raw.heading.clone(),
                "start each question with `## 判断`, `## 单选`, `## 多选` or `## 组合` (or tf, single, multi), then an optional {#id}",
            );
            return None;
        };
        self.check_stem_and_subs(raw);
        let answer = self.answer(raw, qtype);
        if qtype != QType::Tf {
            self.check_options(raw);
        }
        let explanation = find_key(raw, Key::Explanation).cloned();
        if let (true, true, Some(e)) = (self.shuffle, qtype != QType::Tf, &explanation) {
            self.check_explanation_letters(e);
        }
        let difficulty = self.difficulty(raw);
        let refs: Vec<Ref> = raw
            .keys
            .iter()
            .filter(|k| k.key == Key::Ref)
            .flat_map(|k| self.refs(k))
            .collect();
        let tags = tags(raw);

        let stem_html = self.md(&raw.stem, raw.stem_at);
        let options = self.options(raw);
        let explanation_html = explanation
            .as_ref()
            .map(|e| self.md(&e.value, e.value_at))
            .unwrap_or_default();
        Some(Question {
            id: raw.id.clone().unwrap_or_else(|| derived_id(&raw.stem)),
            qtype,
            bank,
            group: None,
            context_html: String::new(),
            stem_html,
            options: if qtype == QType::Tf {
                Vec::new()
            } else {
                options
            },
            answer,
            explanation_html,
            refs,
            difficulty,
            tags,
            category: category.to_string(),
            hash: content_hash(raw, qtype),
            heading: raw.heading.clone(),
        })
    }

    /// Checks that the question has a stem and, not being a 组合 group, no sub-questions.
    fn check_stem_and_subs(&mut self, raw: &RawQuestion) {
        if raw.stem.trim().is_empty() {
            self.err(
                "E-Q-STEM",
                "题干为空 (the question has no stem)".into(),
                raw.heading.clone(),
                "write the question text on the lines after the heading",
            );
        }
        if !raw.subs.is_empty() {
            self.err(
                "E-Q-GROUP",
                "只有组合题可以有子题 (only a 组合 group has sub-questions)".into(),
                raw.subs[0].heading.clone(),
                "change the heading to `## 组合`, or remove the `###` headings",
            );
        }
    }

    /// The indices of the correct answers, reporting a missing or invalid 答案 line.
    fn answer(&mut self, raw: &RawQuestion, qtype: QType) -> Vec<usize> {
        match (find_key(raw, Key::Answer), qtype) {
            (None, _) => {
                self.err(
                    "E-Q-ANSWER-MISSING",
                    "没有答案 (the question has no answer)".into(),
                    raw.heading.clone(),
                    "add a line such as `答案：A` (or `答案：正确` for 判断)",
                );
                Vec::new()
            }
            (Some(k), qtype) => {
                // Text on the lines under `答案：` is one mistake, not one per character.
                let first = k.value.lines().next().unwrap_or("").to_string();
                let k = if first.len() < k.value.trim_end().len() {
                    let rest = k.value_at + k.value.find('\n').map_or(0, |i| i + 1);
                    let end = k.value_at + k.value.trim_end().len();
                    self.err(
                        "E-Q-ANSWER-TEXT",
                        "答案下面的文字无法识别 (text under the 答案 line is not part of any key)".into(),
                        rest..end.max(rest),
                        "write the answer on one line; put explanations after `解析：` and citations after `依据：`",
                    );
                    &RawKey {
                        value: first,
                        ..k.clone()
                    }
                } else {
                    k
                };
                if qtype == QType::Tf {
                    self.tf_answer(raw, k)
                } else {
                    self.choice_answer(raw, k, qtype)
                }
            }
        }
    }

    /// Reports a 解析 that names an option letter, which shuffling would make wrong.
    fn check_explanation_letters(&mut self, e: &RawKey) {
        if let Some(at) = names_a_letter(&e.value) {
            self.err(
                "E-Q-EXPLAIN-LETTER",
                "解析里提到了选项字母，但选项会被打乱 (the 解析 names an option letter, but options are shuffled)".into(),
                e.value_at + at..e.value_at + at + 1,
                "explain by content (\"产品合格证明\") instead of by letter (\"选B\"), or set `shuffle_options = false` in the bank's front matter",
            );
        }
    }

    /// The 难度 of the question ("" when not given), reporting an unknown one.
    fn difficulty(&mut self, raw: &RawQuestion) -> String {
        let difficulty = find_key(raw, Key::Difficulty)
            .map(|k| k.value.clone())
            .unwrap_or_default();
        if !difficulty.is_empty() && !DIFFICULTIES.contains(&difficulty.as_str()) {
            let span = find_key(raw, Key::Difficulty)
                .map(|k| k.span.clone())
                .unwrap_or_default();
            self.err(
                "E-Q-DIFFICULTY",
                format!("难度「{difficulty}」无效 (unknown difficulty `{difficulty}`)"),
                span,
                "use 易, 中 or 难 (or easy, medium, hard)",
            );
        }
        difficulty
    }

    /// The options of the question, each rendered as inline Markdown.
    fn options(&mut self, raw: &RawQuestion) -> Vec<QOption> {
        raw.options
            .iter()
            .map(|o| QOption {
                html: unwrap_paragraph(self.md(&o.text, o.text_at)),
                text: o.text.clone(),
                pinned: o.pinned,
            })
            .collect()
    }
}

/// The first key line of the given key in a question.
fn find_key(raw: &RawQuestion, k: Key) -> Option<&RawKey> {
    raw.keys.iter().find(|x| x.key == k)
}

/// The 标签 of a question, split on ASCII and Chinese separators.
fn tags(raw: &RawQuestion) -> Vec<String> {
    find_key(raw, Key::Tags)
        .map(|k| {
            k.value
                .split([',', '，', '、', ';', '；'])
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// The hash of the question's source (type, stem, options and keys), for content hashes of quizzes.
fn content_hash(raw: &RawQuestion, qtype: QType) -> String {
    let mut h = crate::hash::Fnv::default();
    h.field(qtype.key()).field(&raw.stem);
    for o in &raw.options {
        h.field(&o.text).field(if o.pinned { "1" } else { "0" });
    }
    for k in &raw.keys {
        h.field(&k.value);
    }
    h.hex()
}

/// An id from the stem, for questions written without `{#id}`.
fn derived_id(stem: &str) -> String {
    let norm: String = stem.chars().filter(|c| !c.is_whitespace()).collect();
    format!("q-{}", &crate::hash::hex(&norm)[..10])
}

/// `<p>text</p>\n` -> `text`, so short options render inline.
fn unwrap_paragraph(html: String) -> String {
    let t = html.trim_end();
    match t.strip_prefix("<p>").and_then(|r| r.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html,
    }
}

/// Byte offset of an option letter named in a 解析 (选B, B项, 答案A, 选项C, A选项…), if any.
pub(crate) fn names_a_letter(text: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (n, &(at, c)) in chars.iter().enumerate() {
        if !('A'..='H').contains(&c) {
            continue;
        }
        let prev = n.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(n + 1).map(|x| x.1);
        // A letter inside an English word or code (HACCP, GB) is not an option letter.
        if prev.is_some_and(|p| p.is_ascii_alphanumeric())
            || next.is_some_and(|x| x.is_ascii_alphanumeric())
        {
            continue;
        }
        let before: String = chars[n.saturating_sub(3)..n].iter().map(|x| x.1).collect();
        let after: String = chars[n + 1..(n + 3).min(chars.len())]
            .iter()
            .map(|x| x.1)
            .collect();
        if before.ends_with('选')
            || before.ends_with("选项")
            || before.ends_with("答案")
            || before.ends_with("答案为")
            || before.ends_with("答案是")
            || after.starts_with('项')
            || after.starts_with("选项")
            || after.starts_with('对')
            || after.starts_with('错')
        {
            return Some(at);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_in_explanations() {
        assert!(names_a_letter("所以选B。").is_some());
        assert!(names_a_letter("B项错误").is_some());
        assert!(names_a_letter("答案为C，因为").is_some());
        assert!(names_a_letter("选项D说的是").is_some());
        assert!(names_a_letter("HACCP 的原理，GB 14881 规定").is_none());
        assert!(names_a_letter("营业执照不能替代合格证明").is_none());
    }

    #[test]
    fn options_render_inline() {
        assert_eq!(unwrap_paragraph("<p>营业执照</p>\n".into()), "营业执照");
        assert_eq!(
            unwrap_paragraph("<p>a</p>\n<p>b</p>\n".into()),
            "<p>a</p>\n<p>b</p>\n"
        );
    }
}
