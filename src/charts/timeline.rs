//! A timeline of phases (the 进度表): one row per phase, a bar from its start to its end date, its
//! status written after the bar (or, with long phase names, on the line above it), month ticks
//! (every second or third month when there are too many to label), and a dashed marker for today.

use super::{
    clamp_centre, line, open, rect, text, text_lines, text_width, tick_width, wrap, Labels, Layout,
    ASCENT, FONT, LINE, TICK_FONT, WIDTH,
};

const ROW: f64 = 28.0;
const GAP: f64 = 6.0;
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
    let top = FONT * ASCENT + 12.0;
    let mut body = String::new();
    let mut y = top;
    for p in phases {
        y = push_phase(&mut body, &sc, y, p);
    }
    let bottom = match sc.lay.labels {
        Labels::Above if !phases.is_empty() => y - GAP,
        _ => y,
    };
    let height = bottom + TICK_FONT + 12.0;
    let mut s = open(id, WIDTH, height, title, desc);
    // Label every month while the labels have room, else every second (third…) one.
    let widest = months.iter().map(|m| tick_width(&m.1)).fold(0.0, f64::max);
    let spacing = months
        .windows(2)
        .map(|w| sc.x(w[1].0) - sc.x(w[0].0))
        .fold(f64::INFINITY, f64::min);
    let stride = if spacing.is_finite() && spacing > 0.0 {
        ((widest + 8.0) / spacing).ceil().max(1.0) as usize
    } else {
        1
    };
    for (k, (day, label)) in months.iter().enumerate() {
        let mx = sc.x(*day);
        s.push_str(&line(mx, top, mx, bottom, "chart-grid"));
        if k % stride != 0 {
            continue;
        }
        let ty = bottom + TICK_FONT + 6.0;
        if mx + 2.0 + tick_width(label) > WIDTH {
            s.push_str(&text(WIDTH, ty, "end", "chart-tick", label));
        } else {
            s.push_str(&text(mx + 2.0, ty, "start", "chart-tick", label));
        }
    }
    s.push_str(&body);
    if let Some((day, label)) = today {
        if day >= sc.first && day <= sc.last {
            let tx = sc.x(day);
            s.push_str(&line(tx, top - 4.0, tx, bottom, "chart-today"));
            let lx = clamp_centre(tx, text_width(&label), 0.0, WIDTH);
            s.push_str(&text(lx, FONT * ASCENT, "middle", "chart-label", &label));
        }
    }
    s.push_str("</svg>");
    s
}

/// The layout (label column or labels above, see [`Layout`]), the width of the status column and
/// the days plotted.
struct Scale {
    lay: Layout,
    status_w: f64,
    first: i64,
    last: i64,
}

impl Scale {
    /// Fits the columns to the longest label and status, and the days to every phase and tick.
    fn new(phases: &[Phase], months: &[(i64, String)]) -> Scale {
        let status_w = phases
            .iter()
            .map(|p| text_width(&p.status))
            .fold(0.0, f64::max);
        let labels: Vec<&str> = phases.iter().map(|p| p.label.as_str()).collect();
        // Beside: label | bars | status. Above: label … status on one line, the bar under it, and
        // room on the right for the last month's label.
        let lay = Layout::new(&labels, status_w + PAD * 2.0, PAD);
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
            lay,
            status_w,
            first,
            last,
        }
    }

    /// The x coordinate of the start of a day.
    fn x(&self, day: i64) -> f64 {
        self.lay.x0 + self.lay.plot * ((day - self.first) as f64 / (self.last - self.first) as f64)
    }
}

/// Writes one phase's row from `y`: its label, its bar and its status; returns where the next row
/// starts.
fn push_phase(s: &mut String, sc: &Scale, y: f64, p: &Phase) -> f64 {
    let bar_y = match sc.lay.labels {
        Labels::Beside(lw) => {
            let mid = y + ROW / 2.0 + 5.0;
            s.push_str(&text(lw - PAD, mid, "end", "chart-label", &p.label));
            s.push_str(&text(
                sc.lay.x0 + sc.lay.plot + PAD,
                mid,
                "start",
                "chart-label",
                &p.status,
            ));
            y
        }
        Labels::Above => {
            let lines = wrap(&p.label, WIDTH - sc.lay.x0 - sc.status_w - PAD);
            s.push_str(&text_lines(
                sc.lay.x0,
                y + FONT,
                "start",
                "chart-label",
                &lines,
            ));
            s.push_str(&text(WIDTH, y + FONT, "end", "chart-label", &p.status));
            y + LINE * (lines.len() as f64 - 1.0) + FONT
        }
    };
    s.push_str(&rect(
        sc.x(p.start),
        bar_y + 5.0,
        sc.x(p.end + 1) - sc.x(p.start),
        ROW - 10.0,
        p.class,
    ));
    match sc.lay.labels {
        Labels::Beside(_) => bar_y + ROW,
        Labels::Above => bar_y + ROW + GAP,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::texts_inside;
    use super::*;

    fn phase(label: &str, start: i64, end: i64, status: &str) -> Phase {
        Phase {
            label: label.into(),
            start,
            end,
            class: "chart-phase-done",
            status: status.into(),
        }
    }

    #[test]
    fn a_year_of_months_is_labelled_without_overlap() {
        let months: Vec<(i64, String)> =
            (0..12).map(|m| (m * 30, format!("{}月", m + 1))).collect();
        let phases = vec![
            phase("宣传发动", 0, 29, "已完成"),
            phase("检查验收", 300, 359, "进行中"),
        ];
        let svg = timeline(
            "tl",
            "t",
            "d",
            &phases,
            &months,
            Some((359, "截至 12-25".into())),
        );
        assert!(svg.contains(">1月<") && !svg.contains(">2月<") && svg.contains(">3月<"));
        assert!(svg.contains(">进行中</text>"));
        texts_inside(&svg);
    }

    #[test]
    fn long_phase_names_go_above_their_bars() {
        let phases = vec![phase("企业自查自纠与整改落实情况复核", 0, 29, "计划中")];
        let svg = timeline(
            "tl",
            "t",
            "d",
            &phases,
            &[(0, "6月".into())],
            Some((0, "截至 06-01".into())),
        );
        assert!(svg.contains("text-anchor=\"start\" class=\"chart-label\">企业自查自纠"));
        texts_inside(&svg);
    }
}
