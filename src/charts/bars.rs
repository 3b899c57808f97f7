//! Horizontal bar charts: one series, grouped series, and before/after pairs. Horizontal bars keep
//! long Chinese labels readable on a phone: the label column is as wide as the widest label.

use super::{c, line, nice_max, num, open, rect, text, text_width, FONT};

const ROW: f64 = 26.0;
const GAP: f64 = 10.0;
const PLOT: f64 = 320.0;
const PAD: f64 = 8.0;

/// One bar per `(label, value)`.
pub fn bar(id: &str, title: &str, desc: &str, unit: &str, rows: &[(String, f64)]) -> String {
    let series = vec![(String::new(), "chart-bar".to_string())];
    let rows: Vec<(String, Vec<f64>)> = rows.iter().map(|(l, v)| (l.clone(), vec![*v])).collect();
    grouped(id, title, desc, unit, &series, &rows)
}

/// Several bars per label, one per series (`(name, css class)`), with a legend.
pub fn grouped_bar(
    id: &str,
    title: &str,
    desc: &str,
    unit: &str,
    series: &[(String, String)],
    rows: &[(String, Vec<f64>)],
) -> String {
    grouped(id, title, desc, unit, series, rows)
}

/// Before/after pairs, one pair per metric, each scaled to its own maximum (metrics have
/// different units); values are printed at the end of each bar.
pub fn before_after(
    id: &str,
    title: &str,
    desc: &str,
    labels: (&str, &str),
    rows: &[(String, f64, f64, String)],
) -> String {
    let label_w = rows.iter().map(|r| text_width(&r.0)).fold(0.0, f64::max) + PAD * 2.0;
    let legend_h = ROW;
    let block = ROW * 2.0 + GAP;
    let height = legend_h + block * rows.len() as f64 + PAD;
    let width = label_w + PLOT + 90.0;
    let mut s = open(id, width, height, title, desc);
    s.push_str(&legend(
        label_w,
        &[
            (labels.0.to_string(), "chart-bar-before".to_string()),
            (labels.1.to_string(), "chart-bar-after".to_string()),
        ],
    ));
    for (i, (name, before, after, unit)) in rows.iter().enumerate() {
        let top = legend_h + block * i as f64;
        let max = nice_max(before.abs().max(after.abs()));
        s.push_str(&text(
            label_w - PAD,
            top + ROW + 4.0,
            "end",
            "chart-label",
            name,
        ));
        for (k, (v, class)) in [(*before, "chart-bar-before"), (*after, "chart-bar-after")]
            .iter()
            .enumerate()
        {
            let y = top + k as f64 * ROW + 4.0;
            let w = PLOT * (v.abs() / max);
            s.push_str(&rect(label_w, y, w, ROW - 8.0, class));
            let value = format!("{}{}", num(*v), unit);
            s.push_str(&text(
                label_w + w + 4.0,
                y + ROW - 12.0,
                "start",
                "chart-value",
                &value,
            ));
        }
        s.push_str(&line(label_w, top, label_w, top + ROW * 2.0, "chart-axis"));
    }
    s.push_str("</svg>");
    s
}

fn legend(x0: f64, series: &[(String, String)]) -> String {
    let mut s = String::new();
    let mut x = x0;
    for (name, class) in series.iter().filter(|(n, _)| !n.is_empty()) {
        s.push_str(&rect(x, 6.0, 12.0, 12.0, class));
        s.push_str(&text(x + 16.0, 17.0, "start", "chart-label", name));
        x += 16.0 + text_width(name) + 16.0;
    }
    s
}

fn grouped(
    id: &str,
    title: &str,
    desc: &str,
    unit: &str,
    series: &[(String, String)],
    rows: &[(String, Vec<f64>)],
) -> String {
    let label_w = rows.iter().map(|r| text_width(&r.0)).fold(0.0, f64::max) + PAD * 2.0;
    let max = nice_max(
        rows.iter()
            .flat_map(|r| r.1.iter().copied())
            .fold(0.0, f64::max),
    );
    let n = series.len().max(1) as f64;
    // Tall enough for a value label beside every bar, however many series there are.
    let bar_h = if n > 1.0 { FONT + 4.0 } else { ROW - 8.0 };
    let block = bar_h * n + GAP;
    let legend_h = if series.iter().any(|s| !s.0.is_empty()) {
        ROW
    } else {
        0.0
    };
    let axis_h = FONT + 10.0;
    let height = legend_h + block * rows.len() as f64 + axis_h + PAD;
    let width = label_w + PLOT + 70.0;
    let mut s = open(id, width, height, title, desc);
    s.push_str(&legend(label_w, series));
    for (i, (label, values)) in rows.iter().enumerate() {
        let top = legend_h + block * i as f64;
        s.push_str(&text(
            label_w - PAD,
            top + bar_h * n / 2.0 + 5.0,
            "end",
            "chart-label",
            label,
        ));
        for (k, v) in values.iter().enumerate() {
            let class = series.get(k).map(|x| x.1.as_str()).unwrap_or("chart-bar");
            let y = top + bar_h * k as f64;
            let w = PLOT * (v.max(0.0) / max);
            s.push_str(&rect(label_w, y, w, bar_h - 1.0, class));
            s.push_str(&text(
                label_w + w + 4.0,
                y + bar_h - 4.0,
                "start",
                "chart-value",
                &num(*v),
            ));
        }
    }
    let axis_y = legend_h + block * rows.len() as f64;
    s.push_str(&line(label_w, legend_h, label_w, axis_y, "chart-axis"));
    s.push_str(&line(label_w, axis_y, label_w + PLOT, axis_y, "chart-axis"));
    let step = tick_step(max);
    let ticks = (max / step).round() as usize;
    for k in 0..=ticks {
        let v = step * k as f64;
        let x = label_w + PLOT * (v / max);
        s.push_str(&text(
            x,
            axis_y + FONT + 4.0,
            "middle",
            "chart-tick",
            &num(v),
        ));
    }
    if !unit.is_empty() {
        s.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" class=\"chart-tick\">{}</text>",
            c(label_w + PLOT + 8.0),
            c(axis_y + FONT + 4.0),
            crate::html::escape(unit)
        ));
    }
    s.push_str("</svg>");
    s
}

/// A tick step that divides `max` into at most five round steps (5 -> 1, 100 -> 20, 250 -> 50).
fn tick_step(max: f64) -> f64 {
    let p = 10f64.powf(max.log10().floor() - 1.0);
    for m in [1.0, 2.0, 2.5, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0] {
        let step = m * p;
        let n = max / step;
        if n <= 5.0 + 1e-9 && (n - n.round()).abs() < 1e-9 {
            return step;
        }
    }
    max / 4.0
}

#[cfg(test)]
mod tests {
    #[test]
    fn round_ticks() {
        assert_eq!(super::tick_step(5.0), 1.0);
        assert_eq!(super::tick_step(100.0), 20.0);
        assert_eq!(super::tick_step(250.0), 50.0);
        assert_eq!(super::tick_step(1.0), 0.2);
    }
}
