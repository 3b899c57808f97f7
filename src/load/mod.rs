//! Load: every read of the site happens here, once — `site.toml`, the theme (templates, static files,
//! UI strings), `content/`, the archived `editions/`, `static/` and `data/` — into one plain value,
//! [`Inputs`]. Every later stage, and serve's cache keys, work from it; nothing after this touches the
//! site folder.
//!
//! `serve` keeps its `Inputs` and calls [`Inputs::reload`] with the source paths that changed, so a
//! saved file is read again and nothing else is.

pub mod content;
pub mod theme;
pub mod walk;

pub use content::{Asset, SourceFile};
pub use theme::Theme;
pub use walk::Confine;

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use content::Entry;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Everything a build reads, in a stable order.
#[derive(Clone)]
pub struct Inputs {
    pub root: PathBuf,
    pub config: Config,
    pub theme: Theme,
    /// Markdown documents of `content/` and of the archived editions, sorted by `rel`.
    pub markdown: Vec<SourceFile>,
    /// Exam blueprints (`content/exams/*.toml`, `editions/<name>/exams/*.toml`), sorted by `rel`.
    pub blueprints: Vec<SourceFile>,
    /// Files copied as they are: content files other than Markdown, then `static/`, by source path.
    pub assets: Vec<Asset>,
    /// Every file of `data/`, with `rel` its path under `data/`, sorted.
    pub data: Vec<SourceFile>,
    /// Problems found while reading, by the source path they are about.
    problems: BTreeMap<String, Vec<Diagnostic>>,
}

/// What `load` needs to know.
pub struct LoadOptions<'a> {
    pub root: &'a Path,
    /// Overrides `base_url` of site.toml (`--base-url`, and serve's own address).
    pub base_url: Option<&'a str>,
}

/// Reads the whole site. A `site.toml` that cannot be read or parsed stops here (nothing else can
/// be understood without it); every other problem is kept in [`Inputs::problems`].
pub fn load(opts: &LoadOptions<'_>) -> Result<Inputs, Diagnostic> {
    let mut config = Config::load(opts.root)?;
    if let Some(url) = opts.base_url {
        config.base_url = url.to_string();
    }
    let mut inputs = Inputs {
        root: opts.root.to_path_buf(),
        theme: Theme::default(),
        config,
        markdown: Vec::new(),
        blueprints: Vec::new(),
        assets: Vec::new(),
        data: Vec::new(),
        problems: BTreeMap::new(),
    };
    inputs.load_theme();
    let mut diags = Diagnostics::new();
    let confine = inputs.confine();
    for e in content::scan(opts.root, &confine, &mut diags) {
        inputs.insert(e);
    }
    inputs.file_problems(diags);
    inputs.load_data();
    Ok(inputs)
}

impl Inputs {
    /// Every problem found while reading.
    pub fn problems(&self) -> impl Iterator<Item = &Diagnostic> {
        self.problems.values().flatten()
    }

    fn confine(&self) -> Confine {
        Confine::new(&self.root, self.config.build.follow_external_symlinks)
    }

    fn load_theme(&mut self) {
        let mut diags = Diagnostics::new();
        self.theme = theme::load(&self.root, &self.config, &mut diags);
        self.set_problems("(theme)", diags);
    }

    fn load_data(&mut self) {
        let mut diags = Diagnostics::new();
        let dir = self.root.join("data");
        self.data.clear();
        if dir.is_dir() {
            for (rel, abs) in walk::walk(&dir, &self.confine(), &mut diags, "data") {
                let display = format!("data/{rel}");
                match std::fs::read(&abs) {
                    Ok(bytes) => self
                        .data
                        .extend(content::text_file(bytes, rel, &display, &mut diags)),
                    Err(e) => diags.push(
                        Diagnostic::error("E-IO", format!("cannot read {display}: {e}"))
                            .in_file(display),
                    ),
                }
            }
        }
        self.set_problems("data", diags);
    }

    /// Keeps the problems of a whole area (`data`, `(theme)`) under one key.
    fn set_problems(&mut self, key: &str, diags: Diagnostics) {
        self.problems.retain(|k, _| k != key);
        let list = diags.into_vec();
        if !list.is_empty() {
            self.problems.insert(key.to_string(), list);
        }
    }

    /// Keeps content problems under the file (or folder) each is about.
    fn file_problems(&mut self, diags: Diagnostics) {
        for d in diags.into_vec() {
            let key = d.file.clone().unwrap_or_default();
            self.problems.entry(key).or_default().push(d);
        }
    }

    fn insert(&mut self, e: Entry) {
        fn put<T>(list: &mut Vec<T>, item: T, key: impl Fn(&T) -> &str) {
            match list.binary_search_by(|x| key(x).cmp(key(&item))) {
                Ok(i) => list[i] = item,
                Err(i) => list.insert(i, item),
            }
        }
        match e {
            Entry::Markdown(f) => put(&mut self.markdown, f, |f| &f.rel),
            Entry::Blueprint(f) => put(&mut self.blueprints, f, |f| &f.rel),
            Entry::Asset(a) => put(&mut self.assets, a, |a| &a.display),
        }
    }

    /// Reads again what is at the source paths `paths` (files or folders that were created, changed,
    /// moved or removed). A change to `site.toml` reads the whole site again.
    pub fn reload(&mut self, paths: &[String]) -> Result<(), Diagnostic> {
        if paths.iter().any(|p| p == crate::config::CONFIG_FILE) {
            let base = self.config.base_url.clone();
            *self = load(&LoadOptions {
                root: &self.root.clone(),
                base_url: Some(&base),
            })?;
            return Ok(());
        }
        let top = |p: &str| p.split('/').next().unwrap_or_default().to_string();
        if paths
            .iter()
            .any(|p| ["themes", "templates"].contains(&top(p).as_str()))
        {
            self.load_theme();
        }
        if paths.iter().any(|p| top(p) == "data") {
            self.load_data();
        }
        for p in paths {
            match top(p).as_str() {
                "content" | "static" => self.reload_content(p),
                // An edition's files move together (freeze writes them all): read the edition again.
                "editions" => match p.split('/').nth(1) {
                    Some(name) => self.reload_content(&format!("editions/{name}")),
                    None => self.reload_content("editions"),
                },
                _ => {}
            }
        }
        Ok(())
    }

    /// Forgets every entry at or under the source path `p`, then reads what is there now.
    fn reload_content(&mut self, p: &str) {
        let under = |display: &str| display == p || display.starts_with(&format!("{p}/"));
        self.markdown.retain(|f| !under(&f.display));
        self.blueprints.retain(|f| !under(&f.display));
        self.assets.retain(|a| !under(&a.display));
        self.problems.retain(|k, _| !under(k));
        let mut diags = Diagnostics::new();
        let confine = self.confine();
        let entries =
            if p == "editions" || (p.starts_with("editions/") && p.matches('/').count() == 1) {
                let names = content::edition_names(&self.root, &mut diags);
                let want = p.strip_prefix("editions/");
                let mut v = Vec::new();
                for name in names
                    .iter()
                    .filter(|n| want.is_none_or(|w| w == n.as_str()))
                {
                    for sub in ["courses", "banks", "exams"] {
                        let under = format!("editions/{name}/{sub}");
                        v.extend(content::scan_under(
                            &self.root, &under, &confine, &mut diags,
                        ));
                    }
                }
                v
            } else {
                content::scan_path(&self.root, p, &confine, &mut diags)
            };
        for e in entries {
            self.insert(e);
        }
        self.file_problems(diags);
    }
}
