//! Page weight of the sample site, checked on sizes (never on time): what a phone downloads for a
//! lesson page and for a quiz page, gzipped, and that nothing is requested from another host.

mod common;

use flate2::{write::GzEncoder, Compression};
use std::io::Write;
use std::path::Path;

fn gz(bytes: &[u8]) -> usize {
    let mut e = GzEncoder::new(Vec::new(), Compression::best());
    e.write_all(bytes).unwrap();
    e.finish().unwrap().len()
}

/// Gzipped bytes of a page plus every script and stylesheet it loads; panics on an external URL.
fn transfer(out: &Path, page: &str) -> usize {
    let html = std::fs::read_to_string(out.join(page)).unwrap();
    let mut total = gz(html.as_bytes());
    for attr in ["src=\"", "href=\""] {
        for part in html.split(attr).skip(1) {
            let url = part.split('"').next().unwrap();
            assert!(
                !(url.starts_with("http://")
                    || url.starts_with("https://")
                    || url.starts_with("//"))
                    || !is_resource(&html, url),
                "{page} loads {url} from elsewhere"
            );
        }
    }
    for (open, attr) in [
        ("<script src=\"", "src"),
        ("<link rel=\"stylesheet\" href=\"", "href"),
    ] {
        for part in html.split(open).skip(1) {
            let url = part.split('"').next().unwrap();
            let file = out.join(url.trim_start_matches('/'));
            let bytes =
                std::fs::read(&file).unwrap_or_else(|e| panic!("{page}: {attr} {url}: {e}"));
            total += gz(&bytes);
        }
    }
    total
}

/// Whether `url` is used as a resource (script, stylesheet, image) rather than a plain link.
fn is_resource(html: &str, url: &str) -> bool {
    html.contains(&format!("src=\"{url}\""))
        || html.contains(&format!("rel=\"stylesheet\" href=\"{url}\""))
}

#[test]
fn lesson_and_quiz_pages_stay_light() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let mut o = shian::BuildOptions::new(root);
    o.out = Some(out.clone());
    if let Err(d) = shian::build(&o, shian::Target::Disk(out.clone())) {
        panic!("{}", d.render_plain());
    }
    let lesson = transfer(&out, "courses/haccp/principles/index.html");
    assert!(
        lesson <= 60 * 1024,
        "a lesson page transfers {lesson} bytes gzipped (limit 60 KB)"
    );
    // The mock exam: the page (rules and form) is light, the question pool comes beside it and
    // stays within 60 KB for the sample's 234 pool questions.
    let exam_html = gz(&std::fs::read(out.join("exams/samr-mock/index.html")).unwrap());
    assert!(
        exam_html <= 12 * 1024,
        "the exam page's HTML is {exam_html} bytes gzipped (limit 12 KB)"
    );
    let pool = gz(&std::fs::read(out.join("exams/samr-mock/pool.js")).unwrap());
    assert!(
        pool <= 60 * 1024,
        "the exam's pool.js is {pool} bytes gzipped (limit 60 KB)"
    );
    for quiz in [
        "exams/samr-mock/index.html",
        "banks/law/food-safety-law/practice/index.html",
        "quiz/index.html",
    ] {
        let bytes = transfer(&out, quiz);
        assert!(
            bytes <= 100 * 1024,
            "{quiz} transfers {bytes} bytes gzipped (limit 100 KB)"
        );
    }
}
