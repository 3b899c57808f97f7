//! What a page says, for the index: the text of its `<main>`, its `<h1>` as the title and its
//! `h2`–`h4` headings with their ids as sections. Interface text is left out: navigation
//! (breadcrumbs, pagers), buttons and form controls, scripts, charts, glossary tooltips (the term
//! itself stays), heading anchors, and anything marked `data-search-ignore`.
//!
//! shian wrote the page itself (and the output check validates it), so a small tag scanner is
//! enough: tags are well formed and nest.

use crate::html::decode;

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Extracted {
    pub title: String,
    /// The text after the title, whitespace collapsed.
    pub text: String,
    /// `(offset in UTF-16 units into text, id, heading)`.
    pub sections: Vec<(usize, String, String)>,
}

/// Elements whose whole content is interface, not text.
const SKIP: &[&str] = &[
    "nav", "button", "select", "script", "style", "template", "noscript", "svg", "input",
    "textarea", "dialog",
];
/// Elements that end a run of text (the rest, such as `a`, `strong` and `span`, are inline: a word
/// may run through them).
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "label",
    "legend",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

struct Walker {
    out: Extracted,
    /// UTF-16 length of `out.text`.
    units: usize,
    /// The element being skipped and how deep in it we are.
    skip: Option<(String, usize)>,
    in_title: bool,
    heading: Option<(String, String, String)>,
    /// A space is due before the next text.
    space: bool,
}

impl Walker {
    fn text(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() {
                self.space = true;
                continue;
            }
            let target = if self.in_title {
                &mut self.out.title
            } else {
                &mut self.out.text
            };
            if self.space && !target.is_empty() {
                target.push(' ');
                if !self.in_title {
                    self.units += 1;
                    if let Some((_, _, h)) = self.heading.as_mut().filter(|h| !h.2.is_empty()) {
                        h.push(' ');
                    }
                }
            }
            self.space = false;
            target.push(c);
            if !self.in_title {
                self.units += c.len_utf16();
                if let Some((_, _, h)) = &mut self.heading {
                    h.push(c);
                }
            }
        }
    }

    fn open(&mut self, name: &str, attrs: &str) {
        if let Some((skipped, depth)) = &mut self.skip {
            if skipped == name && !VOID.contains(&name) {
                *depth += 1;
            }
            return;
        }
        let ignored = SKIP.contains(&name)
            || attrs.contains("data-search-ignore")
            || (name == "span" && class_has(attrs, "term-tip"))
            || (name == "a" && class_has(attrs, "anchor"));
        if ignored {
            if !VOID.contains(&name) {
                self.skip = Some((name.to_string(), 1));
            }
            return;
        }
        if BLOCK.contains(&name) {
            self.space = true;
        }
        match name {
            "h1" if self.out.title.is_empty() => self.in_title = true,
            "h2" | "h3" | "h4" => {
                if let Some(id) = attr(attrs, "id") {
                    let at = self.units + usize::from(!self.out.text.is_empty());
                    self.heading = Some((name.to_string(), id, String::new()));
                    self.out.sections.push((at, String::new(), String::new()));
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        if let Some((skipped, depth)) = &mut self.skip {
            if skipped == name {
                *depth -= 1;
                if *depth == 0 {
                    self.skip = None;
                }
            }
            return;
        }
        if BLOCK.contains(&name) {
            self.space = true;
        }
        if name == "h1" {
            self.in_title = false;
        }
        if self.heading.as_ref().is_some_and(|(h, _, _)| h == name) {
            if let (Some((_, id, text)), Some(last)) =
                (self.heading.take(), self.out.sections.last_mut())
            {
                last.1 = id;
                last.2 = text;
            }
        }
    }
}

fn class_has(attrs: &str, class: &str) -> bool {
    attr(attrs, "class").is_some_and(|v| v.split_ascii_whitespace().any(|c| c == class))
}

/// The value of attribute `name` in a tag's attribute text, entities decoded.
fn attr(attrs: &str, name: &str) -> Option<String> {
    let mut rest = attrs;
    while let Some(i) = rest.find(name) {
        let before_ok = i == 0 || rest.as_bytes()[i - 1].is_ascii_whitespace();
        let after = &rest[i + name.len()..];
        if before_ok {
            if let Some(v) = after.strip_prefix("=\"") {
                return v.find('"').map(|end| decode(&v[..end]));
            }
        }
        rest = after;
    }
    None
}

/// The index's view of a page's HTML.
pub fn extract(html: &str) -> Extracted {
    let start = html.find("<main").unwrap_or(0);
    let end = html
        .rfind("</main>")
        .filter(|&e| e > start)
        .unwrap_or(html.len());
    let mut w = Walker {
        out: Extracted::default(),
        units: 0,
        skip: None,
        in_title: false,
        heading: None,
        space: false,
    };
    let mut rest = &html[start..end];
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if w.skip.is_none() {
                w.text(&decode(rest));
            }
            break;
        };
        if lt > 0 && w.skip.is_none() {
            w.text(&decode(&rest[..lt]));
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        let Some(gt) = tag_end(rest) else { break };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            w.close(&name.trim().to_ascii_lowercase());
            continue;
        }
        let name_len = tag
            .find(|c: char| c.is_ascii_whitespace() || c == '/')
            .unwrap_or(tag.len());
        let name = tag[..name_len].to_ascii_lowercase();
        w.open(&name, &tag[name_len..]);
        if name == "script" || name == "style" {
            // Raw text: up to the closing tag, whatever it contains.
            let close = format!("</{name}");
            let e = rest.find(&close).unwrap_or(rest.len());
            rest = &rest[e..];
        }
    }
    w.out.sections.retain(|(_, id, _)| !id.is_empty());
    w.out
}

/// The `>` that ends the tag starting `s`, outside quoted attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, b) in s.bytes().enumerate().skip(1) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// The text of an HTML fragment (a question's stem or option), tags dropped.
pub fn plain(html: &str) -> String {
    let wrapped = format!("<main>{html}</main>");
    extract(&wrapped).text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_text_title_and_sections() {
        let html = "<html><body><nav>菜单</nav><main id=\"main\"><nav class=\"breadcrumbs\"><a>首页</a></nav>\
            <h1>标题 &amp; 副题</h1><p>第一段<span class=\"term\"><a>日管控</a><span class=\"term-tip\">定义</span></span>。</p>\
            <h2 id=\"s-1\">小节 <a class=\"anchor\" href=\"#s-1\">#</a></h2><p>正文&#x27;</p><button>按钮</button>\
            <script>var a = '<p>x</p>';</script><!-- note --></main><footer>页脚</footer></body></html>";
        let e = extract(html);
        assert_eq!(e.title, "标题 & 副题");
        assert_eq!(e.text, "第一段日管控。 小节 正文'");
        assert_eq!(e.sections, vec![(8, "s-1".to_string(), "小节".to_string())]);
        assert_eq!(plain("<p>A<b>B</b></p><p>C</p>"), "AB C");
    }
}
