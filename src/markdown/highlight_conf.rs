//! Highlighting for the configuration files a training site shows and syntect's default set lacks:
//! TOML (site.toml, front matter, data files) and INI. A small line tokenizer: comments, `[table]`
//! headers, keys, `=`, strings, and numbers, booleans and dates as constants. It uses the same
//! `hl-` classes as the syntect highlighter.

use crate::html::escape_into;

/// Whether `lang` is one of the languages highlighted here.
pub fn handles(lang: &str) -> bool {
    matches!(lang, "toml" | "ini" | "cfg" | "conf")
}

fn span(out: &mut String, class: &str, text: &str) {
    if text.is_empty() {
        return;
    }
    out.push_str("<span class=\"hl-");
    out.push_str(class);
    out.push_str("\">");
    escape_into(out, text);
    out.push_str("</span>");
}

/// The highlighted HTML of `code` (without the surrounding `<pre><code>`).
pub fn highlight_into(out: &mut String, code: &str, ini: bool) {
    for line in code.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        let trimmed = body.trim_start();
        escape_into(out, &body[..body.len() - trimmed.len()]);
        if trimmed.starts_with('#') || (ini && trimmed.starts_with(';')) {
            span(out, "comment", trimmed);
        } else if trimmed.starts_with('[') {
            let close = trimmed.rfind(']').map_or(trimmed.len(), |i| i + 1);
            span(out, "entity", &trimmed[..close]);
            value(out, &trimmed[close..], ini);
        } else if let Some(eq) = key_end(trimmed) {
            span(out, "attribute-name", trimmed[..eq].trim_end());
            escape_into(out, &trimmed[trimmed[..eq].trim_end().len()..eq]);
            span(out, "operator", "=");
            value(out, &trimmed[eq + 1..], ini);
        } else {
            value(out, trimmed, ini);
        }
        out.push_str(end);
    }
}

/// The `=` that ends a key (outside quotes).
fn key_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '=') => return Some(i),
            (None, '#') => return None,
            _ => {}
        }
    }
    None
}

fn value(out: &mut String, s: &str, ini: bool) {
    if ini {
        // INI values are text: only a trailing comment is marked.
        match s
            .find([';', '#'])
            .filter(|&i| i == 0 || s[..i].ends_with(' '))
        {
            Some(i) => {
                escape_into(out, &s[..i]);
                span(out, "comment", &s[i..]);
            }
            None => escape_into(out, s),
        }
        return;
    }
    let mut rest = s;
    while !rest.is_empty() {
        let c = rest.chars().next().unwrap_or(' ');
        let take = match c {
            '#' => {
                span(out, "comment", rest);
                return;
            }
            '"' | '\'' => {
                let mut end = rest.len();
                let mut escaped = false;
                for (i, ch) in rest.char_indices().skip(1) {
                    if c == '"' && ch == '\\' && !escaped {
                        escaped = true;
                        continue;
                    }
                    if ch == c && !escaped {
                        end = i + 1;
                        break;
                    }
                    escaped = false;
                }
                span(out, "string", &rest[..end]);
                end
            }
            c if c.is_ascii_alphanumeric() || c == '-' || c == '+' => {
                let end = rest
                    .find(|ch: char| !(ch.is_ascii_alphanumeric() || "-+.:_".contains(ch)))
                    .unwrap_or(rest.len());
                let word = &rest[..end];
                let constant = word
                    .starts_with(|ch: char| ch.is_ascii_digit() || ch == '-' || ch == '+')
                    || matches!(word, "true" | "false" | "inf" | "nan");
                if constant {
                    span(out, "constant", word);
                } else {
                    escape_into(out, word);
                }
                end
            }
            _ => {
                let n = c.len_utf8();
                escape_into(out, &rest[..n]);
                n
            }
        };
        rest = &rest[take..];
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn toml_tokens() {
        let mut out = String::new();
        super::highlight_into(
            &mut out,
            "# 站点\n[cases]\ntitle = \"食安\" # 名称\nweight = 10\nok = true\n",
            false,
        );
        assert_eq!(
            out,
            "<span class=\"hl-comment\"># 站点</span>\n<span class=\"hl-entity\">[cases]</span>\n<span class=\"hl-attribute-name\">title</span> <span class=\"hl-operator\">=</span> <span class=\"hl-string\">&quot;食安&quot;</span> <span class=\"hl-comment\"># 名称</span>\n<span class=\"hl-attribute-name\">weight</span> <span class=\"hl-operator\">=</span> <span class=\"hl-constant\">10</span>\n<span class=\"hl-attribute-name\">ok</span> <span class=\"hl-operator\">=</span> <span class=\"hl-constant\">true</span>\n"
        );
    }
}
