//! Output safety: a build never deletes what it did not write. Each test runs the real binary in a
//! throwaway sandbox, the way a careless user would, and checks that nothing outside the output was
//! touched.

mod common;

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A sandbox: `box/site` (a copy of the `output` fixture) and room beside it.
struct Sandbox {
    site: common::Site,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            site: common::site("output"),
        }
    }

    fn root(&self) -> &Path {
        &self.site.root
    }

    /// The folder that holds the site.
    fn outside(&self) -> PathBuf {
        self.root().parent().unwrap().to_path_buf()
    }

    /// Runs `shian` in the site folder with HOME set to `box/home`.
    fn shian(&self, args: &[&str]) -> Output {
        let home = self.outside().join("home");
        std::fs::create_dir_all(&home).unwrap();
        Command::new(env!("CARGO_BIN_EXE_shian"))
            .args(args)
            .current_dir(self.root())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &home)
            .env("NO_COLOR", "1")
            .output()
            .expect("run shian")
    }

    /// A folder outside the site with a user's files in it.
    fn precious(&self, name: &str) -> PathBuf {
        let dir = self.outside().join(name);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("report.docx"), "the only copy").unwrap();
        std::fs::write(dir.join("sub/data.csv"), "a,b\n").unwrap();
        dir
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn refused(o: &Output, code: &str) {
    assert_eq!(o.status.code(), Some(1), "{}", stderr(o));
    assert!(stderr(o).contains(code), "expected {code}: {}", stderr(o));
}

fn built(o: &Output) {
    assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
}

fn strays(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".shian-tmp") || n.starts_with(".shian-old"))
        .collect();
    v.sort();
    v
}

#[test]
fn public_as_a_link_to_a_folder_of_files_is_refused_and_the_files_stay() {
    let sb = Sandbox::new();
    let www = sb.precious("www");
    let before = common::tree(&www);
    symlink(&www, sb.root().join("public")).unwrap();
    let o = sb.shian(&["build", "--no-search"]);
    refused(&o, "E-OUT-NOT-OURS");
    assert!(stderr(&o).contains("report.docx"), "{}", stderr(&o));
    assert_eq!(common::tree(&www), before);
    assert!(std::fs::symlink_metadata(sb.root().join("public"))
        .unwrap()
        .is_symlink());
}

#[test]
fn public_as_a_link_to_an_empty_folder_is_built_through_the_link() {
    let sb = Sandbox::new();
    let www = sb.outside().join("www");
    std::fs::create_dir(&www).unwrap();
    symlink(&www, sb.root().join("public")).unwrap();
    for _ in 0..2 {
        built(&sb.shian(&["build", "--no-search"]));
        assert!(www.join("index.html").is_file());
        assert!(www.join(".shian-output").is_file());
        assert!(std::fs::symlink_metadata(sb.root().join("public"))
            .unwrap()
            .is_symlink());
    }
    assert!(strays(&sb.outside()).is_empty());
}

#[test]
fn an_out_link_to_the_sources_is_refused() {
    let sb = Sandbox::new();
    let before = common::tree(&sb.root().join("content"));
    let link = sb.outside().join("deploy");
    symlink(sb.root().join("content"), &link).unwrap();
    refused(
        &sb.shian(&["build", "--out", link.to_str().unwrap()]),
        "E-OUT-DIR",
    );
    assert_eq!(common::tree(&sb.root().join("content")), before);
}

#[test]
fn a_root_given_through_a_link_does_not_hide_the_sources() {
    let sb = Sandbox::new();
    let before = common::tree(&sb.root().join("content"));
    let root_link = sb.outside().join("site-link");
    symlink(sb.root(), &root_link).unwrap();
    let real_content = sb.root().join("content");
    let o = sb.shian(&[
        "build",
        "--root",
        root_link.to_str().unwrap(),
        "--out",
        real_content.to_str().unwrap(),
    ]);
    refused(&o, "E-OUT-DIR");
    assert_eq!(common::tree(&real_content), before);
}

#[test]
fn git_site_toml_home_and_parents_are_refused() {
    let sb = Sandbox::new();
    let git = sb.outside().join(".git");
    std::fs::create_dir_all(git.join("objects")).unwrap();
    std::fs::write(git.join("HEAD"), "ref: refs/heads/main\n").unwrap();
    let toml_before = std::fs::read(sb.root().join("site.toml")).unwrap();
    let home = sb.outside().join("home");
    for out in [
        git.clone(),
        git.join("objects"),
        sb.root().join("site.toml"),
        sb.root().join("static/files"),
        sb.root().to_path_buf(),
        sb.outside(),
        home.clone(),
        PathBuf::from("/"),
    ] {
        let o = sb.shian(&["build", "--no-search", "--out", out.to_str().unwrap()]);
        refused(&o, "E-OUT-DIR");
        assert!(stderr(&o).contains("hint"), "{}", stderr(&o));
    }
    assert_eq!(
        std::fs::read_to_string(git.join("HEAD")).unwrap(),
        "ref: refs/heads/main\n"
    );
    assert!(sb.root().join("site.toml").is_file());
    assert_eq!(
        std::fs::read(sb.root().join("site.toml")).unwrap(),
        toml_before
    );
    assert!(sb.root().join("static/files/form.txt").is_file());
    // A new folder inside the home folder is a fine place.
    built(&sb.shian(&[
        "build",
        "--no-search",
        "--out",
        home.join("www").to_str().unwrap(),
    ]));
}

#[test]
fn only_an_empty_or_marked_folder_is_replaced() {
    let sb = Sandbox::new();
    let deploy = sb.precious("deploy");
    let before = common::tree(&deploy);
    let out = deploy.to_str().unwrap();
    let o = sb.shian(&["build", "--no-search", "--out", out]);
    refused(&o, "E-OUT-NOT-OURS");
    assert!(stderr(&o).contains("new or empty folder"), "{}", stderr(&o));
    assert_eq!(common::tree(&deploy), before);
    // Emptied by the user, it is accepted, then marked and replaced freely.
    std::fs::remove_dir_all(&deploy).unwrap();
    std::fs::create_dir(&deploy).unwrap();
    built(&sb.shian(&["build", "--no-search", "--out", out]));
    assert!(deploy.join(".shian-output").is_file());
    std::fs::write(deploy.join("stale.html"), "old").unwrap();
    built(&sb.shian(&["build", "--no-search", "--out", out]));
    assert!(!deploy.join("stale.html").exists());
}

#[test]
fn an_edition_name_cannot_leave_the_output_folder() {
    let sb = Sandbox::new();
    let toml = std::fs::read_to_string(sb.root().join("site.toml")).unwrap();
    std::fs::write(
        sb.root().join("site.toml"),
        format!("{toml}edition = \"../../../x\"\n"),
    )
    .unwrap();
    let o = sb.shian(&["build", "--no-search"]);
    refused(&o, "E-CONFIG-EDITION");
    assert!(stderr(&o).contains("site.toml:3:1"), "{}", stderr(&o));
    assert!(!sb.outside().join("x").exists());
    assert!(!sb.root().join("public").exists());
}

#[test]
fn links_out_of_the_site_are_errors_unless_allowed() {
    let sb = Sandbox::new();
    let secret = sb.outside().join("secret.txt");
    std::fs::write(&secret, "password").unwrap();
    let secrets = sb.precious("secrets");
    symlink(&secret, sb.root().join("content/guide/passwd.txt")).unwrap();
    symlink(&secrets, sb.root().join("static/more")).unwrap();
    // A link that stays inside the site is followed.
    symlink(
        sb.root().join("static/files/form.txt"),
        sb.root().join("static/form-copy.txt"),
    )
    .unwrap();
    let o = sb.shian(&["build", "--no-search"]);
    refused(&o, "E-SYMLINK");
    let err = stderr(&o);
    assert!(err.contains("content/guide/passwd.txt"), "{err}");
    assert!(err.contains("static/more"), "{err}");
    assert_eq!(
        err.matches("E-SYMLINK").count(),
        2,
        "one error per link: {err}"
    );
    assert!(!sb.root().join("public").exists());

    let toml = std::fs::read_to_string(sb.root().join("site.toml")).unwrap();
    std::fs::write(
        sb.root().join("site.toml"),
        format!("{toml}\n[build]\nfollow_external_symlinks = true\n"),
    )
    .unwrap();
    built(&sb.shian(&["build", "--no-search"]));
    let public = sb.root().join("public");
    assert_eq!(
        std::fs::read_to_string(public.join("guide/passwd.txt")).unwrap(),
        "password"
    );
    assert!(public.join("more/report.docx").is_file());
    assert!(public.join("form-copy.txt").is_file());
}

#[test]
fn leftovers_of_killed_builds_are_removed_and_a_parked_output_restored() {
    let sb = Sandbox::new();
    built(&sb.shian(&["build", "--no-search"]));
    let public = sb.root().join("public");
    let good = common::tree(&public);
    // A kill between the two renames of a non-atomic swap parks the output and leaves nothing.
    std::fs::rename(&public, sb.root().join(".shian-old-public-4242")).unwrap();
    std::fs::create_dir_all(sb.root().join(".shian-tmp-public-4243/half")).unwrap();
    std::fs::create_dir_all(sb.root().join(".shian-tmp-public-4244")).unwrap();
    std::fs::write(
        sb.root().join("content/guide/one.md"),
        "+++\ntitle = \"坏\n+++\n",
    )
    .unwrap();
    // Even a failed build puts the parked output back and cleans up.
    refused(&sb.shian(&["build", "--no-search"]), "E-FM-TOML");
    assert_eq!(common::tree(&public), good);
    assert!(strays(sb.root()).is_empty(), "{:?}", strays(sb.root()));
}
