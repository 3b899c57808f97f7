//! The search index (docs/search-format.md) as `shian build` writes it, read back the way the
//! browser client reads it: header, record files and term shards; the tokenizer against the
//! vectors the client checks too (tests/search-vectors.json).

mod common;

use serde_json::Value;
use shian::search::tokens::{self, Dict, Found, Interner};
use std::collections::HashMap;
use std::path::Path;

/// The JSON handed to `shianSearch.NAME(...)` in an index file: `(first argument, data)`.
fn call(path: &Path) -> (Option<u64>, Value) {
    let text = std::fs::read_to_string(path).unwrap();
    let open = text.find('(').unwrap();
    let inner = text[open + 1..].trim_end().trim_end_matches(");");
    match inner.split_once(",{") {
        Some((n, rest)) if n.chars().all(|c| c.is_ascii_digit()) => (
            n.parse().ok(),
            serde_json::from_str(&format!("{{{rest}")).unwrap(),
        ),
        _ => (None, serde_json::from_str(inner).unwrap()),
    }
}

fn base36_list(s: &str) -> Vec<u64> {
    s.split(',')
        .filter(|p| !p.is_empty())
        .map(|p| u64::from_str_radix(p, 36).unwrap())
        .collect()
}

struct Index {
    dir: std::path::PathBuf,
    meta: Value,
}

impl Index {
    fn open(out: &Path) -> Index {
        let dir = out.join("search-index");
        let meta = call(&dir.join("meta.js")).1;
        Index { dir, meta }
    }

    fn record(&self, id: u64) -> Value {
        let (n, v) = call(&self.dir.join(format!("p/{id}.js")));
        assert_eq!(n, Some(id));
        v
    }

    fn records(&self) -> Vec<Value> {
        (0..self.meta["n"].as_u64().unwrap())
            .map(|i| self.record(i))
            .collect()
    }

    /// The client's ranking (docs/search-format.md, "Scores"): record ids, best first.
    fn search(&self, query: &str) -> Vec<u64> {
        let dict = Dict::new(
            self.meta["d"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap()),
        );
        let shards = self.meta["s"].as_u64().unwrap() as u32;
        let toks = tokens::query_tokens(query, &dict);
        let mut scores: HashMap<u64, (u64, usize)> = HashMap::new();
        for t in &toks {
            let shard = call(&self.dir.join(format!("t/{}.js", tokens::fnv1a(t) % shards))).1;
            let Some(p) = shard[t.as_str()].as_str() else {
                continue;
            };
            let nums = base36_list(p);
            let mut id = 0;
            for pair in nums.chunks(2) {
                id += pair[0];
                let e = scores.entry(id).or_default();
                e.0 += pair[1];
                e.1 += 1;
            }
        }
        let n = toks.len() as f64;
        let mut v: Vec<(u64, f64)> = scores
            .into_iter()
            .map(|(id, (s, m))| (id, s as f64 * (m as f64 / n).powi(2)))
            .collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.into_iter().map(|(id, _)| id).collect()
    }

    fn url(&self, id: u64) -> String {
        self.record(id)["u"].as_str().unwrap().to_string()
    }
}

fn built() -> (common::Site, Index) {
    let site = common::site("search");
    if let Err(d) = site.build_with(|o| o.search = true) {
        panic!("{}", d.render_plain());
    }
    let index = Index::open(&site.out());
    (site, index)
}

#[test]
fn the_header_lists_records_filters_and_the_glossary_terms() {
    let (_site, ix) = built();
    let m = &ix.meta;
    assert_eq!(m["v"], 1);
    assert_eq!(m["e"], "2024");
    assert_eq!(m["d"], serde_json::json!(["周排查", "日管控", "每日管控"]));
    let records = ix.records();
    assert_eq!(
        records.len(),
        10,
        "4 pages, the law page, 1 course, 2 questions, 2 law articles; not the bank page"
    );
    let kinds: HashMap<&str, Vec<u64>> = m["f"]["kind"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str(),
                base36_list(v.as_str().unwrap())
                    .iter()
                    .scan(0, |a, d| {
                        *a += d;
                        Some(*a)
                    })
                    .collect(),
            )
        })
        .collect();
    for (kind, ids) in &kinds {
        for id in ids {
            assert_eq!(records[*id as usize]["k"], *kind);
        }
    }
    assert_eq!(kinds["question"].len(), 2);
    let urls: Vec<&str> = records.iter().map(|r| r["u"].as_str().unwrap()).collect();
    let (pages, articles) = urls.split_at(8);
    let mut sorted = pages.to_vec();
    sorted.sort();
    assert_eq!(
        pages, sorted,
        "pages and questions are numbered in address order"
    );
    assert_eq!(
        articles,
        ["laws/fsl/#art-45", "laws/fsl/#art-50"],
        "then law articles"
    );
}

#[test]
fn a_question_links_to_itself_and_never_shows_its_answer() {
    let (_site, ix) = built();
    let questions: Vec<Value> = ix
        .records()
        .into_iter()
        .filter(|r| r["k"] == "question")
        .collect();
    assert_eq!(questions[0]["u"], "banks/duties/#q-dwm-1");
    assert_eq!(questions[0]["t"], "日管控由谁负责开展？");
    assert_eq!(questions[0]["c"], "岗位职责题");
    assert_eq!(
        questions[0]["x"],
        "日管控由谁负责开展？ A. 食品安全员 B. 广告公司"
    );
    for q in &questions {
        let all = q.to_string();
        assert!(!all.contains("秘密解析词") && !all.contains('✓'), "{all}");
    }
    // Nor can the answer be found: the 解析's words are not in the index at all.
    assert!(ix.search("甲乙丙").is_empty());
}

#[test]
fn records_keep_their_sections_and_leave_interface_text_out() {
    let (_site, ix) = built();
    let lesson = ix
        .records()
        .into_iter()
        .find(|r| r["u"] == "courses/daily/daily/")
        .unwrap();
    assert_eq!(lesson["t"], "每日检查");
    assert_eq!(lesson["k"], "lesson");
    assert_eq!(lesson["c"], "日管控与周排查");
    let x: Vec<u16> = lesson["x"].as_str().unwrap().encode_utf16().collect();
    for h in lesson["h"].as_array().unwrap() {
        let at = h[0].as_u64().unwrap() as usize;
        let heading: Vec<u16> = h[2].as_str().unwrap().encode_utf16().collect();
        assert_eq!(&x[at..at + heading.len()], &heading[..], "{h}");
    }
    assert_eq!(lesson["h"][0][1], "how");
    let text = lesson["x"].as_str().unwrap();
    for ui in ["第 1 课", "返回课程大纲", "阅读约", "标记为已学完"] {
        assert!(!text.contains(ui), "{ui} in {text}");
    }
}

#[test]
fn each_law_article_is_a_result_of_its_own() {
    let (_site, ix) = built();
    let top = ix.search("查验供货者的许可证");
    let first = ix.record(top[0]);
    assert_eq!(first["u"], "laws/fsl/#art-50");
    assert_eq!(first["t"], "第五十条");
    assert_eq!(first["k"], "law");
    assert_eq!(first["c"], "中华人民共和国食品安全法（摘录）");
    assert_eq!(
        first["x"],
        "食品生产者采购食品原料，应当查验供货者的许可证和产品合格证明。"
    );
}

#[test]
fn lessons_come_before_the_pages_that_list_them() {
    let (_site, ix) = built();
    let top = ix.search("日管控");
    let urls: Vec<String> = top.iter().map(|&id| ix.url(id)).collect();
    let home = urls.iter().position(|u| u.is_empty()).unwrap();
    let list = urls.iter().position(|u| u == "courses/").unwrap();
    let lesson = urls
        .iter()
        .position(|u| u == "courses/daily/daily/")
        .unwrap();
    assert!(lesson < home && lesson < list, "{urls:?}");
    assert_eq!(ix.url(ix.search("周排查")[0]), "courses/daily/weekly/");
}

#[test]
fn the_tokenizer_agrees_with_the_client_vectors() {
    let path = common::fixtures().join("../search-vectors.json");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let all = v.as_array().expect("an array of cases and one hash list");
    let cases: Vec<&Value> = all.iter().filter(|c| c.get("text").is_some()).collect();
    let hashes = all.iter().find_map(|c| c.get("hash")).expect("hash list");
    assert!(cases.len() >= 5);
    for c in cases {
        let text = c["text"].as_str().unwrap();
        let dict = Dict::new(
            c["dict"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap()),
        );
        let mut interner = Interner::default();
        let mut index = Vec::new();
        tokens::index_tokens(text, &dict, |f| {
            let k = match f {
                Found::Key(k) => k,
                Found::Text(t) => interner.key(t),
            };
            index.push(Value::from(interner.text(k)));
        });
        assert_eq!(Value::from(index), c["index"], "index side of {text}");
        let query: Vec<Value> = tokens::query_tokens(text, &dict)
            .into_iter()
            .map(Value::from)
            .collect();
        assert_eq!(Value::from(query), c["query"], "query side of {text}");
    }
    for h in hashes.as_array().unwrap() {
        assert_eq!(
            tokens::fnv1a(h[0].as_str().unwrap()) as u64,
            h[1].as_u64().unwrap(),
            "{h}"
        );
    }
}

#[test]
fn serve_reads_again_only_the_pages_that_changed() {
    let site = common::site("search");
    let mut opts = site.options();
    opts.search = true;
    let mut session = shian::serve::Session::new(opts);
    session.rebuild(&[]).unwrap();
    let first = session.index().expect("an index");
    let pages = session.index_reads();
    assert_eq!(pages, 6, "the first index reads every page: 5 and the law");
    assert!(first.keys().any(|p| p.starts_with("search-index/t/")));
    // Nothing changed: only the law page is read again (its articles are records of their own).
    let again = session.index().unwrap();
    assert_eq!(session.index_reads(), 1);
    assert_eq!(again, first, "the same index");
    site.write(
        "content/courses/daily/weekly.md",
        "+++\ntitle = \"每周排查\"\nweight = 20\n+++\n\n周排查要写新词甲乙。\n",
    );
    session
        .rebuild(&[shian::serve::Change::new("content/courses/daily/weekly.md")])
        .unwrap();
    let edited = session.index().unwrap();
    assert_eq!(session.index_reads(), 2, "the edited lesson and the law");
    let records: String = edited
        .iter()
        .filter(|(p, _)| p.starts_with("search-index/p/"))
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect();
    assert!(records.contains("新词甲乙"));
}
