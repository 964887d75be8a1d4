//! Walks through the article list: what each row says, the status line's long messages,
//! an article's web address, sorting, filtering by names, sources and dates, reopening the
//! last article.

use super::*;

#[test]
fn the_list_marks_a_cut_title_and_says_where_an_undated_article_is_from() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("bina-tarikh.txt"),
        "एक बहुत लंबा शीर्षक जो सूची की चौड़ाई में कभी नहीं समाएगा चाहे कुछ भी हो\n\nपाठ का पहला अनुच्छेद।\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("doosra.txt"), "छोटा शीर्षक\n\nदूसरा पाठ।\n").expect("write");
    let r = Driven::open(dir.path(), (60, 20)).expect("reader");
    assert!(r.shows("…"), "{}", r.text());
    assert!(r.shows("undated · bina-tarikh.txt"), "{}", r.text());
    r.check_borders("cut title");
}

#[test]
fn a_message_too_long_for_the_status_line_says_where_the_whole_of_it_is() {
    use crate::tui::action::Action;
    let mut r = Driven::open(&crate_path("tests/fixtures/people"), (60, 20)).expect("reader");
    let long = "the cache /a/very/long/path/to/somewhere/library.redb could not be read and was set \
                aside as library.redb.corrupt-20261203";
    r.app.status.message = Some(long.into());
    r.act(Action::Resize(60, 20));
    assert!(r.status().contains("… (E)"), "{}", r.status());
    r.press("E");
    assert!(
        r.shows("corrupt-20261203"),
        "the end is under E: {}",
        r.text()
    );
    r.check_borders("messages under E");
}

#[test]
fn an_articles_web_address_and_tags_are_shown_and_o_opens_only_web_addresses() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lines = [
        serde_json::json!({"title": "पहली ख़बर", "body": "पाठ।", "date": "2026-03-02",
            "url": "https://example.org/khabar/1", "tags": ["राजनीति", "चुनाव"]}),
        serde_json::json!({"title": "दूसरी ख़बर", "body": "पाठ।", "date": "2026-03-01",
            "url": "file:///etc/passwd"}),
    ];
    let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    std::fs::write(dir.path().join("news.jsonl"), text.join("\n")).expect("write");
    let mut r = Driven::open(dir.path(), (100, 30)).expect("reader");
    r.press("Enter");
    assert!(r.shows("tags: राजनीति, चुनाव"), "{}", r.text());
    assert!(r.shows("https://example.org/khabar/1"), "{}", r.text());
    // The test's services have no browser: the effect says so rather than start one.
    r.press("O");
    assert!(r.status().contains("no browser"), "{}", r.status());
    r.press("Tab");
    r.press("Tab");
    r.press("Tab");
    r.press("j");
    r.press("Enter");
    r.press("O");
    assert!(r.status().contains("not a web address"), "{}", r.status());
}

#[test]
fn the_browser_is_the_first_of_browser_else_xdg_open() {
    use crate::tui::effect::browser_from;
    assert_eq!(browser_from(Some("firefox:chromium")), "firefox");
    assert_eq!(browser_from(Some(" : w3m")), "w3m");
    assert_eq!(browser_from(Some("")), "xdg-open");
    assert_eq!(browser_from(None), "xdg-open");
}

#[test]
fn the_list_sorts_by_file_and_filters_by_the_names_of_pages() {
    let mut r = Driven::open(&crate_path("tests/fixtures/people"), (100, 30)).expect("reader");
    // Newest first, then by file (01_sadak is the oldest and the first file).
    assert_eq!(
        r.shown_titles().last().map(String::as_str),
        Some(SADAK_TITLE)
    );
    r.press("S");
    assert_eq!(
        r.shown_titles().first().map(String::as_str),
        Some(SADAK_TITLE)
    );
    r.press("S");
    // Only the articles naming नीतीश कुमार, then those naming him and गडकरी.
    r.press("p");
    r.type_text("नीतीश");
    r.press("Enter");
    r.press("f");
    let with_nitish = r.shown_titles();
    assert!(
        !with_nitish.is_empty() && with_nitish.len() < 3,
        "{with_nitish:?}"
    );
    assert!(r.shows("(1 of 3 · "), "{}", r.text());
    r.press("p");
    r.type_text("गडक");
    r.press("Enter");
    r.press("f");
    let both = r.shown_titles();
    assert!(both.iter().all(|t| with_nitish.contains(t)), "{both:?}");
    assert_eq!(
        crate::tui::update::list::filter_names(&r.app),
        "नीतीश कुमार + नितिन गडकरी"
    );
    r.check_borders("filtered list");
    r.press("F");
    assert_eq!(r.shown_titles().len(), 3);
}

#[test]
fn reopen_last_opens_the_article_read_last_where_it_was_left() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = crate_path("tests/fixtures/people");
    let services = || Services {
        store: Some(StateStore::new(dir.path())),
        export_dir: None,
        ..Default::default()
    };
    // Read the second article of the list down a page, and quit.
    let mut r = Driven::open_with(&folder, (40, 12), services()).expect("reader");
    r.press("j");
    r.press("Enter");
    r.press("Space");
    let title = r.open_title().map(str::to_string).expect("open");
    let at = r.app.reader.as_ref().and_then(|x| x.anchor_of(x.scroll));
    assert!(at.is_some_and(|a| a != (0, 0)), "{at:?}");
    r.press("q");
    // Without the setting, nothing opens; with it, that article at that place.
    let r = Driven::open_with(&folder, (40, 12), services()).expect("reader");
    assert!(r.app.reader.is_none());
    let r = Driven::open_configured(&folder, (40, 12), services(), |app| app.reopen_last = true)
        .expect("reader");
    assert_eq!(r.open_title(), Some(title.as_str()), "{}", r.text());
    assert_eq!(
        r.app.reader.as_ref().and_then(|x| x.anchor_of(x.scroll)),
        at
    );
    assert!(!r.app.reopen_last, "only at start");
}

#[test]
fn f_narrows_the_list_to_a_source_or_dates_and_capital_f_lifts_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut lines = String::new();
    for (i, (source, date)) in [
        ("दैनिक जागरण", "2025-01-10"),
        ("Amar Ujala", "2025-02-11"),
        ("दैनिक जागरण", "2025-03-12"),
        ("Amar Ujala", "2025-05-13"),
    ]
    .iter()
    .enumerate()
    {
        let article = serde_json::json!({
            "title": format!("खबर {}", i + 1),
            "source": source,
            "date": date,
            "body": "नगर निगम ने सड़कों की मरम्मत का काम शुरू किया।",
        });
        lines.push_str(&article.to_string());
        lines.push('\n');
    }
    std::fs::write(dir.path().join("news.jsonl"), lines).expect("write");
    let mut r = Driven::open(dir.path(), (80, 24)).expect("reader");
    r.press("f");
    assert!(r.shows("filter list:"), "{}", r.text());
    r.type_text("jan..mar 2025");
    r.press("Enter");
    assert_eq!(r.shown_titles(), ["खबर 3", "खबर 2", "खबर 1"]);
    assert!(r.shows("(3 of 4)"), "{}", r.text());
    assert!(
        r.shows("the list shows 3 articles (1 Jan 2025–31 Mar 2025; F shows all)"),
        "{}",
        r.text()
    );
    r.check_borders("narrowed by dates");
    // A source on top of the dates, typed in any case.
    r.press("f");
    r.type_text("amar");
    r.press("Enter");
    assert_eq!(r.shown_titles(), ["खबर 2"], "{}", r.text());
    // What is neither a date nor a source says which sources there are.
    r.press("f");
    r.type_text("hindustan");
    r.press("Enter");
    assert!(r.shows("no article is from"), "{}", r.text());
    assert_eq!(r.shown_titles(), ["खबर 2"]);
    r.press("F");
    assert_eq!(r.shown_titles().len(), 4);
    r.press("f");
    r.type_text("जागरण");
    r.press("Enter");
    assert_eq!(r.shown_titles(), ["खबर 3", "खबर 1"]);
    // The file's name, as the list shows it when an article says nothing else.
    r.press("F");
    r.press("f");
    r.type_text("news.json");
    r.press("Enter");
    assert_eq!(r.shown_titles().len(), 4);
    r.press("f");
    r.type_text("2030");
    r.press("Enter");
    assert!(r.shown_titles().is_empty());
    assert!(r.shows("No article passes the"), "{}", r.text());
    r.check_borders("nothing passes");
}
