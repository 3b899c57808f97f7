//! Code blocks in the languages a training site shows are highlighted (syntect's default set, plus
//! shian's own TOML/INI highlighter) and keep `class="language-…"`; any other info string keeps its
//! class and is shown as escaped text.

fn html(md: &str) -> String {
    shian::markdown::render_standalone(md)
}

#[test]
fn the_usual_languages_are_highlighted_and_keep_their_class() {
    let samples = [
        ("toml", "[quiz]\npreset = \"samr-2019\" # 考试规则\n"),
        ("ini", "[database]\nhost = 127.0.0.1 ; 注释\n"),
        ("yaml", "title: 培训\nitems:\n  - 进货查验\n"),
        ("yml", "a: 1\n"),
        ("json", "{\"id\": \"q-01\", \"points\": 2}\n"),
        (
            "sql",
            "SELECT name FROM enterprises WHERE district = '浦东';\n",
        ),
        ("sh", "shian build --relative # 构建\n"),
        ("bash", "for f in *.md; do echo \"$f\"; done\n"),
        ("shell", "cargo run -- serve\n"),
        ("console", "ls content\n"),
    ];
    for (lang, code) in samples {
        let out = html(&format!("```{lang}\n{code}```\n"));
        assert!(
            out.contains(&format!("<code class=\"language-{lang}\">")),
            "{lang}: {out}"
        );
        assert!(
            out.contains("<span class=\"hl-"),
            "{lang} is not highlighted: {out}"
        );
    }
}

#[test]
fn unknown_languages_keep_an_escaped_class_and_plain_text() {
    let out = html("```föö\"><x\n<b>\n```\n");
    assert!(
        out.contains("<code class=\"language-föö&quot;&gt;&lt;x\">"),
        "{out}"
    );
    assert!(out.contains("&lt;b&gt;") && !out.contains("hl-"), "{out}");
}
