//! `shian serve`: build into memory, serve over HTTP, rebuild on change, reload the browser.
//!
//! A [`Session`] keeps what the last build read and made, so a rebuild reads and renders only what a
//! change touched. The HTTP side ([`http`]) always serves the last good build; when a rebuild fails
//! it keeps doing so and overlays the error on every page. The watcher ([`watch`]) runs on its own
//! thread, debounces file events, ignores output and editor litter, and hands the changed paths to
//! the session. Browsers long-poll a version counter and reload when it changes.
//!
//! Nothing here prints or exits: what happens is reported as [`Event`]s to the caller
//! (`commands`), which owns the terminal and the exit status.

pub mod http;
pub mod session;
pub mod watch;

pub use session::{Built, Change, ChangeKind, Session};

use crate::diag::Diagnostics;
use crate::output::Files;
use crate::BuildOptions;
use std::sync::{Arc, RwLock};
use tokio::sync::watch as tokio_watch;

/// What the server shows: the last good files and, if the latest build failed, its errors.
#[derive(Default)]
pub struct Snapshot {
    pub files: Arc<Files>,
    pub error: Option<String>,
    /// The search index files, made after the pages (see [`Shared::index_with`]).
    pub index: Arc<Files>,
    /// The index is behind the pages: its headers say so, and the search page tells the reader.
    pub index_stale: bool,
    /// The index before `index`: a page that loaded its header keeps getting its files (by the
    /// `?g=` generation it asks for) until it loads the new header.
    pub index_before: Arc<Files>,
}

pub struct Shared {
    pub snapshot: RwLock<Snapshot>,
    pub version: tokio_watch::Sender<u64>,
}

/// What a serve session reports.
pub enum Event<'a> {
    /// A build finished; `changed` is the first changed path (none for the first build).
    Built {
        changed: Option<&'a str>,
        built: &'a Built,
    },
    /// A build failed; the last good build is still served.
    Failed {
        changed: Option<&'a str>,
        diagnostics: &'a Diagnostics,
    },
    /// The server listens (printed only once the watcher runs, so a change made after it is seen).
    Serving { url: String },
}

impl Shared {
    pub fn new() -> Shared {
        Shared {
            snapshot: RwLock::new(Snapshot::default()),
            version: tokio_watch::channel(0).0,
        }
    }

    /// Publishes a build's outcome. Browsers are told to reload only when what they would see
    /// changed (files or errors); returns whether it did.
    pub fn publish(&self, result: &Result<Built, Diagnostics>) -> bool {
        let mut snap = self.snapshot.write().unwrap_or_else(|e| e.into_inner());
        match result {
            Ok(b) => {
                if same_files(&snap.files, &b.files) && snap.error.is_none() {
                    return false;
                }
                snap.files = Arc::clone(&b.files);
                snap.error = None;
            }
            Err(diags) => {
                let text = diags.render_plain();
                if snap.error.as_deref() == Some(text.as_str()) {
                    return false;
                }
                snap.error = Some(text);
            }
        }
        drop(snap);
        self.version.send_modify(|v| *v += 1);
        true
    }
}

impl Shared {
    /// Marks the search index as behind the pages just published.
    pub fn index_behind(&self) {
        self.snapshot
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .index_stale = true;
    }

    /// Makes the search index for the pages just published, with `make`, marking the index
    /// served until then as stale. The index is not part of what browsers reload for.
    pub fn index_with(&self, make: impl FnOnce() -> Option<Files>) {
        self.index_behind();
        let made = make();
        let mut snap = self.snapshot.write().unwrap_or_else(|e| e.into_inner());
        if let Some(files) = made {
            snap.index_before = std::mem::replace(&mut snap.index, Arc::new(files));
            snap.index_stale = false;
        }
    }
}

/// Whether two builds' files are the same; pages a rebuild did not render share their bytes, so
/// most comparisons are of pointers.
fn same_files(a: &Files, b: &Files) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b.iter())
            .all(|((pa, ba), (pb, bb))| pa == pb && (Arc::ptr_eq(ba, bb) || ba == bb))
}

impl Default for Shared {
    fn default() -> Self {
        Self::new()
    }
}

/// Why serving stopped.
#[derive(Debug)]
pub enum ServeError {
    /// The site folder cannot be watched.
    Watch(String),
    /// The HTTP server could not start or stopped with an error.
    Server(std::io::Error),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::Watch(e) => write!(f, "cannot watch the site folder: {e}"),
            ServeError::Server(e) => write!(f, "the server stopped: {e}"),
        }
    }
}

/// Builds the site, watches it and serves it on `listener` until Ctrl+C.
pub fn run(
    opts: BuildOptions,
    listener: std::net::TcpListener,
    report: impl Fn(Event<'_>) + Send + Sync + 'static,
) -> Result<(), ServeError> {
    let local = listener.local_addr().map_err(ServeError::Server)?;
    let shared = Arc::new(Shared::new());
    let report = Arc::new(report);
    let mut session = Session::new(opts.clone());
    let first = session.rebuild(&[]);
    shared.publish(&first);
    watch::tell(&*report, None, &first);
    if first.is_ok() {
        shared.index_with(|| session.index());
    }
    let watcher = watch::start(&opts, session, Arc::clone(&shared), Arc::clone(&report))
        .map_err(ServeError::Watch)?;
    report(Event::Serving {
        url: format!("http://{local}/"),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(ServeError::Server)?;
    let result = runtime.block_on(http::serve(listener, shared));
    drop(watcher);
    result.map_err(ServeError::Server)
}
