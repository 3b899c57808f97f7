//! Courses and lessons, law citations, the glossary and print pages (tests/fixtures/courses/).

mod common;

fn built() -> common::Site {
    let site = common::site("courses");
    let r = site.build_ok();
    let warnings = r.warnings.render_plain();
    assert!(
        warnings.contains("W-CITE-LAW"),
        "the unknown law is a warning: {warnings}"
    );
    site
}

#[test]
fn the_course_page_shows_the_syllabus() {
    let site = built();
    let html = site.read("courses/basics/index.html");
    let syllabus = common::between(&html, "class=\"syllabus", "</ol>");
    let lessons: Vec<usize> = ["purchase", "health", "records"]
        .iter()
        .map(|t| {
            syllabus
                .find(&format!("href=\"/courses/basics/{t}/\""))
                .unwrap_or_else(|| panic!("{t} missing"))
        })
        .collect();
    assert!(
        lessons.windows(2).all(|w| w[0] < w[1]),
        "lessons in weight order"
    );
    for needle in [
        "data-course=\"basics\"",
        "data-lesson=\"purchase\"",
        "会做进货查验",
        "食品安全员",
        "href=\"/courses/basics/print/\"",
    ] {
        assert!(html.contains(needle), "course page lacks {needle}");
    }
    assert!(
        html.contains("25"),
        "total minutes are the lessons' sum (15 + 10)"
    );
    let advanced = site.read("courses/advanced/index.html");
    assert!(
        advanced.contains("href=\"/courses/basics/\""),
        "prerequisite linked"
    );
}

#[test]
fn the_lesson_page_knows_its_place() {
    let site = built();
    let html = site.read("courses/basics/health/index.html");
    for needle in [
        "href=\"/courses/basics/\"",
        "done-toggle",
        "data-lesson=\"health\"",
        "data-course=\"basics\"",
        "href=\"/courses/basics/purchase/\"",
        "href=\"/courses/basics/records/\"",
        "知道每年体检",
    ] {
        assert!(html.contains(needle), "lesson page lacks {needle}");
    }
    insta::assert_snapshot!(
        "lesson-content",
        common::between(&html, "<div class=\"prose\">", "</div>")
    );
}

#[test]
fn citations_link_to_law_articles_and_articles_list_who_cites_them() {
    let site = built();
    let html = site.read("courses/basics/purchase/index.html");
    for text in [
        "《食品安全法》第五十条",
        "食品安全法第五十条第一款",
        "《中华人民共和国食品安全法》第四十五条",
    ] {
        let link = format!(
            "class=\"cite\" href=\"/laws/fsl/#art-{}\">{text}</a>",
            if text.ends_with("四十五条") {
                45
            } else {
                50
            }
        );
        assert!(html.contains(&link), "no {link}");
    }
    assert!(
        html.contains("《食品安全法实施条例》第二十条"),
        "unknown law stays text"
    );
    assert!(!html.contains(">《食品安全法实施条例》第二十条</a>"));

    let law = site.read("laws/fsl/index.html");
    assert!(law.contains("<h3 id=\"art-50\">"), "article anchors");
    let cited = common::between(&law, "<h3 id=\"art-45\">", "<h3 id=\"art-50\">");
    assert!(cited.contains("class=\"cited-by\""), "{cited}");
    assert!(
        cited.contains("href=\"/courses/basics/health/\">健康管理</a>"),
        "{cited}"
    );
    assert!(
        cited.contains("href=\"/courses/basics/purchase/\">进货查验</a>"),
        "{cited}"
    );
    let after_50 = &law[law.find("<h3 id=\"art-50\">").unwrap()..];
    assert!(
        after_50.contains("href=\"/about/\">关于</a>"),
        "pages cite too"
    );
}

#[test]
fn unknown_citations_warn_and_strict_fails() {
    let site = common::site("courses");
    let err = site
        .build_with(|o| o.strict = true)
        .err()
        .expect("strict fails")
        .render_plain();
    assert!(
        err.contains("content/courses/basics/purchase.md:16:1"),
        "{err}"
    );
    insta::assert_snapshot!("unknown-citation-strict", err);
    let out = site.cli(&["build"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning[W-CITE-LAW]"));
    let out = site.cli(&["check", "--strict"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn glossary_terms_are_explained_once_per_lesson() {
    let site = built();
    let html = site.read("courses/basics/purchase/index.html");
    assert_eq!(
        html.matches("class=\"term-link\"").count(),
        1,
        "only 进货查验, once"
    );
    assert!(html.contains("href=\"/glossary/#term-进货查验\" aria-describedby=\"gd-1\">进货查验</a><span class=\"term-tip\" role=\"tooltip\" id=\"gd-1\">采购时查验供货者资质和产品合格证明。</span>"));
    let ccp = site.read("courses/advanced/ccp/index.html");
    assert_eq!(ccp.matches("class=\"term-link\"").count(), 1);
    assert!(
        !site.read("about/index.html").contains("term-link"),
        "only lessons"
    );
    let glossary = site.read("glossary/index.html");
    assert!(glossary.contains("id=\"term-关键控制点\""));
    assert!(glossary.contains("CCP"));
    let entry = common::between(&glossary, "id=\"term-进货查验\"", "</dd>");
    assert!(
        entry.contains("href=\"/courses/basics/purchase/\""),
        "{entry}"
    );
    assert!(
        entry.contains("href=\"/courses/basics/health/\""),
        "text beside a link is a use"
    );
    let health = site.read("courses/basics/health/index.html");
    assert!(
        health.contains("aria-describedby=\"gd-1\">健康证明</a>"),
        "first term of that lesson"
    );
}

#[test]
fn the_course_index_filters_by_audience_without_javascript() {
    let site = built();
    let index = site.read("courses/index.html");
    assert!(index.contains("食品安全基础") && index.contains("过程控制进阶"));
    let director = shian::courses::audience_path("食品安全总监");
    assert!(
        index.contains(&format!("href=\"/{director}\"")),
        "filter link"
    );
    let filtered = site.read(&format!("{director}index.html"));
    assert!(filtered.contains("过程控制进阶"));
    assert!(!filtered.contains("食品安全基础"), "filtered out");
    assert!(filtered.contains("aria-current=\"page\""));
    assert!(site
        .read("sitemap.xml")
        .contains(&format!("https://example.org/{director}")));
}

#[test]
fn the_print_page_has_every_lesson_and_no_navigation() {
    let site = built();
    let html = site.read("courses/basics/print/index.html");
    let order: Vec<usize> = [
        "采购时要查验许可证",
        "从业人员每年进行健康检查",
        "记录要真实",
    ]
    .iter()
    .map(|t| html.find(t).unwrap_or_else(|| panic!("{t} missing")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(html.matches("class=\"print-lesson\"").count(), 3);
    assert!(!html.contains("class=\"site-nav\""), "no navigation chrome");
    assert!(!html.contains("done-toggle"));
    assert!(
        html.contains("<h2 id=\"l1-what\">") && html.contains("<h2 id=\"l2-yearly\">"),
        "ids unique per lesson"
    );
    assert!(html.contains("aria-describedby=\"l2-gd-1\"") && html.contains("id=\"l2-gd-1\""));
}

#[test]
fn new_course_and_lesson_build_cleanly() {
    let site = common::site("courses");
    for args in [
        &["new", "course", "recall"][..],
        &["new", "lesson", "recall/steps"],
        &["new", "lesson", "recall/drill"],
    ] {
        let out = site.cli(args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let lesson =
        std::fs::read_to_string(site.root.join("content/courses/recall/drill.md")).unwrap();
    assert!(
        lesson.contains("weight = 20"),
        "next weight after existing lessons"
    );
    let out = site.cli(&["new", "lesson", "nope/steps"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("shian new course nope"));
    site.build_ok();
    let page = site.read("courses/recall/index.html");
    assert!(page.contains("data-lesson=\"steps\"") && page.contains("data-lesson=\"drill\""));
}

#[test]
fn bad_course_front_matter_is_reported_per_file() {
    let site = common::site("invalid/course-front-matter");
    let text = site.build_err();
    assert!(
        text.contains("unknown front-matter key `audiance`")
            && text.contains("did you mean `audience`?"),
        "{text}"
    );
    assert!(
        text.contains("unknown front-matter key `duration`"),
        "{text}"
    );
    assert!(
        text.contains("title, weight, duration_minutes, objectives"),
        "lesson keys listed: {text}"
    );
    insta::assert_snapshot!("course-front-matter", text);
}

#[test]
fn an_unknown_prerequisite_is_an_error() {
    let site = common::site("invalid/unknown-prerequisite");
    let text = site.build_err();
    assert!(
        text.contains("error[E-COURSE-PREREQ]: prerequisite `main-responsibilty` is not a course"),
        "{text}"
    );
    assert!(
        text.contains("content/courses/haccp/_index.md:4:28"),
        "{text}"
    );
    insta::assert_snapshot!("unknown-prerequisite", text);
}
