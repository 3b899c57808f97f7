//! Bounded work (docs/reliability.md, "Limits"): inputs far beyond any real site are checked or
//! refused with a clear error, never a hang. Each case runs on a thread with a generous guard
//! (minutes, not a speed claim: the figures are in docs/benchmarks.md, `scripts/stress`).

mod common;

use std::time::Duration;

/// A guard against a hang only; the debug build on a loaded CI machine is far below it.
const HANG: Duration = Duration::from_secs(180);

/// A one-page site whose page body is `body`.
fn site_with(body: &str) -> common::Site {
    let site = common::site("markdown");
    site.write(
        "content/big.md",
        &format!("+++\ntitle = \"大\"\n+++\n\n{body}"),
    );
    site
}

/// Checks the site (renders everything, writes nothing) on a thread; panics on a hang.
fn check(site: common::Site) -> Result<(), String> {
    let (tx, rx) = std::sync::mpsc::channel();
    let opts = site.options();
    std::thread::spawn(move || {
        let r = shian::build(&opts, shian::Target::Nothing)
            .map(|_| ())
            .map_err(|d| d.render_plain());
        let _ = tx.send(r);
    });
    let r = rx
        .recv_timeout(HANG)
        .expect("the check did not finish: a hang");
    drop(site);
    r
}

#[test]
fn a_100000_item_list_checks() {
    let body: String = (0..100_000).map(|i| format!("- 第{i}项\n")).collect();
    check(site_with(&body)).unwrap();
}

#[test]
fn ten_thousand_levels_of_nesting_check() {
    check(site_with(&format!("{} 深\n", ">".repeat(10_000)))).unwrap();
    let list: String = (0..3_000)
        .map(|i| format!("{}- 层\n", "  ".repeat(i)))
        .collect();
    check(site_with(&list)).unwrap();
    check(site_with(&format!(
        "{}x{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    )))
    .unwrap();
}

#[test]
fn a_1_mb_line_and_a_10_mb_file_check() {
    check(site_with(&format!("{}\n", "食品安全".repeat(87_000)))).unwrap();
    let para = format!(
        "{}\n\n",
        "食品生产经营者应当建立进货查验记录制度。".repeat(20)
    );
    check(site_with(&para.repeat(12_000))).unwrap();
}

#[test]
fn adversarial_delimiters_check() {
    check(site_with(&format!("{}\n", "**注意：**".repeat(100_000)))).unwrap();
    check(site_with(&format!("{}\n", "中[".repeat(300_000)))).unwrap();
    check(site_with(&format!("{}\n", "<".repeat(400_000)))).unwrap();
    check(site_with(&format!("{}\n", "*a **b ".repeat(100_000)))).unwrap();
}

#[test]
fn too_many_shortcodes_are_one_error() {
    let body = "{{ note(text=\"提示\") }}\n".repeat(100_000);
    let err = check(site_with(&body)).unwrap_err();
    assert_eq!(
        err.matches("error[").count(),
        1,
        "{}",
        &err[..err.len().min(2000)]
    );
    assert!(
        err.contains("E-SC-LIMIT") && err.contains("content/big.md:5005:1"),
        "{err}"
    );
}

#[test]
fn a_file_with_20000_errors_prints_the_first_1000_and_a_count() {
    let site = common::site("invalid/data-enterprise-value");
    let mut csv = String::from("id,name,district,industry,scale,risk_grade\n");
    for i in 0..20_000 {
        csv.push_str(&format!("e{i},企业{i},宝山区,乳制品,大型,Z\n"));
    }
    site.write("data/enterprises.csv", &csv);
    let err = check(site).unwrap_err();
    assert_eq!(
        err.matches("error[").count(),
        1000,
        "the first 1,000 are shown"
    );
    assert!(err.contains("... and 19"), "{}", &err[err.len() - 300..]);
    assert!(
        err.trim_end().ends_with("errors, 0 warnings"),
        "{}",
        &err[err.len() - 300..]
    );
}

#[test]
fn deep_category_globs_match_in_polynomial_time() {
    let glob = vec!["**"; 24].join("/") + "/x";
    let category = vec!["a"; 40].join("/");
    assert!(!shian::quiz::draw::glob_match(&glob, &category));
    assert!(shian::quiz::draw::glob_match(&glob, &(category + "/x")));
}
