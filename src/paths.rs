//! Paths and addresses: which names may become part of a web address, how an archived edition's
//! prefix is split off, and the addresses of the pages shian generates.

use crate::diag::Diagnostic;

/// The glossary page.
pub const GLOSSARY_PATH: &str = "glossary/";
/// The search page of the current edition (`editions/NAME/search/` for an archived one).
pub const SEARCH_PATH: &str = "search/";
/// The page that checks certificates offline.
pub const VERIFY_PATH: &str = "verify/";
/// The list of editions.
pub const EDITIONS_PATH: &str = "editions/";
/// The editions' page lists, read by the edition switcher.
pub const EDITIONS_JSON: &str = "editions.json";

/// The edition of a content-relative path (`editions/2023/courses/x.md` -> `2023`) and the path
/// inside it (`courses/x.md`); `None` for the current edition.
pub fn split_edition(rel: &str) -> (Option<&str>, &str) {
    if let Some(rest) = rel.strip_prefix("editions/") {
        if let Some((name, inner)) = rest.split_once('/') {
            return (Some(name), inner);
        }
    }
    (None, rel)
}

/// Every path component must be `a-z0-9-_`, the last one may have `.ext` parts of the same letters.
pub fn check_path(parts: &[String], display: &str) -> Option<Diagnostic> {
    let ok_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_';
    let bad = parts.iter().enumerate().find(|(i, p)| {
        let last = *i == parts.len() - 1;
        p.is_empty() || !p.chars().all(|c| ok_char(c) || (last && c == '.')) || p.starts_with('.')
    })?;
    let suggestion = suggest_name(bad.1);
    let mut hint = format!(
        "file and folder names become web addresses, so they may only use lowercase a-z, 0-9, '-' and '_'; rename `{}`",
        bad.1
    );
    if !suggestion.is_empty() && suggestion != *bad.1 {
        hint.push_str(&format!(", for example to `{suggestion}`"));
    }
    hint.push_str(" (the title in the front matter can stay Chinese)");
    Some(
        Diagnostic::error(
            "E-PATH",
            format!("file name `{}` is not allowed in a web address", bad.1),
        )
        .in_file(display.to_string())
        .with_hint(hint),
    )
}

/// Lowercases ASCII and turns spaces into `-`; non-ASCII characters are dropped. Empty when nothing
/// of the name's stem survives.
fn suggest_name(name: &str) -> String {
    let clean = |part: &str| -> String {
        part.chars()
            .filter_map(|c| match c {
                'A'..='Z' => Some(c.to_ascii_lowercase()),
                'a'..='z' | '0'..='9' | '-' | '_' => Some(c),
                ' ' => Some('-'),
                _ => None,
            })
            .collect::<String>()
            .trim_matches('-')
            .to_string()
    };
    let (stem, ext) = match name.split_once('.') {
        Some((s, e)) => (s, Some(e)),
        None => (name, None),
    };
    let stem = clean(stem);
    match (stem.is_empty(), ext) {
        (true, _) => String::new(),
        (false, Some(e)) => format!("{stem}.{}", e.to_ascii_lowercase()),
        (false, None) => stem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(p: &str) -> Vec<String> {
        p.split('/').map(str::to_string).collect()
    }

    #[test]
    fn ascii_paths_pass_and_others_fail() {
        assert!(check_path(&parts("courses/haccp-1/lesson_2.md"), "x").is_none());
        assert!(check_path(&parts("img/flow.v2.svg"), "x").is_none());
        let d = check_path(&parts("courses/培训.md"), "content/courses/培训.md").unwrap();
        assert_eq!(d.code, "E-PATH");
        assert!(check_path(&parts("Courses/a.md"), "x").is_some());
        assert!(check_path(&parts("a.b/c.md"), "x").is_some());
    }

    #[test]
    fn suggestions_are_ascii() {
        assert_eq!(suggest_name("My Lesson.md"), "my-lesson.md");
        assert_eq!(suggest_name("培训.md"), "");
    }
}
