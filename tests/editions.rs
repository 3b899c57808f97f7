//! Editions (tests/fixtures/editions/: the current 2024 edition in content/, an archived 2023 one in
//! editions/2023/): URLs, canonical links, the editions list, changelogs, freezing, and the cache.

mod common;

use serde_json::Value;

fn built() -> common::Site {
    let site = common::site("editions");
    site.build_ok();
    site
}

#[test]
fn archived_pages_live_under_their_edition_and_point_to_the_current_one() {
    let site = built();
    assert!(site.exists("courses/c/l1/index.html"));
    let old = site.read("editions/2023/courses/c/l1/index.html");
    assert!(old.contains("2023 版：查验许可证"));
    assert!(
        old.contains("<link rel=\"canonical\" href=\"https://example.org/courses/c/l1/\">"),
        "canonical to the current page"
    );
    assert!(
        old.contains("href=\"/courses/c/l1/\""),
        "the banner links to the current page"
    );
    assert!(
        old.contains("href=\"/editions/2023/courses/c/l0/#ledger\""),
        "links stay inside their edition"
    );
    let new = site.read("courses/c/l2/index.html");
    assert!(new.contains("href=\"/courses/c/l1/#what\""));
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("https://example.org/courses/c/l1/"));
    assert!(
        !sitemap.contains("/editions/"),
        "the sitemap lists canonical URLs only"
    );
    let home = site.read("index.html");
    assert!(
        !home.contains("editions/2023/courses/"),
        "archived editions are not listed as sections"
    );
}

#[test]
fn editions_json_lists_every_page_of_every_edition() {
    let site = built();
    let json: Value = serde_json::from_str(&site.read("editions.json")).unwrap();
    assert_eq!(json["current"], "2024");
    let eds = json["editions"].as_array().unwrap();
    assert_eq!(eds.len(), 2);
    assert_eq!(eds[0]["name"], "2023");
    assert_eq!(eds[0]["prefix"], "editions/2023/");
    assert_eq!(eds[1]["name"], "2024");
    let paths = |i: usize| -> Vec<String> {
        eds[i]["paths"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_string())
            .collect()
    };
    assert!(paths(0).contains(&"courses/c/l0/".to_string()));
    assert!(!paths(1).contains(&"courses/c/l0/".to_string()));
    assert!(paths(1).contains(&"courses/c/l2/".to_string()));
    assert!(
        paths(0).contains(&"banks/b/".to_string())
            && paths(0).contains(&"banks/b/practice/".to_string())
    );
    assert!(site.read("editions/index.html").contains("2023"));
}

#[test]
fn a_changelog_lists_lessons_and_questions_added_changed_and_removed() {
    let site = common::site("editions");
    site.write(
        "templates/changes.html",
        "{{ changes | json_encode() | safe }}",
    );
    site.build_ok();
    let c: Value = serde_json::from_str(&site.read("editions/2024/changes/index.html")).unwrap();
    assert_eq!(c["previous"], "2023");
    let titles = |k: &str, what: &str| -> Vec<String> {
        c[k][what]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["title"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(titles("lessons", "added"), ["电子台账"]);
    assert_eq!(titles("lessons", "changed"), ["查验什么"]);
    assert_eq!(titles("lessons", "removed"), ["纸质台账"]);
    assert_eq!(titles("questions", "added"), ["q4"]);
    assert_eq!(titles("questions", "changed"), ["q2"]);
    assert_eq!(titles("questions", "removed"), ["q3"]);
    let changed = &c["lessons"]["changed"][0];
    assert_eq!(changed["href"], "courses/c/l1/");
    assert_eq!(changed["previous_href"], "editions/2023/courses/c/l1/");
    let first: Value =
        serde_json::from_str(&site.read("editions/2023/changes/index.html")).unwrap();
    assert_eq!(
        first["lessons"]["added"].as_array().unwrap().len(),
        2,
        "the oldest edition adds everything"
    );
}

#[test]
fn quizzes_record_their_edition() {
    let site = built();
    let quiz = |p: &str| -> Value {
        let html = site.read(p);
        let s = html.find("data-quiz-json>").unwrap() + "data-quiz-json>".len();
        let e = html[s..].find("</script>").unwrap() + s;
        serde_json::from_str(&html[s..e]).unwrap()
    };
    let old = quiz("editions/2023/banks/b/practice/index.html");
    let new = quiz("banks/b/practice/index.html");
    assert_eq!(old["quiz"]["edition"], "2023");
    assert_eq!(new["quiz"]["edition"], "2024");
    assert_ne!(old["quiz"]["id"], new["quiz"]["id"]);
    assert_ne!(old["quiz"]["hash"], new["quiz"]["hash"]);
    assert!(old["questions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|q| q["id"] == "q3"));
}

#[test]
fn an_unchanged_archived_edition_comes_from_the_cache() {
    let site = common::site("editions");
    let first = site.build_ok();
    let before = common::tree(&site.out());
    let second = site.build_ok();
    assert_eq!(first.stats.cached, 0);
    assert!(
        second.stats.cached > 0,
        "archived pages copied from the cache"
    );
    let archived_docs = 5;
    assert_eq!(
        first.stats.rendered - second.stats.rendered,
        archived_docs,
        "archived documents not rendered again"
    );
    assert_eq!(
        common::tree(&site.out()),
        before,
        "the cache gives the same bytes"
    );

    site.write(
        "editions/2023/courses/c/l0.md",
        "+++\ntitle = \"纸质台账\"\nweight = 5\n+++\n\n## 台账 {#ledger}\n\n改过。\n",
    );
    let third = site.build_ok();
    assert_eq!(
        third.stats.rendered, first.stats.rendered,
        "a changed edition is rendered again"
    );
    assert!(site
        .read("editions/2023/courses/c/l0/index.html")
        .contains("改过。"));
}

#[test]
fn freezing_copies_the_current_edition() {
    let site = common::site("editions");
    let out = site.cli(&["edition", "freeze", "2024"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(site.root.join("editions/2024/courses/c/l2.md").exists());
    assert!(site.root.join("editions/2024/banks/b.md").exists());
    let again = site.cli(&["edition", "freeze", "2024"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    // The site still builds: the new archive duplicates the current content under its own URLs.
    site.write(
        "site.toml",
        "title = \"版本测试\"\nbase_url = \"https://example.org/\"\nedition = \"2025\"\n",
    );
    site.build_ok();
    assert!(site.exists("editions/2024/courses/c/l2/index.html"));
}
