//! Archived editions and their render cache.
//!
//! An archived edition (`editions/<name>/`) changes rarely, so its finished output is kept in
//! `.shian-cache/editions/<name>-<hash>/` after a successful build, keyed by a hash of everything its
//! pages are made from: its own sources, the build options that change output (search, relative
//! links, drafts), the effective configuration, the theme, the data files, the current edition's
//! structure (addresses and front matter, which make the navigation), the laws and the shian version. When the hash matches, the edition's pages
//! are copied from the cache instead of rendered, so build time does not grow with the number of
//! editions. (Links from an archived page to a current page other than a law are checked when the
//! page is rendered, not while it is served from the cache.)

use crate::diag::Diagnostic;
use crate::hash::Fnv;
use crate::site::Site;
use crate::source::SourceFile;
use crate::theme::Theme;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

pub const CACHE_DIR: &str = ".shian-cache/editions";

/// Hash of everything an archived edition's output depends on. `options` names every build option
/// that changes output (relative links, search, drafts); the effective configuration (with a
/// `--base-url` override) is hashed from `site.config`.
pub fn hash(
    site: &Site,
    name: &str,
    blueprints: &[SourceFile],
    theme: &Theme,
    root: &Path,
    options: &str,
) -> String {
    use crate::content::kinds::Role;
    let mut h = Fnv::default();
    h.field(env!("CARGO_PKG_VERSION"))
        .field(options)
        .field(&format!("{:?}", site.config));
    // Templates may read any data file (the `data` function), and the glossary explains terms.
    let data_dir = root.join("data");
    for entry in walkdir::WalkDir::new(&data_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        h.field(
            &entry
                .path()
                .strip_prefix(root)
                .unwrap_or(entry.path())
                .to_string_lossy(),
        )
        .write(&std::fs::read(entry.path()).unwrap_or_default());
    }
    for (name, (text, _)) in &theme.templates {
        h.field(name).field(text);
    }
    for (k, v) in &theme.locale {
        h.field(k).field(v);
    }
    for (name, file) in &theme.statics {
        h.field(name);
        match file {
            crate::theme::StaticFile::Embedded(b) => h.write(b),
            crate::theme::StaticFile::Disk(p) => h.write(&std::fs::read(p).unwrap_or_default()),
        };
    }
    // The current edition's structure: navigation, titles and addresses appear on every page, and
    // laws are linked to by article.
    for d in site.docs.iter().filter(|d| d.edition.is_none()) {
        h.field(&d.rel).field(&d.url_path);
        if matches!(d.role, Role::Law) {
            h.field(&d.source);
        } else {
            h.field(&d.source[..d.body_offset]);
        }
    }
    for d in site
        .docs
        .iter()
        .filter(|d| d.edition.as_deref() == Some(name))
    {
        h.field(&d.rel).field(&d.source);
    }
    for b in blueprints
        .iter()
        .filter(|b| crate::source::split_edition(&b.rel).0 == Some(name))
    {
        h.field(&b.rel).field(&b.text);
    }
    for a in site
        .assets
        .iter()
        .filter(|a| a.rel.starts_with(&format!("editions/{name}/")))
    {
        h.field(&a.rel)
            .write(&std::fs::read(&a.abs).unwrap_or_default());
    }
    h.hex()
}

/// The cache folder of an edition at a hash.
fn folder(root: &Path, name: &str, hash: &str) -> PathBuf {
    root.join(CACHE_DIR).join(format!("{name}-{hash}"))
}

/// Editions whose cached output is complete, with their anchors (doc rel -> ids).
pub struct Hits {
    pub editions: HashSet<String>,
    pub anchors: HashMap<String, Vec<String>>,
    /// Cache folder of each hit.
    folders: Vec<(String, PathBuf)>,
}

pub fn lookup(root: &Path, hashes: &BTreeMap<String, String>) -> Hits {
    let mut hits = Hits {
        editions: HashSet::new(),
        anchors: HashMap::new(),
        folders: Vec::new(),
    };
    for (name, hash) in hashes {
        let dir = folder(root, name, hash);
        let Ok(text) = std::fs::read_to_string(dir.join("anchors.json")) else {
            continue;
        };
        let Ok(map) = serde_json::from_str::<HashMap<String, Vec<String>>>(&text) else {
            continue;
        };
        hits.anchors.extend(map);
        hits.editions.insert(name.clone());
        hits.folders.push((name.clone(), dir));
    }
    hits
}

impl Hits {
    /// Copies every cached file into the output through `sink`. Returns how many.
    pub fn restore(&self, sink: &dyn crate::output::Sink) -> Result<usize, Diagnostic> {
        let unreadable = |e: &dyn std::fmt::Display| {
            Diagnostic::error("E-IO", format!("cannot copy from the edition cache: {e}"))
                .with_hint(format!("delete {CACHE_DIR} and build again"))
        };
        let mut n = 0;
        for (name, dir) in &self.folders {
            let files = dir.join("files");
            for entry in walkdir::WalkDir::new(&files).sort_by_file_name() {
                let entry = entry.map_err(|e| unreadable(&e))?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let rel = entry
                    .path()
                    .strip_prefix(&files)
                    .map_err(|e| unreadable(&e))?;
                let rel = format!(
                    "editions/{name}/{}",
                    rel.to_string_lossy().replace('\\', "/")
                );
                let bytes = std::fs::read(entry.path()).map_err(|e| unreadable(&e))?;
                sink.write(&rel, &bytes).map_err(|e| {
                    Diagnostic::error("E-WRITE", format!("cannot write {rel}: {e}"))
                })?;
                n += 1;
            }
        }
        Ok(n)
    }
}

/// Saves a freshly rendered edition from the finished output folder `out` (before it is swapped
/// in), with its anchors; older caches of the same edition are removed.
pub fn save(
    root: &Path,
    out: &Path,
    name: &str,
    hash: &str,
    anchors: &HashMap<String, Vec<String>>,
) -> std::io::Result<()> {
    let dir = folder(root, name, hash);
    let tmp = dir.with_extension("tmp");
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp)?;
    }
    let from = out.join("editions").join(name);
    for entry in walkdir::WalkDir::new(&from).sort_by_file_name() {
        let entry = entry.map_err(std::io::Error::other)?;
        let rel = entry
            .path()
            .strip_prefix(&from)
            .map_err(std::io::Error::other)?;
        // The changelog compares editions; it is rebuilt every time.
        if rel.starts_with("changes") {
            continue;
        }
        let dest = tmp.join("files").join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest)?;
        } else {
            std::fs::copy(entry.path(), &dest)?;
        }
    }
    std::fs::create_dir_all(&tmp)?;
    std::fs::write(
        tmp.join("anchors.json"),
        serde_json::to_string(anchors).unwrap_or_default(),
    )?;
    if let Ok(entries) = std::fs::read_dir(root.join(CACHE_DIR)) {
        for e in entries.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            if n.starts_with(&format!("{name}-")) && e.path() != tmp {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
    std::fs::rename(&tmp, &dir)
}
