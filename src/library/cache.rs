//! The on-disk cache of what each file gave: its articles (without their text) and what
//! extraction found in them, keyed by the file's path within the folder and checked against
//! its size and modification time. Reopening an unchanged folder reads this instead of
//! extracting.
//!
//! One cache per folder, under `$XDG_CACHE_HOME/khabar/<hash of the folder's canonical
//! path>/`, in a redb database: every write is one transaction, so a crash or SIGKILL
//! mid-write leaves the previous state. Three tables, one key per file: its articles
//! (`files`), what the library is built from (`facts`: entities with their mention offsets,
//! dated timeline entries), and the rest of each article's timeline (`times`), which only
//! opening an article reads (see [`super::opened`]). Files are keyed by their path relative to the folder
//! (as bytes, so a name that is not UTF-8 is cached like any other): `index news`, `index
//! ./news` and `index /abs/news` share one cache.
//!
//! Nothing read from the file is trusted. On open the database's own integrity check runs
//! (every page against its checksum); every value carries a CRC-32 of its key and bytes; a
//! panic inside the database is caught here, at the cache's boundary. A database of another
//! extraction version or cache format is emptied (and said); one that is damaged or cannot be read is set aside
//! (renamed `library.redb.corrupt-<stamp>`, never deleted) and rebuilt, and the refresh says
//! so once.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fs::Metadata;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Once};
use std::time::UNIX_EPOCH;

use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::article::Article;
use crate::extract::time::TimelineEntry;

use super::ArticleFacts;

/// What decides whether cached results are still valid: the crate version and a hash of
/// the extraction code and models (see `build.rs`).
pub const EXTRACTION_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "+",
    env!("KHABAR_EXTRACTION_HASH")
);

/// The layout of the tables below: a cache of another format is emptied like one of another
/// extraction version. 2: the `times` table, packed.
const FORMAT: u32 = 2;

const META: TableDefinition<&str, &str> = TableDefinition::new("meta");
/// File path (relative to the folder, as bytes) → [`FileRecord`] (postcard), sealed.
pub(super) const FILES: TableDefinition<&[u8], &[u8]> = TableDefinition::new("files");
/// File path → `Vec<ArticleFacts>` (postcard), one per article of the file, sealed.
pub(super) const FACTS: TableDefinition<&[u8], &[u8]> = TableDefinition::new("facts");
/// File path → `Vec<Vec<TimelineEntry>>` (postcard, packed: see [`pack`]), sealed: for each
/// article of the file,
/// the timeline entries its facts leave out (durations, sets, unresolved references), in
/// timeline order. Read only when an article is opened.
pub(super) const TIMES: TableDefinition<&[u8], &[u8]> = TableDefinition::new("times");

/// What the `version` of the `meta` table says: the extraction version and the format.
fn version() -> String {
    format!("{EXTRACTION_VERSION} format {FORMAT}")
}

const DB_FILE: &str = "library.redb";
/// redb's page cache. Its default, 1 GiB, fills up on a single pass over the facts of a
/// large folder and stays resident; the cache is read once per refresh, so a small page
/// cache (the B-tree's inner pages) is all that helps. 32 MiB filled up too, on one pass
/// over the records of 100,000 articles, and stayed for the reader's life; an opened
/// article's lookup finds the pages in the system's file cache.
const CACHE_MEMORY: usize = 8 << 20;

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
    #[error(
        "the cache {} cannot be used ({reason}) and cannot be set aside as {}: {source}; \
         remove it and khabar rebuilds it",
        path.display(),
        aside.display()
    )]
    SetAside {
        path: PathBuf,
        aside: PathBuf,
        reason: String,
        source: std::io::Error,
    },
    #[error("cache database: {0}")]
    Database(String),
    #[error("cache entry cannot be encoded: {0}")]
    Encode(#[from] postcard::Error),
}

impl From<redb::Error> for CacheError {
    fn from(e: redb::Error) -> Self {
        CacheError::Database(e.to_string())
    }
}

/// An error of the database: damage (what it read is not what it wrote), or something
/// else (the disk is full, say).
#[derive(Debug)]
enum DbError {
    Damaged(String),
    Other(CacheError),
}

impl From<redb::Error> for DbError {
    fn from(e: redb::Error) -> Self {
        match e {
            redb::Error::Io(e) => DbError::Other(CacheError::Database(e.to_string())),
            e => DbError::Damaged(e.to_string()),
        }
    }
}

macro_rules! redb_errors {
    ($($t:ty),*) => {$(
        impl From<$t> for DbError {
            fn from(e: $t) -> Self {
                DbError::from(redb::Error::from(e))
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

impl DbError {
    fn reason(&self) -> String {
        match self {
            DbError::Damaged(why) => why.clone(),
            DbError::Other(e) => e.to_string(),
        }
    }
}

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

/// What one file gave, as [`Cache::put`] stores it: its path, its record, its articles'
/// facts and the rest of each article's timeline.
pub type FileFound<'a> = (
    &'a Path,
    &'a FileRecord,
    &'a [ArticleFacts],
    &'a [Vec<TimelineEntry>],
);

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
    /// `None` once the database failed in a way that makes writing to it pointless. Shared
    /// with readers ([`Cache::reader`]) only weakly: it closes when the cache is finished.
    db: Option<Arc<Database>>,
    path: PathBuf,
    /// The folder, as the refresh was given it: keys are paths relative to it.
    root: PathBuf,
    /// What happened to a database that could not be used on open (set aside), to say once.
    notice: Option<String>,
    /// Damage found after opening (here or by a reader): the first reason. The database is
    /// set aside by [`Cache::finish`].
    damage: Arc<Mutex<Option<String>>>,
    /// The first error of a write that was not damage (the disk is full, say); later
    /// writes are skipped, so it is said once.
    write_failed: Mutex<bool>,
}

impl Cache {
    /// Where the cache of `root` lives: `$XDG_CACHE_HOME/khabar/<hash>` (or the platform's
    /// cache folder), or under `base` when given. The hash is of the canonical path, so
    /// every way of naming one folder gives one cache.
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

    /// Opens (or creates) the cache in `dir` of the folder `root`. Results of another
    /// extraction version are dropped; a database that cannot be read, fails its integrity
    /// check or panics is renamed aside and a new one started ([`Cache::notice`] says so).
    pub fn open(dir: &Path, root: &Path) -> Result<Cache, CacheError> {
        std::fs::create_dir_all(dir).map_err(|source| CacheError::Folder {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = dir.join(DB_FILE);
        let (db, notice) = match open_checked(&path) {
            Ok(db) => (db, None),
            Err(Unusable::InUse) => return Err(CacheError::InUse { path }),
            Err(Unusable::Damaged(reason)) => {
                let aside = set_aside(&path, &reason)?;
                let db = open_checked(&path).map_err(|e| match e {
                    Unusable::InUse => CacheError::InUse { path: path.clone() },
                    Unusable::Damaged(why) => CacheError::Database(why),
                })?;
                let notice = format!(
                    "the cache {} {reason}; it is set aside as {} and rebuilt (the folder's \
                     files are read again)",
                    path.display(),
                    aside.display()
                );
                (db, Some(notice))
            }
        };
        let (db, renewed) = db;
        let notice = notice.or_else(|| {
            renewed.map(|old| {
                format!(
                    "the cache {} was made by another version of khabar ({old}); it is \
                     rebuilt (the folder's files are read again)",
                    path.display()
                )
            })
        });
        Ok(Cache {
            db: Some(Arc::new(db)),
            path,
            root: root.to_path_buf(),
            notice,
            damage: Arc::new(Mutex::new(None)),
            write_failed: Mutex::new(false),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A handle to read single articles' facts from another thread while this cache is
    /// open (see [`super::opened::CacheReader`]); `None` when the database is closed.
    pub fn reader(&self) -> Option<super::opened::CacheReader> {
        let db = self.db.as_ref()?;
        Some(super::opened::CacheReader::new(
            Arc::downgrade(db),
            self.root.clone(),
            Arc::clone(&self.damage),
        ))
    }

    /// The database, for tests that change it behind the cache's back.
    #[cfg(test)]
    pub(super) fn database(&self) -> &Database {
        self.db.as_deref().expect("open")
    }

    /// Whether damage has been found since opening ([`Cache::finish`] then sets it aside).
    pub fn is_damaged(&self) -> bool {
        self.damage.lock().map_or(true, |d| d.is_some())
    }

    /// What was done on open to a database that could not be used, to tell the user once.
    pub fn take_notice(&mut self) -> Option<String> {
        self.notice.take()
    }

    /// Notes damage found while reading: the entries concerned are left out (their files
    /// are extracted again) and [`Cache::finish`] sets the database aside.
    pub fn mark_damaged(&self, reason: &str) {
        let mut damage = self.damage.lock().unwrap_or_else(|e| e.into_inner());
        damage.get_or_insert_with(|| reason.to_string());
    }

    /// Ends the use of the cache. When damage was found after opening, the database is set
    /// aside (renamed, never deleted; the next run starts a new one); the message says so.
    pub fn finish(mut self) -> Option<String> {
        let damage = self
            .damage
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()?;
        if let Some(db) = self.db.take() {
            // Closing a damaged database may panic inside redb. (A reader in the middle of a
            // read closes it when done: readers hold the database only while they read.)
            let _ = contained(|| drop(db));
        }
        Some(match set_aside(&self.path, &damage) {
            Ok(aside) => format!(
                "the cache {} is damaged ({damage}); it is set aside as {} and rebuilt on \
                 the next run (what it held was read again)",
                self.path.display(),
                aside.display()
            ),
            Err(e) => e.to_string(),
        })
    }

    /// Every file the cache knows, by path (the folder joined with the stored relative
    /// path). A record that fails its checksum or cannot be decoded is left out (the file is
    /// then read again), and the cache is marked damaged.
    pub fn records(&self) -> HashMap<PathBuf, FileRecord> {
        let mut out = HashMap::new();
        let Some(db) = &self.db else {
            return out;
        };
        let read = contained(|| -> Result<(), DbError> {
            let txn = db.begin_read()?;
            let table = txn.open_table(FILES)?;
            for item in table.iter()? {
                let (key, value) = item?;
                let key = key.value();
                match unseal(key, value.value()).and_then(|bytes| {
                    postcard::from_bytes::<FileRecord>(bytes).map_err(|e| e.to_string())
                }) {
                    Ok(mut record) => {
                        for article in &mut record.articles {
                            article.path = self.full_path(&article.path);
                        }
                        out.insert(self.path_of(key), record);
                    }
                    Err(why) => self.mark_damaged(&format!("a file record {why}")),
                }
            }
            Ok(())
        });
        self.note_read(read);
        out
    }

    /// What extraction found in every cached file, by path (checked and decoded in
    /// parallel). A file whose entry fails its checksum or cannot be decoded is left out
    /// (it is then extracted again), and the cache is marked damaged. The facts' `path`
    /// is as stored: the refresh sets it from the file's articles.
    pub fn all_facts(&self) -> HashMap<PathBuf, Vec<ArticleFacts>> {
        let mut out = HashMap::new();
        self.each_facts(|path, facts| {
            out.insert(path, facts);
        });
        out
    }

    /// [`Cache::all_facts`] one file at a time: `visit` takes each file's facts as they
    /// are decoded, so a caller that folds them into something smaller (the library) never
    /// holds them all.
    pub fn each_facts(&self, mut visit: impl FnMut(PathBuf, Vec<ArticleFacts>)) {
        use rayon::prelude::*;
        // Decoded a batch at a time, so the raw bytes of the whole table are never held.
        const BATCH: usize = 1024;
        let Some(db) = &self.db else {
            return;
        };
        let mut decode = |raw: &mut Vec<(Vec<u8>, Vec<u8>)>| {
            let decoded: Vec<_> = raw
                .par_drain(..)
                .map(|(key, value)| {
                    let facts: Result<Vec<ArticleFacts>, String> = unseal(&key, &value)
                        .and_then(|bytes| postcard::from_bytes(bytes).map_err(|e| e.to_string()));
                    (key, facts)
                })
                .collect();
            for (key, facts) in decoded {
                match facts {
                    Ok(facts) => visit(self.path_of(&key), facts),
                    Err(why) => self.mark_damaged(&format!("an entry of facts {why}")),
                }
            }
        };
        let read = contained(|| -> Result<(), DbError> {
            let txn = db.begin_read()?;
            let table = txn.open_table(FACTS)?;
            let mut raw: Vec<(Vec<u8>, Vec<u8>)> = Vec::with_capacity(BATCH);
            for item in table.iter()? {
                let (key, value) = item?;
                raw.push((key.value().to_vec(), value.value().to_vec()));
                if raw.len() == BATCH {
                    decode(&mut raw);
                }
            }
            decode(&mut raw);
            Ok(())
        });
        self.note_read(read);
    }

    fn note_read(&self, read: Result<Result<(), DbError>, String>) {
        match read {
            Ok(Ok(())) => {}
            Ok(Err(e)) => self.mark_damaged(&format!("cannot be read: {}", e.reason())),
            Err(panic) => self.mark_damaged(&panic),
        }
    }

    /// Stores what files gave, in one transaction: each file's record, its articles' facts
    /// and, for each article, the rest of its timeline (see [`ArticleFacts::extract_whole`]).
    /// A file whose record cannot be encoded is left out; the others are stored.
    pub fn put(&self, files: &[FileFound<'_>]) -> Result<(), CacheError> {
        self.write(|txn| {
            let mut records = txn.open_table(FILES)?;
            let mut facts = txn.open_table(FACTS)?;
            let mut times = txn.open_table(TIMES)?;
            for &(path, record, found, rest) in files {
                let key = self.key_of(path);
                let mut record = record.clone();
                for article in &mut record.articles {
                    article.path = self.relative(&article.path).to_path_buf();
                }
                let (Ok(record), Ok(found), Ok(rest)) = (
                    postcard::to_allocvec(&record),
                    postcard::to_allocvec(found),
                    postcard::to_allocvec(rest).map(|r| pack(&r)),
                ) else {
                    continue;
                };
                records.insert(key, seal(key, &record).as_slice())?;
                facts.insert(key, seal(key, &found).as_slice())?;
                times.insert(key, seal(key, &rest).as_slice())?;
            }
            Ok(())
        })
    }

    /// Forgets files (removed, or no longer loadable), in one transaction.
    pub fn remove(&self, paths: &[PathBuf]) -> Result<(), CacheError> {
        if paths.is_empty() {
            return Ok(());
        }
        self.write(|txn| {
            let mut records = txn.open_table(FILES)?;
            let mut facts = txn.open_table(FACTS)?;
            let mut times = txn.open_table(TIMES)?;
            for path in paths {
                records.remove(self.key_of(path))?;
                facts.remove(self.key_of(path))?;
                times.remove(self.key_of(path))?;
            }
            Ok(())
        })
    }

    /// Runs `f` in a write transaction and commits it. Damage marks the cache damaged and
    /// is not an error here ([`Cache::finish`] says it); another failure is returned the
    /// first time, and later writes are skipped.
    fn write(
        &self,
        f: impl FnOnce(&redb::WriteTransaction) -> Result<(), DbError>,
    ) -> Result<(), CacheError> {
        let Some(db) = &self.db else {
            return Ok(());
        };
        let damaged = self.damage.lock().map_or(true, |d| d.is_some());
        let failed = self.write_failed.lock().map_or(true, |f| *f);
        if damaged || failed {
            return Ok(());
        }
        let written = contained(|| -> Result<(), DbError> {
            let txn = db.begin_write()?;
            f(&txn)?;
            txn.commit()?;
            Ok(())
        });
        match written {
            Ok(Ok(())) => Ok(()),
            Ok(Err(DbError::Damaged(why))) => {
                self.mark_damaged(&format!("cannot be written: {why}"));
                Ok(())
            }
            Ok(Err(DbError::Other(e))) => {
                if let Ok(mut failed) = self.write_failed.lock() {
                    *failed = true;
                }
                Err(e)
            }
            Err(panic) => {
                self.mark_damaged(&panic);
                Ok(())
            }
        }
    }

    /// `path` relative to the folder (itself when it is not inside).
    fn relative<'p>(&self, path: &'p Path) -> &'p Path {
        path.strip_prefix(&self.root).unwrap_or(path)
    }

    /// The stored form of a path relative to the folder, made whole again.
    fn full_path(&self, relative: &Path) -> PathBuf {
        if relative.as_os_str().is_empty() {
            // The folder is the file itself (`khabar index one.txt`).
            self.root.clone()
        } else {
            self.root.join(relative)
        }
    }

    pub(super) fn key_of<'p>(&self, path: &'p Path) -> &'p [u8] {
        self.relative(path).as_os_str().as_encoded_bytes()
    }

    fn path_of(&self, key: &[u8]) -> PathBuf {
        self.full_path(Path::new(&crate::article::path_bytes::os_str_of(key)))
    }
}

impl Drop for Cache {
    fn drop(&mut self) {
        if let Some(db) = self.db.take() {
            // Closing writes to the file: a panic there (a damaged database) stays here.
            let _ = contained(|| drop(db));
        }
    }
}

/// Why a database cannot be used as it is.
enum Unusable {
    InUse,
    /// Damaged, or unreadable: the words say which.
    Damaged(String),
}

/// Opens the database at `path` and checks it: redb's integrity check (every page of every
/// table against its checksum), then the extraction version and format. With the database,
/// the version it was emptied of, if it was of another one.
fn open_checked(path: &Path) -> Result<(Database, Option<String>), Unusable> {
    // redb would take an empty file for a new database; it is a cache cut short.
    if std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0) {
        return Err(Unusable::Damaged("is empty (cut short)".into()));
    }
    let opened = contained(|| {
        Database::builder()
            .set_cache_size(CACHE_MEMORY)
            .create(path)
    });
    let mut db = match opened {
        Ok(Ok(db)) => db,
        Ok(Err(redb::DatabaseError::DatabaseAlreadyOpen)) => return Err(Unusable::InUse),
        Ok(Err(redb::DatabaseError::Storage(redb::StorageError::Io(e))))
            if e.kind() == std::io::ErrorKind::PermissionDenied =>
        {
            return Err(Unusable::Damaged(format!("cannot be read ({e})")));
        }
        Ok(Err(e)) => return Err(Unusable::Damaged(format!("cannot be read ({e})"))),
        Err(panic) => return Err(Unusable::Damaged(format!("cannot be read ({panic})"))),
    };
    let check_pages = !checked_before(path);
    let checked = contained(|| -> Result<Option<String>, String> {
        if check_pages {
            match db.check_integrity() {
                Ok(true) => {}
                Ok(false) => return Err("is damaged (it fails its integrity check)".into()),
                Err(e) => return Err(format!("is damaged ({e})")),
            }
        }
        check_version(&db).map_err(|e| format!("is damaged ({})", e.reason()))
    });
    match checked {
        Ok(Ok(renewed)) => {
            note_checked(path);
            Ok((db, renewed))
        }
        Ok(Err(why)) => {
            let _ = contained(|| drop(db));
            Err(Unusable::Damaged(why))
        }
        Err(panic) => {
            let _ = contained(|| drop(db));
            Err(Unusable::Damaged(format!("is damaged ({panic})")))
        }
    }
}

/// Databases this process has checked page by page. The reader refreshes on every change
/// in its folder, and checking every page each time would cost as much as reading them
/// all; since the check, only this process has written the file (redb locks it), and
/// checksums of values and contained panics still catch what changes behind its back.
static CHECKED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn checked_before(path: &Path) -> bool {
    CHECKED
        .lock()
        .is_ok_and(|checked| checked.iter().any(|p| p == path))
}

fn note_checked(path: &Path) {
    if let Ok(mut checked) = CHECKED.lock()
        && !checked.iter().any(|p| p == path)
    {
        checked.push(path.to_path_buf());
    }
}

fn forget_checked(path: &Path) {
    if let Ok(mut checked) = CHECKED.lock() {
        checked.retain(|p| p != path);
    }
}

/// Empties a database of another extraction version or format; the version it had, if
/// it had another (a new database has none).
fn check_version(db: &Database) -> Result<Option<String>, DbError> {
    let txn = db.begin_write()?;
    let wanted = version();
    let mut renewed = None;
    {
        let mut meta = txn.open_table(META)?;
        let current = meta.get("version")?.map(|v| v.value().to_string());
        if current.as_deref() != Some(wanted.as_str()) {
            txn.delete_table(FILES)?;
            txn.delete_table(FACTS)?;
            txn.delete_table(TIMES)?;
            meta.insert("version", wanted.as_str())?;
            renewed = current;
        }
        txn.open_table(FILES)?;
        txn.open_table(FACTS)?;
        txn.open_table(TIMES)?;
    }
    txn.commit()?;
    Ok(renewed)
}

/// Renames the database at `path` to `<name>.corrupt-<stamp>` (never over another file).
fn set_aside(path: &Path, reason: &str) -> Result<PathBuf, CacheError> {
    forget_checked(path);
    let aside = crate::aside::aside_path(path, DB_FILE);
    match std::fs::rename(path, &aside) {
        Ok(()) => Ok(aside),
        // Another khabar set it aside first.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(aside),
        Err(source) => Err(CacheError::SetAside {
            path: path.to_path_buf(),
            aside,
            reason: reason.to_string(),
            source,
        }),
    }
}

/// A value stored compressed (deflate, fast): the whole timelines of the `times` table are
/// mostly clauses of Hindi text, which it halves or better.
pub(super) fn pack(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut packer = flate2::write::DeflateEncoder::new(
        Vec::with_capacity(bytes.len() / 2),
        flate2::Compression::fast(),
    );
    // Writing into a vector cannot fail.
    let _ = packer.write_all(bytes);
    packer.finish().unwrap_or_default()
}

/// The bytes of a value stored by [`pack`]. At most `limit` bytes are made: damage cannot
/// make it fill the memory.
pub(super) fn unpack(packed: &[u8], limit: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut out = Vec::with_capacity(packed.len() * 3);
    flate2::read::DeflateDecoder::new(packed)
        .take(limit)
        .read_to_end(&mut out)
        .map_err(|e| format!("cannot be unpacked ({e})"))?;
    Ok(out)
}

/// A stored value: the CRC-32 of its key and bytes (little-endian), then the bytes.
pub(super) fn seal(key: &[u8], bytes: &[u8]) -> Vec<u8> {
    let mut crc = crc32fast::Hasher::new();
    crc.update(key);
    crc.update(bytes);
    let mut out = Vec::with_capacity(bytes.len() + 4);
    out.extend_from_slice(&crc.finalize().to_le_bytes());
    out.extend_from_slice(bytes);
    out
}

/// The bytes of a stored value, if it matches its checksum.
pub(super) fn unseal<'v>(key: &[u8], value: &'v [u8]) -> Result<&'v [u8], String> {
    let Some((sum, bytes)) = value.split_first_chunk::<4>() else {
        return Err("is cut short".into());
    };
    let mut crc = crc32fast::Hasher::new();
    crc.update(key);
    crc.update(bytes);
    if crc.finalize() == u32::from_le_bytes(*sum) {
        Ok(bytes)
    } else {
        Err("fails its checksum".into())
    }
}

thread_local! {
    /// Whether this thread is inside [`contained`] (a count, for nesting).
    static CONTAINING: Cell<usize> = const { Cell::new(0) };
    /// What the last contained panic said.
    static CONTAINED_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

static QUIET_HOOK: Once = Once::new();

/// Whether a panic now would be caught at the cache's boundary (and is then no reason to
/// restore the terminal or end the program): for panic hooks.
pub fn panic_is_contained() -> bool {
    CONTAINING.with(Cell::get) > 0
}

/// Runs `f`, turning a panic inside it (redb, tantivy or fst meeting a damaged file) into
/// an error that says where, without the panic's message reaching stderr.
pub(crate) fn contained<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    QUIET_HOOK.call_once(|| {
        let earlier = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if panic_is_contained() {
                let message = info
                    .payload_as_str()
                    .unwrap_or("no message")
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_string();
                // The file's name is enough to tell where: `btree.rs:225`.
                let place = info
                    .location()
                    .map(|l| {
                        let file = Path::new(l.file()).file_name().unwrap_or_default();
                        format!(" at {}:{}", file.to_string_lossy(), l.line())
                    })
                    .unwrap_or_default();
                CONTAINED_PANIC.with(|p| *p.borrow_mut() = Some(format!("{message}{place}")));
            } else {
                earlier(info);
            }
        }));
    });
    CONTAINING.with(|c| c.set(c.get() + 1));
    let result = std::panic::catch_unwind(AssertUnwindSafe(f));
    CONTAINING.with(|c| c.set(c.get().saturating_sub(1)));
    result.map_err(|_| {
        let said = CONTAINED_PANIC.with(|p| p.borrow_mut().take());
        format!(
            "internal error of the database: {}",
            said.unwrap_or_else(|| "no message".into())
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(size: u64) -> FileRecord {
        FileRecord {
            stamp: Stamp { size, modified: 7 },
            articles: vec![Article {
                path: PathBuf::from("/news/a.txt"),
                title: "शीर्षक".into(),
                ..Article::default()
            }],
        }
    }

    fn set_aside_files(dir: &Path) -> Vec<PathBuf> {
        std::fs::read_dir(dir)
            .expect("list")
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
            .map(|e| e.path())
            .collect()
    }

    #[test]
    fn stores_forgets_and_survives_reopening() {
        let dir = tempfile::tempdir().expect("temp");
        let root = Path::new("/news");
        let a = PathBuf::from("/news/a.txt");
        let b = PathBuf::from("/news/b.txt");
        {
            let cache = Cache::open(dir.path(), root).expect("open");
            cache
                .put(&[(&a, &record(1), &[], &[]), (&b, &record(2), &[], &[])])
                .expect("put");
            cache.remove(std::slice::from_ref(&b)).expect("remove");
            assert_eq!(cache.finish(), None);
        }
        let mut cache = Cache::open(dir.path(), root).expect("reopen");
        assert_eq!(cache.take_notice(), None);
        let records = cache.records();
        assert_eq!(records.len(), 1);
        assert_eq!(records[&a], record(1));
        assert_eq!(cache.finish(), None);
        assert!(set_aside_files(dir.path()).is_empty());
    }

    #[test]
    fn files_are_keyed_by_their_path_within_the_folder() {
        let dir = tempfile::tempdir().expect("temp");
        let mut typed = record(1);
        typed.articles[0].path = PathBuf::from("news/a.txt");
        Cache::open(dir.path(), Path::new("news"))
            .expect("open")
            .put(&[(Path::new("news/a.txt"), &typed, &[], &[])])
            .expect("put");
        // The same folder named another way finds the file, under its own spelling.
        let cache = Cache::open(dir.path(), Path::new("/abs/news")).expect("reopen");
        let records = cache.records();
        let found = &records[Path::new("/abs/news/a.txt")];
        assert_eq!(found.articles[0].path, Path::new("/abs/news/a.txt"));
    }

    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_is_cached_like_any_other() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().expect("temp");
        let root = Path::new("/news");
        let odd = root.join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt"));
        let mut rec = record(1);
        rec.articles[0].path = odd.clone();
        let plain = root.join("b.txt");
        Cache::open(dir.path(), root)
            .expect("open")
            .put(&[(&odd, &rec, &[], &[]), (&plain, &record(2), &[], &[])])
            .expect("put");
        let cache = Cache::open(dir.path(), root).expect("reopen");
        let records = cache.records();
        assert_eq!(records.len(), 2, "{records:?}");
        assert_eq!(records[&odd].articles[0].path, odd);
        assert_eq!(cache.finish(), None);
    }

    #[test]
    fn another_version_or_format_is_dropped_and_said() {
        // Another build's extraction, and this build's extraction in the format before
        // the `times` table (whose facts lack the rest of each timeline).
        for old in ["0.0.0+old".to_string(), EXTRACTION_VERSION.to_string()] {
            let dir = tempfile::tempdir().expect("temp");
            let root = Path::new("/");
            {
                let mut cache = Cache::open(dir.path(), root).expect("open");
                assert_eq!(cache.take_notice(), None, "a new cache has nothing to say");
                cache
                    .put(&[(Path::new("/a.txt"), &record(1), &[], &[])])
                    .expect("put");
                let txn = cache.db.as_ref().expect("db").begin_write().expect("txn");
                txn.open_table(META)
                    .expect("meta")
                    .insert("version", old.as_str())
                    .expect("insert");
                txn.commit().expect("commit");
            }
            let mut cache = Cache::open(dir.path(), root).expect("reopen");
            assert!(cache.records().is_empty());
            assert!(cache.all_facts().is_empty());
            let notice = cache.take_notice().expect("said");
            assert!(notice.contains("another version"), "{notice}");
            assert!(notice.contains("rebuilt"), "{notice}");
            assert_eq!(cache.finish(), None);
            assert!(
                set_aside_files(dir.path()).is_empty(),
                "emptied, not set aside"
            );
            let mut cache = Cache::open(dir.path(), root).expect("reopen");
            assert_eq!(cache.take_notice(), None, "said once");
        }
    }

    #[test]
    fn an_unreadable_database_is_set_aside_not_deleted_and_said() {
        let dir = tempfile::tempdir().expect("temp");
        std::fs::write(
            dir.path().join(DB_FILE),
            b"not a database, but someone's bytes",
        )
        .expect("write");
        let mut cache = Cache::open(dir.path(), Path::new("/")).expect("open starts anew");
        let notice = cache.take_notice().expect("the user is told");
        assert!(notice.contains("set aside as"), "{notice}");
        assert!(cache.records().is_empty());
        let aside = set_aside_files(dir.path());
        assert_eq!(aside.len(), 1);
        assert_eq!(
            std::fs::read(&aside[0]).expect("read"),
            b"not a database, but someone's bytes"
        );
        assert_eq!(cache.take_notice(), None, "said once");
    }

    #[test]
    fn a_value_that_fails_its_checksum_is_not_trusted() {
        let dir = tempfile::tempdir().expect("temp");
        let root = Path::new("/news");
        let a = PathBuf::from("/news/a.txt");
        let b = PathBuf::from("/news/b.txt");
        {
            let cache = Cache::open(dir.path(), root).expect("open");
            cache
                .put(&[(&a, &record(1), &[], &[]), (&b, &record(2), &[], &[])])
                .expect("put");
            // A byte of b's record changes behind the database's back (its pages and
            // their checksums stay consistent).
            let txn = cache.db.as_ref().expect("db").begin_write().expect("txn");
            {
                let mut files = txn.open_table(FILES).expect("files");
                let mut value = files
                    .get(b"b.txt".as_slice())
                    .expect("get")
                    .expect("b")
                    .value()
                    .to_vec();
                value[5] ^= 1;
                files
                    .insert(b"b.txt".as_slice(), value.as_slice())
                    .expect("insert");
            }
            txn.commit().expect("commit");
        }
        let cache = Cache::open(dir.path(), root).expect("reopen");
        let records = cache.records();
        assert_eq!(records.keys().collect::<Vec<_>>(), [&a]);
        let notice = cache.finish().expect("damage is said");
        assert!(notice.contains("fails its checksum"), "{notice}");
        assert_eq!(set_aside_files(dir.path()).len(), 1);
        // The next open starts a new, empty cache, and has nothing to say.
        let mut cache = Cache::open(dir.path(), root).expect("reopen");
        assert_eq!(cache.take_notice(), None);
        assert!(cache.records().is_empty());
    }

    #[test]
    fn a_panic_inside_the_boundary_becomes_an_error() {
        assert!(!panic_is_contained());
        let caught = contained(|| -> u8 { panic!("entered unreachable code") });
        let message = caught.expect_err("caught");
        assert!(message.contains("entered unreachable code"), "{message}");
        assert!(!panic_is_contained());
        assert_eq!(contained(|| 7), Ok(7));
    }
}
