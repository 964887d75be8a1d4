//! What the reader remembers between runs: which articles were read and where the reader
//! left off in each. Kept as JSON under the XDG state folder, written atomically (a
//! temporary file renamed over the old one) under a lock; a file that cannot be read is set
//! aside, never lost, and two readers sharing the folder merge their changes.
//!
//! Every change this session makes is stamped ([`ReadingState::record`]); a save reads the
//! file under the lock, applies only this session's changes where they are newer than what
//! the file holds, and writes the result ([`StateStore::save`]). A file that cannot be read
//! and cannot be moved aside is left as it is, and nothing is written this session.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use thiserror::Error;

const FILE_NAME: &str = "state.json";
const VERSION: u32 = 1;
/// A state file larger than this is not read (it holds a few hundred bytes per article).
const MAX_LEN: u64 = 64 << 20;

/// Reading state for every article the reader has opened, keyed by [`crate::article::Article::key`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReadingState {
    #[serde(default)]
    pub version: u32,
    #[serde(default)]
    pub articles: BTreeMap<String, ArticleState>,
    /// When each article's state last changed, in milliseconds since the Unix epoch. Files
    /// written before stamps existed have none: any stamped change is newer.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub changed: BTreeMap<String, u64>,
    /// The articles this session changed: the only ones a save may overwrite in the file.
    #[serde(skip)]
    pub session: BTreeSet<String>,
}

/// One article's reading state. The position is a block and byte offset rather than a row,
/// so it survives a different window width.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleState {
    pub read: bool,
    #[serde(default)]
    pub block: usize,
    #[serde(default)]
    pub offset: usize,
}

impl ReadingState {
    /// The state of one article (the default when it was never opened).
    pub fn get(&self, key: &str) -> ArticleState {
        self.articles.get(key).copied().unwrap_or_default()
    }

    /// Records a change this session made to an article, stamped now, so the next save
    /// writes it unless another reader has changed the same article since.
    pub fn record(&mut self, key: String, state: ArticleState) {
        self.record_at(key, state, now_millis());
    }

    /// [`ReadingState::record`] with the stamp given.
    pub fn record_at(&mut self, key: String, state: ArticleState, stamp: u64) {
        self.changed.insert(key.clone(), stamp);
        self.articles.insert(key.clone(), state);
        self.session.insert(key);
    }

    /// `disk` (what the file holds now) with this state's changes applied: per article the
    /// newest change wins, a tie goes to this session's change, and an article the file lacks
    /// is added. Nothing the file holds is dropped.
    pub fn merged_into(&self, disk: ReadingState) -> ReadingState {
        let mut out = disk;
        for (key, ours) in &self.articles {
            let our_stamp = self.changed.get(key).copied();
            let wins = match (
                out.articles.contains_key(key),
                out.changed.get(key).copied(),
            ) {
                (false, _) => true,
                (true, disk_stamp) if self.session.contains(key) => our_stamp >= disk_stamp,
                (true, disk_stamp) => our_stamp > disk_stamp,
            };
            if wins {
                out.articles.insert(key.clone(), *ours);
                match our_stamp {
                    Some(stamp) => out.changed.insert(key.clone(), stamp),
                    None => out.changed.remove(key),
                };
            }
        }
        out.changed.retain(|key, _| out.articles.contains_key(key));
        out.version = VERSION;
        out.session = self.session.clone();
        out
    }
}

fn now_millis() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

#[derive(Debug, Error)]
pub enum StateError {
    #[error("cannot write reading state to {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The state folder's place is taken by a file.
    #[error(
        "reading state is not kept: {} is a file, not a folder; move it away or pass \
         --state-dir with a folder",
        dir.display()
    )]
    NotAFolder { dir: PathBuf },
    /// The state file could not be read nor moved aside: it is left alone.
    #[error("reading state is not saved this session: {0}")]
    Refused(String),
}

/// What a save wrote: the merged state (this session's changes and every other reader's),
/// and a warning when the file on disk had to be set aside first.
#[derive(Debug)]
pub struct Saved {
    pub state: ReadingState,
    pub warning: Option<String>,
}

/// Where reading state lives on disk.
#[derive(Debug, Clone)]
pub struct StateStore {
    dir: PathBuf,
    /// Why nothing may be written this session, once a file could neither be read nor moved.
    refused: OnceLock<String>,
}

/// Why the state file could not be used.
enum Unreadable {
    /// It was read but is not reading state.
    Corrupt(String),
    /// It could not be read at all.
    Io(String),
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unreadable::Corrupt(why) => write!(f, "is corrupt ({why})"),
            Unreadable::Io(why) => write!(f, "cannot be read ({why})"),
        }
    }
}

impl StateStore {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        StateStore {
            dir: dir.into(),
            refused: OnceLock::new(),
        }
    }

    /// `$XDG_STATE_HOME/khabar` (usually `~/.local/state/khabar`), or the platform's local
    /// data folder where there is no state folder.
    pub fn default_dir() -> Option<PathBuf> {
        dirs::state_dir()
            .or_else(dirs::data_local_dir)
            .map(|d| d.join("khabar"))
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    /// Why saves are refused this session, if they are.
    pub fn refused(&self) -> Option<&str> {
        self.refused.get().map(String::as_str)
    }

    fn refuse(&self, why: String) -> String {
        let _ = self.refused.set(why);
        self.refused().unwrap_or_default().to_string()
    }

    /// Loads the state. A missing file is a clean start. A file that cannot be read (not
    /// JSON, not UTF-8, no permission, a folder in its place) is renamed aside as
    /// `state.json.corrupt-<stamp>` and reported in the returned warning; one that cannot
    /// be moved either is left untouched, and saves are refused for this session.
    pub fn load(&self) -> (ReadingState, Option<String>) {
        self.load_with(Self::set_aside)
    }

    /// [`StateStore::load`], moving an unreadable file aside with `set_aside`.
    fn load_with(
        &self,
        set_aside: impl FnOnce(&Self) -> std::io::Result<PathBuf>,
    ) -> (ReadingState, Option<String>) {
        if let Some(e) = self.folder_problem() {
            return (ReadingState::default(), Some(e.to_string()));
        }
        match self.read_file() {
            Ok(state) => (state.unwrap_or_default(), None),
            Err(why) => {
                let warning = match set_aside(self) {
                    Ok(aside) => format!(
                        "reading state {} {why}; kept it as {} and started clean",
                        self.path().display(),
                        aside.display()
                    ),
                    Err(e) => self.refuse(format!(
                        "{} {why} and cannot be moved aside ({e}); it is left as it is",
                        self.path().display()
                    )),
                };
                let warning = match self.refused() {
                    Some(_) => format!("reading state is not saved this session: {warning}"),
                    None => warning,
                };
                (ReadingState::default(), Some(warning))
            }
        }
    }

    /// Saves this session's changes: under the lock, reads the file, applies the changes
    /// recorded in `state` where they are newer ([`ReadingState::merged_into`]) and writes
    /// the result atomically, so readers of the file see the old or the new state, never
    /// half of one, and two readers keep each other's marks. A file that cannot be read is
    /// set aside first; one that cannot be moved is never overwritten.
    pub fn save(&self, state: &ReadingState) -> Result<Saved, StateError> {
        self.save_with(state, Self::set_aside)
    }

    /// [`StateStore::save`], moving an unreadable file aside with `set_aside`.
    fn save_with(
        &self,
        state: &ReadingState,
        set_aside: impl FnOnce(&Self) -> std::io::Result<PathBuf>,
    ) -> Result<Saved, StateError> {
        if let Some(e) = self.folder_problem() {
            return Err(e);
        }
        if let Some(why) = self.refused() {
            return Err(StateError::Refused(why.to_string()));
        }
        let path = self.path();
        let err = |source| StateError::Write {
            path: path.clone(),
            source,
        };
        if let Err(e) = std::fs::create_dir_all(&self.dir) {
            return Err(match self.folder_problem() {
                Some(problem) => problem,
                None => err(e),
            });
        }
        let _lock = Lock::take(&self.dir).map_err(err)?;
        let mut warning = None;
        let disk = match self.read_file() {
            Ok(disk) => disk.unwrap_or_default(),
            Err(why) => match set_aside(self) {
                Ok(aside) => {
                    warning = Some(format!(
                        "reading state {} {why}; kept it as {} and saved this session's",
                        path.display(),
                        aside.display()
                    ));
                    ReadingState::default()
                }
                Err(e) => {
                    return Err(StateError::Refused(self.refuse(format!(
                        "{} {why} and cannot be moved aside ({e}); it is left as it is",
                        path.display()
                    ))));
                }
            },
        };
        let merged = state.merged_into(disk);
        let json = serde_json::to_vec_pretty(&merged).map_err(|e| err(e.into()))?;
        write_atomically(&self.dir, &path, &json, _lock.held()).map_err(err)?;
        Ok(Saved {
            state: merged,
            warning,
        })
    }

    /// A file (or something else that is no folder) where the state folder should be.
    fn folder_problem(&self) -> Option<StateError> {
        // The nearest part of the path that exists must be a folder.
        let mut at = self.dir.as_path();
        loop {
            match std::fs::metadata(at) {
                Ok(m) if m.is_dir() => return None,
                Ok(_) => {
                    return Some(StateError::NotAFolder {
                        dir: at.to_path_buf(),
                    });
                }
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                    ) =>
                {
                    match at.parent() {
                        Some(parent) if !parent.as_os_str().is_empty() => at = parent,
                        _ => return None,
                    }
                }
                // Not for us to judge (no permission to look): reading will say.
                Err(_) => return None,
            }
        }
    }

    /// The file's state: `None` when there is no file.
    fn read_file(&self) -> Result<Option<ReadingState>, Unreadable> {
        let path = self.path();
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Unreadable::Io(e.to_string())),
        };
        if meta.is_dir() {
            return Err(Unreadable::Io("it is a folder, not a file".into()));
        }
        if !meta.is_file() {
            // A pipe or a device: opening it could block or never end.
            return Err(Unreadable::Io("it is not a regular file".into()));
        }
        if meta.len() > MAX_LEN {
            return Err(Unreadable::Io(format!(
                "it is larger than {} MiB",
                MAX_LEN >> 20
            )));
        }
        let mut bytes = Vec::new();
        std::fs::File::open(&path)
            .and_then(|f| f.take(MAX_LEN + 1).read_to_end(&mut bytes))
            .map_err(|e| Unreadable::Io(e.to_string()))?;
        serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| Unreadable::Corrupt(e.to_string()))
    }

    /// Renames the state file (or whatever stands in its place) to
    /// `state.json.corrupt-<stamp>`, never over an earlier one.
    fn set_aside(&self) -> std::io::Result<PathBuf> {
        let aside = crate::aside::aside_path(&self.path(), FILE_NAME);
        std::fs::rename(self.path(), &aside)?;
        sync_dir(&self.dir);
        Ok(aside)
    }
}

/// The temporary file a save writes before renaming it over the state, and the lock that
/// keeps two readers from writing it at once.
const TMP_NAME: &str = "state.json.tmp";
const LOCK_NAME: &str = "state.json.lock";

/// The state folder's lock, held while a save reads, merges and writes.
struct Lock {
    file: std::fs::File,
    held: bool,
}

impl Lock {
    /// Takes the lock, waiting up to a second for another reader's save to finish; after
    /// that the save goes ahead without it rather than hang (see [`write_atomically`]).
    fn take(dir: &Path) -> std::io::Result<Lock> {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(LOCK_NAME))?;
        for _ in 0..100 {
            match file.try_lock() {
                Ok(()) => return Ok(Lock { file, held: true }),
                Err(std::fs::TryLockError::WouldBlock) => {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(e),
            }
        }
        Ok(Lock { file, held: false })
    }

    fn held(&self) -> bool {
        self.held
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        if self.held {
            let _ = self.file.unlock();
        }
    }
}

/// Writes `bytes` to `path` through one temporary file that every save reuses (`locked`):
/// a save killed half-way leaves it behind and the next save truncates it, so killed
/// writers never pile up files. Without the lock, a save uses a temporary file of its own.
fn write_atomically(dir: &Path, path: &Path, bytes: &[u8], locked: bool) -> std::io::Result<()> {
    if locked {
        let tmp_path = dir.join(TMP_NAME);
        let mut tmp = std::fs::File::create(&tmp_path)?;
        tmp.write_all(bytes)?;
        tmp.sync_all()?;
        drop(tmp);
        std::fs::rename(&tmp_path, path)?;
    } else {
        let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
        tmp.write_all(bytes)?;
        tmp.as_file().sync_all()?;
        tmp.persist(path).map_err(|e| e.error)?;
    }
    sync_dir(dir);
    Ok(())
}

/// Makes the rename itself durable where the platform allows it.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = StateStore::new(dir.path());
        let mut state = ReadingState::default();
        state.articles.insert(
            "a.txt".into(),
            ArticleState {
                read: true,
                block: 2,
                offset: 40,
            },
        );
        store.save(&state).expect("saves");
        let (loaded, warning) = store.load();
        assert_eq!(warning, None);
        assert_eq!(loaded.articles, state.articles);
    }

    #[test]
    fn missing_file_is_a_clean_start() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (state, warning) = StateStore::new(dir.path().join("none")).load();
        assert!(state.articles.is_empty() && warning.is_none());
    }

    #[test]
    fn corrupt_file_is_set_aside_with_a_warning() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = StateStore::new(dir.path());
        std::fs::write(store.path(), "{not json").expect("write");
        let (state, warning) = store.load();
        assert!(state.articles.is_empty());
        assert!(warning.expect("warning").contains("corrupt"));
        let kept: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains("corrupt"))
            .collect();
        assert_eq!(kept.len(), 1);
        assert_eq!(
            std::fs::read_to_string(kept[0].path()).expect("kept"),
            "{not json"
        );
    }

    #[test]
    fn a_half_written_temporary_file_is_ignored_and_reused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = StateStore::new(dir.path());
        std::fs::write(dir.path().join(TMP_NAME), "{\"version\": 1, \"arti").expect("write");
        assert_eq!(store.load(), (ReadingState::default(), None));
        let mut state = ReadingState::default();
        state
            .articles
            .insert("a.txt".into(), ArticleState::default());
        store.save(&state).expect("saves");
        assert_eq!(store.load().0.articles, state.articles);
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, [FILE_NAME, LOCK_NAME]);
    }

    #[test]
    fn a_save_while_another_process_holds_the_lock_still_lands() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = StateStore::new(dir.path());
        let held = std::fs::File::create(dir.path().join(LOCK_NAME)).expect("lock file");
        held.lock().expect("lock");
        let mut state = ReadingState::default();
        state
            .articles
            .insert("b.txt".into(), ArticleState::default());
        store.save(&state).expect("saves without the lock");
        assert_eq!(
            store.load(),
            (
                ReadingState {
                    version: VERSION,
                    ..state
                },
                None
            )
        );
        assert!(!dir.path().join(TMP_NAME).exists());
    }

    fn marked(key: &str, block: usize) -> ArticleState {
        let _ = key;
        ArticleState {
            read: true,
            block,
            offset: 0,
        }
    }

    /// The names in the state folder holding a set-aside copy, with their bytes.
    fn set_aside_files(dir: &Path) -> Vec<(String, Option<Vec<u8>>)> {
        let mut out: Vec<_> = std::fs::read_dir(dir)
            .expect("dir")
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
            .map(|e| {
                let regular = e.file_type().is_ok_and(|t| t.is_file());
                (
                    e.file_name().to_string_lossy().into_owned(),
                    regular.then(|| std::fs::read(e.path()).ok()).flatten(),
                )
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_file_that_is_not_utf8_is_set_aside_and_never_overwritten() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = StateStore::new(dir.path());
        let bytes = b"{\"version\":1,\"articles\":{\"a\xff.txt\":{\"read\":true}}}".to_vec();
        std::fs::write(store.path(), &bytes).expect("write");
        let (state, warning) = store.load();
        assert!(state.articles.is_empty());
        let warning = warning.expect("a warning");
        assert!(warning.contains("kept it as"), "{warning}");
        let mut session = state;
        session.record("b.txt".into(), marked("b", 0));
        store.save(&session).expect("saves");
        let aside = set_aside_files(dir.path());
        assert_eq!(aside.len(), 1);
        assert_eq!(aside[0].1.as_deref(), Some(&bytes[..]));
    }

    #[test]
    fn a_folder_where_the_file_should_be_is_set_aside_with_its_contents() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = StateStore::new(dir.path());
        std::fs::create_dir(store.path()).expect("mkdir");
        std::fs::write(store.path().join("keep.txt"), "mine").expect("write");
        let (_, warning) = store.load();
        assert!(warning.expect("warning").contains("folder"));
        let aside = set_aside_files(dir.path());
        assert_eq!(aside.len(), 1);
        let kept = dir.path().join(&aside[0].0).join("keep.txt");
        assert_eq!(std::fs::read_to_string(kept).expect("kept"), "mine");
        let mut session = ReadingState::default();
        session.record("a.txt".into(), marked("a", 1));
        store.save(&session).expect("saves once the way is clear");
        assert_eq!(store.load().0.articles, session.articles);
    }

    #[test]
    fn a_file_that_can_be_neither_read_nor_moved_is_left_alone_and_saves_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = StateStore::new(dir.path());
        std::fs::write(store.path(), b"\x00\x00\x00").expect("write");
        let cannot_move = |_: &StateStore| Err(std::io::Error::other("read-only folder"));
        let (state, warning) = store.load_with(cannot_move);
        let warning = warning.expect("warning");
        assert!(warning.contains("not saved this session"), "{warning}");
        assert!(warning.contains("read-only folder"), "{warning}");
        let mut session = state;
        session.record("a.txt".into(), marked("a", 0));
        let refused = store.save(&session).map(|_| ()).expect_err("refused");
        assert!(matches!(refused, StateError::Refused(_)), "{refused}");
        assert!(refused.to_string().contains("not saved this session"));
        assert_eq!(
            std::fs::read(store.path()).expect("still there"),
            b"\x00\x00\x00"
        );
        assert!(set_aside_files(dir.path()).is_empty());
    }

    #[test]
    fn a_file_damaged_during_the_session_is_set_aside_before_the_save() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = StateStore::new(dir.path());
        let mut session = store.load().0;
        session.record("a.txt".into(), marked("a", 0));
        store.save(&session).expect("saves");
        std::fs::write(store.path(), "{\"articles\": [").expect("damage");
        session.record("b.txt".into(), marked("b", 0));
        let saved = store.save(&session).expect("saves");
        assert!(saved.warning.expect("warning").contains("kept it as"));
        assert_eq!(store.load().0.articles.len(), 2);
        let aside = set_aside_files(dir.path());
        assert_eq!(aside.len(), 1);
        assert_eq!(aside[0].1.as_deref(), Some(&b"{\"articles\": ["[..]));
    }

    #[test]
    fn a_save_never_overwrites_an_earlier_set_aside_copy() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = StateStore::new(dir.path());
        for damage in ["first", "second", "third"] {
            std::fs::write(store.path(), damage).expect("damage");
            let _ = store.load();
        }
        let kept: Vec<_> = set_aside_files(dir.path())
            .into_iter()
            .filter_map(|(_, bytes)| String::from_utf8(bytes?).ok())
            .collect();
        assert_eq!(kept.len(), 3, "{kept:?}");
        for damage in ["first", "second", "third"] {
            assert!(kept.iter().any(|k| k == damage), "{damage} lost");
        }
    }

    #[test]
    fn a_file_where_the_state_folder_should_be_says_what_to_do() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("state.json");
        std::fs::write(&file, "{}").expect("write");
        let store = StateStore::new(&file);
        let (_, warning) = store.load();
        let warning = warning.expect("warning");
        assert!(warning.contains("is a file, not a folder"), "{warning}");
        assert!(warning.contains("--state-dir"), "{warning}");
        let err = store
            .save(&ReadingState::default())
            .map(|_| ())
            .expect_err("no folder");
        assert!(err.to_string().contains("is a file, not a folder"), "{err}");
        assert!(!err.to_string().contains("os error"), "{err}");
        assert_eq!(std::fs::read_to_string(&file).expect("untouched"), "{}");
        // Deeper below the file, the same.
        let below = StateStore::new(file.join("khabar"));
        assert!(below.load().1.expect("warning").contains("is a file"));
    }

    #[test]
    fn two_readers_keep_each_others_marks() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store_a = StateStore::new(dir.path());
        let store_b = StateStore::new(dir.path());
        let mut a = store_a.load().0;
        let mut b = store_b.load().0;
        a.record("001.txt".into(), marked("001", 0));
        b.record("002.txt".into(), marked("002", 0));
        store_a.save(&a).expect("a saves");
        store_b.save(&b).expect("b saves");
        let on_disk = store_a.load().0;
        assert!(on_disk.articles["001.txt"].read);
        assert!(on_disk.articles["002.txt"].read);
    }

    #[test]
    fn the_newest_change_of_an_article_wins_whoever_saves_last() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = StateStore::new(dir.path());
        let mut a = store.load().0;
        let mut b = store.load().0;
        a.record_at("x.txt".into(), marked("x", 3), 1_000);
        b.record_at("x.txt".into(), marked("x", 9), 2_000);
        store.save(&b).expect("b saves");
        let saved = store
            .save(&a)
            .expect("a saves, later but with an older change");
        assert_eq!(saved.state.articles["x.txt"].block, 9);
        assert_eq!(store.load().0.articles["x.txt"].block, 9);
        // A later change of a's wins again.
        let mut a = saved.state;
        a.record_at("x.txt".into(), marked("x", 5), 3_000);
        store.save(&a).expect("a saves");
        assert_eq!(store.load().0.articles["x.txt"].block, 5);
    }

    #[test]
    fn an_old_file_without_stamps_loads_and_merges() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = StateStore::new(dir.path());
        std::fs::write(
            store.path(),
            r#"{"version": 1, "articles": {"old.txt": {"read": true, "block": 4, "offset": 2}, "x.txt": {"read": false}}}"#,
        )
        .expect("write");
        let (mut state, warning) = store.load();
        assert_eq!(warning, None);
        assert_eq!(state.get("old.txt").block, 4);
        state.record("x.txt".into(), marked("x", 1));
        store.save(&state).expect("saves");
        let back = store.load().0;
        assert_eq!(
            back.get("old.txt"),
            ArticleState {
                read: true,
                block: 4,
                offset: 2
            }
        );
        assert_eq!(back.get("x.txt"), marked("x", 1));
        assert!(back.changed.contains_key("x.txt") && !back.changed.contains_key("old.txt"));
    }

    #[test]
    fn a_pipe_in_place_of_the_file_is_set_aside_without_blocking() {
        #[cfg(unix)]
        {
            let dir = tempfile::tempdir().expect("tempdir");
            let store = StateStore::new(dir.path());
            let made = std::process::Command::new("mkfifo")
                .arg(store.path())
                .status();
            if !made.is_ok_and(|s| s.success()) {
                return;
            }
            let (_, warning) = store.load();
            assert!(warning.expect("warning").contains("not a regular file"));
            assert_eq!(set_aside_files(dir.path()).len(), 1);
        }
    }
}
