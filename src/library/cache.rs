//! The on-disk cache of what each file gave: its articles (without their text) and what
//! extraction found in them, keyed by the file's path and checked against its size and
//! modification time. Reopening an unchanged folder reads this instead of extracting.
//!
//! One cache per folder, under `$XDG_CACHE_HOME/khabar/<hash of the folder's path>/`, in a
//! redb database: every write is one transaction, so a crash or SIGKILL mid-write leaves
//! the previous state. A database written by another extraction version is emptied on
//! open; one that cannot be read is set aside (renamed, never deleted) and started anew.

use std::collections::HashMap;
use std::fs::Metadata;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::article::Article;

use super::ArticleFacts;

/// What decides whether cached results are still valid: the crate version and a hash of
/// the extraction code and models (see `build.rs`).
pub const EXTRACTION_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "+",
    env!("KHABAR_EXTRACTION_HASH")
);

const META: TableDefinition<&str, &str> = TableDefinition::new("meta");
/// File path → [`FileRecord`] (postcard).
const FILES: TableDefinition<&[u8], &[u8]> = TableDefinition::new("files");
/// File path → `Vec<ArticleFacts>` (postcard), one per article of the file.
const FACTS: TableDefinition<&[u8], &[u8]> = TableDefinition::new("facts");

const DB_FILE: &str = "library.redb";
/// redb's page cache. Its default, 1 GiB, fills up on a single pass over the facts of a
/// large folder and stays resident; the cache is read once per refresh, so a small page
/// cache (the B-tree's inner pages) is all that helps.
const CACHE_MEMORY: usize = 32 << 20;

/// Why the cache could not be used. The reader works without it, only slower.
#[derive(Debug, Error)]
pub enum CacheError {
    #[error("cannot create the cache folder {}: {source}", path.display())]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the cache {} is in use by another khabar", path.display())]
    InUse { path: PathBuf },
    #[error("cache database: {0}")]
    Database(String),
    #[error("cache entry cannot be decoded: {0}")]
    Decode(#[from] postcard::Error),
}

impl From<redb::Error> for CacheError {
    fn from(e: redb::Error) -> Self {
        CacheError::Database(e.to_string())
    }
}

macro_rules! redb_errors {
    ($($t:ty),*) => {$(
        impl From<$t> for CacheError {
            fn from(e: $t) -> Self {
                CacheError::from(redb::Error::from(e))
            }
        }
    )*};
}
redb_errors!(
    redb::TransactionError,
    redb::TableError,
    redb::StorageError,
    redb::CommitError
);

/// A file's size and modification time, as the cache compares them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub size: u64,
    /// Nanoseconds since the epoch (0 when the file system does not say).
    pub modified: i128,
}

impl Stamp {
    pub fn of(meta: &Metadata) -> Stamp {
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i128);
        Stamp {
            size: meta.len(),
            modified,
        }
    }
}

/// What one file gave, without the articles' text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileRecord {
    pub stamp: Stamp,
    /// The file's articles with their paragraphs left out (the reader reads the text again
    /// when an article is opened).
    pub articles: Vec<Article>,
}

/// The cache of one folder.
pub struct Cache {
    db: Database,
    path: PathBuf,
}

impl Cache {
    /// Where the cache of `root` lives: `$XDG_CACHE_HOME/khabar/<hash>` (or the platform's
    /// cache folder), or under `base` when given.
    pub fn dir_for(root: &Path, base: Option<&Path>) -> Option<PathBuf> {
        let base = match base {
            Some(b) => b.to_path_buf(),
            None => dirs::cache_dir()?.join("khabar"),
        };
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for b in root.as_os_str().as_encoded_bytes() {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        Some(base.join(format!("{hash:016x}")))
    }

    /// Opens (or creates) the cache in `dir`. Results of another extraction version are
    /// dropped; an unreadable database is renamed aside and a new one started.
    pub fn open(dir: &Path) -> Result<Cache, CacheError> {
        std::fs::create_dir_all(dir).map_err(|source| CacheError::Folder {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = dir.join(DB_FILE);
        let db = match Database::builder()
            .set_cache_size(CACHE_MEMORY)
            .create(&path)
        {
            Ok(db) => db,
            Err(redb::DatabaseError::DatabaseAlreadyOpen) => {
                return Err(CacheError::InUse { path });
            }
            Err(_) => {
                let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
                let aside = dir.join(format!("{DB_FILE}.corrupt-{stamp}"));
                std::fs::rename(&path, &aside).map_err(|source| CacheError::Folder {
                    path: aside.clone(),
                    source,
                })?;
                Database::builder()
                    .set_cache_size(CACHE_MEMORY)
                    .create(&path)
                    .map_err(|e| CacheError::from(redb::Error::from(e)))?
            }
        };
        let cache = Cache { db, path };
        cache.check_version()?;
        Ok(cache)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn check_version(&self) -> Result<(), CacheError> {
        let txn = self.db.begin_write()?;
        {
            let mut meta = txn.open_table(META)?;
            let current = meta.get("version")?.map(|v| v.value().to_string());
            if current.as_deref() != Some(EXTRACTION_VERSION) {
                txn.delete_table(FILES)?;
                txn.delete_table(FACTS)?;
                meta.insert("version", EXTRACTION_VERSION)?;
            }
            txn.open_table(FILES)?;
            txn.open_table(FACTS)?;
        }
        txn.commit()?;
        Ok(())
    }

    /// Every file the cache knows, by path. A record that cannot be decoded is left out
    /// (the file is then read again).
    pub fn records(&self) -> Result<HashMap<PathBuf, FileRecord>, CacheError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(FILES)?;
        let mut out = HashMap::new();
        for item in table.iter()? {
            let (key, value) = item?;
            if let (Some(path), Ok(record)) = (
                path_of(key.value()),
                postcard::from_bytes::<FileRecord>(value.value()),
            ) {
                out.insert(path, record);
            }
        }
        Ok(out)
    }

    /// What extraction found in every cached file, by path (decoded in parallel). A file
    /// whose entry cannot be decoded is left out (it is then extracted again).
    pub fn all_facts(&self) -> Result<HashMap<PathBuf, Vec<ArticleFacts>>, CacheError> {
        use rayon::prelude::*;
        // Decoded a batch at a time, so the raw bytes of the whole table are never held.
        const BATCH: usize = 1024;
        let txn = self.db.begin_read()?;
        let table = txn.open_table(FACTS)?;
        let mut out = HashMap::new();
        let mut raw: Vec<(PathBuf, Vec<u8>)> = Vec::with_capacity(BATCH);
        let decode = |raw: &mut Vec<(PathBuf, Vec<u8>)>, out: &mut HashMap<_, _>| {
            out.par_extend(
                raw.par_drain(..)
                    .filter_map(|(path, bytes)| Some((path, postcard::from_bytes(&bytes).ok()?))),
            );
        };
        for item in table.iter()? {
            let (key, value) = item?;
            if let Some(path) = path_of(key.value()) {
                raw.push((path, value.value().to_vec()));
            }
            if raw.len() == BATCH {
                decode(&mut raw, &mut out);
            }
        }
        decode(&mut raw, &mut out);
        Ok(out)
    }

    /// Stores what files gave, in one transaction.
    pub fn put(&self, files: &[(&Path, &FileRecord, &[ArticleFacts])]) -> Result<(), CacheError> {
        let txn = self.db.begin_write()?;
        {
            let mut records = txn.open_table(FILES)?;
            let mut facts = txn.open_table(FACTS)?;
            for (path, record, found) in files {
                let key = key_of(path);
                records.insert(key, postcard::to_allocvec(record)?.as_slice())?;
                facts.insert(key, postcard::to_allocvec(found)?.as_slice())?;
            }
        }
        txn.commit()?;
        Ok(())
    }

    /// Forgets files (removed, or no longer loadable), in one transaction.
    pub fn remove(&self, paths: &[PathBuf]) -> Result<(), CacheError> {
        if paths.is_empty() {
            return Ok(());
        }
        let txn = self.db.begin_write()?;
        {
            let mut records = txn.open_table(FILES)?;
            let mut facts = txn.open_table(FACTS)?;
            for path in paths {
                records.remove(key_of(path))?;
                facts.remove(key_of(path))?;
            }
        }
        txn.commit()?;
        Ok(())
    }
}

fn key_of(path: &Path) -> &[u8] {
    path.as_os_str().as_encoded_bytes()
}

fn path_of(key: &[u8]) -> Option<PathBuf> {
    // Keys are written from paths, but read them back as UTF-8 or not at all rather than
    // trust bytes from disk.
    std::str::from_utf8(key).ok().map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(size: u64) -> FileRecord {
        FileRecord {
            stamp: Stamp { size, modified: 7 },
            articles: vec![Article {
                title: "शीर्षक".into(),
                ..Article::default()
            }],
        }
    }

    #[test]
    fn stores_forgets_and_survives_reopening() {
        let dir = tempfile::tempdir().expect("temp");
        let a = PathBuf::from("/news/a.txt");
        let b = PathBuf::from("/news/b.txt");
        {
            let cache = Cache::open(dir.path()).expect("open");
            cache
                .put(&[(&a, &record(1), &[]), (&b, &record(2), &[])])
                .expect("put");
            cache.remove(std::slice::from_ref(&b)).expect("remove");
        }
        let cache = Cache::open(dir.path()).expect("reopen");
        let records = cache.records().expect("records");
        assert_eq!(records.len(), 1);
        assert_eq!(records[&a], record(1));
    }

    #[test]
    fn another_version_is_dropped() {
        let dir = tempfile::tempdir().expect("temp");
        {
            let cache = Cache::open(dir.path()).expect("open");
            cache
                .put(&[(Path::new("/a.txt"), &record(1), &[])])
                .expect("put");
            let txn = cache.db.begin_write().expect("txn");
            txn.open_table(META)
                .expect("meta")
                .insert("version", "0.0.0+old")
                .expect("insert");
            txn.commit().expect("commit");
        }
        let cache = Cache::open(dir.path()).expect("reopen");
        assert!(cache.records().expect("records").is_empty());
    }

    #[test]
    fn an_unreadable_database_is_set_aside_not_deleted() {
        let dir = tempfile::tempdir().expect("temp");
        std::fs::write(
            dir.path().join(DB_FILE),
            b"not a database, but someone's bytes",
        )
        .expect("write");
        let cache = Cache::open(dir.path()).expect("open starts anew");
        assert!(cache.records().expect("records").is_empty());
        let aside: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(
            std::fs::read(aside[0].path()).expect("read"),
            b"not a database, but someone's bytes"
        );
    }
}
