//! Exports of small articles written here.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::*;
use crate::article::{ArticleDate, Dateline};
use crate::extract::Mention;
use crate::extract::report::{ArticleReport, ExtractReport};
use crate::extract::time::TimexKind;
use crate::library::ArticleFacts;
use crate::library::report::IndexReport;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The library's spans of some mentions.
fn spans(mentions: &[Mention]) -> Vec<Span> {
    mentions.iter().map(Span::of).collect()
}

/// Mentions of every occurrence of `forms` in `body`.
fn mentions(body: &str, forms: &[&str]) -> Vec<Mention> {
    let mut out: Vec<Mention> = forms
        .iter()
        .flat_map(|f| {
            body.match_indices(f).map(|(at, t)| Mention {
                start: at,
                end: at + t.len(),
                text: t.to_string(),
            })
        })
        .collect();
    out.sort_by_key(|m| m.start);
    out
}

fn entity(body: &str, name: &str, kind: Kind, aliases: &[&str]) -> Entity {
    // Full-name mentions, then alias mentions outside them.
    let full = mentions(body, &[name]);
    let mut all = full.clone();
    all.extend(
        mentions(body, aliases)
            .into_iter()
            .filter(|m| !full.iter().any(|f| f.start <= m.start && m.end <= f.end)),
    );
    all.sort_by_key(|m| m.start);
    Entity {
        name: name.to_string(),
        kind,
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        mentions: all,
        confidence: 1.0,
        titles: Vec::new(),
    }
}

fn timex(
    body: &str,
    text: &str,
    value: Option<&str>,
    event: &str,
    names: &[&str],
) -> TimelineEntry {
    let start = body.find(text).unwrap();
    TimelineEntry {
        text: text.to_string(),
        start,
        end: start + text.len(),
        kind: TimexKind::Date,
        value: value.map(str::to_string),
        modifier: None,
        event: event.to_string(),
        entities: names.iter().map(|n| n.to_string()).collect(),
    }
}

struct Fixture {
    article: Article,
    found: Extraction,
}

fn shoigu() -> Fixture {
    let article = Article {
        path: PathBuf::from("news/shoigu.txt"),
        title: "रूस के रक्षा मंत्री शोइगु | उत्तर कोरिया पहुंचे".to_string(),
        dateline: Some(Dateline {
            raw: "मॉस्को, 21 मार्च (आईएएनएस)".to_string(),
            place: Some("मॉस्को".to_string()),
            date_text: Some("21 मार्च".to_string()),
            agency: Some("आईएएनएस".to_string()),
            reporter: None,
        }),
        date: Some(ArticleDate {
            date: date("2025-03-21"),
            inferred: false,
        }),
        paragraphs: vec![
            "रूस के रक्षा मंत्री सर्गेई शोइगु शुक्रवार को प्योंगयांग पहुंचे। वहां वे किम जोंग-उन से मिले।".to_string(),
            "शोइगु ने कहा कि *दोनों देश* साथ हैं।\n# यह शीर्षक नहीं".to_string(),
        ],
        ..Article::default()
    };
    let body = article.body();
    let entities = vec![
        // "रक्षा मंत्री सर्गेई शोइगु": the title extraction records, which the other article's
        // "रक्षा मंत्री शोइगु" shares, and which links the two.
        Entity {
            titles: vec!["मंत्री".to_string()],
            ..entity(&body, "सर्गेई शोइगु", Kind::Person, &["शोइगु"])
        },
        entity(&body, "किम जोंग-उन", Kind::Person, &[]),
        entity(&body, "प्योंगयांग", Kind::Place, &[]),
        entity(&body, "रूस", Kind::Place, &[]),
    ];
    let timeline = vec![timex(
        &body,
        "शुक्रवार",
        Some("2025-03-21"),
        "सर्गेई शोइगु शुक्रवार को प्योंगयांग पहुंचे",
        &["सर्गेई शोइगु", "प्योंगयांग"],
    )];
    let found = Extraction {
        body,
        reference: Some(date("2025-03-21")),
        entities,
        timeline,
    };
    Fixture { article, found }
}

fn putin() -> Fixture {
    let article = Article {
        path: PathBuf::from("news/putin.jsonl"),
        line: Some(3),
        title: "पुतिन और शोइगु की बैठक".to_string(),
        date: Some(ArticleDate {
            date: date("2025-03-25"),
            inferred: false,
        }),
        source: Some("वेब".to_string()),
        paragraphs: vec![
            "राष्ट्रपति व्लादिमीर पुतिन ने मंगलवार को रक्षा मंत्री शोइगु से मुलाकात की। बैठक मॉस्को में हुई।"
                .to_string(),
        ],
        ..Article::default()
    };
    let body = article.body();
    let entities = vec![
        entity(&body, "व्लादिमीर पुतिन", Kind::Person, &[]),
        Entity {
            titles: vec!["मंत्री".to_string()],
            ..entity(&body, "शोइगु", Kind::Person, &[])
        },
        entity(&body, "मॉस्को", Kind::Place, &[]),
    ];
    let timeline = vec![timex(
        &body,
        "मंगलवार",
        Some("2025-03-25"),
        "व्लादिमीर पुतिन ने मंगलवार को रक्षा मंत्री शोइगु से मुलाकात की",
        &["व्लादिमीर पुतिन", "शोइगु"],
    )];
    let found = Extraction {
        body,
        reference: Some(date("2025-03-25")),
        entities,
        timeline,
    };
    Fixture { article, found }
}

fn facts(f: &Fixture) -> ArticleFacts {
    ArticleFacts {
        path: f.article.key(),
        title: f.article.title.clone(),
        date: f.article.date.map(|d| d.date),
        entities: f.found.entities.clone(),
        timeline: f.found.timeline.clone(),
    }
}

#[test]
fn an_article_in_markdown() {
    let f = shoigu();
    let md = article_markdown(&ArticleExport::new(&f.article, &f.found));
    let expected = "\
# रूस के रक्षा मंत्री शोइगु \\| उत्तर कोरिया पहुंचे

*मॉस्को · 21 मार्च 2025 (2025-03-21) · आईएएनएस*

`news/shoigu.txt`

रूस के रक्षा मंत्री सर्गेई शोइगु शुक्रवार को प्योंगयांग पहुंचे। वहां वे किम जोंग-उन से मिले।

शोइगु ने कहा कि \\*दोनों देश\\* साथ हैं।
\\# यह शीर्षक नहीं

## People, places and organisations

| Name | Kind | Also written | Mentions |
| --- | --- | --- | --- |
| सर्गेई शोइगु | person | शोइगु | 2 |
| किम जोंग-उन | person |  | 1 |
| प्योंगयांग | place |  | 1 |
| रूस | place |  | 1 |

## Timeline

| When | Value | Written | Event |
| --- | --- | --- | --- |
| 21 मार्च 2025 | 2025-03-21 | शुक्रवार | सर्गेई शोइगु शुक्रवार को प्योंगयांग पहुंचे |
";
    assert_eq!(md, expected, "\n{md}");
}

#[test]
fn an_article_without_entities_has_no_empty_sections() {
    let article = Article {
        path: PathBuf::from("a.txt"),
        line: Some(2),
        title: "शीर्षक".to_string(),
        url: Some("https://example.org/a b".to_string()),
        paragraphs: vec!["1. पहली बात".to_string()],
        ..Article::default()
    };
    let found = Extraction {
        body: article.body(),
        reference: None,
        entities: Vec::new(),
        timeline: Vec::new(),
    };
    let md = article_markdown(&ArticleExport::new(&article, &found));
    assert_eq!(
        md,
        "# शीर्षक\n\n`a.txt#2` · <https://example.org/a%20b>\n\n1\\. पहली बात\n"
    );
}

#[test]
fn cells_escape_pipes_and_line_breaks() {
    assert_eq!(escape_cell("a | b\nc\r\nd"), "a \\| b c d");
    assert_eq!(
        escape_cell("*x* _y_ [z](w) <b>"),
        "\\*x\\* \\_y\\_ \\[z\\](w) \\<b\\>"
    );
    assert_eq!(
        escape_markdown("- सूची\n> उद्धरण\n2) दो"),
        "\\- सूची\n\\> उद्धरण\n2\\) दो"
    );
    assert_eq!(code("a`b"), "``a`b``");
}

#[test]
fn sentences_around_mentions_are_quoted_once_with_the_mentions_marked() {
    let f = shoigu();
    let shoigu = &f.found.entities[0];
    let snippets = sentences_around(&f.found.body, &spans(&shoigu.mentions), 5);
    let texts: Vec<&str> = snippets.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "रूस के रक्षा मंत्री सर्गेई शोइगु शुक्रवार को प्योंगयांग पहुंचे।",
            "शोइगु ने कहा कि *दोनों देश* साथ हैं।",
        ]
    );
    assert_eq!(
        snippets[0].markdown(),
        "रूस के रक्षा मंत्री **सर्गेई शोइगु** शुक्रवार को प्योंगयांग पहुंचे।"
    );
    assert_eq!(
        snippets[1].markdown(),
        "**शोइगु** ने कहा कि \\*दोनों देश\\* साथ हैं।"
    );
    assert_eq!(
        sentences_around(&f.found.body, &spans(&shoigu.mentions), 1).len(),
        1
    );
    assert!(sentences_around(&f.found.body, &[], 3).is_empty());
}

#[test]
fn a_name_page_in_markdown() {
    let (a, b) = (shoigu(), putin());
    let library = Library::build(vec![facts(&a), facts(&b)]);
    let id = library
        .find("सर्गेई शोइगु", Kind::Person)
        .expect("शोइगु is in the library");
    let body_of = |i: ArticleId| {
        let path = &library.articles[i.index()].path;
        [&a, &b]
            .into_iter()
            .find(|f| &f.article.key() == path)
            .map(|f| f.found.body.clone())
    };
    let page = EntityPage::from_library(&library, id, body_of, PageLimits::default()).unwrap();
    let md = entity_markdown(&page);
    let expected = "\
# सर्गेई शोइगु

*person* · 3 mentions in 2 articles

Also written: शोइगु

## Articles

### 2025-03-25 · पुतिन और शोइगु की बैठक

`news/putin.jsonl#3` · 1 mention

> राष्ट्रपति व्लादिमीर पुतिन ने मंगलवार को रक्षा मंत्री **शोइगु** से मुलाकात की।

### 2025-03-21 · रूस के रक्षा मंत्री शोइगु \\| उत्तर कोरिया पहुंचे

`news/shoigu.txt` · 2 mentions

> रूस के रक्षा मंत्री **सर्गेई शोइगु** शुक्रवार को प्योंगयांग पहुंचे।

> **शोइगु** ने कहा कि \\*दोनों देश\\* साथ हैं।

## Timeline

| When | Value | Written | Event | Article |
| --- | --- | --- | --- | --- |
| 21 मार्च 2025 | 2025-03-21 | शुक्रवार | सर्गेई शोइगु शुक्रवार को प्योंगयांग पहुंचे | रूस के रक्षा मंत्री शोइगु \\| उत्तर कोरिया पहुंचे (news/shoigu.txt) |
| 25 मार्च 2025 | 2025-03-25 | मंगलवार | व्लादिमीर पुतिन ने मंगलवार को रक्षा मंत्री शोइगु से मुलाकात की | पुतिन और शोइगु की बैठक (news/putin.jsonl#3) |

## Appears with

| Name | Kind | Shared articles |
| --- | --- | --- |
";
    assert!(md.starts_with(expected), "\n{md}");
    // Everyone else named beside him, with the articles they share.
    let companions: Vec<(&str, usize)> = page
        .appears_with
        .iter()
        .map(|c| (c.name, c.shared))
        .collect();
    assert_eq!(companions.len(), 5, "{companions:?}");
    assert!(companions.contains(&("व्लादिमीर पुतिन", 1)));
    assert!(companions.contains(&("मॉस्को", 1)));

    // Without bodies, articles are listed without sentences.
    let bare = EntityPage::from_library(&library, id, |_| None, PageLimits::default()).unwrap();
    assert!(bare.articles.iter().all(|a| a.sentences.is_empty()));
    assert!(!entity_markdown(&bare).contains("> "));
    assert!(
        EntityPage::from_library(&library, EntityId(999), |_| None, PageLimits::default())
            .is_none()
    );
}

fn report() -> ExtractReport {
    let (a, b) = (shoigu(), putin());
    ExtractReport {
        articles: vec![
            ArticleReport::new(&a.article, a.found),
            ArticleReport::new(&b.article, b.found),
        ],
        errors: Vec::new(),
    }
}

fn written(f: impl FnOnce(&mut Vec<u8>) -> Result<(), csv::CsvError>) -> String {
    let mut out = Vec::new();
    f(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn extract_tables_as_csv() {
    let report = report();
    let entities = written(|out| csv::extract_entities(&report, out));
    assert_eq!(
        entities,
        "\
path,line,name,kind,aliases,mentions
news/shoigu.txt,,सर्गेई शोइगु,person,शोइगु,2
news/shoigu.txt,,किम जोंग-उन,person,,1
news/shoigu.txt,,प्योंगयांग,place,,1
news/shoigu.txt,,रूस,place,,1
news/putin.jsonl,3,व्लादिमीर पुतिन,person,,1
news/putin.jsonl,3,शोइगु,person,,1
news/putin.jsonl,3,मॉस्को,place,,1
"
    );
    let timeline = written(|out| csv::extract_timeline(&report, out));
    let lines: Vec<&str> = timeline.lines().collect();
    assert_eq!(
        lines[0],
        "path,line,text,value,modifier,kind,event,entities,start,end"
    );
    let start = report.articles[0].timeline[0].start;
    assert_eq!(
        lines[1],
        format!(
            "news/shoigu.txt,,शुक्रवार,2025-03-21,,date,सर्गेई शोइगु शुक्रवार को प्योंगयांग पहुंचे,सर्गेई शोइगु|प्योंगयांग,{start},{}",
            start + "शुक्रवार".len()
        )
    );
    assert_eq!(lines.len(), 3);
}

#[test]
fn index_tables_as_csv() {
    let (a, b) = (shoigu(), putin());
    let library = Library::build(vec![facts(&a), facts(&b)]);
    let report = IndexReport::new(&library, Vec::new());
    let entities = written(|out| csv::index_entities(&report, out));
    let lines: Vec<&str> = entities.lines().collect();
    assert_eq!(lines[0], "name,kind,aliases,articles,mentions,paths");
    assert_eq!(
        lines[1],
        "सर्गेई शोइगु,person,शोइगु,2,3,news/putin.jsonl#3|news/shoigu.txt"
    );
    assert!(
        lines.contains(&"मॉस्को,place,,1,1,news/putin.jsonl#3"),
        "{entities}"
    );

    let timeline = written(|out| csv::index_timeline(&report, out));
    let lines: Vec<&str> = timeline.lines().collect();
    assert_eq!(
        lines[0],
        "path,title,text,value,modifier,kind,event,entities,start,end"
    );
    assert!(
        lines[1].starts_with(
            "news/shoigu.txt,रूस के रक्षा मंत्री शोइगु | उत्तर कोरिया पहुंचे,शुक्रवार,2025-03-21,"
        ),
        "{timeline}"
    );
    assert!(lines[2].starts_with("news/putin.jsonl#3,"));
}

#[test]
fn csv_quotes_commas_quotes_and_line_breaks() {
    let mut report = report();
    report.articles[0].entities[0].name = "नाम, \"उपनाम\"\nदूसरी पंक्ति".to_string();
    let entities = written(|out| csv::extract_entities(&report, out));
    let mut reader = ::csv::Reader::from_reader(entities.as_bytes());
    let first = reader.records().next().unwrap().unwrap();
    assert_eq!(&first[2], "नाम, \"उपनाम\"\nदूसरी पंक्ति");
}

#[test]
fn csv_cells_never_carry_escape_sequences() {
    let mut report = report();
    report.articles[0].path = "news/\u{1b}]52;c;AAAA\u{7}evil\n.txt".into();
    let entities = written(|out| csv::extract_entities(&report, out));
    assert!(!entities.contains('\u{1b}') && !entities.contains('\u{7}'));
    assert!(entities.contains("\"news/\\x1B]52;c;AAAA\\x07evil\n.txt\""));
    let timeline = written(|out| csv::extract_timeline(&report, out));
    assert!(!timeline.contains('\u{1b}'));
}

#[test]
fn the_readers_export_quotes_every_sentence_naming_it() {
    let body = "गडकरी ने कहा। फिर गडकरी गए। गडकरी लौटे। गडकरी बोले। अंत में गडकरी हँसे।";
    let mentions: Vec<crate::library::Span> = body
        .match_indices("गडकरी")
        .map(|(i, m)| crate::library::Span::new(i, i + m.len()))
        .collect();
    assert_eq!(mentions.len(), 5);
    assert_eq!(
        sentences_around(body, &mentions, PageLimits::default().sentences).len(),
        3
    );
    assert_eq!(
        sentences_around(body, &mentions, PageLimits::ALL.sentences).len(),
        5
    );
}
