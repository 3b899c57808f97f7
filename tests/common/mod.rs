//! Test harness: copy one tiny fixture site to a temp dir, run the pipeline (as a library or as the
//! real binary with a scrubbed environment) and look at the files it wrote.
#![allow(dead_code)]

use shian::diag::Diagnostics;
use shian::{BuildOptions, BuildResult, Target};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Site {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A fresh copy of `tests/fixtures/<name>`.
pub fn site(name: &str) -> Site {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("site");
    copy_dir(&fixtures().join(name), &root);
    Site { _dir: dir, root }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl Site {
    pub fn options(&self) -> BuildOptions {
        BuildOptions::new(&self.root)
    }

    pub fn out(&self) -> PathBuf {
        self.root.join("public")
    }

    pub fn build(&self) -> Result<BuildResult, Diagnostics> {
        self.build_with(|_| {})
    }

    pub fn build_with(
        &self,
        f: impl FnOnce(&mut BuildOptions),
    ) -> Result<BuildResult, Diagnostics> {
        let mut o = self.options();
        f(&mut o);
        let out = o.out_dir();
        shian::build(&o, Target::Disk(out))
    }

    /// Builds and panics with the rendered diagnostics if the build fails.
    pub fn build_ok(&self) -> BuildResult {
        match self.build() {
            Ok(r) => r,
            Err(d) => panic!("build failed:\n{}", d.render_plain()),
        }
    }

    /// Builds into memory (a fresh build, nothing reused); panics on failure.
    pub fn memory_build(&self) -> BuildResult {
        match shian::build(&self.options(), Target::Memory) {
            Ok(r) => r,
            Err(d) => panic!("{}: {}", self.root.display(), d.render_plain()),
        }
    }

    /// A serve session on the site (nothing is read until its first rebuild).
    pub fn session(&self) -> shian::serve::Session {
        shian::serve::Session::new(self.options())
    }

    /// Removes a file of the site.
    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.root.join(rel)).unwrap();
    }

    /// The rendered text of the errors of a build that must fail.
    pub fn build_err(&self) -> String {
        match self.build() {
            Ok(_) => panic!("build of {} should have failed", self.root.display()),
            Err(d) => d.render_plain(),
        }
    }

    pub fn read(&self, rel: &str) -> String {
        let p = self.out().join(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.out().join(rel).exists()
    }

    /// Writes a file of the site the way editors save: into a hidden temporary file beside it,
    /// then renamed over it, so a watching `serve` never reads it half written (a plain write
    /// truncates first, and a rebuild on a loaded machine could catch the empty file).
    pub fn write(&self, rel: &str, text: &str) {
        let p = self.root.join(rel);
        let dir = p.parent().unwrap();
        std::fs::create_dir_all(dir).unwrap();
        let name = p.file_name().unwrap().to_string_lossy();
        let tmp = dir.join(format!(".{name}.tmp"));
        std::fs::write(&tmp, text).unwrap();
        std::fs::rename(&tmp, &p).unwrap();
    }

    /// Runs the real binary in the site folder.
    pub fn cli(&self, args: &[&str]) -> Output {
        cli_in(&self.root, args)
    }
}

/// The real binary, with an environment scrubbed of anything that could change its output.
pub fn cli_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shian"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("NO_COLOR", "1")
        .output()
        .expect("run shian")
}

/// Every file under `dir`, relative, sorted, with its bytes.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    fn walk(base: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap())
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p
                    .strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    walk(dir, dir, &mut out);
    out
}

/// The part of a page between two markers, for focused snapshots.
pub fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let s = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in page"));
    let e = html[s..]
        .find(end)
        .map(|e| s + e + end.len())
        .unwrap_or(html.len());
    &html[s..e]
}
