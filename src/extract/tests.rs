//! Extraction end to end on sentences written for these tests: one test for each way the
//! sidebar went wrong on real news (issue 14's classes).

use super::*;
use crate::article::parse_txt;

fn extractor() -> Extractor {
    Extractor::embedded().expect("the shipped model loads")
}

/// (name, kind, mentions) of what `body` names.
fn found(body: &str) -> Vec<(String, Kind, usize)> {
    extractor()
        .entities(body)
        .into_iter()
        .map(|e| (e.name, e.kind, e.mentions.len()))
        .collect()
}

fn names(body: &str) -> Vec<String> {
    found(body).into_iter().map(|(n, ..)| n).collect()
}

fn has(body: &str, name: &str, kind: Kind) -> bool {
    found(body).iter().any(|(n, k, _)| n == name && *k == kind)
}

#[test]
fn a_given_name_that_is_an_ordinary_word_spreads_only_with_a_cue() {
    let body = "मंदिर की पुजारिन पूजा शर्मा ने बताया कि सुबह पूजा की गई। पूजा के बाद प्रसाद बांटा \
                गया। शाम की पूजा में भीड़ रही।";
    let all = found(body);
    let pooja = all.iter().find(|(n, ..)| n == "पूजा शर्मा");
    assert_eq!(pooja.map(|p| p.2), Some(1), "{all:?}");
    // ने after the word is a cue: there it is her.
    let cued = "पुजारिन पूजा शर्मा ने कहा कि आरती होगी। बाद में पूजा ने बताया कि पूजा सुबह होगी।";
    let all = found(cued);
    let pooja = all.iter().find(|(n, ..)| n == "पूजा शर्मा");
    assert_eq!(pooja.map(|p| p.2), Some(2), "{all:?}");
}

#[test]
fn names_keep_their_initials_and_first_names_and_lose_honorifics() {
    let body = "बैठक में ए. के. वर्मा, एम एस धोनी और जे. एन. साहू मौजूद थे। बाद में शर्मा जी ने कहा।";
    let all = names(body);
    for name in ["ए. के. वर्मा", "एम एस धोनी", "जे. एन. साहू"]
    {
        assert!(all.iter().any(|n| n == name), "{name} in {all:?}");
    }
    assert!(!all.iter().any(|n| n.ends_with(" जी")), "{all:?}");
}

#[test]
fn an_initial_that_is_also_a_word_keeps_its_full_stop_in_the_name() {
    // के. is an initial here, not "of" ending a sentence.
    let body = "अस्पताल में तैनात डॉ के. रंजन ने मरीज का इलाज किया। बाद में सुनील के. शर्मा ने भी \
                मरीज को देखा।";
    let all = names(body);
    for name in ["के. रंजन", "सुनील के. शर्मा"] {
        assert!(all.iter().any(|n| n == name), "{name} in {all:?}");
    }
    assert!(!all.iter().any(|n| n == "रंजन" || n == "शर्मा"), "{all:?}");
    // The initial is no short form: the many के of the text are no mentions of him.
    let ranjan = extractor()
        .entities(body)
        .into_iter()
        .find(|e| e.name == "के. रंजन")
        .map(|e| e.mentions.len());
    assert_eq!(ranjan, Some(1));
}

#[test]
fn initials_with_and_without_stops_are_one_person() {
    let body = "एस.के.आर भटनागर ने बैठक बुलाई। एसकेआर भटनागर ने कहा कि काम होगा।";
    let all = found(body);
    let people: Vec<_> = all.iter().filter(|(_, k, _)| *k == Kind::Person).collect();
    assert_eq!(people.len(), 1, "{all:?}");
    assert_eq!(people[0].2, 2, "{all:?}");
}

#[test]
fn a_road_named_after_a_person_is_a_place() {
    let body = "दुर्घटना राजेंद्र पथ पर हुई। राजेंद्र पथ पर जाम लगा रहा।";
    let all = found(body);
    assert!(!all.iter().any(|(_, k, _)| *k == Kind::Person), "{all:?}");
    assert!(has(body, "राजेंद्र पथ", Kind::Place), "{all:?}");
}

#[test]
fn a_known_place_or_an_alias_word_never_sits_inside_a_persons_name() {
    let body = "मुंबई पुलिस ने बताया कि राजेश कुमार उर्फ राजू को पकड़ा गया। राजेश कुमार उर्फ राजू \
                पर कई मामले दर्ज हैं।";
    let all = extractor().entities(body);
    assert!(
        !all.iter().any(|e| e.name.contains("उर्फ")),
        "{:?}",
        all.iter().map(|e| &e.name).collect::<Vec<_>>()
    );
}

#[test]
fn words_around_a_name_settle_its_kind() {
    let body = "द्वारका में रहने वाले लोगों ने शिकायत की। पुलिस ने बताया कि रोहिणी निवासी युवक घायल हुआ।";
    assert!(has(body, "द्वारका", Kind::Place), "{:?}", found(body));
    assert!(!has(body, "द्वारका", Kind::Person));
    // "X निवासी गांव Y": X is the resident, Y the place.
    let body = "मृतकों की पहचान राजेश कुमार यादव निवासी गांव रामपुर के रूप में हुई।";
    assert!(
        has(body, "राजेश कुमार यादव", Kind::Person),
        "{:?}",
        found(body)
    );
}

#[test]
fn a_name_inside_an_institutions_name_is_no_entity_of_its_own() {
    let body = "घायलों को राम मनोहर लोहिया अस्पताल में भर्ती कराया गया। गुरु नानक देव \
                विश्वविद्यालय के छात्र भी पहुंचे।";
    let all = found(body);
    assert!(
        !all.iter()
            .any(|(n, k, _)| *k == Kind::Person && (n == "राम मनोहर" || n == "गुरु नानक")),
        "{all:?}"
    );
    assert!(
        has(body, "राम मनोहर लोहिया अस्पताल", Kind::Organization),
        "{all:?}"
    );
}

#[test]
fn adjectives_of_nationality_and_groups_are_no_names() {
    let body = "भारतीय ओलंपिक संघ ने कहा कि ईरानी और चीनी खिलाड़ी आएंगे। नक्सली हमले में जवान घायल हुए।";
    let all = names(body);
    for word in ["भारतीय", "ईरानी", "चीनी", "नक्सली"] {
        assert!(!all.iter().any(|n| n == word), "{word} in {all:?}");
    }
}

#[test]
fn a_hyphenated_pair_of_places_is_each_place() {
    let body = "भारत-चीन सीमा पर तनाव है और रूस-यूक्रेन युद्ध जारी है।";
    let all = names(body);
    for place in ["भारत", "चीन", "रूस", "यूक्रेन"] {
        assert!(all.iter().any(|n| n == place), "{place} in {all:?}");
    }
    assert!(!all.iter().any(|n| n.contains('-')), "{all:?}");
    // A listed place and a word the lists do not know are split too; an ordinary word
    // after the hyphen stays with it.
    let words = |text: &str| -> Vec<String> {
        let e = extractor();
        e.tokens(text).iter().map(|t| t.text.to_string()).collect()
    };
    assert_eq!(
        words("कानपुर-झिंझक मार्ग पर जाम"),
        ["कानपुर", "-", "झिंझक", "मार्ग", "पर", "जाम"]
    );
    assert_eq!(words("भारत-विरोधी नारे"), ["भारत-विरोधी", "नारे"]);
}

#[test]
fn spellings_of_one_place_are_one_entity_but_delhi_is_not_new_delhi() {
    let body = "मुंबई में बारिश हुई। मुम्बई के लोग परेशान रहे। दिल्ली और नई दिल्ली में भी बादल छाए।";
    let all = found(body);
    let mumbai: Vec<_> = all.iter().filter(|(n, ..)| n.starts_with("मु")).collect();
    assert_eq!(mumbai.len(), 1, "{all:?}");
    assert_eq!(mumbai[0].2, 2);
    assert!(all.iter().any(|(n, ..)| n == "दिल्ली"), "{all:?}");
    assert!(all.iter().any(|(n, ..)| n == "नई दिल्ली"), "{all:?}");
}

#[test]
fn a_place_written_in_latin_letters_too_is_one_place() {
    let body = "झारखंड में बारिश हुई। Jharkhand के कई जिलों में अलर्ट है।";
    let all = extractor().entities(body);
    let places: Vec<_> = all.iter().filter(|e| e.kind == Kind::Place).collect();
    assert_eq!(places.len(), 1, "{all:?}");
    assert_eq!(places[0].name, "झारखंड");
    assert_eq!(places[0].aliases, ["Jharkhand"]);
}

#[test]
fn datelines_give_places_and_agencies_not_bylines_or_captions() {
    let extract = |text: &str| {
        let article = parse_txt(text, None).expect("the article parses");
        extractor()
            .extract(&article, None)
            .entities
            .into_iter()
            .map(|e| (e.name, e.kind))
            .collect::<Vec<_>>()
    };
    let beijing = extract("शीर्षक\n\nबीजिंग (एएफपी): चीन ने नई योजना की घोषणा की।\n");
    assert!(
        beijing.contains(&("बीजिंग".to_string(), Kind::Place)),
        "{beijing:?}"
    );
    assert!(
        beijing.contains(&("एएफपी".to_string(), Kind::Organization)),
        "{beijing:?}"
    );
    let two = extract("शीर्षक\n\nलखनऊ/कानपुर: प्रदेश में बारिश हुई।\n");
    assert!(two.contains(&("लखनऊ".to_string(), Kind::Place)), "{two:?}");
    assert!(two.contains(&("कानपुर".to_string(), Kind::Place)), "{two:?}");
    let byline = extract("शीर्षक\n\nराज्य ब्यूरो, जागरण संवाद\u{200d}दाता: प्रदेश में बारिश हुई।\n");
    assert!(
        !byline
            .iter()
            .any(|(n, _)| n.contains("ब्यूरो") || n.contains("संवाद")),
        "{byline:?}"
    );
    let caption = extract("शीर्षक\n\nफोटो: बारिश के बाद सड़क पर पानी भरा।\n");
    assert!(
        !caption.iter().any(|(n, _)| n.contains("फोटो")),
        "{caption:?}"
    );
}

#[test]
fn every_entity_has_a_confidence_and_doubtful_lone_guesses_are_left_out() {
    let all = extractor().entities("प्रधानमंत्री नरेंद्र मोदी ने दिल्ली में कहा कि देश आगे बढ़ेगा।");
    assert!(!all.is_empty());
    for e in &all {
        assert!((0.0..=1.0).contains(&e.confidence), "{e:?}");
        assert!(
            e.mentions.len() > 1 || e.confidence >= MIN_CONFIDENCE,
            "{e:?}"
        );
    }
    let modi = all
        .iter()
        .find(|e| e.name == "नरेंद्र मोदी")
        .expect("मोदी found");
    assert_eq!(modi.titles, vec!["प्रधानमंत्री"]);
}
