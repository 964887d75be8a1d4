//! Hardening, part 1: property tests over everything that takes text from files.
//!
//! - the loader never panics on any bytes, whatever the extension, and what it keeps never
//!   holds an escape or a control character other than newline (tab becomes a space);
//! - the cleaner removes every ESC and C0/C1 control from any string, escape sequences,
//!   BOMs, CR and NUL included;
//! - the wrapper never gives a line wider than asked (widths 1 to 200, columns counted by
//!   code point or by cluster, as any terminal advances) on Devanagari mixed
//!   with emoji, combining marks and ZWJ sequences;
//! - the extractor never panics, and every mention and timeline entry it reports is a slice
//!   of the body on char boundaries whose text is what it says.
//!
//! Case counts stay modest so the suite stays fast.

use khabar::article::clean::{clean_line, clean_text};
use khabar::article::{Article, load_file};
use khabar::extract::Extractor;
use khabar::text::width::{Advance, set_advance};
use khabar::text::{Layout, Row, str_width, wrap};
use proptest::prelude::*;
use unicode_width::UnicodeWidthChar;

/// Anything a file could hold that a reader's terminal would act on, or that trips naive
/// text handling: escape sequences whole and cut short, C0/C1 controls, BOMs, CR, NUL,
/// bidi overrides, combining marks on nothing.
fn nasty_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "\u{1b}]52;c;cHduZWQ=\u{7}",  // OSC 52: set the clipboard
            "\u{1b}]52;c;cHduZWQ=\u{1b}\\",
            "\u{1b}]2;PWNED\u{7}",       // OSC 2: window title
            "\u{1b}]0;PWNED\u{1b}\\",
            "\u{1b}[2J", "\u{1b}[H", "\u{1b}[31;1m", "\u{1b}[?1049h", "\u{1b}[6n",
            "\u{1b}P+q544e\u{1b}\\",     // DCS
            "\u{1b}(B", "\u{1b}c", "\u{1b}", "\u{1b}[", "\u{1b}]", "\u{1b}]2;", "\u{1b}[12",
            "\u{9b}2J", "\u{9d}2;x\u{9c}", "\u{90}q\u{9c}", "\u{9c}", "\u{85}",
        ]).prop_map(str::to_string),
        3 => prop::sample::select(vec![
            "\u{feff}", "\r", "\r\n", "\n", "\t", "\0", "\u{7}", "\u{8}", "\u{7f}", "\u{b}",
            "\u{c}", "\u{202e}", "\u{2066}", "\u{200b}", "\u{200d}", "\u{200c}", "\u{ad}",
            "\u{fffe}", "\u{2028}", "\u{a0}",
        ]).prop_map(str::to_string),
        6 => prop::sample::select(vec![
            "नई दिल्ली", "प्रधानमंत्री नरेंद्र मोदी ने", "सोमवार को", "21 मार्च 2025",
            "स्त्री", "क्ष", "।", " ", "  ", "\n\n", "भारत", "संयुक्त राष्ट्र",
            "{", "}", "[", "]", "\"title\":", "\"body\":", ",", "\\u001b", "\\u009b",
        ]).prop_map(str::to_string),
        3 => any::<char>().prop_map(String::from),
        1 => "[\u{0}-\u{ff}]{1,8}",
    ]
}

fn nasty_text() -> impl Strategy<Value = String> {
    prop::collection::vec(nasty_piece(), 0..60).prop_map(|v| v.concat())
}

/// A character the terminal would act on: ESC and every C0/C1 control except newline.
fn is_forbidden(c: char) -> bool {
    c != '\n' && c.is_control()
}

fn assert_clean(what: &str, s: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        !s.chars().any(is_forbidden),
        "{what} keeps a control character: {s:?}"
    );
    Ok(())
}

/// Every piece of text a loaded article shows.
fn shown_texts(a: &Article) -> Vec<&str> {
    let mut out = vec![a.title.as_str()];
    out.extend(a.paragraphs.iter().map(String::as_str));
    out.extend(a.tags.iter().map(String::as_str));
    out.extend(a.warnings.iter().map(String::as_str));
    for field in [&a.source, &a.url, &a.place, &a.agency_code] {
        out.extend(field.as_deref());
    }
    if let Some(d) = &a.dateline {
        out.extend(d.place.as_deref());
        out.extend(d.agency.as_deref());
    }
    out
}

fn load_bytes(ext: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(format!("article.{ext}"));
    std::fs::write(&path, bytes).expect("write");
    let outcome = load_file(&path);
    for article in &outcome.articles {
        for text in shown_texts(article) {
            assert_clean("a loaded article", text)?;
            prop_assert!(!text.contains('\u{1b}'), "ESC in {:?}", text);
        }
        prop_assert!(!article.title.contains('\n'), "title {:?}", article.title);
    }
    Ok(())
}

/// Whole JSON documents built around nasty strings, so that parsing succeeds and the
/// fields themselves reach the cleaner.
fn json_article() -> impl Strategy<Value = String> {
    (nasty_text(), nasty_text(), nasty_text(), nasty_text()).prop_map(|(t, b, s, tag)| {
        serde_json::json!({
            "title": t, "body": b, "source": s, "tags": [tag], "dateline": t,
            "date": "2025-03-21", "place": s, "agency": b,
        })
        .to_string()
    })
}

/// Devanagari with every kind of zero- and double-width trouble: conjuncts, stacked
/// combining marks, emoji with skin tones, ZWJ families, flags, wide CJK, keycaps.
fn wrap_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => prop::sample::select(vec!["क", "ष", "ह", "अ", "ि", "ी", "ु", "ं", "ँ", "़", "्", "ः", "ॐ"]).prop_map(str::to_string),
        2 => prop::sample::select(vec!["स्त्री", "न्द्र", "राष्ट्र", "द्ध्र्य", "क्\u{200d}ष", "क्\u{200c}ष"]).prop_map(str::to_string),
        3 => prop::sample::select(vec![
            "😀", "👍🏽", "👨\u{200d}👩\u{200d}👧\u{200d}👦", "🏳️\u{200d}🌈", "🇮🇳", "1️⃣", "❤️",
            "中文", "ｗ", "\u{200d}", "\u{200d}\u{200d}", "e\u{301}\u{302}\u{303}",
            "\u{301}", "\u{94d}\u{94d}", "a\u{20dd}",
        ]).prop_map(str::to_string),
        1 => prop::sample::select(vec!["।", ",", "—", "…", "(", ")"]).prop_map(str::to_string),
        4 => prop::sample::select(vec![" ", "  "]).prop_map(str::to_string),
        1 => any::<char>().prop_filter("no controls", |c| !c.is_control()).prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..120).prop_map(|v| v.concat())
}

/// Article-like text the tagger finds names and dates in, with noise between.
fn article_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => prop::sample::select(vec![
            "केंद्रीय मंत्री नितिन गडकरी ने", "प्रधानमंत्री नरेंद्र मोदी", "मोदी ने", "गडकरी",
            "नागपुर में", "नई दिल्ली,", "संयुक्त राष्ट्र सुरक्षा परिषद", "भारतीय जनता पार्टी",
            "सोमवार को", "21 मार्च 2025 को", "पिछले साल", "अगले साल जून तक", "दो घंटे",
            "हर साल", "कल", "सुबह 10 बजे", "१२ नवंबर", "2024-06-01", "रूस के", "पुतिन",
            "व्लादिमीर पुतिन ने", "श्री", "डॉ.", "कहा कि", "।", "।।", ",", "\n\n", " ",
        ]).prop_map(str::to_string),
        2 => prop::sample::select(vec![
            "\u{200d}", "\u{200c}", "़", "्", "😀", "\u{301}", "🇮🇳", "ॐ", "\u{a0}", "-", "“", "”",
        ]).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.join(" "))
}

fn check_span(
    body: &str,
    what: &str,
    start: usize,
    end: usize,
    text: &str,
) -> Result<(), TestCaseError> {
    prop_assert!(
        start <= end && end <= body.len(),
        "{what} {start}..{end} outside a body of {}",
        body.len()
    );
    prop_assert!(
        body.is_char_boundary(start) && body.is_char_boundary(end),
        "{what} {start}..{end} is not on char boundaries"
    );
    prop_assert_eq!(&body[start..end], text, "{} at {}..{}", what, start, end);
    Ok(())
}

fn check_extraction(extractor: &Extractor, article: &Article) -> Result<(), TestCaseError> {
    let x = extractor.extract(article, chrono::NaiveDate::from_ymd_opt(2025, 3, 21));
    prop_assert_eq!(&x.body, &article.body());
    for entity in &x.entities {
        for m in &entity.mentions {
            check_span(&x.body, "mention", m.start, m.end, &m.text)?;
        }
    }
    for entry in &x.timeline {
        check_span(
            &x.body,
            "timeline entry",
            entry.start,
            entry.end,
            &entry.text,
        )?;
    }
    for entity in extractor.entities(&x.body) {
        for m in &entity.mentions {
            check_span(&x.body, "mention", m.start, m.end, &m.text)?;
        }
    }
    Ok(())
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn loading_any_bytes_never_panics(
        bytes in prop::collection::vec(any::<u8>(), 0..2048),
        ext in prop::sample::select(vec!["txt", "json", "jsonl", "md"]),
    ) {
        load_bytes(ext, &bytes)?;
    }

    #[test]
    fn loading_nasty_text_keeps_no_control_character(
        text in nasty_text(),
        ext in prop::sample::select(vec!["txt", "json", "jsonl"]),
        bom in any::<bool>(),
    ) {
        let mut bytes = if bom { "\u{feff}".as_bytes().to_vec() } else { Vec::new() };
        bytes.extend(text.as_bytes());
        load_bytes(ext, &bytes)?;
    }

    #[test]
    fn nasty_json_fields_are_cleaned(doc in json_article(), lines in 1usize..4) {
        load_bytes("json", doc.as_bytes())?;
        let jsonl = vec![doc.as_str(); lines].join("\r\n");
        load_bytes("jsonl", jsonl.as_bytes())?;
    }

    #[test]
    fn invalid_utf8_is_an_error_not_a_panic(
        text in nasty_text(),
        at in any::<prop::sample::Index>(),
        bad in prop::sample::select(vec![0x80u8, 0xc3, 0xe0, 0xed, 0xf5, 0xff, 0xfe]),
    ) {
        let mut bytes = text.into_bytes();
        let at = at.index(bytes.len() + 1);
        bytes.insert(at, bad);
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bad.txt");
        std::fs::write(&path, &bytes).expect("write");
        let outcome = load_file(&path);
        prop_assert!(outcome.articles.is_empty());
        prop_assert_eq!(outcome.errors.len(), 1);
        // The message points at the first bad byte, as the standard library finds it.
        let message = outcome.errors[0].kind.to_string();
        if message.starts_with("not UTF-8")
            && let Err(e) = std::str::from_utf8(&bytes)
        {
            let offset = format!("offset {})", e.valid_up_to());
            prop_assert!(message.contains(&offset), "{message}");
        }
    }

    #[test]
    fn the_cleaner_leaves_no_escape_or_control(text in nasty_text()) {
        let cleaned = clean_text(&text);
        assert_clean("clean_text", &cleaned)?;
        let line = clean_line(&text);
        assert_clean("clean_line", &line)?;
        prop_assert!(!line.contains('\n'));
        // Cleaning twice changes nothing more.
        prop_assert_eq!(clean_text(&cleaned), cleaned);
    }

    #[test]
    fn the_cleaner_never_panics_on_any_string(text in any::<String>()) {
        assert_clean("clean_text", &clean_text(&text))?;
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn no_wrapped_line_is_wider_than_asked(
        text in wrap_text(),
        width in 1usize..=200,
        kind in 0u8..3,
    ) {
        // Every way a terminal advances: by code point, by cluster (mode 2027), by cluster
        // cut at the virama (before Unicode 15.1).
        let advance = match kind {
            0 => Advance::Codepoint,
            1 => Advance::Grapheme,
            _ => Advance::LegacyGrapheme,
        };
        set_advance(advance);
        let lines = wrap(&text, width, advance);
        let mut at = 0;
        for line in &lines {
            prop_assert!(line.start >= at && line.start <= line.end && line.end <= text.len());
            prop_assert!(text.is_char_boundary(line.start) && text.is_char_boundary(line.end));
            let shown = &text[line.start..line.end];
            prop_assert_eq!(line.width, str_width(shown));
            // One letter wider than the whole line (an emoji at width 1), with its marks
            // and joiners, cannot fit however it is cut; anything else must.
            let letters = shown.chars().filter(|c| c.width().unwrap_or(0) > 0).count();
            prop_assert!(
                line.width <= width || (letters == 1 && line.width <= 2),
                "{:?} is {} wide at width {}", shown, line.width, width
            );
            at = line.end;
        }
    }
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn a_layouts_anchors_survive_any_reflow(
        blocks in prop::collection::vec(wrap_text(), 0..5),
        first in 1usize..=120,
        second in 1usize..=120,
        probe in 0usize..400,
    ) {
        let before = Layout::new(&blocks, first, khabar::text::width::Advance::Codepoint);
        let after = Layout::new(&blocks, second, khabar::text::width::Advance::Codepoint);
        let text = after.to_text(&blocks);
        prop_assert_eq!(text.lines().count().max(1), after.rows.len().max(1));
        // Any row, even one past the end, has an anchor or none; never a panic.
        let _ = before.anchor_of(probe);
        for row in 0..before.rows.len() {
            let Some((block, offset)) = before.anchor_of(row) else {
                continue;
            };
            let found = after.row_of(block, offset);
            prop_assert!(found.is_some(), "row {} of {}: no row at width {}", row, first, second);
            let found = found.unwrap_or_default();
            prop_assert!(
                matches!(after.rows[found], Row::Text { block: b, line }
                    if b == block && line.start <= offset && offset < line.end),
                "anchor ({}, {}) lands on {:?}", block, offset, after.rows[found]
            );
        }
    }
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn extraction_spans_are_slices_of_the_body(
        paras in prop::collection::vec(article_text(), 1..4),
    ) {
        let extractor = Extractor::embedded().expect("embedded model");
        // As written (the extractor must cope with text that skipped the cleaner)…
        let raw = Article { title: "शीर्षक".into(), paragraphs: paras.clone(), ..Article::default() };
        check_extraction(&extractor, &raw)?;
        // …and as loaded from a .txt file.
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, format!("शीर्षक\n\nनई दिल्ली, 21 मार्च (भाषा) {}", paras.join("\n\n")))
            .expect("write");
        for article in load_file(&path).articles {
            check_extraction(&extractor, &article)?;
        }
    }

    #[test]
    fn extraction_never_panics_on_any_text(text in any::<String>(), noise in nasty_text()) {
        let extractor = Extractor::embedded().expect("embedded model");
        let article = Article {
            paragraphs: vec![text, noise],
            ..Article::default()
        };
        check_extraction(&extractor, &article)?;
    }
}
