//! Diagnostics: every problem shian finds in a site, with a stable code, the file, line and column,
//! a message, a hint and a source snippet.
//!
//! Stages never stop at the first problem: they push [`Diagnostic`]s into a [`Diagnostics`] list and go
//! on. The CLI prints all of them and exits 1 when any is an error; `serve` shows the same text in an
//! overlay. One renderer (codespan-reporting) serves both, so the terminal and the browser agree.

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::term::{self, Config as TermConfig};
mod excerpt;

use excerpt::{newlines, Excerpt, LineCounter};
use std::ops::Range;
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one place.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable code such as `E-FM-KEY`; documented in docs/authoring.md and safe to search for.
    pub code: &'static str,
    pub message: String,
    pub hint: Option<String>,
    /// Display path relative to the site root, with `/` separators (`content/a/b.md`).
    pub file: Option<String>,
    /// Byte range in `source`.
    pub span: Option<Range<usize>>,
    pub label: Option<String>,
    pub source: Option<Arc<str>>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            hint: None,
            file: None,
            span: None,
            label: None,
            source: None,
        }
    }

    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Points the diagnostic at `span` (byte offsets) inside the whole text of its file.
    pub fn at(mut self, source: &Arc<str>, span: Range<usize>) -> Self {
        let len = source.len();
        let start = floor_char_boundary(source, span.start.min(len));
        let end = floor_char_boundary(source, span.end.clamp(start, len));
        self.span = Some(start..end);
        self.source = Some(Arc::clone(source));
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// 1-based line and column (in characters) of the start of the span.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        let (source, span) = (self.source.as_deref()?, self.span.as_ref()?);
        Some(line_col(source, span.start))
    }

    /// `file:line:col`, `file`, or an empty string.
    pub fn location(&self) -> String {
        match (&self.file, self.line_col()) {
            (Some(f), Some((l, c))) => format!("{f}:{l}:{c}"),
            (Some(f), None) => f.clone(),
            (None, _) => String::new(),
        }
    }

    /// Renders this diagnostic as plain text (no colour), the form used in tests and the serve overlay.
    pub fn render_plain(&self) -> String {
        self.render_plain_with(&mut LineCounter::default())
    }

    fn render_plain_with<'t>(&'t self, lines: &mut LineCounter<'t>) -> String {
        let mut out = String::new();
        let (file, cs) = self.to_codespan(lines);
        // Writing into a String cannot fail except on a bad span, which `at` already clamps.
        let _ = term::emit_to_string(&mut out, &term_config(), &file, &cs);
        out
    }

    /// The codespan view of this diagnostic. Only the lines the span covers are handed over (with
    /// their real line numbers), so a file with thousands of problems is not copied and re-indexed
    /// once per problem.
    fn to_codespan<'t>(&'t self, lines: &mut LineCounter<'t>) -> (Excerpt, CsDiagnostic<()>) {
        let name = self.file.clone().unwrap_or_else(|| "<site>".to_string());
        let source = self.source.as_deref().unwrap_or("");
        let span = self.span.clone().unwrap_or(0..0);
        let file = Excerpt::around(name, source, &span, lines);
        let span = span.start - file.offset..span.end - file.offset;
        let base = match self.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
        };
        let mut d = base.with_code(self.code).with_message(&self.message);
        let mut notes = Vec::new();
        match (&self.span, &self.source) {
            (Some(_), Some(_)) => {
                let label = Label::primary((), span.clone());
                d = d.with_labels(vec![match &self.label {
                    Some(l) => label.with_message(l),
                    None => label,
                }]);
            }
            _ => {
                if let Some(f) = &self.file {
                    notes.push(format!("in: {f}"));
                }
            }
        }
        if let Some(h) = &self.hint {
            notes.push(format!("hint: {h}"));
        }
        (file, d.with_notes(notes))
    }
}

fn term_config() -> TermConfig {
    TermConfig::default()
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// 1-based line and column (counted in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = newlines(before.as_bytes()) + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

/// An error with its whole chain of causes, joined (Tera nests the useful message in `source()`).
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut cur = e.source();
    while let Some(s) = cur {
        parts.push(s.to_string());
        cur = s.source();
    }
    parts.join(": ")
}

/// All diagnostics of one run, kept in a stable order so output does not depend on thread scheduling.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

/// At most this many diagnostics are printed; the count line still counts them all.
pub const SHOWN: usize = 1000;

impl Diagnostics {
    /// The line that says how many were left out, or nothing.
    fn not_shown(&self) -> String {
        match self.items.len().checked_sub(SHOWN) {
            Some(n) if n > 0 => format!(
                "... and {n} more not shown (the first {SHOWN} are; fix those and build again)\n\n"
            ),
            _ => String::new(),
        }
    }

    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    /// Keeps only the diagnostics for which `keep` is true.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(keep);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// `--strict`: every warning becomes an error.
    pub fn promote_warnings(&mut self) {
        for d in &mut self.items {
            d.severity = Severity::Error;
        }
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub fn into_vec(mut self) -> Vec<Diagnostic> {
        self.sort();
        self.items
    }

    /// Sorts by file, then position, then code; removes exact duplicates.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            let ka = (
                &a.file,
                a.span.as_ref().map(|s| s.start),
                a.code,
                &a.message,
            );
            let kb = (
                &b.file,
                b.span.as_ref().map(|s| s.start),
                b.code,
                &b.message,
            );
            ka.cmp(&kb)
        });
        self.items.dedup_by(|a, b| {
            a.file == b.file && a.span == b.span && a.code == b.code && a.message == b.message
        });
    }

    /// Plain-text rendering of every diagnostic plus a closing count line.
    pub fn render_plain(&self) -> String {
        let mut sorted = self.clone();
        sorted.sort();
        let mut out = String::new();
        let mut lines = LineCounter::default();
        for d in sorted.items.iter().take(SHOWN) {
            out.push_str(&d.render_plain_with(&mut lines));
        }
        out.push_str(&sorted.not_shown());
        out.push_str(&sorted.summary());
        out.push('\n');
        out
    }

    /// Writes every diagnostic to stderr, coloured when stderr is a terminal.
    pub fn emit_to_stderr(&self) {
        use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
        use std::io::IsTerminal;
        let mut sorted = self.clone();
        sorted.sort();
        let choice = if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
            ColorChoice::Auto
        } else {
            ColorChoice::Never
        };
        let stream = StandardStream::stderr(choice);
        let mut lock = stream.lock();
        let mut lines = LineCounter::default();
        for d in sorted.items.iter().take(SHOWN) {
            let (file, cs) = d.to_codespan(&mut lines);
            if term::emit_to_write_style(&mut lock, &term_config(), &file, &cs).is_err() {
                eprint!("{}", d.render_plain());
            }
        }
        drop(lock);
        eprint!("{}", sorted.not_shown());
        eprintln!("{}", sorted.summary());
    }

    fn summary(&self) -> String {
        let (e, w) = (self.error_count(), self.warning_count());
        let plural = |n: usize, s: &str| {
            if n == 1 {
                format!("1 {s}")
            } else {
                format!("{n} {s}s")
            }
        };
        if e > 0 {
            format!("failed: {}, {}", plural(e, "error"), plural(w, "warning"))
        } else {
            plural(w, "warning")
        }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.into_vec().into_iter()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics { items: vec![d] }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "第一行\n食品安全 x";
        let off = text.find('x').unwrap();
        assert_eq!(line_col(text, off), (2, 6));
        assert_eq!(line_col(text, 0), (1, 1));
    }

    #[test]
    fn span_inside_a_character_is_clamped() {
        let src: Arc<str> = Arc::from("食品");
        let d = Diagnostic::error("E-TEST", "m")
            .in_file("a.md")
            .at(&src, 1..2);
        assert_eq!(d.span, Some(0..0));
        assert_eq!(d.location(), "a.md:1:1");
    }
}
