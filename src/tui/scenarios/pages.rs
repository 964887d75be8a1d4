//! Walks through name pages and the folder timeline: charts, the names a name appears
//! with, a name's own timeline, going to a date, and the reader's aliases (`M`, `D`).

use super::*;

/// A folder of a dozen short articles written for this test, each naming one minister and
/// dating an event, three of them in March 2025.
fn a_year_of_news() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let months = [1, 2, 3, 3, 3, 4, 5, 6, 8, 9, 10, 12];
    let mut lines = String::new();
    for (i, m) in months.iter().enumerate() {
        let day = 3 + i;
        let month = crate::article::dateline::MONTHS_HI[m - 1];
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
        let Some(crate::tui::page::Page::Timeline(p)) = &r.app.pages.page else {
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
            Some(crate::tui::page::Page::Timeline(p)) if p.entity.is_none()
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
        .filter(|i| matches!(i, crate::tui::page::Item::Companion(..)))
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
                crate::tui::page::Item::Companion(e, _) => {
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
    // Its own timeline says the same.
    r.press("T");
    assert!(r.shows("No dated events name it"), "{}", r.text());
    r.check_borders("an empty name timeline");
}

#[test]
fn d_on_the_timeline_goes_to_a_typed_date_or_month() {
    let folder = a_year_of_news();
    let mut r = Driven::open(folder.path(), (100, 30)).expect("reader");
    r.press("T");
    let selected_day = |r: &Driven| {
        let Some(crate::tui::page::Page::Timeline(p)) = &r.app.pages.page else {
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
