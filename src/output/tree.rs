//! Folder operations for the output: removal that never follows a symbolic link, and the swap of a
//! finished build for the previous one.

use std::io;
use std::path::{Path, PathBuf};

/// Removes `dir` and everything under it, deleting files in parallel (unlinking thousands of small
/// files is most of the cost of replacing a large output folder).
///
/// A symbolic link is removed as a link: neither `dir` itself nor anything inside it is followed, so
/// removal never reaches a file outside the tree.
pub fn remove(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let meta = std::fs::symlink_metadata(dir)?;
    if !meta.is_dir() {
        return std::fs::remove_file(dir);
    }
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .follow_root_links(false);
    for entry in walker {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_dir() {
            dirs.push(entry.into_path());
        } else {
            files.push(entry.into_path());
        }
    }
    files.par_iter().try_for_each(std::fs::remove_file)?;
    for d in dirs.iter().rev() {
        std::fs::remove_dir(d)?;
    }
    Ok(())
}

/// Whether `dir` is a folder with nothing in it.
pub fn is_empty_dir(dir: &Path) -> io::Result<bool> {
    Ok(std::fs::read_dir(dir)?.next().is_none())
}

/// Puts the folder `new` in the place of the existing folder `out`, and returns where the previous
/// `out` went (`new` or `parked`), for the caller to remove.
///
/// On Linux this is one atomic `renameat2(RENAME_EXCHANGE)`: at every instant `out` is either the
/// complete old output or the complete new one, even if the process is killed. Elsewhere, or on a
/// file system without the exchange, it takes two renames and puts the old folder back if the second
/// fails; a kill between the two leaves `out` missing and the old output at `parked`, which the next
/// build moves back (see `Staging::new`).
pub fn swap(new: &Path, out: &Path, parked: &Path) -> io::Result<PathBuf> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        match renameat_with(CWD, new, CWD, out, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(new.to_path_buf()),
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => return Err(e.into()),
        }
    }
    std::fs::rename(out, parked)?;
    if let Err(e) = std::fs::rename(new, out) {
        // Put the previous output back rather than leave nothing.
        let _ = std::fs::rename(parked, out);
        return Err(e);
    }
    Ok(parked.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn removal_does_not_follow_links() {
        let dir = tempfile::tempdir().unwrap();
        let precious = dir.path().join("precious");
        std::fs::create_dir(&precious).unwrap();
        std::fs::write(precious.join("keep.txt"), "x").unwrap();
        let tree = dir.path().join("tree");
        std::fs::create_dir(&tree).unwrap();
        std::os::unix::fs::symlink(&precious, tree.join("link")).unwrap();
        std::os::unix::fs::symlink(precious.join("keep.txt"), tree.join("file-link")).unwrap();
        remove(&tree).unwrap();
        assert!(!tree.exists());
        // A link given as the root is removed as a link, too.
        let root_link = dir.path().join("root-link");
        std::os::unix::fs::symlink(&precious, &root_link).unwrap();
        remove(&root_link).unwrap();
        assert!(std::fs::symlink_metadata(&root_link).is_err());
        assert_eq!(
            std::fs::read_to_string(precious.join("keep.txt")).unwrap(),
            "x"
        );
    }

    #[test]
    fn swap_exchanges_folders() {
        let dir = tempfile::tempdir().unwrap();
        let (new, out, parked) = (
            dir.path().join("new"),
            dir.path().join("out"),
            dir.path().join("parked"),
        );
        std::fs::create_dir(&new).unwrap();
        std::fs::write(new.join("v"), "2").unwrap();
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("v"), "1").unwrap();
        let old = swap(&new, &out, &parked).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("v")).unwrap(), "2");
        assert_eq!(std::fs::read_to_string(old.join("v")).unwrap(), "1");
    }
}
