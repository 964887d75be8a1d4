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

mod list;
mod pages;
mod search;

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
fn beside_a_page_the_counts_are_never_cut_short() {
    use super::components::{sidebar, status::counted};
    use super::page::Page;
    use ratatui::{buffer::Buffer, layout::Rect};
    let mut r = Driven::open(&crate_path("tests/fixtures/people"), (120, 30)).expect("reader");
    r.press("p");
    r.type_text("गडकरी");
    r.press("Enter");
    let Some(Page::Entity(p)) = &r.app.pages.page else {
        panic!("no page: {}", r.text());
    };
    let e = r
        .app
        .folder
        .as_ref()
        .and_then(|f| f.library.entity(p.entity));
    let e = e.expect("entity");
    let (articles, mentions) = (
        counted(e.occurrences.len(), "article"),
        counted(e.mentions, "mention"),
    );
    // The sidebar as wide as the terminal gives it, and narrower than both counts.
    for width in [26, 18] {
        let area = Rect::new(0, 0, width, 14);
        let mut buf = Buffer::empty(area);
        sidebar::render(&r.app, &mut buf, area);
        let rows: Vec<String> = (0..area.height)
            .map(|y| (0..width).map(|x| buf[(x, y)].symbol()).collect())
            .collect();
        for count in [&articles, &mentions] {
            assert!(
                rows.iter().any(|row| row.contains(count.as_str())),
                "{count} at width {width}:\n{}",
                rows.join("\n")
            );
        }
    }
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
fn a_page_laid_out_again_in_the_last_ones_buffers_has_the_rows_of_a_fresh_one() {
    use super::page::{self, Page};
    let mut r = Driven::open(&crate_path("tests/fixtures/people"), (100, 30)).expect("reader");
    let mut pages = 0;
    for key in [
        "p",
        "ग",
        "ड",
        "Enter",
        "Backspace",
        "Backspace",
        "Backspace",
        "p",
    ] {
        r.press(key);
        let (Some(page), Some(folder)) = (&r.app.pages.page, &r.app.folder) else {
            continue;
        };
        if matches!(page, Page::Timeline(_)) {
            continue;
        }
        pages += 1;
        let (lines, items) = page::lines(folder, page);
        assert_eq!(r.app.pages.rows.lines, lines, "after {key}");
        assert_eq!(r.app.pages.rows.items, items, "after {key}");
    }
    assert!(pages >= 5, "{pages} pages seen");
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
