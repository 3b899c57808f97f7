//! One fixture per kind of bad input (tests/fixtures/invalid/<case>/): the build fails, names the
//! file, line and column, gives a stable code and a hint, and the whole error text is snapshotted.

mod common;

fn errors(case: &str) -> String {
    common::site(&format!("invalid/{case}")).build_err()
}

/// The list of theme templates grows with the theme; the snapshot keeps only its shape.
fn stable(text: &str) -> String {
    match text.find("available templates: ") {
        Some(i) => {
            let start = i + "available templates: ".len();
            let end = text[start..]
                .find(';')
                .map(|j| start + j)
                .unwrap_or(text.len());
            let list = &text[start..end];
            assert!(
                list.contains("page.html") && list.contains("section.html"),
                "{list}"
            );
            format!("{}[the theme's templates]{}", &text[..start], &text[end..])
        }
        None => text.to_string(),
    }
}

/// Checks the code and location are in the text, then snapshots it.
fn check(case: &str, code: &str, location: &str) {
    let text = stable(&errors(case));
    assert!(
        text.contains(&format!("error[{code}]")),
        "{case}: no {code} in\n{text}"
    );
    assert!(text.contains(location), "{case}: no {location} in\n{text}");
    assert!(text.contains("hint:"), "{case}: no hint in\n{text}");
    insta::assert_snapshot!(case, text);
}

#[test]
fn bad_toml_in_front_matter_points_at_the_file_line() {
    check("bad-toml", "E-FM-TOML", "content/lesson.md:3:");
}

#[test]
fn unknown_front_matter_key_lists_allowed_keys() {
    check("unknown-key", "E-FM-KEY", "content/lesson.md:3:1");
    let text = errors("unknown-key");
    assert!(text.contains("did you mean `title`?"), "{text}");
    assert!(
        text.contains("description, date, updated, weight"),
        "{text}"
    );
}

#[test]
fn missing_closing_fence() {
    check("missing-fence", "E-FM-FENCE", "content/lesson.md:1:1");
}

#[test]
fn missing_front_matter() {
    check(
        "missing-front-matter",
        "E-FM-MISSING",
        "content/lesson.md:1:1",
    );
}

#[test]
fn non_ascii_path_suggests_a_rename() {
    check("non-ascii-path", "E-PATH", "content/进货查验.md");
}

#[test]
fn non_utf8_file_is_an_error_not_a_panic() {
    check("non-utf8", "E-UTF8", "line 5");
}

#[test]
fn broken_internal_link() {
    check("broken-link", "E-LINK", "content/lesson.md:7:2");
}

#[test]
fn broken_anchors_on_this_page_and_another() {
    check("broken-anchor", "E-ANCHOR", "content/lesson.md:7:");
    let text = errors("broken-anchor");
    assert!(text.contains("no heading with id `table`"), "{text}");
    assert!(
        text.contains("`@/other.md` has no heading with id `no-such-heading`"),
        "{text}"
    );
    assert!(text.contains("these ids: one"), "{text}");
}

#[test]
fn unknown_shortcode_lists_the_known_ones() {
    check("unknown-shortcode", "E-SC-UNKNOWN", "content/lesson.md:7:1");
    assert!(errors("unknown-shortcode").contains("available shortcodes: figure, note"));
}

#[test]
fn unknown_template() {
    check(
        "unknown-template",
        "E-TEMPLATE-UNKNOWN",
        "content/lesson.md:3:12",
    );
}

#[test]
fn bad_site_toml() {
    check("bad-site-toml", "E-CONFIG-KEY", "site.toml:3:1");
    assert!(errors("bad-site-toml").contains("did you mean `language`?"));
}

#[test]
fn two_files_for_one_url() {
    check("url-clash", "E-URL-DUP", "content/guide");
}

#[test]
fn every_error_is_reported_at_once() {
    let text = errors("many-errors");
    for needle in [
        "error[E-FM-KEY]",
        "content/a.md:3:1",
        "error[E-LINK]",
        "content/b.md:5:",
        "error[E-FM-TOML]",
        "content/c.md:3:",
        "failed: 3 errors",
    ] {
        assert!(text.contains(needle), "no {needle:?} in\n{text}");
    }
    insta::assert_snapshot!("many-errors", text);
}

#[test]
fn the_cli_exits_1_and_prints_every_error() {
    let site = common::site("invalid/many-errors");
    let out = site.cli(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("error[").count(), 3, "{stderr}");
    assert!(!site.out().exists(), "nothing is written on failure");
}

/// One typo in a page's front matter is one error: the page is left out, but links to it (and to
/// its anchors) from other pages are not reported as missing on top of the real cause.
#[test]
fn a_page_that_fails_to_parse_is_one_error_not_a_cascade() {
    let site = common::site("invalid/unknown-key");
    site.write(
        "content/links-a.md",
        "+++\ntitle = \"甲\"\n+++\n\n见[乙](@/broken.md)和[乙的一节](@/broken.md#part)。\n",
    );
    site.write(
        "content/links-b.md",
        "+++\ntitle = \"丙\"\n+++\n\n再见[乙](@/broken.md)。\n",
    );
    site.write(
        "content/broken.md",
        "+++\ntitel = \"乙\"\n+++\n\n## 一节 {#part}\n",
    );
    let text = site.build_err();
    assert!(text.contains("content/broken.md:2:1"), "{text}");
    assert!(
        !text.contains("does not exist"),
        "no false missing-link errors:\n{text}"
    );
    assert!(!text.contains("E-LINK"), "{text}");
}

#[test]
fn script_link_is_refused() {
    check("link-scheme", "E-LINK-SCHEME", "content/lesson.md:7:4");
}

#[test]
fn base_url_with_a_quote_is_refused() {
    check("base-url-quote", "E-CONFIG-BASE-URL", "site.toml:2:1");
}

#[test]
fn a_template_link_to_nowhere_is_one_error_for_all_its_pages() {
    check("out-link", "E-OUT-LINK", "content/a.md");
    let text = errors("out-link");
    assert_eq!(text.matches("error[E-OUT-LINK]").count(), 2, "{text}");
    assert!(
        text.contains("`/lesons/` leads to no page of the site (2 links on 2 pages)"),
        "{text}"
    );
}
