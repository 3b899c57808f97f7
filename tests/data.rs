//! Typical cases and activity data (tests/fixtures/data/): case pages, taxonomies, feeds, data pages,
//! charts, and one fixture per data file and per broken reference with its error text snapshotted.

mod common;

fn built() -> common::Site {
    let site = common::site("data");
    site.build_ok();
    site
}

/// Parses a whole XML document, failing on any well-formedness error.
fn well_formed(xml: &str) {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut depth = 0i32;
    loop {
        match r.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed at {}: {e}\n{xml}", r.buffer_position()),
        }
    }
    assert_eq!(depth, 0, "unbalanced elements");
}

#[test]
fn a_case_page_has_its_chart_taxonomies_and_metadata() {
    let site = built();
    let html = site.read("cases/case1/index.html");
    for needle in [
        "<svg class=\"chart\"",
        "<title id=\"case-metrics-t\">",
        "<desc id=\"case-metrics-d\">进货查验记录完整率：40% → 100%；抽检不合格批次：3批次 → 0批次</desc>",
        "property=\"og:title\" content=\"结对帮扶建台账\"",
        "\"@type\":\"Article\"",
        "\"headline\":\"结对帮扶建台账\"",
        "+150%",
        "示例·甲乳业",
    ] {
        assert!(html.contains(needle), "case page lacks {needle}");
    }
    let region = "cases/region/bao-shan-qu/";
    assert!(
        html.contains(&format!("href=\"/{region}\"")),
        "region links to its term page"
    );
    let ld = common::between(&html, "<script type=\"application/ld+json\">", "</script>");
    let json = ld
        .trim_start_matches("<script type=\"application/ld+json\">")
        .trim_end_matches("</script>");
    let v: serde_json::Value = serde_json::from_str(json).expect("JSON-LD parses");
    assert_eq!(v["datePublished"], "2024-08-20");
}

#[test]
fn the_case_index_and_term_pages_filter_by_taxonomy() {
    let site = built();
    let index = site.read("cases/index.html");
    assert!(
        index.find("水厂提档升级").unwrap() < index.find("结对帮扶建台账").unwrap(),
        "newest first"
    );
    let measure = "cases/measure/jin-huo-cha-yan/";
    assert!(index.contains(&format!("href=\"/{measure}\"")));
    let term = site.read(&format!("{measure}index.html"));
    assert!(term.contains("结对帮扶建台账") && !term.contains("水厂提档升级"));
    assert!(term.contains("aria-current=\"page\""));
    let both = site.read("cases/measure/jie-dui-bang-fu/index.html");
    assert!(both.contains("结对帮扶建台账") && both.contains("水厂提档升级"));
}

#[test]
fn feeds_and_sitemap_are_well_formed_atom_and_xml() {
    let site = built();
    let feed = site.read("cases/atom.xml");
    well_formed(&feed);
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    assert_eq!(feed.matches("<entry>").count(), 2);
    for required in ["<id>", "<title>", "<updated>", "<author>"] {
        assert!(feed.contains(required), "Atom needs {required}");
    }
    assert!(feed.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://example.org/cases/atom.xml\"/>"));
    let region_feed = site.read(&format!("{}atom.xml", "cases/region/jia-ding-qu/"));
    well_formed(&region_feed);
    assert_eq!(region_feed.matches("<entry>").count(), 1);
    let sitemap = site.read("sitemap.xml");
    well_formed(&sitemap);
    assert!(sitemap.contains("https://example.org/data/pairings/"));
    insta::assert_snapshot!("cases-atom", feed);
}

#[test]
fn data_pages_are_generated_from_the_files() {
    let site = built();
    let roster = site.read("data/pairings/index.html");
    for needle in [
        "示例·甲乳业",
        "示例·乙烘焙坊",
        "一对多",
        "建立进货台账",
        "结对帮扶建台账",
        "嘉定区",
    ] {
        assert!(roster.contains(needle), "roster lacks {needle}");
    }
    let progress = site.read("data/progress/index.html");
    assert!(
        progress.contains("宣传发动") && progress.contains("class=\"chart-today\"")
            || progress.contains("宣传发动")
    );
    let ind = site.read("data/indicators/index.html");
    assert!(
        ind.contains("✓") && ind.contains("✗"),
        "met and unmet shown by text and icon"
    );
    assert!(ind.contains("96.5") && ind.contains("88"));
    let tr = site.read("data/trainings/index.html");
    assert!(tr.contains("83"), "total participants 40 + 25 + 18");
    assert!(tr.contains("7.5"), "total hours 2 + 3.5 + 2");
    let ent = site.read("data/enterprises/index.html");
    assert!(ent.contains("示例·戊水站") && ent.contains("<svg class=\"chart\""));
}

#[test]
fn templates_can_read_the_data() {
    let site = common::site("data");
    site.write(
        "templates/page.html",
        "{% set e = data(name=\"enterprises\") %}{{ e | length }}:{{ e.0.name }}",
    );
    site.write("content/count.md", "+++\ntitle = \"数\"\n+++\n");
    site.build_ok();
    assert_eq!(site.read("count/index.html"), "5:示例·甲乳业");
}

#[test]
fn charts_lay_out_chinese_labels_by_their_width() {
    let rows = vec![
        ("宝山区".to_string(), 96.5, true),
        ("追溯二维码赋码率较长的范围".to_string(), 88.0, false),
    ];
    let svg = shian::charts::against_target(
        "t",
        "培训率",
        "宝山区 96.5%（达标）",
        "%",
        90.0,
        ("达标", "未达标"),
        "目标",
        &rows,
    );
    insta::assert_snapshot!("chart-target", svg);
    let narrow = shian::charts::against_target(
        "t",
        "x",
        "x",
        "%",
        90.0,
        ("ok", "no"),
        "target",
        &[("ab".to_string(), 1.0, true)],
    );
    let width = |s: &str| {
        s.split("viewBox=\"0 0 ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .parse::<f64>()
            .unwrap()
    };
    // Every chart is laid out in the phone width; a label too long for the column beside the bars
    // (13 Chinese characters) goes on its own line above its bar instead of widening the chart.
    assert_eq!(width(&svg), shian::charts::WIDTH);
    assert_eq!(width(&narrow), shian::charts::WIDTH);
    assert!(
        svg.contains("text-anchor=\"start\" class=\"chart-label\">追溯二维码"),
        "a 13-character Chinese label goes above its bar"
    );
    assert!(narrow.contains("text-anchor=\"end\" class=\"chart-label\">ab<"));
    let ba = shian::charts::before_after(
        "b",
        "指标",
        "d",
        ("之前", "之后"),
        &[("完整率".into(), 40.0, 100.0, "%".into())],
    );
    insta::assert_snapshot!("chart-before-after", ba);
    let tl = shian::charts::timeline(
        "tl",
        "进度表",
        "d",
        &[shian::charts::Phase {
            label: "宣传发动".into(),
            start: 0,
            end: 29,
            class: "chart-phase-done",
            status: "已完成".into(),
        }],
        &[(0, "6月".into())],
        Some((10, "今天".into())),
    );
    insta::assert_snapshot!("chart-timeline", tl);
    let grouped = shian::charts::grouped_bar(
        "g",
        "企业",
        "d",
        "",
        &[
            ("A".into(), "chart-series-1".into()),
            ("B".into(), "chart-series-2".into()),
        ],
        &[("宝山区".into(), vec![2.0, 1.0])],
    );
    insta::assert_snapshot!("chart-grouped", grouped);
    for svg in [&svg, &ba, &tl, &grouped] {
        well_formed(svg);
        assert!(
            svg.contains("<title id=") && svg.contains("<desc id=") && svg.contains("role=\"img\"")
        );
    }
}

fn bad(case: &str, code: &str, location: &str) {
    let text = common::site(&format!("invalid/{case}")).build_err();
    assert!(
        text.contains(&format!("[{code}]")),
        "{case}: no {code} in\n{text}"
    );
    assert!(text.contains(location), "{case}: no {location} in\n{text}");
    assert!(text.contains("hint:"), "{case}: no hint in\n{text}");
    insta::assert_snapshot!(case, text);
}

#[test]
fn enterprises_with_an_unknown_column() {
    bad(
        "data-enterprise-column",
        "E-DATA-COLUMN",
        "data/enterprises.csv:1:",
    );
}
#[test]
fn enterprises_with_bad_values() {
    bad(
        "data-enterprise-value",
        "E-DATA-VALUE",
        "data/enterprises.csv:4:",
    );
}
#[test]
fn a_pairing_partner_that_is_not_an_enterprise() {
    bad("data-pairing-ref", "E-DATA-REF", "data/pairings.toml:5:");
}
#[test]
fn a_pairing_mode_that_does_not_match_its_partners() {
    bad(
        "data-pairing-mode",
        "E-DATA-VALUE",
        "data/pairings.toml:16:8",
    );
}
#[test]
fn a_milestone_that_ends_before_it_starts() {
    bad(
        "data-milestone-date",
        "E-DATA-VALUE",
        "data/milestones.toml:13:7",
    );
}
#[test]
fn an_indicator_scope_that_is_not_a_district() {
    bad(
        "data-indicator-scope",
        "E-DATA-REF",
        "data/indicators.toml:12:9",
    );
}
#[test]
fn an_unknown_key_in_a_data_file() {
    bad(
        "data-indicator-key",
        "E-DATA-KEY",
        "data/indicators.toml:8:1",
    );
}
#[test]
fn trainings_with_a_bad_date_and_number() {
    bad(
        "data-training-value",
        "E-DATA-VALUE",
        "data/trainings.csv:3:1",
    );
}
#[test]
fn a_case_without_a_required_section() {
    bad(
        "case-section",
        "E-CASE-SECTION",
        "content/cases/case2.md:1:1",
    );
    assert!(common::site("invalid/case-section")
        .build_err()
        .contains("the case has no section `工作成效`"));
}
#[test]
fn a_case_citing_an_unknown_pairing() {
    bad("case-pairing", "E-DATA-REF", "content/cases/case1.md:7:11");
}
#[test]
fn a_case_with_an_unknown_key() {
    bad("case-key", "E-FM-KEY", "content/cases/case1.md:5:1");
}

#[test]
fn a_non_finite_indicator_value() {
    bad(
        "data-indicator-nan",
        "E-DATA-VALUE",
        "data/indicators.toml:13:9",
    );
}

#[test]
fn a_non_finite_case_metric() {
    bad(
        "case-metric-nan",
        "E-CASE-METRIC",
        "content/cases/case1.md:10:8",
    );
}

/// docs/data.md says the four sections are required by default: without a `[cases]` table a case
/// missing one fails, and `required_sections = []` turns the rule off.
#[test]
fn the_default_case_sections_are_the_documented_four() {
    let docs =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/data.md")).unwrap();
    for s in shian::config::DEFAULT_CASE_SECTIONS {
        assert!(
            docs.contains(&format!("## {s}")),
            "docs/data.md's example lacks {s}"
        );
    }
    assert!(docs.contains("默认就是上面四个"));
    let site = common::site("data");
    site.write(
        "site.toml",
        "title = \"数据测试\"\nbase_url = \"https://example.org/\"\n",
    );
    let case = site.root.join("content/cases/case1.md");
    let text = std::fs::read_to_string(&case)
        .unwrap()
        .replace("## 工作成效", "## 成效");
    std::fs::write(&case, text).unwrap();
    let err = site.build_err();
    assert!(
        err.contains("E-CASE-SECTION") && err.contains("工作成效"),
        "{err}"
    );
    site.write(
        "site.toml",
        "title = \"数据测试\"\nbase_url = \"https://example.org/\"\n\n[cases]\nrequired_sections = []\n",
    );
    site.build_ok();
}

/// The 进度表's 统计日期 comes from `as_of` in milestones.toml, never the clock; a phase whose status
/// contradicts its dates on that day is one warning at its status.
#[test]
fn a_phase_still_in_progress_after_its_end_is_a_warning() {
    let site = common::site("invalid/data-milestone-status");
    let r = site.build_ok();
    let w: Vec<_> = r.warnings.iter().map(|d| (d.code, d.location())).collect();
    assert_eq!(
        w,
        [("W-DATA-STATUS", "data/milestones.toml:17:10".to_string())]
    );
    let page = site.read("data/progress/index.html");
    assert!(page.contains("统计日期：2024-11-30"), "{page}");
    assert!(
        page.contains("统计日期 11-30"),
        "the marker is drawn for that day"
    );
    let text = match site.build_with(|o| o.strict = true) {
        Ok(_) => panic!("--strict fails"),
        Err(d) => d.render_plain(),
    };
    insta::assert_snapshot!("data-milestone-status", text);
}

#[test]
fn without_as_of_the_progress_page_has_no_date() {
    let site = common::site("data");
    site.build_ok();
    let page = site.read("data/progress/index.html");
    assert!(!page.contains("统计日期"), "no date without as_of");
}
