//! The span rules, each on sentences written for it.

use super::*;
use crate::extract::tokenize::tokenize;

fn words(tokens: &[Token<'_>], s: &Span) -> String {
    tokens[s.first..s.last]
        .iter()
        .map(|t| t.text)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn letters_and_storms_are_no_people() {
    let person = |text: &str, first: usize, last: usize| {
        let tokens = tokenize(text);
        let span = Span {
            first,
            last,
            kind: Kind::Person,
        };
        !is_no_person(span, &tokens)
    };
    assert!(!person("टी वी पर दिखा", 0, 2));
    assert!(!person("ओबीसी वर्ग के लोग", 0, 1));
    assert!(!person("तूफान कैटरीना से तबाही", 1, 2));
    assert!(person("एम एस धोनी ने कहा", 0, 3));
    assert!(person("कैटरीना कैफ ने कहा", 0, 2));
    assert!(person("राष्ट्रपति डोनाल्ड ट्रंप तूफान प्रभावित क्षेत्रों में", 1, 3));
}

#[test]
fn a_places_kind_word_and_a_direction_before_a_city_are_outside_its_name() {
    let gazetteer = Gazetteer::embedded();
    let trimmed = |text: &str, n: usize| {
        let tokens = tokenize(text);
        let mut span = Span {
            first: 0,
            last: n,
            kind: Kind::Place,
        };
        trim_place_units(gazetteer, &mut span, &tokens);
        words(&tokens, &span)
    };
    assert_eq!(trimmed("खुंताना गांव में बाढ़", 2), "खुंताना");
    assert_eq!(trimmed("तिरतोल पुलिस थाने में", 3), "तिरतोल");
    assert_eq!(trimmed("पूर्वी दिल्ली में", 2), "पूर्वी दिल्ली");
    assert_eq!(trimmed("राष्ट्रीय राजधानी क्षेत्र में", 3), "राष्ट्रीय राजधानी क्षेत्र");
    // न्यू before a place is part of its name (the span starts after it).
    let tokens = tokenize("वे न्यू हैम्पशायर में रहते हैं");
    let mut span = Span {
        first: 2,
        last: 3,
        kind: Kind::Place,
    };
    trim_place_units(gazetteer, &mut span, &tokens);
    assert_eq!(words(&tokens, &span), "न्यू हैम्पशायर");
}

#[test]
fn a_residence_after_nivasi_leaves_the_name_before_it_a_person() {
    let gazetteer = Gazetteer::embedded();
    let kind_of = |text: &str, last: usize| {
        let tokens = tokenize(text);
        let mut span = Span {
            first: 0,
            last,
            kind: Kind::Person,
        };
        retype_by_context(gazetteer, &mut span, &tokens);
        span.kind
    };
    // "X निवासी" before a person: X is where they live.
    assert_eq!(kind_of("करोलबाग निवासी अमन वर्मा घायल हुए", 1), Kind::Place);
    // "X निवासी गांव Y", "X निवासी Y": X is the resident.
    assert_eq!(
        kind_of("राजेश कुमार यादव निवासी गांव रामपुर घायल हुए", 3),
        Kind::Person
    );
    assert_eq!(kind_of("सुरेश चंद निवासी लखनऊ घायल हुए", 2), Kind::Person);
}

#[test]
fn initials_joined_by_stops_are_taken_into_the_name() {
    let gazetteer = Gazetteer::embedded();
    let tokens = tokenize("बैठक में एस.के.आर भटनागर ने कहा");
    let mut span = Span {
        first: 3,
        last: 4,
        kind: Kind::Person,
    };
    take_initials_and_given_names(gazetteer, &mut span, &tokens);
    assert_eq!(words(&tokens, &span), "एस.के.आर भटनागर");
    // के. is an initial before a name, though the tokeniser splits its stop off.
    let tokens = tokenize("तैनात डॉ के. रंजन ने देखा");
    let mut span = Span {
        first: 4,
        last: 5,
        kind: Kind::Person,
    };
    take_initials_and_given_names(gazetteer, &mut span, &tokens);
    assert_eq!(words(&tokens, &span), "के . रंजन");
}

#[test]
fn a_name_ending_in_a_place_or_organisation_noun_is_not_a_person() {
    let gazetteer = Gazetteer::embedded();
    let kind_of = |text: &str, first: usize, last: usize| {
        let tokens = tokenize(text);
        let mut span = Span {
            first,
            last,
            kind: Kind::Person,
        };
        retype_by_head(gazetteer, &mut span, &tokens);
        span.kind
    };
    assert_eq!(kind_of("मिंटो ब्रिज पर पानी भरा", 0, 2), Kind::Place);
    assert_eq!(kind_of("दामोदर नदी में बाढ़", 0, 2), Kind::Place);
    assert_eq!(kind_of("जनता दल पार्टी ने कहा", 0, 3), Kind::Organization);
    // A person stays a person; one word alone is never retyped.
    assert_eq!(kind_of("शिवराज सिंह चौहान ने कहा", 0, 3), Kind::Person);
    assert_eq!(kind_of("नगर में", 0, 1), Kind::Person);
}

#[test]
fn titles_designations_and_diseases_are_no_names() {
    let gazetteer = Gazetteer::embedded();
    let kept = |text: &str, kind: Kind| {
        let tokens = tokenize(text);
        let span = Span {
            first: 0,
            last: 1,
            kind,
        };
        !mend(gazetteer, span, &tokens).is_empty()
    };
    assert!(!kept("डेंगू के मामले", Kind::Person));
    assert!(!kept("मलेरिया के मामले", Kind::Place));
    assert!(!kept("नगर में पानी", Kind::Place));
    for title in [
        "जनरल ने कहा",
        "प्रोफेसर ने कहा",
        "सीएम ने कहा",
        "सिंह ने कहा",
        "कॉलोनी में",
    ] {
        assert!(!kept(title, Kind::Person), "{title}");
    }
    // Names stay, and so does an organisation's head noun standing for it.
    assert!(kept("पुतिन ने कहा", Kind::Person));
    // A designation before a name is not part of it.
    let tokens = tokenize("विश्लेषक नितिन देशमुख ने कहा");
    let analyst = Span {
        first: 0,
        last: 3,
        kind: Kind::Person,
    };
    let mended = mend(gazetteer, analyst, &tokens);
    assert_eq!(words(&tokens, &mended[0]), "नितिन देशमुख");
    assert!(kept("सेना ने कहा", Kind::Organization));
}

#[test]
fn a_place_before_an_organisation_head_names_the_organisation() {
    let gazetteer = Gazetteer::embedded();
    let text = "दिल्ली नगर निगम और दिल्ली पुलिस ने पुतिन सरकार और चीन सरकार से कहा";
    let tokens = tokenize(text);
    let span = |first, last, kind| Span { first, last, kind };
    let mut spans = [
        span(0, 2, Kind::Place),
        span(4, 5, Kind::Place),
        span(5, 6, Kind::Organization),
        span(7, 8, Kind::Person),
        span(10, 11, Kind::Place),
    ];
    join_org_heads(gazetteer, &mut spans, &tokens, tokens.len());
    let named: Vec<(String, Kind)> = spans.iter().map(|s| (words(&tokens, s), s.kind)).collect();
    assert_eq!(
        named,
        [
            ("दिल्ली नगर निगम".to_string(), Kind::Organization),
            // पुलिस is a span of its own already: दिल्ली stays a place.
            ("दिल्ली".to_string(), Kind::Place),
            ("पुलिस".to_string(), Kind::Organization),
            ("पुतिन".to_string(), Kind::Person),
            ("चीन सरकार".to_string(), Kind::Organization),
        ]
    );
}

#[test]
fn brackets_hold_an_abbreviation_apart_and_a_short_tag_in() {
    let mended = |text: &str, first: usize, last: usize| {
        let tokens = tokenize(text);
        let span = Span {
            first,
            last,
            kind: Kind::Organization,
        };
        split_at_brackets(span, &tokens)
            .iter()
            .map(|s| words(&tokens, s))
            .collect::<Vec<_>>()
    };
    // "भारतीय अंतरिक्ष अनुसंधान संगठन ( इसरो": full name, abbreviation.
    let isro = "भारतीय अंतरिक्ष अनुसंधान संगठन (इसरो) के उपग्रह";
    assert_eq!(mended(isro, 0, 6), ["भारतीय अंतरिक्ष अनुसंधान संगठन", "इसरो"]);
    // A short tag stays, with its bracket closed.
    assert_eq!(mended("जनता दल (यू) के नेता", 0, 4), ["जनता दल ( यू )"]);
    // A bracket that never closes is cut off; a span without one is left alone.
    assert_eq!(mended("विश्व बैंक (जो कि", 0, 4), ["विश्व बैंक"]);
    assert_eq!(mended("विश्व बैंक ने कहा", 0, 2), ["विश्व बैंक"]);
}

#[test]
fn an_abbreviation_in_brackets_names_the_full_name_before_it() {
    let text = "भारतीय अंतरिक्ष अनुसंधान संगठन (इसरो) और नासा (अमेरिका) ने कहा";
    let tokens = tokenize(text);
    let org = |first, last| Span {
        first,
        last,
        kind: Kind::Organization,
    };
    let place = |first, last| Span {
        first,
        last,
        kind: Kind::Place,
    };
    let spans = [org(0, 4), org(5, 6), org(8, 9), place(10, 11)];
    let pairs = abbreviation_of(&spans, &tokens);
    let named: Vec<(String, String)> = pairs
        .iter()
        .map(|(short, full)| (words(&tokens, short), words(&tokens, full)))
        .collect();
    // नासा is one word and अमेरिका another kind: only इसरो pairs.
    assert_eq!(
        named,
        [("इसरो".to_string(), "भारतीय अंतरिक्ष अनुसंधान संगठन".to_string())]
    );
}

#[test]
fn a_listed_name_the_tagger_passed_by_is_a_name() {
    let gazetteer = Gazetteer::embedded();
    let text = "टीएएसएस और स्पुतनिक ने बताया";
    let tokens = tokenize(text);
    let keys: Vec<String> = tokens
        .iter()
        .map(|t| crate::extract::gazetteer::token_key(t.text))
        .collect();
    let matches = gazetteer.positions(&keys);
    let tass = Span {
        first: 0,
        last: 1,
        kind: Kind::Organization,
    };
    let found = listed_names(gazetteer, &tokens, 0, &matches, &[tass]);
    let named: Vec<(String, Kind)> = found.iter().map(|s| (words(&tokens, s), s.kind)).collect();
    assert_eq!(named, [("स्पुतनिक".to_string(), Kind::Organization)]);
    // A name the tagger already found is not found twice.
    let sputnik = Span {
        first: 2,
        last: 3,
        kind: Kind::Organization,
    };
    assert!(listed_names(gazetteer, &tokens, 0, &matches, &[tass, sputnik]).is_empty());
}
