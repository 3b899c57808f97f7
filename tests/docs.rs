//! Documentation stays in step with the code.

use std::path::Path;

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

fn sources(dir: &Path, out: &mut String) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push_str(&std::fs::read_to_string(p).unwrap());
        }
    }
}

#[test]
fn every_diagnostic_code_is_documented() {
    let mut src = String::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut src);
    let docs = read("docs/errors.md");
    let mut codes: Vec<&str> = src
        .split('"')
        .filter(|s| {
            (s.starts_with("E-") || s.starts_with("W-"))
                && s.len() > 3
                && s[2..]
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c == '-' || c.is_ascii_digit())
        })
        .filter(|s| *s != "E-TEST")
        .collect();
    codes.sort_unstable();
    codes.dedup();
    assert!(codes.len() > 20, "found {codes:?}");
    let missing: Vec<&&str> = codes
        .iter()
        .filter(|c| !docs.contains(&format!("`{c}`")))
        .collect();
    assert!(missing.is_empty(), "docs/errors.md lacks {missing:?}");
}

#[test]
fn readme_names_the_two_commands_and_ci_runs_the_test_one() {
    let readme = read("README.md");
    assert!(readme.contains("cargo run --release -- serve"));
    assert!(readme.contains("\nscripts/test\n"));
    let ci = read(".ci/run");
    assert!(ci.contains("scripts/test"), "{ci}");
}
