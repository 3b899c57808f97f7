//! Bad or strange input never panics: each case either builds or fails with diagnostics.

mod common;

const BODIES: &[&str] = &[
    "**",
    "***a**",
    "*（*）*",
    "**“*”**",
    "\\**注意：**",
    "{{",
    "{{ x(",
    "{{ note(kind=\"tip\" text=) }}",
    "{{ note(kind='unterminated) }}",
    "{{ note(text=\"a\") }}{{ note(text=\"b\") }}",
    "[x](@/)",
    "[x](@/#)",
    "[x](#)",
    "[x](@/about.md#)",
    "# \n## {#}\n### {#a}\n### {#a}",
    "```\nunclosed",
    "```rust\nfn main() {\n",
    "| a |\n|---|\n| b | c | d |",
    "[^1]",
    "[^1]: x\n[^1]: y",
    "第一条《》第条《《》》第五十条《食品安全法》第零条《x》第一千零一十条第三款第二项",
    "👩‍👩‍👧 e\u{301} \u{200b} \u{feff}",
    "\u{0}",
    "+++\ntitle = \"in body\"\n+++",
    "<script>alert(1)</script>",
    "<div>\n*unclosed",
];

fn nested(depth: usize) -> Vec<String> {
    vec![
        ">".repeat(depth) + " deep",
        (0..depth)
            .map(|i| format!("{}- x", "  ".repeat(i)))
            .collect::<Vec<_>>()
            .join("\n"),
        "*".repeat(depth) + "a" + &"*".repeat(depth),
        "x".repeat(20_000),
    ]
}

#[test]
fn strange_markdown_never_panics() {
    let site = common::site("markdown");
    let mut bodies: Vec<String> = BODIES.iter().map(|s| s.to_string()).collect();
    bodies.extend(nested(120));
    for (i, body) in bodies.iter().enumerate() {
        site.write(
            "content/strange.md",
            &format!("+++\ntitle = \"怪\"\n+++\n\n{body}\n"),
        );
        if let Err(d) = site.build() {
            assert!(d.has_errors(), "case {i}: a failed build names its errors");
        }
    }
}

#[test]
fn strange_front_matter_never_panics() {
    let site = common::site("markdown");
    for fm in [
        "+++\n+++\n",
        "+++\ntitle = \"\"\n+++\n",
        "+++\ntitle = \"a\"\ndate = 2024-13-45\n+++\n",
        "+++\ntitle = \"a\"\ndate = 12:00:00\n+++\n",
        "+++\n[extra\n+++\n",
        "+++\ntitle = \"a\"\naliases = [\"/../x\", \"/\", \"\", \"/features/\"]\n+++\n",
        "+++\ntitle = \"a\"\nweight = 99999999999999999999\n+++\n",
        "+++",
        "",
        "\u{feff}",
        "+++\r\n",
    ] {
        site.write("content/strange.md", fm);
        match site.build() {
            Ok(_) => {}
            Err(d) => assert!(d.has_errors()),
        }
    }
}

#[test]
fn locale_files_have_the_same_keys() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/locales");
    let keys = |f: &str| -> Vec<String> {
        let text = std::fs::read_to_string(dir.join(f)).unwrap();
        let table: toml::Table = toml::from_str(&text).unwrap();
        assert!(table.values().all(|v| v.is_str()), "{f}: flat strings only");
        table.keys().cloned().collect()
    };
    assert_eq!(keys("zh-CN.toml"), keys("en.toml"));
}

/// A control character pasted from Word into a case title (a TOML `\u000b` escape) must not make the
/// Atom feed ill-formed: rendered output carries no character XML 1.0 forbids.
#[test]
fn control_characters_never_reach_xml() {
    let site = common::site("data");
    let dir = site.root.join("content/cases");
    let case = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|n| n != "_index.md"))
        .expect("a case in the fixture");
    let text = std::fs::read_to_string(&case).unwrap();
    let text = text.replacen("title = \"", "title = \"\\u000b\\u0001", 1);
    std::fs::write(&case, text).unwrap();
    site.build_ok();
    for feed in ["cases/atom.xml", "sitemap.xml"] {
        let xml = site.read(feed);
        assert!(
            !xml.contains(['\u{b}', '\u{1}']),
            "{feed} holds a control character"
        );
        let mut reader = quick_xml::Reader::from_str(&xml);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{feed} is not well-formed: {e}"),
            }
        }
    }
}

/// A data file with a mistake on every row reports every one at its own line. Rendering takes the
/// lines around each span, counted through the file once, not the whole file per problem (which was
/// quadratic: docs/benchmarks.md, "Many errors in one file").
#[test]
fn a_mistake_on_every_row_is_reported_at_every_row() {
    let site = common::site("data");
    let mut csv = String::from("id,name,district,industry,scale,risk_grade\n");
    for i in 0..5000 {
        csv.push_str(&format!("e{i},示例{i},宝山区,乳制品,巨型,A\n"));
    }
    site.write("data/enterprises.csv", &csv);
    let diags = site.build().err().expect("the build fails");
    let mut lines: Vec<String> = diags
        .iter()
        .filter(|d| d.message.contains("scale `巨型` is not allowed"))
        .map(|d| {
            d.location()
                .rsplit_once(':')
                .map_or(String::new(), |(l, _)| l.to_string())
        })
        .collect();
    lines.sort_by_key(|l| l.split(':').nth(1).and_then(|n| n.parse::<usize>().ok()));
    let want: Vec<String> = (2..=5001)
        .map(|l| format!("data/enterprises.csv:{l}"))
        .collect();
    assert!(lines == want, "every row at its own line");
    // Printed: the first 1,000, then a count of the rest.
    let text = diags.render_plain();
    assert_eq!(text.matches("scale `巨型` is not allowed").count(), 1000);
    assert!(
        text.contains("... and 4000 more not shown"),
        "{}",
        &text[text.len() - 300..]
    );
}

/// Identical headings get `id`, `id-1`, `id-2`… in order, and a heading written as one of those
/// names takes the next free one (the next suffix is kept per name: 20,000 identical headings took
/// minutes when every heading tried every suffix again; docs/benchmarks.md).
#[test]
fn many_identical_headings_get_numbered_ids() {
    let mut md = String::from("## 节-1\n\n");
    for _ in 0..3000 {
        md.push_str("## 节\n\n");
    }
    let html = shian::markdown::render_standalone(&md);
    assert!(html.contains("<h2 id=\"节-1\">"));
    assert!(html.contains("<h2 id=\"节\">"));
    assert!(
        html.contains("<h2 id=\"节-2\">"),
        "节-1 is taken by the first heading"
    );
    assert!(html.contains("<h2 id=\"节-3000\">"));
    assert!(!html.contains("<h2 id=\"节-3001\">"));
    assert_eq!(html.matches("<h2 id=").count(), 3001);
}
