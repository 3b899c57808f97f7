//! Question banks in and out (docs/quizzes.md, "Importing and exporting"): import from an .xlsx with
//! merged title rows and blank rows, a GBK CSV, a .docx and pasted text with every marker variant;
//! every written bank passes the build; exports in XLSX/CSV/GIFT/Aiken; the round trip; one error
//! snapshot per kind of unreadable row.

mod common;

use std::io::Write;

fn import(site: &common::Site, file: &str, out: &str, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["quiz", "import", file, "--out", out];
    args.extend_from_slice(extra);
    let o = site.cli(&args);
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn bank(site: &common::Site, rel: &str) -> String {
    std::fs::read_to_string(site.root.join(rel)).unwrap()
}

#[test]
fn an_xlsx_with_merged_title_rows_and_blank_rows() {
    use rust_xlsxwriter::{Format, Workbook};
    let site = common::site("interchange");
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    s.merge_range(
        0,
        0,
        0,
        9,
        "2024年食品安全管理员题库（内部资料）",
        &Format::new(),
    )
    .unwrap();
    let rows: &[&[&str]] = &[
        &[
            "序号",
            "题目类型",
            "试题",
            "选项A",
            "选项B",
            "选项C",
            "选项D",
            "正确答案",
            "答案解析",
            "法律依据",
        ],
        &[
            "1",
            "单项选择题",
            "食品生产者采购食品原料，应当查验供货者的许可证和(  )。",
            "产品合格证明",
            "营业执照",
            "税务登记证",
            "销售合同",
            "Ａ",
            "进货查验要查两样东西。",
            "食品安全法 第五十条",
        ],
        &[],
        &[
            "2",
            "判断题",
            "患有有碍食品安全疾病的人员可以从事接触直接入口食品的工作。",
            "",
            "",
            "",
            "",
            "×",
            "",
            "食品安全法 第四十五条",
        ],
        &[
            "3",
            "多项选择题",
            "进货查验记录应当如实记录（ ）。",
            "名称",
            "数量",
            "生产日期",
            "采购人员的身份证号码",
            "A,B,C",
            "",
            "",
        ],
        &[
            "4",
            "",
            "从业人员每年进行健康检查。",
            "",
            "",
            "",
            "",
            "对",
            "",
            "",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            s.write_string(r as u32 + 2, c as u16, *v).unwrap();
        }
    }
    book.save(site.root.join("题库.xlsx")).unwrap();
    let (code, out, err) = import(
        &site,
        "题库.xlsx",
        "content/banks/law.md",
        &["--category", "法律法规/食品安全法"],
    );
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("Wrote 4 questions"), "{out}");
    let text = bank(&site, "content/banks/law.md");
    assert!(
        text.contains("食品原料，应当查验供货者的许可证和（ ）。"),
        "blanks normalised"
    );
    assert!(
        text.contains("答案：A\n"),
        "full-width answer letters normalised"
    );
    insta::assert_snapshot!("import-xlsx", text);
    site.build_ok();
}

#[test]
fn a_gbk_csv_with_all_options_in_one_cell() {
    let site = common::site("interchange");
    let csv = "题型,题干,选项,答案,分类\n单选,食品经营者贮存散装食品，应当在贮存位置标明（ ）。,A．食品的名称 B．经营者的电话 C．进货人的姓名,A,法律法规/食品安全法\n多选,\"下列做法正确的有（ ）。\",A、生熟分开 B、超期使用 C、定期清洗,AC,法律法规/食品安全法\n";
    let (gbk, _, bad) = encoding_rs::GBK.encode(csv);
    assert!(!bad);
    std::fs::write(site.root.join("excel.csv"), &gbk).unwrap();
    let (code, out, err) = import(&site, "excel.csv", "content/banks/store.md", &[]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(
        out.contains("(category 法律法规/食品安全法)"),
        "the category from the 分类 column: {out}"
    );
    insta::assert_snapshot!("import-gbk-csv", bank(&site, "content/banks/store.md"));
    site.build_ok();
}

fn docx(path: &std::path::Path, paragraphs: &[&str]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", opts).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>").unwrap();
    zip.start_file("word/document.xml", opts).unwrap();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>");
    for p in paragraphs {
        let escaped = p.replace('&', "&amp;").replace('<', "&lt;");
        // Word splits a paragraph into several runs; the reader joins them.
        let (a, b) = escaped.split_at(
            escaped
                .char_indices()
                .nth(2)
                .map_or(escaped.len(), |(i, _)| i),
        );
        xml.push_str(&format!(
            "<w:p><w:r><w:t>{a}</w:t></w:r><w:r><w:t xml:space=\"preserve\">{b}</w:t></w:r></w:p>"
        ));
    }
    xml.push_str("</w:body></w:document>");
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap();
}

#[test]
fn a_docx_in_the_usual_layout() {
    let site = common::site("interchange");
    docx(
        &site.root.join("题库.docx"),
        &[
            "一、判断题",
            "1．食品生产经营者对其生产经营食品的安全负责。（ ）",
            "答案：正确",
            "二、单项选择题",
            "1．食品生产者采购食品原料，应当查验供货者的许可证和（ ）。",
            "A．产品合格证明\tB．营业执照",
            "C．税务登记证\tD．销售合同",
            "答案：A",
            "解析：营业执照和合同都不能代替产品合格证明。",
            "依据：食品安全法 第五十条",
        ],
    );
    let (code, out, err) = import(
        &site,
        "题库.docx",
        "content/banks/docx.md",
        &["--category", "法律法规"],
    );
    assert_eq!(code, 0, "{out}\n{err}");
    insta::assert_snapshot!("import-docx", bank(&site, "content/banks/docx.md"));
    site.build_ok();
}

#[test]
fn pasted_text_with_every_marker_variant() {
    let site = common::site("interchange");
    let text = "一、判断题（每题1分）\n1．食品生产经营者对其生产经营食品的安全负责。（ ）\n答案：√\n2、进货查验记录可以不保存。\n【答案】错\n（3）从业人员应当每年进行健康检查。\n答案：T\n4. 食品可以和有毒物品一起贮存。\n答案：×\n5. 用水应当符合生活饮用水卫生标准。\n答案：对\n6. 健康证明可以借用他人的。\n答案：F\n7. 食品添加剂可以超范围使用。\n答案：错误\n二、单项选择题\n（1）查验供货者的许可证和（ B ）。\nA．营业执照  B．产品合格证明\nC、税务登记证\nD) 销售合同\n2．出厂检验记录保存期限不得少于（ ）。\nA. 产品保质期满后六个月\nB. 一个月\nC. 三个月\nD. 以上都不是\n【答案】A\n【解析】从保质期满起算再加六个月。\n三、多项选择题\n1. 进货查验记录应当写明（ ）。\nA.名称 B.数量 C.采购人员的身份证号码\n2. 从业人员进车间前应当（ ）。\nA.更衣\nB.洗手\nC.消毒\n答案：A B C\n3. 下列属于食品添加剂使用要求的有（ ）。\nA.按标准使用 B.超范围使用 C.记录使用量\n参考答案：1.AB 3.AC\n";
    std::fs::write(site.root.join("粘贴.txt"), text).unwrap();
    let (code, out, err) = import(
        &site,
        "粘贴.txt",
        "content/banks/text.md",
        &["--category", "综合"],
    );
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("Wrote 12 questions"), "{out}");
    let written = bank(&site, "content/banks/text.md");
    assert!(
        written.contains("D. 以上都不是 {固定}"),
        "positional options are pinned"
    );
    insta::assert_snapshot!("import-text", written);
    site.build_ok();
}

#[test]
fn exports_and_the_round_trip() {
    let site = common::site("interchange");
    site.write("content/banks/law.md", "+++\ncategory = \"法律法规/食品安全法\"\n+++\n\n## 判断 {#t1}\n从业人员应当每年进行健康检查。\n\n答案：正确\n解析：取得健康证明后方可上岗：每年一次。\n依据：食品安全法 第四十五条\n\n## 单选 {#s1}\n查验供货者的许可证和（ ）。\n\nA. 产品合格证明\nB. 营业执照 {固定}\n\n答案：A\n难度：易\n标签：进货查验，许可\n\n## 多选 {#m1}\n进货查验记录应当写明（ ）。\n\nA. 名称\nB. 数量\nC. 身份证号码 = 身份 {#x}\n\n答案：AB\n");
    site.build_ok();
    let run = |args: &[&str]| {
        let o = site.cli(args);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        (
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    let (gift, _) = run(&["quiz", "export", "content/banks/law.md", "--format", "gift"]);
    insta::assert_snapshot!("export-gift", gift);
    let (aiken, note) = run(&[
        "quiz",
        "export",
        "content/banks/law.md",
        "--format",
        "aiken",
    ]);
    assert!(note.contains("1 多选 questions were left out"), "{note}");
    insta::assert_snapshot!("export-aiken", aiken);
    run(&[
        "quiz",
        "export",
        "content/banks/law.md",
        "--format",
        "csv",
        "--out",
        "law.csv",
    ]);
    let csv = std::fs::read_to_string(site.root.join("law.csv")).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    insta::assert_snapshot!("export-csv", csv);

    // import -> export -> import is the identity, through XLSX and through CSV.
    run(&[
        "quiz",
        "export",
        "content/banks/law.md",
        "--format",
        "xlsx",
        "--out",
        "law.xlsx",
    ]);
    let (code, out, err) = import(&site, "law.xlsx", "content/banks/again.md", &[]);
    assert_eq!(code, 0, "{out}{err}");
    let first = bank(&site, "content/banks/again.md");
    run(&[
        "quiz",
        "export",
        "content/banks/again.md",
        "--format",
        "xlsx",
        "--out",
        "again.xlsx",
    ]);
    import(&site, "again.xlsx", "content/banks/third.md", &[]);
    assert_eq!(bank(&site, "content/banks/third.md"), first);
    run(&[
        "quiz",
        "export",
        "content/banks/again.md",
        "--format",
        "csv",
        "--out",
        "again.csv",
    ]);
    import(&site, "again.csv", "content/banks/fourth.md", &[]);
    assert_eq!(bank(&site, "content/banks/fourth.md"), first);
    for id in ["t1", "s1", "m1"] {
        assert!(first.contains(&format!("{{#{id}}}")), "ids kept");
    }
    // Those banks reuse the ids: one of them builds beside the original only in its own site.
    for f in ["again", "third", "fourth"] {
        site.remove(&format!("content/banks/{f}.md"));
    }
    site.build_ok();
}

#[test]
fn the_template_has_examples_and_instructions() {
    use calamine::{open_workbook, Reader, Xlsx};
    let site = common::site("interchange");
    let o = site.cli(&["quiz", "template", "--out", "题库模板.xlsx"]);
    assert_eq!(o.status.code(), Some(0));
    let mut book: Xlsx<_> = open_workbook(site.root.join("题库模板.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["题库", "填写说明"]);
    let range = book.worksheet_range("题库").unwrap();
    assert_eq!(
        range.rows().count(),
        4,
        "the header and one example per type"
    );
    let (code, out, err) = import(&site, "题库模板.xlsx", "content/banks/template.md", &[]);
    assert_eq!(code, 0, "the template imports as it is: {out}{err}");
    site.build_ok();
}

#[test]
fn every_kind_of_unreadable_row_is_named() {
    let site = common::site("interchange");
    let cases = [
        (
            "stem",
            "题型,题干,选项A,选项B,答案\n单选,,一,二,A\n单选,好题,一,二,A\n",
        ),
        (
            "answer",
            "题型,题干,选项A,选项B,答案\n单选,甲,一,二,C\n单选,好题,一,二,A\n",
        ),
        (
            "type",
            "题型,题干,选项A,选项B,答案\n猜谜,甲,一,二,A\n单选,好题,一,二,A\n",
        ),
        (
            "options",
            "题型,题干,选项A,选项B,答案\n单选,甲,一,,A\n单选,好题,一,二,A\n",
        ),
    ];
    for (name, csv) in cases {
        site.write(&format!("{name}.csv"), csv);
        let (code, out, err) = import(
            &site,
            &format!("{name}.csv"),
            &format!("content/banks/{name}.md"),
            &[],
        );
        assert_eq!(code, 1, "a skipped row exits 1");
        assert!(
            out.contains("Wrote 1 questions"),
            "the rest is written: {out}"
        );
        insta::assert_snapshot!(format!("import-error-{name}"), err);
    }
    site.write("line.txt", "说明文字\n1. 好题\nA. 一\nB. 二\n答案：A\n");
    let (code, _, err) = import(&site, "line.txt", "content/banks/line.md", &[]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("import-error-line", err);
    site.write("header.csv", "甲,乙\n1,2\n");
    let (code, _, err) = import(&site, "header.csv", "content/banks/header.md", &[]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("import-error-header", err);
    assert!(!site.root.join("content/banks/header.md").exists());
    let (code, _, err) = import(&site, "line.txt", "content/banks/line.md", &[]);
    assert_eq!(code, 2, "an existing bank is never overwritten: {err}");
}
