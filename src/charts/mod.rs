//! Charts as inline SVG, made at build time: no JavaScript, no external font, no request.
//!
//! Written here rather than with a plotting crate because labels are Chinese: each label is laid out
//! by its width (CJK characters are full-width, 1 em; Latin letters, digits and signs are measured
//! generously, as wide as in the widest common fallback font, so that no label runs past its box), and
//! every chart carries `<title>` and `<desc>` for screen readers. Colours come from CSS classes
//! (`chart-…`) so the theme styles them and print stays legible; templates put a table with the same
//! figures beside each chart. Output is deterministic: numbers are formatted with fixed precision.
//!
//! Every chart is laid out in the same width, [`WIDTH`] user units, the width that still shows a
//! [`FONT`] label at 12 CSS px (and a tick at 11 px) in the 328-px column of a 360-px phone. A chart
//! whose label column would leave too little room for its bars puts each label on a line of its own
//! above its bars (the "stacked" layout) instead of shrinking the text; a label longer than the width
//! wraps onto more lines.

mod bars;
mod progress;
mod timeline;

pub use bars::{bar, before_after, grouped_bar};
pub use progress::against_target;
pub use timeline::{timeline, Phase};

use crate::html::escape;

/// Font size used for labels, in SVG user units.
pub const FONT: f64 = 14.0;

/// Font size of axis ticks (months, numbers under the axis), in SVG user units; the theme's
/// `.chart-tick` rule uses the same size.
pub const TICK_FONT: f64 = 13.0;

/// The width every chart is laid out in, in user units (its viewBox width).
pub const WIDTH: f64 = 384.0;

/// The least room for the bars beside a label column; with less, labels go above their bars.
const MIN_PLOT: f64 = 160.0;

/// The height of one line of a wrapped label.
const LINE: f64 = FONT * 1.3;

/// How far a line of text reaches above its baseline, in ems, in a CJK font (Noto Sans CJK and
/// PingFang reach about 1.16 em; Latin fonts less): the first baseline of a chart is at least this
/// far from its top.
const ASCENT: f64 = 1.2;

/// The width of one character in ems. CJK and other full-width characters (and symbols such as
/// ✓ ✗ – that CJK fonts draw full-width) are 1 em; the rest are measured as in a wide sans-serif
/// (DejaVu Sans, the usual fallback), a little above their width in PingFang, Noto or Roboto.
fn char_em(c: char) -> f64 {
    if crate::markdown::cjk::is_cjk(c) || (c as u32) >= 0x1100 {
        return 1.0;
    }
    match c {
        ' ' | '.' | ',' | ':' | ';' | '!' | '|' | '\'' | 'i' | 'j' | 'l' => 0.34,
        '-' | '(' | ')' | '[' | ']' | '/' | 'f' | 't' | 'r' | 'I' => 0.42,
        '0'..='9' => 0.64,
        'm' | 'w' | 'M' | 'W' | '@' => 1.0,
        '%' => 0.96,
        '+' | '=' | '<' | '>' | '~' | '#' | '&' => 0.84,
        'A'..='Z' => 0.74,
        'a'..='z' => 0.62,
        _ => 0.64,
    }
}

/// The width of `text` in ems (see [`char_em`]).
pub fn text_em(text: &str) -> f64 {
    text.chars().map(char_em).sum()
}

/// The width of `text` in user units at [`FONT`].
pub fn text_width(text: &str) -> f64 {
    text_em(text) * FONT
}

/// The width of a tick label in user units at [`TICK_FONT`].
fn tick_width(text: &str) -> f64 {
    text_em(text) * TICK_FONT
}

/// Breaks `text` into lines no wider than `max` user units at [`FONT`]: between any two CJK
/// characters, at a space, and inside a Latin word or number only when the word alone is too wide.
/// Closing punctuation (，。、）etc.) never starts a line.
fn wrap(text: &str, max: f64) -> Vec<String> {
    // Units that never break inside: a run of ASCII letters and digits (with its trailing spaces),
    // or any other single character, to which following closing punctuation is glued.
    let mut units: Vec<String> = Vec::new();
    for ch in text.chars() {
        let glue = match units.last() {
            None => false,
            Some(last) => {
                let prev = last.chars().last().unwrap_or(' ');
                let word =
                    |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '%' | '-' | '_');
                (word(ch) && word(prev))
                    || (ch == ' ' && prev != ' ')
                    || "，。、；：！？）》」』】,.;:!?)%".contains(ch)
            }
        };
        match units.last_mut() {
            Some(last) if glue => last.push(ch),
            _ => units.push(ch.to_string()),
        }
    }
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for unit in units {
        let joined = format!("{cur}{unit}");
        if cur.is_empty() || text_width(joined.trim_end()) <= max {
            cur = joined;
            continue;
        }
        lines.push(cur.trim_end().to_string());
        cur = unit;
    }
    if !cur.trim().is_empty() || lines.is_empty() {
        lines.push(cur.trim_end().to_string());
    }
    // A single unit wider than the line (a long number or word) is cut by character.
    let mut out = Vec::new();
    for l in lines {
        if text_width(&l) <= max {
            out.push(l);
            continue;
        }
        let mut part = String::new();
        for ch in l.chars() {
            if !part.is_empty() && text_width(&format!("{part}{ch}")) > max {
                out.push(std::mem::take(&mut part));
            }
            part.push(ch);
        }
        if !part.is_empty() {
            out.push(part);
        }
    }
    out
}

/// The x at which to anchor a text of width `w` meant to sit centred on `x`, kept inside
/// `[lo, hi]` (returned as the centre, for `text-anchor="middle"`).
fn clamp_centre(x: f64, w: f64, lo: f64, hi: f64) -> f64 {
    if hi - lo <= w {
        return (lo + hi) / 2.0;
    }
    x.max(lo + w / 2.0).min(hi - w / 2.0)
}

/// A number with at most one decimal, without a trailing `.0`.
pub fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if (r - r.trunc()).abs() < 1e-9 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// Fixed-precision coordinate.
fn c(v: f64) -> String {
    format!("{:.1}", (v * 10.0).round() / 10.0)
}

/// Opens an `<svg>` with its accessible title and description; `id` must be unique on the page.
fn open(id: &str, width: f64, height: f64, title: &str, desc: &str) -> String {
    format!(
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"100%\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" font-size=\"{}\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        c(width),
        c(height),
        FONT,
        escape(title),
        escape(desc),
    )
}

fn text(x: f64, y: f64, anchor: &str, class: &str, s: &str) -> String {
    format!(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" class=\"{class}\">{}</text>",
        c(x),
        c(y),
        escape(s)
    )
}

/// A label of one or more lines (from [`wrap`]): the first baseline at `y`, one [`LINE`] apart.
fn text_lines(x: f64, y: f64, anchor: &str, class: &str, lines: &[String]) -> String {
    if lines.len() <= 1 {
        return text(
            x,
            y,
            anchor,
            class,
            lines.first().map(String::as_str).unwrap_or(""),
        );
    }
    let mut s = format!(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" class=\"{class}\">",
        c(x),
        c(y)
    );
    for (i, l) in lines.iter().enumerate() {
        let dy = if i == 0 {
            String::new()
        } else {
            format!(" dy=\"{}\"", c(LINE))
        };
        s.push_str(&format!("<tspan x=\"{}\"{dy}>{}</tspan>", c(x), escape(l)));
    }
    s.push_str("</text>");
    s
}

fn rect(x: f64, y: f64, w: f64, h: f64, class: &str) -> String {
    format!(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" class=\"{class}\"/>",
        c(x),
        c(y),
        c(w.max(0.0)),
        c(h.max(0.0))
    )
}

fn line(x1: f64, y1: f64, x2: f64, y2: f64, class: &str) -> String {
    format!(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" class=\"{class}\"/>",
        c(x1),
        c(y1),
        c(x2),
        c(y2)
    )
}

/// Where a chart's labels go: in a column of the given width beside the bars, or each on its own
/// line(s) above its bars.
enum Labels {
    Beside(f64),
    Above,
}

/// The horizontal layout of a bar chart: where the bars start, how long the longest can be, and
/// where the labels go.
struct Layout {
    x0: f64,
    plot: f64,
    labels: Labels,
}

impl Layout {
    /// Labels beside the bars when a column as wide as the widest label still leaves [`MIN_PLOT`]
    /// for the bars and `right_beside` for what follows them (values, status); else labels above,
    /// the bars from the left edge and `right_above` kept free on the right.
    fn new(labels: &[&str], right_beside: f64, right_above: f64) -> Layout {
        let label_w = labels.iter().map(|l| text_width(l)).fold(0.0, f64::max) + 16.0;
        let plot = WIDTH - label_w - right_beside;
        if plot >= MIN_PLOT {
            Layout {
                x0: label_w,
                plot,
                labels: Labels::Beside(label_w),
            }
        } else {
            Layout {
                x0: EDGE,
                plot: WIDTH - EDGE - right_above,
                labels: Labels::Above,
            }
        }
    }
}

/// The left margin in the stacked layout: room for half the axis line's stroke.
const EDGE: f64 = 2.0;

/// A "nice" upper bound for an axis: 1, 2, 2.5 or 5 times a power of ten, at least `max`.
fn nice_max(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let p = 10f64.powf(max.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if m * p >= max {
            return m * p;
        }
    }
    10.0 * p
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn attr(tag: &str, name: &str) -> Option<String> {
        let key = format!(" {name}=\"");
        let start = tag.find(&key)? + key.len();
        Some(tag[start..].split('"').next()?.to_string())
    }

    fn unescape(s: &str) -> String {
        s.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    /// Asserts that every `<text>` (and `<tspan>`) of `svg` lies inside its viewBox, by the same
    /// width estimate the layout uses.
    pub(crate) fn texts_inside(svg: &str) {
        let vb = attr(svg, "viewBox").expect("viewBox");
        let vb: Vec<f64> = vb.split(' ').map(|x| x.parse().unwrap()).collect();
        let (w, h) = (vb[2], vb[3]);
        assert!(w <= WIDTH + 1e-9, "chart wider than WIDTH: {w}");
        for piece in svg.split("<text ").skip(1) {
            let (tag, rest) = piece.split_once('>').unwrap();
            let tag = &format!(" {tag}");
            let body = rest.split("</text>").next().unwrap();
            let x = attr(tag, "x").unwrap().parse::<f64>().unwrap();
            let mut y = attr(tag, "y").unwrap().parse::<f64>().unwrap();
            let anchor = attr(tag, "text-anchor").unwrap_or_else(|| "start".into());
            let size = if tag.contains("chart-tick") {
                TICK_FONT
            } else {
                FONT
            };
            let mut lines: Vec<(f64, f64, String)> = Vec::new();
            if body.contains("<tspan") {
                for t in body.split("<tspan").skip(1) {
                    let (ttag, trest) = t.split_once('>').unwrap();
                    let ttag = &format!(" {ttag}");
                    let tx = attr(ttag, "x").map(|v| v.parse().unwrap()).unwrap_or(x);
                    y += attr(ttag, "dy").map(|v| v.parse().unwrap()).unwrap_or(0.0);
                    lines.push((tx, y, unescape(trest.split("</tspan>").next().unwrap())));
                }
            } else {
                lines.push((x, y, unescape(body)));
            }
            for (lx, ly, s) in lines {
                let tw = text_em(&s) * size;
                let left = match anchor.as_str() {
                    "middle" => lx - tw / 2.0,
                    "end" => lx - tw,
                    _ => lx,
                };
                assert!(
                    left >= -0.5 && left + tw <= w + 0.5,
                    "{s:?} spans x {left:.1}..{:.1}, outside 0..{w}",
                    left + tw
                );
                assert!(
                    ly - size * 1.16 >= -0.5 && ly + size * 0.3 <= h + 0.5,
                    "{s:?} at y {ly}, outside 0..{h}"
                );
            }
        }
    }

    #[test]
    fn chinese_is_wider_than_latin() {
        assert_eq!(text_em("培训率"), 3.0);
        assert!((text_em("HACCP") - 5.0 * 0.74).abs() < 1e-9);
        assert!(text_width("追溯二维码赋码率") > text_width("QR code rate"));
        // Wide enough for DejaVu Sans, the widest usual fallback (digits 0.636 em, % 0.95 em).
        assert!(text_em("100%") >= 3.0 * 0.636 + 0.95);
        assert_eq!(text_em("✓ 达标"), 1.0 + 0.34 + 2.0);
    }

    #[test]
    fn labels_wrap_to_the_width() {
        assert_eq!(wrap("宝山区", 100.0), vec!["宝山区"]);
        let lines = wrap("追溯二维码赋码率较长的范围", 5.0 * FONT);
        assert_eq!(lines, vec!["追溯二维码", "赋码率较长", "的范围"]);
        // Closing punctuation stays with the character before it; Latin words stay whole.
        assert_eq!(wrap("甲乙丙，丁", 3.0 * FONT), vec!["甲乙", "丙，丁"]);
        assert_eq!(wrap("HACCP 体系", 4.0 * FONT), vec!["HACCP", "体系"]);
        for l in wrap("一二三四五六七八九十一二三四五六七八九十", WIDTH) {
            assert!(text_width(&l) <= WIDTH);
        }
        assert_eq!(wrap("", 50.0), vec![""]);
    }

    #[test]
    fn centred_labels_stay_inside() {
        assert_eq!(clamp_centre(380.0, 40.0, 0.0, WIDTH), WIDTH - 20.0);
        assert_eq!(clamp_centre(5.0, 40.0, 0.0, WIDTH), 20.0);
        assert_eq!(clamp_centre(100.0, 40.0, 0.0, WIDTH), 100.0);
    }

    #[test]
    fn numbers_and_axes() {
        assert_eq!(num(96.5), "96.5");
        assert_eq!(num(100.0), "100");
        assert_eq!(num(1.04), "1");
        assert_eq!(nice_max(96.5), 100.0);
        assert_eq!(nice_max(230.0), 250.0);
        assert_eq!(nice_max(0.0), 1.0);
    }
}
