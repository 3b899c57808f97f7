//! Progress against a target: one bar per scope with the target drawn as a line, and met/unmet
//! written as text (✓ 达标 / ✗ 未达标) at the end of each bar, never by colour alone.

use super::{line, nice_max, num, open, rect, text, text_width, FONT};

const ROW: f64 = 28.0;
const PLOT: f64 = 300.0;
const PAD: f64 = 8.0;

/// One row per `(scope, value, met)`; `target` is drawn as a dashed line.
#[allow(clippy::too_many_arguments)]
pub fn against_target(
    id: &str,
    title: &str,
    desc: &str,
    unit: &str,
    target: f64,
    labels: (&str, &str),
    target_label: &str,
    rows: &[(String, f64, bool)],
) -> String {
    let label_w = rows.iter().map(|r| text_width(&r.0)).fold(0.0, f64::max) + PAD * 2.0;
    let max = nice_max(rows.iter().map(|r| r.1).fold(target, f64::max));
    let status_w = text_width(labels.0).max(text_width(labels.1)) + 24.0;
    let top = FONT + 10.0;
    let height = top + ROW * rows.len() as f64 + PAD;
    let width = label_w + PLOT + 60.0 + status_w;
    let mut s = open(id, width, height, title, desc);
    let tx = label_w + PLOT * (target / max);
    s.push_str(&text(
        tx,
        FONT,
        "middle",
        "chart-label",
        &format!("{target_label} {}{unit}", num(target)),
    ));
    for (i, (scope, value, met)) in rows.iter().enumerate() {
        let y = top + ROW * i as f64;
        let w = PLOT * (value.max(0.0) / max);
        let class = if *met { "chart-met" } else { "chart-unmet" };
        s.push_str(&text(
            label_w - PAD,
            y + ROW / 2.0 + 5.0,
            "end",
            "chart-label",
            scope,
        ));
        s.push_str(&rect(label_w, y + 4.0, w, ROW - 8.0, class));
        s.push_str(&text(
            label_w + w + 4.0,
            y + ROW / 2.0 + 5.0,
            "start",
            "chart-value",
            &format!("{}{unit}", num(*value)),
        ));
        let status = if *met {
            format!("✓ {}", labels.0)
        } else {
            format!("✗ {}", labels.1)
        };
        s.push_str(&text(
            label_w + PLOT + 60.0,
            y + ROW / 2.0 + 5.0,
            "start",
            "chart-label",
            &status,
        ));
    }
    s.push_str(&line(
        tx,
        top,
        tx,
        top + ROW * rows.len() as f64,
        "chart-target",
    ));
    s.push_str(&line(
        label_w,
        top,
        label_w,
        top + ROW * rows.len() as f64,
        "chart-axis",
    ));
    s.push_str("</svg>");
    s
}
