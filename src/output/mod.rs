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
use std::sync::Mutex;

/// Where rendered files go. Implementations are shared by the parallel renderers.
pub trait Sink: Sync {
    /// Writes `bytes` to the output-relative, `/`-separated `path`.
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()>;
}

#[derive(Default)]
pub struct Memory {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl Memory {
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for Memory {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(path.to_string(), bytes.to_vec());
        Ok(())
    }
}

/// Passes writes on to another sink and keeps a copy of each (to replay them later).
pub struct Recording<'a> {
    inner: &'a dyn Sink,
    files: Mutex<Vec<(String, Vec<u8>)>>,
}

impl<'a> Recording<'a> {
    pub fn new(inner: &'a dyn Sink) -> Self {
        Recording {
            inner,
            files: Mutex::new(Vec::new()),
        }
    }

    pub fn into_files(self) -> Vec<(String, Vec<u8>)> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for Recording<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        self.inner.write(path, bytes)?;
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.push((path.to_string(), bytes.to_vec()));
        Ok(())
    }
}

pub struct Discard;

impl Sink for Discard {
    fn write(&self, _: &str, _: &[u8]) -> io::Result<()> {
        Ok(())
    }
}
