//! The real binary: subcommands, help, exit statuses, init and new.

mod common;

use common::cli_in;

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn every_subcommand_has_help() {
    let dir = tempfile::tempdir().unwrap();
    for (cmd, needle) in [
        ("init", "Create a new site"),
        ("build", "--relative"),
        ("check", "writing nothing"),
        ("serve", "--port"),
        ("new", "page"),
    ] {
        let out = cli_in(dir.path(), &[cmd, "--help"]);
        assert_eq!(out.status.code(), Some(0), "{cmd} --help");
        assert!(
            text(&out.stdout).contains(needle),
            "{cmd} --help lacks {needle}"
        );
    }
    let out = cli_in(dir.path(), &["--help"]);
    assert!(text(&out.stdout).contains("Exit status: 0 success, 1 content errors"));
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["frobnicate"][..],
        &["build", "--no-such-flag"],
        &["new", "poem", "x"],
    ] {
        let out = cli_in(dir.path(), args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
}

#[test]
fn build_prints_a_summary_and_check_writes_nothing() {
    let site = common::site("ordering");
    let out = site.cli(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("Checked 8 pages, 3 sections"),
        "{}",
        text(&out.stdout)
    );
    assert!(!site.out().exists());

    let out = site.cli(&["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let summary = text(&out.stdout);
    assert!(
        summary.starts_with("Built 8 pages, 3 sections, "),
        "{summary}"
    );
    assert!(
        summary.contains(" static files, 0 redirects") && summary.contains(" ms → "),
        "{summary}"
    );
    assert!(site.exists("course/a-first/index.html"));
}

#[test]
fn check_fails_like_build() {
    let site = common::site("invalid/broken-link");
    let out = site.cli(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("error[E-LINK]"));
}

#[test]
fn a_missing_site_toml_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli_in(dir.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("E-CONFIG-READ") && err.contains("shian init"),
        "{err}"
    );
}

#[test]
fn init_makes_a_site_that_builds_and_refuses_a_full_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli_in(dir.path(), &["init", "my-site"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let root = dir.path().join("my-site");
    let out = cli_in(&root, &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let page = std::fs::read_to_string(root.join("public/guide/first-steps/index.html")).unwrap();
    assert!(page.contains("<strong>注意：</strong>文件名"));
    assert!(page.contains("class=\"note note-tip\""));

    let again = cli_in(dir.path(), &["init", "my-site"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("is not empty"));
}

#[test]
fn new_page_and_section_build_as_written() {
    let site = common::site("ordering");
    let out = site.cli(&["new", "section", "laws"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = site.cli(&["new", "page", "laws/food-safety-law"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(site.root.join("content/laws/_index.md").exists());
    assert!(site.root.join("content/laws/food-safety-law.md").exists());
    let out = site.cli(&["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(site.read("laws/index.html").contains("food-safety-law"));
    let law = std::fs::read_to_string(site.root.join("content/laws/food-safety-law.md")).unwrap();
    assert!(
        law.contains("short = []"),
        "a page under laws/ is a law: {law}"
    );
    assert!(site
        .read("laws/food-safety-law/index.html")
        .contains("id=\"art-1\""));

    let dup = site.cli(&["new", "page", "laws/food-safety-law.md"]);
    assert_eq!(dup.status.code(), Some(1));
    assert!(text(&dup.stderr).contains("already exists"));
    let bad = site.cli(&["new", "page", "laws/食品安全法"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stderr).contains("E-PATH"));
}
