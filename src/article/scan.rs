//! Finding article files under a folder: recursive, sorted, symlink loops reported, hidden
//! folders, khabar's own folders and (unless asked) symlinked folders skipped.

use std::path::{Component, Path, PathBuf};

use walkdir::{DirEntry, WalkDir};

use super::{LoadError, LoadErrorKind};

/// File extensions khabar reads.
pub const EXTENSIONS: &[&str] = &["txt", "json", "jsonl", "html", "htm", "xml", "rss", "atom"];

/// How a folder is walked.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    /// Follow symlinked folders (`--follow`). Off by default, as in ripgrep and fd: a link
    /// to `/proc` or `/usr` must not fill the list. A symlinked *file* is always read.
    pub follow_links: bool,
    /// Folders never read, wherever they are: khabar's own cache, state, config and
    /// exports. A folder that holds the opened folder itself is not skipped (the reader
    /// asked for it).
    pub skip: Vec<PathBuf>,
}

impl Default for ScanOptions {
    /// Symlinked folders not followed; khabar's own default folders skipped.
    fn default() -> Self {
        ScanOptions {
            follow_links: false,
            skip: own_dirs(),
        }
    }
}

impl ScanOptions {
    /// The defaults, following symlinked folders or not.
    pub fn new(follow_links: bool) -> Self {
        ScanOptions {
            follow_links,
            ..ScanOptions::default()
        }
    }

    /// These options with `dirs` skipped as well (a `--cache-dir`, a `--state-dir`).
    pub fn skipping(mut self, dirs: impl IntoIterator<Item = PathBuf>) -> Self {
        self.skip.extend(dirs);
        self
    }

    /// The rules for walking `root`: which paths under it are read.
    pub fn rules(&self, root: &Path) -> ScanRules {
        let root = resolve(root);
        let skip = self
            .skip
            .iter()
            .map(|d| resolve(d))
            // The folder opened, or one inside it, is read even when it is one of ours.
            .filter(|d| !root.starts_with(d))
            .collect();
        ScanRules { root, skip }
    }
}

/// Where khabar keeps its own files by default: `$XDG_CACHE_HOME/khabar`,
/// `$XDG_STATE_HOME/khabar`, `$XDG_CONFIG_HOME/khabar` and `$XDG_DATA_HOME/khabar` (the
/// exports), as far as they are known.
pub fn own_dirs() -> Vec<PathBuf> {
    [
        dirs::cache_dir(),
        dirs::state_dir(),
        dirs::data_local_dir(),
        dirs::config_dir(),
        dirs::data_dir(),
    ]
    .into_iter()
    .flatten()
    .map(|d| d.join("khabar"))
    .collect()
}

/// Which paths under a folder the scan reads, as plain path tests (no disk access), so the
/// watcher can tell the changes that matter from khabar's own writes.
#[derive(Debug, Clone)]
pub struct ScanRules {
    /// The folder, absolute and with symlinks resolved where it exists.
    root: PathBuf,
    /// Folders skipped, resolved the same way.
    skip: Vec<PathBuf>,
}

impl ScanRules {
    /// The folder these rules are for.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Whether the folder `dir` (absolute, under the root) is left out of the scan: it is
    /// hidden, or inside one of khabar's own folders.
    pub fn skips_dir(&self, dir: &Path) -> bool {
        let Ok(rel) = dir.strip_prefix(&self.root) else {
            return true;
        };
        is_hidden(rel) || self.skip.iter().any(|s| dir.starts_with(s))
    }

    /// Whether a change to `path` can change what the scan finds. Changes outside the
    /// folder, in hidden files or folders (temporary files, `.git`), in khabar's own folders
    /// and to files khabar does not read are not; `is_file` says whether `path` is known to
    /// be a file (a folder's name may look like any file's).
    pub fn matters(&self, path: &Path, is_file: bool) -> bool {
        if path == self.root {
            return true;
        }
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return false;
        };
        if is_hidden(rel) || self.skip.iter().any(|s| path.starts_with(s)) {
            return false;
        }
        !is_file || has_article_extension(path)
    }
}

/// Every article file under `root` in name order, and an error for each entry that could
/// not be visited. A file given as `root` is yielded as it is, whatever its extension.
/// Symlinked folders are not followed and khabar's own folders are skipped (see
/// [`ScanOptions::default`]).
pub fn scan(root: &Path) -> impl Iterator<Item = Result<PathBuf, LoadError>> + use<> {
    scan_with(root, &ScanOptions::default())
}

/// [`scan`] with the given options.
pub fn scan_with(
    root: &Path,
    options: &ScanOptions,
) -> impl Iterator<Item = Result<PathBuf, LoadError>> + use<> {
    walk(root, options, |_| true).filter_map(move |entry| match entry {
        Ok(e) if e.file_type().is_file() => {
            (e.depth() == 0 || has_article_extension(e.path())).then(|| Ok(e.into_path()))
        }
        // Not followed: a symlink is read when it leads to a file.
        Ok(e) if e.path_is_symlink() && e.depth() > 0 && has_article_extension(e.path()) => {
            match std::fs::metadata(e.path()) {
                Ok(m) if m.is_file() => Some(Ok(e.into_path())),
                Ok(_) => None,
                Err(err) => Some(Err(LoadError::new(e.path(), err))),
            }
        }
        Ok(_) => None,
        Err(err) => Some(Err(walk_error(err))),
    })
}

/// Every folder the scan enters, in name order, and an error for each that could not be
/// read: the folders to watch for changes.
pub fn scan_dirs(
    root: &Path,
    options: &ScanOptions,
) -> impl Iterator<Item = Result<PathBuf, LoadError>> + use<> {
    walk(root, options, |e| e.file_type().is_dir()).filter_map(|entry| match entry {
        Ok(e) if e.file_type().is_dir() => Some(Ok(e.into_path())),
        Ok(_) => None,
        Err(err) => Some(Err(walk_error(err))),
    })
}

/// The walk of `root` in name order under the scan's rules, into the entries `also` keeps.
fn walk<F: Fn(&DirEntry) -> bool + 'static>(
    root: &Path,
    options: &ScanOptions,
    also: F,
) -> impl Iterator<Item = walkdir::Result<DirEntry>> + use<F> {
    let rules = options.rules(root);
    let follow = options.follow_links;
    let given = root.to_path_buf();
    WalkDir::new(root)
        .follow_links(follow)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(move |e| also(e) && keep_entry(e, &given, &rules, follow))
}

/// Whether the walk goes into (or yields) `e`.
fn keep_entry(e: &DirEntry, root: &Path, rules: &ScanRules, follow: bool) -> bool {
    if e.depth() == 0 {
        return true;
    }
    if e.file_name().to_string_lossy().starts_with('.') {
        return false;
    }
    if !e.file_type().is_dir() {
        return true;
    }
    // The folder as the rules see it: under the resolved root. Through a followed link the
    // lexical path says nothing about where it leads; resolve it.
    let dir = if follow {
        std::fs::canonicalize(e.path()).unwrap_or_else(|_| e.path().to_path_buf())
    } else {
        match e.path().strip_prefix(root) {
            Ok(rel) => rules.root.join(rel),
            Err(_) => e.path().to_path_buf(),
        }
    };
    if follow && !dir.starts_with(&rules.root) {
        // A followed link out of the folder: only khabar's own folders are skipped.
        return !rules.skip.iter().any(|s| dir.starts_with(s));
    }
    !rules.skips_dir(&dir)
}

fn walk_error(err: walkdir::Error) -> LoadError {
    let path = err.path().unwrap_or(Path::new("?")).to_path_buf();
    let kind = if err.loop_ancestor().is_some() {
        LoadErrorKind::SymlinkLoop
    } else {
        LoadErrorKind::Io(
            err.into_io_error()
                .unwrap_or_else(|| std::io::Error::other("cannot be visited")),
        )
    };
    LoadError { path, kind }
}

/// A relative path with a hidden part (`.git/x`, `a/.tmp123`).
fn is_hidden(rel: &Path) -> bool {
    rel.components().any(|c| match c {
        Component::Normal(name) => name.as_encoded_bytes().first() == Some(&b'.'),
        _ => false,
    })
}

/// `path` made absolute, with symlinks resolved as far as it exists (a cache folder not yet
/// created is matched by the path it will have).
fn resolve(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut existing = absolute.as_path();
    let mut rest: Vec<&std::ffi::OsStr> = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            return rest.iter().rev().fold(real, |p, part| p.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name);
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

fn has_article_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(root: &str, skip: &[&str]) -> ScanRules {
        ScanRules {
            root: PathBuf::from(root),
            skip: skip.iter().map(PathBuf::from).collect(),
        }
    }

    #[test]
    fn changes_to_khabars_own_files_do_not_matter() {
        let r = rules("/home/u", &["/home/u/kcache/khabar"]);
        assert!(r.matters(Path::new("/home/u/news/a.txt"), true));
        assert!(r.matters(Path::new("/home/u/news"), false));
        assert!(r.matters(Path::new("/home/u"), false));
        assert!(!r.matters(Path::new("/home/u/kcache/khabar/abc/library.redb"), true));
        assert!(!r.matters(Path::new("/home/u/kcache/khabar/abc/search"), false));
        assert!(!r.matters(Path::new("/home/u/.cache/khabar/x/library.redb"), true));
        assert!(!r.matters(Path::new("/home/u/news/.tmpXYZ"), true));
        assert!(!r.matters(Path::new("/home/u/news/.a.txt.swp"), true));
        assert!(!r.matters(Path::new("/home/u/news/notes.md"), true));
        assert!(!r.matters(Path::new("/home/other/a.txt"), true));
        // A folder may be named like a file; it is not known to be a file.
        assert!(r.matters(Path::new("/home/u/news/2024.03"), false));
    }

    #[test]
    fn a_folder_that_holds_the_opened_one_is_not_skipped() {
        let options = ScanOptions {
            follow_links: false,
            skip: vec![PathBuf::from("/tmp/khabar-nowhere")],
        };
        let r = options.rules(Path::new("/tmp/khabar-nowhere/news"));
        assert!(r.skip.is_empty());
        assert!(!r.skips_dir(Path::new("/tmp/khabar-nowhere/news/a")));
    }

    #[test]
    fn folders_not_yet_made_are_resolved_by_their_future_path() {
        let dir = tempfile::tempdir().expect("tempdir");
        let real = std::fs::canonicalize(dir.path()).expect("canonical");
        assert_eq!(resolve(&dir.path().join("a/b")), real.join("a/b"));
    }
}
