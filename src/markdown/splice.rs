//! Shortcode output back into the rendered HTML: each call was replaced by a placeholder before
//! Markdown ran ([`super::shortcodes::extract`]); [`expand`] renders every call and [`splice`] swaps
//! each placeholder for its HTML in one pass, keeping paragraphs valid around block output.

use super::{shift, shortcodes, Input};
use crate::diag::Diagnostic;
use std::ops::Range;

pub fn placeholder(i: usize) -> String {
    format!("\u{E000}sc{i}\u{E001}")
}

/// Puts `rendered[i]` in place of placeholder `i`, in one pass: a placeholder alone in a paragraph
/// (`<p>PH</p>`) is replaced with its paragraph, so block output is not wrapped in `<p>`; block
/// output (a note, a figure) in the middle of a paragraph closes the paragraph around it, since a
/// `<p>` cannot hold it.
pub fn splice(html: &str, rendered: &[String]) -> String {
    const OPEN: char = '\u{E000}';
    const CLOSE: char = '\u{E001}';
    let extra: usize = rendered.iter().map(String::len).sum();
    let mut out = String::with_capacity(html.len() + extra);
    let mut rest = html;
    let mut in_p = false;
    let copy = |out: &mut String, piece: &str, in_p: &mut bool| {
        match (piece.rfind("<p>"), piece.rfind("</p>")) {
            (Some(o), Some(c)) => *in_p = o > c,
            (Some(_), None) => *in_p = true,
            (None, Some(_)) => *in_p = false,
            (None, None) => {}
        }
        out.push_str(piece);
    };
    while let Some(i) = rest.find(OPEN) {
        let after = &rest[i + OPEN.len_utf8()..];
        let parsed = after.strip_prefix("sc").and_then(|a| {
            let end = a.find(CLOSE)?;
            let n: usize = a[..end].parse().ok()?;
            Some((n, &a[end + CLOSE.len_utf8()..]))
        });
        let Some((n, tail)) = parsed.filter(|(n, _)| *n < rendered.len()) else {
            copy(&mut out, &rest[..i + OPEN.len_utf8()], &mut in_p);
            rest = after;
            continue;
        };
        let before = &rest[..i];
        if let (Some(b), Some(t)) = (before.strip_suffix("<p>"), tail.strip_prefix("</p>\n")) {
            copy(&mut out, b, &mut in_p);
            out.push_str(&rendered[n]);
            in_p = false;
            rest = t;
            continue;
        }
        copy(&mut out, before, &mut in_p);
        rest = tail;
        if !(in_p && is_block(&rendered[n])) {
            out.push_str(&rendered[n]);
            continue;
        }
        match out.strip_suffix("<p>") {
            Some(kept) => out.truncate(kept.len()),
            None => out.push_str("</p>\n"),
        }
        out.push_str(&rendered[n]);
        match rest.strip_prefix("</p>") {
            Some(t) => {
                rest = t;
                in_p = false;
            }
            None => out.push_str("<p>"),
        }
    }
    out.push_str(rest);
    out
}

/// Whether shortcode output starts with an element a paragraph cannot hold.
fn is_block(html: &str) -> bool {
    const BLOCKS: &[&str] = &[
        "<aside",
        "<figure",
        "<div",
        "<section",
        "<table",
        "<p",
        "<ul",
        "<ol",
        "<dl",
        "<blockquote",
        "<pre",
        "<h1",
        "<h2",
        "<h3",
        "<h4",
        "<h5",
        "<h6",
        "<form",
        "<details",
        "<hr",
        "<nav",
    ];
    let t = html.trim_start();
    BLOCKS.iter().any(|b| {
        t.strip_prefix(b)
            .is_some_and(|r| r.starts_with(['>', ' ', '\n', '/']))
    })
}

/// Renders every call of a document and splices the output in; an unknown shortcode or a failed
/// render is an error at the call.
pub(super) fn expand(
    html: String,
    calls: &[shortcodes::Call],
    input: &Input<'_>,
    diags: &mut Vec<Diagnostic>,
) -> String {
    let cx = shortcodes::Context {
        root: input.root,
        file: input.file,
        tera: input.tera,
        locale: input.locale,
    };
    let rendered: Vec<String> = calls
        .iter()
        .map(|call| {
            let span = shift(call.span.clone(), input.body_offset);
            if !input.shortcodes.contains(&call.name) {
                diags.push(
                    Diagnostic::error("E-SC-UNKNOWN", format!("unknown shortcode `{}`", call.name))
                        .in_file(input.file)
                        .at(input.source, span)
                        .with_hint(format!(
                            "available shortcodes: {}",
                            input.shortcodes.names().join(", ")
                        )),
                );
                return String::new();
            }
            let mut call = call.clone();
            resolve_args(&mut call, input, &span, diags);
            input.shortcodes.render(&call, &cx).unwrap_or_else(|msg| {
                diags.push(
                    Diagnostic::error(
                        "E-SC-RENDER",
                        format!("shortcode `{}` failed: {msg}", call.name),
                    )
                    .in_file(input.file)
                    .at(input.source, span)
                    .with_hint("check the shortcode's arguments against docs/authoring.md"),
                );
                String::new()
            })
        })
        .collect();
    splice(&html, &rendered)
}

/// String arguments written `@/path` are resolved like links.
fn resolve_args(
    call: &mut shortcodes::Call,
    input: &Input<'_>,
    span: &Range<usize>,
    diags: &mut Vec<Diagnostic>,
) {
    for v in call.args.values_mut() {
        let Some(path) = v.as_str().and_then(|s| s.strip_prefix("@/")) else {
            continue;
        };
        let (p, anchor) = match path.split_once('#') {
            Some((p, a)) => (p, Some(a)),
            None => (path, None),
        };
        match input.links.resolve_in(input.edition_prefix, p) {
            Ok((href, _, _)) => {
                let mut url = format!("{}{}", input.root, href);
                if let Some(a) = anchor {
                    url.push('#');
                    url.push_str(a);
                }
                *v = serde_json::Value::String(url);
            }
            Err(msg) => diags.push(
                Diagnostic::error("E-LINK", format!("broken internal link: {msg}"))
                    .in_file(input.file)
                    .at(input.source, span.clone())
                    .with_hint("paths in shortcode arguments are written @/path/under/content"),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_output_inside_a_paragraph_closes_it() {
        let ph = placeholder(0);
        let note = vec!["<aside class=\"note\">x</aside>\n".to_string()];
        assert_eq!(
            splice(&format!("<p>行内提示：{ph}</p>\n"), &note),
            "<p>行内提示：</p>\n<aside class=\"note\">x</aside>\n\n"
        );
        assert_eq!(
            splice(&format!("<p>前{ph}后</p>\n"), &note),
            "<p>前</p>\n<aside class=\"note\">x</aside>\n<p>后</p>\n"
        );
        assert_eq!(splice(&format!("<p>{ph}</p>\n"), &note), note[0]);
        let inline = vec!["<span>i</span>".to_string()];
        assert_eq!(
            splice(&format!("<p>a{ph}b</p>\n"), &inline),
            "<p>a<span>i</span>b</p>\n"
        );
    }
}
