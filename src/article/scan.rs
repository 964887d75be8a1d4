//! Finding article files under a folder: recursive, sorted, symlink loops reported, hidden
//! folders skipped.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::{LoadError, LoadErrorKind};

/// File extensions khabar reads.
pub const EXTENSIONS: &[&str] = &["txt", "json", "jsonl"];

/// Every article file under `root` in name order, and an error for each entry that could
/// not be visited. A file given as `root` is yielded as it is, whatever its extension.
pub fn scan(root: &Path) -> impl Iterator<Item = Result<PathBuf, LoadError>> {
    WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(|entry| match entry {
            Ok(e) if e.file_type().is_file() => {
                (e.depth() == 0 || has_article_extension(e.path())).then(|| Ok(e.into_path()))
            }
            Ok(_) => None,
            Err(err) => {
                let path = err.path().unwrap_or(Path::new("?")).to_path_buf();
                let kind = if err.loop_ancestor().is_some() {
                    LoadErrorKind::SymlinkLoop
                } else {
                    LoadErrorKind::Io(
                        err.into_io_error()
                            .unwrap_or_else(|| std::io::Error::other("cannot be visited")),
                    )
                };
                Some(Err(LoadError { path, kind }))
            }
        })
}

fn has_article_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}
