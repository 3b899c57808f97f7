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
    let sc = Scale::new(phases, months);
    let top = FONT + 12.0;
    let bottom = top + ROW * phases.len() as f64;
    let height = bottom + FONT + 12.0;
    let width = sc.label_w + PLOT + sc.status_w + PAD;
    let mut s = open(id, width, height, title, desc);
    for (day, label) in months {
        let mx = sc.x(*day);
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
        push_phase(&mut s, &sc, top + ROW * i as f64, p);
    }
    if let Some((day, label)) = today {
        if day >= sc.first && day <= sc.last {
            let tx = sc.x(day);
            s.push_str(&line(tx, top - 4.0, tx, bottom, "chart-today"));
            s.push_str(&text(tx, FONT, "middle", "chart-label", &label));
        }
    }
    s.push_str("</svg>");
    s
}

/// The horizontal layout: the widths of the label and status columns and the days plotted.
struct Scale {
    label_w: f64,
    status_w: f64,
    first: i64,
    last: i64,
}

impl Scale {
    /// Fits the columns to the longest label and status, and the days to every phase and tick.
    fn new(phases: &[Phase], months: &[(i64, String)]) -> Scale {
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
        Scale {
            label_w,
            status_w,
            first,
            last,
        }
    }

    /// The x coordinate of the start of a day.
    fn x(&self, day: i64) -> f64 {
        self.label_w + PLOT * ((day - self.first) as f64 / (self.last - self.first) as f64)
    }
}

/// Writes one phase's row at `y`: its label, its bar and its status.
fn push_phase(s: &mut String, sc: &Scale, y: f64, p: &Phase) {
    s.push_str(&text(
        sc.label_w - PAD,
        y + ROW / 2.0 + 5.0,
        "end",
        "chart-label",
        &p.label,
    ));
    s.push_str(&rect(
        sc.x(p.start),
        y + 5.0,
        sc.x(p.end + 1) - sc.x(p.start),
        ROW - 10.0,
        p.class,
    ));
    s.push_str(&text(
        sc.label_w + PLOT + PAD,
        y + ROW / 2.0 + 5.0,
        "start",
        "chart-label",
        &p.status,
    ));
}
