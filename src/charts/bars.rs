//! Horizontal bar charts: one series, grouped series, and before/after pairs. Horizontal bars keep
//! long Chinese labels readable on a phone: the label column is as wide as the widest label, and
//! when that leaves too little room for the bars each label goes on its own line above its bars.

use super::{
    c, clamp_centre, line, nice_max, num, open, rect, text, text_lines, text_width, tick_width,
    wrap, Labels, Layout, ASCENT, EDGE, FONT, LINE, TICK_FONT, WIDTH,
};

const ROW: f64 = 26.0;
const GAP: f64 = 10.0;
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
    let value = |v: f64, unit: &str| format!("{}{}", num(v), unit);
    let value_w = rows
        .iter()
        .flat_map(|r| [text_width(&value(r.1, &r.3)), text_width(&value(r.2, &r.3))])
        .fold(0.0, f64::max)
        + 6.0;
    let names: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    let lay = Layout::new(&names, value_w, value_w);
    let series = [
        (labels.0.to_string(), "chart-bar-before".to_string()),
        (labels.1.to_string(), "chart-bar-after".to_string()),
    ];
    let (legend_svg, legend_h) = legend(lay.x0, &series);
    let mut body = String::new();
    let mut top = legend_h;
    for (name, before, after, unit) in rows {
        let max = nice_max(before.abs().max(after.abs()));
        let bars_top = match lay.labels {
            Labels::Beside(w) => {
                body.push_str(&text(w - PAD, top + ROW + 4.0, "end", "chart-label", name));
                top
            }
            Labels::Above => {
                let lines = wrap(name, WIDTH - lay.x0);
                body.push_str(&text_lines(
                    lay.x0,
                    top + FONT,
                    "start",
                    "chart-label",
                    &lines,
                ));
                top + LINE * (lines.len() as f64 - 1.0) + FONT + 2.0
            }
        };
        for (k, (v, class)) in [(*before, "chart-bar-before"), (*after, "chart-bar-after")]
            .iter()
            .enumerate()
        {
            let y = bars_top + k as f64 * ROW + 4.0;
            let w = lay.plot * (v.abs() / max);
            body.push_str(&rect(lay.x0, y, w, ROW - 8.0, class));
            body.push_str(&text(
                lay.x0 + w + 4.0,
                y + ROW - 12.0,
                "start",
                "chart-value",
                &value(*v, unit),
            ));
        }
        body.push_str(&line(
            lay.x0,
            bars_top + 2.0,
            lay.x0,
            bars_top + ROW * 2.0,
            "chart-axis",
        ));
        top = bars_top + ROW * 2.0 + GAP;
    }
    let height = top - GAP + PAD;
    let mut s = open(id, WIDTH, height, title, desc);
    s.push_str(&legend_svg);
    s.push_str(&body);
    s.push_str("</svg>");
    s
}

/// The legend: a swatch and a name per named series. On one line from `x0` (above the bars) when
/// it fits there, else in as few rows of equal count as fit from the left edge (a name too long for
/// any row gets a row of its own). Returns the markup and its height (0 without named series).
fn legend(x0: f64, series: &[(String, String)]) -> (String, f64) {
    let items: Vec<(&str, &str, f64)> = series
        .iter()
        .filter(|(n, _)| !n.is_empty())
        .map(|(n, class)| (n.as_str(), class.as_str(), 16.0 + text_width(n)))
        .collect();
    if items.is_empty() {
        return (String::new(), 0.0);
    }
    let span = |chunk: &[(&str, &str, f64)]| {
        chunk.iter().map(|i| i.2).sum::<f64>() + 16.0 * (chunk.len() - 1) as f64
    };
    let (start, per_row) = if x0 + span(&items) <= WIDTH {
        (x0, items.len())
    } else {
        // The fewest rows whose equal shares (ceil(n / rows) items each) all fit.
        let n = items.len();
        let per = (2..=n)
            .map(|rows| n.div_ceil(rows))
            .find(|&per| items.chunks(per).all(|c| EDGE + span(c) <= WIDTH))
            .unwrap_or(1);
        (EDGE, per)
    };
    let mut s = String::new();
    let mut rows = 0.0;
    for (r, chunk) in items.chunks(per_row).enumerate() {
        let y = r as f64 * 22.0;
        let mut x = start;
        for (name, class, w) in chunk {
            s.push_str(&rect(x, y + 6.0, 12.0, 12.0, class));
            s.push_str(&text(x + 16.0, y + 17.0, "start", "chart-label", name));
            x += w + 16.0;
        }
        rows = r as f64;
    }
    (s, ROW + rows * 22.0)
}

fn grouped(
    id: &str,
    title: &str,
    desc: &str,
    unit: &str,
    series: &[(String, String)],
    rows: &[(String, Vec<f64>)],
) -> String {
    let max = nice_max(
        rows.iter()
            .flat_map(|r| r.1.iter().copied())
            .fold(0.0, f64::max),
    );
    let value_w = rows
        .iter()
        .flat_map(|r| r.1.iter().map(|v| text_width(&num(*v))))
        .fold(0.0, f64::max)
        + 6.0;
    let unit_w = if unit.is_empty() {
        0.0
    } else {
        tick_width(unit) + 6.0
    };
    // Room on the right for a value after the longest bar, and for the last tick (centred on the
    // end of the axis) followed by the unit.
    let right = value_w.max(tick_width(&num(max)) / 2.0 + unit_w) + 2.0;
    let labels: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    let lay = Layout::new(&labels, right, right);
    let n = series.len().max(1) as f64;
    // Tall enough for a value label beside every bar, however many series there are.
    let bar_h = if n > 1.0 { FONT + 4.0 } else { ROW - 8.0 };
    let (legend_svg, legend_h) = legend(lay.x0, series);
    // Without a legend the first row starts at the top: keep the ascent of its first text inside.
    let first_baseline = match lay.labels {
        Labels::Beside(_) => (bar_h * n / 2.0 + 5.0).min(bar_h - 4.0),
        Labels::Above => FONT,
    };
    let legend_h = legend_h.max(FONT * ASCENT - first_baseline);
    let mut body = String::new();
    let mut top = legend_h;
    for (label, values) in rows {
        let bars_top = match lay.labels {
            Labels::Beside(w) => {
                body.push_str(&text(
                    w - PAD,
                    top + bar_h * n / 2.0 + 5.0,
                    "end",
                    "chart-label",
                    label,
                ));
                top
            }
            Labels::Above => {
                let lines = wrap(label, WIDTH - lay.x0);
                body.push_str(&text_lines(
                    lay.x0,
                    top + FONT,
                    "start",
                    "chart-label",
                    &lines,
                ));
                let bars_top = top + LINE * (lines.len() as f64 - 1.0) + FONT + 4.0;
                body.push_str(&line(
                    lay.x0,
                    bars_top,
                    lay.x0,
                    bars_top + bar_h * n,
                    "chart-axis",
                ));
                bars_top
            }
        };
        for (k, v) in values.iter().enumerate() {
            let class = series.get(k).map(|x| x.1.as_str()).unwrap_or("chart-bar");
            let y = bars_top + bar_h * k as f64;
            let w = lay.plot * (v.max(0.0) / max);
            body.push_str(&rect(lay.x0, y, w, bar_h - 1.0, class));
            body.push_str(&text(
                lay.x0 + w + 4.0,
                y + bar_h - 4.0,
                "start",
                "chart-value",
                &num(*v),
            ));
        }
        top = bars_top + bar_h * n + GAP;
    }
    let axis_y = top;
    let height = axis_y + TICK_FONT + 10.0 + PAD;
    let mut s = open(id, WIDTH, height, title, desc);
    s.push_str(&legend_svg);
    s.push_str(&body);
    if let Labels::Beside(_) = lay.labels {
        s.push_str(&line(lay.x0, legend_h, lay.x0, axis_y, "chart-axis"));
    }
    s.push_str(&line(
        lay.x0,
        axis_y,
        lay.x0 + lay.plot,
        axis_y,
        "chart-axis",
    ));
    let step = tick_step(max);
    let ticks = (max / step).round().max(1.0) as usize;
    // Every tick is labelled while the labels have room; else every second (third…) one.
    let widest = (0..=ticks)
        .map(|k| tick_width(&num(step * k as f64)))
        .fold(0.0, f64::max);
    let spacing = lay.plot / ticks as f64;
    let stride = ((widest + 6.0) / spacing).ceil().max(1.0) as usize;
    for k in (0..=ticks).filter(|k| k % stride == 0) {
        let v = step * k as f64;
        let label = num(v);
        let x = clamp_centre(
            lay.x0 + lay.plot * (v / max),
            tick_width(&label),
            0.0,
            WIDTH - unit_w,
        );
        s.push_str(&text(
            x,
            axis_y + TICK_FONT + 4.0,
            "middle",
            "chart-tick",
            &label,
        ));
    }
    if !unit.is_empty() {
        s.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" class=\"chart-tick\">{}</text>",
            c(WIDTH - unit_w + 4.0),
            c(axis_y + TICK_FONT + 4.0),
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
    use super::super::tests::texts_inside;
    use super::*;

    #[test]
    fn round_ticks() {
        assert_eq!(super::tick_step(5.0), 1.0);
        assert_eq!(super::tick_step(100.0), 20.0);
        assert_eq!(super::tick_step(250.0), 50.0);
        assert_eq!(super::tick_step(1.0), 0.2);
    }

    #[test]
    fn short_labels_sit_beside_the_bars() {
        let rows: Vec<(String, f64)> = (1..=12)
            .map(|m| (format!("2024-{m:02}"), 100.0 + m as f64 * 20.0))
            .collect();
        let svg = bar("b", "t", "d", "人次", &rows);
        assert!(svg.contains("viewBox=\"0 0 384.0 "));
        assert!(svg.contains("text-anchor=\"end\" class=\"chart-label\">2024-01<"));
        texts_inside(&svg);
    }

    #[test]
    fn long_labels_go_above_the_bars() {
        let rows = vec![
            (
                "原料进货查验记录完整率（按批次计）".to_string(),
                40.0,
                100.0,
                "%".to_string(),
            ),
            ("标签和添加剂问题项".to_string(), 9.0, 0.0, "项".to_string()),
        ];
        let svg = before_after("ba", "t", "d", ("实施前", "实施后"), &rows);
        assert!(svg.contains("text-anchor=\"start\" class=\"chart-label\">原料进货查验记录完整率"));
        assert!(svg.contains(">100%</text>"));
        texts_inside(&svg);
        let long: String = "一二三四五六七八九十".repeat(4);
        let svg = bar("b", "t", "d", "", &[(long, 3.0)]);
        assert!(svg.contains("<tspan"), "a label wider than the chart wraps");
        texts_inside(&svg);
    }

    #[test]
    fn a_wide_legend_wraps() {
        let series: Vec<(String, String)> = ["A", "B", "C", "D", "E"]
            .iter()
            .enumerate()
            .map(|(i, g)| (format!("风险等级 {g}"), format!("chart-series-{}", i + 1)))
            .collect();
        let rows = vec![("浦东新区".to_string(), vec![2.0, 3.0, 4.0, 1.0, 0.0])];
        let svg = grouped_bar("g", "t", "d", "", &series, &rows);
        texts_inside(&svg);
    }
}
