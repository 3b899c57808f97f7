//! Result codes (SA1), self-check codes (SK1) and the scanner that finds them in chat logs.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = shian::results::code::decode(&text);
    let _ = shian::checklists::code::decode(&text);
    let arc: std::sync::Arc<str> = std::sync::Arc::from(text.as_ref());
    let _ = shian::results::scan::find("chat.txt", &arc, b'A');
    let _ = shian::results::scan::find("chat.txt", &arc, b'K');
});
