//! The character classes of the CJK-friendly emphasis amendment (markdown-cjk-friendly,
//! `specification.md` and `ranges.md`, Unicode 17), and its flanking rules.
//!
//! A CJK character has East Asian Width W, F or H and is not an emoji by default, or is Hangul; CJK
//! punctuation is punctuation that is also CJK (`，。：、（）《》`), every other punctuation (ASCII,
//! `“”‘’—…·`) is non-CJK. A variation selector belongs to the character before it, and `“` or `”`
//! followed by U+FE01 is full-width, hence CJK punctuation.

/// The CJK characters, from the amendment's `ranges.md` (Unicode 17), sorted.
const CJK: &[(u32, u32)] = &[
    (0x1100, 0x11FF),
    (0x20A9, 0x20A9),
    (0x2329, 0x232A),
    (0x2630, 0x2637),
    (0x268A, 0x268F),
    (0x2E80, 0x2E99),
    (0x2E9B, 0x2EF3),
    (0x2F00, 0x2FD5),
    (0x2FF0, 0x303E),
    (0x3041, 0x3096),
    (0x3099, 0x30FF),
    (0x3105, 0x312F),
    (0x3131, 0x318E),
    (0x3190, 0x31E5),
    (0x31EF, 0x321E),
    (0x3220, 0x3247),
    (0x3250, 0xA48C),
    (0xA490, 0xA4C6),
    (0xA960, 0xA97C),
    (0xAC00, 0xD7A3),
    (0xD7B0, 0xD7C6),
    (0xD7CB, 0xD7FB),
    (0xF900, 0xFAFF),
    (0xFE10, 0xFE19),
    (0xFE30, 0xFE52),
    (0xFE54, 0xFE66),
    (0xFE68, 0xFE6B),
    (0xFF01, 0xFFBE),
    (0xFFC2, 0xFFC7),
    (0xFFCA, 0xFFCF),
    (0xFFD2, 0xFFD7),
    (0xFFDA, 0xFFDC),
    (0xFFE0, 0xFFE6),
    (0xFFE8, 0xFFEE),
    (0x16FE0, 0x16FE4),
    (0x16FF0, 0x16FF6),
    (0x17000, 0x18CD5),
    (0x18CFF, 0x18D1E),
    (0x18D80, 0x18DF2),
    (0x1AFF0, 0x1AFF3),
    (0x1AFF5, 0x1AFFB),
    (0x1AFFD, 0x1AFFE),
    (0x1B000, 0x1B122),
    (0x1B132, 0x1B132),
    (0x1B150, 0x1B152),
    (0x1B155, 0x1B155),
    (0x1B164, 0x1B167),
    (0x1B170, 0x1B2FB),
    (0x1D300, 0x1D356),
    (0x1D360, 0x1D376),
    (0x1F200, 0x1F200),
    (0x1F202, 0x1F202),
    (0x1F210, 0x1F219),
    (0x1F21B, 0x1F22E),
    (0x1F230, 0x1F231),
    (0x1F237, 0x1F237),
    (0x1F23B, 0x1F23B),
    (0x1F240, 0x1F248),
    (0x1F260, 0x1F265),
    (0x20000, 0x3FFFD),
];

pub fn is_cjk(c: char) -> bool {
    let c = c as u32;
    CJK.binary_search_by(|&(lo, hi)| {
        if hi < c {
            std::cmp::Ordering::Less
        } else if lo > c {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    })
    .is_ok()
}

/// A standardized variation selector other than the emoji one (U+FE00 to U+FE0E).
fn is_svs(c: char) -> bool {
    ('\u{FE00}'..='\u{FE0E}').contains(&c)
}

/// An ideographic variation selector (U+E0100 to U+E01EF).
fn is_ivs(c: char) -> bool {
    ('\u{E0100}'..='\u{E01EF}').contains(&c)
}

/// Combining marks, format and control characters: neither letters nor punctuation.
fn is_mark_or_format(c: char) -> bool {
    c.is_control()
        || matches!(c as u32,
            0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF
            | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x20D0..=0x20FF
            | 0x3099..=0x309A | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F | 0xFEFF | 0xE0000..=0xE007F
            | 0xE0100..=0xE01EF)
}

/// A Unicode punctuation character in CommonMark's sense (general category P or S), near enough:
/// not a letter, digit, space, mark or format character.
pub fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || (!c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace() && !is_mark_or_format(c))
}

/// What a delimiter run follows: the character before it, looking through a variation selector.
#[derive(Clone, Copy, Debug, Default)]
pub struct Before {
    /// The character (the one before the selector, if any); `None` at the start of the text.
    pub base: Option<char>,
    /// A standardized variation selector came between it and the run.
    pub svs: bool,
}

impl Before {
    /// Reads what precedes the end of `text`.
    pub fn of(text: &str) -> Before {
        let mut chars = text.chars().rev();
        match chars.next() {
            Some(c) if is_svs(c) => Before {
                base: chars.next(),
                svs: true,
            },
            other => Before {
                base: other,
                svs: false,
            },
        }
    }

    pub fn char(c: Option<char>) -> Before {
        Before {
            base: c,
            svs: false,
        }
    }

    fn whitespace(self) -> bool {
        self.base.is_none_or(char::is_whitespace)
    }

    fn punct(self) -> bool {
        self.base.is_some_and(is_punct)
    }

    /// `“︁` and friends: ambiguous-width quotes made full-width by U+FE01.
    fn full_width_quote(self) -> bool {
        self.svs
            && matches!(
                self.base,
                Some('\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}')
            )
    }

    fn non_cjk_punct(self) -> bool {
        self.base.is_some_and(|c| is_punct(c) && !is_cjk(c)) && !self.full_width_quote()
    }

    fn cjk(self) -> bool {
        self.base.is_some_and(|c| is_cjk(c) || is_ivs(c)) || self.full_width_quote()
    }
}

/// Whether a run between `before` and `next` touches CJK text (only those are re-paired).
pub fn touches(before: Before, next: Option<char>) -> bool {
    before.cjk() || next.is_some_and(is_cjk)
}

/// Left- and right-flanking, as the amendment defines them.
pub fn flanking(before: Before, next: Option<char>) -> (bool, bool) {
    let next_ws = next.is_none_or(char::is_whitespace);
    let next_non_cjk_punct = next.is_some_and(|c| is_punct(c) && !is_cjk(c));
    let next_cjk = next.is_some_and(is_cjk);
    let left = !next_ws
        && (!next_non_cjk_punct || before.whitespace() || before.non_cjk_punct() || before.cjk());
    let right = !before.whitespace()
        && (!before.non_cjk_punct() || next_ws || next_non_cjk_punct || next_cjk);
    (left, right)
}

/// (can open, can close) for a run of `ch` (`*`, `_` or `~`) of `len` characters.
pub fn can_open_close(ch: u8, len: usize, before: Before, next: Option<char>) -> (bool, bool) {
    let (left, right) = flanking(before, next);
    match ch {
        // `_` keeps CommonMark's rule against emphasis inside words.
        b'_' => (
            left && (!right || before.punct()),
            right && (!left || next.is_some_and(is_punct)),
        ),
        // Strikethrough is `~~` only: a single `~` next to Chinese text is a range (周一~周五).
        b'~' => (left && len == 2, right && len == 2),
        _ => (left, right),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        for c in ['中', '：', '。', '（', 'ア', '가', 'ᄀ', '𱟛', '🈂'] {
            assert!(is_cjk(c), "{c}");
        }
        for c in ['a', '“', '—', '…', '·', '😀', ' '] {
            assert!(!is_cjk(c), "{c}");
        }
        assert!(is_punct('：') && is_punct('“') && is_punct('*') && is_punct('🈂'));
        assert!(!is_punct('\u{FE01}') && !is_punct('\u{200B}') && !is_punct('中'));
    }

    #[test]
    fn a_variation_selector_belongs_to_the_character_before() {
        let b = Before::of("字。\u{FE01}");
        assert_eq!(b.base, Some('。'));
        assert!(b.cjk() && !b.non_cjk_punct());
        assert!(Before::of("”\u{FE01}").cjk());
        assert!(Before::of("”").non_cjk_punct());
    }
}
