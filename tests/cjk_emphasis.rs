//! CJK-friendly emphasis (the markdown-cjk-friendly amendment) on the patterns regulatory text is
//! written in: a bold label ending in full-width punctuation followed by more bold text, numbered
//! bold headings inside a sentence, bold links side by side; code and escapes untouched, and plain
//! ASCII emphasis exactly as CommonMark has it.

fn html(md: &str) -> String {
    shian::markdown::render_standalone(md).trim().to_string()
}

#[test]
fn two_bold_spans_after_full_width_punctuation_do_not_nest() {
    assert_eq!(
        html("**注意：**先看**说明**再操作"),
        "<p><strong>注意：</strong>先看<strong>说明</strong>再操作</p>"
    );
    assert_eq!(
        html("**一、**基本情况和**二、**主要措施"),
        "<p><strong>一、</strong>基本情况和<strong>二、</strong>主要措施</p>"
    );
    assert_eq!(
        html("*强调：*文字，**加粗：**文字"),
        "<p><em>强调：</em>文字，<strong>加粗：</strong>文字</p>"
    );
    assert_eq!(
        html("[**甲：**](https://a.example/)和[**乙：**](https://b.example/)"),
        "<p><a href=\"https://a.example/\"><strong>甲：</strong></a>和<a href=\"https://b.example/\"><strong>乙：</strong></a></p>"
    );
}

#[test]
fn code_escapes_and_ascii_keep_commonmark_behaviour() {
    assert_eq!(
        html("`**代码：**`文字"),
        "<p><code>**代码：**</code>文字</p>"
    );
    assert_eq!(html("\\*\\*转义：\\*\\*文字"), "<p>**转义：**文字</p>");
    assert_eq!(
        html("English **bold** and *em*"),
        "<p>English <strong>bold</strong> and <em>em</em></p>"
    );
    assert_eq!(html("a**b**c"), "<p>a<strong>b</strong>c</p>");
    assert_eq!(
        html("**a**b**c**"),
        "<p><strong>a</strong>b<strong>c</strong></p>"
    );
    assert!(
        html("```\n**注意：**先看\n```").contains("**注意：**先看"),
        "code blocks untouched"
    );
}

/// The CJK-friendly suite (tests/fixtures/cjk-friendly/cases.toml: the upstream amendment's test
/// cases with the reference implementation's output, and shian's own regulatory-text patterns).
#[test]
fn the_cjk_friendly_suite() {
    #[derive(serde::Deserialize)]
    struct Case {
        name: String,
        md: String,
        html: String,
    }
    #[derive(serde::Deserialize)]
    struct Suite {
        case: Vec<Case>,
    }
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/cjk-friendly/cases.toml"
    );
    let suite: Suite = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(suite.case.len() >= 200, "{} cases", suite.case.len());
    let mut failed = Vec::new();
    for c in &suite.case {
        let got = decorations_removed(&html(&c.md));
        if got != c.html {
            failed.push(format!(
                "{}\n  md:   {:?}\n  want: {}\n  got:  {}",
                c.name, c.md, c.html, got
            ));
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} cases differ:\n{}",
        failed.len(),
        suite.case.len(),
        failed.join("\n")
    );
}

/// shian's heading anchors and ids and its code-block class are its own decoration, not part of the
/// emphasis rules.
fn decorations_removed(html: &str) -> String {
    let html = &html.replace("<pre class=\"code\">", "<pre>");
    let anchor = regex::Regex::new(
        r#" <a class="anchor" href="[^"]*" aria-hidden="true" tabindex="-1">#</a>"#,
    )
    .unwrap();
    let id = regex::Regex::new(r#"<(h[1-6]) id="[^"]*">"#).unwrap();
    let s = anchor.replace_all(html, "");
    id.replace_all(&s, "<$1>").into_owned()
}
