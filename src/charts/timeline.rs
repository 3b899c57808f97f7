//! A timeline of phases (the 进度表): one row per phase, a bar from its start to its end date, its
//! status written after the bar, month ticks, and a dashed marker for today.

use super::{line, open, rect, text, text_width, FONT};

const ROW: f64 = 28.0;
const PLOT: f64 = 360.0;
const PAD: f64 = 8.0;

/// A phase: label, start and end as days since the epoch, status class and status text.
pub struct Phase {
    pub label: String,
    pub start: i64,
    pub end: i64,
    pub class: &'static str,
    pub status: String,
}

/// `months`: (day number of the first of each month, label) for the ticks; `today`: (day, label).
pub fn timeline(
    id: &str,
    title: &str,
    desc: &str,
    phases: &[Phase],
    months: &[(i64, String)],
    today: Option<(i64, String)>,
) -> String {
    let label_w = phases
        .iter()
        .map(|p| text_width(&p.label))
        .fold(0.0, f64::max)
        + PAD * 2.0;
    let status_w = phases
        .iter()
        .map(|p| text_width(&p.status))
        .fold(0.0, f64::max)
        + PAD * 2.0;
    let first = phases
        .iter()
        .map(|p| p.start)
        .chain(months.iter().map(|m| m.0))
        .min()
        .unwrap_or(0);
    let last = phases
        .iter()
        .map(|p| p.end + 1)
        .max()
        .unwrap_or(first + 1)
        .max(first + 1);
    let x = |day: i64| label_w + PLOT * ((day - first) as f64 / (last - first) as f64);
    let top = FONT + 12.0;
    let bottom = top + ROW * phases.len() as f64;
    let height = bottom + FONT + 12.0;
    let width = label_w + PLOT + status_w + PAD;
    let mut s = open(id, width, height, title, desc);
    for (day, label) in months {
        let mx = x(*day);
        s.push_str(&line(mx, top, mx, bottom, "chart-grid"));
        s.push_str(&text(
            mx + 2.0,
            bottom + FONT + 6.0,
            "start",
            "chart-tick",
            label,
        ));
    }
    for (i, p) in phases.iter().enumerate() {
        let y = top + ROW * i as f64;
        s.push_str(&text(
            label_w - PAD,
            y + ROW / 2.0 + 5.0,
            "end",
            "chart-label",
            &p.label,
        ));
        s.push_str(&rect(
            x(p.start),
            y + 5.0,
            x(p.end + 1) - x(p.start),
            ROW - 10.0,
            p.class,
        ));
        s.push_str(&text(
            label_w + PLOT + PAD,
            y + ROW / 2.0 + 5.0,
            "start",
            "chart-label",
            &p.status,
        ));
    }
    if let Some((day, label)) = today {
        if day >= first && day <= last {
            let tx = x(day);
            s.push_str(&line(tx, top - 4.0, tx, bottom, "chart-today"));
            s.push_str(&text(tx, FONT, "middle", "chart-label", &label));
        }
    }
    s.push_str("</svg>");
    s
}
