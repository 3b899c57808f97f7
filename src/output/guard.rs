//! Which folder `build` may replace.
//!
//! A build replaces its output folder wholesale, so before anything is written the folder is resolved
//! (symbolic links included) and refused when it is, contains or lies inside the site's sources, the
//! repository's `.git` or the home folder, and when it is an existing folder that shian did not make:
//! only an empty folder, or one that holds the [`MARKER`] of an earlier build, is replaced.

use super::{tree, MARKER};
use crate::diag::Diagnostic;
use std::path::{Component, Path, PathBuf};

/// The folders and files of a site that a build must never replace or write into.
pub const SOURCES: &[&str] = &[
    "site.toml",
    "content",
    "static",
    "themes",
    "templates",
    "data",
    "editions",
    ".shian-cache",
];

/// Resolves the output folder `out` of the site at `root` and checks that a build may replace it.
/// `home` is the user's home folder, when known. Returns the resolved folder, which is where the
/// build writes (a symbolic link named as the output stays as it is and keeps pointing there).
pub fn resolve(root: &Path, out: &Path, home: Option<&Path>) -> Result<PathBuf, Diagnostic> {
    let shown = out.display().to_string();
    let refuse = |why: String, hint: &str| {
        Diagnostic::error(
            "E-OUT-DIR",
            format!("refusing to build into {shown}: {why}"),
        )
        .with_hint(hint.to_string())
    };
    let root = std::fs::canonicalize(root).map_err(|e| {
        refuse(
            format!("cannot resolve the site folder: {e}"),
            "check --root",
        )
    })?;
    let real = resolve_path(out)
        .map_err(|why| refuse(why, "choose an output folder that exists or can be created"))?;
    let own = "choose an output folder of its own, such as public/ (the default) or a new folder outside the site's sources";
    if root.starts_with(&real) {
        return Err(refuse(
            format!("{} holds the site itself", real.display()),
            own,
        ));
    }
    for name in SOURCES {
        for p in same_place(&root.join(name)) {
            if real.starts_with(&p) || p.starts_with(&real) {
                return Err(refuse(
                    format!("{} is or holds the site's {name}", real.display()),
                    own,
                ));
            }
        }
    }
    if let Some(git) = root
        .ancestors()
        .map(|a| a.join(".git"))
        .find(|g| g.exists())
    {
        for p in same_place(&git) {
            if real.starts_with(&p) || p.starts_with(&real) {
                return Err(refuse(
                    format!("{} is or holds the repository's .git", real.display()),
                    own,
                ));
            }
        }
    }
    if let Some(home) = home.and_then(|h| std::fs::canonicalize(h).ok()) {
        if home.starts_with(&real) {
            return Err(refuse(
                format!("{} holds your home folder", real.display()),
                own,
            ));
        }
    }
    check_existing(&real, &shown)?;
    Ok(real)
}

/// A path and, when it differs, the place it resolves to.
fn same_place(p: &Path) -> Vec<PathBuf> {
    let mut v = vec![p.to_path_buf()];
    if let Ok(real) = std::fs::canonicalize(p) {
        if real != p {
            v.push(real);
        }
    }
    v
}

/// The absolute, symlink-free form of `out`, which need not exist yet: its nearest existing
/// ancestor is resolved and the rest appended.
fn resolve_path(out: &Path) -> Result<PathBuf, String> {
    if let Ok(meta) = std::fs::symlink_metadata(out) {
        return std::fs::canonicalize(out).map_err(|e| {
            if meta.file_type().is_symlink() {
                format!("it is a symbolic link to a folder that does not exist ({e})")
            } else {
                format!("cannot resolve it: {e}")
            }
        });
    }
    let abs = std::path::absolute(out).map_err(|e| format!("cannot resolve it: {e}"))?;
    let mut missing = Vec::new();
    let mut at = abs.as_path();
    while std::fs::symlink_metadata(at).is_err() {
        let Some(name) = at.file_name() else {
            return Err("no part of it exists".to_string());
        };
        missing.push(name.to_os_string());
        at = at.parent().ok_or("no part of it exists")?;
    }
    if abs
        .strip_prefix(at)
        .map(|rest| {
            rest.components()
                .any(|c| !matches!(c, Component::Normal(_)))
        })
        .unwrap_or(true)
    {
        return Err("it mixes `..` with folders that do not exist".to_string());
    }
    let mut real = std::fs::canonicalize(at).map_err(|e| format!("cannot resolve it: {e}"))?;
    real.extend(missing.iter().rev());
    Ok(real)
}

/// An existing output must be a folder that is empty or marked as shian's.
fn check_existing(real: &Path, shown: &str) -> Result<(), Diagnostic> {
    let Ok(meta) = std::fs::metadata(real) else {
        return Ok(());
    };
    let refuse = |code, why: String, hint: String| {
        Err(
            Diagnostic::error(code, format!("refusing to build into {shown}: {why}"))
                .with_hint(hint),
        )
    };
    if !meta.is_dir() {
        return refuse(
            "E-OUT-DIR",
            format!("{} is a file, not a folder", real.display()),
            "choose a folder for the output, such as public/".to_string(),
        );
    }
    if real.join(MARKER).is_file() || tree::is_empty_dir(real).unwrap_or(false) {
        return Ok(());
    }
    let mut names: Vec<String> = std::fs::read_dir(real)
        .map(|it| {
            it.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let more = if names.len() > 3 { ", …" } else { "" };
    names.truncate(3);
    refuse(
        "E-OUT-NOT-OURS",
        format!(
            "{} already holds files that shian did not write ({}{more}), and a build replaces the whole folder",
            real.display(),
            names.join(", ")
        ),
        format!(
            "build into a new or empty folder, then copy or sync it to its place; if the folder is the output of an older shian, delete it once (a build marks its output with a `{MARKER}` file and then replaces it freely)"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("site.toml"), "").unwrap();
        (dir, root)
    }

    #[test]
    fn public_inside_the_site_is_fine_and_sources_are_not() {
        let (_d, root) = site();
        let real = resolve(&root, &root.join("public"), None).unwrap();
        assert!(real.ends_with("site/public"));
        for bad in [
            "content",
            "content/x",
            "site.toml",
            ".",
            "..",
            ".shian-cache",
        ] {
            let e = resolve(&root, &root.join(bad), None).unwrap_err();
            assert_eq!(e.code, "E-OUT-DIR", "{bad}");
        }
    }

    #[test]
    fn git_and_home_are_refused() {
        let (d, root) = site();
        std::fs::create_dir_all(d.path().join(".git/objects")).unwrap();
        for bad in [".git", ".git/objects", ".git/new"] {
            let e = resolve(&root, &d.path().join(bad), None).unwrap_err();
            assert!(e.message.contains(".git"), "{bad}: {}", e.message);
        }
        let home = d.path().join("home/me");
        std::fs::create_dir_all(&home).unwrap();
        assert!(resolve(&root, &home, Some(&home)).is_err());
        assert!(resolve(&root, &d.path().join("home"), Some(&home)).is_err());
        assert!(resolve(&root, &home.join("www"), Some(&home)).is_ok());
    }

    #[test]
    fn only_empty_or_marked_folders_are_replaced() {
        let (d, root) = site();
        let out = d.path().join("www");
        std::fs::create_dir(&out).unwrap();
        assert!(resolve(&root, &out, None).is_ok());
        std::fs::write(out.join("index.html"), "mine").unwrap();
        let e = resolve(&root, &out, None).unwrap_err();
        assert_eq!(e.code, "E-OUT-NOT-OURS");
        assert!(e.message.contains("index.html"), "{}", e.message);
        std::fs::write(out.join(MARKER), "").unwrap();
        assert!(resolve(&root, &out, None).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn links_are_resolved_before_the_checks() {
        let (d, root) = site();
        let link = d.path().join("out-link");
        std::os::unix::fs::symlink(root.join("content"), &link).unwrap();
        assert_eq!(resolve(&root, &link, None).unwrap_err().code, "E-OUT-DIR");
        let root_link = d.path().join("site-link");
        std::os::unix::fs::symlink(&root, &root_link).unwrap();
        // --root LINK --out REAL/content
        assert!(resolve(&root_link, &root.join("content"), None).is_err());
        let dangling = d.path().join("dangling");
        std::os::unix::fs::symlink(d.path().join("nowhere"), &dangling).unwrap();
        assert!(resolve(&root, &dangling, None).is_err());
        let www = d.path().join("www");
        std::fs::create_dir(&www).unwrap();
        let to_www = root.join("public");
        std::os::unix::fs::symlink(&www, &to_www).unwrap();
        assert_eq!(
            resolve(&root, &to_www, None).unwrap(),
            www.canonicalize().unwrap()
        );
    }
}
