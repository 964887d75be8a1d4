//! The reader driven as a user drives it, without a terminal: keys go through the key table
//! into `update`, effects run in line ([`settle`]), and each screen is drawn into ratatui's
//! `TestBackend` and checked (borders whole, text where it belongs) or snapshotted (insta).
//! These run in milliseconds; `tests/e2e_pty.rs` keeps a few of the same walks in a real
//! pseudo-terminal for the terminal's own path (start, resize, widths, mouse, quit).

use std::path::{Path, PathBuf};

use crate::state::StateStore;

use super::action::Action;
use super::effect::{Effect, Services, perform};
use super::harness::Driven;
use super::update::update;

fn crate_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The first words of the title of the article `j`, `Enter` opens in `tests/fixtures/wide`.
const OPENED_TITLE_START: &str = "स्त्रीराष्ट्रीयन्द्र नाम का";

/// Open the folder, j, Enter, Space, G, Tab, Tab, ?, Esc at one size, borders checked after
/// each key and the title after Enter.
fn walk_through(size: (u16, u16)) {
    let mut r = Driven::open(&crate_path("tests/fixtures/wide"), size).expect("reader");
    assert!(r.shows("Articles (4 · 4 unread)"), "{}", r.text());
    r.check_borders("start");
    for key in ["j", "Enter", "Space", "G", "Tab", "Tab", "?", "Esc"] {
        r.press(key);
        match key {
            "Enter" => assert!(
                r.app
                    .reader
                    .as_ref()
                    .is_some_and(|x| x.text.title.starts_with(OPENED_TITLE_START))
            ),
            "?" => assert!(r.shows(" Keys "), "{}", r.text()),
            "Esc" => assert!(!r.shows(" Keys "), "{}", r.text()),
            _ => {}
        }
        r.check_borders(key);
    }
}

#[test]
fn walk_through_every_size() {
    for size in [
        (40, 12),
        (60, 20),
        (80, 24),
        (100, 30),
        (120, 40),
        (150, 45),
        (200, 50),
    ] {
        walk_through(size);
    }
}

const PERSON: &str = "नितिन गडकरी";
const SADAK_TITLE: &str = "नए राजमार्ग का काम शुरू";
const PUL_TITLE: &str = "गंगा पर नए पुल को मंजूरी";

/// From a name in the sidebar to its page, to another of its articles, and back twice.
fn follow_a_person(size: (u16, u16)) {
    let mut r = Driven::open(&crate_path("tests/fixtures/people"), size).expect("reader");
    let title = |r: &Driven| r.app.reader.as_ref().map(|x| x.text.title.clone());
    // The list is newest first: the oldest article, 01_sadak, is third.
    for key in ["j", "j", "Enter"] {
        r.press(key);
        r.check_borders(key);
    }
    assert_eq!(title(&r).as_deref(), Some(SADAK_TITLE));
    r.press("Tab");
    r.press("j");
    assert!(
        r.status().contains(&format!("{PERSON} — mention 1 of")),
        "{}",
        r.text()
    );
    r.press("Enter");
    assert!(r.shows(PERSON), "{}", r.text());
    assert!(r.shows(PUL_TITLE), "{}", r.text());
    r.check_borders("Enter on the person");
    // The page lists the articles newest first: 03_bijli, then 02_pul.
    r.press("j");
    r.press("Enter");
    assert_eq!(title(&r).as_deref(), Some(PUL_TITLE));
    assert!(r.app.pages.page.is_none());
    r.check_borders("Enter on the second article");
    r.press("Backspace");
    assert!(r.app.pages.page.is_some(), "back to the page");
    r.press("Backspace");
    assert!(r.app.pages.page.is_none());
    assert_eq!(title(&r).as_deref(), Some(SADAK_TITLE));
    r.check_borders("Backspace twice");
}

#[test]
fn following_a_person_across_articles_and_back() {
    for size in [(120, 40), (80, 24), (40, 12)] {
        follow_a_person(size);
    }
}

/// The bundled seed, which opens straight into the reader.
fn seed() -> PathBuf {
    crate_path("assets/sample/seed-korea-russia.txt")
}

#[test]
fn hopping_between_people_mentions_and_events() {
    let mut r = Driven::open(&seed(), (140, 40)).expect("reader");
    assert!(r.shows("रूस के सुरक्षा अधिकारी"), "{}", r.text());
    assert!(r.shows("लोग · people"), "{}", r.text());
    r.press("]");
    assert!(r.status().contains("— mention 1 of"), "{}", r.status());
    r.press("Tab");
    r.press("n");
    assert!(r.status().contains("— mention 2 of"), "{}", r.status());
    r.press("Tab");
    r.press("j");
    assert!(r.status().contains("(1 of "), "{}", r.status());
    r.press("Enter");
    r.press("e");
    assert!(r.status().contains("— mention"), "{}", r.status());
    r.check_borders("e");
}

#[test]
fn r_shows_latin_letters_at_the_same_place_and_back() {
    let mut r = Driven::open(&seed(), (100, 30)).expect("reader");
    r.press("Space");
    let before = r.app.reader.as_ref().and_then(|x| x.anchor_of(x.scroll));
    r.press("r");
    assert!(r.shows("rūs kē surakṣā adhikārī"), "{}", r.text());
    r.press("r");
    assert!(r.shows("रूस के सुरक्षा अधिकारी"), "{}", r.text());
    // The text that was at the top is still at the top (rows of the other script start
    // elsewhere, so within a few rows).
    let reader = r.app.reader.as_ref().expect("open");
    let (block, offset) = before.expect("scrolled");
    let row = reader.row_of(block, offset).expect("row");
    assert!(
        (reader.scroll..reader.scroll + 3).contains(&row),
        "{row} vs {}",
        reader.scroll
    );
}

#[test]
fn the_directory_filters_and_opens_a_page() {
    let mut r = Driven::open(&crate_path("tests/fixtures/people"), (100, 30)).expect("reader");
    r.press("p");
    assert!(r.shows(PERSON), "{}", r.text());
    r.type_text("गडकरी");
    r.press("Enter");
    assert!(
        matches!(r.app.pages.page, Some(super::page::Page::Entity(_))),
        "{}",
        r.text()
    );
    r.check_borders("Enter in the directory");
}

#[test]
fn quitting_saves_where_the_reader_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let services = Services {
        store: Some(StateStore::new(dir.path())),
        export_dir: None,
        ..Default::default()
    };
    let mut r = Driven::open_with(&seed(), (80, 24), services).expect("reader");
    r.press("Space");
    r.press("Space");
    let at = r.app.reader.as_ref().and_then(|x| x.anchor_of(x.scroll));
    r.press("q");
    assert!(r.app.quit);
    let (saved, _) = StateStore::new(dir.path()).load();
    let key = r.app.reader.as_ref().map(|x| x.text.key()).expect("open");
    let state = saved.articles.get(&key).copied().expect("saved");
    assert!(state.read);
    assert_eq!(Some((state.block, state.offset)), at);
}

#[test]
fn an_answer_to_an_earlier_open_does_not_replace_a_later_one() {
    let mut r = Driven::open(&crate_path("tests/fixtures/people"), (100, 30)).expect("reader");
    // Ask for two articles without doing the effects, then answer them in reverse.
    let (older, newer) = (r.app.order[2], r.app.order[1]);
    let first = update(
        &mut r.app,
        Action::OpenArticleAt {
            article: older,
            jump: super::action::Jump::Event { start: 0 },
        },
    );
    let second = update(
        &mut r.app,
        Action::OpenArticleAt {
            article: newer,
            jump: super::action::Jump::Event { start: 0 },
        },
    );
    let reads = |effects: Vec<Effect>, services: &Services| -> Vec<Action> {
        effects
            .into_iter()
            .filter(|e| matches!(e, Effect::ReadArticle(_)))
            .filter_map(|e| perform(services, e))
            .collect()
    };
    for action in reads(second, &r.services)
        .into_iter()
        .chain(reads(first, &r.services))
    {
        r.act(action);
    }
    let shown = r.app.reader.as_ref().map(|x| x.article);
    assert_eq!(shown, Some(newer));
}

#[test]
fn opening_an_article_does_no_io_in_update() {
    let mut r = Driven::open(&crate_path("tests/fixtures/people"), (100, 30)).expect("reader");
    let effects = update(&mut r.app, Action::OpenSelected);
    // Nothing is open yet: the file is read by the effects thread.
    assert!(r.app.reader.is_none());
    assert!(matches!(effects.as_slice(), [Effect::ReadArticle(_)]));
}

#[test]
fn screens_of_the_seed() {
    let mut r = Driven::open(&seed(), (100, 30)).expect("reader");
    insta::assert_snapshot!("seed_open_100x30", r.text());
    r.press("]");
    r.press("Tab");
    r.press("Tab");
    insta::assert_snapshot!("seed_person_selected_100x30", r.text());
    r.press("?");
    insta::assert_snapshot!("seed_help_100x30", r.text());
}

#[test]
fn warnings_at_start_are_all_said_and_kept_under_e() {
    let mut reader = Driven::open(&seed(), (100, 30)).expect("reader");
    reader.act(Action::Warning("the state file was set aside".into()));
    reader.act(Action::Warning("the cache was set aside".into()));
    let status = reader.status();
    assert!(status.contains("state file was set aside"), "{status}");
    assert!(status.contains("cache was set aside"), "{status}");
    // A key moves the status line on; E still lists both.
    reader.press("j");
    assert!(!reader.status().contains("set aside"));
    reader.press("E");
    assert!(reader.shows("warning: the state file was set aside"));
    assert!(reader.shows("warning: the cache was set aside"));
    reader.check_borders("E with warnings");
}

#[test]
fn stepping_past_the_last_match_says_the_search_wrapped() {
    let mut r = Driven::open(&crate_path("tests/fixtures/people"), (100, 30)).expect("reader");
    for key in ["j", "j", "Enter", "/"] {
        r.press(key);
    }
    r.type_text("गडकरी");
    r.press("Enter");
    let status = r.status();
    let total: usize = status
        .split(" of ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no match count in {status:?}"));
    assert!(status.contains("match 1 of"), "{status}");
    assert!(!status.contains("wrapped"), "{status}");
    for _ in 1..total {
        r.press("n");
        assert!(!r.status().contains("wrapped"), "{}", r.status());
    }
    r.press("n");
    assert!(
        r.status().contains("match 1 of") && r.status().contains("search wrapped to the top"),
        "{}",
        r.status()
    );
    r.press("N");
    assert!(
        r.status().contains("search wrapped to the bottom"),
        "{}",
        r.status()
    );
}

#[test]
fn the_help_says_there_is_more_below_and_takes_g_and_capital_g() {
    use super::components::overlay::Overlay;
    let mut r = Driven::open(&crate_path("tests/fixtures/people"), (80, 24)).expect("reader");
    r.press("?");
    assert!(r.shows("↓ more"), "{}", r.text());
    r.press("G");
    assert!(
        matches!(r.app.overlay, Some(Overlay::Help { scroll }) if scroll > 0),
        "{:?}",
        r.app.overlay
    );
    assert!(!r.shows("↓ more"), "{}", r.text());
    r.check_borders("G in the help");
    r.press("g");
    assert_eq!(r.app.overlay, Some(Overlay::Help { scroll: 0 }));
    r.press("End");
    assert!(!r.shows("↓ more"), "{}", r.text());
    r.press("Home");
    assert!(r.shows("↓ more"), "{}", r.text());
}

#[test]
fn back_in_the_directory_goes_through_the_history_and_letters_filter_again() {
    use super::page::Page;
    let mut r = Driven::open(&crate_path("tests/fixtures/people"), (100, 30)).expect("reader");
    let directory = |r: &Driven| match &r.app.pages.page {
        Some(Page::Directory(d)) => Some((d.filter.clone(), d.typing)),
        _ => None,
    };
    for key in ["Enter", "p"] {
        r.press(key);
    }
    r.type_text("गडक");
    assert_eq!(directory(&r), Some(("गडक".into(), true)));
    r.press("Enter");
    assert!(matches!(r.app.pages.page, Some(Page::Entity(_))));
    r.press("Enter");
    assert_eq!(r.app.pages.page, None, "an article of the name is open");
    r.press("Backspace");
    assert!(matches!(r.app.pages.page, Some(Page::Entity(_))));
    r.press("Backspace");
    assert_eq!(
        directory(&r),
        Some(("गडक".into(), false)),
        "back in the directory, its filter kept and not typed into"
    );
    r.check_borders("directory by history");
    // Backspace goes on back (it deletes no letter), L forward again.
    r.press("Backspace");
    assert_eq!(r.app.pages.page, None, "{}", r.text());
    r.press("L");
    assert_eq!(directory(&r), Some(("गडक".into(), false)));
    r.press("L");
    assert!(
        matches!(r.app.pages.page, Some(Page::Entity(_))),
        "{}",
        r.text()
    );
    r.press("Backspace");
    // A letter no key uses types into the filter again.
    r.type_text("र");
    assert_eq!(directory(&r), Some(("गडकर".into(), true)));
    r.press("Backspace");
    assert_eq!(directory(&r), Some(("गडक".into(), true)));
}

#[test]
fn the_list_follows_an_article_opened_from_a_name_page() {
    let mut r = Driven::open(&crate_path("tests/fixtures/people"), (100, 30)).expect("reader");
    let listed = |r: &Driven| r.app.selected_article();
    let open = |r: &Driven| r.app.reader.as_ref().map(|x| x.article);
    // The newest article, then the directory, a name and the name's other article.
    r.press("Enter");
    let first = open(&r);
    r.press("p");
    r.type_text("गडक");
    r.press("Enter");
    for key in ["j", "Enter"] {
        r.press(key);
    }
    let second = open(&r);
    assert_ne!(second, first, "{}", r.text());
    assert_eq!(listed(&r), second, "the list selects the article opened");
    // Tab to the list and Enter reopens the same article, not the one before.
    r.press("Tab");
    r.press("Tab");
    r.press("Tab");
    r.press("Enter");
    assert_eq!(open(&r), second);
}

#[test]
fn beside_a_name_page_the_sidebar_tells_about_the_name() {
    let mut r = Driven::open(&crate_path("tests/fixtures/people"), (160, 40)).expect("reader");
    r.press("Enter");
    r.press("p");
    r.type_text("गडक");
    r.press("Enter");
    assert!(r.shows(" Name "), "{}", r.text());
    assert!(r.shows("व्यक्ति · person"), "{}", r.text());
    assert!(r.shows(" Also written ("), "{}", r.text());
    assert!(!r.shows(" Entities ("), "{}", r.text());
    r.check_borders("sidebar beside a name page");
    // Tab goes between the list and the page.
    r.press("Tab");
    assert_eq!(r.app.focus, super::action::Focus::List);
    r.press("Tab");
    assert_eq!(r.app.focus, super::action::Focus::Reader);
}

#[test]
fn the_directory_filters_by_latin_letters_plain_or_iso() {
    for typed in ["gadkari", "GADKARI", "gaḍkarī", "nitin gad"] {
        let mut r = Driven::open(&crate_path("tests/fixtures/people"), (100, 30)).expect("reader");
        r.press("p");
        r.type_text(typed);
        assert!(r.shows(PERSON), "{typed}: {}", r.text());
        assert!(!r.shows("नीतीश कुमार"), "{typed}: {}", r.text());
        r.press("Enter");
        assert!(
            matches!(r.app.pages.page, Some(super::page::Page::Entity(_))),
            "{typed}: {}",
            r.text()
        );
    }
    let mut r = Driven::open(&crate_path("tests/fixtures/people"), (100, 30)).expect("reader");
    r.press("p");
    r.type_text("nitish");
    assert!(r.shows("नीतीश कुमार"), "{}", r.text());
    assert!(!r.shows(PERSON), "{}", r.text());
}

#[test]
fn unread_articles_are_counted_opened_in_turn_and_marked_by_hand() {
    let mut r = Driven::open(&crate_path("tests/fixtures/people"), (100, 30)).expect("reader");
    assert!(r.shows("Articles (3 · 3 unread)"), "{}", r.text());
    r.press("Enter");
    let first = r.app.reader.as_ref().map(|x| x.article);
    assert!(r.shows("Articles (3 · 2 unread)"), "{}", r.text());
    // u opens the next unread article, and the list follows.
    r.press("u");
    let second = r.app.reader.as_ref().map(|x| x.article);
    assert_ne!(first, second);
    assert_eq!(r.app.selected_article(), second);
    r.press("u");
    assert!(r.shows("Articles (3)"), "all read: {}", r.text());
    r.press("u");
    assert!(r.status().contains("no unread articles"), "{}", r.status());
    // m from the reader marks the open article unread again; from the list, the selected.
    r.press("m");
    assert!(r.shows("Articles (3 · 1 unread)"), "{}", r.text());
    assert!(r.status().contains("unread:"), "{}", r.status());
    r.press("Tab");
    r.press("Tab");
    r.press("Tab");
    r.press("g");
    r.press("m");
    assert!(r.shows("Articles (3 · 2 unread)"), "{}", r.text());
    r.check_borders("after m");
}

/// A folder of a dozen short articles written for this test, each naming one minister and
/// dating an event, three of them in March 2025.
fn a_year_of_news() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    const NAMES: [&str; 12] = [
        "जनवरी",
        "फरवरी",
        "मार्च",
        "अप्रैल",
        "मई",
        "जून",
        "जुलाई",
        "अगस्त",
        "सितंबर",
        "अक्टूबर",
        "नवंबर",
        "दिसंबर",
    ];
    let months = [1, 2, 3, 3, 3, 4, 5, 6, 8, 9, 10, 12];
    let mut lines = String::new();
    for (i, m) in months.iter().enumerate() {
        let day = 3 + i;
        let month = NAMES[m - 1];
        let article = serde_json::json!({
            "title": format!("सड़क परियोजना पर बैठक {}", i + 1),
            "date": format!("2025-{m:02}-{day:02}"),
            "body": format!(
                "केंद्रीय मंत्री नितिन गडकरी ने {day} {month} 2025 को दिल्ली में सड़क \
                 परियोजनाओं की समीक्षा की। गडकरी ने कहा कि काम 1 जनवरी 2026 तक पूरा होगा।"
            ),
        });
        lines.push_str(&article.to_string());
        lines.push('\n');
    }
    std::fs::write(dir.path().join("news.jsonl"), lines).expect("write");
    dir
}

#[test]
fn a_name_page_and_the_folder_timeline_chart_when_things_happened() {
    let folder = a_year_of_news();
    for size in [(40, 12), (80, 24), (120, 40), (200, 50)] {
        let mut r = Driven::open(folder.path(), size).expect("reader");
        r.press("p");
        r.type_text("गडक");
        r.press("Enter");
        let Some(chart) = r.app.pages.rows.chart.as_ref() else {
            panic!("no chart: {}", r.text());
        };
        assert_eq!(
            chart.counts.iter().sum::<u64>(),
            12,
            "twelve dated articles"
        );
        if size.1 >= 24 {
            let busiest = "▲ busiest: Mar 2025 — 3 articles (per month)";
            assert!(r.shows(busiest), "{}", r.text());
            assert!(r.text().contains('█'), "{}", r.text());
        }
        r.check_borders("name page chart");
        if std::env::var_os("KHABAR_SHOW").is_some() {
            eprintln!("{}", r.text());
        }
        // T on the name's page: its dated events alone, the article's own date and the
        // deadline each article gives (1 जनवरी 2026), no chart.
        r.press("T");
        let Some(super::page::Page::Timeline(p)) = &r.app.pages.page else {
            panic!("no timeline: {}", r.text());
        };
        assert!(p.entity.is_some());
        let folder = r.app.folder.as_ref().expect("folder");
        let own = folder.timeline_events(p.entity).len();
        assert!(own >= 12 && own < folder.dated.len() + 1, "{own}");
        if size.1 >= 24 {
            assert!(r.shows("Timeline of"), "{}", r.text());
            assert!(!r.shows("▲ busiest:"), "{}", r.text());
        }
        r.check_borders("name's timeline");
        r.press("g");
        r.press("Enter");
        assert!(
            r.app.reader.is_some() && r.app.pages.page.is_none(),
            "{}",
            r.text()
        );
        // Back to the name's page, and T twice: the whole folder's timeline.
        r.press("p");
        r.type_text("गडक");
        r.press("Enter");
        r.press("T");
        r.press("T");
        r.press("g");
        assert!(matches!(
            &r.app.pages.page,
            Some(super::page::Page::Timeline(p)) if p.entity.is_none()
        ));
        assert!(
            r.app
                .folder
                .as_ref()
                .is_some_and(|f| f.dated_chart.is_some())
        );
        if size.1 >= 24 {
            assert!(r.shows("▲ busiest:"), "{}", r.text());
        }
        r.check_borders("folder timeline chart");
        if std::env::var_os("KHABAR_SHOW").is_some() {
            eprintln!("{}", r.text());
        }
        r.press("g");
        r.press("Enter");
        assert!(
            r.app.reader.is_some() && r.app.pages.page.is_none(),
            "{}",
            r.text()
        );
    }
}

#[test]
fn a_name_page_lists_every_name_it_appears_with_people_first() {
    let mut r = Driven::open(&crate_path("tests/fixtures/people"), (100, 40)).expect("reader");
    r.press("p");
    r.type_text("गडक");
    r.press("Enter");
    let rows = &r.app.pages.rows;
    let companions = rows
        .items
        .iter()
        .filter(|i| matches!(i, super::page::Item::Companion(..)))
        .count();
    assert!(
        r.shows(&format!("appears with ({companions}) (K: one kind)")),
        "{}",
        r.text()
    );
    // People come before places, under their own headings.
    let text = r.text();
    let people = text.find("लोग · people").expect("people heading");
    let places = text.find("स्थान · places").expect("places heading");
    assert!(people < places && text.find("नीतीश कुमार").is_some_and(|p| p < places));
    // K: one kind at a time, with its own count; round to all again.
    let of_kind = |r: &Driven, kind: crate::extract::Kind| {
        let folder = r.app.folder.as_ref().expect("folder");
        r.app
            .pages
            .rows
            .items
            .iter()
            .filter(|i| match i {
                super::page::Item::Companion(e, _) => {
                    folder.library.entity(*e).map(|e| e.kind) == Some(kind)
                }
                _ => false,
            })
            .count()
    };
    let all = (
        of_kind(&r, crate::extract::Kind::Person),
        of_kind(&r, crate::extract::Kind::Place),
    );
    r.press("K");
    assert!(
        r.shows(&format!("appears with · people ({}) (K: places)", all.0)),
        "{}",
        r.text()
    );
    assert_eq!(of_kind(&r, crate::extract::Kind::Place), 0);
    r.check_borders("people only");
    r.press("K");
    assert!(
        r.shows(&format!("appears with · places ({})", all.1)),
        "{}",
        r.text()
    );
    assert_eq!(of_kind(&r, crate::extract::Kind::Person), 0);
    r.press("K");
    r.press("K");
    assert!(
        r.shows(&format!("appears with ({companions}) (K: one kind)")),
        "{}",
        r.text()
    );
}

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
    use super::action::Action;
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
    use super::effect::browser_from;
    assert_eq!(browser_from(Some("firefox:chromium")), "firefox");
    assert_eq!(browser_from(Some(" : w3m")), "w3m");
    assert_eq!(browser_from(Some("")), "xdg-open");
    assert_eq!(browser_from(None), "xdg-open");
}

#[test]
fn the_list_sorts_by_file_and_filters_by_the_names_of_pages() {
    let mut r = Driven::open(&crate_path("tests/fixtures/people"), (100, 30)).expect("reader");
    let titles = |r: &Driven| -> Vec<String> {
        r.app
            .list
            .shown
            .iter()
            .map(|&id| r.app.articles[id].title.clone())
            .collect()
    };
    // Newest first, then by file (01_sadak is the oldest and the first file).
    assert_eq!(titles(&r).last().map(String::as_str), Some(SADAK_TITLE));
    r.press("S");
    assert_eq!(titles(&r).first().map(String::as_str), Some(SADAK_TITLE));
    r.press("S");
    // Only the articles naming नीतीश कुमार, then those naming him and गडकरी.
    r.press("p");
    r.type_text("नीतीश");
    r.press("Enter");
    r.press("f");
    let with_nitish = titles(&r);
    assert!(
        !with_nitish.is_empty() && with_nitish.len() < 3,
        "{with_nitish:?}"
    );
    assert!(r.shows("(1 of 3 · "), "{}", r.text());
    r.press("p");
    r.type_text("गडक");
    r.press("Enter");
    r.press("f");
    let both = titles(&r);
    assert!(both.iter().all(|t| with_nitish.contains(t)), "{both:?}");
    assert_eq!(
        super::update::list::filter_names(&r.app),
        "नीतीश कुमार + नितिन गडकरी"
    );
    r.check_borders("filtered list");
    r.press("F");
    assert_eq!(titles(&r).len(), 3);
}

#[test]
fn a_name_page_says_why_undated_articles_give_it_no_timeline() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (file, title) in [("ek.txt", "सड़क पर बैठक"), ("do.txt", "पुल पर बैठक")]
    {
        let text = format!(
            "{title}\n\nकेंद्रीय मंत्री नितिन गडकरी ने गुरुवार को नागपुर में बैठक की। गडकरी ने \
             कहा कि काम अगले महीने शुरू होगा।\n"
        );
        std::fs::write(dir.path().join(file), text).expect("write");
    }
    let mut r = Driven::open(dir.path(), (100, 40)).expect("reader");
    r.press("p");
    r.type_text("गडक");
    r.press("Enter");
    assert!(r.shows("its articles are undated"), "{}", r.text());
    assert!(r.shows("undated"), "{}", r.text());
}

#[test]
fn d_on_the_timeline_goes_to_a_typed_date_or_month() {
    let folder = a_year_of_news();
    let mut r = Driven::open(folder.path(), (100, 30)).expect("reader");
    r.press("T");
    let selected_day = |r: &Driven| {
        let Some(super::page::Page::Timeline(p)) = &r.app.pages.page else {
            panic!("no timeline: {}", r.text());
        };
        let folder = r.app.folder.as_ref().expect("folder");
        let id = folder.timeline_events(p.entity)[p.selected];
        let lib = &folder.library;
        lib.calendar_start(lib.event(id).expect("event"))
            .map(|(y, m, d, _)| (y, m, d))
    };
    // The articles' meetings: 3 Jan, 4 Feb, 5–7 Mar, 8 Apr … 2025.
    r.press("d");
    assert!(r.shows("go to date:"), "{}", r.text());
    r.type_text("march 2025");
    r.press("Enter");
    assert_eq!(selected_day(&r), Some((2025, 3, 5)), "{}", r.text());
    assert!(
        r.shows("the first event from 1 Mar 2025: 5 Mar 2025"),
        "{}",
        r.text()
    );
    r.check_borders("after going to a month");
    // Hindi, a day the timeline has.
    r.press("d");
    r.type_text("8 अप्रैल 2025");
    r.press("Enter");
    assert_eq!(selected_day(&r), Some((2025, 4, 8)), "{}", r.text());
    // A month without a year is read in the selected event's year.
    r.press("d");
    r.type_text("feb");
    r.press("Enter");
    assert_eq!(selected_day(&r), Some((2025, 2, 4)), "{}", r.text());
    // Nonsense is said to be no date, and the selection stays.
    r.press("d");
    r.type_text("gadkari");
    r.press("Enter");
    assert!(r.shows("is not a date"), "{}", r.text());
    assert_eq!(selected_day(&r), Some((2025, 2, 4)));
    // Past the last event: the latest.
    r.press("d");
    r.type_text("2030");
    r.press("Enter");
    assert_eq!(selected_day(&r), Some((2026, 1, 1)), "{}", r.text());
    // Off the timeline, d says where it works.
    r.press("p");
    r.type_text("गडक");
    r.press("Enter");
    r.press("d");
    assert!(r.shows("d goes to a date on the timeline"), "{}", r.text());
    assert!(r.app.status.search.is_none());
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
    let titles = |r: &Driven| -> Vec<String> {
        r.app
            .list
            .shown
            .iter()
            .map(|&id| r.app.articles[id].title.clone())
            .collect()
    };
    r.press("f");
    assert!(r.shows("filter list:"), "{}", r.text());
    r.type_text("jan..mar 2025");
    r.press("Enter");
    assert_eq!(titles(&r), ["खबर 3", "खबर 2", "खबर 1"]);
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
    assert_eq!(titles(&r), ["खबर 2"], "{}", r.text());
    // What is neither a date nor a source says which sources there are.
    r.press("f");
    r.type_text("hindustan");
    r.press("Enter");
    assert!(r.shows("no article is from"), "{}", r.text());
    assert_eq!(titles(&r), ["खबर 2"]);
    r.press("F");
    assert_eq!(titles(&r).len(), 4);
    r.press("f");
    r.type_text("जागरण");
    r.press("Enter");
    assert_eq!(titles(&r), ["खबर 3", "खबर 1"]);
    // The file's name, as the list shows it when an article says nothing else.
    r.press("F");
    r.press("f");
    r.type_text("news.json");
    r.press("Enter");
    assert_eq!(titles(&r).len(), 4);
    r.press("f");
    r.type_text("2030");
    r.press("Enter");
    assert!(titles(&r).is_empty());
    assert!(r.shows("No article passes the"), "{}", r.text());
    r.check_borders("nothing passes");
}

#[test]
fn m_and_d_on_a_name_page_write_the_readers_aliases() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("khabar").join("aliases.toml");
    let mut r = Driven::open(&crate_path("tests/fixtures/people"), (120, 30)).expect("reader");
    r.app.aliases_path = Some(path.clone());
    r.press("p");
    r.type_text("गडक");
    r.press("Enter");
    r.press("M");
    assert!(r.shows("the same as"), "{}", r.text());
    r.type_text("कोई नहीं");
    r.press("Enter");
    assert!(
        r.shows("no person “कोई नहीं” in this folder"),
        "{}",
        r.text()
    );
    assert!(!path.exists());
    r.press("M");
    r.type_text("नीतीश कुमार");
    r.press("Enter");
    assert!(r.shows("written to"), "{}", r.text());
    let text = std::fs::read_to_string(&path).expect("written");
    assert!(text.contains("[[same]]"), "{text}");
    assert!(
        text.contains("नीतीश कुमार") && text.contains("नितिन गडकरी"),
        "{text}"
    );
    // D takes a form joined to the name, or a name of the folder.
    r.press("D");
    r.type_text("गडकरी");
    r.press("Enter");
    let text = std::fs::read_to_string(&path).expect("written");
    assert!(
        text.contains("[[different]]\nname = \"गडकरी\"\nis_not = \"नितिन गडकरी\""),
        "{text}"
    );
    let (rules, problem) = crate::library::aliases::AliasRules::load(&path);
    assert_eq!(
        (rules.same.len(), rules.different.len(), problem),
        (1, 1, None)
    );
    r.check_borders("after writing aliases");
}

/// A folder of 123 short reports written for this test that all name गडकरी: 120 different
/// ones, and one story run three times (by two papers, one with other punctuation), which
/// names him in its title and so ranks first.
fn many_reports() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut lines = String::new();
    for i in 0..120 {
        let article = serde_json::json!({
            "title": format!("सड़क परियोजना की समीक्षा {}", i + 1),
            "date": format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
            "body": format!(
                "केंद्रीय मंत्री गडकरी ने {} सड़क परियोजनाओं की समीक्षा की। काम समय पर पूरा होगा।",
                i + 2
            ),
        });
        lines.push_str(&article.to_string());
        lines.push('\n');
    }
    for (source, title, body) in [
        (
            "पहला अखबार",
            "गडकरी ने गंगा पुल का उद्घाटन किया",
            "मंत्री गडकरी ने आज गंगा पर बने नए पुल का उद्घाटन किया। गडकरी ने कहा कि यात्रा छोटी होगी।",
        ),
        (
            "दूसरा अखबार",
            "गडकरी ने गंगा पुल का उद्घाटन किया",
            "मंत्री गडकरी ने आज गंगा पर बने नए पुल का उद्घाटन किया। गडकरी ने कहा कि यात्रा छोटी होगी।",
        ),
        (
            "तीसरा अखबार",
            "गडकरी ने गंगा पुल का उद्घाटन किया!",
            "मंत्री  गडकरी ने आज, गंगा पर बने नए पुल का उद्घाटन किया। गडकरी ने कहा कि सफर छोटा होगा।",
        ),
    ] {
        let article = serde_json::json!({
            "title": title, "date": "2025-06-01", "source": source, "body": body,
        });
        lines.push_str(&article.to_string());
        lines.push('\n');
    }
    std::fs::write(dir.path().join("reports.jsonl"), lines).expect("write");
    dir
}

/// The search page's selected item and what it opens.
fn selected_hit(r: &Driven) -> Option<(super::page::Item, usize)> {
    let Some(super::page::Page::Search(p)) = &r.app.pages.page else {
        return None;
    };
    let item = *r.app.pages.rows.items.get(p.selected)?;
    Some((item, p.hit_of(item)?.article))
}

#[test]
fn folder_search_pages_through_every_result_and_groups_copies() {
    use super::components::pages::search_counts;
    use super::page::{Item, Page};
    let folder = many_reports();
    let cache = tempfile::tempdir().expect("cache");
    let mut r = Driven::open_cached(folder.path(), (100, 30), cache.path()).expect("reader");
    r.press("s");
    r.type_text("gadkari");
    r.press("Enter");
    let page = |r: &Driven| match &r.app.pages.page {
        Some(Page::Search(p)) => p.clone(),
        other => panic!("not the search page: {other:?}"),
    };
    // The first 50 results: the story and its two copies as one row, then 47 reports.
    let p = page(&r);
    assert_eq!((p.hits.len(), p.total, p.groups.len()), (50, 123, 48));
    assert!(r.shows("Search (123)"), "{}", r.text());
    assert!(r.shows("50 of 123 articles · 48 stories"), "{}", r.text());
    assert!(r.shows("+2 copies"), "{}", r.text());
    assert!(r.shows(" 1 of 48 loaded "), "{}", r.text());
    r.check_borders("first page");
    // c lists the copies under the story; Enter on one opens that copy.
    r.press("c");
    assert!(r.shows("↳ copy: दूसरा अखबार"), "{}", r.text());
    let story = selected_hit(&r).expect("selected");
    assert_eq!(story.0, Item::Hit(0));
    r.press("j");
    let copy = selected_hit(&r).expect("selected");
    assert_eq!(copy.0, Item::Copy(0, 1));
    assert_ne!(copy.1, story.1, "a copy is another article");
    r.press("Enter");
    assert_eq!(r.app.reader.as_ref().map(|x| x.article), Some(copy.1));
    r.press("Backspace");
    // c on a copy folds the copies back under the story.
    r.press("c");
    assert_eq!(selected_hit(&r).map(|s| s.0), Some(Item::Hit(0)));
    assert!(!r.shows("↳ copy:"), "{}", r.text());
    // Moving down to within a screen of the end loads the next 50, and so on to the last.
    for _ in 0..25 {
        r.press("j");
    }
    let p = page(&r);
    assert_eq!((p.hits.len(), p.groups.len()), (100, 98));
    assert_eq!(search_counts(&p), "100 of 123 articles · 98 stories");
    assert!(r.shows(" 26 of 98 loaded "), "{}", r.text());
    r.press("G");
    r.press("G");
    let p = page(&r);
    assert_eq!((p.hits.len(), p.groups.len(), p.total), (123, 121, 123));
    assert!(r.shows(" 121 of 121 "), "{}", r.text());
    r.check_borders("all loaded");
    r.press("g");
    assert!(r.shows("123 articles · 121 stories"), "{}", r.text());
    assert!(!r.shows("of 123 articles"), "{}", r.text());
    // Every article is on the page once.
    let mut articles: Vec<usize> = p.hits.iter().map(|h| h.article).collect();
    articles.sort_unstable();
    articles.dedup();
    assert_eq!(articles.len(), 123);
}

#[test]
fn an_answer_for_a_search_no_longer_shown_is_dropped() {
    use super::page::Page;
    let folder = many_reports();
    let cache = tempfile::tempdir().expect("cache");
    let mut r = Driven::open_cached(folder.path(), (100, 30), cache.path()).expect("reader");
    r.press("s");
    r.type_text("gadkari");
    r.press("Enter");
    // A later page of the first search, arriving after a second search opened.
    r.press("s");
    r.type_text("गंगा");
    r.press("Enter");
    let stale = Action::FolderSearched {
        search: 1,
        query: "gadkari".into(),
        start: 50,
        result: Ok(crate::library::search::Found::default()),
    };
    update(&mut r.app, stale);
    match &r.app.pages.page {
        Some(Page::Search(p)) => {
            assert_eq!(p.query, "गंगा");
            assert_eq!((p.hits.len(), p.groups.len()), (3, 1));
            assert!(r.shows("3 articles · 1 story"), "{}", r.text());
        }
        other => panic!("not the search page: {other:?}"),
    }
}

#[test]
fn the_search_page_fits_every_size() {
    let folder = many_reports();
    let cache = tempfile::tempdir().expect("cache");
    for size in [(40, 12), (80, 24), (120, 40), (200, 50)] {
        let mut r = Driven::open_cached(folder.path(), size, cache.path()).expect("reader");
        r.press("s");
        r.type_text("gadkari");
        r.press("Enter");
        r.check_borders("search page");
        assert!(r.shows("of 123 articles"), "{size:?}\n{}", r.text());
        for key in ["c", "j", "PageDown", "G"] {
            r.press(key);
            r.check_borders(key);
        }
    }
}
