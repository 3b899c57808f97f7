//! The default theme: UI strings come from the locale files, and nothing is fetched from elsewhere.

use std::path::{Path, PathBuf};

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files(&p, ext));
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
    out
}

fn theme() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default")
}

/// Template text without `{# ... #}` comments.
fn without_comments(mut s: &str) -> String {
    let mut out = String::new();
    while let Some(i) = s.find("{#") {
        out.push_str(&s[..i]);
        s = s[i..].find("#}").map(|j| &s[i + j + 2..]).unwrap_or("");
    }
    out.push_str(s);
    out
}

#[test]
fn templates_hold_no_hard_coded_chinese() {
    let templates = files(&theme().join("templates"), "html");
    assert!(templates.len() >= 10);
    for t in templates {
        let text = without_comments(&std::fs::read_to_string(&t).unwrap());
        let cjk: String = text
            .chars()
            .filter(|c| shian::markdown::cjk::is_cjk(*c) && *c != '·')
            .collect();
        assert!(
            cjk.is_empty(),
            "{} has UI text outside the locale files: {cjk}",
            t.display()
        );
    }
}

#[test]
fn theme_files_make_no_external_request() {
    for ext in ["html", "css", "js"] {
        for f in files(&theme(), ext) {
            let text = std::fs::read_to_string(&f).unwrap();
            for bad in [
                "http://",
                "https://",
                "//cdn",
                "@import url(",
                "fonts.googleapis",
            ] {
                let hits: Vec<&str> = text
                    .lines()
                    .filter(|l| l.contains(bad) && !l.contains("www.w3.org/2000/svg"))
                    .collect();
                assert!(
                    hits.is_empty(),
                    "{} references {bad}: {hits:?}",
                    f.display()
                );
            }
        }
    }
}
