//! Results without a server: `shian quiz grade`, `--data` and the statistics pages, certificates.
//! The codes are made here exactly as the exam page makes them (results::code::encode over the
//! paper results::paper::draw gives for a seed); tests/browser/results.test.mjs checks that the page
//! and this agree.

mod common;

use shian::keys;
use shian::results::code::{encode, Attempt};
use shian::results::{certificate, paper};
use std::path::Path;

/// The attempt at the fixture's exam `mock` for `seed`: `right[i]` answers paper question i right.
fn attempt(root: &Path, seed: u32, started: u64, who: [&str; 2], right: &[bool]) -> Attempt {
    let opts = shian::BuildOptions::new(root);
    let inputs = shian::load::load(&opts.load_options()).unwrap();
    let site = shian::site::assemble(&inputs, &Default::default());
    let set = &site.quiz;
    let exam = set.exams.iter().find(|e| e.id == "mock").unwrap();
    let answers = paper::draw(set, exam, seed)
        .iter()
        .enumerate()
        .map(|(i, slot)| {
            let q = &set.questions[slot.question];
            if right.get(i).copied().unwrap_or(true) {
                q.answer.iter().fold(0, |m, &o| m | 1 << o)
            } else {
                let wrong = (0..paper::option_count(set, slot.question))
                    .find(|o| !q.answer.contains(o))
                    .unwrap();
                1 << wrong
            }
        })
        .collect();
    Attempt {
        quiz: "mock".into(),
        edition: "2024".into(),
        hash: exam.hash.clone(),
        seed,
        started,
        duration: 300,
        leaves: 1,
        collected: who.iter().map(|s| s.to_string()).collect(),
        answers,
    }
}

/// A file of the site folder (not of its output).
fn src(site: &common::Site, rel: &str) -> String {
    std::fs::read_to_string(site.root.join(rel)).unwrap()
}

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const T0: u64 = 1_717_200_000; // 2024-06-01 08:00 in Shanghai

#[test]
fn grades_codes_found_anywhere_and_names_each_rejected_one() {
    let site = common::site("results");
    let good = encode(&attempt(&site.root, 7, T0, ["张三", "甲食品有限公司"], &[]));
    let failed = encode(&attempt(
        &site.root,
        8,
        T0 + 60,
        ["李四", "乙烘焙坊"],
        &[false; 6],
    ));
    let mut other_quiz = attempt(&site.root, 9, T0, ["王五", "甲食品有限公司"], &[]);
    other_quiz.quiz = "nope".into();
    let mut old_edition = attempt(&site.root, 9, T0, ["王五", "甲食品有限公司"], &[]);
    old_edition.edition = "2019".into();
    let mut edited_bank = attempt(&site.root, 9, T0, ["王五", "甲食品有限公司"], &[]);
    edited_bank.hash = "0123456789abcdef".into();
    let mut tampered: Vec<char> = good.chars().collect();
    tampered[30] = if tampered[30] == 'x' { 'y' } else { 'x' };
    let tampered: String = tampered.into_iter().collect();
    let chat = format!(
        "[09:01] 张三：老师，结果码 {good}\n[09:02] 李四：{failed} 谢谢\n[09:03] 张三：再发一次 {good}\n\
         [09:04] 王五：{}\n[09:05] 王五：{}\n[09:06] 王五：{}\n[09:07] 赵六：{}\n[09:08] 钱七：{tampered}\n",
        encode(&other_quiz),
        encode(&old_edition),
        encode(&edited_bank),
        &good[..good.len() - 6],
    );
    site.write("chat.txt", &chat);
    let out = site.cli(&["quiz", "grade", "chat.txt"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("chat.txt:1  张三 甲食品有限公司  100 / 100  合格"),
        "{text}"
    );
    assert!(
        text.contains("chat.txt:2  李四 乙烘焙坊  0 / 100  不合格"),
        "{text}"
    );
    assert!(
        text.contains("Graded 2 attempts: 1 passed, 1 failed; 5 rejected, 1 duplicates dropped"),
        "{text}"
    );
    let err = stderr(&out);
    for (code, line) in [
        ("E-RESULT-QUIZ", 4),
        ("E-RESULT-EDITION", 5),
        ("E-RESULT-HASH", 6),
        ("E-RESULT-TRUNCATED", 7),
        ("E-RESULT-TAMPERED", 8),
    ] {
        assert!(
            err.contains(&format!("error[{code}]")) && err.contains(&format!("chat.txt:{line}:")),
            "{code} at line {line}:\n{err}"
        );
    }
    let hash_line = err.lines().find(|l| l.contains("E-RESULT-HASH")).unwrap();
    insta::assert_snapshot!("grade_rejected_hash", hash_line);
}

#[test]
fn reads_json_downloads_form_exports_and_code_lists() {
    let site = common::site("results");
    let a = encode(&attempt(
        &site.root,
        21,
        T0,
        ["张三", "甲食品有限公司"],
        &[],
    ));
    let b = encode(&attempt(
        &site.root,
        22,
        T0 + 60,
        ["李四", "乙烘焙坊"],
        &[false; 6],
    ));
    let c = encode(&attempt(
        &site.root,
        23,
        T0 + 120,
        ["王五", "甲食品有限公司"],
        &[],
    ));
    // The result page's download (format 2), pretty-printed as a browser saves it.
    site.write(
        "张三-结果.json",
        &format!(
            "{{\n  \"format\": \"shian-exam-result\",\n  \"version\": 2,\n  \"code\": \"{a}\",\n  \"score\": 100\n}}\n"
        ),
    );
    // A form's CSV export (with a BOM) where learners pasted the code into a quoted cell.
    site.write(
        "问卷导出.csv",
        &format!("\u{feff}序号,提交时间,结果码\n1,2024/6/1 8:30,\"我的结果码：{b}，谢谢\"\n"),
    );
    // One code per line; a code cut short by a careless copy, and a word that only looks like a code.
    site.write(
        "codes.txt",
        &format!("{c}\nSA1{}\nSA1zzzzzzzzzzzzzzzz\n", &c[3..16]),
    );
    let out = site.cli(&[
        "quiz",
        "grade",
        "张三-结果.json",
        "问卷导出.csv",
        "codes.txt",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    for line in [
        "张三-结果.json:4  张三 甲食品有限公司  100 / 100  合格",
        "问卷导出.csv:2  李四 乙烘焙坊  0 / 100  不合格",
        "codes.txt:1  王五 甲食品有限公司  100 / 100  合格",
        "Graded 3 attempts: 2 passed, 1 failed; 2 rejected",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    let err = stderr(&out);
    for (code, at) in [
        ("E-RESULT-TRUNCATED", "codes.txt:2:1"),
        ("E-RESULT-MALFORMED", "codes.txt:3:1"),
    ] {
        assert!(
            err.contains(&format!("error[{code}]")) && err.contains(at),
            "{code} at {at}:\n{err}"
        );
    }
}

#[test]
fn a_bank_edited_after_the_attempt_rejects_its_code() {
    let site = common::site("results");
    let code = encode(&attempt(
        &site.root,
        11,
        T0,
        ["张三", "甲食品有限公司"],
        &[],
    ));
    site.write("codes.txt", &format!("{code}\n"));
    let before = site.cli(&["quiz", "grade", "codes.txt"]);
    assert_eq!(before.status.code(), Some(0), "{}", stderr(&before));
    let bank = src(&site, "content/banks/law/fsl.md");
    site.write(
        "content/banks/law/fsl.md",
        &bank.replacen("解析：", "解析：（修订）", 1),
    );
    let after = site.cli(&["quiz", "grade", "codes.txt"]);
    assert_eq!(after.status.code(), Some(1));
    assert!(
        stderr(&after).contains("error[E-RESULT-HASH]"),
        "{}",
        stderr(&after)
    );
    assert!(
        stderr(&after).contains("shian edition freeze"),
        "{}",
        stderr(&after)
    );
}

#[test]
fn xlsx_has_a_sheet_per_table_with_chinese_headers() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let site = common::site("results");
    let a = encode(&attempt(
        &site.root,
        21,
        T0,
        ["张三", "甲食品有限公司"],
        &[],
    ));
    let b = encode(&attempt(
        &site.root,
        22,
        T0 + 99,
        ["张三", "甲食品有限公司"],
        &[false; 6],
    ));
    site.write(
        "form.csv",
        &format!("提交时间,结果码\n2024-06-01,\"{a}\"\n2024-06-02,{b}\n"),
    );
    let out = site.cli(&["quiz", "grade", "form.csv", "--out", "out.xlsx"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut book: Xlsx<_> = open_workbook(site.root.join("out.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), vec!["成绩", "题目统计", "分类统计"]);
    let sheet = book.worksheet_range("成绩").unwrap();
    let row = |r: usize| -> Vec<String> {
        (0..14)
            .map(|c| match sheet.get((r, c)) {
                Some(Data::String(s)) => s.clone(),
                Some(Data::Float(f)) => format!("{f}"),
                Some(Data::Int(i)) => format!("{i}"),
                _ => String::new(),
            })
            .collect()
    };
    assert_eq!(
        row(0),
        [
            "考试",
            "版本",
            "姓名",
            "企业",
            "得分",
            "满分",
            "得分率(%)",
            "是否合格",
            "是否首次",
            "开始时间",
            "用时(秒)",
            "离开页面次数",
            "来源",
            "结果码"
        ]
    );
    assert_eq!(
        row(1)[..12],
        [
            "mock",
            "2024",
            "张三",
            "甲食品有限公司",
            "100",
            "100",
            "100",
            "是",
            "是",
            "2024-06-01 08:00",
            "300",
            "1"
        ]
    );
    // The same learner again: a retake, not a first attempt.
    assert_eq!(row(2)[4..9], ["0", "100", "0", "否", "否"]);
    assert_eq!(row(2)[13], b);
    let q = book.worksheet_range("题目统计").unwrap();
    assert_eq!(
        q.get((0, 4)),
        Some(&Data::String("难度系数(得分率%)".into()))
    );
    assert_eq!(q.height(), 1 + 6, "six questions drawn over the two papers");
    let c = book.worksheet_range("分类统计").unwrap();
    assert_eq!(c.get((0, 0)), Some(&Data::String("分类".into())));
    // The same codes give the same bytes: the creation time is the latest attempt's end, not now.
    let first = std::fs::read(site.root.join("out.xlsx")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let again = site.cli(&["quiz", "grade", "form.csv", "--out", "again.xlsx"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(first == std::fs::read(site.root.join("again.xlsx")).unwrap());
}

#[test]
fn data_keeps_each_attempt_once_and_the_statistics_pages_show_them() {
    let site = common::site("results");
    let mut codes = String::new();
    // 甲 (宝山区): two learners pass at once; 乙 (嘉定区): one fails, then passes on a retake.
    codes += &format!(
        "{}\n",
        encode(&attempt(
            &site.root,
            31,
            T0,
            ["张三", "甲食品有限公司"],
            &[]
        ))
    );
    codes += &format!(
        "{}\n",
        encode(&attempt(
            &site.root,
            32,
            T0 + 10,
            ["李四", "甲食品有限公司"],
            &[]
        ))
    );
    codes += &format!(
        "{}\n",
        encode(&attempt(
            &site.root,
            33,
            T0 + 20,
            ["王五", "乙烘焙坊"],
            &[false; 6]
        ))
    );
    codes += &format!(
        "{}\n",
        encode(&attempt(&site.root, 34, T0 + 30, ["王五", "乙烘焙坊"], &[]))
    );
    site.write("codes.txt", &codes);
    let first = site.cli(&["quiz", "grade", "codes.txt", "--data"]);
    assert!(
        stdout(&first).contains("Added 4 attempts to data/results/"),
        "{}",
        stdout(&first)
    );
    let again = site.cli(&["quiz", "grade", "codes.txt", "--data"]);
    assert!(
        stdout(&again).contains("Added 0 attempts"),
        "{}",
        stdout(&again)
    );
    let kept = src(&site, "data/results/mock-2024.csv");
    assert_eq!(
        kept.lines().count(),
        5,
        "a header and four attempts:\n{kept}"
    );
    assert!(
        kept.starts_with("结果码,开始时间,姓名,企业,得分,满分,是否合格,用时(秒),离开页面次数\n")
    );

    site.build_ok();
    let page = site.read("results/mock/index.html");
    assert!(!page.contains("张三"), "no learner's name on a public page");
    let shown = common::between(&page, "<dl class=\"stats\">", "</dl>");
    insta::assert_snapshot!("results_summary", shown);
    let districts = common::between(&page, "id=\"results-districts-caption\"", "</table>");
    insta::assert_snapshot!("results_districts", districts);
    assert!(page.contains("<svg"), "charts are drawn");
    assert!(site.read("results/index.html").contains("results/mock/"));
    // The first-attempt pass rate indicator takes its values from the results: 2 of the 3 learners
    // passed at their first attempt (66.7%); 宝山区 2 of 2, 嘉定区 0 of 1.
    let ind = site.read("data/indicators/index.html");
    let table = common::between(&ind, "<tbody>", "</tbody>");
    let row = |scope: &str| common::between(table, &format!(">{scope}</th>"), "</tr>").to_string();
    assert!(row("宝山区").contains(">100%<"), "{table}");
    assert!(row("嘉定区").contains(">0%<"), "{table}");
    assert!(row("全市").contains(">66.7%<"), "{table}");
}

#[test]
fn a_damaged_code_in_data_results_fails_the_build_at_its_line() {
    let site = common::site("results");
    let code = encode(&attempt(
        &site.root,
        41,
        T0,
        ["张三", "甲食品有限公司"],
        &[],
    ));
    site.write(
        "data/results/mock-2024.csv",
        &format!("结果码\n{code}\n{}\n", &code[..code.len() - 5]),
    );
    let err = site.build_err();
    assert!(
        err.contains("E-RESULT-TRUNCATED") && err.contains("data/results/mock-2024.csv:3:"),
        "{err}"
    );
}

#[test]
fn an_indicator_cannot_take_results_of_an_unknown_exam() {
    let site = common::site("results");
    site.write(
        "data/indicators.toml",
        "[[indicator]]\nid = \"x\"\nname = \"x\"\ntarget = 80\ncomparison = \">=\"\nresults = \"nope\"\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("E-DATA-RESULTS") && err.contains("data/indicators.toml:6:"),
        "{err}"
    );
}

#[test]
fn keygen_keeps_the_secret_outside_the_site() {
    let site = common::site("results");
    let inside = site.cli(&["quiz", "keygen", "--out", "organiser.key"]);
    assert_eq!(inside.status.code(), Some(2));
    assert!(
        stderr(&inside).contains("inside the site folder"),
        "{}",
        stderr(&inside)
    );
    assert!(!site.root.join("organiser.key").exists());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("organiser.key");
    let out = site.cli(&["quiz", "keygen", "--out", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let key = keys::read_secret(&file).unwrap();
    assert!(stdout(&out).contains(&keys::public_text(&key.verifying_key())));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let twice = site.cli(&["quiz", "keygen", "--out", file.to_str().unwrap()]);
    assert_eq!(twice.status.code(), Some(2), "never overwrites a key");
}

#[test]
fn certify_signs_passing_attempts_that_the_site_key_verifies() {
    let site = common::site("results");
    let dir = tempfile::tempdir().unwrap();
    let key_file = dir.path().join("k.key");
    // The fixture's site.toml holds the public key of this test key.
    let key = ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]);
    std::fs::write(&key_file, keys::secret_text(&key)).unwrap();
    let pass = encode(&attempt(
        &site.root,
        51,
        T0,
        ["张三", "甲食品有限公司"],
        &[],
    ));
    let fail = encode(&attempt(
        &site.root,
        52,
        T0,
        ["李四", "乙烘焙坊"],
        &[false; 6],
    ));
    site.write("codes.txt", &format!("{pass}\n{fail}\n"));
    let out = site.cli(&[
        "quiz",
        "certify",
        "--key",
        key_file.to_str().unwrap(),
        "codes.txt",
        "--out",
        "certs.csv",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Signed 1 certificates"),
        "{}",
        stdout(&out)
    );
    let csv = src(&site, "certs.csv");
    let line = csv.lines().nth(1).unwrap();
    assert!(
        line.contains("张三 甲食品有限公司") && line.contains("https://example.org/verify/#SC1"),
        "{line}"
    );
    let code = line.rsplit('#').next().unwrap();
    let cert = certificate::verify(code, &key.verifying_key()).unwrap();
    assert_eq!(cert.score, 100.0);
    assert_eq!(cert.fields[0], ("姓名".to_string(), "张三".to_string()));

    let other = dir.path().join("other.key");
    std::fs::write(
        &other,
        keys::secret_text(&ed25519_dalek::SigningKey::from_bytes(&[9u8; 32])),
    )
    .unwrap();
    let wrong = site.cli(&[
        "quiz",
        "certify",
        "--key",
        other.to_str().unwrap(),
        "codes.txt",
    ]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(
        stderr(&wrong).contains("is not the key of this site"),
        "{}",
        stderr(&wrong)
    );

    site.build_ok();
    let verify = site.read("verify/index.html");
    assert!(verify.contains("6kpsY-KcUgq-9VB7Ey7F-ZVHdq6-vnuSQh7qaRRG0iw"));
    assert!(verify.contains("assets/ed25519.js"));
}
