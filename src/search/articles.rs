//! A law page as one record per article: the articles (`#art-…` sections) are what a query about
//! a duty should find, and each links to its own anchor.

use super::extract::Extracted;

/// The byte index of UTF-16 offset `units` in `text` (its end if past it).
fn byte_at(text: &str, units: usize) -> usize {
    let mut n = 0;
    for (i, c) in text.char_indices() {
        if n >= units {
            return i;
        }
        n += c.len_utf16();
    }
    text.len()
}

/// The page before its first article, and each article: `(anchor, heading as title, its text)`.
/// An article runs to the next section of any kind (the next article or chapter).
pub fn split(e: Extracted) -> (Extracted, Vec<(String, Extracted)>) {
    let Some(first) = e
        .sections
        .iter()
        .position(|(_, id, _)| id.starts_with("art-"))
    else {
        return (e, Vec::new());
    };
    let bounds: Vec<usize> = e
        .sections
        .iter()
        .map(|(at, _, _)| byte_at(&e.text, *at))
        .chain(std::iter::once(e.text.len()))
        .collect();
    let mut articles = Vec::new();
    for (i, (_, id, heading)) in e.sections.iter().enumerate().skip(first) {
        if !id.starts_with("art-") {
            continue;
        }
        let body = e.text[bounds[i]..bounds[i + 1]].trim();
        let body = body.strip_prefix(heading.as_str()).unwrap_or(body).trim();
        articles.push((
            id.clone(),
            Extracted {
                title: heading.clone(),
                text: body.to_string(),
                sections: Vec::new(),
            },
        ));
    }
    let head = Extracted {
        title: e.title,
        text: e.text[..bounds[first]].trim_end().to_string(),
        sections: e.sections[..first].to_vec(),
    };
    (head, articles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_article_is_its_own_record() {
        let e = crate::search::extract::extract(
            "<main><h1>食品安全法</h1><p>前言</p><h2 id=\"c1\">第一章</h2>\
             <h3 id=\"art-3\">第三条</h3><p>甲。</p><h3 id=\"art-4\">第四条</h3><p>乙。</p></main>",
        );
        let (head, arts) = split(e);
        assert_eq!(head.text, "前言 第一章");
        assert_eq!(head.sections.len(), 1);
        assert_eq!(arts.len(), 2);
        assert_eq!(arts[0].0, "art-3");
        assert_eq!(arts[0].1.title, "第三条");
        assert_eq!(arts[0].1.text, "甲。");
        assert_eq!(arts[1].1.text, "乙。");
    }
}
