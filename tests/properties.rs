//! Property tests (proptest): every parser gets random and mutated input for a bounded number of
//! cases and must neither panic nor hang; a failing case is shrunk and printed by proptest. Whole
//! files go through the real pipeline (`shian::build` into nothing) with a valid fixture file as the
//! seed; codes, shortcodes and Markdown are fed to their functions directly. Run more cases locally
//! with `PROPTEST_CASES=2000 cargo test --test properties`; the fuzz targets in fuzz/ go further
//! (docs/reliability.md).

mod common;

use proptest::prelude::*;
use std::time::Duration;

/// Pieces of HTML for the search index's tag scanner.
const HTML: &[&str] = &[
    "<main>",
    "</main>",
    "<h1>",
    "</h1>",
    "<h2 id=\"a\">",
    "<h3 id=\"art-1\">",
    "</h2>",
    "</h3>",
    "<p>",
    "</p>",
    "<nav>",
    "</nav>",
    "<span class=\"term-tip\">",
    "</span>",
    "<br>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<",
    ">",
    "&",
    "&amp;",
    "&#x4e2d;",
    "&#99999999;",
    "&#",
    ";",
    "\"",
    "'",
    "日管控",
    "清单",
    "中",
    "𠀀",
    "ＡＢ",
    " ",
    "\n",
    "<a class=\"anchor\">#</a>",
    "<div data-search-ignore>",
    "</div>",
    "<svg>",
    "</svg>",
    "<input>",
];

/// Tokens that mean something to one of the formats, so mutations reach past the first check.
const TOKENS: &[&str] = &[
    "+++",
    "\n",
    "\n\n",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "'",
    "=",
    "#",
    "## 单选",
    "### 判断",
    "答案：",
    "解析：",
    "依据：",
    "A. ",
    "{#id}",
    "{关键}",
    "{{ ",
    " }}",
    "*",
    "**",
    "~~",
    "_",
    "`",
    "```",
    "<",
    ">",
    "@/",
    "|",
    ",",
    "-",
    "- ",
    "\\",
    "中",
    "：",
    "\t",
    "\u{b}",
    "\u{0}",
    "\u{feff}",
    "1e309",
    "-0",
    "nan",
    "99999999999999999999",
    "[[",
    "]]",
    "[quiz]",
    "count = ",
    "category = \"**\"",
    "SA1",
    "SK1",
];

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, usize),
    Delete(usize, usize),
    Duplicate(usize, usize),
    Byte(usize, u8),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let one = prop_oneof![
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(a, t)| Edit::Insert(a, t)),
        (any::<usize>(), 1usize..40).prop_map(|(a, n)| Edit::Delete(a, n)),
        (any::<usize>(), 1usize..80).prop_map(|(a, n)| Edit::Duplicate(a, n)),
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Edit::Byte(a, b)),
    ];
    proptest::collection::vec(one, 1..12)
}

/// Applies the edits to the bytes of `seed` (lossy back to text: files are read as UTF-8 anyway,
/// and invalid UTF-8 has its own fixture).
fn mutate(seed: &str, edits: &[Edit]) -> String {
    let mut b = seed.as_bytes().to_vec();
    for e in edits {
        let at = |a: usize, len: usize| if len == 0 { 0 } else { a % (len + 1) };
        match *e {
            Edit::Insert(a, t) => {
                let i = at(a, b.len());
                b.splice(i..i, TOKENS[t].bytes());
            }
            Edit::Delete(a, n) => {
                let i = at(a, b.len());
                let j = (i + n).min(b.len());
                b.drain(i..j);
            }
            Edit::Duplicate(a, n) => {
                let i = at(a, b.len());
                let j = (i + n).min(b.len());
                let piece = b[i..j].to_vec();
                b.splice(j..j, piece);
            }
            Edit::Byte(a, x) => {
                if !b.is_empty() {
                    let i = a % b.len();
                    b[i] = x;
                }
            }
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

/// Builds fixture `fixture` with `rel` replaced by `text`, on a thread; a hang fails the case.
fn build_with_file(fixture: &str, rel: &str, text: &str) {
    let site = common::site(fixture);
    site.write(rel, text);
    let opts = site.options();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let text = match shian::build(&opts, shian::Target::Nothing) {
            Ok(r) => r.warnings.render_plain(),
            Err(d) => d.render_plain(),
        };
        let _ = tx.send(text);
    });
    match rx.recv_timeout(Duration::from_secs(120)) {
        Ok(text) => assert!(!text.contains("panicked"), "{text}"),
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => panic!("hang on:\n{text}"),
        Err(e) => panic!("the build thread panicked ({e}) on:\n{text}"),
    }
}

fn seed(fixture: &str, rel: &str) -> String {
    std::fs::read_to_string(common::fixtures().join(fixture).join(rel)).unwrap()
}

fn site_cases() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(24),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn fast_cases() -> ProptestConfig {
    ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

macro_rules! file_property {
    ($name:ident, $fixture:literal, $rel:literal) => {
        proptest! {
            #![proptest_config(site_cases())]
            #[test]
            fn $name(e in edits()) {
                let text = mutate(&seed($fixture, $rel), &e);
                build_with_file($fixture, $rel, &text);
            }
        }
    };
}

file_property!(front_matter_and_markdown, "markdown", "content/features.md");
file_property!(site_toml, "markdown", "site.toml");
file_property!(question_bank, "quiz", "content/banks/knowledge/trace.md");
file_property!(exam_blueprint, "quiz", "content/exams/mock.toml");
file_property!(checklist, "checklists", "content/checklists/daily.md");
file_property!(enterprises_csv, "data", "data/enterprises.csv");
file_property!(pairings_toml, "data", "data/pairings.toml");
file_property!(indicators_toml, "data", "data/indicators.toml");
file_property!(milestones_toml, "data", "data/milestones.toml");

proptest! {
    #![proptest_config(fast_cases())]

    #[test]
    fn markdown_of_tokens(parts in proptest::collection::vec(0..TOKENS.len(), 0..60)) {
        let md: String = parts.iter().map(|&i| TOKENS[i]).collect();
        let _ = shian::markdown::render_standalone(&md);
        let _ = shian::markdown::render_standalone_with(&md, true);
    }

    #[test]
    fn arbitrary_markdown(md in "\\PC{0,300}") {
        let _ = shian::markdown::render_standalone(&md);
    }

    #[test]
    fn shortcode_extraction(parts in proptest::collection::vec(0..TOKENS.len(), 0..40), tail in "\\PC{0,40}") {
        let body: String = parts.iter().map(|&i| TOKENS[i]).collect::<String>() + &tail;
        let (ex, _) = shian::markdown::shortcodes::extract(&body);
        for pos in 0..=ex.text.len() {
            assert!(ex.original(pos) <= body.len());
        }
    }

    #[test]
    fn result_codes(code in "(SA1|SK1)?[A-Za-z0-9_-]{0,200}") {
        let _ = shian::results::code::decode(&code);
        let _ = shian::checklists::code::decode(&code);
    }

    #[test]
    fn mutated_result_codes(e in edits()) {
        // A real code of the fixture's format, mutated.
        let code = "SA1AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEB";
        let text = mutate(code, &e);
        let _ = shian::results::code::decode(&text);
        let _ = shian::checklists::code::decode(&text);
        let arc: std::sync::Arc<str> = std::sync::Arc::from(text.as_str());
        let _ = shian::results::scan::find("chat.txt", &arc, b'A');
        let _ = shian::results::scan::find("chat.txt", &arc, b'K');
    }

    /// The search index reads any HTML without a panic, and its section offsets stay inside the
    /// text (UTF-16 units); the tokenizer takes any text.
    #[test]
    fn search_extraction(parts in proptest::collection::vec(0..HTML.len(), 0..60), tail in "\\PC{0,40}") {
        let html: String = parts.iter().map(|&i| HTML[i]).collect::<String>() + &tail;
        let e = shian::search::extract::extract(&html);
        let units = e.text.encode_utf16().count();
        for (at, _, _) in &e.sections {
            assert!(*at <= units + 1, "{at} > {units}");
        }
        let dict = shian::search::tokens::Dict::new(["日管控", "管控清单"]);
        shian::search::tokens::index_tokens(&html, &dict, |_| {});
        let _ = shian::search::tokens::query_tokens(&html, &dict);
    }

    #[test]
    fn category_globs(glob in "[a*/]{0,40}", cat in "[ab/]{0,40}") {
        let _ = shian::quiz::draw::glob_match(&glob, &cat);
    }
}
