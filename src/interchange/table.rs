//! Spreadsheets and CSV -> items. The header row is found by its usual names (题型/类型, 题干/题目/试题,
//! 选项A–选项H or A–H, or one 选项 cell holding all options, 答案/正确答案/参考答案, 解析/答案解析,
//! 依据/法律依据, 分类/章节/知识点, 难度, 标签, 编号); rows above it (merged title rows) and blank
//! rows are passed over. CSV may be UTF-8, UTF-8 with a BOM, or GB18030/GBK as Excel on Chinese
//! Windows writes it.

use super::{finish, half_width, tidy, type_word, Item, Skipped};
use std::path::Path;

/// Rows with their 1-based row numbers in the file or sheet.
pub type Rows = Vec<(usize, Vec<String>)>;

/// The rows of a `.csv`, `.xlsx`, `.xls`, `.xlsm` or `.ods` file (the first sheet).
pub fn read(path: &Path) -> Result<Rows, String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if ext == "csv" {
        let bytes =
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        return Ok(csv_rows(&decode(&bytes)));
    }
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(path)
        .map_err(|e| format!("cannot read {} as a spreadsheet: {e}", path.display()))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| format!("{} has no sheet", path.display()))?
        .map_err(|e| format!("cannot read the first sheet of {}: {e}", path.display()))?;
    let (top, left) = range.start().unwrap_or((0, 0));
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            let mut cells: Vec<String> = vec![String::new(); left as usize];
            cells.extend(row.iter().map(|c| c.to_string()));
            (top as usize + i + 1, cells)
        })
        .collect())
}

/// Text of a CSV file: UTF-8 (a BOM is dropped), else GB18030 (a superset of GBK).
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

fn csv_rows(text: &str) -> Rows {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    reader
        .records()
        .filter_map(Result::ok)
        .map(|r| {
            let line = r.position().map_or(0, |p| p.line() as usize);
            (line, r.iter().map(str::to_string).collect())
        })
        .collect()
}

#[derive(Debug, Default, Clone, Copy)]
struct Columns {
    id: Option<usize>,
    qtype: Option<usize>,
    stem: Option<usize>,
    options: [Option<usize>; 8],
    all_options: Option<usize>,
    answer: Option<usize>,
    explanation: Option<usize>,
    basis: Option<usize>,
    category: Option<usize>,
    difficulty: Option<usize>,
    tags: Option<usize>,
}

fn header_of(cell: &str) -> Option<(&'static str, usize)> {
    let h: String = half_width(cell)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | ':' | '：'))
        .collect::<String>()
        .to_lowercase();
    let named =
        |names: &[&str], what: &'static str| names.contains(&h.as_str()).then_some((what, 0));
    if let Some(letter) = h
        .strip_prefix("选项")
        .or_else(|| h.strip_prefix("option"))
        .or(Some(h.as_str()))
        .filter(|l| l.len() == 1)
        .and_then(|l| l.chars().next())
        .filter(|c| ('a'..='h').contains(c))
    {
        return Some(("option", letter as usize - 'a' as usize));
    }
    named(&["编号", "题目编号", "试题编号", "id"], "id")
        .or_else(|| named(&["题型", "类型", "题目类型", "试题类型", "type"], "type"))
        .or_else(|| {
            named(
                &[
                    "题干",
                    "题目",
                    "试题",
                    "问题",
                    "题目内容",
                    "试题内容",
                    "question",
                    "stem",
                ],
                "stem",
            )
        })
        .or_else(|| named(&["选项", "选项内容", "备选答案", "options"], "options"))
        .or_else(|| {
            named(
                &["答案", "正确答案", "参考答案", "标准答案", "answer"],
                "answer",
            )
        })
        .or_else(|| {
            named(
                &["解析", "答案解析", "试题解析", "说明", "explanation"],
                "explanation",
            )
        })
        .or_else(|| named(&["依据", "法律依据", "出处", "ref", "basis"], "basis"))
        .or_else(|| named(&["分类", "章节", "知识点", "类别", "category"], "category"))
        .or_else(|| named(&["难度", "难易程度", "difficulty"], "difficulty"))
        .or_else(|| named(&["标签", "tags"], "tags"))
}

fn columns(row: &[String]) -> Option<Columns> {
    let mut c = Columns::default();
    let mut found = 0;
    for (i, cell) in row.iter().enumerate() {
        let Some((what, n)) = header_of(cell) else {
            continue;
        };
        found += 1;
        let slot = match what {
            "id" => &mut c.id,
            "type" => &mut c.qtype,
            "stem" => &mut c.stem,
            "option" => &mut c.options[n],
            "options" => &mut c.all_options,
            "answer" => &mut c.answer,
            "explanation" => &mut c.explanation,
            "basis" => &mut c.basis,
            "category" => &mut c.category,
            "difficulty" => &mut c.difficulty,
            _ => &mut c.tags,
        };
        slot.get_or_insert(i);
    }
    (found >= 2 && c.stem.is_some() && c.answer.is_some()).then_some(c)
}

/// `A．… B．… C．…` in one cell -> the options.
pub fn split_options(cell: &str) -> Vec<String> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"(?:^|\s+)[(（]?([A-H])[)）]?[.．、):：]\s*")
            .unwrap_or_else(|_| unreachable!())
    });
    let text = half_width(cell);
    let marks: Vec<(usize, usize)> = re
        .captures_iter(&text)
        .filter_map(|c| c.get(0).map(|m| (m.start(), m.end())))
        .collect();
    marks
        .iter()
        .enumerate()
        .map(|(i, &(_, end))| {
            let stop = marks.get(i + 1).map_or(text.len(), |m| m.0);
            tidy(&text[end..stop])
        })
        .collect()
}

/// The items of the rows, and the rows that could not be read; `Err` when no header row is found.
pub fn items(rows: &Rows) -> Result<super::Read, String> {
    let Some(head) = rows.iter().position(|(_, r)| columns(r).is_some()) else {
        return Err("找不到表头行 (no header row: the sheet needs at least a 题干 and an 答案 column; see docs/quizzes.md for the column names)".into());
    };
    let cols = columns(&rows[head].1).unwrap_or_default();
    let (mut out, mut skipped) = (Vec::new(), Vec::new());
    for (line, row) in &rows[head + 1..] {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |i: Option<usize>| {
            i.and_then(|i| row.get(i))
                .map_or(String::new(), |s| s.trim().to_string())
        };
        let mut item = Item {
            id: Some(cell(cols.id)).filter(|s| !s.is_empty()),
            stem: tidy(&cell(cols.stem)),
            explanation: tidy(&cell(cols.explanation)),
            basis: tidy(&cell(cols.basis)),
            category: tidy(&cell(cols.category)),
            difficulty: cell(cols.difficulty),
            tags: cell(cols.tags)
                .split([',', '，', '、', ';', '；'])
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect(),
            ..Item::default()
        };
        let type_cell = cell(cols.qtype);
        if !type_cell.is_empty() {
            match type_word(&type_cell) {
                Some(t) => item.qtype = Some(t),
                None => {
                    skipped.push(Skipped {
                        line: *line,
                        code: "E-IMPORT-TYPE",
                        reason: format!(
                            "题型“{type_cell}”无法识别 (unknown type; write 判断, 单选 or 多选)"
                        ),
                    });
                    continue;
                }
            }
        }
        let mut options: Vec<String> = cols.options.iter().map(|&c| tidy(&cell(c))).collect();
        while options.last().is_some_and(|o| o.is_empty()) {
            options.pop();
        }
        if options.is_empty() {
            options = split_options(&cell(cols.all_options));
        }
        if let Some(gap) = options.iter().position(String::is_empty) {
            skipped.push(Skipped {
                line: *line,
                code: "E-IMPORT-OPTIONS",
                reason: format!(
                    "选项 {} 是空的 (option {} is empty but later ones are not)",
                    (b'A' + gap as u8) as char,
                    (b'A' + gap as u8) as char
                ),
            });
            continue;
        }
        item.options = options;
        match finish(&mut item, &cell(cols.answer)) {
            Ok(()) => out.push((*line, item)),
            Err((code, reason)) => skipped.push(Skipped {
                line: *line,
                code,
                reason,
            }),
        }
    }
    Ok((out, skipped))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_in_one_cell() {
        assert_eq!(
            split_options("A．许可证 B．合格证明  C、营业执照 D) 合同"),
            ["许可证", "合格证明", "营业执照", "合同"]
        );
        assert_eq!(split_options(""), Vec::<String>::new());
    }

    #[test]
    fn gbk_csv_is_read() {
        let (gbk, _, _) = encoding_rs::GBK.encode("题干,答案\n食品安全,正确\n");
        assert!(decode(&gbk).starts_with("题干,答案"));
    }
}
