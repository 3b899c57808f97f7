//! Building the tiny fixture sites: what lands in the output, in what order, with what links.

mod common;

use shian::markdown::shortcodes::{Call, Context, Shortcode};
use std::sync::Arc;

#[test]
fn markdown_features_render() {
    let site = common::site("markdown");
    site.build_ok();
    let html = site.read("features/index.html");
    let body = common::between(&html, "<div class=\"prose\">", "</article>");
    insta::assert_snapshot!("markdown-features", body);
    for needle in [
        "<table>",
        "<del>作废</del>",
        "type=\"checkbox\" checked=\"\"",
        "class=\"footnote-definition\"",
        "<h2 id=\"tables\">",
        "<h2 id=\"代码\">",
        "<pre class=\"code\" data-lang=\"json\"><code class=\"language-json\">{<span class=\"hl-string\">&quot;id&quot;</span>",
        "href=\"#tables\"",
        "href=\"/about/#who\"",
        "href=\"/img/flow.svg\"",
        "<aside class=\"note note-warning\"",
    ] {
        assert!(body.contains(needle), "missing {needle:?}");
    }
}

#[test]
fn cjk_emphasis_next_to_chinese_punctuation() {
    let site = common::site("markdown");
    site.build_ok();
    let html = site.read("features/index.html");
    assert!(
        html.contains("<strong>注意：</strong>内容要写清楚"),
        "bold before a full-width colon"
    );
    assert!(
        html.contains("执行<strong>“一罐一码”</strong>制度"),
        "bold around curly quotes"
    );
    assert!(
        html.contains("规定<em>（试行）</em>的内容"),
        "italic around full-width brackets"
    );
    assert!(
        html.contains("普通的<strong>重点</strong>和 <em>emphasis</em>"),
        "ordinary emphasis unchanged"
    );
    assert!(html.contains("2 * 3 * 4"), "spaced asterisks stay literal");
    assert!(
        html.contains("*转义*不变"),
        "escaped asterisks stay literal"
    );
}

#[test]
fn table_of_contents_is_in_the_page() {
    let site = common::site("markdown");
    site.build_ok();
    let html = site.read("features/index.html");
    let toc = common::between(&html, "<nav class=\"toc\"", "</nav>");
    for id in ["#tables", "#emphasis", "#代码", "#链接"] {
        assert!(
            toc.contains(&format!("href=\"{id}\"")),
            "toc lacks {id}: {toc}"
        );
    }
}

#[test]
fn pages_are_ordered_by_weight_then_title_and_drafts_left_out() {
    let site = common::site("ordering");
    let r = site.build_ok();
    let section = site.read("course/index.html");
    let order: Vec<usize> = ["第一课", "第二课", "第三课", "乙未定", "甲未定"]
        .iter()
        .map(|t| section.find(t).unwrap_or_else(|| panic!("{t} missing")))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "order {order:?}");
    assert!(!section.contains("草稿课"));
    assert!(!site.exists("course/draft-page/index.html"));
    assert!(!site.exists("hidden/index.html") && !site.exists("hidden/inside/index.html"));
    assert_eq!(
        r.stats.rendered, 10,
        "7 pages and 3 sections (drafts left out)"
    );

    let second = site.read("course/b-second/index.html");
    let pager = common::between(&second, "class=\"pager\"", "</nav>");
    assert!(
        pager.contains("第一课") && pager.contains("第三课"),
        "{pager}"
    );

    let news = site.read("news/index.html");
    assert!(
        news.find("新消息").unwrap() < news.find("旧消息").unwrap(),
        "date sorts newest first"
    );
}

#[test]
fn drafts_are_built_with_the_flag() {
    let site = common::site("ordering");
    site.build_with(|o| o.drafts = true).unwrap();
    assert!(site.exists("course/draft-page/index.html"));
    assert!(site.exists("hidden/inside/index.html"));
    let section = site.read("course/index.html");
    assert!(section.find("第一课").unwrap() < section.find("草稿课").unwrap());
    assert!(section.find("草稿课").unwrap() < section.find("第二课").unwrap());
}

#[test]
fn site_files_sitemap_robots_404_aliases_and_statics() {
    let site = common::site("output");
    let r = site.build_ok();
    assert_eq!(r.stats.aliases, 2);
    let sitemap = site.read("sitemap.xml");
    insta::assert_snapshot!("sitemap", sitemap);
    assert!(sitemap.contains(
        "<loc>https://example.org/sub/guide/one/</loc>\n    <lastmod>2024-05-01</lastmod>"
    ));
    assert_eq!(
        site.read("robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://example.org/sub/sitemap.xml\n"
    );
    let not_found = site.read("404.html");
    assert!(
        not_found.contains("<html lang=\"zh-CN\">")
            && not_found.contains("href=\"/sub/assets/shian.css\"")
    );
    let redirect = site.read("old/one/index.html");
    assert!(redirect.contains("url=/sub/guide/one/"), "{redirect}");
    assert!(site.read("legacy.html").contains("url=/sub/guide/one/"));
    assert_eq!(site.read("files/form.txt"), "承诺书模板\n");
    assert!(site.exists("guide/flow.svg"));
    assert!(site.exists("assets/shian.css"));
    let home = site.read("index.html");
    assert!(
        home.contains("href=\"/sub/guide/one/#part\""),
        "base path prefixes links"
    );
}

#[test]
fn relative_links_work_from_file_urls() {
    let site = common::site("output");
    site.build_with(|o| o.relative = true).unwrap();
    let home = site.read("index.html");
    assert!(
        home.contains("href=\"./guide/one/index.html#part\""),
        "{home}"
    );
    assert!(home.contains("href=\"./assets/shian.css\""));
    let page = site.read("guide/one/index.html");
    assert!(page.contains("href=\"../../assets/shian.css\""));
    assert!(page.contains("src=\"../../guide/flow.svg\""));
    assert!(
        page.contains("<a class=\"site-title\" href=\"../../index.html\">"),
        "the site title opens index.html"
    );
    assert!(site
        .read("old/one/index.html")
        .contains("url=../../guide/one/index.html"));
    // No root-relative link or asset is left in any page.
    for (path, bytes) in common::tree(&site.out()) {
        if path.ends_with(".html") {
            let text = String::from_utf8(bytes).unwrap();
            for attr in ["href=\"/", "src=\"/"] {
                assert!(!text.contains(attr), "{path} has {attr}");
            }
        }
    }
}

#[test]
fn site_templates_shortcodes_and_static_files_override_the_theme() {
    let site = common::site("theme-override");
    site.build_ok();
    let page = site.read("plain/index.html");
    assert!(
        page.contains("<strong class=\"shout\">HI</strong>"),
        "{page}"
    );
    assert!(
        page.contains("<p>Home</p>"),
        "English locale strings: {page}"
    );
    assert_eq!(site.read("assets/shian.css"), "body { color: black; }\n");
    let home = site.read("index.html");
    assert!(
        home.contains("<html lang=\"en\">") && home.contains("Skip to main content"),
        "{home}"
    );
}

struct Stamp;
impl Shortcode for Stamp {
    fn render(&self, call: &Call, _: &Context<'_>) -> Result<String, String> {
        match call.args.get("n").and_then(|v| v.as_i64()) {
            Some(n) => Ok(format!("<span class=\"stamp\">{}</span>", n * 2)),
            None => Err("`n` must be a number".to_string()),
        }
    }
}

#[test]
fn native_shortcodes_plug_into_the_registry() {
    let site = common::site("markdown");
    site.write(
        "content/stamp.md",
        "+++\ntitle = \"盖章\"\n+++\n\n{{ stamp(n=21) }}\n\n{{ stamp(n=\"x\") }}\n",
    );
    let with_stamp = |o: &mut shian::BuildOptions| o.shortcodes.register("stamp", Arc::new(Stamp));
    let err = site
        .build_with(with_stamp)
        .err()
        .expect("the second call fails")
        .render_plain();
    assert!(
        err.contains("error[E-SC-RENDER]: shortcode `stamp` failed: `n` must be a number"),
        "{err}"
    );
    assert!(err.contains("content/stamp.md:7:1"), "{err}");
    site.write(
        "content/stamp.md",
        "+++\ntitle = \"盖章\"\n+++\n\n{{ stamp(n=21) }}\n",
    );
    site.build_with(with_stamp).unwrap();
    assert!(site
        .read("stamp/index.html")
        .contains("<span class=\"stamp\">42</span>"));
}

#[test]
fn two_builds_are_byte_identical() {
    let a = common::site("markdown");
    let b = common::site("markdown");
    a.build_ok();
    b.build_ok();
    let (ta, tb) = (common::tree(&a.out()), common::tree(&b.out()));
    assert!(ta.len() > 5);
    assert_eq!(ta, tb);
    a.build_ok();
    assert_eq!(
        common::tree(&a.out()),
        tb,
        "a rebuild in place changes nothing"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = common::site("markdown");
    site.build_ok();
    let before = common::tree(&site.out());
    site.write(
        "content/features.md",
        "+++\ntitle = \"坏\"\nweight = \n+++\n",
    );
    site.write("content/new-page.md", "+++\ntitle = \"新页面\"\n+++\n");
    assert!(site.build().is_err());
    assert_eq!(common::tree(&site.out()), before);
    let leftovers: Vec<_> = std::fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".shian-tmp") || n.starts_with(".shian-old"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders removed: {leftovers:?}"
    );
}

#[test]
fn the_output_folder_may_not_hold_the_site() {
    let site = common::site("markdown");
    let root = site.root.clone();
    let err = site
        .build_with(|o| o.out = Some(root.join("content")))
        .err()
        .unwrap();
    assert!(err.render_plain().contains("E-OUT-DIR"));
    assert!(site.root.join("content/features.md").exists());
}

#[test]
fn the_sample_site_builds_without_warnings() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let mut o = shian::BuildOptions::new(root);
    o.out = Some(out.path().join("public"));
    let r = match shian::build(&o, shian::Target::Disk(out.path().join("public"))) {
        Ok(r) => r,
        Err(d) => panic!("{}", d.render_plain()),
    };
    assert!(r.warnings.is_empty(), "{}", r.warnings.render_plain());
    assert!(r.stats.pages >= 6);
    let home = std::fs::read_to_string(out.path().join("public/index.html")).unwrap();
    for programme in ["大企带小企", "千企万坊", "提档升级", "日管控"] {
        assert!(home.contains(programme), "home page introduces {programme}");
    }
}

#[test]
fn a_page_context_holds_no_list_of_other_pages() {
    // Copying a section's page list into every page's context makes builds quadratic; a page sees
    // only its own content, its breadcrumbs and its neighbours.
    let site = common::site("page-context");
    site.build_ok();
    let ctx = site.read("lessons/l3/index.html");
    assert!(
        ctx.contains("第2课") && ctx.contains("第4课"),
        "prev/next present: {ctx}"
    );
    assert!(
        !ctx.contains("第1课") && !ctx.contains("第5课"),
        "no other pages: {ctx}"
    );
    let keys: Vec<&str> = [
        "breadcrumbs",
        "canonical",
        "home_href",
        "nav",
        "next",
        "page",
        "prev",
        "root",
        "site",
        "t",
    ]
    .into_iter()
    .filter(|k| ctx.contains(&format!("\"{k}\":")))
    .collect();
    assert_eq!(keys.len(), 10, "{keys:?}");
}

#[test]
fn windows_files_with_bom_and_crlf_build() {
    let site = common::site("ordering");
    site.write(
        "content/course/windows.md",
        "\u{feff}+++\r\ntitle = \"记事本保存的课\"\r\nweight = 5\r\n+++\r\n\r\n**注意：**换行是 CRLF。\r\n",
    );
    site.build_ok();
    let page = site.read("course/windows/index.html");
    assert!(
        page.contains("<strong>注意：</strong>换行是 CRLF。"),
        "{page}"
    );
}

/// The languages a training site shows are highlighted, and every block keeps `language-…`.
#[test]
fn config_and_script_languages_are_highlighted() {
    for (lang, code) in [
        ("toml", "[cases]\ntitle = \"食安\" # 名称\n"),
        ("ini", "[db]\nhost = 127.0.0.1 ; 本机\n"),
        ("yaml", "title: 食安\ncount: 3\n"),
        ("json", "{\"a\": 1}\n"),
        ("sql", "SELECT * FROM t WHERE id = 1;\n"),
        ("bash", "echo \"hi\" # 注释\n"),
    ] {
        let html = shian::markdown::render_standalone(&format!("```{lang}\n{code}```\n"));
        assert!(
            html.contains(&format!("<code class=\"language-{lang}\">")),
            "{lang}: {html}"
        );
        assert!(
            html.contains("class=\"hl-"),
            "{lang} is not highlighted: {html}"
        );
    }
    let odd = shian::markdown::render_standalone("```x\" onclick=\"y\n1\n```\n");
    assert!(
        !odd.contains("onclick=\"y"),
        "a strange info string is no class: {odd}"
    );
}

#[test]
fn every_link_of_the_sample_site_resolves_in_a_relative_build_too() {
    // The output link check (E-OUT-LINK) runs after every build; a broken generated link fails it.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let mut o = shian::BuildOptions::new(root);
    o.relative = true;
    o.search = false;
    o.out = Some(out.path().join("public"));
    if let Err(d) = shian::build(&o, shian::Target::Disk(out.path().join("public"))) {
        panic!("{}", d.render_plain());
    }
    let changes =
        std::fs::read_to_string(out.path().join("public/editions/2024/changes/index.html"))
            .unwrap();
    assert!(changes.contains("#q-"), "changes link to the question ids");
}
