//! A deterministic benchmark corpus: N lessons of realistic Chinese Markdown (headings, lists, a
//! table, fenced code in about one page in five, internal links), plus banks, cases and data files,
//! written twice: as a shian site and as the same pages for Hugo with equivalent minimal templates
//! and code highlighting on.
//!
//! `cargo run --release --example gen_corpus -- --pages 1000 --out /tmp/corpus`
//! writes `/tmp/corpus/shian/` and `/tmp/corpus/hugo/`.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

const SENTENCES: &[&str] = &[
    "食品生产企业应当建立并执行进货查验制度，查验供货者的许可证和产品合格证明。",
    "日管控、周排查、月调度是落实主体责任的基本工作方法。",
    "食品安全员每日对照风险管控清单开展检查，并如实记录。",
    "关键控制点需要设定关键限值，并持续监控。",
    "发现偏离时，应当立即采取纠偏措施，隔离受影响的产品。",
    "追溯二维码应当赋在产品最小销售包装上，赋码率达到百分之百。",
    "从业人员每年进行健康检查，取得健康证明后方可上岗。",
    "小作坊通过 5S 现场管理，整理、整顿、清扫、清洁、素养逐步提升。",
    "大企带小企结对帮扶，帮助中小企业完善食品安全管理体系。",
    "不合格食品应当及时核查处置，分析原因并整改到位。",
    "培训考核结果记入档案，考核不合格的应当重新培训。",
    "食品安全总监协助主要负责人做好食品安全管理工作。",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }
    fn sentence(&mut self) -> &'static str {
        SENTENCES[self.next() % SENTENCES.len()]
    }
    fn paragraph(&mut self, n: usize) -> String {
        (0..n).map(|_| self.sentence()).collect()
    }
}

/// The body of lesson `i` of a course; `link` is how to write a link to lesson `j` of the same course.
fn lesson_body(rng: &mut Rng, i: usize, link: &dyn Fn(usize) -> String) -> String {
    let mut b = String::new();
    for h in 1..=4 {
        let _ = writeln!(b, "## 第{h}部分 要点 {{#part-{h}}}\n");
        let _ = writeln!(b, "{}\n", rng.paragraph(4));
        if h == 2 {
            for _ in 0..4 {
                let _ = writeln!(b, "- {}", rng.sentence());
            }
            b.push('\n');
        }
        if h == 3 {
            b.push_str("| 项目 | 频次 | 记录 |\n| --- | --- | --- |\n");
            for k in 0..4 {
                let _ = writeln!(b, "| 检查项{k} | 每日 | 台账{k} |");
            }
            b.push('\n');
        }
    }
    if i.is_multiple_of(5) {
        b.push_str("```json\n{\"id\": \"e001\", \"name\": \"示例企业\", \"risk_grade\": \"B\", \"checks\": [1, 2, 3]}\n```\n\n");
    }
    if i > 0 {
        let _ = writeln!(b, "上一课见[这里]({})。\n", link(i - 1));
    }
    b
}

fn write(path: &Path, text: &str) {
    if let Some(d) = path.parent() {
        fs::create_dir_all(d).expect("create folder");
    }
    fs::write(path, text).expect("write file");
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let get = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let pages: usize = get("--pages").and_then(|p| p.parse().ok()).unwrap_or(1000);
    let out = get("--out").unwrap_or_else(|| "corpus".to_string());
    let out = Path::new(&out);
    let shian = out.join("shian");
    let hugo = out.join("hugo");
    let _ = fs::remove_dir_all(&shian);
    let _ = fs::remove_dir_all(&hugo);
    let per_course = 20;
    let courses = pages.div_ceil(per_course);

    write(
        &shian.join("site.toml"),
        "title = \"基准语料\"\nbase_url = \"https://example.org/\"\nedition = \"2024\"\n",
    );
    write(
        &shian.join("content/_index.md"),
        "+++\ntitle = \"首页\"\n+++\n\n基准语料。\n",
    );
    write(
        &shian.join("content/courses/_index.md"),
        "+++\ntitle = \"课程\"\n+++\n",
    );
    write(
        &hugo.join("hugo.toml"),
        "baseURL = \"https://example.org/\"\nlanguageCode = \"zh-CN\"\ntitle = \"基准语料\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\"]\n[markup.highlight]\ncodeFences = true\nnoClasses = false\n[markup.goldmark.renderer]\nunsafe = true\n",
    );
    write(
        &hugo.join("content/_index.md"),
        "+++\ntitle = \"首页\"\n+++\n\n基准语料。\n",
    );
    write(
        &hugo.join("content/courses/_index.md"),
        "+++\ntitle = \"课程\"\n+++\n",
    );
    write(
        &hugo.join("layouts/_default/baseof.html"),
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title><link rel=\"stylesheet\" href=\"/assets/site.css\"></head><body><header><a href=\"/\">{{ .Site.Title }}</a></header><main>{{ block \"main\" . }}{{ end }}</main></body></html>\n",
    );
    write(
        &hugo.join("layouts/_default/single.html"),
        "{{ define \"main\" }}<nav>{{ with .Parent }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}</nav><h1>{{ .Title }}</h1>{{ .TableOfContents }}{{ .Content }}{{ with .PrevInSection }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}{{ with .NextInSection }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}{{ end }}\n",
    );
    write(
        &hugo.join("layouts/_default/list.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
    );

    let mut rng = Rng(42);
    let mut written = 0;
    for c in 0..courses {
        let front = format!(
            "+++\ntitle = \"课程{c}\"\nweight = {c}\n+++\n\n{}\n",
            rng.paragraph(2)
        );
        let course_front = format!(
            "+++\ntitle = \"课程{c}\"\nsummary = \"基准课程\"\naudience = [\"食品安全员\"]\nweight = {c}\n+++\n\n{}\n",
            rng.paragraph(2)
        );
        write(
            &shian.join(format!("content/courses/c{c}/_index.md")),
            &course_front,
        );
        write(
            &hugo.join(format!("content/courses/c{c}/_index.md")),
            &front,
        );
        for i in 0..per_course {
            if written == pages {
                break;
            }
            let mut r1 = Rng(1000 + written as u64);
            let mut r2 = Rng(1000 + written as u64);
            let shian_body = lesson_body(&mut r1, i, &|j| format!("@/courses/c{c}/l{j}.md#part-1"));
            let hugo_body = lesson_body(&mut r2, i, &|j| format!("/courses/c{c}/l{j}/#part-1"));
            let fm = format!("+++\ntitle = \"第{i}课 食品安全要点\"\nweight = {i}\n+++\n\n");
            write(
                &shian.join(format!("content/courses/c{c}/l{i}.md")),
                &format!("{fm}{shian_body}"),
            );
            write(
                &hugo.join(format!("content/courses/c{c}/l{i}.md")),
                &format!("{fm}{hugo_body}"),
            );
            written += 1;
        }
    }
    // Banks: one per 100 lessons, 20 questions each.
    for b in 0..pages.div_ceil(100) {
        let mut bank = format!("+++\ncategory = \"法律法规/基准{b}\"\n+++\n\n");
        for q in 0..20 {
            let _ = write!(
                bank,
                "## 单选 {{#b{b}-q{q}}}\n{}\n\nA. 产品合格证明\nB. 营业执照\nC. 税务登记证\n\n答案：A\n解析：{}\n\n## 判断 {{#b{b}-t{q}}}\n{}\n\n答案：正确\n\n",
                rng.sentence(),
                rng.sentence(),
                rng.sentence()
            );
        }
        write(&shian.join(format!("content/banks/b{b}.md")), &bank);
    }
    // Cases: one per 100 lessons.
    write(
        &shian.join("content/cases/_index.md"),
        "+++\ntitle = \"典型案例\"\n+++\n",
    );
    for k in 0..pages.div_ceil(100) {
        let case = format!(
            "+++\ntitle = \"案例{k}\"\ndate = 2024-06-01\nregion = \"区{}\"\nindustry = [\"烘焙食品\"]\nmeasures = [\"结对帮扶\"]\nsummary = \"示例\"\n[[metrics]]\nname = \"完整率\"\nbefore = 40\nafter = 100\nunit = \"%\"\n+++\n\n## 基本情况和数据\n\n{}\n\n## 主要措施\n\n{}\n\n## 工作成效\n\n{}\n\n## 下一步工作打算\n\n{}\n",
            k % 5,
            rng.paragraph(3),
            rng.paragraph(3),
            rng.paragraph(3),
            rng.paragraph(2)
        );
        write(&shian.join(format!("content/cases/k{k}.md")), &case);
    }
    let mut ent = String::from("id,name,district,industry,scale,risk_grade\n");
    for e in 0..40 {
        let _ = writeln!(
            ent,
            "e{e},示例企业{e},区{},烘焙食品,小型,{}",
            e % 5,
            ["A", "B", "C", "D"][e % 4]
        );
    }
    write(&shian.join("data/enterprises.csv"), &ent);
    write(
        &hugo.join("static/assets/site.css"),
        "body{font-family:sans-serif}\n",
    );
    println!(
        "wrote {written} lessons in {courses} courses to {} and {}",
        shian.display(),
        hugo.display()
    );
}
