//! Strict TOML: parse a TOML fragment into a typed struct that rejects unknown keys, and turn the
//! parser's error into a [`Diagnostic`] that points at the right line of the *file* (the fragment may
//! start anywhere in it, as front matter does).
//!
//! Every strict input (site.toml, front matter, later banks' and data files' TOML) goes through here so
//! the wording of "unknown key" errors is the same everywhere and lists the allowed keys.

use crate::diag::Diagnostic;
use serde::de::DeserializeOwned;
use std::sync::Arc;

/// What is being parsed, for the error codes and messages.
#[derive(Clone, Copy, Debug)]
pub struct Kind {
    /// Code for an unknown key, e.g. `E-FM-KEY`.
    pub unknown_key: &'static str,
    /// Code for a missing required key.
    pub missing_key: &'static str,
    /// Code for any other syntax or type error.
    pub syntax: &'static str,
    /// Human name of the thing, e.g. "front-matter".
    pub what: &'static str,
}

/// Parses `fragment` (which starts at byte `offset` of `source`) as `T`.
pub fn parse<T: DeserializeOwned>(
    fragment: &str,
    offset: usize,
    source: &Arc<str>,
    file: &str,
    kind: Kind,
) -> Result<T, Diagnostic> {
    toml::from_str::<T>(fragment).map_err(|e| to_diagnostic(&e, offset, source, file, kind))
}

fn to_diagnostic(
    err: &toml::de::Error,
    offset: usize,
    source: &Arc<str>,
    file: &str,
    kind: Kind,
) -> Diagnostic {
    let raw = err.message().trim().to_string();
    let span = err
        .span()
        .map(|s| s.start + offset..s.end + offset)
        .unwrap_or(offset..offset);
    let diag = if let Some(rest) = raw.strip_prefix("unknown field `") {
        let name = rest.split('`').next().unwrap_or_default();
        let allowed = expected_list(rest);
        let mut d = Diagnostic::error(
            kind.unknown_key,
            format!("未知字段 `{name}` (unknown {} key `{name}`)", kind.what),
        )
        .with_label("not allowed here");
        d = d.with_hint(match suggest(name, &allowed) {
            Some(s) => format!("did you mean `{s}`? allowed keys: {}", allowed.join(", ")),
            None if allowed.is_empty() => "remove this key".to_string(),
            None => format!("allowed keys: {}", allowed.join(", ")),
        });
        d
    } else if let Some(rest) = raw.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or_default();
        Diagnostic::error(
            kind.missing_key,
            format!(
                "缺少必填字段 `{name}` (missing required {} key `{name}`)",
                kind.what
            ),
        )
        .with_hint(format!("add a line such as `{name} = \"…\"`"))
    } else {
        Diagnostic::error(kind.syntax, format!("TOML 写法有误 (invalid {}: {raw})", kind.what))
            .with_label("here")
            .with_hint(
                "check the TOML syntax: strings in \"quotes\", lists in [brackets], dates as 2024-06-01",
            )
    };
    diag.in_file(file).at(source, span)
}

/// Parses serde's "..., expected one of `a`, `b`" / "expected `a`" tail into key names.
fn expected_list(msg: &str) -> Vec<String> {
    let Some(idx) = msg.find("expected") else {
        return Vec::new();
    };
    msg[idx..]
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The closest allowed key by edit distance, when it is close enough to be a typo.
fn suggest(name: &str, allowed: &[String]) -> Option<String> {
    allowed
        .iter()
        .map(|a| (edit_distance(name, a), a))
        .filter(|(d, a)| *d <= 2 && *d < a.len())
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a.clone())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typo_suggestions() {
        let allowed = vec!["title".to_string(), "weight".to_string()];
        assert_eq!(suggest("titel", &allowed).as_deref(), Some("title"));
        assert_eq!(suggest("colour", &allowed), None);
    }

    #[test]
    fn expected_keys_are_listed() {
        let msg = "unknown field `x`, expected one of `title`, `weight`";
        assert_eq!(expected_list(msg), vec!["title", "weight"]);
        assert_eq!(
            expected_list("unknown field `x`, expected `title`"),
            vec!["title"]
        );
    }
}
