//! One file of a small site replaced by the input, then the whole pipeline (into nothing): the
//! first byte picks which file (front matter + Markdown, site.toml, bank, blueprint, checklist,
//! enterprises.csv, pairings/indicators/milestones TOML). Seeds: the files of tests/fixtures/.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::path::Path;

const FILES: &[(&str, &str)] = &[
    ("quiz", "content/lesson-page.md"),
    ("quiz", "site.toml"),
    ("quiz", "content/banks/knowledge/trace.md"),
    ("quiz", "content/exams/mock.toml"),
    ("checklists", "content/checklists/daily.md"),
    ("data", "data/enterprises.csv"),
    ("data", "data/pairings.toml"),
    ("data", "data/indicators.toml"),
    ("data", "data/milestones.toml"),
];

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let t = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy(&e.path(), &t);
        } else {
            std::fs::copy(e.path(), &t).unwrap();
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let (fixture, rel) = FILES[pick as usize % FILES.len()];
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let dir = tempfile_dir();
    copy(&fixtures.join(fixture), &dir);
    std::fs::write(dir.join(rel), rest).unwrap();
    let opts = shian::BuildOptions::new(&dir);
    let _ = shian::build(&opts, shian::Target::Nothing);
    let _ = std::fs::remove_dir_all(&dir);
});

fn tempfile_dir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let d = std::env::temp_dir().join(format!(
        "shian-fuzz-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&d);
    d
}
