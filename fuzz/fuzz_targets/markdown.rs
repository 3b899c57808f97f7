//! Markdown (with shortcodes, CJK emphasis, raw HTML on and off) never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = shian::markdown::render_standalone(text);
        let _ = shian::markdown::render_standalone_with(text, true);
        let (ex, _) = shian::markdown::shortcodes::extract(text);
        let _ = ex.original(ex.text.len());
    }
});
