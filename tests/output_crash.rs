//! Crash and write-failure safety: a build killed at any point, or one that cannot write, leaves the
//! previous output complete, and the next build leaves no temporary folders behind.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

type Tree = Vec<(String, Vec<u8>)>;

fn shian(root: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_shian"));
    c.current_dir(root)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("NO_COLOR", "1");
    c
}

fn ok(o: Output) -> Output {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

fn strays(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".shian-tmp") || n.starts_with(".shian-old"))
        .collect()
}

/// The `editions` fixture with a few hundred lessons more, so that a build takes long enough to be
/// killed in every stage. `version` changes every lesson, so the two versions' outputs differ.
fn big_site(version: u32, site: &common::Site) {
    for i in 0..300 {
        site.write(
            &format!("content/courses/c/g{i:03}.md"),
            &format!(
                "+++\ntitle = \"第{i}课（第{version}版）\"\nweight = {}\n+++\n\n## 要点 {{#p}}\n\n{}\n",
                100 + i,
                "食品生产者应当建立并执行从业人员健康管理制度，查验许可证和产品合格证明。".repeat(20)
            ),
        );
    }
}

#[test]
fn a_killed_build_leaves_the_previous_output_whole_and_the_next_cleans_up() {
    let site = common::site("editions");
    let public = site.out();
    // The two outputs, built once each in full.
    let mut refs: Vec<Tree> = Vec::new();
    let mut full = Duration::ZERO;
    for v in [1, 2] {
        big_site(v, &site);
        let started = Instant::now();
        ok(shian(&site.root).arg("build").output().unwrap());
        full = full.max(started.elapsed());
        refs.push(common::tree(&public));
    }
    assert_ne!(refs[0], refs[1]);
    // public/ holds version 2 now. Kill builds of the other version at points spread over a build.
    let mut current = 1;
    let mut interrupted = 0;
    for tenth in [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12] {
        let next = 1 - current;
        big_site(next as u32 + 1, &site);
        let mut child = shian(&site.root)
            .arg("build")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(full * tenth / 10);
        let _ = child.kill(); // SIGKILL
        let finished = child.wait().unwrap().success();
        let now = common::tree(&public);
        if now == refs[next] {
            current = next;
        } else {
            assert!(
                now == refs[current],
                "after a kill at {tenth}/10 of a build, public/ is neither the old nor the new output (finished: {finished})"
            );
            interrupted += usize::from(!finished);
        }
    }
    assert!(interrupted > 0, "no build was killed before it finished");
    // The next build finishes the job and removes whatever the killed ones left.
    big_site(1, &site);
    ok(shian(&site.root).arg("build").output().unwrap());
    assert_eq!(common::tree(&public), refs[0]);
    assert!(strays(&site.root).is_empty(), "{:?}", strays(&site.root));
}

#[test]
fn a_full_disk_is_one_clear_error_and_loses_nothing() {
    let site = common::site("output");
    ok(shian(&site.root)
        .args(["build", "--no-search"])
        .output()
        .unwrap());
    let before = common::tree(&site.out());
    site.write(
        "content/guide/two.md",
        "+++\ntitle = \"第二页\"\n+++\n\n正文。\n",
    );
    // A file-size limit makes every page write fail as a full disk would (EFBIG instead of
    // ENOSPC); SIGXFSZ is ignored so the write returns an error instead of killing the process.
    let o = Command::new("sh")
        .args([
            "-c",
            "trap '' XFSZ; ulimit -f 1; exec \"$0\" build --no-search",
            env!("CARGO_BIN_EXE_shian"),
        ])
        .current_dir(&site.root)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(
        err.matches("error[").count(),
        1,
        "one error, not one per page: {err}"
    );
    assert!(
        err.contains("E-WRITE") && err.contains("File too large"),
        "{err}"
    );
    assert!(err.contains("the previous output is untouched"), "{err}");
    assert_eq!(common::tree(&site.out()), before);
    assert!(strays(&site.root).is_empty(), "{:?}", strays(&site.root));
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Hands the sandbox to the unprivileged user that [`build_unprivileged`] runs as.
fn hand_over(sandbox: &Path) {
    if is_root() {
        let status = Command::new("chown")
            .args(["-R", "65534:65534"])
            .arg(sandbox)
            .status()
            .unwrap();
        assert!(status.success());
    }
}

/// Runs `shian build` as an unprivileged user, so that folder permissions apply (root ignores them).
fn build_unprivileged(root: &Path) -> Output {
    let mut c = if is_root() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_shian"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_shian"))
    };
    c.args(["build", "--no-search"])
        .current_dir(root)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// A built copy of the `output` fixture in a folder that an unprivileged user owns.
fn open_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    chmod(dir.path(), 0o755);
    let root = dir.path().join("site");
    common::copy_dir(&common::fixtures().join("output"), &root);
    ok(shian(&root)
        .args(["build", "--no-search"])
        .output()
        .unwrap());
    hand_over(dir.path());
    (dir, root)
}

#[test]
fn a_read_only_output_disk_is_a_clear_error_and_loses_nothing() {
    let (_dir, root) = open_site();
    let before = common::tree(&root.join("public"));
    let one = root.join("content/guide/one.md");
    let text = std::fs::read_to_string(&one).unwrap();
    std::fs::write(&one, text.replace("第一页", "改过")).unwrap();
    // The build can read the site but not write beside its output.
    chmod(&root, 0o555);
    let o = build_unprivileged(&root);
    chmod(&root, 0o755);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("E-WRITE") && err.contains("Permission denied"),
        "{err}"
    );
    assert_eq!(common::tree(&root.join("public")), before);
    assert!(strays(&root).is_empty(), "{:?}", strays(&root));
}

#[test]
fn an_old_output_that_cannot_be_removed_is_a_warning_once_the_new_one_is_in_place() {
    let (dir, root) = open_site();
    // A folder inside the old output that the build may not empty.
    let locked = root.join("public/locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("file"), "x").unwrap();
    hand_over(dir.path());
    chmod(&locked, 0o555);
    let one = root.join("content/guide/one.md");
    let text = std::fs::read_to_string(&one).unwrap();
    std::fs::write(&one, text.replace("第一页", "新标题")).unwrap();
    let o = build_unprivileged(&root);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        o.status.code(),
        Some(0),
        "the new output is in place: {err}"
    );
    assert!(err.contains("W-OUT-OLD"), "{err}");
    let page = std::fs::read_to_string(root.join("public/guide/one/index.html")).unwrap();
    assert!(page.contains("新标题"));
    // The next build tries again, and says so while it cannot.
    let o = build_unprivileged(&root);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("W-OUT-STRAY"), "{err}");
    assert_eq!(strays(&root).len(), 1);
    for stray in strays(&root) {
        chmod(&root.join(stray).join("locked"), 0o755);
    }
    let o = build_unprivileged(&root);
    assert_eq!(o.status.code(), Some(0));
    assert!(strays(&root).is_empty(), "{:?}", strays(&root));
}
