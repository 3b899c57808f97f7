//! `shian quiz keygen | certify`: the organiser's Ed25519 key and the certificates it signs for
//! passing attempts (docs/results.md, "Certificates").

use super::quiz::{grade_files, load_site};
use super::{EXIT_CONTENT, EXIT_OK, EXIT_USAGE};
use crate::cli::SiteArgs;
use crate::keys;
use crate::results::{self, certificate, report, Batch};
use crate::site::Site;
use std::path::{Path, PathBuf};

pub(super) fn keygen(args: &SiteArgs, out: &Path) -> i32 {
    if out.exists() {
        eprintln!(
            "error: {} exists already; a new key would make every certificate issued with the old one unverifiable\n  hint: choose another file name, or delete the old file first if you really mean to replace the key",
            out.display()
        );
        return EXIT_USAGE;
    }
    if let (Ok(root), Some(Ok(dir))) = (
        args.root.canonicalize(),
        out.parent().map(|p| {
            if p.as_os_str().is_empty() {
                Path::new(".").canonicalize()
            } else {
                p.canonicalize()
            }
        }),
    ) {
        if dir.starts_with(&root) {
            eprintln!(
                "error: {} is inside the site folder {}; the secret key must never be published or committed\n  hint: write it outside the site, e.g. --out ~/shian-organiser.key",
                out.display(),
                root.display()
            );
            return EXIT_USAGE;
        }
    }
    let key = match keys::generate() {
        Ok(k) => k,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_CONTENT;
        }
    };
    if let Err(e) = write_secret(out, &keys::secret_text(&key)) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return EXIT_CONTENT;
    }
    println!(
        "Wrote the secret key to {} (keep it safe and private).",
        out.display()
    );
    println!(
        "Add the public key to site.toml:\n\n[results]\npublic_key = \"{}\"",
        keys::public_text(&key.verifying_key())
    );
    EXIT_OK
}

fn write_secret(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)?.write_all(text.as_bytes())
}

pub(super) fn certify(
    args: &SiteArgs,
    key_file: &Path,
    files: &[PathBuf],
    out: Option<&Path>,
) -> i32 {
    let key = match keys::read_secret(key_file) {
        Ok(k) => k,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
    };
    let site = match load_site(args) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let public = keys::public_text(&key.verifying_key());
    match site.config.results.public_key.as_deref().map(str::trim) {
        Some(p) if p == public => {}
        Some(_) => {
            eprintln!("error: {} is not the key of this site: site.toml [results] public_key differs\n  hint: use the key file whose public key is in site.toml, or put this one's in: public_key = \"{public}\"", key_file.display());
            return EXIT_CONTENT;
        }
        None => {
            eprintln!("error: site.toml has no [results] public_key, so the site cannot verify certificates\n  hint: add\n\n[results]\npublic_key = \"{public}\"\n\nand publish the site again");
            return EXIT_CONTENT;
        }
    }
    let batch = match grade_files(&site, files) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let rows = certificates(&site, &batch, &key);
    let status = if batch.rejected > 0 {
        EXIT_CONTENT
    } else {
        EXIT_OK
    };
    let Some(out) = out else {
        for r in &rows {
            println!("{}  {}", r.names, r.url);
        }
        println!(
            "Signed {} certificates ({} attempts did not pass)",
            rows.len(),
            batch.graded.len() - rows.len()
        );
        return status;
    };
    let table = report::Table {
        sheet: "证书",
        headers: ["姓名及单位", "考试", "得分", "日期", "证书码", "验证链接"]
            .map(String::from)
            .to_vec(),
        rows: rows
            .iter()
            .map(|r| {
                [&r.names, &r.exam, &r.score, &r.date, &r.code, &r.url]
                    .map(|s| report::Cell::Text(s.to_string()))
                    .to_vec()
            })
            .collect(),
    };
    match report::write_one(out, &table, report::latest_end(&batch.graded)) {
        Ok(()) => {
            println!("Signed {} certificates into {}", rows.len(), out.display());
            status
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_CONTENT
        }
    }
}

struct CertRow {
    names: String,
    exam: String,
    score: String,
    date: String,
    code: String,
    url: String,
}

fn certificates(site: &Site, batch: &Batch, key: &ed25519_dalek::SigningKey) -> Vec<CertRow> {
    let verify = format!("{}{}", site.config.base_url(), crate::paths::VERIFY_PATH);
    batch
        .graded
        .iter()
        .filter(|g| g.passed)
        .map(|g| {
            let exam = &site.quiz.exams[g.exam];
            let cert = certificate::Certificate::of(g, &exam.collect);
            let code = certificate::sign(&cert, key);
            CertRow {
                names: g.attempt.collected.join(" "),
                exam: exam.title.clone(),
                score: format!("{} / {}", g.score, g.total),
                date: results::time::date(cert.ended),
                url: format!("{verify}#{code}"),
                code,
            }
        })
        .collect()
}
