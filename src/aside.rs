//! Where a damaged file khabar keeps (state, cache, search index) is set aside: a name
//! beside it, `<name>.corrupt-<stamp>`, that nothing holds yet, so no earlier copy is ever
//! overwritten.

use std::path::{Path, PathBuf};

/// A free `<name>.corrupt-<stamp>[-n]` beside `path`; `fallback` names a path without a
/// file name.
pub fn aside_path(path: &Path, fallback: &str) -> PathBuf {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let name = path
        .file_name()
        .map_or_else(|| fallback.into(), |n| n.to_string_lossy().into_owned());
    let mut aside = path.with_file_name(format!("{name}.corrupt-{stamp}"));
    let mut n = 1;
    while std::fs::symlink_metadata(&aside).is_ok() {
        aside = path.with_file_name(format!("{name}.corrupt-{stamp}-{n}"));
        n += 1;
    }
    aside
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_aside_name_never_takes_an_existing_one() {
        let dir = tempfile::tempdir().expect("temp");
        let file = dir.path().join("state.json");
        let first = aside_path(&file, "x");
        std::fs::write(&first, b"earlier").expect("write");
        let second = aside_path(&file, "x");
        assert_ne!(first, second);
        let name = second
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        assert!(name.starts_with("state.json.corrupt-"), "{name}");
    }
}
