//! Folder search on a folder this test writes, indexed as the reader indexes one (issue 17,
//! item 7 and the acronyms): English spellings of names find their Hindi form, a city named
//! only in a dateline or a word only in a title is found, and `WHO` finds डब्ल्यूएचओ and
//! "WHO" but not the pronoun वो.
//!
//! The names are `tests/fixtures/names_en_hi.tsv`, a list written for khabar (English or
//! plain spelling → Devanagari as Hindi papers write it); the articles are sentences written
//! here around them. Nothing is read from `../shared`.

use std::fs;
use std::sync::Mutex;

use khabar::article::ScanOptions;
use khabar::extract::Extractor;
use khabar::library::refresh::{RefreshOptions, refresh, search_dir};
use khabar::library::search::SearchIndex;

/// (Latin, Devanagari) of every entry of the list.
fn names() -> Vec<(String, String)> {
    include_str!("fixtures/names_en_hi.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .map(|(latin, hindi)| (latin.trim().to_string(), hindi.trim().to_string()))
        .collect()
}

/// Sentences around a name, varied so that the name is not always at one place.
const FRAMES: [&str; 4] = [
    "कल {} में एक बैठक हुई जिसमें कई देशों के प्रतिनिधि शामिल हुए।",
    "अधिकारियों ने बताया कि {} से जुड़ी खबरों पर नजर रखी जा रही है।",
    "इस साल {} के बारे में कई रिपोर्टें आई हैं।",
    "सम्मेलन में {} का नाम बार बार लिया गया।",
];

/// Writes one `.txt` article per name, plus the dateline, title and acronym cases, and
/// indexes the folder with a search index as the reader keeps one.
fn indexed_folder(names: &[(String, String)]) -> (tempfile::TempDir, SearchIndex) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("news");
    fs::create_dir(&root).expect("folder");
    let write = |name: &str, text: &str| fs::write(root.join(name), text).expect("write");
    for (i, (_, hindi)) in names.iter().enumerate() {
        let sentence = FRAMES[i % FRAMES.len()].replace("{}", hindi);
        write(
            &format!("name{i:03}.txt"),
            &format!("आज की खबर {i}\n\n{sentence}\n\nबाकी बातें बाद में तय होंगी।\n"),
        );
    }
    // A city named only in the dateline, a word only in the title.
    write(
        "dateline.txt",
        "बैठक में फैसला\n\nभोपाल, 5 मार्च (भाषा)। मंत्रिमंडल ने नई नीति को मंजूरी दी।\n",
    );
    write(
        "title.txt",
        "ज्वालामुखी से राख का गुबार\n\nद्वीप पर उड़ानें रोक दी गईं और लोग घरों में रहे।\n",
    );
    // The acronym and the pronoun.
    write(
        "who_hindi.txt",
        "स्वास्थ्य पर चेतावनी\n\nडब्ल्यूएचओ ने नई चेतावनी जारी की।\n",
    );
    write(
        "who_latin.txt",
        "स्वास्थ्य रिपोर्ट\n\nWHO की रिपोर्ट में कहा गया कि टीके काम करते हैं।\n",
    );
    write(
        "pronoun.txt",
        "गांव की कहानी\n\nवो घर गया और वो फिर नहीं लौटा। वो कहता था कि वो आएगा।\n",
    );
    let cache = dir.path().join("cache");
    let options = RefreshOptions {
        cache_dir: Some(cache.clone()),
        ref_date: None,
        scan: ScanOptions::new(false),
        ..RefreshOptions::default()
    };
    let search = SearchIndex::open_or_create(&search_dir(&cache)).expect("search index");
    let search = Mutex::new(search);
    // The search index is written beside extraction, as the reader's library thread does.
    let extractor = Extractor::embedded().expect("model");
    refresh(&root, Some(&extractor), &options, Some(&search), |_| {});
    let index = search.into_inner().unwrap_or_else(|e| e.into_inner());
    (dir, index)
}

/// The file names (without `.txt`) of every article a query finds.
fn found(index: &SearchIndex, query: &str) -> Vec<String> {
    let found = index.search_page(query, 0, 1000).expect("search");
    assert_eq!(
        found.total,
        found.hits.len(),
        "{query}: every hit is on the page"
    );
    let mut names: Vec<String> = found
        .hits
        .iter()
        .filter_map(|h| {
            let file = h.key.rsplit('/').next()?;
            Some(file.trim_end_matches(".txt").to_string())
        })
        .collect();
    names.sort();
    names
}

#[test]
fn latin_spellings_of_common_names_find_their_articles() {
    let names = names();
    assert!(names.len() >= 200, "the list has {} names", names.len());
    let (_dir, index) = indexed_folder(&names);
    let mut misses = Vec::new();
    let started = std::time::Instant::now();
    for (i, (latin, hindi)) in names.iter().enumerate() {
        if !found(&index, latin).contains(&format!("name{i:03}")) {
            misses.push(format!("{latin} → {hindi}"));
        }
    }
    let took = started.elapsed();
    let hit = names.len() - misses.len();
    let recall = hit as f64 / names.len() as f64;
    println!(
        "Latin names found: {hit}/{} = {recall:.3} ({:.1} ms a query)",
        names.len(),
        took.as_secs_f64() * 1000.0 / names.len() as f64
    );
    for m in &misses {
        println!("  not found: {m}");
    }
    assert!(recall >= 0.95, "recall {recall:.3}; misses: {misses:#?}");
}

#[test]
fn a_city_only_in_the_dateline_and_a_word_only_in_the_title_are_found() {
    let (_dir, index) = indexed_folder(&[]);
    assert_eq!(found(&index, "भोपाल"), ["dateline"]);
    assert_eq!(found(&index, "bhopal"), ["dateline"]);
    assert_eq!(found(&index, "ज्वालामुखी"), ["title"]);
    assert_eq!(found(&index, "jwalamukhi"), ["title"]);
}

#[test]
fn who_in_capitals_finds_the_acronym_not_the_pronoun() {
    let (_dir, index) = indexed_folder(&[]);
    assert_eq!(found(&index, "WHO"), ["who_hindi", "who_latin"]);
    assert_eq!(found(&index, "डब्ल्यूएचओ"), ["who_hindi"]);
    // Written in lowercase it is a word, and वो is one way to spell it.
    assert!(found(&index, "wo").contains(&"pronoun".to_string()));
}
