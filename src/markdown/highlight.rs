//! Code highlighting behind an interface of our own: syntect's embedded syntax set, decoded once on
//! first use, and classed HTML output (`hl-` prefixed CSS classes, styled by the theme) so pages carry
//! no inline colours. Lines over 16 KiB are escaped but not parsed (minified files would make the
//! regex engine crawl), as bat does.

use std::sync::OnceLock;
use syntect::html::{line_tokens_to_classed_spans, ClassStyle};
use syntect::parsing::{ParseState, ScopeStack, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

const MAX_LINE: usize = 16 * 1024;
const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

fn find(lang: &str) -> Option<&'static SyntaxReference> {
    let set = syntaxes();
    let lang = match lang {
        "shell" | "console" | "sh" => "bash",
        "js" | "mjs" => "javascript",
        other => other,
    };
    set.find_syntax_by_token(lang)
}

/// A `<pre>` block for `code` in `lang`; plain escaped text when the language is unknown or
/// highlighting is off.
pub fn code_block(code: &str, lang: Option<&str>, highlight: bool) -> String {
    let lang = lang.map(str::trim).filter(|l| !l.is_empty());
    let mut out = String::with_capacity(code.len() * 2 + 64);
    out.push_str("<pre class=\"code\"");
    if let Some(l) = lang {
        out.push_str(" data-lang=\"");
        escape_into(&mut out, l);
        out.push('"');
    }
    out.push_str("><code>");
    match lang.filter(|_| highlight).and_then(find) {
        Some(syntax) => highlight_into(&mut out, code, syntax),
        None => escape_into(&mut out, code),
    }
    out.push_str("</code></pre>\n");
    out
}

fn highlight_into(out: &mut String, code: &str, syntax: &SyntaxReference) {
    let set = syntaxes();
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut open: isize = 0;
    for line in LinesWithEndings::from(code) {
        if line.len() > MAX_LINE {
            escape_into(out, line);
            continue;
        }
        let ops = match state.parse_line(line, set) {
            Ok(ops) => ops,
            Err(_) => {
                escape_into(out, line);
                continue;
            }
        };
        match line_tokens_to_classed_spans(line, &ops, STYLE, &mut stack) {
            Ok((html, delta)) => {
                out.push_str(&html);
                open += delta;
            }
            Err(_) => escape_into(out, line),
        }
    }
    for _ in 0..open.max(0) {
        out.push_str("</span>");
    }
}

pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes() {
        let html = code_block("{\"a\": 1}\n", Some("json"), true);
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(html.starts_with("<pre class=\"code\" data-lang=\"json\">"));
    }

    #[test]
    fn unknown_language_and_long_lines_are_escaped() {
        let html = code_block("<b>\n", Some("no-such-lang"), true);
        assert!(html.contains("&lt;b&gt;") && !html.contains("hl-"));
        let long = format!("\"{}\"\n", "x".repeat(MAX_LINE + 1));
        let html = code_block(&long, Some("json"), true);
        assert!(!html.contains("<span"), "long line must not be highlighted");
    }
}
