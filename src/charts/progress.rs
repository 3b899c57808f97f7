//! Progress against a target: one bar per scope with the target drawn as a line, and met/unmet
//! written as text (✓ 达标 / ✗ 未达标) at the end of each row, never by colour alone.

use super::{
    clamp_centre, line, nice_max, num, open, rect, text, text_lines, text_width, wrap, Labels,
    Layout, ASCENT, FONT, LINE, WIDTH,
};

const ROW: f64 = 28.0;
const GAP: f64 = 8.0;
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
    let max = nice_max(rows.iter().map(|r| r.1).fold(target, f64::max));
    let status = |met: bool| {
        if met {
            format!("✓ {}", labels.0)
        } else {
            format!("✗ {}", labels.1)
        }
    };
    let status_w = text_width(&status(true)).max(text_width(&status(false)));
    let value_w = rows
        .iter()
        .map(|r| text_width(&format!("{}{unit}", num(r.1))))
        .fold(0.0, f64::max)
        + 6.0;
    let scopes: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    // Beside: label | bar | value | status. Above: label … status on one line, the bar under it.
    let lay = Layout::new(&scopes, value_w + PAD + status_w, value_w);
    let top = FONT * ASCENT + 10.0;
    let mut body = String::new();
    let mut y = top;
    for (scope, value, met) in rows {
        let w = lay.plot * (value.max(0.0) / max);
        let class = if *met { "chart-met" } else { "chart-unmet" };
        let bar_y = match lay.labels {
            Labels::Beside(lw) => {
                let mid = y + ROW / 2.0 + 5.0;
                body.push_str(&text(lw - PAD, mid, "end", "chart-label", scope));
                body.push_str(&text(
                    WIDTH - status_w,
                    mid,
                    "start",
                    "chart-label",
                    &status(*met),
                ));
                y
            }
            Labels::Above => {
                let lines = wrap(scope, WIDTH - lay.x0 - status_w - PAD);
                body.push_str(&text_lines(
                    lay.x0,
                    y + FONT,
                    "start",
                    "chart-label",
                    &lines,
                ));
                body.push_str(&text(WIDTH, y + FONT, "end", "chart-label", &status(*met)));
                y + LINE * (lines.len() as f64 - 1.0) + FONT
            }
        };
        body.push_str(&rect(lay.x0, bar_y + 4.0, w, ROW - 8.0, class));
        body.push_str(&text(
            lay.x0 + w + 4.0,
            bar_y + ROW / 2.0 + 5.0,
            "start",
            "chart-value",
            &format!("{}{unit}", num(*value)),
        ));
        y = bar_y + ROW;
        if let Labels::Above = lay.labels {
            body.push_str(&line(
                lay.x0,
                bar_y + 2.0,
                lay.x0,
                bar_y + ROW - 2.0,
                "chart-axis",
            ));
            y += GAP;
        }
    }
    let bottom = match lay.labels {
        Labels::Above if !rows.is_empty() => y - GAP,
        _ => y,
    };
    let height = bottom + PAD;
    let mut s = open(id, WIDTH, height, title, desc);
    let tx = lay.x0 + lay.plot * (target / max);
    let target_text = format!("{target_label} {}{unit}", num(target));
    s.push_str(&text(
        clamp_centre(tx, text_width(&target_text), 0.0, WIDTH),
        FONT * ASCENT,
        "middle",
        "chart-label",
        &target_text,
    ));
    s.push_str(&body);
    s.push_str(&line(tx, top, tx, bottom, "chart-target"));
    if let Labels::Beside(_) = lay.labels {
        s.push_str(&line(lay.x0, top, lay.x0, bottom, "chart-axis"));
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::super::tests::texts_inside;
    use super::*;

    fn rows(names: &[&str]) -> Vec<(String, f64, bool)> {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.to_string(), 100.0 - i as f64 * 15.0, i % 2 == 0))
            .collect()
    }

    #[test]
    fn districts_fit_beside_the_bars() {
        let svg = against_target(
            "t",
            "t",
            "d",
            "%",
            90.0,
            ("达标", "未达标"),
            "目标",
            &rows(&["宝山区", "浦东新区", "全市"]),
        );
        assert!(svg.contains("text-anchor=\"end\" class=\"chart-label\">浦东新区<"));
        assert!(svg.contains(">100%</text>") && svg.contains(">✗ 未达标</text>"));
        texts_inside(&svg);
    }

    #[test]
    fn long_scopes_go_above_their_bars() {
        let svg = against_target(
            "t",
            "t",
            "d",
            "%",
            100.0,
            ("达标", "未达标"),
            "目标值",
            &rows(&["追溯二维码赋码率较长的范围", "全市"]),
        );
        assert!(svg.contains("text-anchor=\"start\" class=\"chart-label\">追溯二维码"));
        texts_inside(&svg);
    }
}
