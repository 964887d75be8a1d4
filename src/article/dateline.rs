//! Datelines: the `सोल, 21 मार्च .` / `लखनऊ, जेएनएन ।` / `इंदौर (वार्ता):` opening of a wire story.
//!
//! A dateline is recognised only when the text before its separator is short and reads like
//! a place, a date, an agency or a reporter; otherwise the paragraph is left untouched.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

/// What a dateline says, split into its parts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    /// The dateline as written, without its separator.
    pub raw: String,
    pub place: Option<String>,
    pub date_text: Option<String>,
    pub agency: Option<String>,
    pub reporter: Option<String>,
}

/// A day and month (and maybe year) read from a dateline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayMonth {
    pub day: u32,
    pub month: u32,
    pub year: Option<i32>,
}

impl Dateline {
    /// The day and month the dateline gives, if it gives one.
    pub fn day_month(&self) -> Option<DayMonth> {
        self.date_text.as_deref().and_then(parse_day_month)
    }
}

/// The desks and bureaus of Hindi datelines (the agencies are [`NEWS_AGENCIES`]).
const DESK_WORDS: &[&str] = &[
    "जेएनएन",
    "एजेंसी",
    "एजेंसियां",
    "एजेंसियाँ",
    "संवाददाता",
    "ब्यूरो",
    "डेस्क",
    "टीम",
    "ऑनलाइन",
    "वेब",
    "हिंस",
    "हिन्दुस्थान समाचार",
    "हिंदुस्थान समाचार",
];

/// Words that never occur in a dateline but often in the first words of a sentence.
const SENTENCE_WORDS: &[&str] = &[
    "में",
    "के",
    "की",
    "का",
    "ने",
    "को",
    "से",
    "है",
    "हैं",
    "था",
    "थे",
    "और",
    "पर",
    "यह",
    "कहा",
    "लिए",
    "एक",
    "भी",
    "तो",
    "कि",
    "हो",
    "गया",
    "गई",
    "रहा",
    "रही",
];

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    // head, optional (paren), separator. The head never holds sentence punctuation.
    Regex::new(r"^(?P<head>[^:ः।|.()\[\]“”\x22]{1,60})\s*(?:\((?P<paren>[^()]{1,30})\))?\s*(?P<sep>:-|[:ः।|]|\.(?:\s|$)|-{1,2}\s)?\s*")
        .expect("dateline pattern is valid")
});

/// Splits a leading dateline off a first paragraph: returns it and the rest of the text.
pub fn split_dateline(paragraph: &str) -> Option<(Dateline, &str)> {
    let caps = DATELINE.captures(paragraph)?;
    let whole = caps.get(0)?;
    let head = caps.name("head")?.as_str().trim();
    let paren = caps.name("paren").map(|m| m.as_str().trim());
    let rest = &paragraph[whole.end()..];
    // Without a separator only "PLACE, DATE (AGENCY) text" or "PLACE (AGENCY) text" is a
    // dateline: "अखिल भारतीय आयुर्विज्ञान संस्थान (एम्स) ने" is a sentence.
    let separated = caps.name("sep").is_some() || paren.is_some_and(is_agency);
    if head.is_empty() || rest.trim().is_empty() || !separated {
        return None;
    }
    // "ए. के. वर्मा ने कहा": an initial and its full stop, not a place and its separator.
    let sep = caps.name("sep").map_or("", |m| m.as_str());
    if sep.starts_with('.') && head.chars().count() <= 3 && !head.contains(' ') {
        return None;
    }
    let dateline = interpret(head, paren)?;
    let raw = paragraph[..whole.end()]
        .trim_end()
        .trim_end_matches([':', 'ः', '।', '|', '.', '-'])
        .trim_end()
        .to_string();
    Some((Dateline { raw, ..dateline }, rest))
}

/// A paragraph that is nothing but a dateline (`भुवनेशवर।`) or an agency line (`एजेंसियां`),
/// as some papers print them above the text.
pub fn standalone_dateline(paragraph: &str) -> Option<Dateline> {
    let p = paragraph.trim();
    if p.is_empty() || p.chars().count() > 48 {
        return None;
    }
    let bare = p.trim_end_matches(['।', '.', ':', 'ः', '|', ' ']);
    if is_agency(bare) && bare.split_whitespace().count() <= 3 {
        return Some(Dateline {
            raw: bare.to_string(),
            agency: Some(bare.to_string()),
            ..Dateline::default()
        });
    }
    let probe = format!("{p} …");
    let (dateline, rest) = split_dateline(&probe)?;
    // Without a separator the paragraph could be a short headline, not a dateline.
    let closed = p.ends_with(['।', '.', ':', 'ः', '|', ')']);
    (rest == "…" && closed).then_some(dateline)
}

fn interpret(head: &str, paren: Option<&str>) -> Option<Dateline> {
    let first = head.split([' ', ',', '-']).next().unwrap_or("");
    if CAPTION_WORDS.contains(&crate::text::fold::fold(first).as_str()) {
        return None;
    }
    let parts: Vec<&str> = head
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() || parts.len() > 3 {
        return None;
    }
    let mut d = Dateline::default();
    let mut places = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        if parse_day_month(part).is_some() {
            d.date_text = Some(part.to_string());
        } else if is_agency(part) {
            // "विशेष संवाददाता नई दिल्ली": a desk followed by a place.
            let (desk, place) = split_desk_prefix(part);
            d.agency = Some(desk.to_string());
            if let Some(place) = place {
                places.push(place);
            }
        } else if looks_like_name(part)
            || (i == 0 && parts.len() > 1 && looks_like_place_before_comma(part))
        {
            places.push(*part);
        } else {
            return None;
        }
        if i == 0 && part.chars().any(|c| c.is_ascii_digit()) && d.date_text.is_none() {
            return None;
        }
    }
    match places.as_slice() {
        [] => {}
        [place] => d.place = Some(place.to_string()),
        // "नीलू रंजन, नई दिल्ली": a reporter, then the place.
        [reporter, place] => {
            d.reporter = Some(reporter.to_string());
            d.place = Some(place.to_string());
        }
        _ => return None,
    }
    if let Some(paren) = paren {
        if is_agency(paren) || d.agency.is_some() || d.place.is_none() {
            d.agency.get_or_insert_with(|| paren.to_string());
        } else if let Some(place) = &d.place {
            // "ममदोट (फिरोजपुर)": the district in brackets belongs to the place.
            d.place = Some(format!("{place} ({paren})"));
        }
    }
    if d.place.is_none() && d.agency.is_none() {
        return None;
    }
    Some(d)
}

/// Whether `s` names an agency, a desk or the paper itself: compared folded (a ZWJ inside
/// संवाददाता or a nukta changes nothing), with संवाददाता's misspellings.
fn is_agency(s: &str) -> bool {
    let folded = crate::text::fold::fold(s);
    let words: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || c == '/')
        .collect();
    DESK_WORDS
        .iter()
        .chain(NEWS_AGENCIES)
        .chain(PAPER_WORDS)
        .any(|a| {
            if a.contains(' ') {
                folded.contains(a)
            } else {
                words.contains(a)
            }
        })
        || words.iter().any(|w| w.starts_with("संवाद"))
}

/// The paper's own credits, which a dateline may carry where the agency stands ("नभाटा:").
const PAPER_WORDS: &[&str] = &[
    "नभाटा",
    "एनबीटी",
    "जासं",
    "अमर उजाला",
    "दैनिक जागरण",
    "जागरण",
    "प्रभात खबर",
    "दैनिक भास्कर",
    "भास्कर",
    "लाइव हिन्दुस्तान",
    "लाइव हिंदुस्तान",
    "नवभारत टाइम्स",
];

/// Words that begin a photo caption or credit, never a dateline: "फोटो: …".
const CAPTION_WORDS: &[&str] = &["फोटो", "तस्वीर", "चित्र", "साभार", "सौजन्य", "फाइल", "वीडियो"];

/// Agencies whose name in a dateline is an organisation the article names (बीजिंग
/// (एएफपी)), unlike the paper's desks and bureaus.
pub const NEWS_AGENCIES: &[&str] = &[
    "भाषा",
    "वार्ता",
    "यूएनआई",
    "यूएनआइ",
    "आईएएनएस",
    "आइएएनएस",
    "पीटीआई",
    "पीटीआइ",
    "एएनआई",
    "एएनआइ",
    "रायटर",
    "रायटर्स",
    "रॉयटर",
    "रॉयटर्स",
    "एएफपी",
    "एपी",
];

impl Dateline {
    /// The places the dateline gives: "लखनऊ/कानपुर" is two, and so is "ममदोट (फिरोजपुर)"
    /// (a place and its district).
    pub fn places(&self) -> Vec<&str> {
        let Some(place) = self.place.as_deref() else {
            return Vec::new();
        };
        place
            .split(['/', '(', ')'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect()
    }

    /// The news agencies the dateline credits (not the paper's own desk), as written.
    pub fn news_agencies(&self) -> Vec<&str> {
        let Some(agency) = self.agency.as_deref() else {
            return Vec::new();
        };
        agency
            .split(['/', ',', '-'])
            .map(str::trim)
            .filter(|a| NEWS_AGENCIES.contains(&crate::text::fold::fold(a).as_str()))
            .collect()
    }
}

/// "विशेष संवाददाता नई दिल्ली" → ("विशेष संवाददाता", Some("नई दिल्ली")).
fn split_desk_prefix(s: &str) -> (&str, Option<&str>) {
    let words: Vec<&str> = s.split_whitespace().collect();
    let last_agency = words
        .iter()
        .rposition(|w| DESK_WORDS.contains(w) || NEWS_AGENCIES.contains(w))
        .unwrap_or(words.len().saturating_sub(1));
    if last_agency + 1 >= words.len() {
        return (s, None);
    }
    let split_word = words[last_agency + 1];
    match s.find(split_word) {
        Some(at) => (s[..at].trim_end(), Some(s[at..].trim())),
        None => (s, None),
    }
}

/// A place or a person's name: at most four words, no digits, no sentence words.
fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split(|c: char| c.is_whitespace() || c == '/').collect();
    !words.is_empty()
        && words.len() <= 4
        && s.chars().count() <= 32
        && !s
            .chars()
            .any(|c| c.is_ascii_digit() || is_devanagari_digit(c))
        && !words.iter().any(|w| SENTENCE_WORDS.contains(w))
        && s.chars().any(char::is_alphabetic)
}

/// "गया, जेएनएन": before a comma, a word that is also a verb can be a place.
fn looks_like_place_before_comma(s: &str) -> bool {
    s.split_whitespace().count() <= 2
        && s.chars().count() <= 24
        && !s
            .chars()
            .any(|c| c.is_ascii_digit() || is_devanagari_digit(c))
}

fn is_devanagari_digit(c: char) -> bool {
    ('\u{966}'..='\u{96f}').contains(&c)
}

/// Hindi month names in their standard spelling, January first.
pub const MONTHS_HI: [&str; 12] = [
    "जनवरी",
    "फरवरी",
    "मार्च",
    "अप्रैल",
    "मई",
    "जून",
    "जुलाई",
    "अगस्त",
    "सितंबर",
    "अक्टूबर",
    "नवंबर",
    "दिसंबर",
];

/// Month number for a Hindi month name in any of its common spellings.
pub fn month_number(word: &str) -> Option<u32> {
    let m = match word {
        "जनवरी" => 1,
        "फरवरी" | "फ़रवरी" => 2,
        "मार्च" => 3,
        "अप्रैल" | "अप्रेल" | "अपैल" => 4,
        "मई" => 5,
        "जून" => 6,
        "जुलाई" => 7,
        "अगस्त" => 8,
        "सितंबर" | "सितम्बर" => 9,
        "अक्टूबर" | "अक्तूबर" => 10,
        "नवंबर" | "नवम्बर" => 11,
        "दिसंबर" | "दिसम्बर" => 12,
        _ => return None,
    };
    Some(m)
}

/// Parses ASCII or Devanagari digits.
pub fn parse_number(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 12 {
        return None;
    }
    s.chars().try_fold(0u32, |acc, c| {
        let digit = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '\u{966}'..='\u{96f}' => c as u32 - 0x966,
            _ => return None,
        };
        acc.checked_mul(10)?.checked_add(digit)
    })
}

/// "21 मार्च", "5 जून 2024", "१५ अगस्त" → day and month (and year).
pub fn parse_day_month(s: &str) -> Option<DayMonth> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let (day, month, year) = match words.as_slice() {
        [d, m] => (parse_number(d)?, month_number(m)?, None),
        [d, m, y] => (
            parse_number(d)?,
            month_number(m)?,
            Some(i32::try_from(parse_number(y)?).ok()?),
        ),
        _ => return None,
    };
    ((1..=31).contains(&day)).then_some(DayMonth { day, month, year })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(
        p: &str,
    ) -> (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
    ) {
        let (d, rest) = split_dateline(p).expect("a dateline");
        (d.place, d.date_text, d.agency, d.reporter, rest.to_string())
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn place_and_date_with_dot() {
        assert_eq!(
            parts("सोल, 21 मार्च . रूस के शीर्ष अधिकारी"),
            (
                s("सोल"),
                s("21 मार्च"),
                None,
                None,
                "रूस के शीर्ष अधिकारी".into()
            )
        );
    }

    #[test]
    fn place_date_and_agency_in_brackets() {
        assert_eq!(
            parts("नई दिल्ली, 5 जून (भाषा) सरकार ने कहा"),
            (
                s("नई दिल्ली"),
                s("5 जून"),
                s("भाषा"),
                None,
                "सरकार ने कहा".into()
            )
        );
    }

    #[test]
    fn place_and_agency_with_danda() {
        assert_eq!(
            parts("लखनऊ, जेएनएन । यूपी के स्कूल"),
            (s("लखनऊ"), None, s("जेएनएन"), None, "यूपी के स्कूल".into())
        );
    }

    #[test]
    fn place_alone_with_colon() {
        assert_eq!(
            parts("रांची : झारखंड में"),
            (s("रांची"), None, None, None, "झारखंड में".into())
        );
        assert_eq!(parts("यांगूनः एक ओर").0, s("यांगून"));
    }

    #[test]
    fn agency_in_brackets_then_colon() {
        assert_eq!(
            parts("इंदौर (वार्ता): शहर में"),
            (s("इंदौर"), None, s("वार्ता"), None, "शहर में".into())
        );
    }

    #[test]
    fn reporter_then_place() {
        assert_eq!(
            parts("नीलू रंजन, नई दिल्ली । चीन से"),
            (s("नई दिल्ली"), None, None, s("नीलू रंजन"), "चीन से".into())
        );
    }

    #[test]
    fn desk_then_place() {
        let (place, _, agency, _, _) = parts("विशेष संवाददाता नई दिल्ली: पाकिस्तान को");
        assert_eq!((place, agency), (s("नई दिल्ली"), s("विशेष संवाददाता")));
    }

    #[test]
    fn district_in_brackets_stays_with_the_place() {
        assert_eq!(parts("ममदोट (फिरोजपुर)। फिरोजपुर में").0, s("ममदोट (फिरोजपुर)"));
    }

    #[test]
    fn sentences_are_not_datelines() {
        assert!(split_dateline("देश में कोरोना वायरस के मरीजों की संख्या बढ़कर 2902 हो गई है ।").is_none());
        assert!(split_dateline("राणे ने ट्वीट किया, हमें: कुछ").is_none());
        assert!(split_dateline("यही उपयुक्त समय है। जब संसद").is_none());
    }

    #[test]
    fn a_place_that_is_also_a_word() {
        assert_eq!(parts("गया, जेएनएन । बिहार के गया में").0, s("गया"));
    }

    #[test]
    fn datelines_and_agencies_on_their_own_line() {
        assert_eq!(
            standalone_dateline("भुवनेशवर।").and_then(|d| d.place),
            s("भुवनेशवर")
        );
        assert_eq!(
            standalone_dateline("एजेंसियां").and_then(|d| d.agency),
            s("एजेंसियां")
        );
        assert_eq!(standalone_dateline("आईआईटी ने कहा, ऐसी कोई तकनीक नहीं"), None);
        assert_eq!(standalone_dateline("भूकंप की भविष्यवाणी संभव नहीं"), None);
    }

    #[test]
    fn day_month_in_devanagari_digits() {
        assert_eq!(
            parse_day_month("१५ अगस्त १९४७"),
            Some(DayMonth {
                day: 15,
                month: 8,
                year: Some(1947)
            })
        );
        assert_eq!(parse_day_month("32 मार्च"), None);
    }
}
