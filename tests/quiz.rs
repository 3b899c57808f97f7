//! Question banks, exam blueprints and quiz pages (tests/fixtures/quiz/), and one fixture per
//! validation rule under tests/fixtures/invalid/q-*/ and exam-*/, each error text snapshotted.

mod common;

use serde_json::Value;

/// The JSON a quiz page embeds for the client.
fn quiz_json(html: &str) -> Value {
    let start = "data-quiz-json>";
    let s = html.find(start).expect("quiz JSON in page") + start.len();
    let e = html[s..].find("</script>").unwrap() + s;
    serde_json::from_str(&html[s..e]).expect("valid JSON")
}

fn question<'a>(json: &'a Value, id: &str) -> &'a Value {
    json["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == id)
        .unwrap_or_else(|| panic!("no question {id}"))
}

/// The questions of an exam's `pool.js`: `(window.shianPools = …)["<quiz id>"] = {…};`.
fn exam_pool(site: &common::Site, file: &str, quiz_id: &str) -> Value {
    let js = site.read(file);
    let head = format!("(window.shianPools = window.shianPools || {{}})[\"{quiz_id}\"] = ");
    let body = js
        .strip_prefix(&head)
        .and_then(|b| b.trim_end().strip_suffix(';'))
        .unwrap_or_else(|| panic!("{file} is not a pool script: {}", &js[..js.len().min(120)]));
    assert!(!body.contains('<'), "script-safe");
    serde_json::from_str(body).expect("valid JSON")
}

fn built() -> common::Site {
    let site = common::site("quiz");
    site.build_ok();
    site
}

#[test]
fn a_bank_page_holds_every_question_with_answers_and_references() {
    let site = built();
    let html = site.read("banks/law/fsl/index.html");
    let json = quiz_json(&site.read("banks/law/fsl/practice/index.html"));
    assert_eq!(json["quiz"]["edition"], "2024");
    assert_eq!(json["questions"].as_array().unwrap().len(), 4);
    let q = question(&json, "fsl-050");
    assert_eq!(q["type"], "single");
    assert_eq!(q["answer"], serde_json::json!([0]));
    assert_eq!(q["answer_letters"], "A");
    assert_eq!(
        q["refs"][0]["href"], "laws/fsl/#art-50",
        "root-less, per the theme contract"
    );
    assert_eq!(q["difficulty"], "易");
    assert_eq!(q["tags"], serde_json::json!(["进货查验", "采购"]));
    assert!(q["explanation"]
        .as_str()
        .unwrap()
        .contains("<strong>产品合格证明</strong>"));
    let multi = question(&json, "fsl-034");
    assert_eq!(multi["answer"], serde_json::json!([0, 1]));
    assert_eq!(multi["options"][3]["pinned"], true);
    let tf = question(&json, "fsl-045");
    assert_eq!(tf["options"][0]["html"], "正确");
    assert_eq!(tf["answer_text"], "正确");
    let derived: Vec<&Value> = json["questions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["id"].as_str().unwrap().starts_with("q-"))
        .collect();
    assert_eq!(
        derived.len(),
        1,
        "an id is derived from the stem when none is given"
    );
    assert_eq!(
        derived[0]["answer"],
        serde_json::json!([1]),
        "错误 is the second tf option"
    );
    for id in ["fsl-050", "fsl-045", "fsl-034"] {
        assert!(
            html.contains(&format!("id=\"{id}\"")) || html.contains(&format!("data-qid=\"{id}\"")),
            "{id} on page"
        );
    }
    assert!(
        !html.contains("开头说明"),
        "text before the first question is not a question"
    );
    // The browse page shows answers, 解析 and linked 依据 without any script.
    assert!(
        html.contains("href=\"/laws/fsl/#art-50\""),
        "依据 linked on the browse page"
    );
    assert!(html.contains("进货查验要查许可证和<strong>产品合格证明</strong>"));
}

#[test]
fn groups_share_their_stem_and_options_may_hold_images() {
    let site = built();
    let json = quiz_json(&site.read("banks/knowledge/trace/practice/index.html"));
    let a = question(&json, "case-1a");
    let b = question(&json, "case-1b");
    assert_eq!(a["group"], "case-1");
    assert!(a["context"].as_str().unwrap().contains("<table>"), "{a}");
    assert_eq!(a["context"], b["context"]);
    assert_eq!(b["type"], "tf");
    let t = question(&json, "trace-01");
    assert!(
        t["options"][0]["html"]
            .as_str()
            .unwrap()
            .contains("src=\"/img/box.svg\""),
        "{t}"
    );
}

#[test]
fn practice_category_hub_wrong_and_exam_pages_are_generated() {
    let site = built();
    let practice = quiz_json(&site.read("banks/law/fsl/practice/index.html"));
    assert_eq!(practice["quiz"]["kind"], "practice");
    assert_eq!(practice["quiz"]["id"], "practice/law/fsl");
    let hub = site.read("quiz/index.html");
    for c in [
        "法律法规",
        "法律法规/食品安全法",
        "专业知识",
        "专业知识/追溯",
    ] {
        assert!(hub.contains(c), "hub lists category {c}");
    }
    assert!(hub.contains("测试模拟考试"));
    let cat = shian::hash::hex("法律法规");
    let cat_page = quiz_json(&site.read(&format!("quiz/category/{}/index.html", &cat[..10])));
    assert_eq!(cat_page["questions"].as_array().unwrap().len(), 4);
    assert!(site.exists("quiz/wrong/index.html"));

    let exam = quiz_json(&site.read("exams/mock/index.html"));
    let e = &exam["quiz"]["exam"];
    assert_eq!(e["question_count"], 6);
    assert_eq!(e["total_points"], 100.0);
    assert_eq!(e["time_limit"], 600);
    assert_eq!(e["pass_percent"], 80.0);
    assert_eq!(e["multi"], "all-or-nothing");
    assert_eq!(e["collect"], serde_json::json!(["姓名", "企业"]));
    assert_eq!(e["draws"][0]["type"], "tf");
    assert_eq!(e["draws"][0]["pool"].as_array().unwrap().len(), 2);
    assert_eq!(e["draws"][2]["pool"].as_array().unwrap().len(), 3);
    assert_eq!(e["draws"][0]["from_words"], "法律法规（含下级分类）");
    // The page carries the rules and the form, no question: the pool is a script beside it.
    assert_eq!(exam["questions"].as_array().unwrap().len(), 0);
    let html = site.read("exams/mock/index.html");
    assert!(html.contains("<script src=\"/exams/mock/pool.js\" async data-exam-pool>"));
    let pool = exam_pool(&site, "exams/mock/pool.js", "exam/mock");
    let ids: Vec<&str> = pool["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 6, "every pool question ships: {ids:?}");
    for q in pool["questions"].as_array().unwrap() {
        assert!(
            q["bank_href"].as_str().unwrap().starts_with("banks/"),
            "{q}"
        );
        assert!(
            !html.contains(q["stem"].as_str().unwrap()),
            "no stem in the page"
        );
    }
    let sitemap = site.read("sitemap.xml");
    assert!(
        sitemap.contains("https://example.org/exams/mock/")
            && sitemap.contains("https://example.org/quiz/")
    );
    assert!(!sitemap.contains("quiz/wrong/"));
}

#[test]
fn an_exam_pool_holds_only_what_its_draws_can_take() {
    let site = common::site("quiz");
    site.write(
        "content/exams/law-only.toml",
        "title = \"只考法律\"\ntime_limit = \"5m\"\npass_percent = 60\n\n[[draw]]\nfrom = \"法律法规/*\"\ntype = \"判断\"\ncount = 1\npoints = 1\n",
    );
    site.build_ok();
    let exam = quiz_json(&site.read("exams/law-only/index.html"));
    assert_eq!(
        exam["quiz"]["exam"]["draws"][0]["from_words"],
        "法律法规的下级分类"
    );
    let pool = exam_pool(&site, "exams/law-only/pool.js", "exam/law-only");
    let qs = pool["questions"].as_array().unwrap();
    assert!(!qs.is_empty());
    for q in qs {
        assert_eq!(q["type"], "tf", "{q}");
        assert!(
            q["category"].as_str().unwrap().starts_with("法律法规/"),
            "{q}"
        );
    }
}

#[test]
fn the_quiz_shortcode_embeds_a_practice_set() {
    let site = built();
    let html = site.read("lesson-page/index.html");
    let json = quiz_json(&html);
    assert_eq!(json["questions"].as_array().unwrap().len(), 2);
    assert_eq!(json["quiz"]["practice_href"], "banks/law/fsl/practice/");
    site.write(
        "content/lesson-page.md",
        "+++\ntitle = \"x\"\n+++\n\n{{ quiz(bank=\"law/nope\") }}\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("no bank `law/nope`; banks: knowledge/trace, law/fsl"),
        "{err}"
    );
}

#[test]
fn question_html_follows_the_page_depth_in_relative_mode() {
    let site = common::site("quiz");
    site.build_with(|o| o.relative = true).unwrap();
    let cat = shian::hash::hex("专业知识");
    let json = quiz_json(&site.read(&format!("quiz/category/{}/index.html", &cat[..10])));
    let t = question(&json, "trace-01");
    assert!(
        t["options"][0]["html"]
            .as_str()
            .unwrap()
            .contains("src=\"../../../img/box.svg\""),
        "{t}"
    );
    let bank = quiz_json(&site.read("banks/law/fsl/practice/index.html"));
    assert_eq!(
        question(&bank, "fsl-050")["refs"][0]["href"],
        "laws/fsl/index.html#art-50"
    );
    // The exam's pool sits beside its page and uses the page's root.
    let pool = exam_pool(&site, "exams/mock/pool.js", "exam/mock");
    let t = question(&pool, "trace-01");
    assert!(
        t["options"][0]["html"]
            .as_str()
            .unwrap()
            .contains("src=\"../../img/box.svg\""),
        "{t}"
    );
    assert!(site
        .read("exams/mock/index.html")
        .contains("<script src=\"../../exams/mock/pool.js\" async data-exam-pool>"));
}

#[test]
fn the_bank_hash_changes_only_with_its_questions() {
    let site = built();
    let hash = |s: &common::Site| {
        quiz_json(&s.read("banks/law/fsl/practice/index.html"))["quiz"]["hash"].clone()
    };
    let before = hash(&site);
    site.write("content/about.md", "+++\ntitle = \"关于\"\n+++\n");
    site.build_ok();
    assert_eq!(hash(&site), before);
    let path = site.root.join("content/banks/law/fsl.md");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("税务登记证", "税务登记");
    std::fs::write(&path, text).unwrap();
    site.build_ok();
    assert_ne!(hash(&site), before);
}

fn rule(case: &str, code: &str, location: &str) {
    let site = common::site(&format!("invalid/{case}"));
    let text = match site.build_with(|o| o.strict = true) {
        Ok(_) => panic!("{case} should fail"),
        Err(d) => d.render_plain(),
    };
    assert!(
        text.contains(&format!("[{code}]")),
        "{case}: no {code} in\n{text}"
    );
    assert!(text.contains(location), "{case}: no {location} in\n{text}");
    assert!(text.contains("hint:"), "{case}: no hint in\n{text}");
    insta::assert_snapshot!(case, text);
}

#[test]
fn rule_answer_missing() {
    rule(
        "q-answer-missing",
        "E-Q-ANSWER-MISSING",
        "content/banks/law.md:5:1",
    );
}
#[test]
fn rule_answer_letter_not_an_option() {
    rule(
        "q-answer-letter",
        "E-Q-ANSWER-LETTER",
        "content/banks/law.md:11:4",
    );
}
#[test]
fn rule_tf_with_options() {
    rule("q-tf-options", "E-Q-TF-OPTIONS", "content/banks/law.md:8:1");
}
#[test]
fn rule_tf_answer() {
    rule("q-tf-answer", "E-Q-TF-ANSWER", "content/banks/law.md:8:1");
}
#[test]
fn rule_single_with_several_answers() {
    rule(
        "q-single-answers",
        "E-Q-SINGLE-ANSWERS",
        "content/banks/law.md:12:1",
    );
}
#[test]
fn rule_multi_with_one_answer_is_a_warning() {
    rule("q-multi-one", "W-Q-MULTI-ONE", "content/banks/law.md:12:1");
    let site = common::site("invalid/q-multi-one");
    let r = site.build_ok();
    assert!(r.warnings.render_plain().contains("warning[W-Q-MULTI-ONE]"));
}
#[test]
fn rule_duplicate_option_text() {
    rule(
        "q-option-dup",
        "E-Q-OPTION-DUP",
        "content/banks/law.md:10:1",
    );
}
#[test]
fn rule_duplicate_id_across_banks() {
    rule("q-id-dup", "E-Q-ID-DUP", "content/banks/more/other.md:5:1");
}
#[test]
fn rule_all_of_the_above_must_be_pinned() {
    rule("q-pin", "E-Q-PIN", "content/banks/law.md:10:1");
}
#[test]
fn rule_explanation_names_a_letter() {
    rule(
        "q-explain-letter",
        "E-Q-EXPLAIN-LETTER",
        "content/banks/law.md:12:",
    );
}
#[test]
fn rule_reference_to_unknown_article_is_a_warning() {
    rule("q-ref", "W-Q-REF", "content/banks/law.md:9:4");
}
#[test]
fn rule_unknown_type() {
    rule("q-type", "E-Q-TYPE", "content/banks/law.md:5:1");
}
#[test]
fn rule_empty_stem() {
    rule("q-stem", "E-Q-STEM", "content/banks/law.md:5:1");
}
#[test]
fn rule_too_few_options() {
    rule("q-options", "E-Q-OPTIONS", "content/banks/law.md:5:1");
}
#[test]
fn rule_group_without_sub_questions() {
    rule("q-group", "E-Q-GROUP", "content/banks/law.md:5:1");
}
#[test]
fn rule_unknown_difficulty() {
    rule("q-difficulty", "E-Q-DIFFICULTY", "content/banks/law.md:9:1");
}
#[test]
fn rule_exam_draw_larger_than_pool() {
    rule("exam-pool", "E-EXAM-POOL", "content/exams/mock.toml:6:9");
}
#[test]
fn rule_exam_unreachable_pass_mark() {
    rule("exam-pass", "E-EXAM-PASS", "content/exams/mock.toml:2:16");
}
#[test]
fn rule_exam_preset_samr_2019() {
    rule(
        "exam-preset",
        "E-EXAM-PRESET",
        "content/exams/mock.toml:3:16",
    );
    let text = common::site("invalid/exam-preset").build_err();
    assert!(
        text.contains("samr-2019 requires at least 30 questions, the draws give 8"),
        "{text}"
    );
}
#[test]
fn rule_exam_unknown_key() {
    rule("exam-key", "E-EXAM-KEY", "content/exams/mock.toml:2:1");
}
#[test]
fn rule_exam_time_limit() {
    rule("exam-time", "E-EXAM-TIME", "content/exams/mock.toml:2:14");
}
#[test]
fn rule_exam_bad_values() {
    rule("exam-value", "E-EXAM-VALUE", "content/exams/mock.toml:2:16");
}
#[test]
fn rule_exam_absurd_numbers_are_errors_not_overflows() {
    rule("exam-absurd", "E-EXAM-TIME", "content/exams/mock.toml:2:14");
    let text = common::site("invalid/exam-absurd").build_err();
    assert!(
        text.contains("count must be from 1 to 10000, found 99999999999"),
        "{text}"
    );
    assert!(
        text.contains("points must be a number more than 0, found NaN"),
        "{text}"
    );
    assert_eq!(
        text.matches("error[").count(),
        3,
        "one error per mistake: {text}"
    );
}
#[test]
fn rule_exam_without_draws() {
    rule("exam-draw", "E-EXAM-DRAW", "content/exams/mock.toml");
}

/// Gzipped size of every script a page loads (the files it names with `<script src>`).
fn script_bytes_gzipped(site: &common::Site, page: &str) -> (usize, Vec<String>) {
    use flate2::{write::GzEncoder, Compression};
    use std::io::Write;
    let html = site.read(page);
    let mut total = 0;
    let mut names = Vec::new();
    for part in html.split("<script src=\"").skip(1) {
        let src = part.split('"').next().unwrap();
        // An exam's question pool is data (checked by size in tests/weight.rs), not code.
        if part.split('>').next().unwrap().contains("data-exam-pool") {
            continue;
        }
        let path = src.trim_start_matches('/');
        let bytes = std::fs::read(site.out().join(path)).unwrap_or_else(|e| panic!("{src}: {e}"));
        let mut gz = GzEncoder::new(Vec::new(), Compression::best());
        gz.write_all(&bytes).unwrap();
        total += gz.finish().unwrap().len();
        names.push(path.to_string());
    }
    let inline: usize = html.matches("<script>").count();
    assert_eq!(inline, 0, "{page}: no inline scripts");
    (total, names)
}

#[test]
fn quiz_pages_load_at_most_30_kb_of_gzipped_javascript() {
    let site = built();
    for page in [
        "exams/mock/index.html",
        "banks/law/fsl/practice/index.html",
        "quiz/wrong/index.html",
        "quiz/index.html",
        "lesson-page/index.html",
    ] {
        let (bytes, names) = script_bytes_gzipped(&site, page);
        assert!(!names.is_empty(), "{page} loads its scripts");
        assert!(
            bytes <= 30 * 1024,
            "{page}: {bytes} bytes gzipped ({names:?})"
        );
    }
}

#[test]
fn rule_text_under_the_answer_is_one_error() {
    rule(
        "q-answer-text",
        "E-Q-ANSWER-TEXT",
        "content/banks/law.md:12:1",
    );
}
