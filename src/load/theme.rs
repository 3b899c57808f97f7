//! Themes: templates, static files and UI strings, read in layers.
//!
//! The default theme is embedded in the binary, so `shian init` makes a site that builds anywhere.
//! A site overrides it file by file: `themes/default/` (or `themes/<theme>/` for the theme named in
//! site.toml) and then the site's own `templates/` folder. Locale strings merge key by key.

use super::walk::Confine;
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use include_dir::{include_dir, Dir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

#[derive(Debug, Default, Clone)]
pub struct Theme {
    /// Template name (`page.html`, `shortcodes/note.html`) -> (source, where it came from).
    pub templates: BTreeMap<String, (String, String)>,
    /// Output path (`assets/shian.css`) -> contents.
    pub statics: BTreeMap<String, Arc<[u8]>>,
    /// UI strings for the site's language.
    pub locale: BTreeMap<String, String>,
}

/// The embedded default theme's files, for `shian init` and tests.
pub fn embedded() -> &'static Dir<'static> {
    &DEFAULT_THEME
}

pub fn load(root: &Path, config: &Config, diags: &mut Diagnostics) -> Theme {
    let confine = Confine::new(root, config.build.follow_external_symlinks);
    let mut theme = Theme::default();
    load_embedded(&DEFAULT_THEME, &mut theme);
    let mut layers = vec![root.join("themes").join("default")];
    if config.theme != "default" {
        let dir = root.join("themes").join(&config.theme);
        if !dir.is_dir() {
            diags.push(
                Diagnostic::error(
                    "E-CONFIG-THEME",
                    format!("theme `{}` not found in themes/", config.theme),
                )
                .in_file("site.toml")
                .with_hint("create themes/<name>/ with templates/, static/ and locales/, or remove `theme` to use the default theme"),
            );
        }
        layers.push(dir);
    }
    for dir in &layers {
        if dir.is_dir() {
            load_dir(root, &confine, dir, &mut theme, diags);
        }
    }
    let site_templates = root.join("templates");
    if site_templates.is_dir() {
        load_templates(root, &confine, &site_templates, &mut theme, diags);
    }

    let lang = &config.language;
    let mut found = false;
    if let Some(f) = DEFAULT_THEME.get_file(format!("locales/{lang}.toml")) {
        found = true;
        merge_locale(
            &mut theme,
            f.contents_utf8().unwrap_or(""),
            "embedded",
            diags,
        );
    }
    for dir in &layers {
        let p = dir.join("locales").join(format!("{lang}.toml"));
        if let Ok(text) = std::fs::read_to_string(&p) {
            found = true;
            merge_locale(&mut theme, &text, &display(root, &p), diags);
        }
    }
    if !found {
        diags.push(
            Diagnostic::error(
                "E-CONFIG-LANG",
                format!("no UI strings for language `{lang}`"),
            )
            .in_file("site.toml")
            .with_hint(format!(
                "use language = \"zh-CN\" or \"en\", or add themes/{}/locales/{lang}.toml",
                config.theme
            )),
        );
    }
    theme
}

/// Every file of an embedded folder, depth first.
pub fn embedded_files(dir: &'static Dir<'static>) -> Vec<&'static include_dir::File<'static>> {
    let mut out = Vec::new();
    for entry in dir.entries() {
        match entry {
            include_dir::DirEntry::Dir(d) => out.extend(embedded_files(d)),
            include_dir::DirEntry::File(f) => out.push(f),
        }
    }
    out
}

fn load_embedded(dir: &'static Dir<'static>, theme: &mut Theme) {
    for file in embedded_files(dir) {
        let path = file.path().to_string_lossy().replace('\\', "/");
        if let Some(name) = path.strip_prefix("templates/") {
            let text = file.contents_utf8().unwrap_or_default().to_string();
            theme.templates.insert(
                name.to_string(),
                (text, format!("(embedded theme) templates/{name}")),
            );
        } else if let Some(rel) = path.strip_prefix("static/") {
            theme
                .statics
                .insert(rel.to_string(), Arc::from(file.contents()));
        }
    }
}

fn load_dir(
    root: &Path,
    confine: &Confine,
    dir: &Path,
    theme: &mut Theme,
    diags: &mut Diagnostics,
) {
    let templates = dir.join("templates");
    if templates.is_dir() {
        load_templates(root, confine, &templates, theme, diags);
    }
    let stat = dir.join("static");
    for (rel, abs) in files_under(root, confine, &stat, diags) {
        match std::fs::read(&abs) {
            Ok(bytes) => {
                theme.statics.insert(rel, Arc::from(bytes));
            }
            Err(e) => diags.push(
                Diagnostic::error("E-IO", format!("cannot read {}: {e}", display(root, &abs)))
                    .in_file(display(root, &abs)),
            ),
        }
    }
}

fn load_templates(
    root: &Path,
    confine: &Confine,
    dir: &Path,
    theme: &mut Theme,
    diags: &mut Diagnostics,
) {
    for (rel, abs) in files_under(root, confine, dir, diags) {
        let shown = display(root, &abs);
        match std::fs::read_to_string(&abs) {
            Ok(text) => {
                theme.templates.insert(rel, (text, shown));
            }
            Err(e) => diags.push(
                Diagnostic::error("E-TEMPLATE-READ", format!("cannot read template: {e}"))
                    .in_file(shown)
                    .with_hint("templates must be UTF-8 text files"),
            ),
        }
    }
}

fn files_under(
    root: &Path,
    confine: &Confine,
    dir: &Path,
    diags: &mut Diagnostics,
) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    confine.files(dir, &display(root, dir), diags)
}

fn merge_locale(theme: &mut Theme, text: &str, shown: &str, diags: &mut Diagnostics) {
    match toml::from_str::<BTreeMap<String, String>>(text) {
        Ok(map) => theme.locale.extend(map),
        Err(e) => diags.push(
            Diagnostic::error("E-LOCALE", format!("invalid locale file: {}", e.message()))
                .in_file(shown.to_string())
                .with_hint("a locale file holds lines of the form key = \"text\""),
        ),
    }
}

fn display(root: &Path, p: &Path) -> String {
    p.strip_prefix(root)
        .unwrap_or(p)
        .to_string_lossy()
        .replace('\\', "/")
}
