//! Archived editions' render cache.
//!
//! An archived edition (`editions/<name>/`) changes rarely, so its finished output is kept in
//! `.shian-cache/editions/<name>-<key>/` after a successful build. The key is the hash of the keys of
//! every route of the edition (see `render::keys`): each covers everything that route's bytes are made
//! from — its sources, the build options that change output, the configuration, the theme, the
//! navigation — so a hit is exactly a case where rendering again would give the same bytes. Pages
//! are then copied from the cache instead of rendered, and build time does not grow with the number
//! of editions. (Links from an archived page to a current page other than a law are checked when the
//! page is rendered, not while it is served from the cache.)

use crate::diag::Diagnostic;
use crate::hash::Key;
use crate::render::templates::Templates;
use crate::site::Site;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

pub const CACHE_DIR: &str = ".shian-cache/editions";

/// The key of each archived edition's output.
pub fn keys(site: &Site, templates: &Templates) -> BTreeMap<String, String> {
    let mut by: BTreeMap<String, Key> = BTreeMap::new();
    for r in site.routes.iter() {
        let Some(name) = &r.edition else { continue };
        let k = by.entry(name.clone()).or_insert_with(|| {
            let mut k = Key::default();
            k.str(env!("CARGO_PKG_VERSION"));
            k
        });
        k.str(&r.path)
            .u64(crate::render::keys::archived(site, templates, r));
    }
    by.into_iter()
        .map(|(name, k)| (name, format!("{:016x}", k.finish())))
        .collect()
}

/// The cache folder of an edition at a key.
fn folder(root: &Path, name: &str, key: &str) -> PathBuf {
    root.join(CACHE_DIR).join(format!("{name}-{key}"))
}

/// Editions whose cached output is complete, with their anchors (doc rel -> ids).
#[derive(Default)]
pub struct Hits {
    pub editions: HashSet<String>,
    pub anchors: HashMap<String, Vec<String>>,
    /// Cache folder of each hit.
    folders: Vec<(String, PathBuf)>,
}

pub fn lookup(root: &Path, keys: &BTreeMap<String, String>) -> Hits {
    let mut hits = Hits::default();
    for (name, key) in keys {
        let dir = folder(root, name, key);
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
    key: &str,
    anchors: &HashMap<String, Vec<String>>,
) -> std::io::Result<()> {
    let dir = folder(root, name, key);
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
