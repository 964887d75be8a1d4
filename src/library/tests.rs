//! Linking across articles, on articles written by hand.

use chrono::NaiveDate;

use super::*;
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
                .map(|o| library.articles[o.article].path.clone())
                .collect();
            (e.name.clone(), e.kind, paths)
        })
        .collect()
}

fn id(library: &Library, name: &str, kind: Kind) -> usize {
    library.find(name, kind).expect(name)
}

#[test]
fn a_surname_alone_links_to_the_one_full_name_it_fits() {
    let library = Library::build(vec![
        article(
            "a.txt",
            Some("2025-03-20"),
            vec![
                entity("व्लादिमीर पुतिन", Kind::Person, &["पुतिन"], 3),
                place("मॉस्को", 1),
            ],
        ),
        article("b.txt", Some("2025-03-21"), vec![person("पुतिन", 2)]),
    ]);
    let putin = id(&library, "पुतिन", Kind::Person);
    assert_eq!(putin, id(&library, "व्लादिमीर पुतिन", Kind::Person));
    let e = &library.entities[putin];
    assert_eq!(e.name, "व्लादिमीर पुतिन");
    assert_eq!(e.aliases, vec!["पुतिन"]);
    assert_eq!(e.mentions, 5);
    // Newest first.
    let paths: Vec<&str> = library
        .articles_of(putin)
        .iter()
        .map(|o| library.articles[o.article].path.as_str())
        .collect();
    assert_eq!(paths, vec!["b.txt", "a.txt"]);
    assert_eq!(library.articles_of(putin)[0].mentions.len(), 2);
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
    assert_eq!(library.entities[kim].name, "किम");
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
    let zelensky = &library.entities[id(&library, "ज़ेलेंस्की", Kind::Person)];
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
        .map(|(i, n)| (library.entities[i].name.as_str(), n))
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
    let mut b = article("b.txt", Some("2025-03-25"), vec![person("शोइगु", 1)]);
    b.timeline = vec![
        event(Some("2024-06"), 30, &["शोइगु"]),
        event(Some("2025-03-21"), 5, &[]),
    ];
    let library = Library::build(vec![b, a]);
    let order: Vec<(&str, usize)> = library
        .timeline
        .iter()
        .map(|e| (library.articles[e.article].path.as_str(), e.entry.start))
        .collect();
    assert_eq!(
        order,
        vec![("b.txt", 30), ("a.txt", 10), ("b.txt", 5)],
        "dated events in date order; the undated one stays in its article"
    );
    let shoigu = id(&library, "शोइगु", Kind::Person);
    let own: Vec<Option<&str>> = library
        .timeline_of(shoigu)
        .iter()
        .map(|e| e.entry.value.as_deref())
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
