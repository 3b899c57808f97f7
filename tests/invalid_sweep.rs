//! Every fixture under tests/fixtures/invalid/ run through the real binary over a previous build
//! (with --strict for the fixtures of a warning): exit 1, at least one `error[CODE]` with a file location and a hint, and the previous public/
//! (a folder an earlier build made) byte for byte as it was, with nothing left beside it. The exact text of each case is
//! snapshotted by its own test (invalid.rs, quiz.rs, data.rs, checklists.rs, courses.rs).

mod common;

#[test]
fn every_invalid_fixture_fails_cleanly_and_keeps_the_previous_output() {
    let dir = common::fixtures().join("invalid");
    let mut cases: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    assert!(cases.len() >= 60, "only {} invalid fixtures", cases.len());
    let mut problems = Vec::new();
    for case in &cases {
        let site = common::site(&format!("invalid/{case}"));
        site.write(
            "public/index.html",
            "<!doctype html><title>previous</title>",
        );
        site.write("public/lessons/a/index.html", "previous lesson");
        // The marker of an earlier build: public/ is shian's own to replace, if the build succeeds.
        site.write(
            "public/.shian-output",
            "written by an earlier shian build\n",
        );
        let before = common::tree(&site.out());
        let siblings = |root: &std::path::Path| -> Vec<String> {
            let mut v: Vec<String> = std::fs::read_dir(root)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            // The incremental cache (docs/incremental.md) is expected.
            v.retain(|n| n != ".shian-cache");
            v.sort();
            v
        };
        let names_before = siblings(&site.root);
        let mut o = site.cli(&["build"]);
        if o.status.code() == Some(0) && String::from_utf8_lossy(&o.stderr).contains("warning[W-") {
            // A fixture for a warning: it fails under --strict. The successful build replaced the
            // previous output, so it is written again.
            std::fs::remove_dir_all(site.out()).unwrap();
            site.write(
                "public/index.html",
                "<!doctype html><title>previous</title>",
            );
            site.write("public/lessons/a/index.html", "previous lesson");
            site.write(
                "public/.shian-output",
                "written by an earlier shian build\n",
            );
            o = site.cli(&["build", "--strict"]);
        }
        let err = String::from_utf8_lossy(&o.stderr);
        let code = o.status.code();
        if code != Some(1) {
            problems.push(format!("{case}: exit {code:?}"));
        }
        if !err.contains("error[E-") && !err.contains("error[W-") {
            problems.push(format!("{case}: no error code in\n{err}"));
        }
        if !err.contains("hint:") {
            problems.push(format!("{case}: no hint in\n{err}"));
        }
        let located = err
            .lines()
            .any(|l| l.trim_start().starts_with("┌─ ") || l.contains(".md") || l.contains(".toml"));
        if !located {
            problems.push(format!("{case}: no file named in\n{err}"));
        }
        if err.contains("panicked") {
            problems.push(format!("{case}: panic\n{err}"));
        }
        if common::tree(&site.out()) != before {
            problems.push(format!("{case}: the previous public/ changed"));
        }
        if siblings(&site.root) != names_before {
            problems.push(format!(
                "{case}: files left beside public/: {:?}",
                siblings(&site.root)
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
