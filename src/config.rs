//! `site.toml` -> [`Config`]. Unknown keys are errors that list the allowed keys.

use crate::diag::Diagnostic;
use crate::strict;
use serde::Deserialize;
use std::path::Path;
use std::sync::Arc;

pub const CONFIG_FILE: &str = "site.toml";

const KIND: strict::Kind = strict::Kind {
    unknown_key: "E-CONFIG-KEY",
    missing_key: "E-CONFIG-REQUIRED",
    syntax: "E-CONFIG-TOML",
    what: "site.toml",
};

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    /// Name of the edition that `content/` holds now.
    #[serde(default)]
    pub edition: String,
    /// Theme folder name under `themes/`; the embedded `default` theme backs every lookup.
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default)]
    pub quiz: QuizConfig,
    #[serde(default)]
    pub cases: CasesConfig,
    #[serde(default)]
    pub markdown: MarkdownConfig,
    #[serde(default)]
    pub build: BuildConfig,
    #[serde(default)]
    pub results: ResultsConfig,
    /// Free-form values for templates.
    #[serde(default)]
    pub extra: toml::Table,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizConfig {
    #[serde(default)]
    pub preset: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CasesConfig {
    /// The `##` sections every case must have; `[]` requires none. Default: the four parts of the
    /// bureau's case write-ups (docs/data.md).
    #[serde(default = "default_case_sections")]
    pub required_sections: Vec<String>,
}

/// The four parts of a typical-case write-up, required unless site.toml says otherwise.
pub const DEFAULT_CASE_SECTIONS: [&str; 4] =
    ["基本情况和数据", "主要措施", "工作成效", "下一步工作打算"];

fn default_case_sections() -> Vec<String> {
    DEFAULT_CASE_SECTIONS.map(String::from).to_vec()
}

impl Default for CasesConfig {
    fn default() -> Self {
        CasesConfig {
            required_sections: default_case_sections(),
        }
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuildConfig {
    /// Publish what a symbolic link under content/, static/ or the theme points to even when it
    /// lies outside the site folder (off: such a link is an error).
    #[serde(default)]
    pub follow_external_symlinks: bool,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultsConfig {
    /// The organiser's Ed25519 public key (`ed25519:…`, printed by `shian quiz keygen`): the
    /// `/verify/` page checks certificates against it.
    #[serde(default)]
    pub public_key: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    /// Highlight fenced code blocks with syntect (on by default).
    #[serde(default = "yes")]
    pub highlight_code: bool,
    /// Let HTML written in Markdown through (off: it is shown as text, with a warning).
    #[serde(default)]
    pub raw_html: bool,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            highlight_code: true,
            raw_html: false,
        }
    }
}

fn yes() -> bool {
    true
}

fn default_language() -> String {
    "zh-CN".to_string()
}

fn default_theme() -> String {
    "default".to_string()
}

impl Config {
    /// Reads and validates `<root>/site.toml`.
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        let path = root.join(CONFIG_FILE);
        let bytes = std::fs::read(&path).map_err(|e| {
            Diagnostic::error("E-CONFIG-READ", format!("cannot read {CONFIG_FILE}: {e}"))
                .in_file(CONFIG_FILE)
                .with_hint(format!(
                    "run shian in a site folder (one that has {CONFIG_FILE}), pass --root DIR, or create one with `shian init DIR`"
                ))
        })?;
        let text = String::from_utf8(bytes).map_err(|_| {
            Diagnostic::error("E-UTF8", format!("{CONFIG_FILE} is not valid UTF-8"))
                .in_file(CONFIG_FILE)
                .with_hint("save the file with UTF-8 encoding")
        })?;
        Self::parse(&text)
    }

    pub fn parse(text: &str) -> Result<Config, Diagnostic> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let source: Arc<str> = Arc::from(text);
        let cfg: Config = strict::parse(text, 0, &source, CONFIG_FILE, KIND)?;
        cfg.validate(&source)?;
        Ok(cfg)
    }

    fn validate(&self, source: &Arc<str>) -> Result<(), Diagnostic> {
        if !(self.base_url.starts_with("http://") || self.base_url.starts_with("https://")) {
            let at = source.find("base_url").unwrap_or(0);
            return Err(Diagnostic::error(
                "E-CONFIG-BASE-URL",
                format!("base_url `{}` is not an absolute http(s) URL", self.base_url),
            )
            .in_file(CONFIG_FILE)
            .at(source, at..at + "base_url".len())
            .with_hint("write the address the site is published at, e.g. base_url = \"https://example.org/\""));
        }
        if let Some(bad) = self
            .base_url
            .chars()
            .find(|c| c.is_whitespace() || c.is_control() || "\"<>\\^`{|}".contains(*c))
        {
            let at = source.find("base_url").unwrap_or(0);
            return Err(Diagnostic::error(
                "E-CONFIG-BASE-URL",
                format!("base_url `{}` holds {bad:?}, which a URL cannot hold", self.base_url.escape_debug()),
            )
            .in_file(CONFIG_FILE)
            .at(source, at..at + "base_url".len())
            .with_hint("write the address the site is published at, e.g. base_url = \"https://example.org/\"; percent-encode anything else (a space is %20)"));
        }
        self.validate_edition(source)?;
        self.validate_key(source)
    }

    fn validate_key(&self, source: &Arc<str>) -> Result<(), Diagnostic> {
        let Some(key) = &self.results.public_key else {
            return Ok(());
        };
        if crate::keys::parse_public(key).is_some() {
            return Ok(());
        }
        let at = source.find("public_key").unwrap_or(0);
        Err(Diagnostic::error(
            "E-CONFIG-KEY-VALUE",
            format!("public_key `{key}` is not an Ed25519 public key"),
        )
        .in_file(CONFIG_FILE)
        .at(source, at..at + "public_key".len())
        .with_hint("paste the line `shian quiz keygen` printed: public_key = \"ed25519:…\" (43 characters after the colon)"))
    }

    /// The edition's name becomes a folder (`editions/NAME/`) and part of addresses, so it follows
    /// the rules of `shian edition freeze NAME`.
    fn validate_edition(&self, source: &Arc<str>) -> Result<(), Diagnostic> {
        if self.edition.is_empty() {
            return Ok(());
        }
        let Some(bad) = crate::paths::check_path(std::slice::from_ref(&self.edition), "site.toml")
        else {
            return Ok(());
        };
        // The key at the start of a line (not the word inside a title).
        let at = source
            .match_indices("edition")
            .map(|(i, _)| i)
            .find(|&i| {
                source[..i]
                    .rsplit('\n')
                    .next()
                    .is_some_and(|l| l.trim().is_empty())
            })
            .unwrap_or(0);
        let mut d = Diagnostic::error(
            "E-CONFIG-EDITION",
            format!("edition `{}` is not a valid edition name", self.edition),
        )
        .in_file(CONFIG_FILE)
        .at(source, at..at + "edition".len());
        d.hint = bad
            .hint
            .map(|h| h.replace("file and folder names", "edition names"));
        Err(d)
    }

    /// `base_url` with exactly one trailing slash.
    pub fn base_url(&self) -> String {
        format!("{}/", self.base_url.trim_end_matches('/'))
    }

    /// The path part of `base_url` (`/` or `/sub/`), the prefix of root-relative links.
    pub fn base_path(&self) -> String {
        let url = self.base_url();
        let after_scheme = url.split_once("://").map(|(_, r)| r).unwrap_or(&url);
        match after_scheme.find('/') {
            Some(i) => after_scheme[i..].to_string(),
            None => "/".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_config_gets_defaults() {
        let c = Config::parse("title = \"t\"\nbase_url = \"https://e.org/sub\"\n").unwrap();
        assert_eq!(c.language, "zh-CN");
        assert_eq!(c.base_url(), "https://e.org/sub/");
        assert_eq!(c.base_path(), "/sub/");
        assert!(c.markdown.highlight_code);
    }

    #[test]
    fn edition_names_are_folder_names() {
        for bad in ["../../../x", "a/b", "..", "二〇二四"] {
            let e = Config::parse(&format!(
                "title = \"t\"\nbase_url = \"https://e.org\"\nedition = \"{bad}\"\n"
            ))
            .unwrap_err();
            assert_eq!(e.code, "E-CONFIG-EDITION", "{bad}");
            assert_eq!(e.line_col(), Some((3, 1)));
        }
        assert!(Config::parse(
            "title = \"t\"\nbase_url = \"https://e.org\"\nedition = \"2024-v2\"\n"
        )
        .is_ok());
    }

    #[test]
    fn unknown_key_lists_allowed_keys() {
        let e = Config::parse("title = \"t\"\nbase_url = \"https://e.org\"\ntheme_color = 1\n")
            .unwrap_err();
        assert_eq!(e.code, "E-CONFIG-KEY");
        assert_eq!(e.line_col(), Some((3, 1)));
        let hint = e.hint.unwrap();
        assert!(
            hint.contains("title") && hint.contains("base_url"),
            "{hint}"
        );
    }
}
