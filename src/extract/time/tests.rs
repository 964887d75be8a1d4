//! Tests of the timeline: each family of expressions, tense resolution, ranges and year
//! rollover, the seed cases table, the seed article's events, ordering and the JSON shape.

use chrono::NaiveDate;

use super::*;
use crate::extract::{Entity, Kind, Mention};

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// (text, value, mod) of every expression in `text` with reference `dct`.
fn found(text: &str, dct: &str) -> Vec<(String, Option<String>, Option<String>)> {
    find_timexes(text, Some(date(dct)))
        .into_iter()
        .map(|e| (e.text, e.value, e.modifier))
        .collect()
}

/// The first expression of `text`: (text, kind, value, mod).
fn first(text: &str, dct: &str) -> (String, TimexKind, Option<String>, Option<String>) {
    let e = find_timexes(text, Some(date(dct)))
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("nothing found in {text:?}"));
    (e.text, e.kind, e.value, e.modifier)
}

fn v(s: &str) -> Option<String> {
    Some(s.to_string())
}

/// The project's hand-written seed cases (`../shared/data/time/seed_test_cases_dct_2024-03-21.tsv`,
/// ours): text, tense of the clause's verb, TIMEX3 type, value, mod. DCT 2024-03-21.
const SEED_CASES: &[(&str, &str, &str, &str, &str)] = &[
    ("21 मार्च", "past", "DATE", "2024-03-21", ""),
    ("पिछले साल जून में", "past", "DATE", "2023-06", ""),
    ("इस महीने की शुरुआत में", "past", "DATE", "2024-03", "START"),
    ("नवंबर में", "past", "DATE", "2023-11", ""),
    ("नवंबर में", "fut", "DATE", "2024-11", ""),
    ("हाल ही में", "past", "DATE", "PAST_REF", ""),
    ("दो घंटे से ज्यादा", "past", "DURATION", "PT2H", "MORE_THAN"),
    ("सोमवार को", "past", "DATE", "2024-03-18", ""),
    ("सोमवार को", "fut", "DATE", "2024-03-25", ""),
    ("बुधवार को", "past", "DATE", "2024-03-20", ""),
    ("2024 में", "past", "DATE", "2024", ""),
    ("कल", "past", "DATE", "2024-03-20", ""),
    ("कल", "fut", "DATE", "2024-03-22", ""),
    ("परसों", "past", "DATE", "2024-03-19", ""),
    ("आज", "past", "DATE", "2024-03-21", ""),
    ("पिछले सप्ताह", "past", "DATE", "2024-W11", ""),
    ("अगले महीने", "fut", "DATE", "2024-04", ""),
    ("दो साल पहले", "past", "DATE", "2022", ""),
    ("तीन दिन बाद", "fut", "DATE", "2024-03-24", ""),
    ("पिछले पांच सालों में", "past", "DURATION", "P5Y", ""),
    ("1 से 5 मार्च तक", "past", "DATE", "2024-03-01/2024-03-05", ""),
    (
        "25 दिसंबर से 2 जनवरी तक",
        "past",
        "DATE",
        "2023-12-25/2024-01-02",
        "",
    ),
    ("सन् 1947 में", "past", "DATE", "1947", ""),
    ("१५ अगस्त १९४७", "past", "DATE", "1947-08-15", ""),
    ("गणतंत्र दिवस पर", "past", "DATE", "2024-01-26", ""),
    ("साढ़े तीन साल", "past", "DURATION", "P3Y6M", ""),
    ("डेढ़ महीने", "past", "DURATION", "P1M15D", ""),
    ("शाम 5 बजे", "past", "TIME", "2024-03-21T17:00", ""),
    ("मंगलवार रात", "past", "TIME", "2024-03-19TNI", ""),
    ("1990 के दशक में", "past", "DATE", "199", ""),
    ("21वीं सदी", "past", "DATE", "20", ""),
    ("इस साल की पहली तिमाही", "past", "DATE", "2024-Q1", ""),
    ("हर साल", "past", "SET", "P1Y", ""),
    ("रोजाना", "past", "SET", "P1D", ""),
];

/// A seed case's text inside a clause with a verb of the case's tense.
fn in_clause(text: &str, tense: &str) -> String {
    match tense {
        "fut" => format!("{text} बैठक होगी।"),
        _ => format!("{text} बैठक हुई थी।"),
    }
}

#[test]
fn every_seed_case_resolves() {
    let mut wrong = Vec::new();
    for &(text, tense, class, value, modifier) in SEED_CASES {
        let sentence = in_clause(text, tense);
        let (span, kind, got, got_mod) = first(&sentence, "2024-03-21");
        let kind_ok = match class {
            "DATE" => kind == TimexKind::Date,
            "TIME" => kind == TimexKind::Time,
            "DURATION" => kind == TimexKind::Duration,
            "SET" => kind == TimexKind::Set,
            _ => false,
        };
        let want_mod = (!modifier.is_empty()).then(|| modifier.to_string());
        if got.as_deref() != Some(value)
            || got_mod != want_mod
            || !kind_ok
            || !text.starts_with(&span)
        {
            wrong.push(format!(
                "{text} ({tense}): got {span:?} {kind:?} {got:?} {got_mod:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn dates_with_day_month_and_year() {
    assert_eq!(
        found("21 मार्च 2025 को बैठक हुई।", "2025-03-22")[0].1,
        v("2025-03-21")
    );
    assert_eq!(
        found("१५ अगस्त १९४७ को देश आजाद हुआ।", "2025-03-22")[0].1,
        v("1947-08-15")
    );
    assert_eq!(
        found("छह सितंबर को सुनवाई हुई थी।", "2017-10-01")[0].1,
        v("2017-09-06")
    );
    assert_eq!(found("सन् 1947 में बंटवारा हुआ।", "2025-03-22")[0].1, v("1947"));
    assert_eq!(found("साल 2015 में कंपनी बनी।", "2025-03-22")[0].0, "साल 2015");
    assert_eq!(found("2019-21 के दौरान", "2025-03-22")[0].1, v("2019/2021"));
    // A number of people is not a year.
    assert!(found("2024 लोगों ने भाग लिया।", "2025-03-22").is_empty());
}

#[test]
fn spelling_variants_of_months_and_weekdays() {
    let r = "2024-12-31";
    assert_eq!(found("5 सितम्बर को", r)[0].1, v("2024-09-05"));
    assert_eq!(found("5 अक्तूबर को", r)[0].1, v("2024-10-05"));
    assert_eq!(found("गुरूवार को बैठक हुई।", r)[0].1, v("2024-12-26"));
    assert_eq!(found("बृहस्पतिवार को बैठक हुई।", r)[0].1, v("2024-12-26"));
    assert_eq!(found("5 फ़रवरी को", r)[0].1, v("2024-02-05"));
    // Unclear tense: the past, unless the date is in the coming week.
    assert_eq!(found("3 जनवरी को", r)[0].1, v("2025-01-03"));
}

#[test]
fn bare_month_and_weekday_follow_the_tense() {
    let r = "2024-03-21";
    assert_eq!(found("नवंबर में उन्होंने कहा था।", r)[0].1, v("2023-11"));
    assert_eq!(found("नवंबर में चुनाव होंगे।", r)[0].1, v("2024-11"));
    assert_eq!(found("बुधवार को बैठक हुई।", r)[0].1, v("2024-03-20"));
    assert_eq!(found("बुधवार को बैठक होगी।", r)[0].1, v("2024-03-27"));
    // No verb: news defaults to the past.
    assert_eq!(found("सोमवार को", r)[0].1, v("2024-03-18"));
    // कल: yesterday or tomorrow by the verb.
    assert_eq!(found("कल उन्होंने इस्तीफा दे दिया था।", r)[0].1, v("2024-03-20"));
    assert_eq!(found("कल वे इस्तीफा देंगे।", r)[0].1, v("2024-03-22"));
    // The verb of a कि-clause is the one that counts.
    assert_eq!(found("उन्होंने कहा कि कल बैठक होगी।", r)[0].1, v("2024-03-22"));
}

#[test]
fn a_march_is_not_march() {
    assert!(found("कांग्रेस ने कैंडल मार्च निकाला।", "2024-03-21").is_empty());
    assert_eq!(found("मार्च में बारिश हुई।", "2024-05-01")[0].1, v("2024-03"));
}

#[test]
fn relative_expressions() {
    let r = "2024-03-21";
    assert_eq!(found("पिछले साल जून में संधि हुई।", r)[0].1, v("2023-06"));
    assert_eq!(found("अगले सप्ताह बैठक होगी।", r)[0].1, v("2024-W13"));
    assert_eq!(found("दो साल पहले", r)[0].1, v("2022"));
    assert_eq!(found("तीन दिन बाद वह लौटेगा।", r)[0].1, v("2024-03-24"));
    assert_eq!(found("दो महीने पहले", r)[0].1, v("2024-01"));
    assert_eq!(found("गत शुक्रवार को", r)[0].1, v("2024-03-15"));
    assert_eq!(found("पिछली रात हमला हुआ।", r)[0].1, v("2024-03-20TNI"));
    assert_eq!(found("इस साल अगस्त में", r)[0].1, v("2024-08"));
    assert_eq!(found("कुछ दिन पहले", r)[0].1, v("PAST_REF"));
}

#[test]
fn vague_references() {
    let r = "2024-03-21";
    for (text, want) in [
        ("हाल ही में उन्होंने कहा।", "PAST_REF"),
        ("पिछले दिनों बारिश हुई।", "PAST_REF"),
        ("इन दिनों बाजार ठंडा है।", "PRESENT_REF"),
        ("आज भी लोग उन्हें याद करते हैं।", "PRESENT_REF"),
        ("उन दिनों गांव में स्कूल नहीं था।", "PAST_REF"),
        ("आने वाले दिनों में बारिश होगी।", "FUTURE_REF"),
    ] {
        assert_eq!(found(text, r)[0].1, v(want), "{text}");
    }
}

#[test]
fn times_of_day() {
    let r = "2024-03-21";
    assert_eq!(found("शाम 5 बजे", r)[0].1, v("2024-03-21T17:00"));
    assert_eq!(found("मंगलवार रात हमला हुआ।", r)[0].1, v("2024-03-19TNI"));
    assert_eq!(found("रविवार सुबह 8:30 बजे", r)[0].1, v("2024-03-17T08:30"));
    assert_eq!(
        found("दोपहर 2 बजकर 45 मिनट पर", r)[0].1,
        v("2024-03-21T14:45")
    );
    assert_eq!(
        found("करीब साढ़े दस बजे", r)[0],
        ("करीब साढ़े दस बजे".into(), v("2024-03-21T10:30"), v("APPROX"))
    );
    assert_eq!(found("देर रात", r)[0].1, v("2024-03-21TNI"));
    assert_eq!(found("सुबह", r)[0].1, v("2024-03-21TMO"));
}

#[test]
fn durations() {
    let r = "2024-03-21";
    assert_eq!(
        found("दो घंटे से ज्यादा", r)[0],
        ("दो घंटे से ज्यादा".into(), v("PT2H"), v("MORE_THAN"))
    );
    assert_eq!(found("साढ़े तीन साल", r)[0].1, v("P3Y6M"));
    assert_eq!(found("डेढ़ महीने", r)[0].1, v("P1M15D"));
    assert_eq!(found("ढाई घंटे", r)[0].1, v("PT2H30M"));
    assert_eq!(found("लगभग तीन महीनों", r)[0].2, v("APPROX"));
    assert_eq!(found("कुछ दिन", r)[0].1, v("PXD"));
    assert_eq!(found("24 घंटे", r)[0].1, v("PT24H"));
    assert_eq!(first("कुछ देर बाद पुलिस पहुंची।", r).1, TimexKind::Duration);
    assert_eq!(found("कुछ समय बाद टीका आएगा।", r)[0].1, v("FUTURE_REF"));
    assert_eq!(found("कुछ समय पहले यह हुआ था।", r)[0].1, v("PAST_REF"));
    // Ranges and decimals: 15 से 20 दिन, 12-24 घंटे, 6.2 दिन, एक ही दिन.
    assert_eq!(found("आगामी 15 से 20 दिन अहम हैं।", r)[0].1, v("P15D/P20D"));
    assert_eq!(found("करीब 12-24 घंटे लगते हैं।", r)[0].1, v("PT12H/PT24H"));
    assert_eq!(found("दर औसतन 6.2 दिन हो गई है।", r)[0].1, v("P6.2D"));
    assert_eq!(found("एक ही दिन में 141 लोग ठीक हुए।", r)[0].1, v("P1D"));
    // A number after a part of the day that counts a unit is no clock time.
    assert_eq!(
        found("आज सुबह 12 दिन बाद वे लौटे।", r)[0].1,
        v("2024-03-21TMO")
    );
    assert_eq!(found("चालू वित्त वर्ष में", r)[0].1, v("2023-04/2024-03"));
    assert_eq!(found("वित्त वर्ष 2024-25 में", r)[0].1, v("2024-04/2025-03"));
}

#[test]
fn sets() {
    let r = "2024-03-21";
    assert_eq!(first("हर साल मेला लगता है।", r).2, v("P1Y"));
    assert_eq!(first("रोजाना", r).1, TimexKind::Set);
    assert_eq!(first("हर सोमवार", r).2, v("XXXX-WXX-1"));
    assert_eq!(first("प्रति वर्ष", r).2, v("P1Y"));
    // A speed is not a set.
    assert!(found("100 किलोमीटर प्रति घंटे", r).is_empty());
}

#[test]
fn ranges_and_year_rollover() {
    let r = "2024-03-21";
    assert_eq!(found("1 से 5 मार्च तक", r)[0].1, v("2024-03-01/2024-03-05"));
    assert_eq!(
        found("25 दिसंबर से 2 जनवरी तक छुट्टी थी।", r)[0].1,
        v("2023-12-25/2024-01-02")
    );
    assert_eq!(
        found("25 दिसंबर से 2 जनवरी तक छुट्टी रहेगी।", r)[0].1,
        v("2024-12-25/2025-01-02")
    );
    assert_eq!(
        found("2-3 दिसंबर 1984 की रात", r)[0].1,
        v("1984-12-02/1984-12-03")
    );
    assert_eq!(found("जनवरी से मार्च तक", r)[0].1, v("2024-01/2024-03"));
}

#[test]
fn decades_centuries_quarters() {
    let r = "2024-03-21";
    assert_eq!(found("1990 के दशक में", r)[0].1, v("199"));
    assert_eq!(found("19वीं सदी में", r)[0].1, v("18"));
    assert_eq!(found("इस साल की पहली तिमाही", r)[0].1, v("2024-Q1"));
    assert_eq!(found("पिछली तिमाही में", r)[0].1, v("2023-Q4"));
}

#[test]
fn fixed_date_days() {
    let r = "2024-03-21";
    assert_eq!(found("गणतंत्र दिवस पर परेड हुई।", r)[0].1, v("2024-01-26"));
    assert_eq!(found("स्वतंत्रता दिवस पर भाषण होगा।", r)[0].1, v("2024-08-15"));
    assert_eq!(found("क्रिसमस पर", r)[0].1, v("2023-12-25"));
}

#[test]
fn moving_festivals_take_their_date_by_tense() {
    let r = "2024-03-21";
    // Holi 2024 fell on 25 March, Diwali 2023 on 12 November, Eid al-Fitr 2024 on 11 April.
    assert_eq!(found("होली पर बाजार सजेंगे।", r)[0].1, v("2024-03-25"));
    assert_eq!(
        found("पिछली बार दिवाली पर पटाखे चले थे।", r)[0].1,
        v("2023-11-12")
    );
    assert_eq!(found("ईद पर छुट्टी रहेगी।", r)[0].1, v("2024-04-11"));
    // A festival the calendar table does not give is found without a value.
    assert_eq!(found("रक्षाबंधन पर", r)[0].1, None);
}

#[test]
fn without_a_reference_relative_values_stay_open() {
    let e = find_timexes("पिछले साल जून में और 21 मार्च को बुधवार को", None);
    let values: Vec<Option<String>> = e.into_iter().map(|e| e.value).collect();
    assert_eq!(values, vec![v("XXXX-06"), v("XXXX-03-21"), v("XXXX-WXX-3")]);
}

#[test]
fn offsets_point_at_the_expression() {
    let text = "सोल, 21 मार्च . बैठक दो घंटे से ज्यादा चली।";
    for e in find_timexes(text, Some(date("2025-03-21"))) {
        assert_eq!(&text[e.start..e.end], e.text);
    }
}

fn person(name: &str, body: &str, at: &str) -> Entity {
    let start = body.find(at).unwrap();
    Entity {
        name: name.to_string(),
        kind: Kind::Person,
        aliases: Vec::new(),
        mentions: vec![Mention {
            start,
            end: start + at.len(),
            text: at.to_string(),
        }],
        confidence: 1.0,
        titles: Vec::new(),
    }
}

/// A short text of our own with the seed article's patterns.
const SEEDLIKE: &str = "मास्को, 21 मार्च . रूसी मंत्री इवान पेत्रोव ने 21 मार्च को दिल्ली में प्रधानमंत्री से \
मुलाकात की और व्यापार पर चर्चा की. यह बैठक दो घंटे से ज्यादा चली. उन्होंने कहा कि राष्ट्रपति \
पिछले साल जून में हुए समझौते पर ध्यान दे रहे हैं.\n\nइस महीने की शुरुआत में, उप मंत्री ओल्गा \
स्मिर्नोवा ने भी दिल्ली का दौरा किया था. इसके अलावा, सलाहकार अनिल राव ने नवंबर में एक टीवी चैनल \
पर कहा था कि यात्रा संभव है. हाल ही में, दोनों नेताओं ने फोन पर बात की थी.";

#[test]
fn timeline_of_a_seedlike_article() {
    let entities = vec![
        person("इवान पेत्रोव", SEEDLIKE, "इवान पेत्रोव"),
        person("ओल्गा स्मिर्नोवा", SEEDLIKE, "ओल्गा"),
        person("अनिल राव", SEEDLIKE, "अनिल राव"),
    ];
    let t = timeline(SEEDLIKE, Some(date("2025-03-21")), &entities);
    let rows: Vec<(&str, Option<&str>, Option<&str>)> = t
        .iter()
        .map(|e| (e.text.as_str(), e.value.as_deref(), e.modifier.as_deref()))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("पिछले साल जून", Some("2024-06"), None),
            ("नवंबर", Some("2024-11"), None),
            ("इस महीने की शुरुआत", Some("2025-03"), Some("START")),
            ("21 मार्च", Some("2025-03-21"), None),
            ("21 मार्च", Some("2025-03-21"), None),
            ("दो घंटे से ज्यादा", Some("PT2H"), Some("MORE_THAN")),
            ("हाल ही में", Some("PAST_REF"), None),
        ]
    );
    let meeting = &t[4];
    assert_eq!(
        meeting.event,
        "रूसी मंत्री इवान पेत्रोव ने 21 मार्च को दिल्ली में प्रधानमंत्री से मुलाकात की"
    );
    assert_eq!(meeting.entities, vec!["इवान पेत्रोव".to_string()]);
    let visit = &t[2];
    assert_eq!(
        visit.event,
        "इस महीने की शुरुआत में, उप मंत्री ओल्गा स्मिर्नोवा ने भी दिल्ली का दौरा किया था"
    );
    assert_eq!(visit.entities, vec!["ओल्गा स्मिर्नोवा".to_string()]);
    let remark = &t[1];
    assert!(
        remark.event.starts_with("सलाहकार अनिल राव ने नवंबर में"),
        "{}",
        remark.event
    );
    assert_eq!(remark.entities, vec!["अनिल राव".to_string()]);
}

#[test]
fn the_bundled_seed_article() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/sample/seed-korea-russia.txt"
    );
    let Ok(body) = std::fs::read_to_string(path) else {
        return;
    };
    let t = timeline(&body, Some(date("2025-03-21")), &[]);
    let has = |text: &str, value: &str, modifier: Option<&str>| {
        t.iter().any(|e| {
            e.text == text && e.value.as_deref() == Some(value) && e.modifier.as_deref() == modifier
        })
    };
    assert!(has("21 मार्च", "2025-03-21", None));
    assert!(has("दो घंटे से ज्यादा", "PT2H", Some("MORE_THAN")));
    assert_eq!(
        t.iter()
            .filter(|e| e.text == "पिछले साल जून" && e.value.as_deref() == Some("2024-06"))
            .count(),
        2
    );
    assert!(has("इस महीने की शुरुआत", "2025-03", Some("START")));
    assert!(has("नवंबर", "2024-11", None));
    assert!(has("हाल ही में", "PAST_REF", None));
}

#[test]
fn long_events_are_cut_at_a_word() {
    let body = format!("21 मार्च को {} हुआ।", "बहुत लंबी बात ".repeat(30));
    let t = timeline(&body, Some(date("2025-03-22")), &[]);
    assert!(t[0].event.chars().count() <= 121);
    assert!(t[0].event.ends_with('…'));
}

#[test]
fn order_is_chronological_then_undated_by_position() {
    let text = "हाल ही में बात हुई। 5 जनवरी 2024 को बैठक हुई। हर साल मेला लगता है। 1990 के दशक में शुरुआत हुई। दो घंटे चली।";
    let t = timeline(text, Some(date("2025-03-21")), &[]);
    let texts: Vec<&str> = t.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(
        texts,
        vec!["1990 के दशक", "5 जनवरी 2024", "हाल ही में", "हर साल", "दो घंटे"]
    );
}

#[test]
fn json_shape() {
    let t = timeline("बैठक दो घंटे से ज्यादा चली।", Some(date("2025-03-21")), &[]);
    let json = serde_json::to_value(&t[0]).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "text": "दो घंटे से ज्यादा",
            "start": 13,
            "end": 58,
            "kind": "duration",
            "value": "PT2H",
            "mod": "MORE_THAN",
            "event": "बैठक दो घंटे से ज्यादा चली",
            "entities": []
        })
    );
}

#[test]
fn readable_values() {
    let entry = |kind, value: &str, modifier: Option<&str>| TimelineEntry {
        text: "x".into(),
        start: 0,
        end: 1,
        kind,
        value: Some(value.into()),
        modifier: modifier.map(str::to_string),
        event: String::new(),
        entities: Vec::new(),
    };
    let d = TimexKind::Date;
    assert_eq!(display_value(&entry(d, "2025-03-21", None)), "21 मार्च 2025");
    assert_eq!(display_value(&entry(d, "2024-06", None)), "जून 2024");
    assert_eq!(
        display_value(&entry(d, "2025-03", Some("START"))),
        "मार्च 2025 की शुरुआत"
    );
    assert_eq!(display_value(&entry(d, "2024", None)), "2024");
    assert_eq!(
        display_value(&entry(TimexKind::Duration, "P15D/P20D", None)),
        "15 दिन – 20 दिन"
    );
    assert_eq!(display_value(&entry(d, "PAST_REF", None)), "हाल ही में");
    assert_eq!(
        display_value(&entry(TimexKind::Duration, "PT2H", Some("MORE_THAN"))),
        "दो घंटे से ज़्यादा"
    );
    assert_eq!(
        display_value(&entry(TimexKind::Duration, "P3Y6M", None)),
        "तीन साल छह महीने"
    );
    assert_eq!(display_value(&entry(d, "199", None)), "1990 का दशक");
    assert_eq!(
        display_value(&entry(d, "2023-12-25/2024-01-02", None)),
        "25 दिसंबर 2023 – 2 जनवरी 2024"
    );
    assert_eq!(
        display_value(&entry(TimexKind::Time, "2025-03-21T17:00", None)),
        "21 मार्च 2025, शाम 5:00 बजे"
    );
    assert_eq!(display_value(&entry(TimexKind::Set, "P1Y", None)), "हर साल");
    assert_eq!(
        display_value(&entry(d, "2024-Q1", None)),
        "2024 की पहली तिमाही"
    );
}

#[test]
fn dated_values_order_by_where_they_start() {
    let entry = |kind, value: &str, _: Option<&str>| TimelineEntry {
        text: String::new(),
        start: 0,
        end: 0,
        kind,
        value: Some(value.to_string()),
        modifier: None,
        event: String::new(),
        entities: Vec::new(),
    };
    let mut values = [
        "PAST_REF",
        "2025-03-21T14:30",
        "2025-03",
        "2024-W11",
        "2025-03-21",
        "2024-12-25/2025-01-02",
        "2025-Q1",
    ];
    values.sort_by_key(|v| chronological_key(&entry(TimexKind::Date, v, None)));
    assert_eq!(
        values,
        [
            "2024-W11",
            "2024-12-25/2025-01-02",
            "2025-Q1",
            "2025-03",
            "2025-03-21",
            "2025-03-21T14:30",
            "PAST_REF",
        ]
    );
    assert_eq!(
        chronological_key(&entry(TimexKind::Duration, "P2Y", None)).0,
        1
    );
}

/// The value of the expression written `text` in `body`.
fn value_of(body: &str, dct: &str, text: &str) -> Option<String> {
    find_timexes(body, Some(date(dct)))
        .into_iter()
        .find(|e| e.text == text)
        .unwrap_or_else(|| panic!("{text:?} not found in {body:?}"))
        .value
}

#[test]
fn dates_without_a_year_that_lie_ahead_take_the_coming_year() {
    // A story of 5 February 2024.
    let r = "2024-02-05";
    // A schedule or a deadline looks forward, whatever the verb's tense.
    assert_eq!(
        value_of("बोर्ड परीक्षाएं 20 मार्च से।", r, "20 मार्च"),
        v("2024-03-20")
    );
    assert_eq!(
        value_of("आवेदन 31 मार्च तक किए जा सकते हैं।", r, "31 मार्च"),
        v("2024-03-31")
    );
    assert_eq!(
        value_of("छुट्टियां 15 मार्च तक बढ़ा दी गई हैं।", r, "15 मार्च"),
        v("2024-03-15")
    );
    // What was to happen (होना था) lies ahead of the report.
    assert_eq!(
        value_of("यहां 25 फरवरी को मतदान होना था।", r, "25 फरवरी"),
        v("2024-02-25")
    );
    // An announcement of what is to be done.
    assert_eq!(
        value_of("उन्होंने 26 फरवरी को अनशन करने की घोषणा की।", r, "26 फरवरी"),
        v("2024-02-26")
    );
    // A past report of a date a few days ahead is the same year, not last year.
    assert_eq!(
        value_of("8 फरवरी को बैठक हुई।", r, "8 फरवरी"),
        v("2024-02-08")
    );
    // A plain past report of a date further ahead is last year's.
    assert_eq!(
        value_of("20 मार्च को बैठक हुई थी।", r, "20 मार्च"),
        v("2023-03-20")
    );
}

#[test]
fn times_of_day_belong_to_the_day_the_story_speaks_of() {
    // 21 March 2024 is a Thursday; the Monday before is the 18th.
    let r = "2024-03-21";
    let body = "सोमवार को धरना हुआ। शाम को ज्ञापन सौंपा गया। रात 9 बजे धरना खत्म हुआ।";
    assert_eq!(value_of(body, r, "शाम"), v("2024-03-18TEV"));
    assert_eq!(value_of(body, r, "रात 9 बजे"), v("2024-03-18T21:00"));
    let body = "मंगलवार को तूफान आया। उस समय लोग घरों में थे। अगले दिन राहत पहुंची।";
    assert_eq!(value_of(body, r, "उस समय"), v("2024-03-19"));
    assert_eq!(value_of(body, r, "अगले दिन"), v("2024-03-20"));
    // बीती रात is the night before the publication date, whatever came before.
    let body = "सोमवार को धरना हुआ। बीती रात बारिश हुई।";
    assert_eq!(value_of(body, r, "बीती रात"), v("2024-03-20TNI"));
    // With no day named, a time of day is the publication date's.
    assert_eq!(value_of("शाम को बैठक हुई।", r, "शाम"), v("2024-03-21TEV"));
}

#[test]
fn units_after_a_dated_event_count_from_it() {
    let r = "2024-04-30";
    let body = "बाढ़ 2 फरवरी को आई थी। बाढ़ के छह सप्ताह बाद भी राहत नहीं मिली।";
    // Six weeks after 2 February 2024 is 15 March, in ISO week 11.
    assert_eq!(value_of(body, r, "छह सप्ताह बाद"), v("2024-W11"));
}

#[test]
fn a_weekday_the_story_has_dated_keeps_that_date() {
    // The story calls 14 April 2020 (a Tuesday) a Wednesday: the written date wins, and a
    // later bare बुधवार is that day too.
    let r = "2020-04-17";
    let body = "उनका विवाह 14 अप्रैल यानी बुधवार को होना था। बुधवार को ही बारात आनी थी।";
    let all = find_timexes(body, Some(date(r)));
    let weds: Vec<_> = all.iter().filter(|e| e.text == "बुधवार").collect();
    assert_eq!(weds.len(), 2);
    assert!(weds.iter().all(|e| e.value == v("2020-04-14")), "{weds:?}");
    // A weekday in a future clause is the next one; in a past clause the last one.
    assert_eq!(
        value_of("सोमवार को बैठक होगी।", r, "सोमवार"),
        v("2020-04-20")
    );
    assert_eq!(value_of("सोमवार को बैठक हुई।", r, "सोमवार"), v("2020-04-13"));
}

#[test]
fn event_lines_are_not_cut_inside_numbers_or_initials() {
    let body = "मुख्य अभियंता बी. एम. शर्मा ने 21 मार्च को कहा कि उत्पादन 11.7 प्रतिशत बढ़कर 20,400 टन हुआ। सुबह 9:20 बजे बैठक हुई।";
    let t = timeline(body, Some(date("2024-03-25")), &[]);
    let march = t.iter().find(|e| e.text == "21 मार्च").expect("21 मार्च");
    assert_eq!(
        march.event,
        "मुख्य अभियंता बी. एम. शर्मा ने 21 मार्च को कहा कि उत्पादन 11.7 प्रतिशत बढ़कर 20,400 टन हुआ"
    );
    let clock = t.iter().find(|e| e.text == "सुबह 9:20 बजे").expect("clock");
    assert_eq!(clock.event, "सुबह 9:20 बजे बैठक हुई");
}

#[test]
fn ages_idioms_and_names_are_no_time() {
    let r = "2024-03-21";
    for text in [
        "40 वर्षीय युवक की मौत हो गई।",
        "पांच साल के बच्चे को अस्पताल ले जाया गया।",
        "65 वर्ष से अधिक आयु के लोगों को टीका लगेगा।",
        "उसकी उम्र 12 साल थी।",
        "किसान दिन रात मेहनत करते हैं।",
        "वे रात-दिन काम में जुटे रहे।",
        "विजन 2030 के तहत योजना बनी।",
        "दो दिवसीय सम्मेलन का उद्घाटन हुआ।",
    ] {
        assert_eq!(found(text, r), vec![], "{text}");
    }
    // The same words that are time: a five-year term, a night, a year.
    assert_eq!(found("पांच साल का कार्यकाल पूरा हुआ।", r)[0].1, v("P5Y"));
    assert_eq!(found("रात को बारिश हुई।", r)[0].1, v("2024-03-21TNI"));
    assert_eq!(found("2030 तक लक्ष्य पूरा होगा।", r)[0].1, v("2030"));
}

#[test]
fn clocks_after_a_part_of_the_day_and_counts_from_the_story_day() {
    let r = "2020-03-25"; // a Wednesday
    assert_eq!(
        value_of("शाम के चार बजे दुकानें बंद होंगी।", r, "शाम के चार बजे"),
        v("2020-03-25T16:00")
    );
    assert_eq!(
        value_of("रात के आठ बजे के बाद कर्फ्यू रहेगा।", r, "रात के आठ बजे"),
        v("2020-03-25T20:00")
    );
    // A number word after a part of the day, without बजे, is no clock: "a" migrant.
    assert_eq!(
        value_of("बुधवार की रात्रि एक अप्रवासी लौटा।", r, "बुधवार की रात्रि"),
        v("2020-03-25TNI")
    );
    // A participle before a future auxiliary is future: the coming Wednesday.
    assert_eq!(
        value_of("दिशा-निर्देश बुधवार को जारी किए जाएंगे।", "2020-04-14", "बुधवार"),
        v("2020-04-15")
    );
    // इसके एक दिन पहले counts from the day the story speaks of.
    let body = "बुधवार को दो मरीज मिले थे। इसके एक दिन बाद एक और मरीज मिला।";
    assert_eq!(value_of(body, "2020-03-27", "एक दिन बाद"), v("2020-03-26"));
    // ... unless a weekday beside it names the day.
    let body = "21 मार्च को दो मरीज मिले थे। इसके एक दिन पहले मंगलवार को एक मरीज मिला था।";
    assert_eq!(value_of(body, "2020-03-27", "एक दिन पहले"), v("2020-03-24"));
}
