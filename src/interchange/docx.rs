//! A Word document (.docx) -> its text, one paragraph a line, for [`super::text`]. Only
//! `word/document.xml` is read: the runs (`<w:t>`) of each paragraph, tabs and line breaks; tables
//! give one line per cell paragraph. Numbering that Word draws itself (automatic list numbers) is not
//! in the text: such documents need the numbers typed, as most 题库 have them.

use std::io::Read;
use std::path::Path;

pub fn text(path: &Path) -> Result<String, String> {
    let file =
        std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut zip = zip::ZipArchive::new(file)
        .map_err(|e| format!("{} is not a .docx (zip) file: {e}", path.display()))?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .map_err(|_| {
            format!(
                "{} has no word/document.xml: is it a Word document?",
                path.display()
            )
        })?
        .read_to_string(&mut xml)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(paragraphs(&xml))
}

/// The text of `word/document.xml`, a line per paragraph.
pub fn paragraphs(xml: &str) -> String {
    let mut out = String::new();
    for para in xml.split("</w:p>") {
        let mut line = String::new();
        let mut rest = para;
        while let Some(open) = rest.find('<') {
            let Some(close) = rest[open..].find('>') else {
                break;
            };
            let tag = &rest[open + 1..open + close];
            rest = &rest[open + close + 1..];
            let name = tag.split([' ', '/']).next().unwrap_or("");
            match name {
                "w:t" if !tag.ends_with('/') => {
                    let end = rest.find("</w:t>").unwrap_or(rest.len());
                    line.push_str(&unescape(&rest[..end]));
                    rest = &rest[end..];
                }
                "w:tab" => line.push('\t'),
                "w:br" | "w:cr" => line.push('\n'),
                _ => {}
            }
        }
        if !line.trim().is_empty() {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let Some(j) = rest[i..].find(';') else {
            out.push_str(&rest[i..]);
            return out;
        };
        let entity = &rest[i + 1..i + j];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e => e
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| e.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => out.push(c),
            None => out.push_str(&rest[i..i + j + 1]),
        }
        rest = &rest[i + j + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn runs_tabs_and_entities() {
        let xml = r#"<w:body><w:p><w:r><w:t>1．食品</w:t></w:r><w:r><w:t xml:space="preserve">安全 &amp; 卫生</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>A．甲</w:t><w:tab/><w:t>B．乙</w:t></w:r></w:p></w:body>"#;
        assert_eq!(super::paragraphs(xml), "1．食品安全 & 卫生\nA．甲\tB．乙\n");
    }
}
