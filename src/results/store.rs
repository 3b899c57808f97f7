//! `data/results/`: the graded attempts a site keeps, one CSV per exam and edition
//! (`data/results/samr-mock-2024.csv`). The result code is the record; the other columns are there
//! for people reading the file. Every build grades the codes again for the statistics pages, so an
//! edited score column changes nothing. `shian quiz grade --data` appends, never twice the same
//! attempt.

use super::grade::Graded;
use crate::quiz::QuizSet;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The file of an exam's edition, under the site root.
pub fn file_for(root: &Path, quiz: &str, edition: &str) -> PathBuf {
    root.join("data")
        .join("results")
        .join(format!("{quiz}-{edition}.csv"))
}

/// What [`append`] did.
#[derive(Debug, Default, PartialEq)]
pub struct Appended {
    pub added: usize,
    /// Attempts the files already held.
    pub kept: usize,
    pub files: Vec<PathBuf>,
}

/// Appends the attempts not yet kept.
pub fn append(root: &Path, set: &QuizSet, graded: &[Graded]) -> Result<Appended, String> {
    let mut groups: BTreeMap<(String, String), Vec<&Graded>> = BTreeMap::new();
    for g in graded {
        groups
            .entry((g.attempt.quiz.clone(), g.attempt.edition.clone()))
            .or_default()
            .push(g);
    }
    let mut done = Appended::default();
    for ((quiz, edition), list) in groups {
        let path = file_for(root, &quiz, &edition);
        let old = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        let text: Arc<str> = Arc::from(old.as_str());
        let kept: HashSet<_> = super::scan::find("", &text, b'A')
            .iter()
            .filter_map(|f| super::code::decode(&f.code).ok())
            .map(|a| super::attempt_key(&a))
            .collect();
        let new: Vec<&Graded> = list
            .into_iter()
            .filter(|g| !kept.contains(&super::attempt_key(&g.attempt)))
            .collect();
        done.kept += kept.len();
        if new.is_empty() {
            continue;
        }
        let labels = &set.exams[new[0].exam].collect;
        let body = rows(&old, labels, &new)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        write_atomic(&path, &body)?;
        done.added += new.len();
        done.files.push(path);
    }
    Ok(done)
}

fn rows(old: &str, labels: &[String], new: &[&Graded]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    if old.trim().is_empty() {
        let mut head: Vec<String> = vec!["结果码".into(), "开始时间".into()];
        head.extend(labels.iter().cloned());
        head.extend(["得分", "满分", "是否合格", "用时(秒)", "离开页面次数"].map(String::from));
        w.write_record(&head)?;
    }
    for g in new {
        let a = &g.attempt;
        let mut row = vec![g.code.clone(), super::time::stamp(a.started)];
        row.extend(
            labels
                .iter()
                .enumerate()
                .map(|(i, _)| a.collected.get(i).cloned().unwrap_or_default()),
        );
        row.extend([
            format!("{}", g.score),
            format!("{}", g.total),
            if g.passed { "是" } else { "否" }.to_string(),
            a.duration.to_string(),
            a.leaves.to_string(),
        ]);
        w.write_record(&row)?;
    }
    let mut out = old.as_bytes().to_vec();
    if !out.is_empty() && !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    out.extend(w.into_inner().map_err(|e| e.into_error())?);
    Ok(out)
}

pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let tmp = path.with_extension("csv.shian-tmp");
    std::fs::write(&tmp, bytes).map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(fail)
}
