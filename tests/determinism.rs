//! Two builds of the same input are byte-identical, whatever was built before: search on or off,
//! relative links or not, archived editions rendered cold or restored from the edition cache.

mod common;

use std::process::Command;

fn build(site: &common::Site, args: &[&str]) -> Vec<(String, Vec<u8>)> {
    let o = Command::new(env!("CARGO_BIN_EXE_shian"))
        .arg("build")
        .args(args)
        .current_dir(&site.root)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("NO_COLOR", "1")
        .output()
        .expect("run shian");
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    common::tree(&site.out())
}

#[test]
fn output_depends_only_on_the_input_and_the_options() {
    let site = common::site("editions");
    let variants: [&[&str]; 4] = [
        &[],
        &["--no-search"],
        &["--relative"],
        &["--relative", "--no-search"],
    ];
    let cache = site.root.join(".shian-cache");
    let cold: Vec<_> = variants
        .iter()
        .map(|args| {
            let _ = std::fs::remove_dir_all(&cache);
            build(&site, args)
        })
        .collect();
    assert!(
        cold[0]
            .iter()
            .any(|(p, _)| p.starts_with("editions/2023/search-index/")),
        "the archived edition has its own search index"
    );
    assert!(cold[1].iter().all(|(p, _)| !p.contains("search-index/")));
    // Warm builds in an order that makes each option follow each other one.
    for i in [0, 1, 0, 2, 1, 3, 0, 3, 2, 0, 1, 1, 2, 2, 3, 3] {
        let warm = build(&site, variants[i]);
        let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
        assert_eq!(names(&warm), names(&cold[i]), "files of {:?}", variants[i]);
        for ((p, a), (_, b)) in warm.iter().zip(&cold[i]) {
            assert!(
                a == b,
                "{p} differs after a warm build with {:?}",
                variants[i]
            );
        }
    }
}
