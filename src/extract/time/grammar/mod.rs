//! The grammar of Hindi temporal expressions over classified words: at each word, the
//! longest expression starting there, with its TIMEX3 value resolved against the reference
//! date and the tense of its clause.

use chrono::NaiveDate;

mod amounts;
mod clock;
mod dates;
mod months;

use super::TimexKind;
use super::calendar::{Point, Tense, day_month_date};
use super::lexicon::{LEX, Lex, Tok};

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
                out.push(h);
            }
            _ => i += 1,
        }
    }
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
            if is_future_verb(&t.key)
                || (t.is_any(&["वाला", "वाली", "वाले"])
                    && next.is_some_and(|n| n.is_any(&["है", "हैं"])))
            {
                Some(Tense::Future)
            } else if t.is_any(PAST_CUES) {
                Some(Tense::Past)
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
        if t.lex == Lex::Other && !t.starts {
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
                        Some(r) => day_month_date(r, m, d, self.tense(i, end))
                            .map(|d| Point::Day(d).value()),
                        None => Some(format!("XXXX-{m:02}-{d:02}")),
                    };
                    self.hit(i, end, TimexKind::Date, value)
                }
                "festival" => self.hit(i, end, TimexKind::Date, None),
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
