//! Writes invented result codes for the sample site's archived 2023 mock exam, as a chat log that
//! `shian quiz grade --data` reads (how data/results/ of the sample site was made):
//!
//!     cargo run --example sample_results -- --root . > /tmp/chat.txt
//!     shian quiz grade /tmp/chat.txt --data
//!
//! Every learner, enterprise and answer is made up; the generator is seeded, so the output is the
//! same on every run. The codes are exactly what the exam page would hand out for those answers.

use shian::results::code::{encode, Attempt};
use shian::results::paper::{draw, Rng};
use std::path::PathBuf;

const SURNAMES: &[char] = &[
    '王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '朱', '马', '胡', '郭',
];
const GIVEN: &[char] = &[
    '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明',
    '超', '霞', '平', '刚',
];

fn main() {
    let mut root = PathBuf::from(".");
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--root") {
        root = PathBuf::from(&args[i + 1]);
    }
    let opts = shian::BuildOptions::new(&root);
    let inputs = shian::load::load(&opts.load_options()).expect("the site loads");
    let site = shian::site::assemble(&inputs, &Default::default());
    let set = &site.quiz;
    let exam = set
        .exams
        .iter()
        .find(|e| e.id == "samr-mock" && e.edition.as_deref() == Some("2023"))
        .expect("editions/2023/exams/samr-mock.toml");
    let enterprises: Vec<(String, String)> = site
        .data
        .enterprises
        .iter()
        .map(|e| (e.name.clone(), e.district.clone()))
        .collect();
    let mut r = Rng::new(20_240_301);
    // 2024-03-04 09:00 in Shanghai.
    let mut clock: u64 = 1_709_514_000;
    let mut people: Vec<(String, String, f64)> = Vec::new();
    for n in 0..48 {
        let name: String = [
            SURNAMES[(r.float() * SURNAMES.len() as f64) as usize],
            GIVEN[(r.float() * GIVEN.len() as f64) as usize],
            GIVEN[(r.float() * GIVEN.len() as f64) as usize],
        ]
        .iter()
        .collect();
        // Most learners of a few enterprises, to give each district some attempts.
        let (ent, district) =
            &enterprises[(n * 7 + (r.float() * 3.0) as usize) % enterprises.len()];
        // Knowledge differs by district a little, so the district chart has something to show.
        let base = match district.as_str() {
            "宝山区" => 0.97,
            "浦东新区" => 0.93,
            "嘉定区" => 0.96,
            _ => 0.94,
        };
        let ability = (base + (r.float() - 0.5) * 0.12).min(0.995);
        people.push((name, ent.clone(), ability));
    }
    println!("[2024-03-04] 培训群聊天记录（示例，姓名与企业均为虚构）");
    let mut attempts = Vec::new();
    for (i, (_, _, ability)) in people.iter().enumerate() {
        attempts.push((i, *ability));
        // About one in four fails the first time and tries again, a little better.
        if r.float() < 0.3 {
            attempts.push((i, (ability + 0.04).min(0.995)));
        }
    }
    for (k, (i, ability)) in attempts.iter().enumerate() {
        let (name, ent, _) = &people[*i];
        let seed = (r.float() * 4_294_967_296.0) as u32;
        let paper = draw(set, exam, seed);
        let answers: Vec<u64> = paper
            .iter()
            .map(|slot| {
                let q = &set.questions[slot.question];
                // Harder for 多选: every option must be right.
                let p = if q.answer.len() > 1 {
                    ability - 0.06
                } else {
                    *ability
                };
                if r.float() < p {
                    q.answer.iter().fold(0, |m, &i| m | 1 << i)
                } else {
                    let options = shian::results::paper::option_count(set, slot.question);
                    let wrong = (0..options).find(|o| !q.answer.contains(o)).unwrap_or(0);
                    1 << wrong
                }
            })
            .collect();
        clock += 600 + (r.float() * 7200.0) as u64 + if k % 9 == 8 { 86_400 * 6 } else { 0 };
        let duration = 900 + (r.float() * 900.0) as u64;
        let leaves = if r.float() < 0.2 {
            1 + (r.float() * 3.0) as u64
        } else {
            0
        };
        let a = Attempt {
            quiz: exam.id.clone(),
            edition: "2023".into(),
            hash: exam.hash.clone(),
            seed,
            started: clock,
            duration,
            leaves,
            collected: vec![name.clone(), ent.clone()],
            answers,
        };
        println!("{name}（{ent}）：老师好，我的结果码 {}", encode(&a));
    }
}
