//! Charts as inline SVG, made at build time: no JavaScript, no external font, no request.
//!
//! Written here rather than with a plotting crate because labels are Chinese: each label is laid out
//! by its real width (CJK characters are full-width, about 1 em; Latin letters and digits about
//! 0.6 em), and every chart carries `<title>` and `<desc>` for screen readers. Colours come from CSS
//! classes (`chart-…`) so the theme styles them and print stays legible; templates put a table with the
//! same figures beside each chart. Output is deterministic: numbers are formatted with fixed precision.

mod bars;
mod progress;
mod timeline;

pub use bars::{bar, before_after, grouped_bar};
pub use progress::against_target;
pub use timeline::{timeline, Phase};

use crate::html::escape;

/// Font size used for labels, in SVG user units.
pub const FONT: f64 = 14.0;

/// The width of `text` in ems: 1 for full-width (CJK) characters, 0.6 otherwise.
pub fn text_em(text: &str) -> f64 {
    text.chars()
        .map(|c| {
            if crate::markdown::cjk::is_cjk(c) || (c as u32) >= 0x1100 && !c.is_ascii() {
                1.0
            } else if c == ' ' {
                0.3
            } else {
                0.6
            }
        })
        .sum()
}

/// The width of `text` in user units at [`FONT`].
pub fn text_width(text: &str) -> f64 {
    text_em(text) * FONT
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
mod tests {
    use super::*;

    #[test]
    fn chinese_is_wider_than_latin() {
        assert_eq!(text_em("培训率"), 3.0);
        assert!((text_em("HACCP") - 3.0).abs() < 1e-9);
        assert!(text_width("追溯二维码赋码率") > text_width("QR code rate"));
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
