//! Incremental correctness of `serve`: a session rebuild after an edit must give, byte for byte, what
//! a fresh build of the edited site gives — for every kind of input — and must render only what the
//! edit can have changed. (tests/fixtures/incremental/ has one of each input: courses and lessons, a
//! law, the glossary, banks and an exam blueprint, cases, every data file, a static file, a template
//! override, a locale override and an archived edition.)

mod common;

use shian::serve::{Built, Change, Session};

fn rebuild(session: &mut Session, paths: &[&str]) -> Built {
    let changes: Vec<Change> = paths.iter().map(|p| Change::new(*p)).collect();
    match session.rebuild(&changes) {
        Ok(b) => b,
        Err(d) => panic!("rebuild after {paths:?} failed:\n{}", d.render_plain()),
    }
}

/// The session's files equal a fresh build's, with the first difference named.
fn same_as_fresh(site: &common::Site, built: &Built, what: &str) {
    let fresh = site.memory_build().files.unwrap();
    let names = |f: &shian::output::Files| f.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&built.files), names(&fresh), "{what}: the same files");
    for (path, bytes) in fresh.iter() {
        assert!(
            built.files[path] == *bytes,
            "{what}: {path} differs from a fresh build:\n--- session\n{}\n--- fresh\n{}",
            String::from_utf8_lossy(&built.files[path]),
            String::from_utf8_lossy(bytes)
        );
    }
}

fn edit(site: &common::Site, rel: &str, from: &str, to: &str) {
    let path = site.root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} lacks {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn every_kind_of_edit_under_serve_equals_a_fresh_build() {
    let site = common::site("incremental");
    let mut session = site.session();
    let first = rebuild(&mut session, &[]);
    same_as_fresh(&site, &first, "first build");
    let lesson = "content/courses/basics/health.md";
    use Edit::*;
    let steps = [
        ("a lesson's body", Replace(lesson, "方可上岗。", "方可上岗，并留存记录。")),
        ("a lesson's front matter", Replace(lesson, "title = \"健康管理\"", "title = \"从业人员健康管理\"")),
        ("a course's _index.md", Replace("content/courses/basics/_index.md", "进货查验与健康管理。", "进货查验、健康管理。")),
        ("a bank", Replace("content/banks/law/fsl.md", "营业执照不能替代。", "营业执照不能代替合格证明。")),
        ("a blueprint", Replace("content/exams/mock.toml", "测试模拟考试", "测试模拟考试（修订）")),
        ("a case", Replace("content/cases/case1.md", "示例案例 1。", "示例案例一。")),
        ("enterprises.csv", Replace("data/enterprises.csv", "示例·甲乳业", "示例·甲乳品")),
        ("pairings.toml", Replace("data/pairings.toml", "建立进货台账", "建立进货查验台账")),
        ("milestones.toml", Replace("data/milestones.toml", "宣传发动", "动员部署")),
        ("indicators.toml", Replace("data/indicators.toml", "value = 96.5", "value = 97.5")),
        ("trainings.csv", Replace("data/trainings.csv", "进货查验培训", "进货查验专题培训")),
        ("the glossary", Replace("data/glossary.toml", "采购时查验", "采购时当场查验")),
        ("a law", Replace("content/laws/fsl.md", "健康管理制度。", "健康管理制度，建立健康档案。")),
        ("a template", Replace("templates/page.html", "<article>", "<article class=\"page\">")),
        ("a locale string", Replace("themes/default/locales/zh-CN.toml", "增量测试页脚", "增量测试的页脚")),
        ("a static file", Write("static/files/form.txt", "新表格")),
        ("site.toml", Replace("site.toml", "增量测试", "增量测试站")),
        ("an archived edition", Replace("editions/2023/courses/c/l1.md", "2023 版：", "2023 年版：")),
        ("a new file", Write("content/guide.md", "+++\ntitle = \"新指南\"\n+++\n\n见[健康管理](@/courses/basics/health.md#yearly)。\n")),
        ("a deleted file", Remove("content/about.md")),
    ];
    for (what, step) in steps {
        let path = step.apply(&site);
        let built = rebuild(&mut session, &[path]);
        same_as_fresh(&site, &built, what);
    }
}

/// One edit of a site file.
enum Edit {
    Replace(&'static str, &'static str, &'static str),
    Write(&'static str, &'static str),
    Remove(&'static str),
}

impl Edit {
    /// Makes the edit; returns the path it changed.
    fn apply(&self, site: &common::Site) -> &'static str {
        match *self {
            Edit::Replace(path, from, to) => {
                edit(site, path, from, to);
                path
            }
            Edit::Write(path, text) => {
                site.write(path, text);
                path
            }
            Edit::Remove(path) => {
                site.remove(path);
                path
            }
        }
    }
}

#[test]
fn a_lesson_body_edit_renders_that_lesson_and_what_includes_it() {
    let site = common::site("incremental");
    let mut session = site.session();
    let first = rebuild(&mut session, &[]);
    assert_eq!(
        rebuild(&mut session, &[]).stats.rendered,
        0,
        "nothing changed, nothing rendered"
    );
    edit(
        &site,
        "content/courses/basics/health.md",
        "方可上岗。",
        "方可上岗，并留存记录。",
    );
    let second = rebuild(&mut session, &["content/courses/basics/health.md"]);
    assert_eq!(second.stats.rendered, 1, "one document rendered");
    let changed: Vec<&str> = first
        .files
        .keys()
        .filter(|p| first.files[*p] != second.files[*p])
        .map(|p| &**p)
        .collect();
    assert_eq!(
        changed,
        [
            "courses/basics/health/index.html",
            "courses/basics/print/index.html"
        ],
        "the lesson and its course's print page"
    );
    same_as_fresh(&site, &second, "after the edit");
}

#[test]
fn a_lesson_title_edit_re_renders_only_the_pages_that_show_it() {
    let site = common::site("incremental");
    let mut session = site.session();
    let first = rebuild(&mut session, &[]);
    edit(
        &site,
        "content/courses/basics/health.md",
        "title = \"健康管理\"",
        "title = \"从业人员健康\"",
    );
    let second = rebuild(&mut session, &["content/courses/basics/health.md"]);
    same_as_fresh(&site, &second, "after the edit");
    for (path, bytes) in first.files.iter() {
        let shows = String::from_utf8_lossy(bytes).contains("健康管理")
            || String::from_utf8_lossy(&second.files[path]).contains("从业人员健康");
        if second.files[path] != *bytes {
            assert!(shows, "{path} changed but does not show the title");
        }
    }
    assert_eq!(
        second.stats.rendered, 5,
        "the lesson, its two neighbours, its course and the law page that lists it as citing"
    );
}

#[test]
fn editing_a_template_re_renders_only_the_pages_made_with_it() {
    let site = common::site("ordering");
    site.write("templates/page.html", "{% extends \"base.html\" %}{% block content %}<h1>{{ page.title }}</h1>{{ page.content | safe }}{% endblock content %}");
    let mut session = site.session();
    assert_eq!(rebuild(&mut session, &[]).stats.rendered, 10);
    site.write("templates/page.html", "{% extends \"base.html\" %}{% block content %}<h1 class=\"x\">{{ page.title }}</h1>{{ page.content | safe }}{% endblock content %}");
    let second = rebuild(&mut session, &["templates/page.html"]);
    assert_eq!(
        second.stats.rendered, 7,
        "the 7 pages use page.html; the 3 sections do not"
    );
    same_as_fresh(&site, &second, "page.html edited");
    let base = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/base.html"),
    )
    .unwrap();
    site.write(
        "themes/default/templates/base.html",
        &base.replace("</footer>", "<!-- x --></footer>"),
    );
    let third = rebuild(&mut session, &["themes/default/templates/base.html"]);
    assert_eq!(third.stats.rendered, 10, "every page extends base.html");
    same_as_fresh(&site, &third, "base.html edited");
}

#[test]
fn replayed_output_equals_a_fresh_build_on_every_fixture() {
    for fixture in ["quiz", "data", "courses", "editions", "markdown"] {
        let site = common::site(fixture);
        let mut session = site.session();
        rebuild(&mut session, &[]);
        let again = rebuild(&mut session, &[]);
        same_as_fresh(&site, &again, fixture);
    }
}

#[test]
fn a_failed_rebuild_keeps_the_session_and_the_fix_recovers() {
    let site = common::site("incremental");
    let mut session = site.session();
    rebuild(&mut session, &[]);
    edit(&site, "site.toml", "title = ", "titel = ");
    assert!(session.rebuild(&[Change::new("site.toml")]).is_err());
    // While site.toml is broken, another edit still reports it.
    edit(
        &site,
        "content/courses/basics/health.md",
        "方可上岗。",
        "方可上岗！",
    );
    assert!(session
        .rebuild(&[Change::new("content/courses/basics/health.md")])
        .is_err());
    edit(&site, "site.toml", "titel = ", "title = ");
    let fixed = rebuild(&mut session, &["site.toml"]);
    same_as_fresh(&site, &fixed, "after the fix");
}
