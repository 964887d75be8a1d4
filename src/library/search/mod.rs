//! Full-text search over the folder's articles, on tantivy.
//!
//! Every article's title and body are indexed folded ([`crate::text::fold`]: nukta, ं/ँ,
//! ZWJ/ZWNJ and case do not matter). A Latin query word also stands for the index's words
//! whose romanised keys ([`roman`]) it matches, so `putin` finds पुतिन: each segment keeps its
//! words by key ([`romanised`]). Ranking is BM25, a title match weighing [`TITLE_BOOST`]
//! times a body match and a romanised match [`ROMAN_WEIGHT`] times a folded one.
//!
//! A query's words must all match (in the title or the body, in either form); when no
//! article has them all, any of them will do, best first. A reader typing three words
//! wants the articles with all three, but a typo or a word no article uses should still
//! leave the rest to find something.
//!
//! A search is read a page at a time ([`Searcher::search_page`]), with the number of
//! articles that match in all, so a reader can page through every result of a common word
//! without the index handing over a hundred thousand sentences at once.
//!
//! An all-capitals Latin word of two or three letters (`WHO`, `BJP`) is an acronym: it
//! matches its Latin form and its letters spelled out as Hindi papers write them
//! (डब्ल्यूएचओ, बीजेपी), not the words its romanised key would find (वो for `WHO`); a
//! longer one (`NATO`, `ISRO`) is read as a word too.
//!
//! Each hit carries the body sentence that matches best, cut to about 200 characters, with
//! the matched words' byte ranges in it. Bodies are stored in the index for that.
//!
//! - [`roman`]: the romanised keys;
//! - [`pattern`]: English spellings as patterns over those keys (`paris` पेरिस);
//! - [`romanised`]: each segment's words by romanised key;
//! - [`tokenizer`]: the tantivy tokenizer;
//! - [`snippet`]: the best sentence of a hit;
//! - [`acronym`]: the English letters' names in Devanagari;
//! - [`exonym`]: countries Hindi calls by names of their own (egypt मिस्र).

mod acronym;
mod exonym;
mod pattern;
mod roman;
mod romanised;
mod snippet;
mod tokenizer;

#[cfg(test)]
mod tests;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::{
    DocAddress, DocSet, Index, IndexReader, IndexWriter, ReloadPolicy, TERMINATED, TantivyDocument,
    TantivyError, Term,
};

use romanised::RomanSets;
use tantivy::directory::{Directory, INDEX_WRITER_LOCK, MmapDirectory};

use super::cache::contained;
use snippet::{QueryWord, best_sentence};
use tokenizer::{Folded, fold_into, is_function_word_key, words};

pub use roman::{latin_key, query_keys};

/// Stamped on every commit; an index without it (older khabar, other layout) is rebuilt.
/// Bump it whenever the tokenizers, the romanised keys ([`roman`]) or the schema change
/// (3: keys from `text::syllable`, read both ways; 4: the dateline is indexed with the
/// body).
const VERSION: &str = "khabar-search 4";
/// The tokenizer of the folded fields.
const FOLDED: &str = "khabar";
/// How much more a title match weighs than a body match.
pub const TITLE_BOOST: f32 = 3.0;
/// How much a romanised match weighs against a folded one.
pub const ROMAN_WEIGHT: f32 = 0.8;
/// The writer's memory per indexing thread.
const WRITER_MEMORY_PER_THREAD: usize = 64 << 20;

/// One article to index.
#[derive(Debug, Clone, Copy)]
pub struct SearchDoc<'a> {
    /// Unique per article ([`crate::article::Article::key`]).
    pub key: &'a str,
    pub title: &'a str,
    pub body: &'a str,
}

/// One article found.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub key: String,
    /// BM25; higher is better. Comparable only within one search.
    pub score: f32,
    pub title: String,
    /// The body sentence that matches best, cut to about 200 characters (with `…` where
    /// cut); the first sentence when only the title matched.
    pub sentence: String,
    /// The matched words in `sentence`, as byte ranges (on char boundaries), in order.
    pub highlights: Vec<(usize, usize)>,
    /// The body's first sentence, cut as `sentence` is: with the title, what tells copies
    /// of one story apart from other articles.
    pub lead: String,
}

/// One page of a search's hits, and how many articles match in all.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Found {
    /// Best first, from the page's start.
    pub hits: Vec<Hit>,
    /// The articles that match the query, on every page.
    pub total: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("cannot use the search index folder {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the search index {place} is being updated by another khabar; close it, or wait \
         for it to finish, and try again"
    )]
    Locked { place: String },
    #[error(
        "the search index {place} failed: {source}; deleting that folder makes khabar rebuild it"
    )]
    Index { place: String, source: TantivyError },
}

/// The fields of the schema.
#[derive(Debug, Clone, Copy)]
struct Fields {
    key: Field,
    title: Field,
    body: Field,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = |tokenizer: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqs),
        )
    };
    let key = builder.add_text_field("key", STRING | STORED);
    let title = builder.add_text_field("title", text(FOLDED).set_stored());
    let body = builder.add_text_field("body", text(FOLDED).set_stored());
    let fields = Fields { key, title, body };
    (builder.build(), fields)
}

/// The articles' full-text index, on disk or in memory.
pub struct SearchIndex {
    index: Index,
    /// Taken on the first change, released by [`SearchIndex::commit`].
    writer: Option<IndexWriter>,
    /// What searches read, shared with every [`Searcher`] handed out.
    shared: Searcher,
    /// What was done on open to an index found damaged, to tell the user once.
    notice: Option<String>,
}

/// Searches an index's committed articles. Clones share one reader; searching never takes
/// the index writer's side, so it runs while the index is being written.
#[derive(Clone)]
pub struct Searcher {
    reader: IndexReader,
    fields: Fields,
    /// Each segment's words by romanised key.
    roman: Arc<Mutex<RomanSets>>,
    /// Where the index lives, for messages: "in /path" or "in memory".
    place: Arc<str>,
}

impl std::fmt::Debug for Searcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Searcher")
            .field("place", &self.place)
            .finish()
    }
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("place", &self.shared.place)
            .field("docs", &self.shared.reader.searcher().num_docs())
            .field("writing", &self.writer.is_some())
            .finish()
    }
}

impl SearchIndex {
    /// Opens the index in `dir`, creating the folder if needed. An index of another version
    /// or layout is deleted and created empty (only the index's own files in `dir` are
    /// removed); [`SearchIndex::keys`] then tells what to add.
    ///
    /// An index that is damaged (it does not open, a file fails its checksum, a romanised
    /// set fails its own, or tantivy panics on it) is not trusted: its files are moved to
    /// `<dir>.corrupt-<stamp>` (never deleted) and it is created empty;
    /// [`SearchIndex::take_notices`] says so, once.
    pub fn open_or_create(dir: &Path) -> Result<SearchIndex, SearchError> {
        let io = |source| SearchError::Io {
            path: dir.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(io)?;
        let place = format!("in {}", dir.display());
        let (schema, fields) = schema();
        let damage = match open_checked(dir, &schema, fields, &place) {
            Existing::Usable(opened) => return Ok(*opened),
            Existing::Damaged(reason) => Some(reason),
            Existing::Foreign | Existing::None => None,
        };
        let notice = match damage {
            Some(reason) => {
                // Only with the writer's lock: another khabar writing the index can make a
                // healthy index look damaged for a moment (files of merged segments going).
                let lock = MmapDirectory::open(dir)
                    .ok()
                    .and_then(|d| d.acquire_lock(&INDEX_WRITER_LOCK).ok());
                let Some(lock) = lock else {
                    return Err(SearchError::Locked { place });
                };
                let reason = match open_checked(dir, &schema, fields, &place) {
                    Existing::Usable(opened) => return Ok(*opened),
                    Existing::Damaged(again) => again,
                    Existing::Foreign | Existing::None => reason,
                };
                let aside = set_aside_index_files(dir).map_err(io)?;
                drop(lock);
                Some(format!(
                    "the search index {place} is damaged ({reason}); its files are set aside \
                     in {} and it is rebuilt",
                    aside.display()
                ))
            }
            None => {
                remove_index_files(dir).map_err(io)?;
                None
            }
        };
        let index = Index::create_in_dir(dir, schema).map_err(|source| SearchError::Index {
            place: place.clone(),
            source,
        })?;
        let mut created = SearchIndex::wrap(index, fields, Some(dir), place)?;
        created.notice = notice;
        // Stamp the version at once, so a reopen does not take it for a foreign index.
        created.writer()?;
        created.commit()?;
        Ok(created)
    }

    /// What was found damaged and set aside since the last call (on open, or a romanised
    /// set since), each said once.
    pub fn take_notices(&mut self) -> Vec<String> {
        let mut out: Vec<String> = self.notice.take().into_iter().collect();
        let mut sets = self.shared.roman.lock().unwrap_or_else(|e| e.into_inner());
        out.extend(sets.take_notices());
        out
    }

    /// An empty index in memory.
    pub fn in_memory() -> Result<SearchIndex, SearchError> {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        SearchIndex::wrap(index, fields, None, "in memory".into())
    }

    fn wrap(
        index: Index,
        fields: Fields,
        dir: Option<&Path>,
        place: String,
    ) -> Result<SearchIndex, SearchError> {
        index.tokenizers().register(FOLDED, Folded::default());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|source| SearchError::Index {
                place: place.clone(),
                source,
            })?;
        Ok(SearchIndex {
            index,
            writer: None,
            shared: Searcher {
                reader,
                fields,
                roman: Arc::new(Mutex::new(RomanSets::new(dir))),
                place: place.into(),
            },
            notice: None,
        })
    }

    fn writer(&mut self) -> Result<&mut IndexWriter, SearchError> {
        let writer = match self.writer.take() {
            Some(writer) => writer,
            None => {
                let threads = std::thread::available_parallelism()
                    .map_or(1, |n| n.get())
                    .clamp(1, 4);
                self.index
                    .writer_with_num_threads(threads, threads * WRITER_MEMORY_PER_THREAD)
                    .map_err(|e| self.error(e))?
            }
        };
        Ok(self.writer.insert(writer))
    }

    /// Adds an article, replacing any with the same key. Seen by searches after
    /// [`SearchIndex::commit`].
    pub fn add(&mut self, doc: &SearchDoc) -> Result<(), SearchError> {
        let f = self.shared.fields;
        let mut document = TantivyDocument::default();
        document.add_text(f.key, doc.key);
        document.add_text(f.title, doc.title);
        document.add_text(f.body, doc.body);
        let writer = self.writer()?;
        writer.delete_term(Term::from_field_text(f.key, doc.key));
        let added = writer.add_document(document);
        added.map(drop).map_err(|e| self.error(e))
    }

    /// Removes the article with this key, if indexed. Seen after [`SearchIndex::commit`].
    pub fn remove(&mut self, key: &str) -> Result<(), SearchError> {
        let term = Term::from_field_text(self.shared.fields.key, key);
        self.writer()?.delete_term(term);
        Ok(())
    }

    /// Makes the changes since the last commit durable and visible to searches, waits for
    /// background merges, and lets another khabar update the index.
    pub fn commit(&mut self) -> Result<(), SearchError> {
        if let Some(mut writer) = self.writer.take() {
            let committed = writer.prepare_commit().and_then(|mut prepared| {
                prepared.set_payload(VERSION);
                prepared.commit()
            });
            if let Err(e) = committed {
                self.writer = Some(writer);
                return Err(self.error(e));
            }
            writer.wait_merging_threads().map_err(|e| self.error(e))?;
        }
        self.shared.reader.reload().map_err(|e| self.error(e))?;
        let searcher = self.shared.reader.searcher();
        // Pruning right after the write lock is released: a khabar that takes the lock in
        // between and commits new segments may lose their sets, and builds them again when
        // it next searches. Nothing else is at stake.
        self.roman_sets(&searcher, true).map(drop)
    }
    /// A handle that searches the committed articles: cheap to clone, it never waits for
    /// this index's writer (the reader searches while the library thread indexes).
    pub fn searcher(&self) -> Searcher {
        self.shared.clone()
    }

    /// The keys of the committed articles.
    pub fn keys(&self) -> Result<HashSet<String>, SearchError> {
        self.shared.keys()
    }

    /// The committed articles matching `query`, best first, at most `limit`. See the module
    /// doc for how words match and rank.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>, SearchError> {
        self.shared.search(query, limit)
    }

    /// [`Searcher::search_page`].
    pub fn search_page(
        &self,
        query: &str,
        start: usize,
        limit: usize,
    ) -> Result<Found, SearchError> {
        self.shared.search_page(query, start, limit)
    }

    fn error(&self, source: TantivyError) -> SearchError {
        self.shared.error(source)
    }

    fn roman_sets(
        &self,
        searcher: &tantivy::Searcher,
        prune: bool,
    ) -> Result<std::sync::MutexGuard<'_, RomanSets>, SearchError> {
        self.shared.roman_sets(searcher, prune)
    }
}

impl Searcher {
    fn error(&self, source: TantivyError) -> SearchError {
        match source {
            TantivyError::LockFailure(..) => SearchError::Locked {
                place: self.place.to_string(),
            },
            source => SearchError::Index {
                place: self.place.to_string(),
                source,
            },
        }
    }

    /// Brings the romanised word sets in line with the committed segments; `prune` deletes
    /// the files of segments that are gone (for the index's writer only).
    fn roman_sets(
        &self,
        searcher: &tantivy::Searcher,
        prune: bool,
    ) -> Result<std::sync::MutexGuard<'_, RomanSets>, SearchError> {
        // A panic while syncing leaves sets that are merely incomplete: carry on.
        let mut sets = self.roman.lock().unwrap_or_else(|e| e.into_inner());
        let fields = [self.fields.title, self.fields.body];
        sets.sync(searcher.segment_readers(), &fields, prune)
            .map_err(|e| self.error(e))?;
        Ok(sets)
    }

    /// The keys of the committed articles.
    pub fn keys(&self) -> Result<HashSet<String>, SearchError> {
        self.contained(|| self.keys_inner())
    }

    /// Runs `f`, a panic inside tantivy or fst (a file damaged after opening) becoming an
    /// error rather than ending the thread.
    fn contained<T>(&self, f: impl FnOnce() -> Result<T, SearchError>) -> Result<T, SearchError> {
        contained(f).unwrap_or_else(|panic| Err(self.error(TantivyError::InternalError(panic))))
    }

    fn keys_inner(&self) -> Result<HashSet<String>, SearchError> {
        let searcher = self.reader.searcher();
        let mut keys = HashSet::new();
        let io = |e: std::io::Error| self.error(e.into());
        for segment in searcher.segment_readers() {
            let inverted = segment
                .inverted_index(self.fields.key)
                .map_err(|e| self.error(e))?;
            let mut terms = inverted.terms().stream().map_err(io)?;
            while terms.advance() {
                let alive = if segment.has_deletes() {
                    let mut postings = inverted
                        .read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)
                        .map_err(io)?;
                    let mut doc = postings.doc();
                    while doc != TERMINATED && segment.is_deleted(doc) {
                        doc = postings.advance();
                    }
                    doc != TERMINATED
                } else {
                    true
                };
                if alive {
                    keys.insert(String::from_utf8_lossy(terms.key()).into_owned());
                }
            }
        }
        Ok(keys)
    }

    /// The committed articles matching `query`, best first, at most `limit`. See the module
    /// doc for how words match and rank.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>, SearchError> {
        self.search_page(query, 0, limit).map(|found| found.hits)
    }

    /// The hits `start..start + limit` of `query`, best first, and how many articles match
    /// in all. Pages of one query agree: each is cut from the same ranking.
    pub fn search_page(
        &self,
        query: &str,
        start: usize,
        limit: usize,
    ) -> Result<Found, SearchError> {
        self.contained(|| self.search_inner(query, start, limit))
    }

    fn search_inner(&self, query: &str, start: usize, limit: usize) -> Result<Found, SearchError> {
        let mut words = query_words(query);
        if words.is_empty() {
            return Ok(Found::default());
        }
        let searcher = self.reader.searcher();
        if words.iter().any(|w| !w.roman.is_empty()) {
            let sets = self.roman_sets(&searcher, false)?;
            for word in words.iter_mut().filter(|w| !w.roman.is_empty()) {
                word.variants.extend(sets.words(&word.roman));
                if let Some(pattern) = word.pattern.as_ref() {
                    word.variants.extend(sets.words_matching(pattern));
                }
            }
        }
        for word in &mut words {
            let folded = word.folded.clone();
            word.variants.retain(|v| *v != folded);
            word.variants.sort();
            word.variants.dedup();
        }
        let top = || {
            TopDocs::with_limit(limit.max(1))
                .and_offset(start)
                .order_by_score()
        };
        let all = self.words_query(&words, Occur::Must);
        let (mut total, mut page) = searcher
            .search(&all, &(Count, top()))
            .map_err(|e| self.error(e))?;
        if total == 0 && words.len() > 1 {
            let any = self.words_query(&words, Occur::Should);
            (total, page) = searcher
                .search(&any, &(Count, top()))
                .map_err(|e| self.error(e))?;
        }
        if limit == 0 {
            page.clear();
        }
        let hits = page
            .into_iter()
            .map(|(score, address)| self.hit(&searcher, score, address, &words))
            .collect::<Result<_, _>>()?;
        Ok(Found { hits, total })
    }

    fn hit(
        &self,
        searcher: &tantivy::Searcher,
        score: f32,
        address: DocAddress,
        words: &[QueryWord],
    ) -> Result<Hit, SearchError> {
        let doc: TantivyDocument = searcher.doc(address).map_err(|e| self.error(e))?;
        let text = |field: Field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
        };
        let body = text(self.fields.body);
        let (sentence, highlights) = best_sentence(body, words);
        let lead = snippet::lead(body);
        Ok(Hit {
            key: text(self.fields.key).to_string(),
            score,
            title: text(self.fields.title).to_string(),
            sentence,
            highlights,
            lead,
        })
    }

    /// All (`Occur::Must`) or any (`Occur::Should`) of the words.
    fn words_query(&self, words: &[QueryWord], occur: Occur) -> BooleanQuery {
        BooleanQuery::new(words.iter().map(|w| (occur, self.word_query(w))).collect())
    }

    /// One word in the title or the body, as folded or (a Latin word) as any of the index's
    /// words it romanises to.
    fn word_query(&self, word: &QueryWord) -> Box<dyn Query> {
        let f = self.fields;
        let term = |field: Field, text: &str, boost: f32| -> (Occur, Box<dyn Query>) {
            let query = TermQuery::new(
                Term::from_field_text(field, text),
                IndexRecordOption::WithFreqs,
            );
            (
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(query), boost)),
            )
        };
        let mut clauses = vec![
            term(f.title, &word.folded, TITLE_BOOST),
            term(f.body, &word.folded, 1.0),
        ];
        for variant in &word.variants {
            clauses.push(term(f.title, variant, TITLE_BOOST * ROMAN_WEIGHT));
            clauses.push(term(f.body, variant, ROMAN_WEIGHT));
        }
        Box::new(BooleanQuery::new(clauses))
    }
}

/// The distinct words of a query, folded; Latin words also as romanised keys. Latin
/// spellings of Hindi function words (`ki`, `ka`, `hai`: their Devanagari forms have no
/// romanised key in the index) are left out when the query has other words, so that
/// `modi ki sarkar` needs मोदी and सरकार only.
fn query_words(query: &str) -> Vec<QueryWord> {
    let mut words = all_query_words(query);
    let function_word = |w: &QueryWord| {
        w.folded.is_ascii()
            && !w.roman.is_empty()
            && w.roman.iter().all(|k| is_function_word_key(k))
    };
    if words.iter().any(|w| !function_word(w)) {
        words.retain(|w| !function_word(w));
    }
    words
}

fn all_query_words(query: &str) -> Vec<QueryWord> {
    let mut out: Vec<QueryWord> = Vec::new();
    let mut folded = String::new();
    let query = &exonym::rewrite(query);
    for (start, end) in words(query) {
        let word = &query[start..end];
        fold_into(word, &mut folded);
        if folded.is_empty() || out.iter().any(|w| w.folded == folded) {
            continue;
        }
        let latin = word.is_ascii() && word.bytes().any(|b| b.is_ascii_alphabetic());
        let spelled = acronym::spelled(word);
        let mut variants = Vec::new();
        if let Some(spelled) = &spelled {
            let mut f = String::new();
            fold_into(spelled, &mut f);
            variants.push(f);
        }
        if let Some(hindi) = exonym::single(word).filter(|_| latin) {
            let mut f = String::new();
            fold_into(hindi, &mut f);
            variants.push(f);
        }
        // A short acronym is said letter by letter: its romanised key would find unrelated
        // words (`WHO` वो, `UN` उन).
        let short_acronym = spelled.is_some() && word.len() <= 3;
        let roman = if latin && !short_acronym {
            query_keys(word)
        } else {
            Vec::new()
        };
        let pattern = if roman.is_empty() {
            None
        } else {
            pattern::Pattern::of(word)
        };
        out.push(QueryWord {
            folded: folded.clone(),
            roman,
            pattern,
            variants,
        });
    }
    out
}

/// Whether `name` is a file tantivy writes in an index folder: `meta.json`, `.managed.json`
/// and segment files (`<32 hex digits>.<component>`, with `.<opstamp>.del` for deletes).
fn is_index_file(name: &str) -> bool {
    if name == "meta.json" || name == ".managed.json" {
        return true;
    }
    name.split_once('.')
        .is_some_and(|(stem, _)| stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Removes the index's own files from `dir`, leaving anything else (and the lock files).
fn remove_index_files(dir: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_str().is_some_and(is_index_file) && entry.file_type()?.is_file() {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// What is in an index folder.
enum Existing {
    /// No index.
    None,
    /// An index of another version or layout.
    Foreign,
    /// An index that cannot be trusted, and why.
    Damaged(String),
    /// Our index, whole, opened.
    Usable(Box<SearchIndex>),
}

/// The index in `dir`, checked: it opens, has our schema and version, every file of its
/// segments matches its checksum, and so does every romanised set there is. A panic
/// (tantivy meeting a damaged file) counts as damage.
fn open_checked(dir: &Path, schema: &Schema, fields: Fields, place: &str) -> Existing {
    if !dir.join("meta.json").is_file() {
        return Existing::None;
    }
    let checked = contained(|| {
        let index = match Index::open_in_dir(dir) {
            Ok(index) => index,
            Err(e) => return Existing::Damaged(format!("it does not open: {e}")),
        };
        let metas = match index.load_metas() {
            Ok(metas) => metas,
            Err(e) => return Existing::Damaged(format!("its list of segments: {e}")),
        };
        if index.schema() != *schema || metas.payload.as_deref() != Some(VERSION) {
            return Existing::Foreign;
        }
        match index.validate_checksum() {
            Ok(bad) if bad.is_empty() => {}
            Ok(bad) => {
                let mut names: Vec<String> = bad.iter().map(|p| p.display().to_string()).collect();
                names.sort();
                return Existing::Damaged(format!("{} fail their checksums", names.join(", ")));
            }
            Err(e) => return Existing::Damaged(format!("its files cannot be checked: {e}")),
        }
        match SearchIndex::wrap(index, fields, Some(dir), place.to_string()) {
            Ok(opened) => {
                let searcher = opened.shared.reader.searcher();
                let mut sets = opened
                    .shared
                    .roman
                    .lock()
                    .unwrap_or_else(|e| e.into_inner());
                sets.load_existing(searcher.segment_readers());
                drop(sets);
                Existing::Usable(Box::new(opened))
            }
            Err(e) => Existing::Damaged(e.to_string()),
        }
    });
    checked.unwrap_or_else(Existing::Damaged)
}

/// Moves the index's own files (and its romanised sets) from `dir` to a new folder beside
/// it, `<dir>.corrupt-<stamp>`, and returns that folder.
fn set_aside_index_files(dir: &Path) -> std::io::Result<PathBuf> {
    let aside = crate::aside::aside_path(dir, "search");
    std::fs::create_dir(&aside)?;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_str().is_some_and(is_index_file) && entry.file_type()?.is_file() {
            std::fs::rename(entry.path(), aside.join(&name))?;
        }
    }
    Ok(aside)
}
