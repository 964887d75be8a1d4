//! Fault injection, SQLite-style, for the files khabar keeps beside a folder: the cache
//! (`library.redb`), the search index (tantivy's files) and its romanised word sets
//! (`*.roman`). Each is truncated, zeroed, has bytes flipped or 4 KB overwritten at a random
//! offset, and then `khabar index` must end (within a timeout) without a panic, print what
//! a clean run prints, and either say the damaged file was set aside (renamed, never
//! deleted) or have needed nothing from it; the run after it is healthy and says nothing.
//!
//! The reader reads an opened article's facts from the cache: damaged before or while it has
//! the cache open, each article gets the facts a healthy cache gives, or none.
//!
//! Also: one cache unreadable, one folder named four ways, a file name that is not UTF-8,
//! two `khabar index` runs at once on one cache.
//!
//! The property tests run a few cases by default (each case runs khabar twice); set
//! `PROPTEST_CASES=2000` for a long run. A failing case prints its seed and damage.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

use khabar::article::load_file;
use khabar::library::cache::{Cache, Stamp};
use khabar::library::opened::OpenedFacts;
use khabar::library::search::SearchIndex;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError};

/// How long one `khabar index` may take before it counts as hung.
const TIMEOUT: Duration = Duration::from_secs(120);

fn khabar() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_khabar"));
    cmd.env("NO_COLOR", "1");
    cmd
}

/// Waits for `child`, killing it after [`TIMEOUT`].
fn finish(mut child: Child) -> Result<Output, String> {
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => return child.wait_with_output().map_err(|e| e.to_string()),
            Ok(None) if start.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("khabar index did not end within {TIMEOUT:?}"));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(e.to_string()),
        }
    }
}

/// A run of `khabar index --stats`.
struct Run {
    code: Option<i32>,
    stdout: String,
    /// Everything on stderr but the stats line.
    said: String,
    /// The stats line: `N files: C from the cache, E extracted, F forgotten`.
    stats: String,
}

impl Run {
    fn all_from_the_cache(&self, files: usize) -> bool {
        self.stats.contains(&format!(
            "{files} files: {files} from the cache, 0 extracted"
        ))
    }
}

fn spawn_index(folder: &Path, cache: &Path, dir: Option<&Path>) -> Child {
    let mut cmd = khabar();
    cmd.args(["index", "--stats", "--cache-dir"])
        .arg(cache)
        .arg(folder)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(dir) = dir {
        cmd.current_dir(dir);
    }
    cmd.spawn().expect("khabar starts")
}

fn run_output(out: Output) -> Run {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let (stats, said): (Vec<&str>, Vec<&str>) = stderr
        .lines()
        .partition(|l| l.contains(" from the cache, "));
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        said: said.join("\n"),
        stats: stats.join("\n"),
    }
}

fn index_in(folder: &Path, cache: &Path, dir: Option<&Path>) -> Result<Run, String> {
    finish(spawn_index(folder, cache, dir)).map(run_output)
}

fn index(folder: &Path, cache: &Path) -> Result<Run, String> {
    index_in(folder, cache, None)
}

/// The fixture articles, three copies each in three subfolders, each file last modified
/// on 1 June 2025 (so the years their datelines leave out are the same on every machine).
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library");
    let june_2025 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_748_736_000);
    for sub in ["a", "b", "c"] {
        std::fs::create_dir(dir.path().join(sub)).expect("subfolder");
        for entry in std::fs::read_dir(&fixtures).expect("fixtures") {
            let from = entry.expect("fixture").path();
            let to: PathBuf = dir
                .path()
                .join(sub)
                .join(from.file_name().expect("file name"));
            std::fs::copy(&from, &to).expect("copy");
            std::fs::File::options()
                .write(true)
                .open(&to)
                .and_then(|f| f.set_modified(june_2025))
                .expect("set modification time");
        }
    }
    dir
}

const FILES: usize = 9;

/// A folder indexed once into a cache: the clean output, and a copy of the healthy cache
/// to start each case from.
struct Setup {
    folder: tempfile::TempDir,
    /// The healthy cache (`--cache-dir`), never run against.
    healthy: tempfile::TempDir,
    clean: String,
}

fn setup() -> Setup {
    let folder = folder();
    let healthy = tempfile::tempdir().expect("cache folder");
    let first = index(folder.path(), healthy.path()).expect("first run");
    assert_eq!(first.code, Some(0), "{}", first.said);
    assert_eq!(first.said, "", "a first run has nothing to say");
    let uncached = khabar()
        .args(["index", "--no-cache"])
        .arg(folder.path())
        .output()
        .expect("khabar runs");
    assert_eq!(
        first.stdout,
        String::from_utf8_lossy(&uncached.stdout),
        "the cached run prints what a run without the cache prints"
    );
    let warm = index(folder.path(), healthy.path()).expect("warm run");
    assert!(warm.all_from_the_cache(FILES), "{}", warm.stats);
    Setup {
        folder,
        healthy,
        clean: first.stdout,
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create");
    for entry in std::fs::read_dir(from).expect("list") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The one folder `--cache-dir` holds: the folder's cache.
fn cache_of(cache_dir: &Path) -> PathBuf {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(cache_dir)
        .expect("list")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(dirs.len(), 1, "{dirs:?}");
    dirs.remove(0)
}

fn files_named(dir: &Path, pick: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file() && p.file_name().and_then(|n| n.to_str()).is_some_and(&pick))
        .collect();
    out.sort();
    out
}

fn set_aside_in(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in walk(dir) {
        if entry.to_string_lossy().contains(".corrupt-") {
            found.push(entry);
        }
    }
    found
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        }
        out.push(path);
    }
    out
}

/// What is done to a file.
#[derive(Debug, Clone)]
enum Damage {
    /// Cut to this fraction of its length (0 empties it).
    Truncate(f64),
    /// Every byte zero.
    Zero,
    /// These bits flipped, at fractions of its length.
    Flip(Vec<(f64, u8)>),
    /// 4 KB of random bytes (from this seed) written at a fraction of its length.
    Overwrite4K(f64, u64),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        1 => (0.0..1.0f64).prop_map(Damage::Truncate),
        1 => Just(Damage::Zero),
        2 => prop::collection::vec((0.0..1.0f64, 0..8u8), 1..8).prop_map(Damage::Flip),
        4 => (0.0..1.0f64, any::<u64>()).prop_map(|(at, seed)| Damage::Overwrite4K(at, seed)),
    ]
}

fn apply(damage: &Damage, path: &Path) {
    let mut bytes = std::fs::read(path).expect("read");
    let at = |f: f64, len: usize| ((f * len as f64) as usize).min(len.saturating_sub(1));
    match damage {
        Damage::Truncate(f) => bytes.truncate((f * bytes.len() as f64) as usize),
        Damage::Zero => bytes.iter_mut().for_each(|b| *b = 0),
        Damage::Flip(flips) => {
            if !bytes.is_empty() {
                for (f, bit) in flips {
                    let i = at(*f, bytes.len());
                    bytes[i] ^= 1 << bit;
                }
            }
        }
        Damage::Overwrite4K(f, seed) => {
            let start = at(*f, bytes.len());
            let mut state = *seed | 1;
            for i in start..start + 4096 {
                // xorshift64: any bytes will do, the same for the same seed.
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let b = state as u8;
                match bytes.get_mut(i) {
                    Some(slot) => *slot = b,
                    None => bytes.push(b),
                }
            }
        }
    }
    std::fs::write(path, bytes).expect("write");
}

/// Which of the files beside a cache a case damages.
#[derive(Debug, Clone, Copy)]
enum Target {
    Library,
    /// One of the search index's own files (meta.json, .managed.json, segment files).
    SearchIndex,
    /// One segment's romanised word set.
    RomanisedSet,
}

fn targets(cache: &Path, target: Target) -> Vec<PathBuf> {
    let search = cache.join("search");
    match target {
        Target::Library => vec![cache.join("library.redb")],
        Target::SearchIndex => files_named(&search, |n| {
            !n.ends_with(".roman") && !n.ends_with(".lock") && !n.contains(".corrupt-")
        }),
        Target::RomanisedSet => files_named(&search, |n| n.ends_with(".roman")),
    }
}

/// The keys of the articles a search for a word of the fixtures finds, in the index in
/// `cache`.
fn searched(cache: &Path) -> Result<Vec<String>, String> {
    let index = SearchIndex::open_or_create(&cache.join("search")).map_err(|e| e.to_string())?;
    let mut keys: Vec<String> = ["पटना", "putin", "व्यापार"]
        .iter()
        .map(|q| index.search(q, 50).map_err(|e| e.to_string()))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
        .map(|h| h.key)
        .collect();
    keys.sort();
    Ok(keys)
}

/// Cases run so far, printed every 50 on a long run (`PROPTEST_CASES` set), so a long run
/// cut short still tells how far it got.
static CASES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Damages one file beside a copy of the healthy cache and checks the two runs after it.
fn damaged_case(
    setup: &Setup,
    target: Target,
    pick: usize,
    damage: &Damage,
) -> Result<(), TestCaseError> {
    let n = CASES.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
    if n.is_multiple_of(50) && std::env::var_os("PROPTEST_CASES").is_some() {
        eprintln!("faults_cache: {n} cases begun, all before them passed");
    }
    let work = tempfile::tempdir().expect("work");
    copy_dir(setup.healthy.path(), work.path());
    let cache = cache_of(work.path());
    let clean_search = searched(&cache).map_err(TestCaseError::fail)?;
    let candidates = targets(&cache, target);
    prop_assume!(!candidates.is_empty());
    let victim = &candidates[pick % candidates.len()];
    apply(damage, victim);
    let victim = victim.display();

    let run = index(setup.folder.path(), work.path()).map_err(TestCaseError::fail)?;
    prop_assert_eq!(run.code, Some(0), "{} damaged: {}", victim, run.said);
    prop_assert!(!run.said.contains("panicked"), "{}", run.said);
    prop_assert!(
        run.stdout == setup.clean,
        "{} damaged: the output differs from a clean run's\n{}",
        victim,
        run.said
    );
    let aside = set_aside_in(&cache);
    if run.said.contains("set aside") {
        prop_assert!(
            !aside.is_empty(),
            "said set aside, but nothing is: {}",
            run.said
        );
        prop_assert_eq!(run.said.lines().count(), 1, "said once: {}", run.said);
    } else {
        // Nothing said: the damage must have touched nothing the run needed.
        prop_assert_eq!(&run.said, "", "{} damaged", victim);
        prop_assert!(
            run.all_from_the_cache(FILES),
            "{} damaged, nothing said, yet files were extracted again: {}",
            victim,
            run.stats
        );
        prop_assert!(aside.is_empty(), "set aside without a word: {:?}", aside);
    }

    let next = index(setup.folder.path(), work.path()).map_err(TestCaseError::fail)?;
    prop_assert_eq!(next.code, Some(0));
    prop_assert_eq!(&next.said, "", "the run after {} was damaged", victim);
    prop_assert!(next.stdout == setup.clean, "the next run's output differs");
    prop_assert!(next.all_from_the_cache(FILES), "{}", next.stats);
    prop_assert_eq!(
        searched(&cache).map_err(TestCaseError::fail)?,
        clean_search,
        "search after {} was damaged",
        victim
    );
    Ok(())
}

/// Cases per property: a few in CI, `PROPTEST_CASES` for a long run.
fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    Config::with_cases(cases)
}

fn shared_setup() -> &'static Setup {
    static SETUP: std::sync::OnceLock<Setup> = std::sync::OnceLock::new();
    SETUP.get_or_init(setup)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_damaged_library_redb_is_set_aside_and_rebuilt(damage in damage()) {
        damaged_case(shared_setup(), Target::Library, 0, &damage)?;
    }

    #[test]
    fn a_damaged_search_index_file_is_set_aside_and_rebuilt(pick in any::<usize>(), damage in damage()) {
        damaged_case(shared_setup(), Target::SearchIndex, pick, &damage)?;
    }

    #[test]
    fn a_damaged_romanised_set_is_set_aside_and_rebuilt(pick in any::<usize>(), damage in damage()) {
        damaged_case(shared_setup(), Target::RomanisedSet, pick, &damage)?;
    }
}

/// The damage issue 15 reported, 4 KB overwritten, page by page of the cache: none panics
/// or changes the output. Eight pages spread over the file by default; every page when
/// `PROPTEST_CASES` asks for a long run.
#[test]
fn four_kilobytes_overwritten_at_pages_of_library_redb() {
    let setup = shared_setup();
    let len = std::fs::metadata(cache_of(setup.healthy.path()).join("library.redb"))
        .expect("cache")
        .len();
    let pages = len.div_ceil(4096);
    let every = if std::env::var_os("PROPTEST_CASES").is_some() {
        1
    } else {
        pages.div_ceil(8).max(1)
    };
    for page in (0..pages).step_by(every as usize) {
        let at = page as f64 / pages as f64;
        damaged_case(
            setup,
            Target::Library,
            0,
            &Damage::Overwrite4K(at, page + 1),
        )
        .unwrap_or_else(|e| panic!("4 KB overwritten at page {page} of {pages}: {e}"));
    }
}

#[test]
fn an_empty_library_redb_is_said_and_rebuilt() {
    damaged_case(shared_setup(), Target::Library, 0, &Damage::Truncate(0.0))
        .unwrap_or_else(|e| panic!("{e}"));
}

/// A cache that cannot be read (here a folder where the file should be, which no
/// permission can fix) is set aside and said, once.
#[test]
fn a_cache_that_cannot_be_read_is_set_aside_and_said() {
    let setup = shared_setup();
    let work = tempfile::tempdir().expect("work");
    copy_dir(setup.healthy.path(), work.path());
    let db = cache_of(work.path()).join("library.redb");
    std::fs::remove_file(&db).expect("remove");
    std::fs::create_dir(&db).expect("a folder in its place");
    let run = index(setup.folder.path(), work.path()).expect("runs");
    assert_eq!(run.code, Some(0), "{}", run.said);
    assert!(run.said.contains("cannot be read"), "{}", run.said);
    assert!(run.said.contains("set aside as"), "{}", run.said);
    assert_eq!(run.stdout, setup.clean);
    let next = index(setup.folder.path(), work.path()).expect("runs");
    assert_eq!(next.said, "");
    assert!(next.all_from_the_cache(FILES), "{}", next.stats);
}

/// Without read permission (not testable as root, who reads anything: then it only checks
/// the run is correct).
#[cfg(unix)]
#[test]
fn a_cache_without_read_permission_is_said() {
    use std::os::unix::fs::PermissionsExt;
    let setup = shared_setup();
    let work = tempfile::tempdir().expect("work");
    copy_dir(setup.healthy.path(), work.path());
    let db = cache_of(work.path()).join("library.redb");
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let enforced = std::fs::File::open(&db).is_err();
    let run = index(setup.folder.path(), work.path()).expect("runs");
    assert_eq!(run.code, Some(0), "{}", run.said);
    assert_eq!(run.stdout, setup.clean);
    if enforced {
        assert!(run.said.contains("cannot be read"), "{}", run.said);
        assert!(run.said.contains("set aside as"), "{}", run.said);
        let next = index(setup.folder.path(), work.path()).expect("runs");
        assert_eq!(next.said, "");
    } else {
        eprintln!("permissions are not enforced for this user: only the output was checked");
    }
}

/// `index news`, `index ./news`, `index /abs/news` and `index .` (from inside) are one
/// folder: one cache, which none of them empties for the others.
#[test]
fn one_folder_named_four_ways_shares_one_cache() {
    let parent = tempfile::tempdir().expect("parent");
    let news = parent.path().join("news");
    copy_dir(folder().path(), &news);
    let cache = tempfile::tempdir().expect("cache");
    let entities = |run: &Run| -> Vec<(String, String, u64)> {
        let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
        json["entities"]
            .as_array()
            .expect("entities")
            .iter()
            .map(|e| {
                (
                    e["name"].as_str().unwrap_or("").to_string(),
                    e["kind"].as_str().unwrap_or("").to_string(),
                    e["mentions"].as_u64().unwrap_or(0),
                )
            })
            .collect()
    };
    let first = index_in(Path::new("news"), cache.path(), Some(parent.path())).expect("runs");
    assert!(first.stats.contains("0 from the cache"), "{}", first.stats);
    let absolute = news.canonicalize().expect("canonical");
    for (name, dir) in [
        (Path::new("./news"), parent.path()),
        (absolute.as_path(), parent.path()),
        (Path::new("."), news.as_path()),
        (Path::new("news"), parent.path()),
    ] {
        let run = index_in(name, cache.path(), Some(dir)).expect("runs");
        assert!(
            run.stats.contains(&format!(
                "{FILES} files: {FILES} from the cache, 0 extracted, 0 forgotten"
            )),
            "index {}: {}",
            name.display(),
            run.stats
        );
        assert_eq!(run.said, "", "index {}", name.display());
        assert_eq!(entities(&run), entities(&first), "index {}", name.display());
    }
    assert_eq!(std::fs::read_dir(cache.path()).expect("list").count(), 1);
}

/// A file whose name is not UTF-8 is cached like any other, and the others with it.
#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_cached_like_any_other() {
    use std::os::unix::ffi::OsStrExt;
    let folder = folder();
    let odd = folder
        .path()
        .join("a")
        .join(std::ffi::OsStr::from_bytes(b"\xff\xfe-odd.txt"));
    std::fs::copy(folder.path().join("a/01_moscow.txt"), &odd).expect("copy");
    let cache = tempfile::tempdir().expect("cache");
    let first = index(folder.path(), cache.path()).expect("runs");
    assert_eq!(first.said, "", "nothing to say on a first run");
    let again = index(folder.path(), cache.path()).expect("runs");
    assert!(
        again.all_from_the_cache(FILES + 1),
        "{}\n{}",
        again.stats,
        again.said
    );
    assert_eq!(again.said, "");
    assert_eq!(again.stdout, first.stdout);
}

/// Two `khabar index` runs at once on one cache folder both finish with the right output;
/// the run after them finds a healthy cache.
#[test]
fn two_index_runs_at_once_on_one_cache_both_finish_correctly() {
    let setup = shared_setup();
    for warm in [false, true] {
        let work = tempfile::tempdir().expect("work");
        if warm {
            copy_dir(setup.healthy.path(), work.path());
        }
        let a = spawn_index(setup.folder.path(), work.path(), None);
        let b = spawn_index(setup.folder.path(), work.path(), None);
        for run in [finish(a), finish(b)] {
            let run = run_output(run.expect("ends"));
            assert_eq!(run.code, Some(0), "{}", run.said);
            assert!(!run.said.contains("panicked"), "{}", run.said);
            assert!(!run.said.contains("set aside"), "{}", run.said);
            assert_eq!(run.stdout, setup.clean, "{}", run.said);
        }
        let next = index(setup.folder.path(), work.path()).expect("runs");
        assert_eq!(next.said, "", "warm: {warm}");
        assert_eq!(next.stdout, setup.clean);
        assert!(next.all_from_the_cache(FILES), "{}", next.stats);
        assert!(set_aside_in(work.path()).is_empty());
    }
}

/// What the reader reads of each article when it opens it, from the cache in `cache` (the
/// folder's cache folder), opened before or after `damage` is done to its database: for
/// each article file of the folder, its cached facts or nothing.
fn opened_facts(
    setup: &Setup,
    cache: &Path,
    damage: Option<&Damage>,
    damage_while_open: bool,
) -> Result<Vec<Option<OpenedFacts>>, TestCaseError> {
    let db = cache.join("library.redb");
    if let (Some(damage), false) = (damage, damage_while_open) {
        apply(damage, &db);
    }
    let Ok(opened) = Cache::open(cache, setup.folder.path()) else {
        // Unusable and not set aside: the reader works without it.
        return Ok(Vec::new());
    };
    if let (Some(damage), true) = (damage, damage_while_open) {
        apply(damage, &db);
    }
    let reader = opened.reader().expect("open");
    let mut found = Vec::new();
    for path in walk(setup.folder.path()) {
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let stamp = Stamp::of(&meta);
        for article in load_file(&path).articles {
            found.push(reader.article_facts(&article, stamp));
        }
    }
    let damaged = opened.is_damaged();
    let notice = opened.finish();
    prop_assert_eq!(
        notice.is_some(),
        damaged,
        "damage found is said: {:?}",
        notice
    );
    if let Some(notice) = notice {
        prop_assert!(notice.contains("set aside"), "{}", notice);
    }
    Ok(found)
}

/// Opening an article reads its facts from `library.redb`: damaged before the reader opens
/// it or while it has it open, every article opens with the facts the healthy cache gives,
/// or none (it is then extracted), and nothing panics.
fn damaged_opening_case(damage: &Damage, while_open: bool) -> Result<(), TestCaseError> {
    let setup = shared_setup();
    let healthy = tempfile::tempdir().expect("work");
    copy_dir(setup.healthy.path(), healthy.path());
    let expected = opened_facts(setup, &cache_of(healthy.path()), None, false)?;
    prop_assert_eq!(expected.len(), FILES);
    prop_assert!(
        expected.iter().all(Option::is_some),
        "a healthy cache has them all"
    );
    let work = tempfile::tempdir().expect("work");
    copy_dir(setup.healthy.path(), work.path());
    let found = opened_facts(setup, &cache_of(work.path()), Some(damage), while_open)?;
    for (i, facts) in found.iter().enumerate() {
        if let Some(facts) = facts {
            prop_assert_eq!(Some(facts), expected[i].as_ref(), "article {}", i);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_damaged_library_redb_gives_opened_articles_their_facts_or_none(
        damage in damage(),
        while_open in any::<bool>(),
    ) {
        damaged_opening_case(&damage, while_open)?;
    }
}

/// The damage of issue 15 (4 KB overwritten) at pages spread over the cache, before and
/// while the reader has it open.
#[test]
fn four_kilobytes_overwritten_under_an_opened_article() {
    let setup = shared_setup();
    let len = std::fs::metadata(cache_of(setup.healthy.path()).join("library.redb"))
        .expect("cache")
        .len();
    let pages = len.div_ceil(4096);
    let every = pages.div_ceil(8).max(1);
    for page in (0..pages).step_by(every as usize) {
        for while_open in [false, true] {
            let at = page as f64 / pages as f64;
            damaged_opening_case(&Damage::Overwrite4K(at, page + 1), while_open).unwrap_or_else(
                |e| panic!("4 KB overwritten at page {page} of {pages} (open: {while_open}): {e}"),
            );
        }
    }
}
