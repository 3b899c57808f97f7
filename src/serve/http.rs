//! The HTTP side of `serve` (axum): files from the last good build, a long-poll endpoint for live
//! reload, and the error overlay injected into HTML while the latest build is failing.

use super::Shared;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use std::sync::Arc;
use std::time::Duration;

const RELOAD_JS: &str = r#"(function(){var s=document.currentScript,v=s&&s.getAttribute("data-version");function poll(){fetch("/__shian/poll?since="+v,{cache:"no-store"}).then(function(r){return r.text()}).then(function(t){if(t!==v){location.reload()}else{poll()}}).catch(function(){setTimeout(poll,1000)})}poll()})();"#;

/// How long a client may take to send a request's headers; a connection that sends them slower is
/// closed, so half-open connections cannot pile up and stop the server.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(5);

pub async fn serve(listener: std::net::TcpListener, shared: Arc<Shared>) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let app = Router::new()
        .route("/__shian/poll", get(poll))
        .route("/__shian/livereload.js", get(reload_js))
        .fallback(file)
        .with_state(shared);
    let mut stop = std::pin::pin!(tokio::signal::ctrl_c());
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors and the like: wait a moment instead of spinning.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut stop => return Ok(()),
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn reload_js() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        RELOAD_JS,
    )
        .into_response()
}

#[derive(Deserialize)]
struct PollQuery {
    since: Option<String>,
}

/// Answers with the build version as soon as it differs from `since` (or after 25 s).
async fn poll(State(shared): State<Arc<Shared>>, Query(q): Query<PollQuery>) -> Response {
    let mut rx = shared.version.subscribe();
    let since: Option<u64> = q.since.and_then(|s| s.parse().ok());
    let current = *rx.borrow_and_update();
    if since == Some(current) {
        let _ = tokio::time::timeout(Duration::from_secs(25), rx.changed()).await;
    }
    let v = *rx.borrow();
    (
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::CONTENT_TYPE, "text/plain"),
        ],
        v.to_string(),
    )
        .into_response()
}

async fn file(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    let (files, error, index, stale) = {
        let snap = shared.snapshot.read().unwrap_or_else(|e| e.into_inner());
        (
            Arc::clone(&snap.files),
            snap.error.clone(),
            index_for(&snap, &uri),
            snap.index_stale,
        )
    };
    let version = *shared.version.borrow();
    let path = percent_decode(uri.path().trim_start_matches('/'));
    let lookup = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.clone()
    };
    if let Some(bytes) = files.get(lookup.as_str()) {
        return respond(StatusCode::OK, &lookup, bytes, version, error.as_deref());
    }
    if let Some(bytes) = index.get(lookup.as_str()) {
        let bytes = match stale && lookup.ends_with("search-index/meta.js") {
            true => stale_meta(bytes),
            false => bytes.to_vec(),
        };
        return respond(StatusCode::OK, &lookup, &bytes, version, None);
    }
    if files.contains_key(format!("{path}/index.html").as_str()) {
        return (
            StatusCode::MOVED_PERMANENTLY,
            [(header::LOCATION, format!("/{path}/"))],
        )
            .into_response();
    }
    match files.get("404.html") {
        Some(bytes) => respond(
            StatusCode::NOT_FOUND,
            "404.html",
            bytes,
            version,
            error.as_deref(),
        ),
        None => {
            let page = b"<!doctype html><html><head><meta charset=\"utf-8\"><title>shian</title></head><body></body></html>";
            let status = if error.is_some() {
                StatusCode::INTERNAL_SERVER_ERROR
            } else {
                StatusCode::NOT_FOUND
            };
            respond(status, "index.html", page, version, error.as_deref())
        }
    }
}

/// The index a request is for: the one whose generation its `?g=` names, when that is the
/// previous one (the page loaded its header before the index was made again); else the latest.
fn index_for(snap: &super::Snapshot, uri: &Uri) -> Arc<crate::output::Files> {
    let asked = uri
        .query()
        .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("g=")));
    let folder = uri.path().trim_start_matches('/');
    let folder = folder.find("search-index/").map(|i| &folder[..i + 13]);
    let generation = |files: &crate::output::Files| {
        let meta = files.get(format!("{}meta.js", folder?).as_str())?;
        let text = std::str::from_utf8(meta).ok()?;
        let from = text.find("\"g\":\"")? + 5;
        Some(text[from..].split('"').next()?.to_string())
    };
    match asked {
        Some(g)
            if generation(&snap.index).as_deref() != Some(g)
                && generation(&snap.index_before).as_deref() == Some(g) =>
        {
            Arc::clone(&snap.index_before)
        }
        _ => Arc::clone(&snap.index),
    }
}

/// An index header marked as behind the pages (docs/search-format.md: `stale`).
fn stale_meta(bytes: &[u8]) -> Vec<u8> {
    const HEAD: &[u8] = b"shianSearch.meta({";
    match bytes.strip_prefix(HEAD) {
        Some(rest) => [HEAD, b"\"stale\":true,", rest].concat(),
        None => bytes.to_vec(),
    }
}

fn respond(
    status: StatusCode,
    path: &str,
    bytes: &[u8],
    version: u64,
    error: Option<&str>,
) -> Response {
    let ctype = content_type(path);
    let body = if ctype.starts_with("text/html") {
        inject(bytes, version, error).into_bytes()
    } else {
        bytes.to_vec()
    };
    (
        status,
        [
            (header::CONTENT_TYPE, ctype),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// Adds the live-reload script, and the error overlay when the latest build failed.
pub fn inject(html: &[u8], version: u64, error: Option<&str>) -> String {
    let html = String::from_utf8_lossy(html);
    let mut extra = String::new();
    if let Some(err) = error {
        extra.push_str(
            "<div id=\"shian-error-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:99999;overflow:auto;background:rgba(20,20,20,.94);color:#fff;padding:1.5rem;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace\">",
        );
        extra.push_str("<p style=\"font:bold 18px/1.4 system-ui,sans-serif;margin:0 0 1rem\">shian: the latest build failed; this is the last good build. Fix the errors and save: the page reloads.</p><pre style=\"white-space:pre-wrap;margin:0\">");
        extra.push_str(&crate::html::escape(err));
        extra.push_str("</pre></div>");
    }
    extra.push_str(&format!(
        "<script src=\"/__shian/livereload.js\" data-version=\"{version}\"></script>"
    ));
    match html.rfind("</body>") {
        Some(i) => format!("{}{}{}", &html[..i], extra, &html[i..]),
        None => format!("{html}{extra}"),
    }
}

fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// The request path with `%XX` escapes decoded (invalid UTF-8 becomes U+FFFD, never a panic).
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_keeps_the_index_generation_it_started_with() {
        let files = |g: &str, shard: &str| -> Arc<crate::output::Files> {
            let mut f = crate::output::Files::new();
            let meta = format!("shianSearch.meta({{\"v\":1,\"g\":\"{g}\"}});");
            f.insert(
                Arc::from("search-index/meta.js"),
                Arc::from(meta.as_bytes()),
            );
            f.insert(
                Arc::from("search-index/t/0.js"),
                Arc::from(shard.as_bytes()),
            );
            Arc::new(f)
        };
        let snap = crate::serve::Snapshot {
            index: files("new", "NEW"),
            index_before: files("old", "OLD"),
            ..Default::default()
        };
        let shard = |uri: &str| {
            let i = index_for(&snap, &uri.parse().unwrap());
            String::from_utf8(i["search-index/t/0.js"].to_vec()).unwrap()
        };
        assert_eq!(shard("/search-index/t/0.js?g=old"), "OLD");
        assert_eq!(shard("/search-index/t/0.js?g=new"), "NEW");
        assert_eq!(shard("/search-index/t/0.js"), "NEW");
        assert_eq!(shard("/search-index/t/0.js?g=gone"), "NEW");
    }

    #[test]
    fn a_stale_index_header_says_so() {
        let meta = b"shianSearch.meta({\"v\":1});\n";
        assert_eq!(
            stale_meta(meta),
            b"shianSearch.meta({\"stale\":true,\"v\":1});\n".to_vec()
        );
        assert_eq!(stale_meta(b"other"), b"other".to_vec());
    }

    #[test]
    fn injects_before_body_end_and_escapes_errors() {
        let out = inject(b"<html><body><p>x</p></body></html>", 3, Some("<bad>"));
        assert!(out.contains("data-version=\"3\"></script></body>"));
        assert!(out.contains("&lt;bad&gt;") && out.contains("shian-error-overlay"));
        assert_eq!(percent_decode("a%2Fb%E9%A3%9F"), "a/b食");
        // Raw UTF-8 right after a `%` once panicked on a slice inside a character.
        assert_eq!(percent_decode("%食品"), "%食品");
        assert_eq!(percent_decode("%E9%A3"), "\u{fffd}");
        assert_eq!(percent_decode("100%"), "100%");
    }
}
