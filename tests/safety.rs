//! Safe by default (docs/reliability.md): HTML written in Markdown (pages, question stems, options,
//! 解析, imported banks) is shown as text with one warning per file; heading attributes keep only
//! harmless names; `javascript:`/`vbscript:`/`data:` links are errors; `[markdown] raw_html = true`
//! lets HTML through; every page carries a Content-Security-Policy that allows no other origin.

mod common;

fn warnings(r: &shian::BuildResult) -> Vec<(String, String)> {
    r.warnings
        .iter()
        .map(|d| (d.code.to_string(), d.location()))
        .collect()
}

#[test]
fn raw_html_is_escaped_and_warned_about_once_per_file() {
    let site = common::site("raw-html");
    let r = site.build_ok();
    let lesson = site.read("lesson/index.html");
    assert!(
        lesson.contains("<p>&lt;script&gt;window.__xss('block')&lt;/script&gt;</p>"),
        "{lesson}"
    );
    assert!(
        lesson.contains("&lt;img src=data:, onerror="),
        "inline tags are text"
    );
    assert!(
        lesson.contains("&lt;div&gt;\n**不会被解析**"),
        "HTML blocks are text"
    );
    assert!(!lesson.contains("<script>window"), "no raw script");
    assert!(
        lesson.contains(r#"<h2 id="t" class="note" lang="zh">"#),
        "id, class and lang are kept"
    );
    assert!(!lesson.contains("onclick") && !lesson.contains("color:red"));
    let home = site.read("index.html");
    assert!(!home.contains("编者注"), "comments are dropped");
    let practice = site.read("banks/b/practice/index.html");
    for raw in [
        "<b onmouseover",
        "<img src=data:, onerror=alert",
        "<script>alert(2)",
    ] {
        assert!(!practice.contains(raw), "{raw} in the practice page");
    }
    assert!(
        practice.contains("&lt;b onmouseover="),
        "the stem shows the text"
    );
    assert_eq!(
        warnings(&r),
        [
            ("W-HTML-RAW".into(), "content/banks/b.md:7:4".into()),
            ("W-HTML-ATTR".into(), "content/lesson.md:5:1".into()),
            ("W-HTML-RAW".into(), "content/lesson.md:7:1".into()),
        ],
        "one warning per kind and file, at the first place"
    );
    let text = r.warnings.render_plain();
    assert!(text.contains("also on lines 9, 13"), "{text}");
    assert!(
        text.contains("heading attributes `onclick`, `style` dropped"),
        "{text}"
    );
}

#[test]
fn strict_builds_refuse_raw_html() {
    let site = common::site("raw-html");
    let o = site.cli(&["build", "--strict"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("error[W-HTML-RAW]"));
    assert!(!site.out().exists(), "nothing written");
}

#[test]
fn a_site_that_opts_in_gets_commonmark_html() {
    let site = common::site("raw-html");
    let toml = std::fs::read_to_string(site.root.join("site.toml")).unwrap();
    site.write(
        "site.toml",
        &format!("{toml}\n[markdown]\nraw_html = true\n"),
    );
    let r = site.build_ok();
    assert!(warnings(&r).is_empty(), "{:?}", warnings(&r));
    let lesson = site.read("lesson/index.html");
    assert!(lesson.contains("<script>window.__xss('block')</script>"));
    assert!(lesson.contains(r#"onclick="alert(1)""#), "{lesson}");
}

#[test]
fn script_links_are_errors_even_with_raw_html() {
    let site = common::site("raw-html");
    site.write(
        "content/links.md",
        "+++\ntitle = \"链接\"\n+++\n\n[a](javascript:alert(1)) [b]( VBScript:x) ![c](data:text/html,x)\n[d](java\tscript:x) <javascript:alert(1)>\n",
    );
    let toml = std::fs::read_to_string(site.root.join("site.toml")).unwrap();
    site.write(
        "site.toml",
        &format!("{toml}\n[markdown]\nraw_html = true\n"),
    );
    let text = site.build_err();
    assert_eq!(text.matches("error[E-LINK-SCHEME]").count(), 4, "{text}");
    for loc in [
        "content/links.md:5:1",
        "content/links.md:5:26",
        "content/links.md:5:43",
        "content/links.md:6:20",
    ] {
        assert!(text.contains(loc), "{loc} in {text}");
    }
}

#[test]
fn imported_banks_follow_the_same_policy() {
    let site = common::site("interchange");
    std::fs::write(
        site.root.join("题.txt"),
        "一、单项选择题\n1. 题干<script>alert(1)</script>（ ）\nA. <img src=x onerror=alert(2)>\nB. 选项\n答案：A\n",
    )
    .unwrap();
    let o = site.cli(&[
        "quiz",
        "import",
        "题.txt",
        "--out",
        "content/banks/imported.md",
        "--category",
        "综合",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let r = site.build_ok();
    let codes: Vec<_> = warnings(&r)
        .into_iter()
        .filter(|(c, _)| c == "W-HTML-RAW")
        .collect();
    assert_eq!(codes.len(), 1, "{codes:?}");
    assert!(
        codes[0].1.starts_with("content/banks/imported.md:"),
        "{codes:?}"
    );
    let page = site.read("banks/imported/index.html");
    assert!(
        !page.contains("<script>alert(1)") && !page.contains("<img src=x"),
        "{page}"
    );
}
