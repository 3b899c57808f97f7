//! `shian quiz grade`: result codes and self-check codes read back (docs/results.md,
//! docs/checklists.md); `keygen` and `certify` are in `certify.rs`, `import`/`export` in `bank.rs`.

use super::{options, EXIT_CONTENT, EXIT_OK, EXIT_USAGE};
use crate::checklists;
use crate::cli::{QuizAction, SiteArgs};
use crate::diag::Diagnostics;
use crate::results::{self, report, scan, Batch};
use crate::site::Site;
use crate::Target;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub fn run(action: QuizAction) -> i32 {
    match action {
        QuizAction::Grade {
            files,
            out,
            data,
            site,
        } => grade(&site, &files, out.as_deref(), data),
        QuizAction::Import {
            file,
            out,
            category,
            root,
        } => super::bank::import(&file, out.as_deref(), category.as_deref(), &root),
        QuizAction::Export { banks, format, out } => {
            super::bank::export(&banks, format, out.as_deref())
        }
        QuizAction::Template { out } => super::bank::template(&out),
        QuizAction::Keygen { out, site } => super::certify::keygen(&site, &out),
        QuizAction::Certify {
            key,
            files,
            out,
            site,
        } => super::certify::certify(&site, &key, &files, out.as_deref()),
    }
}

/// The site as a build sees it; its errors stop grading (the banks must be what the site builds),
/// except problems of `data/results/` itself, which grading is there to mend.
pub(super) fn load_site(args: &SiteArgs) -> Result<Site, i32> {
    let opts = options(args);
    let inputs = crate::load::load(&opts.load_options()).map_err(|d| {
        Diagnostics::from(d).emit_to_stderr();
        EXIT_CONTENT
    })?;
    let site = crate::site::assemble(&inputs, &opts.site_options(&Target::Nothing));
    let mut diags = crate::site::check(&site);
    diags.retain(|d| {
        d.is_error()
            && !d
                .file
                .as_deref()
                .is_some_and(|f| f.starts_with("data/results/"))
    });
    if diags.has_errors() {
        diags.emit_to_stderr();
        eprintln!("error: the site has errors; fix them first (grading uses the banks as the site builds them)");
        return Err(EXIT_CONTENT);
    }
    Ok(site)
}

/// Reads the files and grades every result code in them; problems are printed.
pub(super) fn grade_files(site: &Site, files: &[PathBuf]) -> Result<Batch, i32> {
    let (found, _) = read_codes(files, false)?;
    Ok(grade_found(site, found))
}

fn grade_found(site: &Site, found: Vec<scan::Found>) -> Batch {
    let mut diags = Diagnostics::new();
    let batch = results::grade_found(&site.quiz, &site.config.edition, found, &mut diags);
    if !diags.is_empty() {
        diags.emit_to_stderr();
    }
    batch
}

/// The result codes (`SA1…`) and, with `checks`, the self-check codes (`SK1…`) in the files.
type Codes = (Vec<scan::Found>, Vec<scan::Found>);

fn read_codes(files: &[PathBuf], checks: bool) -> Result<Codes, i32> {
    let (mut found, mut found_checks) = (Vec::new(), Vec::new());
    for path in files {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", path.display());
                return Err(EXIT_USAGE);
            }
        };
        let text: Arc<str> = Arc::from(String::from_utf8_lossy(&bytes).as_ref());
        let display = path.display().to_string();
        let codes = scan::find(&display, &text, b'A');
        let check_codes = if checks {
            scan::find(&display, &text, b'K')
        } else {
            Vec::new()
        };
        if codes.is_empty() && check_codes.is_empty() {
            if checks {
                eprintln!("warning: no result code (SA1…) or 自查码 (SK1…) in {display}");
            } else {
                eprintln!("warning: no result code (SA1…) in {display}");
            }
        }
        found.extend(codes);
        found_checks.extend(check_codes);
    }
    Ok((found, found_checks))
}

/// Reads the self-check codes against the site's checklists; problems are printed.
fn read_checks(site: &Site, found: Vec<scan::Found>) -> checklists::tally::Batch {
    let mut diags = Diagnostics::new();
    let batch = checklists::tally::read(&site.checklists, &site.config.edition, found, &mut diags);
    if !diags.is_empty() {
        diags.emit_to_stderr();
    }
    batch
}

fn grade(args: &SiteArgs, files: &[PathBuf], out: Option<&Path>, data: bool) -> i32 {
    let site = match load_site(args) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let (found, found_checks) = match read_codes(files, true) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let batch = grade_found(&site, found);
    let checks = read_checks(&site, found_checks);
    let set = &site.quiz;
    for g in &batch.graded {
        println!(
            "{}:{}  {}  {} / {}  {}{}",
            g.file,
            g.line,
            g.attempt.collected.join(" "),
            g.score,
            g.total,
            if g.passed { "合格" } else { "不合格" },
            if g.first { "" } else { "（补考）" }
        );
    }
    for r in &checks.rows {
        let c = &site.checklists.list[r.checklist];
        let rating = r
            .outcome
            .rating
            .map(|b| c.bands[b].name.as_str())
            .unwrap_or("—");
        println!(
            "{}:{}  {}  {}  {}  {}  {}{}",
            r.file,
            r.line,
            results::time::date(u64::from(r.record.day) * 86_400),
            r.record.enterprise,
            c.title,
            r.outcome
                .score
                .map_or_else(|| "—".to_string(), |s| format!("{s}%")),
            rating,
            if r.outcome.zero_risk {
                "（零风险）"
            } else {
                ""
            }
        );
    }
    let passed = batch.graded.iter().filter(|g| g.passed).count();
    if !checks.rows.is_empty() || checks.rejected > 0 {
        println!(
            "Read {} self-check records; {} rejected, {} replaced by a later code of the same day",
            checks.rows.len(),
            checks.rejected,
            checks.replaced
        );
    }
    if !batch.graded.is_empty() || batch.rejected > 0 || checks.rows.is_empty() {
        println!(
            "Graded {} attempts: {passed} passed, {} failed; {} rejected, {} duplicates dropped",
            batch.graded.len(),
            batch.graded.len() - passed,
            batch.rejected,
            batch.duplicates
        );
    }
    let mut status = if batch.rejected + checks.rejected > 0 {
        EXIT_CONTENT
    } else {
        EXIT_OK
    };
    if let Some(out) = out {
        let refs: Vec<_> = batch.graded.iter().collect();
        let stats = results::stats::compute(set, &refs);
        let mut tables = Vec::new();
        if !batch.graded.is_empty() || checks.rows.is_empty() {
            tables.push(report::attempts(set, &batch.graded));
            tables.push(report::questions(set, &stats));
            tables.push(report::categories(&stats));
        }
        if !checks.rows.is_empty() {
            tables.push(checklists::sheet::table(&site.checklists, &checks.rows));
        }
        let last_day = checks
            .rows
            .iter()
            .map(|r| u64::from(r.record.day + 1) * 86_400)
            .max();
        let created = report::latest_end(&batch.graded).max(last_day.unwrap_or(0));
        match report::write(out, &tables, created) {
            Ok(written) => {
                for w in written {
                    println!("Wrote {}", w.display());
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                status = EXIT_CONTENT;
            }
        }
    }
    if data && !checks.rows.is_empty() {
        match checklists::sheet::append(&args.root, &site.checklists, &checks.rows) {
            Ok((added, _)) => println!(
                "Added {added} self-check records to data/checks/ ({} were there already)",
                checks.rows.len() - added
            ),
            Err(e) => {
                eprintln!("error: {e}");
                status = EXIT_CONTENT;
            }
        }
    }
    if data && !batch.graded.is_empty() {
        match results::store::append(&args.root, set, &batch.graded) {
            Ok(done) => {
                println!(
                    "Added {} attempts to data/results/ ({} were there already)",
                    done.added,
                    batch.graded.len() - done.added
                );
            }
            Err(e) => {
                eprintln!("error: {e}");
                status = EXIT_CONTENT;
            }
        }
    }
    status
}
