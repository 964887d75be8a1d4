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

fn write_atomically(dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
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
}
