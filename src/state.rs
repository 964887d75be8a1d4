//! What the reader remembers between runs: which articles were read and where the reader
//! left off in each. Kept as JSON under the XDG state folder, written atomically (a
//! temporary file renamed over the old one); a corrupt file is set aside, never lost.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

const FILE_NAME: &str = "state.json";
const VERSION: u32 = 1;

/// Reading state for every article the reader has opened, keyed by [`crate::article::Article::key`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReadingState {
    #[serde(default)]
    pub version: u32,
    #[serde(default)]
    pub articles: BTreeMap<String, ArticleState>,
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

#[derive(Debug, Error)]
pub enum StateError {
    #[error("cannot write reading state to {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Where reading state lives on disk.
#[derive(Debug, Clone)]
pub struct StateStore {
    dir: PathBuf,
}

impl StateStore {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        StateStore { dir: dir.into() }
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

    /// Loads the state. A missing file is a clean start; an unreadable one is renamed aside
    /// and reported in the returned warning.
    pub fn load(&self) -> (ReadingState, Option<String>) {
        let path = self.path();
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return (ReadingState::default(), None);
            }
            Err(e) => {
                return (
                    ReadingState::default(),
                    Some(format!(
                        "cannot read {}: {e}; starting clean",
                        path.display()
                    )),
                );
            }
        };
        match serde_json::from_str::<ReadingState>(&text) {
            Ok(state) => (state, None),
            Err(e) => {
                let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
                let aside = self.dir.join(format!("{FILE_NAME}.corrupt-{stamp}"));
                let moved = std::fs::rename(&path, &aside);
                let warning = match moved {
                    Ok(()) => format!(
                        "reading state was corrupt ({e}); kept it as {} and started clean",
                        aside.display()
                    ),
                    Err(_) => format!("reading state was corrupt ({e}); started clean"),
                };
                (ReadingState::default(), Some(warning))
            }
        }
    }

    /// Writes the state atomically: readers of the file see the old or the new state, never
    /// half of one.
    pub fn save(&self, state: &ReadingState) -> Result<(), StateError> {
        let path = self.path();
        let err = |source| StateError::Write {
            path: path.clone(),
            source,
        };
        std::fs::create_dir_all(&self.dir).map_err(err)?;
        let state = ReadingState {
            version: VERSION,
            articles: state.articles.clone(),
        };
        let json = serde_json::to_vec_pretty(&state).map_err(|e| err(e.into()))?;
        write_atomically(&self.dir, &path, &json).map_err(err)
    }
}

/// The temporary file a save writes before renaming it over the state, and the lock that
/// keeps two readers from writing it at once.
const TMP_NAME: &str = "state.json.tmp";
const LOCK_NAME: &str = "state.json.lock";

/// Writes `bytes` to `path` through one temporary file that every save reuses: a save
/// killed half-way leaves it behind and the next save truncates it, so killed writers never
/// pile up files. While another process holds the lock, a save falls back to a temporary
/// file of its own rather than wait.
fn write_atomically(dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(LOCK_NAME))?;
    let mut locked = false;
    for _ in 0..20 {
        match lock.try_lock() {
            Ok(()) => {
                locked = true;
                break;
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(e),
        }
    }
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
}
