//! One article's facts read back from the cache when the reader opens it: its entities with
//! their mention offsets and its whole timeline, as extraction found them when the library
//! was built, so opening an article is reading its text and these (no tagging, no time
//! grammar). Read through a [`CacheReader`], a handle the library's thread hands out while
//! it holds the cache open; the reader's thread reads beside the library's writes (redb's
//! readers never wait for its writer).
//!
//! Nothing read is trusted more than on the library's side: values carry their checksum, a
//! panic inside the database is contained, offsets are checked against the text, and a file
//! changed since it was cached (its size or modification time differ) has no facts here.
//! Damage is noted on the cache (which its owner sets aside) and the article is extracted
//! as if it had never been cached.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};

use redb::{Database, ReadableDatabase};

use crate::article::Article;
use crate::extract::time::{TimelineEntry, chronological_key};

use super::ArticleFacts;
use super::cache::{FACTS, FILES, FileRecord, Stamp, TIMES, contained, unpack, unseal};

/// The most a file's timelines may take unpacked: far more than any file that loads (files
/// are at most [`crate::article::MAX_FILE_BYTES`], and a timeline entry is smaller than twice
/// the text it covers and its clause), far less than what damage could ask for.
const MAX_TIMES: u64 = 1 << 28;

/// Reads single articles' facts from a [`super::cache::Cache`] another thread owns. It
/// holds the database only while it reads: once the owner closes the cache, reads find
/// nothing.
#[derive(Clone)]
pub struct CacheReader {
    db: Weak<Database>,
    /// The folder the cache's keys are relative to.
    root: PathBuf,
    /// The owner's record of damage, so it sets the database aside.
    damage: Arc<Mutex<Option<String>>>,
}

impl std::fmt::Debug for CacheReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CacheReader")
            .field("root", &self.root)
            .field("open", &(self.db.strong_count() > 0))
            .finish()
    }
}

/// What the cache holds of one article: its facts, with the whole timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenedFacts {
    /// The entities as the library was built from them (mentions keep their offsets, not
    /// their text), in the order [`super::Library::links_of`] follows.
    pub facts: ArticleFacts,
    /// Every time expression of the article, in timeline order (dated entries by value,
    /// then the others by position), as [`crate::extract::Extractor::extract`] gives them.
    pub timeline: Vec<TimelineEntry>,
}

/// Why a read found nothing usable: damage is noted; the rest is ordinary (not cached yet,
/// changed since).
enum Miss {
    Absent,
    Damaged(String),
}

impl CacheReader {
    pub(super) fn new(
        db: Weak<Database>,
        root: PathBuf,
        damage: Arc<Mutex<Option<String>>>,
    ) -> CacheReader {
        CacheReader { db, root, damage }
    }

    /// The cached facts of `article` (as read from its file: its path and line), if its
    /// file is cached under `stamp` (its size and modification time when it was read) and
    /// every offset fits `article`'s text. `None` when the file is not cached, has changed,
    /// the cache is closed, or what it holds is damaged (then noted on the cache).
    pub fn article_facts(&self, article: &Article, stamp: Stamp) -> Option<OpenedFacts> {
        let db = self.db.upgrade()?;
        let key = self.key_of(&article.path).to_vec();
        let read = contained(|| read_article(&db, &key, article.line, stamp));
        // Released before anything else: the owner may have let it go, and then closing it
        // falls to this thread (closing a damaged database may panic inside redb).
        let _ = contained(|| drop(db));
        let found = match read {
            Ok(Ok(found)) => found,
            Ok(Err(Miss::Absent)) => return None,
            Ok(Err(Miss::Damaged(why))) => {
                self.mark_damaged(&why);
                return None;
            }
            Err(panic) => {
                self.mark_damaged(&panic);
                return None;
            }
        };
        if !fits(&found, &article.body()) {
            // The checksums held, so the text is not what was extracted (a file rewritten
            // within the modification time's resolution): not damage, just not these facts.
            return None;
        }
        Some(found)
    }

    fn mark_damaged(&self, why: &str) {
        let mut damage = self.damage.lock().unwrap_or_else(|e| e.into_inner());
        damage.get_or_insert_with(|| format!("an opened article's entry {why}"));
    }

    fn key_of<'p>(&self, path: &'p Path) -> &'p [u8] {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .as_os_str()
            .as_encoded_bytes()
    }
}

/// The facts of the article at `line` of the file cached under `key`, if cached under
/// `stamp`.
fn read_article(
    db: &Database,
    key: &[u8],
    line: Option<usize>,
    stamp: Stamp,
) -> Result<OpenedFacts, Miss> {
    let damaged = |e: redb::Error| Miss::Damaged(format!("cannot be read ({e})"));
    let txn = db.begin_read().map_err(|e| damaged(e.into()))?;
    let get = |table| -> Result<Vec<u8>, Miss> {
        let table = txn.open_table(table).map_err(|e| damaged(e.into()))?;
        let value = table
            .get(key)
            .map_err(|e| damaged(e.into()))?
            .ok_or(Miss::Absent)?;
        let bytes = unseal(key, value.value()).map_err(Miss::Damaged)?;
        Ok(bytes.to_vec())
    };
    let decode_error = |e: postcard::Error| Miss::Damaged(format!("cannot be decoded ({e})"));
    let record: FileRecord = postcard::from_bytes(&get(FILES)?).map_err(decode_error)?;
    if record.stamp != stamp {
        return Err(Miss::Absent);
    }
    let index = record
        .articles
        .iter()
        .position(|a| a.line == line)
        .ok_or(Miss::Absent)?;
    let mut facts: Vec<ArticleFacts> = postcard::from_bytes(&get(FACTS)?).map_err(decode_error)?;
    let times = unpack(&get(TIMES)?, MAX_TIMES).map_err(Miss::Damaged)?;
    let mut times: Vec<Vec<TimelineEntry>> = postcard::from_bytes(&times).map_err(decode_error)?;
    let n = record.articles.len();
    if facts.len() != n || times.len() != n {
        return Err(Miss::Damaged("holds another number of articles".into()));
    }
    let facts = facts.swap_remove(index);
    let rest = times.swap_remove(index);
    let mut timeline = Vec::with_capacity(facts.timeline.len() + rest.len());
    timeline.extend(facts.timeline.iter().cloned());
    timeline.extend(rest);
    // Already in this order as stored; sorted (stably, and cheaply when sorted) so that a
    // mix of the two tables never shows out of order.
    timeline.sort_by_key(|e| (chronological_key(e), e.start));
    Ok(OpenedFacts { facts, timeline })
}

/// Whether every offset of `found` falls on a character boundary of `body`.
fn fits(found: &OpenedFacts, body: &str) -> bool {
    let fits = |start: usize, end: usize| {
        start <= end && body.is_char_boundary(start) && body.is_char_boundary(end)
    };
    found
        .facts
        .entities
        .iter()
        .flat_map(|e| &e.mentions)
        .all(|m| fits(m.start, m.end))
        && found.timeline.iter().all(|t| fits(t.start, t.end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::time::TimexKind;
    use crate::extract::{Entity, Kind, Mention};
    use crate::library::cache::Cache;
    use redb::ReadableTable;

    const BODY: &str = "सोमवार को मोदी पटना गए और दो घंटे रुके।";

    fn stub(line: Option<usize>) -> Article {
        Article {
            path: PathBuf::from("/news/a.jsonl"),
            line,
            title: "शीर्षक".into(),
            ..Article::default()
        }
    }

    fn at(text: &str) -> (usize, usize) {
        let start = BODY.find(text).expect(text);
        (start, start + text.len())
    }

    fn time(text: &str, kind: TimexKind, value: Option<&str>) -> TimelineEntry {
        let (start, end) = at(text);
        TimelineEntry {
            text: text.into(),
            start,
            end,
            kind,
            value: value.map(str::to_string),
            modifier: None,
            event: String::new(),
            entities: Vec::new(),
        }
    }

    /// The facts of the article at `line`: one person, and one dated and one undated time.
    fn facts(line: usize, name: &str) -> (ArticleFacts, Vec<TimelineEntry>) {
        let (start, end) = at(name);
        let facts = ArticleFacts {
            path: format!("/news/a.jsonl#{line}"),
            title: "शीर्षक".into(),
            date: None,
            entities: vec![Entity {
                name: name.into(),
                kind: Kind::Person,
                aliases: Vec::new(),
                mentions: vec![Mention {
                    start,
                    end,
                    text: String::new(),
                }],
                confidence: 1.0,
                titles: Vec::new(),
            }],
            timeline: vec![time("सोमवार", TimexKind::Date, Some("2024-03-18"))],
        };
        let rest = vec![time("दो घंटे", TimexKind::Duration, Some("PT2H"))];
        (facts, rest)
    }

    const STAMP: Stamp = Stamp {
        size: 100,
        modified: 7,
    };

    /// A cache of one `.jsonl` file of two articles (lines 1 and 2).
    fn cache(dir: &Path) -> Cache {
        let cache = Cache::open(dir, Path::new("/news")).expect("open");
        let record = FileRecord {
            stamp: STAMP,
            articles: vec![stub(Some(1)), stub(Some(2))],
        };
        let (one, one_rest) = facts(1, "मोदी");
        let (two, two_rest) = facts(2, "पटना");
        cache
            .put(&[(
                Path::new("/news/a.jsonl"),
                &record,
                &[one, two],
                &[one_rest, two_rest],
            )])
            .expect("put");
        cache
    }

    fn text(line: usize) -> Article {
        Article {
            paragraphs: vec![BODY.into()],
            ..stub(Some(line))
        }
    }

    #[test]
    fn an_article_comes_back_with_its_entities_and_its_whole_timeline() {
        let dir = tempfile::tempdir().expect("temp");
        let cache = cache(dir.path());
        let reader = cache.reader().expect("open");
        let found = reader.article_facts(&text(2), STAMP).expect("cached");
        assert_eq!(found.facts.entities[0].name, "पटना");
        let times: Vec<&str> = found.timeline.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(times, ["सोमवार", "दो घंटे"]);
        assert_eq!(cache.finish(), None);
    }

    #[test]
    fn a_changed_file_an_unknown_article_or_a_closed_cache_give_nothing_and_no_alarm() {
        let dir = tempfile::tempdir().expect("temp");
        let cache = cache(dir.path());
        let reader = cache.reader().expect("open");
        let changed = Stamp {
            modified: 8,
            ..STAMP
        };
        assert_eq!(reader.article_facts(&text(1), changed), None);
        assert_eq!(reader.article_facts(&text(3), STAMP), None);
        // Offsets past the text as read now: not these facts.
        let short = Article {
            paragraphs: vec!["सोमवार".into()],
            ..stub(Some(1))
        };
        assert_eq!(reader.article_facts(&short, STAMP), None);
        assert!(!cache.is_damaged());
        assert_eq!(cache.finish(), None);
        assert_eq!(reader.article_facts(&text(1), STAMP), None, "closed");
    }

    #[test]
    fn a_damaged_entry_gives_nothing_and_the_cache_is_set_aside() {
        let dir = tempfile::tempdir().expect("temp");
        let cache = cache(dir.path());
        for table in [TIMES, FACTS, FILES] {
            let txn = cache.database().begin_write().expect("txn");
            {
                let mut t = txn.open_table(table).expect("table");
                let key = b"a.jsonl".as_slice();
                let mut value = t.get(key).expect("get").expect("a").value().to_vec();
                let last = value.len() - 1;
                value[last] ^= 1;
                t.insert(key, value.as_slice()).expect("insert");
            }
            txn.commit().expect("commit");
            let reader = cache.reader().expect("open");
            assert_eq!(reader.article_facts(&text(1), STAMP), None);
            assert!(cache.is_damaged());
        }
        let notice = cache.finish().expect("said");
        assert!(notice.contains("fails its checksum"), "{notice}");
        assert!(notice.contains("set aside"), "{notice}");
    }

    #[test]
    fn an_entry_that_is_not_what_it_should_be_gives_nothing() {
        let dir = tempfile::tempdir().expect("temp");
        let cache = cache(dir.path());
        // Sealed correctly, but not a list of timelines: what a bug or another format
        // would leave.
        let txn = cache.database().begin_write().expect("txn");
        {
            let mut t = txn.open_table(TIMES).expect("table");
            let key = b"a.jsonl".as_slice();
            let junk = super::super::cache::seal(key, &super::super::cache::pack(&[0xff; 9]));
            t.insert(key, junk.as_slice()).expect("insert");
        }
        txn.commit().expect("commit");
        let reader = cache.reader().expect("open");
        assert_eq!(reader.article_facts(&text(1), STAMP), None);
        let notice = cache.finish().expect("said");
        assert!(notice.contains("cannot be decoded"), "{notice}");
    }
}
