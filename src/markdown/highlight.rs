//! Code highlighting behind an interface of our own: syntect's embedded syntax set, decoded once on
//! first use, and compact classed HTML: each token gets at most one `hl-<category>` class (string,
//! comment, keyword...) chosen from its innermost meaningful scope, and neighbouring tokens of the
//! same category share one span. syntect's own classed output writes a class per scope atom per
//! nesting level, which made a ten-line JSON block weigh 4 KB. Lines over 16 KiB are escaped but not
//! parsed (minified files would make the regex engine crawl), as bat does.

use std::collections::HashMap;
use std::sync::OnceLock;
use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

const MAX_LINE: usize = 16 * 1024;

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
    out.push_str("><code");
    // `language-…` as CommonMark renderers write it, for tools and user styles (escaped; the info
    // string's first word holds no space).
    if let Some(l) = lang {
        out.push_str(" class=\"language-");
        escape_into(&mut out, l);
        out.push('"');
    }
    out.push('>');
    match lang.filter(|_| highlight) {
        Some(l) if super::highlight_conf::handles(l) => {
            super::highlight_conf::highlight_into(&mut out, code, l != "toml")
        }
        Some(l) => match find(l) {
            Some(syntax) => highlight_into(&mut out, code, syntax),
            None => escape_into(&mut out, code),
        },
        None => escape_into(&mut out, code),
    }
    out.push_str("</code></pre>\n");
    out
}

/// The CSS category of a scope, by its leading atoms; `None` for structural scopes.
fn category(scope: &Scope) -> Option<&'static str> {
    let name = scope.build_string();
    let mut atoms = name.split('.');
    let first = atoms.next().unwrap_or("");
    Some(match first {
        "comment" => "comment",
        "string" => "string",
        "constant" => match atoms.next() {
            Some("character") if name.contains("escape") => "escape",
            _ => "constant",
        },
        "keyword" => match atoms.next() {
            Some("operator") => "operator",
            _ => "keyword",
        },
        "storage" => match atoms.next() {
            Some("type") => "type",
            _ => "storage",
        },
        "entity" => match (atoms.next(), atoms.next()) {
            (Some("name"), Some("tag")) => "tag",
            (Some("other"), Some("attribute-name")) => "attribute-name",
            _ => "entity",
        },
        "support" => "support",
        "variable" => match atoms.next() {
            Some("parameter") => "parameter",
            _ => "variable",
        },
        "markup" => match atoms.next() {
            Some("heading") => "heading",
            Some("bold") => "bold",
            Some("italic") => "italic",
            _ => return None,
        },
        "invalid" => "invalid",
        _ => return None,
    })
}

struct Writer<'o> {
    out: &'o mut String,
    open: Option<&'static str>,
}

impl Writer<'_> {
    fn text(&mut self, class: Option<&'static str>, text: &str) {
        if text.is_empty() {
            return;
        }
        if class != self.open {
            if self.open.is_some() {
                self.out.push_str("</span>");
            }
            if let Some(c) = class {
                self.out.push_str("<span class=\"hl-");
                self.out.push_str(c);
                self.out.push_str("\">");
            }
            self.open = class;
        }
        escape_into(self.out, text);
    }

    fn close(&mut self) {
        if self.open.take().is_some() {
            self.out.push_str("</span>");
        }
    }
}

fn highlight_into(out: &mut String, code: &str, syntax: &SyntaxReference) {
    let set = syntaxes();
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut cache: HashMap<Scope, Option<&'static str>> = HashMap::new();
    let mut w = Writer { out, open: None };
    for line in LinesWithEndings::from(code) {
        let ops = if line.len() > MAX_LINE {
            None
        } else {
            state.parse_line(line, set).ok()
        };
        let Some(ops) = ops else {
            w.text(None, line);
            continue;
        };
        let mut last = 0;
        for (pos, op) in ops {
            let pos = pos.min(line.len());
            if pos > last {
                let class = current(&stack, &mut cache);
                w.text(class, &line[last..pos]);
                last = pos;
            }
            if stack.apply(&op).is_err() {
                break;
            }
        }
        let class = current(&stack, &mut cache);
        w.text(class, &line[last..]);
    }
    w.close();
}

fn current(
    stack: &ScopeStack,
    cache: &mut HashMap<Scope, Option<&'static str>>,
) -> Option<&'static str> {
    stack
        .as_slice()
        .iter()
        .rev()
        .find_map(|s| *cache.entry(*s).or_insert_with(|| category(s)))
}

use crate::html::escape_into;

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
