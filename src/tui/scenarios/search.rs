//! Walks through folder search: paging through every result, copies of one story grouped,
//! answers to searches no longer shown, every size.

use super::*;

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

/// The reader on [`many_reports`] (with a cache of its own), after a folder search for
/// "gadkari"; the folders live as long as what is given back.
fn searched_for_gadkari() -> (Driven, [tempfile::TempDir; 2]) {
    let folder = many_reports();
    let cache = tempfile::tempdir().expect("cache");
    let mut r = Driven::open_cached(folder.path(), (100, 30), cache.path()).expect("reader");
    r.press("s");
    r.type_text("gadkari");
    r.press("Enter");
    (r, [folder, cache])
}

/// The search page's selected item and what it opens.
fn selected_hit(r: &Driven) -> Option<(crate::tui::page::Item, usize)> {
    let Some(crate::tui::page::Page::Search(p)) = &r.app.pages.page else {
        return None;
    };
    let item = *r.app.pages.rows.items.get(p.selected)?;
    Some((item, p.hit_of(item)?.article))
}

#[test]
fn folder_search_pages_through_every_result_and_groups_copies() {
    use crate::tui::components::pages::search_counts;
    use crate::tui::page::{Item, Page};
    let (mut r, _folders) = searched_for_gadkari();
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
    // The three papers score alike, so which one heads the story is the index's choice: the
    // other two are its copies.
    let copies = r.text().matches("↳ copy: ").count();
    assert_eq!(copies, 2, "{}", r.text());
    let papers = ["पहला अखबार", "दूसरा अखबार", "तीसरा अखबार"];
    let listed = papers
        .iter()
        .filter(|p| r.shows(&format!("↳ copy: {p}")))
        .count();
    assert_eq!(listed, 2, "{}", r.text());
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
    use crate::tui::page::Page;
    let (mut r, _folders) = searched_for_gadkari();
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
