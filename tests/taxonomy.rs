//! Case taxonomy addresses and lists: a slug from data/terms.toml or the term's pinyin, one list
//! page per taxonomy, descriptions on both; two terms on one address and a described term no case
//! uses are reported at their place.

mod common;

#[test]
fn terms_get_readable_addresses_and_each_taxonomy_a_list() {
    let site = common::site("case-terms");
    site.build_ok();
    // A slug from data/terms.toml, with its description on the term's page.
    let minhang = site.read("cases/region/minhang/index.html");
    assert!(minhang.contains("糕点作坊建台账") && !minhang.contains("桶装水厂升级"));
    assert!(minhang.contains("闵行区的案例。"), "{minhang}");
    assert!(
        minhang.contains("href=\"/cases/region/\""),
        "links its taxonomy's list"
    );
    // Pinyin otherwise: Chinese characters by syllable, ASCII words kept and lowercased.
    assert!(site.exists("cases/region/bao-shan-qu/index.html"));
    assert!(site.exists("cases/industry/gao-dian/index.html"));
    assert!(site.exists("cases/industry/haccp-ti-xi/index.html"));
    assert!(site.exists("cases/industry/tong-zhuang-yin-yong-shui/atom.xml"));
    // The list of a taxonomy: every term with its count and description, linked.
    let measures = site.read("cases/measure/index.html");
    assert!(
        common::between(&measures, "class=\"breadcrumbs\"", "</nav>").contains("href=\"/cases/\"")
    );
    let pairing = common::between(
        &measures,
        "href=\"/cases/measure/jie-dui-bang-fu/\"",
        "</li>",
    );
    assert!(
        pairing.contains("结对帮扶") && pairing.contains("2 个案例"),
        "{pairing}"
    );
    assert!(pairing.contains("大企带小企。"), "{pairing}");
    assert!(measures.contains("href=\"/cases/measure/zhui-su-fu-ma/\""));
    assert!(
        measures.contains("href=\"/cases/region/\"")
            && measures.contains("href=\"/cases/industry/\"")
    );
    // The case index's filter headings link the lists; the sitemap has them.
    let index = site.read("cases/index.html");
    assert!(index.contains("href=\"/cases/industry/\""));
    assert!(site
        .read("sitemap.xml")
        .contains("https://example.org/cases/region/</loc>"));
}

#[test]
fn two_terms_on_one_address_are_one_error_with_the_slug_to_add() {
    let text = common::site("invalid/case-term-slug").build_err();
    assert!(text.contains("[E-CASE-TERM-SLUG]"), "{text}");
    assert_eq!(text.matches("error[").count(), 1, "{text}");
    assert!(text.contains("content/cases/b.md:5:"), "{text}");
    insta::assert_snapshot!("case-term-slug", text);
}

#[test]
fn a_bad_slug_is_an_error_at_it() {
    let text = common::site("invalid/data-term-slug").build_err();
    assert!(
        text.contains("[E-DATA-VALUE]") && text.contains("data/terms.toml:3:8"),
        "{text}"
    );
    assert_eq!(text.matches("error[").count(), 1, "{text}");
    insta::assert_snapshot!("data-term-slug", text);
}

#[test]
fn a_described_term_no_case_uses_is_a_warning() {
    let site = common::site("invalid/data-term-unused");
    let r = site.build_ok();
    let w: Vec<_> = r.warnings.iter().map(|d| (d.code, d.location())).collect();
    assert_eq!(
        w,
        [("W-DATA-TERM-UNUSED", "data/terms.toml:2:8".to_string())]
    );
    assert!(
        site.exists("cases/region/bao-shan-qu/index.html"),
        "the case's own term keeps its pinyin"
    );
}
