//! Micro-benchmarks of the two hottest per-page stages: the bank parser and the Markdown passes.
//! `cargo bench --bench stages` (divan). Figures and machine in docs/benchmarks.md.

fn main() {
    divan::main();
}

const LESSON: &str = "## 第一部分 要点 {#part-1}\n\n**注意：**食品生产企业应当建立并执行进货查验制度，查验供货者的许可证和产品合格证明。日管控、周排查、月调度是落实主体责任的基本工作方法。\n\n- 食品安全员每日对照风险管控清单开展检查\n- 关键控制点需要设定关键限值，并持续监控\n- 执行**“一罐一码”**制度\n\n| 项目 | 频次 | 记录 |\n| --- | --- | --- |\n| 温度 | 每日 | 台账 |\n| 清洁 | 每周 | 台账 |\n\n```json\n{\"id\": \"e001\", \"risk_grade\": \"B\", \"checks\": [1, 2, 3]}\n```\n\n## 第二部分 {#part-2}\n\n追溯二维码应当赋在产品最小销售包装上，赋码率达到百分之百。[^1]\n\n[^1]: 示例脚注。\n";

fn bank(questions: usize) -> String {
    let mut s = String::new();
    for q in 0..questions {
        s.push_str(&format!(
            "## 单选 {{#q{q}}}\n食品生产者采购食品原料，应当查验供货者的许可证和（ ）。\n\nA. 产品合格证明\nB. 营业执照\nC. 税务登记证\nD. 以上都不是 {{固定}}\n\n答案：A\n解析：进货查验要查许可证和产品合格证明。\n依据：食品安全法 第五十条\n难度：易\n\n## 判断 {{#t{q}}}\n从业人员应当每年进行健康检查。\n\n答案：正确\n\n"
        ));
    }
    s
}

#[divan::bench]
fn markdown_lesson(b: divan::Bencher) {
    b.bench(|| shian::markdown::render_standalone(divan::black_box(LESSON)));
}

#[divan::bench(args = [10, 100])]
fn parse_bank(b: divan::Bencher, questions: usize) {
    let text = bank(questions);
    b.bench(|| shian::quiz::parse::parse(divan::black_box(&text), 0));
}
