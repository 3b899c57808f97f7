//! What a written HTML page links to and which ids it has, read in one pass over its bytes.
//!
//! Not a full HTML parser: shian writes its pages itself, so a tag scanner is enough. It reads the
//! attributes of every start tag, skips comments and the contents of `<script>` and `<style>`
//! (data blocks hold URLs as data, not links), and decodes the entities shian writes in attributes.

use crate::html::decode;

/// The links and ids of one page.
#[derive(Debug, Default)]
pub struct PageLinks {
    /// (attribute value, 1-based line) of every `href`, `src`, `action` and refresh URL.
    pub links: Vec<(String, usize)>,
    pub ids: Vec<String>,
}

pub fn scan(html: &str) -> PageLinks {
    let bytes = html.as_bytes();
    let mut out = PageLinks::default();
    let mut i = 0;
    let mut line = 1;
    let mut counted = 0;
    while let Some(off) = memchr(b'<', &bytes[i..]) {
        let at = i + off;
        line += bytes[counted..at].iter().filter(|&&b| b == b'\n').count();
        counted = at;
        if bytes[at..].starts_with(b"<!--") {
            i = find(bytes, at + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        let name_end = bytes[at + 1..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(bytes.len(), |p| at + 1 + p);
        if name_end == at + 1 {
            i = at + 1;
            continue;
        }
        let name = html[at + 1..name_end].to_ascii_lowercase();
        let (attrs, end) = attributes(html, name_end);
        for (k, v) in &attrs {
            match k.as_str() {
                "href" | "src" | "action" => out.links.push((v.clone(), line)),
                "id" => out.ids.push(v.clone()),
                "content" if name == "meta" && is_refresh(&attrs) => {
                    if let Some(url) = refresh_url(v) {
                        out.links.push((url, line));
                    }
                }
                _ => {}
            }
        }
        i = end;
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            i = find_ci(bytes, i, close.as_bytes()).unwrap_or(bytes.len());
        }
    }
    out
}

fn is_refresh(attrs: &[(String, String)]) -> bool {
    attrs
        .iter()
        .any(|(k, v)| k == "http-equiv" && v.eq_ignore_ascii_case("refresh"))
}

/// `0; url=…` of a refresh.
fn refresh_url(content: &str) -> Option<String> {
    let (_, rest) = content.split_once(';')?;
    let rest = rest.trim();
    let url = rest
        .strip_prefix("url=")
        .or_else(|| rest.strip_prefix("URL="))?;
    Some(url.trim().to_string())
}

/// The attributes of the tag whose name ends at `from`, and the offset after its `>`.
fn attributes(html: &str, from: usize) -> (Vec<(String, String)>, usize) {
    let bytes = html.as_bytes();
    let mut attrs = Vec::new();
    let mut i = from;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return (attrs, i);
        }
        if bytes[i] == b'>' {
            return (attrs, i + 1);
        }
        let name_start = i;
        while i < bytes.len()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
            && !bytes[i].is_ascii_whitespace()
        {
            i += 1;
        }
        let name = html[name_start..i].to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let (value, next) = match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = memchr(q, &bytes[i + 1..]).map_or(bytes.len(), |p| i + 1 + p);
                    (&html[i + 1..end], (end + 1).min(bytes.len()))
                }
                _ => {
                    let end = bytes[i..]
                        .iter()
                        .position(|b| b.is_ascii_whitespace() || *b == b'>')
                        .map_or(bytes.len(), |p| i + p);
                    (&html[i..end], end)
                }
            };
            attrs.push((name, decode(value)));
            i = next;
        } else {
            attrs.push((name, String::new()));
        }
    }
}

fn memchr(b: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&x| x == b)
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_ids_and_lines() {
        let p = scan(
            "<!doctype html>\n<a href=\"/a/?x=1&amp;y=2#t\" id=top>x</a>\n<!-- <a href=\"/no/\"> -->\n<script type=\"application/json\">{\"href\":\"<a href='/data/'>\"}</script>\n<img src='b.png' alt=\"a > b\"><meta http-equiv=\"refresh\" content=\"0; url=/new/\">",
        );
        assert_eq!(
            p.links,
            [
                ("/a/?x=1&y=2#t".to_string(), 2),
                ("b.png".to_string(), 5),
                ("/new/".to_string(), 5)
            ]
        );
        assert_eq!(p.ids, ["top"]);
    }

    #[test]
    fn references() {
        assert_eq!(decode("a&amp;b&#39;c&#x4e2d;&zz;&"), "a&b'c中&zz;&");
        assert_eq!(
            decode("&中文中文中文"),
            "&中文中文中文",
            "no slicing inside a character"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, failure_persistence: None, ..Default::default() })]
        /// Any text (shian's pages hold every script) is scanned without a panic.
        #[test]
        fn any_text_scans(html in "(<a href=\"|&|;|中|#|<!--|-->|<script>|</script>|\\PC){0,60}") {
            let _ = scan(&html);
            let _ = decode(&html);
        }
    }
}
