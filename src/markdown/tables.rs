//! Tables in the text: each in a box of its own that scrolls sideways on a narrow screen.

use pulldown_cmark::{Event, Tag, TagEnd};

/// Puts each table in a box that scrolls sideways by itself on a narrow screen: a keyboard-focusable
/// region named after the heading above it (`表格：主要措施`), so the page itself never scrolls.
pub(super) struct TableBoxes {
    /// The text of the heading being read, if inside one.
    heading: Option<String>,
    last_heading: String,
    named: String,
    plain: String,
}

impl TableBoxes {
    pub(super) fn new(locale: &serde_json::Value) -> TableBoxes {
        let get = |k: &str, d: &str| {
            locale
                .get(k)
                .and_then(serde_json::Value::as_str)
                .unwrap_or(d)
                .to_string()
        };
        TableBoxes {
            heading: None,
            last_heading: String::new(),
            named: get("md_table_label", "表格：{heading}"),
            plain: get("md_table_label_plain", "表格"),
        }
    }

    /// Notes heading text; writes the box around a table. True when `ev` was written here.
    pub(super) fn wrap<'a>(&mut self, ev: &Event<'a>, out: &mut Vec<Event<'a>>) -> bool {
        match ev {
            Event::Start(Tag::Heading { .. }) => self.heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = self.heading.take() {
                    self.last_heading = h.trim().to_string();
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = self.heading.as_mut() {
                    h.push_str(t);
                }
            }
            Event::Start(Tag::Table(_)) => {
                let label = if self.last_heading.is_empty() {
                    self.plain.clone()
                } else {
                    self.named.replace("{heading}", &self.last_heading)
                };
                out.push(Event::Html(
                    format!(
                        "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">\n",
                        crate::html::escape(&label)
                    )
                    .into(),
                ));
                out.push(ev.clone());
                return true;
            }
            Event::End(TagEnd::Table) => {
                out.push(ev.clone());
                out.push(Event::Html("</div>\n".into()));
                return true;
            }
            _ => {}
        }
        false
    }
}
