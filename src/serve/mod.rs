//! `shian serve`: build into memory, serve over HTTP, rebuild on change, reload the browser.
//!
//! The HTTP side ([`http`]) always serves the last good build; when a rebuild fails it keeps doing so
//! and overlays the error on every page. The watcher ([`watch`]) runs on its own thread, debounces
//! file events and ignores output and editor litter. Browsers long-poll a version counter and reload
//! when it changes.

pub mod http;
pub mod watch;

use crate::cli::ServeArgs;
use crate::commands::{options, summary, EXIT_CONTENT, EXIT_OK, EXIT_USAGE};
use crate::{build, BuildOptions, Target};
use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};
use tokio::sync::watch as tokio_watch;

/// What the server shows: the last good files and, if the latest build failed, its errors.
#[derive(Default)]
pub struct Snapshot {
    pub files: Arc<BTreeMap<String, Vec<u8>>>,
    pub error: Option<String>,
}

pub struct Shared {
    pub snapshot: RwLock<Snapshot>,
    pub version: tokio_watch::Sender<u64>,
}

impl Shared {
    pub fn new() -> Shared {
        Shared {
            snapshot: RwLock::new(Snapshot::default()),
            version: tokio_watch::channel(0).0,
        }
    }

    /// Runs a build and publishes its outcome. Browsers are told to reload only when what they
    /// would see changed (files or errors); returns a one-line report, or `None` when nothing did.
    pub fn rebuild(&self, opts: &BuildOptions) -> Option<String> {
        let result = build(opts, Target::Memory);
        let mut snap = self.snapshot.write().unwrap_or_else(|e| e.into_inner());
        let line = match result {
            Ok(r) => {
                if !r.warnings.is_empty() {
                    r.warnings.emit_to_stderr();
                }
                let line = format!(
                    "Built {} ({} documents rendered)",
                    summary(&r),
                    r.stats.rendered
                );
                let files = r.files.unwrap_or_default();
                if *snap.files == files && snap.error.is_none() {
                    return None;
                }
                snap.files = Arc::new(files);
                snap.error = None;
                line
            }
            Err(diags) => {
                diags.emit_to_stderr();
                let text = diags.render_plain();
                if snap.error.as_deref() == Some(text.as_str()) {
                    return None;
                }
                snap.error = Some(text);
                format!(
                    "Build failed ({} errors); still serving the last good build",
                    diags.error_count()
                )
            }
        };
        drop(snap);
        self.version.send_modify(|v| *v += 1);
        Some(line)
    }
}

impl Default for Shared {
    fn default() -> Self {
        Self::new()
    }
}

pub fn run(args: &ServeArgs) -> i32 {
    let addr = format!("{}:{}", args.bind, args.port);
    let listener = match std::net::TcpListener::bind(&addr) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: cannot listen on {addr}: {e}");
            eprintln!(
                "  hint: another server may be using the port; try --port {}",
                args.port.wrapping_add(1).max(1024)
            );
            return EXIT_USAGE;
        }
    };
    let local = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
    };
    let mut opts = options(&args.site);
    opts.base_url = Some(format!("http://{local}/"));
    opts.progress = false;
    opts.memo = Some(Arc::default());
    if !opts.root.join(crate::config::CONFIG_FILE).is_file() {
        eprintln!(
            "error: {} has no site.toml\n  hint: run shian serve inside a site folder, pass --root DIR, or create a site with `shian init DIR`",
            opts.root.display()
        );
        return EXIT_CONTENT;
    }

    let shared = Arc::new(Shared::new());
    println!("{}", shared.rebuild(&opts).unwrap_or_default());
    let watcher = match watch::start(opts.clone(), Arc::clone(&shared)) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: cannot watch {}: {e}", opts.root.display());
            return EXIT_CONTENT;
        }
    };
    // Printed only once the watcher runs, so a change made after this line is always seen.
    println!("Serving at http://{local}/ (Ctrl+C to stop)");
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the server: {e}");
            return EXIT_CONTENT;
        }
    };
    let result = runtime.block_on(http::serve(listener, shared));
    drop(watcher);
    match result {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("error: server stopped: {e}");
            EXIT_CONTENT
        }
    }
}
