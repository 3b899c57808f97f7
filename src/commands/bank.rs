//! `shian quiz import | export | template`: question banks in and out (docs/quizzes.md).

use super::{EXIT_CONTENT, EXIT_OK, EXIT_USAGE};
use crate::cli::ExportFormat;
use crate::diag::{Diagnostic, Diagnostics};
use crate::interchange::{self, export, table, Item};
use std::path::{Path, PathBuf};

/// The items of `file` by its kind, and what was skipped.
fn read(file: &Path) -> Result<interchange::Read, String> {
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "csv" | "xlsx" | "xls" | "xlsm" | "xlsb" | "ods" => table::items(&table::read(file)?),
        "docx" => Ok(interchange::text::items(&interchange::docx::text(file)?)),
        "txt" | "md" | "text" => {
            let bytes =
                std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            Ok(interchange::text::items(&table::decode(&bytes)))
        }
        _ => Err(format!(
            "{}: import reads .xlsx .xls .ods .csv .docx or .txt files",
            file.display()
        )),
    }
}

/// The category of the bank: `--category`, else the one 分类 all rows share, else the file's name.
fn category(items: &[(usize, Item)], given: Option<&str>, file: &Path) -> String {
    if let Some(c) = given {
        return c.to_string();
    }
    let mut all: Vec<&str> = items
        .iter()
        .map(|(_, i)| i.category.as_str())
        .filter(|c| !c.is_empty())
        .collect();
    all.sort_unstable();
    all.dedup();
    match all.as_slice() {
        [one] => one.to_string(),
        _ => file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("导入")
            .to_string(),
    }
}

pub fn import(file: &Path, out: Option<&Path>, given: Option<&str>, root: &Path) -> i32 {
    let (items, skipped) = match read(file) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error[E-IMPORT-FILE]: {e}");
            return EXIT_CONTENT;
        }
    };
    let display = file.display().to_string();
    let mut diags = Diagnostics::new();
    for s in &skipped {
        diags.push(
            Diagnostic::error(s.code, format!("第 {} 行没有导入：{}", s.line, s.reason))
                .in_file(format!("{display}:{}", s.line))
                .with_hint("fix the row or question in the source file and import again; the others were written"),
        );
    }
    let category = category(&items, given, file);
    // A question of another 分类 than the bank's keeps it as a tag.
    let items: Vec<Item> = items
        .into_iter()
        .map(|(_, mut i)| {
            if !i.category.is_empty() && i.category != category && !i.tags.contains(&i.category) {
                i.tags.push(i.category.clone());
            }
            i
        })
        .collect();
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("imported");
    let target: PathBuf = match out {
        Some(o) => o.to_path_buf(),
        None => root
            .join("content")
            .join("banks")
            .join(format!("{stem}.md")),
    };
    if target.exists() {
        eprintln!(
            "error[E-IMPORT-EXISTS]: {} already exists; choose another --out, or move the old file away first",
            target.display()
        );
        return EXIT_USAGE;
    }
    if items.is_empty() {
        diags.emit_to_stderr();
        eprintln!("error: no question could be read from {display}; nothing written");
        return EXIT_CONTENT;
    }
    let text = interchange::write::bank(&items, &category, None);
    if let Some(dir) = target.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Err(e) = std::fs::write(&target, text) {
        eprintln!("error: cannot write {}: {e}", target.display());
        return EXIT_CONTENT;
    }
    if !diags.is_empty() {
        diags.emit_to_stderr();
    }
    println!(
        "Wrote {} questions to {} (category {category}); {} skipped",
        items.len(),
        target.display(),
        skipped.len()
    );
    if skipped.is_empty() {
        EXIT_OK
    } else {
        EXIT_CONTENT
    }
}

pub fn export(banks: &[PathBuf], format: ExportFormat, out: Option<&Path>) -> i32 {
    let mut items = Vec::new();
    for b in banks {
        match export::read_bank(b) {
            Ok((mut list, _)) => items.append(&mut list),
            Err(e) => {
                eprintln!("error: {e}");
                return EXIT_CONTENT;
            }
        }
    }
    let text = match format {
        ExportFormat::Xlsx | ExportFormat::Csv => {
            let ext = if format == ExportFormat::Xlsx {
                "xlsx"
            } else {
                "csv"
            };
            let Some(out) =
                out.filter(|o| o.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext)))
            else {
                eprintln!("error: --format {ext} needs --out FILE.{ext}");
                return EXIT_USAGE;
            };
            // A fixed creation time: the same banks give the same bytes.
            return match crate::results::report::write_one(out, &export::table(&items), 0) {
                Ok(()) => {
                    println!("Wrote {} questions to {}", items.len(), out.display());
                    EXIT_OK
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    EXIT_CONTENT
                }
            };
        }
        ExportFormat::Gift => export::gift(&items),
        ExportFormat::Aiken => {
            let (text, skipped) = export::aiken(&items);
            if skipped > 0 {
                eprintln!("note: Aiken holds single-answer questions only; {skipped} 多选 questions were left out");
            }
            text
        }
    };
    match out {
        Some(o) => match std::fs::write(o, &text) {
            Ok(()) => {
                println!("Wrote {} to {}", format_name(format), o.display());
                EXIT_OK
            }
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", o.display());
                EXIT_CONTENT
            }
        },
        None => {
            print!("{text}");
            EXIT_OK
        }
    }
}

fn format_name(f: ExportFormat) -> &'static str {
    match f {
        ExportFormat::Gift => "GIFT",
        ExportFormat::Aiken => "Aiken",
        ExportFormat::Xlsx => "XLSX",
        ExportFormat::Csv => "CSV",
    }
}

pub fn template(out: &Path) -> i32 {
    if out.exists() {
        eprintln!("error: {} already exists", out.display());
        return EXIT_USAGE;
    }
    let tables = interchange::template::tables();
    let ok = if out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
    {
        crate::results::report::write(out, &tables, 0).map(|_| ())
    } else {
        Err(format!("--out {} must end in .xlsx", out.display()))
    };
    match ok {
        Ok(()) => {
            println!("Wrote {}", out.display());
            EXIT_OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_USAGE
        }
    }
}
