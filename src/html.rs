//! The one HTML escaper, used by templates (Tera's autoescape), Markdown passes, feeds and the serve
//! overlay alike (it leaves `/` alone: Tera's default turns every `/` in a URL into `&#x2F;`); and the
//! slugs that make element ids from text.

/// Appends `s` to `out` with `& < > " '` escaped.
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// `s` with `& < > " '` escaped, for text and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_into(&mut out, s);
    out
}

/// Decodes the character references shian and pulldown-cmark write: the named basics (`&nbsp;`
/// as a space) and numeric references; anything else stays as written.
pub fn decode(v: &str) -> String {
    if !v.contains('&') {
        return v.to_string();
    }
    let mut out = String::with_capacity(v.len());
    let mut rest = v;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        // Byte search: the 12th byte may fall inside a character.
        let Some(semi) = rest.as_bytes()[..rest.len().min(12)]
            .iter()
            .position(|&b| b == b';')
        else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..semi];
        let c = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of a fragment of HTML that shian wrote: tags dropped, the five escapes undone.
/// The scheme of a URL that runs script or embeds a document when followed (`javascript:`,
/// `vbscript:`, `data:`), read the way a browser reads it: leading spaces and control characters
/// are skipped, tabs and newlines inside are ignored, and case does not matter.
pub fn dangerous_scheme(url: &str) -> Option<&'static str> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(12)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .into_iter()
        .find(|s| cleaned.starts_with(s))
}

pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .trim()
        .to_string()
}

/// An id from heading text: letters and digits of any script kept, ASCII lowercased, the rest `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        "section".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_the_five_and_keeps_slashes() {
        assert_eq!(
            super::escape("<a href=\"/x/?a=1&b='2'\">"),
            "&lt;a href=&quot;/x/?a=1&amp;b=&#39;2&#39;&quot;&gt;"
        );
    }

    #[test]
    fn script_schemes_are_found_however_they_are_written() {
        use super::dangerous_scheme as d;
        assert_eq!(d("javascript:alert(1)"), Some("javascript:"));
        assert_eq!(d("  JaVa\tScRiPt:alert(1)"), Some("javascript:"));
        assert_eq!(d("\u{1}vbscript:x"), Some("vbscript:"));
        assert_eq!(d("DATA:text/html,<script>"), Some("data:"));
        assert_eq!(d("https://example.org/javascript:"), None);
        assert_eq!(d("@/lessons/a.md"), None);
        assert_eq!(d("#javascript"), None);
    }
}
