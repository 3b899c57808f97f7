//! The default theme is embedded with `include_dir!`, which cannot tell cargo which files it read:
//! without this, editing a template would not rebuild the binary and tests would use the old theme.

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}
