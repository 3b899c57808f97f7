//! `shian serve` over real HTTP: memory build, live-reload endpoint, rebuild on change, and the error
//! overlay while keeping the last good build.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shian"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("Serving at http://") {
                let _ = tx.send(rest.split('/').next().unwrap_or_default().to_string());
            }
        }
    });
    let addr = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("serve did not start");
    Server { child, addr }
}

/// A plain HTTP/1.1 GET: (status, body).
fn get(addr: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let status = raw
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = raw
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

fn version(addr: &str) -> u64 {
    get(addr, "/__shian/poll").1.trim().parse().unwrap()
}

/// Waits until `/__shian/poll` reports a version newer than `since`.
fn wait_for_rebuild(addr: &str, since: u64) -> u64 {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let v: u64 = get(addr, &format!("/__shian/poll?since={since}"))
            .1
            .trim()
            .parse()
            .unwrap();
        if v > since {
            return v;
        }
        assert!(Instant::now() < deadline, "no rebuild after a change");
    }
}

#[test]
fn serves_rebuilds_and_overlays_errors() {
    let site = common::site("serve-basic");
    let server = start(&site.root);
    let addr = server.addr.clone();
    assert!(!site.out().exists(), "serve builds into memory");

    let (status, page) = get(&addr, "/page/");
    assert_eq!(status, 200);
    assert!(page.contains("第一版"));
    assert!(
        page.contains("src=\"/__shian/livereload.js\""),
        "live reload injected"
    );
    assert_eq!(get(&addr, "/page").0, 301, "folder without slash redirects");
    let (status, missing) = get(&addr, "/nope/");
    assert_eq!(status, 404);
    assert!(missing.contains("找不到该页面"));
    assert!(get(&addr, "/__shian/livereload.js")
        .1
        .contains("location.reload()"));

    let v0 = version(&addr);
    site.write("content/page.md", "+++\ntitle = \"页面\"\n+++\n\n第二版\n");
    let v1 = wait_for_rebuild(&addr, v0);
    let page = get(&addr, "/page/").1;
    assert!(page.contains("第二版") && !page.contains("shian-error-overlay"));

    site.write("content/page.md", "+++\ntitle = \n+++\n\n第三版\n");
    let v2 = wait_for_rebuild(&addr, v1);
    let page = get(&addr, "/page/").1;
    assert!(page.contains("shian-error-overlay"), "overlay shown");
    assert!(
        page.contains("E-FM-TOML") && page.contains("content/page.md:2:"),
        "error in overlay"
    );
    assert!(page.contains("第二版"), "last good build still served");

    site.write("content/page.md", "+++\ntitle = \"页面\"\n+++\n\n第三版\n");
    wait_for_rebuild(&addr, v2);
    let page = get(&addr, "/page/").1;
    assert!(page.contains("第三版") && !page.contains("shian-error-overlay"));
}

#[test]
fn a_busy_port_is_a_usage_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let site = common::site("serve-basic");
    let out = site.cli(&["serve", "--port", &port]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot listen"));
}

/// A client that never finishes its headers is cut off (header read timeout), many of them do not
/// stop the server, and an odd request path never panics it.
#[test]
fn half_open_connections_are_closed_and_odd_paths_answered() {
    let site = common::site("serve-basic");
    let server = start(&site.root);
    let mut slow: Vec<TcpStream> = (0..50)
        .map(|_| {
            let mut s = TcpStream::connect(&server.addr).unwrap();
            s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
            s
        })
        .collect();
    // Meanwhile the server answers others.
    let (status, _) = get(&server.addr, "/");
    assert_eq!(status, 200);
    for path in [
        "/a%E9%A3",
        "/a%食",
        "/a%",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/a%00b",
    ] {
        let (status, _) = get(&server.addr, path);
        assert!(status == 404 || status == 400, "{path}: {status}");
    }
    let started = Instant::now();
    let first = &mut slow[0];
    first
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut buf = Vec::new();
    // The server closes the connection (possibly after a 408): the read ends.
    let _ = first.read_to_end(&mut buf);
    assert!(
        started.elapsed() < Duration::from_secs(25),
        "the slow connection was not closed"
    );
    let (status, _) = get(&server.addr, "/");
    assert_eq!(status, 200, "still serving after the slow clients");
}

/// Polls `path` until its body satisfies `ok` (the index is made after the pages).
fn wait_for_body(addr: &str, path: &str, ok: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (status, body) = get(addr, path);
        if status == 200 && ok(&body) {
            return body;
        }
        assert!(Instant::now() < deadline, "{path}: still {status} {body}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The text of every record in the served index.
fn served_records(addr: &str) -> String {
    let meta = get(addr, "/search-index/meta.js").1;
    let n: usize = meta
        .split("\"n\":")
        .nth(1)
        .and_then(|r| r.split(',').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    (0..n)
        .map(|i| get(addr, &format!("/search-index/p/{i}.js")).1)
        .collect()
}

#[test]
fn serve_keeps_a_search_index_that_follows_edits() {
    let site = common::site("search");
    let server = start(&site.root);
    let addr = server.addr.clone();
    let meta = wait_for_body(&addr, "/search-index/meta.js", |b| {
        b.starts_with("shianSearch.meta({")
    });
    assert!(
        meta.contains("\"d\":[\"周排查\",\"日管控\",\"每日管控\"]"),
        "{meta}"
    );
    assert!(served_records(&addr).contains("每周排查"));
    let v0 = version(&addr);
    site.write(
        "content/courses/daily/weekly.md",
        "+++\ntitle = \"每周排查\"\nweight = 20\n+++\n\n周排查要写新词甲乙。\n",
    );
    wait_for_rebuild(&addr, v0);
    let deadline = Instant::now() + Duration::from_secs(20);
    while !served_records(&addr).contains("新词甲乙") {
        assert!(
            Instant::now() < deadline,
            "the index did not follow the edit"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
