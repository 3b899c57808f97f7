//! Shortcodes: `{{ name(key=value, ...) }}` in Markdown, outside code.
//!
//! Before Markdown is parsed, each call is cut out and replaced by a placeholder; after rendering the
//! placeholder is replaced by the shortcode's HTML (a placeholder alone in a paragraph replaces the
//! whole `<p>`). A [`Registry`] maps names to renderers: native Rust ones (the quiz and chart features
//! plug in here) and every `templates/shortcodes/NAME.html` of the theme.

use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

pub use super::splice::{placeholder, splice};

/// The most shortcode calls one file may make (each renders a template); more is E-SC-LIMIT.
pub const MAX_CALLS: usize = 5_000;

/// One shortcode call found in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub name: String,
    pub args: Map<String, Value>,
    /// Byte range of the call in the body.
    pub span: Range<usize>,
}

/// What a renderer gets besides the call.
pub struct Context<'a> {
    /// Link prefix of the page the shortcode is on.
    pub root: &'a str,
    /// Display path of the file, for messages.
    pub file: &'a str,
    pub tera: &'a tera::Tera,
    pub locale: &'a Value,
}

/// A shortcode implemented in Rust. `Err` is a message shown to the author with the call's location.
pub trait Shortcode: Send + Sync {
    fn render(&self, call: &Call, cx: &Context<'_>) -> Result<String, String>;
}

/// Shortcodes by name.
#[derive(Clone, Default)]
pub struct Registry {
    native: BTreeMap<String, Arc<dyn Shortcode>>,
    templates: BTreeMap<String, String>,
}

impl Registry {
    pub fn register(&mut self, name: &str, sc: Arc<dyn Shortcode>) {
        self.native.insert(name.to_string(), sc);
    }

    /// Registers every template named `shortcodes/NAME.html`.
    pub fn add_templates<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        for t in names {
            if let Some(name) = t
                .strip_prefix("shortcodes/")
                .and_then(|n| n.strip_suffix(".html"))
            {
                self.templates.insert(name.to_string(), t.to_string());
            }
        }
    }

    pub fn names(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .native
            .keys()
            .chain(self.templates.keys())
            .map(String::as_str)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    pub fn contains(&self, name: &str) -> bool {
        self.native.contains_key(name) || self.templates.contains_key(name)
    }

    pub fn render(&self, call: &Call, cx: &Context<'_>) -> Result<String, String> {
        if let Some(sc) = self.native.get(&call.name) {
            return sc.render(call, cx);
        }
        let Some(tpl) = self.templates.get(&call.name) else {
            return Err(format!("unknown shortcode `{}`", call.name));
        };
        let mut ctx = tera::Context::new();
        for (k, v) in &call.args {
            ctx.insert(k.as_str(), v);
        }
        ctx.insert("root", cx.root);
        ctx.insert("t", cx.locale);
        cx.tera
            .render(tpl, &ctx)
            .map_err(|e| crate::diag::error_chain(&e))
    }
}

/// A body with its shortcodes replaced by placeholders.
pub struct Extracted {
    pub text: String,
    pub calls: Vec<Call>,
    /// `(new range, old range)` of each placeholder, to map positions back to the original body.
    map: Vec<(Range<usize>, Range<usize>)>,
}

impl Extracted {
    /// Maps a byte offset in `text` back to the original body.
    pub fn original(&self, pos: usize) -> usize {
        // The last placeholder that starts at or before `pos` (the map is in order): a binary
        // search, so mapping every event of a page with 100,000 shortcodes stays linear.
        let i = self.map.partition_point(|(new, _)| new.start <= pos);
        let Some((new, old)) = i.checked_sub(1).map(|j| &self.map[j]) else {
            return pos;
        };
        if pos < new.end {
            return old.start;
        }
        let delta = old.end as isize - new.end as isize;
        (pos as isize + delta).max(0) as usize
    }
}

/// A syntax problem: byte range in the body and a message.
pub type SyntaxError = (Range<usize>, String);

/// How a shortcode call opens.
const CALL_OPEN: &str = "{{";

/// Cuts every shortcode call out of `body`, outside fenced and inline code.
pub fn extract(body: &str) -> (Extracted, Vec<SyntaxError>) {
    let mut text = String::with_capacity(body.len());
    let mut calls = Vec::new();
    let mut map = Vec::new();
    let mut errors = Vec::new();
    let mut fence: Option<(u8, usize)> = None;
    let mut line_start = 0;
    while line_start < body.len() {
        let line_end = body[line_start..]
            .find('\n')
            .map(|i| line_start + i + 1)
            .unwrap_or(body.len());
        let line = &body[line_start..line_end];
        if let Some(f) = fence_marker(line) {
            match fence {
                None => fence = Some(f),
                Some((ch, n)) if f.0 == ch && f.1 >= n && line.trim()[f.1..].trim().is_empty() => {
                    fence = None
                }
                _ => {}
            }
            text.push_str(line);
        } else if fence.is_some() || !line.contains(CALL_OPEN) {
            text.push_str(line);
        } else {
            scan_line(
                line,
                line_start,
                &mut text,
                &mut calls,
                &mut map,
                &mut errors,
            );
        }
        line_start = line_end;
    }
    (Extracted { text, calls, map }, errors)
}

fn fence_marker(line: &str) -> Option<(u8, usize)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let ch = *trimmed.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let n = trimmed.bytes().take_while(|b| *b == ch).count();
    (n >= 3).then_some((ch, n))
}

fn scan_line(
    line: &str,
    offset: usize,
    text: &mut String,
    calls: &mut Vec<Call>,
    map: &mut Vec<(Range<usize>, Range<usize>)>,
    errors: &mut Vec<SyntaxError>,
) {
    let bytes = line.as_bytes();
    let mut i = 0;
    let mut copied = 0;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            // Skip an inline code span: a run of n backticks up to the next run of exactly n.
            let n = bytes[i..].iter().take_while(|b| **b == b'`').count();
            let fence = "`".repeat(n);
            let after = i + n;
            i = match line[after..].find(&fence) {
                Some(j) => after + j + n,
                None => after,
            };
            continue;
        }
        if bytes[i..].starts_with(CALL_OPEN.as_bytes()) {
            match parse_call(&line[i..]) {
                Parsed::NotACall => {}
                Parsed::Call(name, args, len) => {
                    text.push_str(&line[copied..i]);
                    let ph = placeholder(calls.len());
                    let new_start = text.len();
                    text.push_str(&ph);
                    let old = offset + i..offset + i + len;
                    map.push((new_start..text.len(), old.clone()));
                    calls.push(Call {
                        name,
                        args,
                        span: old,
                    });
                    i += len;
                    copied = i;
                    continue;
                }
                Parsed::Error(msg, len) => {
                    errors.push((offset + i..offset + i + len, msg));
                }
            }
        }
        i += 1;
    }
    text.push_str(&line[copied..]);
}

enum Parsed {
    NotACall,
    /// name, args, length in bytes
    Call(String, Map<String, Value>, usize),
    Error(String, usize),
}

fn parse_call(s: &str) -> Parsed {
    let mut p = Cursor { s, i: 2 };
    p.ws();
    let name = p.ident();
    if name.is_empty() {
        return Parsed::NotACall;
    }
    p.ws();
    if !p.eat('(') {
        return Parsed::NotACall;
    }
    let mut args = Map::new();
    loop {
        p.ws();
        if p.eat(')') {
            break;
        }
        let key = p.ident();
        if key.is_empty() {
            return p.error(format!("expected an argument name in shortcode `{name}`"));
        }
        p.ws();
        if !p.eat('=') {
            return p.error(format!("expected `=` after `{key}` in shortcode `{name}`"));
        }
        p.ws();
        let Some(value) = p.value() else {
            return p.error(format!(
                "the value of `{key}` must be a \"string\", a number, true or false"
            ));
        };
        if args.insert(key.clone(), value).is_some() {
            return p.error(format!("argument `{key}` is given twice"));
        }
        p.ws();
        if p.eat(',') {
            continue;
        }
        p.ws();
        if p.eat(')') {
            break;
        }
        return p.error(format!("expected `,` or `)` in shortcode `{name}`"));
    }
    p.ws();
    if !(p.eat('}') && p.eat('}')) {
        return p.error(format!("shortcode `{name}` must end with `}}}}`"));
    }
    Parsed::Call(name, args, p.i)
}

struct Cursor<'a> {
    s: &'a str,
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.s[self.i..].chars().next()
    }
    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.i += c.len_utf8();
            true
        } else {
            false
        }
    }
    fn ws(&mut self) {
        while self.peek().is_some_and(|c| c == ' ' || c == '\t') {
            self.i += 1;
        }
    }
    fn ident(&mut self) -> String {
        let start = self.i;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            self.i += 1;
        }
        let id = &self.s[start..self.i];
        if id.starts_with(|c: char| c.is_ascii_digit()) {
            self.i = start;
            return String::new();
        }
        id.to_string()
    }
    fn value(&mut self) -> Option<Value> {
        match self.peek()? {
            q @ ('"' | '\'') => {
                self.i += 1;
                let mut out = String::new();
                loop {
                    let c = self.peek()?;
                    self.i += c.len_utf8();
                    match c {
                        '\\' => {
                            let e = self.peek()?;
                            self.i += e.len_utf8();
                            out.push(match e {
                                'n' => '\n',
                                't' => '\t',
                                other => other,
                            });
                        }
                        c if c == q => return Some(Value::String(out)),
                        c => out.push(c),
                    }
                }
            }
            _ => {
                let start = self.i;
                while self
                    .peek()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '+')
                {
                    self.i += 1;
                }
                let word = &self.s[start..self.i];
                match word {
                    "true" => Some(Value::Bool(true)),
                    "false" => Some(Value::Bool(false)),
                    _ => word.parse::<i64>().map(Value::from).ok().or_else(|| {
                        word.parse::<f64>()
                            .ok()
                            .and_then(|f| serde_json::Number::from_f64(f).map(Value::Number))
                    }),
                }
            }
        }
    }
    fn error(&self, msg: String) -> Parsed {
        let len = self
            .s
            .find("}}")
            .map(|j| j + 2)
            .unwrap_or(self.s.len().min(self.i + 1));
        Parsed::Error(msg, len.max(self.i.min(self.s.len())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_calls_outside_code() {
        let body = "a {{ note(kind=\"tip\", text='x\\'y', n=3, on=true) }} b\n`{{ no() }}`\n```\n{{ no() }}\n```\n";
        let (ex, errs) = extract(body);
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(ex.calls.len(), 1);
        let c = &ex.calls[0];
        assert_eq!(c.name, "note");
        assert_eq!(c.args["text"], "x'y");
        assert_eq!(c.args["n"], 3);
        assert_eq!(c.args["on"], true);
        assert_eq!(
            &body[c.span.clone()],
            "{{ note(kind=\"tip\", text='x\\'y', n=3, on=true) }}"
        );
        let b_new = ex.text.find(" b").unwrap();
        assert_eq!(ex.original(b_new), body.find(" b").unwrap());
    }

    #[test]
    fn plain_braces_are_not_calls_but_broken_calls_are_errors() {
        let (ex, errs) = extract("{{ not a call }} and {{ x(a=) }}\n");
        assert!(ex.calls.is_empty());
        assert_eq!(errs.len(), 1);
        assert!(errs[0].1.contains("value of `a`"), "{:?}", errs);
    }
}
