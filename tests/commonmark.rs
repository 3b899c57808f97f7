//! Every example of the CommonMark 0.31.2 spec (tests/fixtures/commonmark/spec.json) through
//! shian's Markdown stage, with raw HTML let through (`[markdown] raw_html = true`: the spec's own
//! setting; the default escapes it, docs/reliability.md). The output is compared after removing
//! shian's documented decorations (heading ids and anchor links, the `code` class and highlighting
//! of code blocks) and a light normalisation (whitespace between tags, `&quot;` in text). The
//! examples that differ on purpose are listed in `KEPT` with the reason; the test fails if any other
//! example differs, and also if a listed one starts to pass (so the list stays true).

use std::collections::BTreeMap;

/// Examples whose output differs on purpose, and why. None today: every difference is one of the
/// decorations removed below.
const KEPT: &[(u32, &str)] = &[];

#[derive(serde::Deserialize)]
struct Example {
    example: u32,
    section: String,
    markdown: String,
    html: String,
}

fn normalise(html: &str) -> String {
    let between = regex::Regex::new(r">\s+<").unwrap();
    let s = html.replace("&quot;", "\"");
    between.replace_all(s.trim(), "><").into_owned()
}

fn decorations_removed(html: &str) -> String {
    let anchor = regex::Regex::new(
        r#" <a class="anchor" href="[^"]*" aria-hidden="true" tabindex="-1">#</a>"#,
    )
    .unwrap();
    let heading_id = regex::Regex::new(r#"<(h[1-6]) id="[^"]*">"#).unwrap();
    let pre = regex::Regex::new(r#"<pre class="code"( data-lang="[^"]*")?>"#).unwrap();
    let code_lang = regex::Regex::new(r#"<code class="language-([^"]*)">"#).unwrap();
    let highlighted =
        regex::Regex::new(r#"(?s)(<code class="language-[^"]*">)(.*?)(</code>)"#).unwrap();
    let span = regex::Regex::new(r#"<span class="hl-[^"]*">|</span>"#).unwrap();
    let s = anchor.replace_all(html, "");
    let s = heading_id.replace_all(&s, "<$1>");
    let s = pre.replace_all(&s, "<pre>");
    let s = code_lang.replace_all(&s, r#"<code class="language-$1">"#);
    // Highlighting wraps the tokens of a code block in `hl-` spans.
    highlighted
        .replace_all(&s, |c: &regex::Captures<'_>| {
            format!("{}{}{}", &c[1], span.replace_all(&c[2], ""), &c[3])
        })
        .into_owned()
}

#[test]
fn the_commonmark_spec() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/commonmark/spec.json"
    );
    let examples: Vec<Example> =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(examples.len(), 652);
    let kept: BTreeMap<u32, &str> = KEPT.iter().copied().collect();
    let mut unexpected = Vec::new();
    let mut now_passing = Vec::new();
    let mut passed = 0;
    for ex in &examples {
        // The spec writes tabs as `→`.
        let markdown = ex.markdown.replace('→', "\t");
        let got = normalise(&decorations_removed(
            &shian::markdown::render_standalone_with(&markdown, true),
        ));
        let want = normalise(&ex.html.replace('→', "\t"));
        let same = got == want;
        passed += usize::from(same);
        match (same, kept.contains_key(&ex.example)) {
            (false, false) => unexpected.push(format!(
                "example {} ({})\n  md:   {:?}\n  want: {}\n  got:  {}",
                ex.example, ex.section, ex.markdown, want, got
            )),
            (true, true) => now_passing.push(ex.example),
            _ => {}
        }
    }
    eprintln!(
        "CommonMark 0.31.2: {passed} of {} examples pass",
        examples.len()
    );
    assert!(
        unexpected.is_empty(),
        "{} examples differ:\n{}",
        unexpected.len(),
        unexpected.join("\n")
    );
    assert!(
        now_passing.is_empty(),
        "now passing, remove from KEPT: {now_passing:?}"
    );
}

/// With the default (`raw_html = false`) every example either renders as above or held raw HTML
/// (then shown as text), and no output has an element Markdown does not make, or an event handler.
#[test]
fn the_spec_with_the_default_policy_makes_only_markdown_elements() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/commonmark/spec.json"
    );
    let examples: Vec<Example> =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let tag = regex::Regex::new(r"<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>").unwrap();
    let handler = regex::Regex::new(r#"\son[a-z]+\s*="#).unwrap();
    const MARKDOWN: &[&str] = &[
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "em",
        "strong",
        "a",
        "img",
        "code",
        "pre",
        "ul",
        "ol",
        "li",
        "blockquote",
        "hr",
        "br",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "del",
        "input",
        "sup",
        "div",
        "section",
        "span",
    ];
    let mut bad = Vec::new();
    let mut escaped = 0;
    for ex in &examples {
        let markdown = ex.markdown.replace('→', "\t");
        let default = shian::markdown::render_standalone_with(&markdown, false);
        if default != shian::markdown::render_standalone_with(&markdown, true) {
            escaped += 1;
            if !markdown.contains('<') {
                bad.push(format!("example {}: differs without raw HTML", ex.example));
            }
        }
        for c in tag.captures_iter(&default) {
            if !MARKDOWN.contains(&c[1].to_ascii_lowercase().as_str()) || handler.is_match(&c[2]) {
                bad.push(format!("example {}: {}", ex.example, &c[0]));
            }
        }
    }
    eprintln!("{escaped} examples hold raw HTML, shown as text by default");
    assert!(escaped > 50, "{escaped}");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
