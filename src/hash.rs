//! Stable content hashes (FNV-1a, 64 bit): question ids derived from their stem, bank and quiz content
//! hashes that key progress kept on the device. Not for security: answers ship in the page anyway.

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
