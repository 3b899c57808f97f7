//! `shian quiz template`: an empty 题库 spreadsheet in the import layout, one example row per type,
//! and a second sheet that explains every column in Chinese.

use super::Item;
use crate::quiz::QType;
use crate::results::report::{text, Table};

fn example(
    qtype: QType,
    stem: &str,
    options: &[&str],
    answer: &[usize],
    explanation: &str,
) -> Item {
    Item {
        id: None,
        qtype: Some(qtype),
        stem: stem.into(),
        options: options.iter().map(|s| s.to_string()).collect(),
        answer: answer.to_vec(),
        explanation: explanation.into(),
        basis: "食品安全法 第五十条".into(),
        category: "法律法规/食品安全法".into(),
        difficulty: "易".into(),
        tags: vec!["进货查验".into()],
    }
}

/// The two sheets of the template.
pub fn tables() -> [Table; 2] {
    let items = [
        example(
            QType::Tf,
            "食品生产者采购食品原料，应当查验供货者的许可证和产品合格证明。",
            &[],
            &[0],
            "进货查验要查许可证和产品合格证明。",
        ),
        example(
            QType::Single,
            "食品生产者采购食品原料，应当查验供货者的许可证和（ ）。",
            &["产品合格证明", "营业执照", "税务登记证", "销售合同"],
            &[0],
            "营业执照和合同都不能代替产品合格证明。",
        ),
        example(
            QType::Multi,
            "进货查验记录应当如实记录的内容有（ ）。",
            &[
                "名称、规格、数量",
                "生产日期或者生产批号",
                "供货者名称、地址、联系方式",
                "采购人员的身份证号码",
            ],
            &[0, 1, 2],
            "采购人员的身份证号码不在法定内容之列。",
        ),
    ];
    let sheet = super::export::table(&items);
    let notes = [
        ("编号", "可选。题目的固定编号，只能用字母、数字、- 和 _；不填时按题干自动生成，再次导入同一张表得到同样的编号。"),
        ("题型", "判断、单选或多选（也可写判断题、单项选择题、多项选择题）。不填时按答案推断。"),
        ("题干", "必填。题目内容，空格处写（ ）。"),
        ("选项A–选项H", "选择题的选项，从 A 开始连续填写；也可以把全部选项写在一个“选项”列里：A．… B．… C．…"),
        ("答案", "必填。选择题写字母（B、ACD、A,C）；判断题写 正确/错误、对/错、√/× 或 T/F。"),
        ("解析", "可选。解释为什么，请按内容说明，不要写“选B”（练习时选项会打乱顺序）。"),
        ("依据", "可选。法律条文，例如 食品安全法 第五十条；多条用；分开。"),
        ("分类", "可选。例如 法律法规/食品安全法；导入时也可用 --category 指定。"),
        ("难度", "可选。易、中或难。"),
        ("标签", "可选。多个标签用，分开。"),
    ];
    let help = Table {
        sheet: "填写说明",
        headers: vec!["列".into(), "说明".into()],
        rows: notes
            .iter()
            .map(|(c, n)| vec![text(*c), text(*n)])
            .collect(),
    };
    [sheet, help]
}
