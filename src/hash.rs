//! Hashes. [`Fnv`] (FNV-1a, 64 bit) gives the content hashes that appear in the output: question ids
//! derived from their stem, bank and quiz content hashes that key progress kept on the device (they
//! must never change between versions). [`Key`] (xxh3) gives the fingerprints of inputs that decide
//! what a rebuild must render again; they never leave the machine. Neither is for security.

/// A fingerprint in the making: fields are separated, so `("ab","c")` and `("a","bc")` differ.
pub struct Key(xxhash_rust::xxh3::Xxh3);

impl Default for Key {
    fn default() -> Self {
        Key(xxhash_rust::xxh3::Xxh3::new())
    }
}

impl Key {
    pub fn bytes(&mut self, b: &[u8]) -> &mut Self {
        self.0.update(&(b.len() as u64).to_le_bytes());
        self.0.update(b);
        self
    }

    pub fn str(&mut self, s: &str) -> &mut Self {
        self.bytes(s.as_bytes())
    }

    pub fn u64(&mut self, v: u64) -> &mut Self {
        self.0.update(&v.to_le_bytes());
        self
    }

    pub fn finish(&self) -> u64 {
        self.0.digest()
    }
}

/// The fingerprint of one string.
pub fn key(s: &str) -> u64 {
    Key::default().str(s).finish()
}

pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    pub fn write(&mut self, bytes: &[u8]) -> &mut Self {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self
    }

    /// Writes a string and a separator, so `("ab","c")` and `("a","bc")` differ.
    pub fn field(&mut self, s: &str) -> &mut Self {
        self.write(s.as_bytes()).write(&[0xff])
    }

    pub fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

/// The hash of one string, as 16 hex digits.
pub fn hex(s: &str) -> String {
    Fnv::default().write(s.as_bytes()).hex()
}

#[cfg(test)]
mod tests {
    #[test]
    fn known_value_and_separation() {
        assert_eq!(super::hex(""), "cbf29ce484222325");
        let mut a = super::Fnv::default();
        let mut b = super::Fnv::default();
        a.field("ab").field("c");
        b.field("a").field("bc");
        assert_ne!(a.hex(), b.hex());
    }
}
