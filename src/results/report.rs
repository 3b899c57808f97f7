//! What `shian quiz grade` writes: three tables — attempts, questions, categories — with Chinese
//! headers, as one XLSX workbook (a sheet each) or as CSV files (`X.csv`, `X-questions.csv`,
//! `X-categories.csv`, UTF-8 with a BOM so Excel on Chinese Windows opens them right).

use super::grade::Graded;
use super::stats::Stats;
use crate::quiz::QuizSet;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Num(f64),
}

pub struct Table {
    pub sheet: &'static str,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

pub fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn yes(b: bool) -> Cell {
    text(if b { "是" } else { "否" })
}

/// The attempts table. `labels`: every `collect` label of the graded exams, in order of appearance.
pub fn attempts(set: &QuizSet, graded: &[Graded]) -> Table {
    let mut labels: Vec<String> = Vec::new();
    for g in graded {
        for l in &set.exams[g.exam].collect {
            if !labels.contains(l) {
                labels.push(l.clone());
            }
        }
    }
    let mut headers: Vec<String> = vec!["考试".into(), "版本".into()];
    headers.extend(labels.iter().cloned());
    for h in [
        "得分",
        "满分",
        "得分率(%)",
        "是否合格",
        "是否首次",
        "开始时间",
        "用时(秒)",
        "离开页面次数",
        "来源",
        "结果码",
    ] {
        headers.push(h.into());
    }
    let rows = graded
        .iter()
        .map(|g| {
            let exam = &set.exams[g.exam];
            let a = &g.attempt;
            let mut row = vec![text(&a.quiz), text(&a.edition)];
            for l in &labels {
                let v = exam
                    .collect
                    .iter()
                    .position(|x| x == l)
                    .and_then(|i| a.collected.get(i))
                    .cloned()
                    .unwrap_or_default();
                row.push(text(v));
            }
            row.extend([
                Cell::Num(g.score),
                Cell::Num(g.total),
                Cell::Num(g.percent),
                yes(g.passed),
                yes(g.first),
                text(super::time::stamp(a.started)),
                Cell::Num(a.duration as f64),
                Cell::Num(a.leaves as f64),
                text(format!("{}:{}", g.file, g.line)),
                text(&g.code),
            ]);
            row
        })
        .collect();
    Table {
        sheet: "成绩",
        headers,
        rows,
    }
}

pub fn questions(set: &QuizSet, stats: &Stats) -> Table {
    let headers = [
        "题目编号",
        "分类",
        "题干",
        "作答次数",
        "难度系数(得分率%)",
        "区分度(%)",
    ];
    let rows = stats
        .questions
        .iter()
        .map(|q| {
            vec![
                text(&q.id),
                text(&q.category),
                text(crate::html::strip_tags(
                    &set.questions[q.question].stem_html,
                )),
                Cell::Num(q.attempts as f64),
                Cell::Num(q.facility),
                q.discrimination.map_or(text(""), Cell::Num),
            ]
        })
        .collect();
    Table {
        sheet: "题目统计",
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows,
    }
}

pub fn categories(stats: &Stats) -> Table {
    let headers = ["分类", "作答题数", "答对题数", "得分率(%)"];
    let rows = stats
        .categories
        .iter()
        .map(|c| {
            vec![
                text(&c.name),
                Cell::Num(c.items as f64),
                Cell::Num(c.right as f64),
                Cell::Num(c.facility),
            ]
        })
        .collect();
    Table {
        sheet: "分类统计",
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows,
    }
}

/// Writes the tables to `out` (`.xlsx`, or `.csv` and its two companions); returns the files written.
/// `created` (Unix seconds) is the workbook's creation time: the caller passes a time taken from the
/// attempts, so the same codes always give the same bytes.
pub fn write(out: &Path, tables: &[Table], created: u64) -> Result<Vec<PathBuf>, String> {
    let ext = out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "xlsx" => xlsx(out, tables, created).map(|()| vec![out.to_path_buf()]),
        "csv" => {
            let stem = out.with_extension("");
            let mut written = Vec::new();
            for (n, t) in tables.iter().enumerate() {
                let suffix = match t.sheet {
                    "题目统计" => "-questions",
                    "分类统计" => "-categories",
                    "自查记录" => "-self-checks",
                    _ if n == 0 => "",
                    _ => "-more",
                };
                let path = PathBuf::from(format!("{}{suffix}.csv", stem.display()));
                csv(&path, t)?;
                written.push(path);
            }
            Ok(written)
        }
        _ => Err(format!("--out {} must end in .xlsx or .csv", out.display())),
    }
}

/// The latest end of `graded`'s attempts (Unix seconds): a workbook's creation time that depends
/// only on its input.
pub fn latest_end(graded: &[super::grade::Graded]) -> u64 {
    graded
        .iter()
        .map(|g| g.attempt.started.saturating_add(g.attempt.duration))
        .max()
        .unwrap_or(0)
}

/// Writes one table to `out`: a one-sheet `.xlsx`, or a `.csv`.
pub fn write_one(out: &Path, table: &Table, created: u64) -> Result<(), String> {
    match out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("xlsx") => xlsx(out, std::slice::from_ref(table), created),
        Some("csv") => csv(out, table),
        _ => Err(format!("--out {} must end in .xlsx or .csv", out.display())),
    }
}

fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Text(s) => s.clone(),
        Cell::Num(n) => {
            if n.fract() == 0.0 && n.abs() < 1e15 {
                format!("{}", *n as i64)
            } else {
                format!("{n}")
            }
        }
    }
}

fn csv(path: &Path, t: &Table) -> Result<(), String> {
    let fail = |e: &dyn std::fmt::Display| format!("cannot write {}: {e}", path.display());
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&t.headers).map_err(|e| fail(&e))?;
    for row in &t.rows {
        w.write_record(row.iter().map(cell_text))
            .map_err(|e| fail(&e))?;
    }
    let body = w.into_inner().map_err(|e| fail(&e))?;
    let bytes = [b"\xEF\xBB\xBF".as_slice(), &body].concat();
    std::fs::write(path, bytes).map_err(|e| fail(&e))
}

fn xlsx(path: &Path, tables: &[Table], created: u64) -> Result<(), String> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let fail = |e: &dyn std::fmt::Display| format!("cannot write {}: {e}", path.display());
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_timestamp(created.min(i64::MAX as u64) as i64)
        .or_else(|_| ExcelDateTime::from_timestamp(0))
        .map_err(|e| fail(&e))?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold();
    for t in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(t.sheet).map_err(|e| fail(&e))?;
        for (c, h) in t.headers.iter().enumerate() {
            sheet
                .write_string_with_format(0, c as u16, h, &bold)
                .map_err(|e| fail(&e))?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                match cell {
                    Cell::Text(s) => sheet.write_string(r, c, s),
                    Cell::Num(n) => sheet.write_number(r, c, *n),
                }
                .map_err(|e| fail(&e))?;
            }
        }
        sheet.set_freeze_panes(1, 0).map_err(|e| fail(&e))?;
    }
    book.save(path).map_err(|e| fail(&e))
}
