//! What codespan sees of a diagnostic's file: the lines around its span with their real line
//! numbers, so rendering thousands of diagnostics of one file neither copies nor re-indexes the
//! whole file each time, and a line counter that runs through a file once, in order.

use std::ops::Range;

/// The lines of a file around a span, with the line number of the first, for codespan.
pub(super) struct Excerpt {
    name: String,
    text: String,
    /// Byte offset of the excerpt in the file.
    pub(super) offset: usize,
    first_line: usize,
    starts: Vec<usize>,
}

impl Excerpt {
    pub(super) fn around<'t>(
        name: String,
        source: &'t str,
        span: &Range<usize>,
        lines: &mut LineCounter<'t>,
    ) -> Excerpt {
        let start = source[..span.start.min(source.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let end = source[span.end.min(source.len())..]
            .find('\n')
            .map_or(source.len(), |i| span.end + i + 1);
        let text = source[start..end.max(start)].to_string();
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Excerpt {
            name,
            first_line: lines.before(source, start),
            offset: start,
            text,
            starts,
        }
    }
}

/// The number of `\n` bytes (a loop the compiler vectorises).
pub(super) fn newlines(b: &[u8]) -> usize {
    b.iter().filter(|&&c| c == b'\n').count()
}

/// Counts new lines through one text in increasing offsets: diagnostics are rendered in file order,
/// so a file with thousands of problems is counted through once, not once per problem.
#[derive(Default)]
pub(super) struct LineCounter<'t> {
    text: Option<&'t str>,
    at: usize,
    count: usize,
}

impl<'t> LineCounter<'t> {
    fn before(&mut self, text: &'t str, offset: usize) -> usize {
        let same = self.text.is_some_and(|t| std::ptr::eq(t, text));
        if !same || offset < self.at {
            *self = LineCounter {
                text: Some(text),
                at: 0,
                count: 0,
            };
        }
        self.count += newlines(&text.as_bytes()[self.at..offset]);
        self.at = offset;
        self.count
    }
}

impl<'a> codespan_reporting::files::Files<'a> for Excerpt {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, _: ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.name)
    }

    fn source(&'a self, _: ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, _: (), byte: usize) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self
            .starts
            .partition_point(|&s| s <= byte)
            .saturating_sub(1))
    }

    fn line_number(
        &'a self,
        _: (),
        line: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.first_line + line + 1)
    }

    fn line_range(
        &'a self,
        _: (),
        line: usize,
    ) -> Result<Range<usize>, codespan_reporting::files::Error> {
        use codespan_reporting::files::Error;
        let start = *self.starts.get(line).ok_or(Error::LineTooLarge {
            given: line,
            max: self.starts.len() - 1,
        })?;
        let end = self
            .starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        Ok(start..end)
    }
}
