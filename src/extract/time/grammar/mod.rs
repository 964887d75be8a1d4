//! The grammar of Hindi temporal expressions over classified words: at each word, the
//! longest expression starting there, with its TIMEX3 value resolved against the reference
//! date and the tense of its clause.

use chrono::NaiveDate;

mod amounts;
mod clock;
mod dates;
mod months;
mod narrative;

use super::TimexKind;
use super::calendar::{Point, Tense, day_month_date};
use super::festivals::festival_date;
use super::lexicon::{LEX, Lex, Part, Tok, Unit};

/// One expression found: words `[first, end)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Hit {
    pub first: usize,
    pub end: usize,
    pub kind: TimexKind,
    pub value: Option<String>,
    pub modifier: Option<&'static str>,
}

/// Words after a bare month name that show it is the month (मार्च में, जून के…).
const AFTER_MONTH: &[&str] = &[
    "में",
    "को",
    "से",
    "तक",
    "के",
    "की",
    "का",
    "माह",
    "महीने",
    "महीना",
    "मास",
    ",",
    "।",
    ".",
    ")",
    "और",
    "व",
    "अंत",
    "आखिर",
    "शुरू",
    "मध्य",
    "-",
    "या",
    "तथा",
    "?",
    "!",
    ":",
    "\"",
    "”",
    "ही",
    "महीनों",
];

/// Words after a bare four-digit number that show it is a year.
const AFTER_YEAR: &[&str] = &[
    "में",
    "से",
    "तक",
    "के",
    "की",
    "का",
    "को",
    ",",
    ")",
    "और",
    "व",
    "।",
    ".",
    "-",
    "ई",
    "ई.",
    "ईस्वी",
    "ईसवी",
    ":",
    "तथा",
    "या",
    "ही",
    "\"",
    "”",
    "?",
    "!",
    "(",
    "पर",
];

const SENTENCE_END: &[&str] = &["।", "?", "!", ".", "॥"];

const PAST_CUES: &[&str] = &[
    "था",
    "थे",
    "थी",
    "थीं",
    "गया",
    "गई",
    "गए",
    "गयी",
    "गये",
    "गईं",
    "किया",
    "किए",
    "किये",
    "कहा",
    "हुआ",
    "हुई",
    "हुए",
    "हुईं",
    "दिया",
    "दिए",
    "दिये",
    "लिया",
    "लिए",
    "लिये",
    "बताया",
    "चुका",
    "चुकी",
    "चुके",
    "पाया",
    "ने",
    "आया",
    "आई",
    "आए",
    "आये",
    "मिला",
    "मिली",
    "मिले",
    "पहुंचे",
    "पहुंचा",
    "पहुंची",
    "की।",
];

/// How a relative shift word (पिछले, अगले) or a deictic day resolves: the tense it forces.
fn forced(shift: Option<i32>) -> Option<Tense> {
    match shift {
        Some(s) if s < 0 => Some(Tense::Past),
        Some(s) if s > 0 => Some(Tense::Future),
        _ => None,
    }
}

fn is_future_verb(key: &str) -> bool {
    let Some(stem) = ["गा", "गी", "गे", "गीं"]
        .iter()
        .find_map(|s| key.strip_suffix(s))
    else {
        return false;
    };
    let stem = stem.strip_suffix('ं').unwrap_or(stem);
    stem.chars().count() >= 2 && stem.ends_with(['े', 'ो', 'ए', 'ू'])
}

/// Verb stems whose infinitive (होना, होनी, करने) before था makes a clause look ahead: what
/// was to happen. A closed list: nouns end in -ना too (घटना, संभावना, सेना).
const INFINITIVE_STEMS: &[&str] = &[
    "हो",
    "जा",
    "कर",
    "दे",
    "ले",
    "मिल",
    "आ",
    "पहुंच",
    "बन",
    "खुल",
    "चल",
    "रह",
    "लग",
    "बैठ",
    "निकल",
    "लौट",
    "बढ़",
    "मना",
    "बुला",
    "सौंप",
    "दिखा",
    "सुना",
    "भेज",
    "बोल",
    "चुन",
    "उतर",
    "खेल",
    "छोड़",
    "पहुँच",
    "शुरू",
    "कराया",
    "करा",
    "मनाया",
    "लगा",
    "दिला",
    "रख",
    "सुन",
    "देख",
];

/// An infinitive (होना, होनी, जाने), which before था makes a clause look ahead.
fn is_infinitive(key: &str) -> bool {
    ["ना", "नी", "ने"]
        .iter()
        .filter_map(|s| key.strip_suffix(s))
        .any(|stem| INFINITIVE_STEMS.contains(&stem))
}

/// Words after a date that make it a deadline, a start or a schedule: it looks ahead.
const AHEAD_AFTER: &[&str] = &["तक", "से"];
/// Words near a date that make it lie ahead: आगामी 20 मार्च, प्रस्तावित, होने वाली.
const AHEAD_NEAR: &[&str] = &[
    "आगामी",
    "अगले",
    "अगली",
    "प्रस्तावित",
    "निर्धारित",
    "होने",
    "समय-सीमा",
    "समयसीमा",
    "डेडलाइन",
    "अंतिम",
    "स्थगित",
    "टाल",
    "टाला",
    "टाली",
    "टाले",
    "बढ़ा",
    "बढ़ाया",
    "बढ़ाई",
    "बढ़ाए",
    "बढ़ाकर",
    "शुरू",
];

pub(super) struct Ctx<'t, 'a> {
    toks: &'t [Tok<'a>],
    reference: Option<NaiveDate>,
}

/// Every expression of `toks`, in text order, without overlaps.
pub(super) fn find(toks: &[Tok<'_>], reference: Option<NaiveDate>) -> Vec<Hit> {
    let ctx = Ctx { toks, reference };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match ctx.at(i) {
            Some(h) if h.end > i => {
                i = h.end;
                if !ctx.is_not_time(&h) {
                    out.push(h);
                }
            }
            _ => i += 1,
        }
    }
    ctx.anchor(&mut out);
    out
}

impl<'a> Ctx<'_, 'a> {
    fn tok(&self, j: usize) -> Option<&Tok<'a>> {
        self.toks.get(j)
    }

    fn lex(&self, j: usize) -> Lex {
        self.toks.get(j).map_or(Lex::Other, |t| t.lex)
    }

    fn is(&self, j: usize, w: &str) -> bool {
        self.toks.get(j).is_some_and(|t| t.is(w))
    }

    fn is_any(&self, j: usize, ws: &[&str]) -> bool {
        self.toks.get(j).is_some_and(|t| t.is_any(ws))
    }

    /// A day of the month (1–31) written with at most two digits or as a word.
    fn day_num(&self, j: usize) -> Option<u32> {
        match self.lex(j) {
            Lex::Num { n, digits } if (1..=31).contains(&n) && digits <= 2 => Some(n),
            _ => None,
        }
    }

    /// A year written with four digits (or three/four after सन्/वर्ष).
    fn year_num(&self, j: usize) -> Option<i32> {
        match self.lex(j) {
            Lex::Num { n, digits: 4 } if (1000..=2200).contains(&n) => i32::try_from(n).ok(),
            _ => None,
        }
    }

    /// The tense of the clause around words `[first, end)`: the first tense cue after the
    /// expression (up to the end of the sentence or a कि), else the nearest before it.
    fn tense(&self, first: usize, end: usize) -> Tense {
        let cue = |t: &Tok<'_>, next: Option<&Tok<'_>>| {
            if next.is_some_and(|n| n.is_any(&["था", "थी", "थे", "थीं"])) && is_infinitive(&t.key)
            {
                // होना था, होनी थी: what was to happen, before or after the report.
                Some(Tense::Unknown)
            } else if is_future_verb(&t.key)
                || (t.is_any(&["वाला", "वाली", "वाले"])
                    && next.is_some_and(|n| n.is_any(&["है", "हैं"])))
            {
                Some(Tense::Future)
            } else if t.is_any(PAST_CUES) {
                // किए जाएंगे, दिया जाएगा: a participle before a future auxiliary is future.
                if next.is_some_and(|n| is_future_verb(&n.key)) {
                    Some(Tense::Future)
                } else {
                    Some(Tense::Past)
                }
            } else {
                None
            }
        };
        for j in end..self.toks.len() {
            let t = &self.toks[j];
            if t.is_any(SENTENCE_END) || t.is("कि") {
                break;
            }
            if let Some(c) = cue(t, self.tok(j + 1)) {
                return c;
            }
        }
        for j in (0..first).rev() {
            let t = &self.toks[j];
            if t.is_any(SENTENCE_END) || t.is("कि") {
                break;
            }
            if let Some(c) = cue(t, self.tok(j + 1)) {
                return c;
            }
        }
        Tense::Unknown
    }

    /// Whether an expression found is no time at all: an age (`पांच साल के बच्चे`, `65 वर्ष
    /// से अधिक आयु`, `उम्र 12 साल`), an idiom (`दिन रात मेहनत`, `रात-दिन`), or a year in a
    /// name (`विजन 2030`).
    fn is_not_time(&self, h: &Hit) -> bool {
        const AGE_WORDS: &[&str] = &["उम्र", "आयु", "उमर", "वर्षीय", "वर्षीया", "साला"];
        const PEOPLE: &[&str] = &[
            "बच्चे",
            "बच्चा",
            "बच्ची",
            "बच्चों",
            "बेटे",
            "बेटा",
            "बेटी",
            "लड़के",
            "लड़का",
            "लड़की",
            "युवक",
            "युवती",
            "व्यक्ति",
            "लोगों",
            "लोग",
            "महिला",
            "महिलाओं",
            "पुरुष",
            "बुजुर्ग",
            "बुजुर्गों",
            "मासूम",
            "किशोर",
            "किशोरी",
            "छात्र",
            "छात्रा",
            "नाबालिग",
            "शख्स",
            "मरीज",
            "वृद्ध",
            "वृद्धा",
            "भाई",
            "बहन",
            "पोते",
            "पोती",
            "नाती",
            "नातिन",
        ];
        const NAMES_BEFORE_YEAR: &[&str] = &["विजन", "विज़न", "मिशन", "एजेंडा", "एजेंडे", "ड्रीम"];
        let first = h.first;
        let last = h.end.saturating_sub(1);
        match h.kind {
            TimexKind::Duration => {
                let years = (first..h.end).any(|j| self.lex(j) == Lex::Unit(Unit::Year));
                if !years {
                    return false;
                }
                let after_age = self.is_any(h.end, AGE_WORDS)
                    || (self.is_any(h.end, &["के", "का", "की"])
                        && (self.is_any(h.end + 1, PEOPLE) || self.is_any(h.end + 1, AGE_WORDS)));
                let before_age =
                    (first.saturating_sub(3)..first).any(|j| self.is_any(j, AGE_WORDS));
                after_age || before_age
            }
            TimexKind::Time | TimexKind::Date
                if h.end == first + 1 && self.lex(first) == Lex::Part(Part::Night) =>
            {
                // दिन रात, रात-दिन, दिन-रात: day and night, always.
                let day = |j: usize| self.lex(j) == Lex::Unit(Unit::Day) && self.is(j, "दिन");
                let before = first >= 1
                    && (day(first - 1)
                        || (self.lex(first - 1) == Lex::Dash && first >= 2 && day(first - 2)));
                let after = day(last + 1) || (self.lex(last + 1) == Lex::Dash && day(last + 2));
                before || after
            }
            TimexKind::Date => {
                first >= 1
                    && h.end == first + 1
                    && matches!(self.lex(first), Lex::Num { digits: 4, .. })
                    && self.is_any(first - 1, NAMES_BEFORE_YEAR)
            }
            _ => false,
        }
    }

    /// Whether the clause around words `[first, end)` looks ahead from the date: a deadline
    /// or start (`31 मार्च तक`, `20 मार्च से`), a postponement, or a word like आगामी,
    /// प्रस्तावित, होने वाली near it.
    fn looks_ahead(&self, first: usize, end: usize) -> bool {
        let mut after = end;
        if self.is(after, "को") {
            after += 1;
        }
        if self.is_any(after, AHEAD_AFTER) {
            return true;
        }
        let ends = |j: usize| self.toks[j].is_any(SENTENCE_END);
        let before = (first.saturating_sub(3)..first)
            .rev()
            .take_while(|j| !ends(*j))
            .any(|j| self.is_any(j, AHEAD_NEAR));
        let after = (end..(end + 6).min(self.toks.len()))
            .take_while(|j| !ends(*j))
            .any(|j| self.is_any(j, AHEAD_NEAR));
        before || after || self.announces(end)
    }

    /// Whether the clause after word `end` announces what is to be done: an infinitive, a
    /// genitive and a word of plans (`अनशन करने की घोषणा की`, `शुरू करने का फैसला`).
    fn announces(&self, end: usize) -> bool {
        const PLANS: &[&str] = &[
            "घोषणा",
            "ऐलान",
            "योजना",
            "तैयारी",
            "तैयारियां",
            "फैसला",
            "निर्णय",
            "धमकी",
            "चेतावनी",
            "प्रस्ताव",
            "कार्यक्रम",
            "आह्वान",
            "अपील",
            "इरादा",
        ];
        let to = (end + 12).min(self.toks.len());
        (end..to.saturating_sub(2))
            .take_while(|j| !self.toks[*j].is_any(SENTENCE_END))
            .any(|j| {
                self.toks.get(j).is_some_and(|t| is_infinitive(&t.key))
                    && self.is_any(j + 1, &["की", "का", "के"])
                    && self.is_any(j + 2, PLANS)
            })
    }

    fn hit(&self, first: usize, end: usize, kind: TimexKind, value: Option<String>) -> Option<Hit> {
        Some(Hit {
            first,
            end,
            kind,
            value,
            modifier: None,
        })
    }

    /// The longest expression starting at word `i`.
    fn at(&self, i: usize) -> Option<Hit> {
        let t = self.tok(i)?;
        // A decimal (6.2) is no word of the lexicon but may start a duration (6.2 दिन).
        if t.lex == Lex::Other && !t.starts && !t.text.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        // Modifiers before: लगभग, करीब; कम से कम; ज्यादा से ज्यादा.
        let (j, pre) = match t.lex {
            Lex::Approx => (i + 1, Some("APPROX")),
            _ if t.is("कम") && self.is(i + 1, "से") && self.is(i + 2, "कम") => {
                (i + 3, Some("EQUAL_OR_MORE"))
            }
            _ if t.is("ज्यादा") && self.is(i + 1, "से") && self.is(i + 2, "ज्यादा") => {
                (i + 3, Some("EQUAL_OR_LESS"))
            }
            _ => (i, None),
        };
        let candidates = [
            self.phrase(j),
            self.amount_expr(j),
            self.date_expr(j),
            self.time_expr(j),
            self.set_expr(j),
        ];
        let mut best: Option<Hit> = None;
        for c in candidates.into_iter().flatten() {
            if best.as_ref().is_none_or(|b| c.end > b.end) {
                best = Some(c);
            }
        }
        let mut best = best?;
        if pre.is_some() {
            best.first = i;
            best.modifier = best.modifier.or(pre);
        }
        Some(best)
    }

    /// Several-word entries of the lexicon: vague references, holidays, festivals.
    fn phrase(&self, i: usize) -> Option<Hit> {
        let t = self.tok(i)?;
        for p in LEX.phrases_at(&t.key) {
            let len = p.rest.len();
            let matches = p
                .rest
                .iter()
                .enumerate()
                .all(|(k, w)| self.is(i + 1 + k, w));
            if !matches {
                continue;
            }
            let end = i + 1 + len;
            return match p.category {
                "phrase" => self.hit(i, end, TimexKind::Date, Some(p.value.to_string())),
                "holiday" => {
                    let (m, d) = p.value.split_once('-')?;
                    let (m, d) = (m.parse().ok()?, d.parse().ok()?);
                    let value = match self.reference {
                        Some(r) => {
                            day_month_date(r, m, d, self.tense(i, end), self.looks_ahead(i, end))
                                .map(|d| Point::Day(d).value())
                        }
                        None => Some(format!("XXXX-{m:02}-{d:02}")),
                    };
                    self.hit(i, end, TimexKind::Date, value)
                }
                "festival" => {
                    let value = self.reference.and_then(|r| {
                        festival_date(p.value, r, self.tense(i, end)).map(|d| Point::Day(d).value())
                    });
                    self.hit(i, end, TimexKind::Date, value)
                }
                _ => None,
            };
        }
        None
    }

    fn date_str(&self, date: Option<NaiveDate>) -> String {
        match date.or(self.reference) {
            Some(d) => d.format("%Y-%m-%d").to_string(),
            None => "XXXX-XX-XX".to_string(),
        }
    }
}
