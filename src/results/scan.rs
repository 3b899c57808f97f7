//! Finding result codes inside any text: a chat log pasted into a .txt, a form's CSV export, one
//! code per line, the JSON download of a result page, or `data/results/*.csv`.

use std::ops::Range;
use std::sync::Arc;

/// A code as found, with where it was.
#[derive(Debug, Clone)]
pub struct Found {
    pub code: String,
    pub file: String,
    pub source: Arc<str>,
    pub span: Range<usize>,
}

impl Found {
    pub fn line(&self) -> usize {
        crate::diag::line_col(&self.source, self.span.start).0
    }
}

fn code_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'-' || c == b'_'
}

/// Every `S<letter><digit>…` run of base64url characters in `text` that is long enough to be a code
/// and not part of a longer word.
pub fn find(file: &str, text: &Arc<str>, letter: u8) -> Vec<Found> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 2 < b.len() {
        let starts = b[i] == b'S'
            && b[i + 1] == letter
            && b[i + 2].is_ascii_digit()
            && (i == 0 || !code_char(b[i - 1]));
        if !starts {
            i += 1;
            continue;
        }
        let mut end = i + 3;
        while end < b.len() && code_char(b[end]) {
            end += 1;
        }
        // Shorter runs are words such as `SA1` in prose, not codes.
        if end - i >= 16 {
            out.push(Found {
                code: text[i..end].to_string(),
                file: file.to_string(),
                source: Arc::clone(text),
                span: i..end,
            });
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_anywhere() {
        let text: Arc<str> = Arc::from(
            "[10:02] 张三：我的结果码 SA1AbCdEfGhIjKlMnOp_-12，请查收\nUSA1AbCdEfGhIjKlMnOpq x\n\"code\": \"SA1zzzzzzzzzzzzzzzzzz\"\nSA1 is short",
        );
        let found = find("chat.txt", &text, b'A');
        let codes: Vec<&str> = found.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(
            codes,
            vec!["SA1AbCdEfGhIjKlMnOp_-12", "SA1zzzzzzzzzzzzzzzzzz"]
        );
        assert_eq!(found[0].line(), 1);
        assert_eq!(found[1].line(), 3);
    }
}
