//! The CSV data files: `enterprises.csv` and `trainings.csv`. The header must name exactly the
//! expected columns (an unknown or missing column is an error); every value is typed and checked,
//! and each problem is reported at its file, line and column.

use super::{parse_date, Enterprise, Problems, Training};
use std::ops::Range;
use std::sync::Arc;

/// One parsed row: its line number and each field's text and byte range in the file.
pub struct Row {
    pub fields: Vec<(String, Range<usize>)>,
}

/// Reads a CSV file whose header must be exactly `columns` (in any order). Returns rows with their
/// fields in the order of `columns`.
pub fn read(p: &mut Problems<'_>, columns: &[&str]) -> Vec<Row> {
    let source = Arc::clone(p.source);
    let text: &str = &source;
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match rdr.headers() {
        Ok(h) => h
            .iter()
            .map(|s| s.trim().trim_start_matches('\u{feff}').to_string())
            .collect(),
        Err(e) => {
            p.error(
                "E-DATA-CSV",
                format!("cannot read the header: {e}"),
                0..0,
                "the first line lists the column names, separated by commas",
            );
            return Vec::new();
        }
    };
    let header_line = text.lines().next().unwrap_or("");
    if !check_header(p, &header, header_line, columns) {
        return Vec::new();
    }
    let order: Vec<usize> = columns
        .iter()
        .map(|c| header.iter().position(|h| h == c).unwrap_or(0))
        .collect();
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let at = e.position().map(|p| p.byte() as usize).unwrap_or(0);
                p.error(
                    "E-DATA-CSV",
                    format!("bad CSV row: {e}"),
                    at..at,
                    "check the quotes and commas of this row",
                );
                continue;
            }
        };
        if let Some(row) = to_row(p, text, &rec, header.len(), &order) {
            rows.push(row);
        }
    }
    rows
}

/// Reports every unknown and every missing column of the header; true when there is none. An
/// unknown column is taken as a misspelling of a missing one (in order), so one renamed column is
/// one error.
fn check_header(
    p: &mut Problems<'_>,
    header: &[String],
    header_line: &str,
    columns: &[&str],
) -> bool {
    let header_spans = field_spans(header_line, 0);
    let mut missing = columns.iter().filter(|c| !header.iter().any(|h| h == *c));
    let mut ok = true;
    for (i, h) in header.iter().enumerate() {
        if !columns.contains(&h.as_str()) {
            ok = false;
            let span = header_spans.get(i).cloned().unwrap_or(0..header_line.len());
            let message = match missing.next() {
                Some(m) => format!("unknown column `{h}`: is it `{m}`? (that column is missing)"),
                None => format!("unknown column `{h}`"),
            };
            p.error(
                "E-DATA-COLUMN",
                message,
                span,
                &format!("the header must be: {}", columns.join(",")),
            );
        }
    }
    for c in missing {
        ok = false;
        p.error(
            "E-DATA-COLUMN",
            format!("missing column `{c}`"),
            0..header_line.len(),
            &format!("the header must be: {}", columns.join(",")),
        );
    }
    ok
}

/// One record as a row with its fields in column `order`; `None` for a blank line or a record
/// with the wrong number of fields (reported).
fn to_row(
    p: &mut Problems<'_>,
    text: &str,
    rec: &csv::StringRecord,
    header_len: usize,
    order: &[usize],
) -> Option<Row> {
    let start = rec.position().map(|p| p.byte() as usize).unwrap_or(0);
    let line_end = text[start..]
        .find('\n')
        .map(|i| start + i)
        .unwrap_or(text.len());
    let raw = text[start..line_end].trim_end_matches('\r');
    if raw.trim().is_empty() {
        return None;
    }
    let spans = field_spans(raw, start);
    if rec.len() != header_len {
        p.error(
            "E-DATA-CSV",
            format!(
                "this row has {} fields, the header has {}",
                rec.len(),
                header_len
            ),
            start..line_end,
            "every row needs one value per column (leave a value empty between two commas)",
        );
        return None;
    }
    let fields = order
        .iter()
        .map(|&i| {
            (
                rec.get(i).unwrap_or("").trim().to_string(),
                spans.get(i).cloned().unwrap_or(start..line_end),
            )
        })
        .collect();
    Some(Row { fields })
}

/// Byte ranges of the fields of one CSV line (quotes respected), shifted by `offset`.
fn field_spans(line: &str, offset: usize) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, ch) in line.char_indices() {
        match ch {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                spans.push(offset + start..offset + i);
                start = i + 1;
            }
            _ => {}
        }
    }
    spans.push(offset + start..offset + line.len());
    spans
}

pub const ENTERPRISE_COLUMNS: &[&str] =
    &["id", "name", "district", "industry", "scale", "risk_grade"];
pub const SCALES: &[&str] = &["大型", "中型", "小型", "微型", "小作坊"];
pub const GRADES: &[&str] = &["A", "B", "C", "D"];

pub fn enterprises(p: &mut Problems<'_>) -> Vec<Enterprise> {
    let mut out = Vec::new();
    for row in read(p, ENTERPRISE_COLUMNS) {
        let f = &row.fields;
        let mut ok = true;
        for (i, (v, span)) in f.iter().enumerate() {
            if v.is_empty() {
                ok = false;
                p.error(
                    "E-DATA-VALUE",
                    format!("`{}` is empty", ENTERPRISE_COLUMNS[i]),
                    span.clone(),
                    "every column of an enterprise needs a value",
                );
            }
        }
        ok &= p.one_of(&f[4], SCALES, "scale");
        ok &= p.one_of(&f[5], GRADES, "risk_grade");
        ok &= p.ascii_id(&f[0]);
        if ok {
            out.push(Enterprise {
                id: f[0].0.clone(),
                name: f[1].0.clone(),
                district: f[2].0.clone(),
                industry: f[3].0.clone(),
                scale: f[4].0.clone(),
                risk_grade: f[5].0.clone(),
                span: f[0].1.clone(),
            });
        }
    }
    out
}

/// The most people one training session records: more is a typo (sums stay far from overflow).
pub const MAX_PARTICIPANTS: u32 = 100_000;
/// The longest one training session records, in hours.
pub const MAX_HOURS: f64 = 1_000.0;

pub const TRAINING_COLUMNS: &[&str] = &[
    "date",
    "title",
    "audience",
    "participants",
    "hours",
    "venue",
];

pub fn trainings(p: &mut Problems<'_>) -> Vec<Training> {
    let mut out = Vec::new();
    for row in read(p, TRAINING_COLUMNS) {
        let f = &row.fields;
        let date = parse_date(&f[0].0);
        if date.is_none() {
            p.error(
                "E-DATA-VALUE",
                format!("`{}` is not a date", f[0].0),
                f[0].1.clone(),
                "write dates as YYYY-MM-DD, e.g. 2024-06-01",
            );
        }
        let participants = f[3].0.parse::<u32>().ok();
        match participants {
            None => p.error(
                "E-DATA-VALUE",
                format!("participants `{}` is not a whole number", f[3].0),
                f[3].1.clone(),
                "write the number of people, e.g. 45",
            ),
            Some(n) if n > MAX_PARTICIPANTS => p.error(
                "E-DATA-VALUE",
                format!(
                    "participants `{n}` is more than one session can hold ({MAX_PARTICIPANTS})"
                ),
                f[3].1.clone(),
                "write the number of people at this session; split a campaign into its sessions",
            ),
            Some(_) => {}
        }
        let hours = f[4]
            .0
            .parse::<f64>()
            .ok()
            .filter(|h| *h >= 0.0 && h.is_finite());
        match hours {
            None => p.error(
                "E-DATA-VALUE",
                format!("hours `{}` is not a number", f[4].0),
                f[4].1.clone(),
                "write hours as a number, e.g. 2 or 2.5",
            ),
            Some(h) if h > MAX_HOURS => p.error(
                "E-DATA-VALUE",
                format!(
                    "hours `{}` is more than a session can last ({MAX_HOURS})",
                    f[4].0
                ),
                f[4].1.clone(),
                "write the session's length in hours, e.g. 2 or 2.5",
            ),
            Some(_) => {}
        }
        let participants = participants.filter(|n| *n <= MAX_PARTICIPANTS);
        let hours = hours.filter(|h| *h <= MAX_HOURS);
        if f[1].0.is_empty() {
            p.error(
                "E-DATA-VALUE",
                "`title` is empty".into(),
                f[1].1.clone(),
                "name the training session",
            );
        }
        if let (Some(_), Some(participants), Some(hours), false) =
            (date, participants, hours, f[1].0.is_empty())
        {
            out.push(Training {
                date: f[0].0.clone(),
                title: f[1].0.clone(),
                audience: f[2].0.clone(),
                participants,
                hours,
                venue: f[5].0.clone(),
            });
        }
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.title.cmp(&b.title)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_respect_quotes() {
        let s = field_spans("a,\"b,c\",d", 10);
        assert_eq!(s, vec![10..11, 12..17, 18..19]);
    }

    #[test]
    fn absurd_training_figures_are_errors_on_their_line() {
        let text: std::sync::Arc<str> = std::sync::Arc::from(
            "date,title,audience,participants,hours,venue\n2024-01-15,培训,员工,4000000000,2,中心\n2024-01-16,培训,员工,4000000,2,中心\n2024-01-17,培训,员工,40,1e9,中心\n",
        );
        let mut diags = crate::diag::Diagnostics::new();
        let rows = trainings(&mut crate::data::Problems::new(
            "data/trainings.csv",
            &text,
            &mut diags,
        ));
        assert!(rows.is_empty(), "no absurd row is kept");
        let lines: Vec<usize> = diags
            .iter()
            .filter_map(|d| d.line_col())
            .map(|(l, _)| l)
            .collect();
        assert_eq!(lines, [2, 3, 4], "{}", diags.render_plain());
    }
}
