//! Output: one writer interface, three targets.
//!
//! - [`Staging`]: `build` writes into a temporary folder beside the output folder and swaps it in only
//!   when the whole build succeeded, so a failed build leaves the previous `public/` untouched.
//!   [`guard`] decides first whether the output folder may be replaced at all.
//! - [`Memory`]: `serve` keeps the site in memory.
//! - [`Discard`]: `check` renders everything and writes nothing.

pub mod guard;
mod staging;
mod tree;

pub use staging::{Staging, MARKER};

use std::collections::BTreeMap;
use std::io;
use std::sync::{Arc, Mutex};

/// Where rendered files go. Implementations are shared by the parallel renderers.
pub trait Sink: Sync {
    /// Writes `bytes` to the output-relative, `/`-separated `path`.
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()>;

    /// Writes bytes that are shared (a page kept in serve's memo): a sink that keeps files in
    /// memory stores them without a copy.
    fn write_shared(&self, path: &str, bytes: Arc<[u8]>) -> io::Result<()> {
        self.write(path, &bytes)
    }
}

/// The files of a build in memory, by output path.
pub type Files = BTreeMap<Arc<str>, Arc<[u8]>>;

#[derive(Default)]
pub struct Memory {
    files: Mutex<Files>,
}

impl Memory {
    pub fn into_files(self) -> Files {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for Memory {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        self.write_shared(path, Arc::from(bytes))
    }

    fn write_shared(&self, path: &str, bytes: Arc<[u8]>) -> io::Result<()> {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(Arc::from(path), bytes);
        Ok(())
    }
}

pub struct Discard;

impl Sink for Discard {
    fn write(&self, _: &str, _: &[u8]) -> io::Result<()> {
        Ok(())
    }
}
