//! Romanised search without romanised postings: for each segment of the index, the folded
//! words of its titles and bodies filed under their romanised keys ([`super::roman`]), as an
//! fst set of `key NUL word` entries. A Latin query word becomes its keys, each key the
//! folded words filed under it, and those are searched like any folded word.
//!
//! Working the keys out once per distinct word of a segment costs far less than indexing a
//! key for every word of every article, which was about a sixth of a first index's time.
//!
//! A segment never changes, so its set is built once, after the commit that made it, and kept
//! beside it on disk (`<segment id>.roman`, memory-mapped); the commit that drops a segment
//! deletes its set. An index in memory keeps its sets in memory.
//!
//! A set file is checked against its checksum when it is mapped (fst panics on a damaged
//! one when searched); one that fails is renamed `<segment id>.roman.corrupt-<stamp>`
//! (never deleted), built again, and said once ([`RomanSets::take_notices`]).

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fst::{IntoStreamer, Set, SetBuilder, Streamer};
use memmap2::Mmap;
use rayon::prelude::*;
use tantivy::index::SegmentId;
use tantivy::schema::Field;
use tantivy::{SegmentReader, TantivyError};

use super::pattern::Pattern;
use super::roman::Skeleton;
use super::tokenizer::has_no_roman_key;

/// What a set file's name ends with, after the segment's id.
const EXTENSION: &str = "roman";
/// Between a key and a word in an entry; neither contains it.
pub(super) const SEPARATOR: u8 = 0;

/// A set's bytes: mapped from its file, or built in memory.
enum Bytes {
    Mapped(Mmap),
    Owned(Vec<u8>),
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        match self {
            Bytes::Mapped(m) => m,
            Bytes::Owned(v) => v,
        }
    }
}

/// The sets of an index's segments.
pub struct RomanSets {
    /// Where the index lives; `None` in memory.
    dir: Option<PathBuf>,
    sets: HashMap<SegmentId, Arc<Set<Bytes>>>,
    /// Damaged set files found and set aside, to tell the user once.
    notices: Vec<String>,
}

impl RomanSets {
    pub fn new(dir: Option<&Path>) -> RomanSets {
        RomanSets {
            dir: dir.map(Path::to_path_buf),
            sets: HashMap::new(),
            notices: Vec::new(),
        }
    }

    /// What was set aside since the last call.
    pub fn take_notices(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notices)
    }

    /// Maps (and checks) the set files that exist for `segments`, setting damaged ones
    /// aside; sets that do not exist yet are built when first needed ([`RomanSets::sync`]).
    pub fn load_existing(&mut self, segments: &[SegmentReader]) {
        let Some(dir) = self.dir.clone() else {
            return;
        };
        for segment in segments {
            let path = set_path(&dir, segment.segment_id());
            match load(&path) {
                Loaded::Set(set) => {
                    self.sets.insert(segment.segment_id(), Arc::new(set));
                }
                Loaded::Missing => {}
                Loaded::Damaged(why) => self.notices.push(set_aside(&path, &why)),
            }
        }
    }

    /// Gives every segment of `segments` its set, from its file or built from the segment's
    /// terms in `fields` (and saved), and forgets the sets of other segments. With `prune`
    /// (only the index's writer may), also deletes their files.
    pub fn sync(
        &mut self,
        segments: &[SegmentReader],
        fields: &[Field],
        prune: bool,
    ) -> Result<(), TantivyError> {
        let live: HashSet<SegmentId> = segments.iter().map(|s| s.segment_id()).collect();
        self.sets.retain(|id, _| live.contains(id));
        let lacking: Vec<&SegmentReader> = segments
            .iter()
            .filter(|s| !self.sets.contains_key(&s.segment_id()))
            .collect();
        // Built side by side: after a first index there are several, and nothing else to do.
        let dir = self.dir.as_deref();
        let built: Vec<Result<Built, TantivyError>> = lacking
            .par_iter()
            .map(|segment| match dir {
                Some(dir) => load_or_build(dir, segment, fields),
                None => Ok((
                    Set::new(Bytes::Owned(build(segment, fields)?)).map_err(fst_error)?,
                    None,
                )),
            })
            .collect();
        for (segment, set) in lacking.iter().zip(built) {
            let (set, notice) = set?;
            self.notices.extend(notice);
            self.sets.insert(segment.segment_id(), Arc::new(set));
        }
        if prune && let Some(dir) = &self.dir {
            remove_stale(dir, &live)?;
        }
        Ok(())
    }

    /// The folded words filed under any of `keys` in any segment, each once, sorted.
    pub fn words(&self, keys: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut from = Vec::new();
        for key in keys {
            from.clear();
            from.extend_from_slice(key.as_bytes());
            from.push(SEPARATOR);
            let mut to = from.clone();
            if let Some(last) = to.last_mut() {
                *last = SEPARATOR + 1;
            }
            for set in self.sets.values() {
                let mut stream = set.range().ge(&from).lt(&to).into_stream();
                while let Some(entry) = stream.next() {
                    if let Ok(word) = std::str::from_utf8(&entry[from.len()..]) {
                        out.push(word.to_string());
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The words filed under keys that `pattern` matches ([`super::pattern`]), sorted.
    pub fn words_matching(&self, pattern: &Pattern) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for set in self.sets.values() {
            let mut stream = set.search(pattern).into_stream();
            while let Some(entry) = stream.next() {
                let word = entry
                    .iter()
                    .position(|&b| b == SEPARATOR)
                    .and_then(|at| std::str::from_utf8(&entry[at + 1..]).ok());
                if let Some(word) = word {
                    out.push(word.to_string());
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn fst_error(e: fst::Error) -> TantivyError {
    match e {
        fst::Error::Io(e) => e.into(),
        e => TantivyError::InternalError(format!("romanised word set: {e}")),
    }
}

fn set_path(dir: &Path, id: SegmentId) -> PathBuf {
    dir.join(format!("{}.{EXTENSION}", id.uuid_string()))
}

/// The segment's set from its file; built and saved first when there is none, or when it
/// is damaged (set aside first: the message says so).
fn load_or_build(
    dir: &Path,
    segment: &SegmentReader,
    fields: &[Field],
) -> Result<Built, TantivyError> {
    let path = set_path(dir, segment.segment_id());
    let notice = match load(&path) {
        Loaded::Set(set) => return Ok((set, None)),
        Loaded::Missing => None,
        Loaded::Damaged(why) => Some(set_aside(&path, &why)),
    };
    let bytes = build(segment, fields)?;
    // Written whole under a name of this process's, then renamed: a reader never maps half
    // a set, and two khabars building the same set do not mix their bytes.
    let tmp = path.with_extension(format!("{EXTENSION}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(&bytes))
        .and_then(|()| std::fs::rename(&tmp, &path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e.into());
    }
    let set = match load(&path) {
        Loaded::Set(set) => set,
        _ => Set::new(Bytes::Owned(bytes)).map_err(fst_error)?,
    };
    Ok((set, notice))
}

/// A segment's set, and what was said about a damaged file it replaces.
type Built = (Set<Bytes>, Option<String>);

/// What a set file gave.
enum Loaded {
    Set(Set<Bytes>),
    /// No file (not built yet).
    Missing,
    /// A file that is not a whole set, and why.
    Damaged(String),
}

/// The set in the file at `path`, mapped and checked against its checksum.
fn load(path: &Path) -> Loaded {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Loaded::Missing,
        Err(e) => return Loaded::Damaged(format!("cannot be read: {e}")),
    };
    // SAFETY: the file is only ever written whole under another name and renamed into
    // place, never changed after; a set whose segment is gone is unlinked, which leaves
    // the mapping valid.
    let mapped = match unsafe { Mmap::map(&file) } {
        Ok(mapped) => mapped,
        Err(e) => return Loaded::Damaged(format!("cannot be read: {e}")),
    };
    match Set::new(Bytes::Mapped(mapped)) {
        Ok(set) => match set.as_fst().verify() {
            Ok(()) => Loaded::Set(set),
            Err(e) => Loaded::Damaged(e.to_string()),
        },
        Err(e) => Loaded::Damaged(e.to_string()),
    }
}

/// Renames a damaged set file to `<name>.corrupt-<stamp>` (never over another file), and
/// says what was done.
fn set_aside(path: &Path, why: &str) -> String {
    let aside = crate::aside::aside_path(path, "romanised");
    match std::fs::rename(path, &aside) {
        Ok(()) => format!(
            "the romanised word set {} is damaged ({why}); it is set aside as {} and rebuilt",
            path.display(),
            aside.display()
        ),
        Err(e) => format!(
            "the romanised word set {} is damaged ({why}) and cannot be set aside ({e}); it \
             is rebuilt in its place",
            path.display()
        ),
    }
}

/// The set of the segment's words in `fields`, as bytes: every word with a letter in it,
/// under each of its keys ([`Skeleton::folded_keys`]); the function words that get no key
/// ([`has_no_roman_key`]) are left out.
fn build(segment: &SegmentReader, fields: &[Field]) -> Result<Vec<u8>, TantivyError> {
    let mut skeleton = Skeleton::default();
    let mut keys = String::new();
    // Entries are written one after another into `arena`; `entries` holds their ranges.
    let mut arena: Vec<u8> = Vec::new();
    let mut entries: Vec<(usize, usize)> = Vec::new();
    for &field in fields {
        let inverted = segment.inverted_index(field)?;
        let mut terms = inverted.terms().stream()?;
        while terms.advance() {
            let Ok(word) = std::str::from_utf8(terms.key()) else {
                continue;
            };
            if !word.chars().any(char::is_alphabetic) || has_no_roman_key(word) {
                continue;
            }
            skeleton.folded_keys(word, &mut keys);
            for key in keys.split(' ').filter(|k| !k.is_empty()) {
                let start = arena.len();
                arena.extend_from_slice(key.as_bytes());
                arena.push(SEPARATOR);
                arena.extend_from_slice(word.as_bytes());
                entries.push((start, arena.len()));
            }
        }
    }
    entries.sort_unstable_by(|a, b| arena[a.0..a.1].cmp(&arena[b.0..b.1]));
    entries.dedup_by(|a, b| arena[a.0..a.1] == arena[b.0..b.1]);
    let mut builder = SetBuilder::memory();
    for (start, end) in entries {
        builder.insert(&arena[start..end]).map_err(fst_error)?;
    }
    builder.into_inner().map_err(fst_error)
}

/// Deletes the set files in `dir` of segments not in `live`, and temporary files left by a
/// khabar that stopped while writing one.
fn remove_stale(dir: &Path, live: &HashSet<SegmentId>) -> std::io::Result<()> {
    let live: HashSet<String> = live.iter().map(|id| id.uuid_string()).collect();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        let Some((stem, rest)) = name.split_once('.') else {
            continue;
        };
        let ours = rest == EXTENSION || (rest.starts_with(EXTENSION) && rest.ends_with(".tmp"));
        if ours && !live.contains(stem) {
            match std::fs::remove_file(entry.path()) {
                // Another khabar got there first.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                other => other?,
            }
        }
    }
    Ok(())
}
