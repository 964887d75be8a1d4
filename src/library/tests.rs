//! Linking across articles, on articles written by hand.

use chrono::NaiveDate;

use std::path::Path;

use super::*;
use crate::extract::Mention;
use crate::extract::time::TimexKind;

fn entity(name: &str, kind: Kind, aliases: &[&str], mentions: usize) -> Entity {
    Entity {
        name: name.to_string(),
        kind,
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        mentions: (0..mentions)
            .map(|i| Mention {
                start: i * 10,
                end: i * 10 + 5,
                text: name.to_string(),
            })
            .collect(),
        confidence: 1.0,
        titles: Vec::new(),
    }
}

fn person(name: &str, mentions: usize) -> Entity {
    entity(name, Kind::Person, &[], mentions)
}

fn place(name: &str, mentions: usize) -> Entity {
    entity(name, Kind::Place, &[], mentions)
}

fn article(path: &str, date: Option<&str>, entities: Vec<Entity>) -> ArticleFacts {
    ArticleFacts {
        path: path.to_string(),
        title: format!("शीर्षक {path}"),
        date: date.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
        entities,
        timeline: Vec::new(),
    }
}

fn event(value: Option<&str>, start: usize, names: &[&str]) -> TimelineEntry {
    TimelineEntry {
        text: value.unwrap_or("कभी").to_string(),
        start,
        end: start + 5,
        kind: TimexKind::Date,
        value: value.map(str::to_string),
        modifier: None,
        event: String::new(),
        entities: names.iter().map(|n| n.to_string()).collect(),
    }
}

/// (name, kind, article paths) of every folder entity, in library order.
fn summary(library: &Library) -> Vec<(String, Kind, Vec<String>)> {
    library
        .entities
        .iter()
        .map(|e| {
            let paths = e
                .occurrences
                .iter()
                .map(|o| library.articles[o.article.index()].path.clone())
                .collect();
            (e.name.clone(), e.kind, paths)
        })
        .collect()
}

fn id(library: &Library, name: &str, kind: Kind) -> EntityId {
    library.find(name, kind).expect(name)
}

#[test]
fn a_surname_alone_links_to_the_one_full_name_it_fits_when_the_articles_agree() {
    let library = Library::build(vec![
        article(
            "a.txt",
            Some("2025-03-20"),
            vec![
                entity("व्लादिमीर पुतिन", Kind::Person, &["पुतिन"], 3),
                place("मॉस्को", 1),
            ],
        ),
        article(
            "b.txt",
            Some("2025-03-21"),
            vec![person("पुतिन", 2), place("मॉस्को", 0)],
        ),
    ]);
    let putin = id(&library, "पुतिन", Kind::Person);
    assert_eq!(putin, id(&library, "व्लादिमीर पुतिन", Kind::Person));
    let e = &library.entities[putin.index()];
    assert_eq!(e.name, "व्लादिमीर पुतिन");
    assert_eq!(e.aliases, vec!["पुतिन"]);
    assert_eq!(e.mentions, 5);
    // Newest first.
    let paths: Vec<&str> = library
        .articles_of(putin)
        .iter()
        .map(|o| library.articles[o.article.index()].path.as_str())
        .collect();
    assert_eq!(paths, vec!["b.txt", "a.txt"]);
    let entity = library.entity(putin).expect("putin");
    assert_eq!(library.articles_of(putin)[0].mention_count(), 2);
    assert_eq!(entity.mentions_of(&entity.occurrences[0]).len(), 2);
    assert_eq!(entity.mentions_of(&entity.occurrences[1]).len(), 3);
    // The article that says only पुतिन says why it was joined.
    assert_eq!(
        entity.joined_by(0),
        Some(&("पुतिन".to_string(), Evidence::NamedWith("मॉस्को".to_string())))
    );
    assert_eq!(entity.joined_by(1), None);
}

#[test]
fn a_bare_surname_is_no_evidence() {
    // A police officer सईद in one story is not हाफिज सईद of another.
    let library = Library::build(vec![
        article(
            "a.txt",
            None,
            vec![person("हाफिज सईद", 3), place("लाहौर", 1)],
        ),
        article("b.txt", None, vec![person("सईद", 2), place("मेरठ", 1)]),
    ]);
    assert_ne!(
        id(&library, "सईद", Kind::Person),
        id(&library, "हाफिज सईद", Kind::Person)
    );
}

#[test]
fn a_title_says_which_full_name_a_surname_is() {
    let titled = |name: &str, titles: &[&str], mentions: usize| Entity {
        titles: titles.iter().map(|t| t.to_string()).collect(),
        ..person(name, mentions)
    };
    let library = Library::build(vec![
        article(
            "a.txt",
            None,
            vec![titled("नरेंद्र मोदी", &["प्रधानमंत्री"], 2), place("पटना", 1)],
        ),
        article(
            "b.txt",
            None,
            vec![titled("सुशील मोदी", &["उपमुख्यमंत्री"], 2), place("पटना", 1)],
        ),
        // पीएम and प्रधानमंत्री are one office; पटना is shared with both.
        article(
            "c.txt",
            None,
            vec![titled("मोदी", &["पीएम"], 1), place("पटना", 1)],
        ),
        // No title: पटना fits both full names, so it stays on its own.
        article("d.txt", None, vec![person("मोदी", 1), place("पटना", 1)]),
    ]);
    let narendra = id(&library, "नरेंद्र मोदी", Kind::Person);
    let paths: Vec<&str> = library
        .articles_of(narendra)
        .iter()
        .map(|o| library.articles[o.article.index()].path.as_str())
        .collect();
    assert_eq!(paths, vec!["a.txt", "c.txt"]);
    let joined = library.entity(narendra).and_then(|e| e.joined_by(1));
    assert_eq!(
        joined.map(|(_, why)| why.clone()),
        Some(Evidence::Title("प्रधानमंत्री".to_string()))
    );
    assert_eq!(
        library
            .articles_of(id(&library, "सुशील मोदी", Kind::Person))
            .len(),
        1
    );
    assert_eq!(
        library
            .articles_of(id(&library, "मोदी", Kind::Person))
            .len(),
        1
    );
}

#[test]
fn generic_bodies_stay_in_their_article() {
    let org = |name: &str| entity(name, Kind::Organization, &[], 1);
    let library = Library::build(vec![
        article(
            "a.txt",
            None,
            vec![org("स्वास्थ्य विभाग"), place("केरल", 1), org("दिल्ली पुलिस")],
        ),
        article(
            "b.txt",
            None,
            vec![org("स्वास्थ्य विभाग"), place("बिहार", 1), org("दिल्ली पुलिस")],
        ),
    ]);
    let departments = library
        .entities
        .iter()
        .filter(|e| e.name == "स्वास्थ्य विभाग")
        .count();
    assert_eq!(departments, 2);
    // A body whose name holds its place is one body.
    let police = id(&library, "दिल्ली पुलिस", Kind::Organization);
    assert_eq!(library.articles_of(police).len(), 2);
}

#[test]
fn spellings_and_the_lists_canonical_names_link_but_a_modifier_makes_another_place() {
    let library = Library::build(vec![
        article("a.txt", None, vec![place("मुंबई", 2), place("उत्तर प्रदेश", 1)]),
        article("b.txt", None, vec![place("मुम्बई", 1), place("यूपी", 1)]),
        article(
            "c.txt",
            None,
            vec![place("नवी मुंबई", 1), place("ग्रेटर नोएडा", 1)],
        ),
        article("d.txt", None, vec![place("नोएडा", 1), place("कोलंबिया", 1)]),
        article("e.txt", None, vec![place("ब्रिटिश कोलंबिया", 1)]),
    ]);
    // A country is no short form of a longer place.
    assert_ne!(
        id(&library, "कोलंबिया", Kind::Place),
        id(&library, "ब्रिटिश कोलंबिया", Kind::Place)
    );
    let mumbai = id(&library, "मुंबई", Kind::Place);
    assert_eq!(mumbai, id(&library, "मुम्बई", Kind::Place));
    assert_eq!(library.articles_of(mumbai).len(), 2);
    assert_eq!(
        id(&library, "यूपी", Kind::Place),
        id(&library, "उत्तर प्रदेश", Kind::Place)
    );
    assert_ne!(mumbai, id(&library, "नवी मुंबई", Kind::Place));
    assert_ne!(
        id(&library, "नोएडा", Kind::Place),
        id(&library, "ग्रेटर नोएडा", Kind::Place)
    );
}

#[test]
fn a_place_of_an_article_about_another_country_is_that_countrys() {
    // Pakistan's पंजाब (an article that names पाकिस्तान and never India) is not India's.
    let library = Library::build(vec![
        article("a.txt", None, vec![place("भारत", 3), place("पंजाब", 2)]),
        article("b.txt", None, vec![place("भारत", 2), place("पंजाब", 1)]),
        article("c.txt", None, vec![place("पाकिस्तान", 3), place("पंजाब", 1)]),
    ]);
    let punjabs: Vec<usize> = library
        .entities
        .iter()
        .filter(|e| e.name == "पंजाब")
        .map(|e| e.occurrences.len())
        .collect();
    assert_eq!(punjabs.len(), 2, "{punjabs:?}");
    assert!(punjabs.contains(&2) && punjabs.contains(&1));
}

#[test]
fn a_short_form_two_full_names_fit_stays_on_its_own() {
    let library = Library::build(vec![
        article("a.txt", None, vec![person("किम जोंग-उन", 2)]),
        article("b.txt", None, vec![person("किम यो-जोंग", 1)]),
        article("c.txt", None, vec![person("किम", 4)]),
    ]);
    let kim = id(&library, "किम", Kind::Person);
    assert_eq!(library.entities.len(), 3);
    assert_eq!(library.entities[kim.index()].name, "किम");
    assert_ne!(kim, id(&library, "किम जोंग-उन", Kind::Person));
    assert_ne!(kim, id(&library, "किम यो-जोंग", Kind::Person));
}

#[test]
fn a_place_joins_the_full_name_whose_tail_it_is_unless_it_stands_alone_more_often() {
    let library = Library::build(vec![
        article("a.txt", None, vec![place("संयुक्त राज्य अमेरिका", 1)]),
        article("b.txt", None, vec![place("संयुक्त राज्य अमेरिका", 1)]),
        article("c.txt", None, vec![place("अमेरिका", 2), place("भारत", 1)]),
        article("d.txt", None, vec![place("उत्तर भारत", 1), place("भारत", 1)]),
        article("e.txt", None, vec![place("भारत", 3)]),
    ]);
    assert_eq!(
        summary(&library),
        vec![
            (
                "भारत".to_string(),
                Kind::Place,
                vec!["c.txt".to_string(), "d.txt".into(), "e.txt".into()]
            ),
            (
                "संयुक्त राज्य अमेरिका".to_string(),
                Kind::Place,
                vec!["a.txt".to_string(), "b.txt".into(), "c.txt".into()]
            ),
            (
                "उत्तर भारत".to_string(),
                Kind::Place,
                vec!["d.txt".to_string()]
            ),
        ]
    );
}

#[test]
fn spelling_variants_are_one_entity_and_kinds_are_kept_apart() {
    let library = Library::build(vec![
        article("a.txt", None, vec![person("ज़ेलेंस्की", 2)]),
        article("b.txt", None, vec![person("जेलेंस्की", 1)]),
        article("c.txt", None, vec![person("जेलेंस्की", 1)]),
        article("d.txt", None, vec![place("जेलेंस्की", 1)]),
    ]);
    assert_eq!(
        summary(&library),
        vec![
            (
                "जेलेंस्की".to_string(),
                Kind::Person,
                vec!["a.txt".to_string(), "b.txt".into(), "c.txt".into()]
            ),
            ("जेलेंस्की".to_string(), Kind::Place, vec!["d.txt".to_string()]),
        ]
    );
    let zelensky = &library.entities[id(&library, "ज़ेलेंस्की", Kind::Person).index()];
    assert_eq!(zelensky.aliases, vec!["ज़ेलेंस्की"]);
    assert_eq!(zelensky.mentions, 4);
}

#[test]
fn common_name_parts_and_initials_never_link() {
    let library = Library::build(vec![
        article("a.txt", None, vec![person("नीतीश कुमार", 2)]),
        article("b.txt", None, vec![person("कुमार", 1), person("पी.", 1)]),
        article("c.txt", None, vec![person("पी. चिदंबरम", 1)]),
    ]);
    assert_eq!(library.entities.len(), 4);
}

#[test]
fn entities_are_ordered_by_kind_then_reach() {
    let library = Library::build(vec![
        article(
            "a.txt",
            None,
            vec![
                entity("चुनाव आयोग", Kind::Organization, &[], 9),
                place("पटना", 1),
                person("राजीव कुमार", 1),
            ],
        ),
        article(
            "b.txt",
            None,
            vec![place("पटना", 1), person("नीतीश कुमार", 5)],
        ),
    ]);
    let names: Vec<&str> = library.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, vec!["नीतीश कुमार", "राजीव कुमार", "पटना", "चुनाव आयोग"]);
}

#[test]
fn appears_with_counts_shared_articles() {
    let library = Library::build(vec![
        article("a.txt", None, vec![person("मोदी", 1), place("दिल्ली", 1)]),
        article(
            "b.txt",
            None,
            vec![person("नरेंद्र मोदी", 1), place("दिल्ली", 1), place("पटना", 1)],
        ),
        article("c.txt", None, vec![person("मोदी", 1), place("पटना", 3)]),
        article("d.txt", None, vec![place("दिल्ली", 1), place("लखनऊ", 1)]),
    ]);
    let modi = id(&library, "मोदी", Kind::Person);
    let with: Vec<(&str, usize)> = library
        .appears_with(modi, 5)
        .into_iter()
        .map(|(i, n)| (library.entities[i.index()].name.as_str(), n))
        .collect();
    assert_eq!(with, vec![("दिल्ली", 2), ("पटना", 2)]);
    assert_eq!(library.appears_with(modi, 1).len(), 1);
}

#[test]
fn the_folder_timeline_is_in_date_order_and_filters_by_entity() {
    let mut a = article(
        "a.txt",
        Some("2025-03-21"),
        vec![
            entity("सर्गेई शोइगु", Kind::Person, &["शोइगु"], 2),
            place("सोल", 1),
        ],
    );
    a.timeline = vec![
        event(Some("2025-03-21"), 10, &["सर्गेई शोइगु", "सोल"]),
        event(None, 50, &["सोल"]),
    ];
    // सोल, named in both, is what links the bare शोइगु to सर्गेई शोइगु.
    let mut b = article(
        "b.txt",
        Some("2025-03-25"),
        vec![person("शोइगु", 1), place("सोल", 1)],
    );
    b.timeline = vec![
        event(Some("2024-06"), 30, &["शोइगु"]),
        event(Some("2025-03-21"), 5, &[]),
    ];
    let library = Library::build(vec![b, a]);
    let order: Vec<(&str, usize)> = library
        .timeline
        .iter()
        .map(|e| {
            (
                library.articles[e.article.index()].path.as_str(),
                e.span.start(),
            )
        })
        .collect();
    assert_eq!(
        order,
        vec![("b.txt", 30), ("a.txt", 10), ("b.txt", 5)],
        "dated events in date order; the undated one stays in its article"
    );
    let shoigu = id(&library, "शोइगु", Kind::Person);
    let own: Vec<Option<&str>> = library
        .timeline_of(shoigu)
        .into_iter()
        .map(|id| library.event(id).and_then(|e| library.value(e)))
        .collect();
    assert_eq!(own, vec![Some("2024-06"), Some("2025-03-21")]);
    let seoul = id(&library, "सोल", Kind::Place);
    assert_eq!(library.timeline_of(seoul).len(), 1);
}

#[test]
fn find_knows_aliases_only_one_entity_has() {
    let library = Library::build(vec![
        article(
            "a.txt",
            None,
            vec![entity("सर्गेई शोइगु", Kind::Person, &["शोइगु", "सर्गेई"], 2)],
        ),
        article(
            "b.txt",
            None,
            vec![entity("सर्गेई लावरोव", Kind::Person, &["सर्गेई"], 2)],
        ),
    ]);
    let shoigu = library.find("शोइगु", Kind::Person);
    assert!(shoigu.is_some());
    assert_eq!(shoigu, library.find("सर्गेई शोइगु", Kind::Person));
    assert_eq!(library.find("सर्गेई", Kind::Person), None);
    assert_eq!(library.find("शोइगु", Kind::Place), None);
}

#[test]
fn each_articles_names_keep_the_folder_entity_they_became() {
    let titled = |name: &str, titles: &[&str]| Entity {
        titles: titles.iter().map(|t| t.to_string()).collect(),
        ..person(name, 1)
    };
    // Given out of order: the library numbers articles by key.
    let library = Library::build(vec![
        article("d.txt", None, vec![person("मोदी", 1), place("पटना", 1)]),
        article(
            "a.txt",
            None,
            vec![titled("नरेंद्र मोदी", &["प्रधानमंत्री"]), place("पटना", 1)],
        ),
        article(
            "b.txt",
            None,
            vec![titled("सुशील मोदी", &["उपमुख्यमंत्री"]), place("पटना", 1)],
        ),
        article(
            "c.txt",
            None,
            vec![titled("मोदी", &["पीएम"]), place("पटना", 1)],
        ),
    ]);
    let links = |key: &str| -> Vec<&str> {
        let article = library.article_of(key).expect(key);
        library
            .links_of(article)
            .iter()
            .map(|&e| library.entities[e.index()].name.as_str())
            .collect()
    };
    // The same written name, two entities: which one each article's मोदी became is kept,
    // where the name alone could give only one answer.
    assert_eq!(links("c.txt"), ["नरेंद्र मोदी", "पटना"]);
    assert_eq!(links("d.txt"), ["मोदी", "पटना"]);
    assert_eq!(links("b.txt"), ["सुशील मोदी", "पटना"]);
    assert_eq!(library.article_of("e.txt"), None);
    assert!(library.links_of(ArticleId::new(99)).is_empty());
}

/// Every event of the timeline, whole.
fn events(library: &Library) -> Vec<(ArticleId, Vec<EntityId>, Option<TimelineEntry>)> {
    library
        .timeline
        .iter()
        .enumerate()
        .map(|(i, e)| {
            (
                e.article,
                e.entities.to_vec(),
                library.entry(EventId::new(i)),
            )
        })
        .collect()
}

/// Two articles with entities, aliases, titles and dated events, for the builder's tests.
fn two_articles() -> Vec<ArticleFacts> {
    let mut a = article(
        "a.txt",
        Some("2025-03-21"),
        vec![
            entity("सर्गेई शोइगु", Kind::Person, &["शोइगु"], 2),
            place("सोल", 1),
        ],
    );
    a.timeline = vec![
        TimelineEntry {
            modifier: Some("START".to_string()),
            event: "सोल में शोइगु की बैठक".to_string(),
            ..event(Some("2025-03-21"), 10, &["सर्गेई शोइगु", "सोल"])
        },
        TimelineEntry {
            event: "सोल में शोइगु की बैठक".to_string(),
            ..event(Some("2025-03-22"), 20, &["सोल", "सोल"])
        },
    ];
    let mut b = article(
        "b.txt",
        Some("2025-03-25"),
        vec![person("शोइगु", 1), place("सोल", 1)],
    );
    b.entities[0].titles = vec!["रक्षा मंत्री".to_string()];
    b.timeline = vec![event(Some("2024-06"), 30, &["शोइगु"])];
    vec![a, b]
}

#[test]
fn an_event_keeps_its_text_and_gives_back_its_entry() {
    let library = Library::build(two_articles());
    let first = EventId::new(1);
    let event = library.event(first).expect("event");
    assert_eq!(library.articles[event.article.index()].path, "a.txt");
    assert_eq!(library.value(event), Some("2025-03-21"));
    assert_eq!(library.line(event), "सोल में शोइगु की बैठक");
    let entry = library.entry(first).expect("entry");
    assert_eq!(entry.text, "2025-03-21");
    assert_eq!((entry.start, entry.end), (10, 15));
    assert_eq!(entry.modifier.as_deref(), Some("START"));
    assert_eq!(entry.event, "सोल में शोइगु की बैठक");
    assert_eq!(entry.entities, vec!["सर्गेई शोइगु", "सोल"]);
    // A name twice in the clause is one entity.
    let second = library.event(EventId::new(2)).expect("event");
    assert_eq!(second.entities.len(), 1);
    assert_eq!(library.entry(EventId::new(9)), None);
}

#[test]
fn a_library_for_the_reader_drops_the_names_of_events_only() {
    let mut builder = LibraryBuilder::new();
    for facts in two_articles() {
        builder.add(facts);
    }
    let lean = builder.finish();
    let full = Library::build(two_articles());
    assert_eq!(lean.entities, full.entities);
    assert_eq!(lean.timeline.len(), full.timeline.len());
    for (l, f) in lean.timeline.iter().zip(&full.timeline) {
        assert_eq!(
            (l.article, l.span, &l.entities),
            (f.article, f.span, &f.entities)
        );
        assert_eq!(lean.line(l), full.line(f));
    }
    let entry = lean.entry(EventId::new(1)).expect("entry");
    assert!(entry.entities.is_empty());
    assert_eq!(entry.event, "सोल में शोइगु की बैठक");
}

#[test]
fn the_library_does_not_depend_on_the_order_articles_come_in() {
    let forward = Library::build(two_articles());
    let mut reversed = two_articles();
    reversed.reverse();
    let backward = Library::build(reversed);
    assert_eq!(forward.articles, backward.articles);
    assert_eq!(forward.entities, backward.entities);
    assert_eq!(events(&forward), events(&backward));
}

#[test]
fn cached_facts_count_only_for_files_taken_and_take_the_files_keys() {
    let [a, b]: [ArticleFacts; 2] = two_articles().try_into().expect("two");
    let mut builder = LibraryBuilder::new().keep_event_names(true);
    // The cache stored the facts under an older key; the scan gives the current one.
    let mut old_a = a.clone();
    old_a.path = "old/a.txt".to_string();
    builder.add_cached("a.txt".into(), vec![old_a]);
    // Facts of a file that changed since: extracted again, so never taken.
    let mut stale = b.clone();
    stale.entities = vec![person("पुराना नाम", 1)];
    builder.add_cached("b.txt".into(), vec![stale]);
    builder.add(b);
    assert!(!builder.take_cached(Path::new("gone.txt"), vec!["gone.txt".into()]));
    assert!(
        !builder.take_cached(Path::new("a.txt"), vec!["a.txt".into(), "a.txt:2".into()]),
        "another number of articles"
    );
    assert!(builder.take_cached(Path::new("a.txt"), vec!["a.txt".into()]));
    assert_eq!(builder.len(), 2);
    let library = builder.finish();
    assert!(library.find("पुराना नाम", Kind::Person).is_none());
    let whole = Library::build(vec![a, two_articles().remove(1)]);
    assert_eq!(library.articles, whole.articles);
    assert_eq!(library.entities, whole.entities);
    assert_eq!(events(&library), events(&whole));
}

#[test]
fn spans_and_ids_of_the_library_are_compact() {
    assert_eq!(std::mem::size_of::<Span>(), 8);
    assert!(std::mem::size_of::<Occurrence>() <= 12);
    assert!(std::mem::size_of::<FolderEvent>() <= 64);
}

fn build_with(rules: &str, articles: Vec<ArticleFacts>) -> Library {
    let rules = aliases::AliasRules::parse(rules).expect("rules");
    let mut builder = LibraryBuilder::new().aliases(rules);
    for facts in articles {
        builder.add(facts);
    }
    builder.finish()
}

#[test]
fn the_readers_aliases_merge_what_linking_kept_apart_and_split_what_it_joined() {
    // A bare surname with nothing in common with the full name's article stays apart…
    let folder = || {
        vec![
            article("a.txt", None, vec![person("मोदी", 2), place("वाराणसी", 1)]),
            article("b.txt", None, vec![person("नरेंद्र मोदी", 1)]),
        ]
    };
    assert_eq!(Library::build(folder()).entities.len(), 3);
    // …until the reader says it is him.
    let merged = build_with("[[same]]\nname = \"मोदी\"\nis = \"नरेंद्र मोदी\"\n", folder());
    assert_eq!(merged.entities.len(), 2);
    let modi = &merged.entities[id(&merged, "नरेंद्र मोदी", Kind::Person).index()];
    assert_eq!(modi.occurrences.len(), 2);
    let joined = (0..modi.occurrences.len())
        .find_map(|o| modi.joined_by(o))
        .expect("joined");
    assert_eq!(joined.1, link::Evidence::Reader);
    assert_eq!(joined.1.to_string(), "your aliases.toml says so");
    // A surname linking joins on a shared companion; the reader says they differ.
    let folder = || {
        vec![
            article(
                "a.txt",
                None,
                vec![person("हाफिज सईद", 2), place("लाहौर", 1)],
            ),
            article("b.txt", None, vec![person("सईद", 1), place("लाहौर", 1)]),
        ]
    };
    let names = |l: &Library| summary(l).len();
    assert_eq!(names(&Library::build(folder())), 2, "joined by लाहौर");
    let split = build_with(
        "[[different]]\nname = \"सईद\"\nis_not = \"हाफिज सईद\"\n",
        folder(),
    );
    assert_eq!(names(&split), 3, "{:?}", summary(&split));
    // A rule naming a name the folder lacks changes nothing.
    let none = build_with("[[same]]\nname = \"मोदी\"\nis = \"सुशील मोदी\"\n", folder());
    assert_eq!(names(&none), 2);
}
