//! Self-check forms (docs/checklists.md): the form page, every validation rule, and 自查码 read back
//! by `shian quiz grade` into tables, `data/checks/` and the 履职率 page.

mod common;

use serde_json::Value;
use shian::checklists::code::{encode, Record};
use shian::checklists::record::Answer::{self, Fail, Na, Pass};

fn form_json(html: &str) -> Value {
    let start = "<script type=\"application/json\" data-checklist>";
    let json = common::between(html, start, "</script>");
    serde_json::from_str(&json[start.len()..json.len() - "</script>".len()]).unwrap()
}

fn built() -> common::Site {
    let site = common::site("checklists");
    site.build_ok();
    site
}

#[test]
fn a_checklist_page_is_a_form_with_native_radios_in_fieldsets() {
    let site = built();
    let html = site.read("checklists/daily/index.html");
    assert!(
        html.contains("<p>每天开工前由食品安全员填写。</p>"),
        "the intro is Markdown"
    );
    assert_eq!(html.matches("<fieldset class=\"ck-item").count(), 5);
    for id in [
        "staff-health",
        "staff-wash",
        "purchase-cert",
        "purchase-ledger",
        "purchase-store",
    ] {
        for value in ["pass", "fail", "na"] {
            let radio = format!("<input type=\"radio\" name=\"a-{id}\" value=\"{value}\">");
            assert!(html.contains(&radio), "{radio}");
        }
        assert!(html.contains(&format!("<textarea id=\"p-{id}\" name=\"p-{id}\"")));
        assert!(html.contains(&format!("<textarea id=\"m-{id}\" name=\"m-{id}\"")));
    }
    assert!(html.contains(
        "<fieldset class=\"ck-item is-key\" id=\"staff-health\" data-item=\"staff-health\">"
    ));
    assert!(html.contains("<strong class=\"ck-key\">关键项</strong>"));
    assert!(
        html.contains("依据：<a href=\"/laws/fsl/#art-45\">食品安全法 第四十五条</a>"),
        "{}",
        common::between(&html, "staff-health", "</fieldset>")
    );
    assert!(html.contains("风险可控 ≥ 95%、一般风险隐患 ≥ 80%、严重风险隐患 ≥ 0%"));
    assert!(html.contains("检查人签字"), "signature lines for paper");
    let json = form_json(&html);
    assert_eq!(json["period"], "daily");
    assert_eq!(json["items"].as_array().unwrap().len(), 5);
    assert_eq!(json["items"][0]["key"], true);
    assert_eq!(json["items"][0]["group"], "人员管理");
    assert_eq!(json["hash"].as_str().unwrap().len(), 16);
    assert!(json["gathers"].is_null());

    let weekly = site.read("checklists/weekly/index.html");
    let w = form_json(&weekly);
    assert_eq!(w["gathers"]["id"], "daily");
    assert_eq!(w["gathers"]["items"].as_array().unwrap().len(), 5);
    assert!(weekly.contains("本周问题汇总"));
    assert!(weekly.contains("<input type=\"radio\" name=\"risk\" value=\"2\"> 严重风险隐患"));
    let monthly = site.read("checklists/monthly/index.html");
    assert_eq!(form_json(&monthly)["gathers"]["id"], "weekly");
    assert!(monthly.contains("本月问题汇总"));
    assert!(
        !monthly.contains("ck-summary"),
        "a form without items of its own has no score"
    );
    // The section lists the forms; links to the items resolve (anchors are the item ids).
    let index = site.read("checklists/index.html");
    assert!(index.contains("每日检查记录") && index.contains("每周排查治理报告"));
}

#[test]
fn item_ids_are_link_anchors() {
    let site = common::site("checklists");
    site.write(
        "content/about.md",
        "+++\ntitle = \"关于\"\n+++\n\n见[健康证明](@/checklists/daily.md#staff-health)。\n",
    );
    site.build_ok();
    site.write(
        "content/about.md",
        "+++\ntitle = \"关于\"\n+++\n\n见[健康证明](@/checklists/daily.md#staff-heath)。\n",
    );
    assert!(site.build_err().contains("staff-heath"));
}

fn rule(case: &str, code: &str, location: &str) {
    let site = common::site(&format!("invalid/{case}"));
    let text = match site.build_with(|o| o.strict = true) {
        Ok(_) => panic!("{case} should fail"),
        Err(d) => d.render_plain(),
    };
    assert!(
        text.contains(&format!("[{code}]")),
        "{case}: no {code} in\n{text}"
    );
    assert!(text.contains(location), "{case}: no {location} in\n{text}");
    assert!(text.contains("hint:"), "{case}: no hint in\n{text}");
    assert_eq!(
        text.matches("error[").count() + text.matches("warning[").count(),
        1,
        "{case}: one mistake, one message:\n{text}"
    );
    insta::assert_snapshot!(case, text);
}

#[test]
fn rule_duplicate_id() {
    rule(
        "ck-id-dup",
        "E-CK-ID-DUP",
        "content/checklists/daily.md:23:1",
    );
}
#[test]
fn rule_unknown_gathers() {
    rule(
        "ck-gathers",
        "E-CK-GATHERS",
        "content/checklists/weekly.md:4:11",
    );
}
#[test]
fn rule_unresolved_basis_is_a_warning() {
    rule("ck-ref", "W-CK-REF", "content/checklists/daily.md:22:6");
}
#[test]
fn rule_bands_not_descending() {
    rule("ck-bands", "E-CK-BANDS", "content/checklists/daily.md:8:24");
}
#[test]
fn rule_item_outside_a_group() {
    rule(
        "ck-orphan",
        "E-CK-ORPHAN",
        "content/checklists/daily.md:13:1",
    );
}
#[test]
fn rule_unknown_front_matter_key() {
    rule("ck-key", "E-FM-KEY", "content/checklists/daily.md:6:1");
}
#[test]
fn rule_unknown_period() {
    rule(
        "ck-period",
        "E-CK-PERIOD",
        "content/checklists/daily.md:3:10",
    );
}
#[test]
fn rule_stray_line_in_a_group() {
    rule("ck-line", "E-CK-LINE", "content/checklists/daily.md:17:1");
}
#[test]
fn rule_unknown_mark() {
    rule("ck-mark", "E-CK-MARK", "content/checklists/daily.md:23:1");
}
#[test]
fn rule_item_without_id() {
    rule("ck-id", "E-CK-ID", "content/checklists/daily.md:24:1");
}
#[test]
fn rule_group_without_items() {
    rule("ck-empty", "E-CK-EMPTY", "content/checklists/daily.md:19:1");
}

/// A code for the fixture's form `id`, as the page would write it.
fn code(
    site: &common::Site,
    id: &str,
    date: (i32, u32, u32),
    enterprise: &str,
    answers: &[Answer],
) -> String {
    let json = form_json(&site.read(&format!("checklists/{id}/index.html")));
    let day = (chrono_free_days(date.0, date.1, date.2)) as u32;
    encode(&Record {
        checklist: id.into(),
        edition: "2024".into(),
        hash: json["hash"].as_str().unwrap().into(),
        day,
        enterprise: enterprise.into(),
        checker: "李四".into(),
        answers: answers.to_vec(),
        risk: 0,
        gathered: 0,
        open: 0,
    })
}

/// Days since 1970-01-01 (the civil-from-days inverse, for the test only).
fn chrono_free_days(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[test]
fn grade_tabulates_self_check_codes_and_data_feeds_the_duty_page() {
    let site = built();
    assert_eq!(chrono_free_days(2024, 10, 4), 20_000);
    let a = "示例·甲食品有限公司";
    let b = "示例·乙食品有限公司";
    let mut lines = Vec::new();
    // Enterprise A: every day of 2024-12-02..08 and its weekly report; B: two days, one with a failed key item.
    for d in 2..=8 {
        lines.push(code(
            &site,
            "daily",
            (2024, 12, d),
            a,
            &[Pass, Pass, Pass, Pass, Na],
        ));
    }
    lines.push(code(&site, "weekly", (2024, 12, 6), a, &[Pass]));
    lines.push(code(
        &site,
        "daily",
        (2024, 12, 2),
        b,
        &[Fail, Pass, Pass, Pass, Pass],
    ));
    lines.push(code(
        &site,
        "daily",
        (2024, 12, 3),
        b,
        &[Pass, Pass, Pass, Fail, Pass],
    ));
    let mut chars: Vec<char> = lines[0].chars().collect();
    chars[30] = if chars[30] == 'x' { 'y' } else { 'x' };
    let tampered: String = chars.into_iter().collect();
    let chat = format!(
        "[09:00] 甲：{}\n{}\n[09:05] 乙：{tampered}\n",
        lines.join("\n"),
        "今天的记录"
    );
    site.write("chat.txt", &chat);
    let out = site.cli(&["quiz", "grade", "chat.txt", "--out", "checks.csv", "--data"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a rejected code exits 1\n{stdout}\n{stderr}"
    );
    assert!(
        stderr.contains("E-SK-TAMPERED") && stderr.contains("chat.txt:12:"),
        "{stderr}"
    );
    assert!(
        stdout.contains("Read 10 self-check records; 1 rejected"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Added 10 self-check records to data/checks/"),
        "{stdout}"
    );
    let table = std::fs::read_to_string(site.root.join("checks-self-checks.csv")).unwrap();
    assert!(table.starts_with('\u{feff}'), "Excel needs the BOM");
    let row_b = table
        .lines()
        .find(|l| l.starts_with("2024-12-02,示例·乙"))
        .unwrap();
    assert!(
        row_b.contains(",80,严重风险隐患,1,是,否,1. 从业人员持有效健康证明上岗,"),
        "{row_b}"
    );
    let row_b2 = table
        .lines()
        .find(|l| l.starts_with("2024-12-03,示例·乙"))
        .unwrap();
    assert!(
        row_b2.contains(",80,一般风险隐患,1,否,否,4. 进货查验记录完整,"),
        "{row_b2}"
    );
    let row_a = table
        .lines()
        .find(|l| l.starts_with("2024-12-02,示例·甲"))
        .unwrap();
    assert!(row_a.contains(",100,风险可控,0,否,是,"), "零风险: {row_a}");

    let again = site.cli(&["quiz", "grade", "chat.txt", "--data"]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("Added 0 self-check records"));

    site.build_ok();
    let page = site.read("results/self-checks/index.html");
    let districts = common::between(&page, "data-duty=\"districts\"", "</table>");
    // A: 7/7 daily, 1/1 weekly, 0/1 monthly = 8/9; B: 2/7 daily, 0/1, 0/1 = 2/9.
    // Each cell carries its column's name (data-label) for the stacked rows on a phone.
    assert!(districts.contains("<th scope=\"row\">宝山区</th><td class=\"num nowrap\" data-label=\"日检查\">7 / 7</td><td class=\"num nowrap\" data-label=\"周排查\">1 / 1</td><td class=\"num nowrap\" data-label=\"月调度\">0 / 1</td><td class=\"num nowrap\" data-label=\"履职率\" data-rate>88.9% ✗</td>"), "{districts}");
    assert!(districts.contains("<th scope=\"row\">全市</th><td class=\"num nowrap\" data-label=\"日检查\">9 / 14</td><td class=\"num nowrap\" data-label=\"周排查\">1 / 2</td><td class=\"num nowrap\" data-label=\"月调度\">0 / 2</td><td class=\"num nowrap\" data-label=\"履职率\" data-rate>55.6% ✗</td>"), "{districts}");
    assert!(page.contains("统计期：2024-12-02 至 2024-12-08，共 10 份记录。"));
    let indicators = site.read("data/indicators/index.html");
    assert!(
        indicators.contains("55.6"),
        "the indicator takes the whole's rate"
    );
    assert!(site
        .read("checklists/daily/index.html")
        .contains("查看自查履职统计"));
}

#[test]
fn a_code_of_changed_items_is_rejected_not_misread() {
    let site = built();
    let c = code(
        &site,
        "daily",
        (2024, 12, 2),
        "示例·甲食品有限公司",
        &[Pass; 5],
    );
    let path = site.root.join("content/checklists/daily.md");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("{#purchase-store}", "{#purchase-storage}");
    std::fs::write(&path, text).unwrap();
    site.write("codes.txt", &c);
    let out = site.cli(&["quiz", "grade", "codes.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("E-SK-HASH"));
}
