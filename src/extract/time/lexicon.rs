//! The calendar words of Hindi (`assets/time/lexicon.tsv`), loaded once, and the tokens of a
//! text classified by them.

use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::sync::LazyLock;

use crate::article::dateline::parse_number;
use crate::extract::tokenize::{Token, tokenize};
use crate::text::fold::{fold, fold_cow};

const LEXICON: &str = include_str!("../../../assets/time/lexicon.tsv");

/// A unit of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Fortnight,
    Month,
    Quarter,
    HalfYear,
    Year,
    Decade,
    Century,
}

/// A part of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    Morning,
    Afternoon,
    Evening,
    Night,
    Midnight,
}

impl Part {
    /// The TIMEX3 token (`MO`, `AF`, `EV`, `NI`) or clock time for midnight.
    pub(super) fn timex(self) -> &'static str {
        match self {
            Part::Morning => "MO",
            Part::Afternoon => "AF",
            Part::Evening => "EV",
            Part::Night => "NI",
            Part::Midnight => "24:00",
        }
    }
}

/// What a word means to the temporal grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lex {
    /// A number; `digits` is how many digits it was written with (0 for a number word).
    Num {
        n: u32,
        digits: u8,
    },
    /// `7.15`, `8.30`: hours and minutes (or a decimal).
    Decimal(u32, u32),
    Ordinal(i32),
    /// साढ़े, सवा, पौने: quarters added to the number that follows.
    FracAdd(i32),
    /// डेढ़, ढाई: a quantity in quarters.
    FracAbs(u32),
    Month(u32),
    /// 1 = Monday … 7 = Sunday.
    Weekday(u32),
    Unit(Unit),
    Part(Part),
    Deixis(i32),
    Shift(i32),
    Anaphor,
    Approx,
    Vague,
    Every,
    SetWord(&'static str),
    Whole(&'static str),
    Season(&'static str),
    /// A hyphen between two parts of a split token (`2-3`, `अप्रैल-मई`).
    Dash,
    Other,
}

/// A word of the text with its meaning.
#[derive(Debug, Clone)]
pub(super) struct Tok<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    /// Folded form, for matching.
    pub key: Cow<'a, str>,
    pub lex: Lex,
    /// Whether an expression may begin here though `lex` is [`Lex::Other`]: the first word
    /// of a several-word entry, or one of [`OTHER_STARTS`].
    pub starts: bool,
}

/// Words of no calendar class that can still begin an expression (सन् 2020, कम से कम, पूरे
/// साल, आने वाले दिनों…).
const OTHER_STARTS: &[&str] = &[
    "सन्",
    "सन",
    "कम",
    "ज्यादा",
    "वित्त",
    "लंबे",
    "लम्बे",
    "लंबा",
    "लंबी",
    "पूरे",
    "पूरा",
    "सारे",
    "सारा",
    "पूरी",
    "आने",
    "इन",
    "देर",
    "आधी",
    "अल",
    "ईस्वी",
];

/// What the lexicon knows of one word: asked of every word of every article, so one lookup
/// answers both questions.
#[derive(Debug, Clone, Copy)]
struct Word {
    lex: Lex,
    /// [`Tok::starts`].
    starts: bool,
}

impl Tok<'_> {
    pub fn is(&self, word: &str) -> bool {
        self.key == word
    }

    pub fn is_any(&self, words: &[&str]) -> bool {
        words.contains(&self.key.as_ref())
    }
}

/// A several-word entry: the words after the first, and what it means.
#[derive(Debug, Clone)]
pub(super) struct Phrase {
    pub rest: Vec<String>,
    pub category: &'static str,
    pub value: &'static str,
}

pub(super) struct Lexicon {
    words: FxHashMap<String, Word>,
    /// Several-word entries by their first word, longest first.
    phrases: FxHashMap<String, Vec<Phrase>>,
    not_month: Vec<String>,
}

impl Lexicon {
    pub fn phrases_at(&self, key: &str) -> &[Phrase] {
        self.phrases.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// A word that turns a following मार्च into a march.
    pub fn is_not_month_cue(&self, key: &str) -> bool {
        self.not_month.iter().any(|w| w == key)
    }
}

pub(super) static LEX: LazyLock<Lexicon> = LazyLock::new(load);

/// Whether a word (folded) is a word of the calendar that never stands in a name: a month,
/// a weekday, a part of the day, आज or कल, or a unit of time (साल, दिन, घंटे).
pub(crate) fn is_calendar_word(key: &str) -> bool {
    LEX.words.get(key).is_some_and(|w| {
        matches!(
            w.lex,
            Lex::Month(_) | Lex::Weekday(_) | Lex::Part(_) | Lex::Deixis(_) | Lex::Unit(_)
        )
    })
}

fn unit_of(code: &str) -> Option<Unit> {
    Some(match code {
        "S" => Unit::Second,
        "MIN" => Unit::Minute,
        "H" => Unit::Hour,
        "D" => Unit::Day,
        "W" => Unit::Week,
        "F" => Unit::Fortnight,
        "M" => Unit::Month,
        "Q" => Unit::Quarter,
        "HY" => Unit::HalfYear,
        "Y" => Unit::Year,
        "DE" => Unit::Decade,
        "CE" => Unit::Century,
        _ => return None,
    })
}

fn part_of(code: &str) -> Option<Part> {
    Some(match code {
        "MO" => Part::Morning,
        "AF" => Part::Afternoon,
        "EV" => Part::Evening,
        "NI" => Part::Night,
        "MI" => Part::Midnight,
        _ => return None,
    })
}

fn load() -> Lexicon {
    let mut words = FxHashMap::default();
    let mut phrases: FxHashMap<String, Vec<Phrase>> = FxHashMap::default();
    let mut not_month = Vec::new();
    for line in LEXICON.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(category), Some(forms), Some(value)) = (cols.next(), cols.next(), cols.next())
        else {
            continue;
        };
        let int = value.parse::<i32>().ok();
        let lex = match category {
            "num" => int.map(|n| Lex::Num {
                n: n.unsigned_abs(),
                digits: 0,
            }),
            "fracadd" => int.map(Lex::FracAdd),
            "fracabs" => int.map(|q| Lex::FracAbs(q.unsigned_abs())),
            "ordinal" => int.map(Lex::Ordinal),
            "month" => int.map(|m| Lex::Month(m.unsigned_abs())),
            "weekday" => int.map(|d| Lex::Weekday(d.unsigned_abs())),
            "unit" => unit_of(value).map(Lex::Unit),
            "part" => part_of(value).map(Lex::Part),
            "deixis" => int.map(Lex::Deixis),
            "shift" => int.map(Lex::Shift),
            "anaphor" => Some(Lex::Anaphor),
            "approx" => Some(Lex::Approx),
            "vague" => Some(Lex::Vague),
            "every" => Some(Lex::Every),
            "setword" => Some(Lex::SetWord(value)),
            "whole" => Some(Lex::Whole(value)),
            "season" => Some(Lex::Season(value)),
            _ => None,
        };
        for form in forms.split('|') {
            let folded: Vec<String> = form.split_whitespace().map(fold).collect();
            match (category, folded.as_slice()) {
                ("notmonth", [w]) => not_month.push(w.clone()),
                (_, [w]) if lex.is_some() => {
                    if let Some(lex) = lex {
                        words
                            .entry(w.clone())
                            .or_insert(Word { lex, starts: false });
                    }
                }
                (_, [first, rest @ ..]) => phrases.entry(first.clone()).or_default().push(Phrase {
                    rest: rest.to_vec(),
                    category,
                    value,
                }),
                _ => {}
            }
        }
    }
    for list in phrases.values_mut() {
        list.sort_by_key(|p| std::cmp::Reverse(p.rest.len()));
    }
    let other_starts = OTHER_STARTS.iter().map(|w| fold(w));
    for first in phrases.keys().cloned().chain(other_starts) {
        let word = words.entry(first).or_insert(Word {
            lex: Lex::Other,
            starts: false,
        });
        word.starts = true;
    }
    Lexicon {
        words,
        phrases,
        not_month,
    }
}

/// The meaning of one word (already folded).
fn classify(key: &str) -> Word {
    if let Some(&word) = LEX.words.get(key) {
        return word;
    }
    Word {
        lex: classify_number(key),
        starts: false,
    }
}

/// The meaning of a word the lexicon does not list: a number, a decimal, an ordinal, or
/// nothing.
fn classify_number(key: &str) -> Lex {
    let first = key.chars().next();
    if !first.is_some_and(|c| c.is_ascii_digit() || ('\u{966}'..='\u{96f}').contains(&c)) {
        return Lex::Other;
    }
    if let Some(n) = parse_number(key) {
        let digits = u8::try_from(key.chars().count()).unwrap_or(u8::MAX);
        return Lex::Num { n, digits };
    }
    if let Some((a, b)) = key.split_once('.')
        && let (Some(h), Some(m)) = (parse_number(a), parse_number(b))
        && b.chars().count() == 2
    {
        return Lex::Decimal(h, m);
    }
    // 19वीं, 21वीं, 5वें, 10वां
    let digits_end = key
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || ('\u{966}'..='\u{96f}').contains(&c)))
        .map_or(key.len(), |(i, _)| i);
    let (num, suffix) = key.split_at(digits_end);
    if matches!(
        suffix,
        "वीं" | "वी" | "वें" | "वां" | "वा" | "th" | "st" | "nd" | "rd"
    ) && let Some(n) = parse_number(num)
    {
        return Lex::Ordinal(i32::try_from(n).unwrap_or(0));
    }
    Lex::Other
}

fn is_calendar_part(lex: Lex) -> bool {
    matches!(
        lex,
        Lex::Num { .. } | Lex::Month(_) | Lex::Weekday(_) | Lex::Part(_)
    )
}

/// The words of `text` with their meanings. Hyphenated words made of calendar parts
/// (`2-3`, `अप्रैल-मई`, `मंगलवार-बुधवार`) are split, with a [`Lex::Dash`] between the parts.
pub(super) fn toks(text: &str) -> Vec<Tok<'_>> {
    toks_of(text, &tokenize(text))
}

/// [`toks`] from the tokens of `text` (as [`tokenize`] gives them).
pub(super) fn toks_of<'a>(text: &'a str, tokens: &[Token<'a>]) -> Vec<Tok<'a>> {
    let folded: Vec<Cow<'a, str>> = tokens.iter().map(|t| fold_cow(t.text)).collect();
    toks_of_folded(text, tokens, &folded)
}

/// [`toks_of`] given each token's [`fold_cow`] (`folded[i]` of `tokens[i]`).
pub(super) fn toks_of_folded<'a>(
    text: &'a str,
    tokens: &[Token<'a>],
    folded: &[Cow<'_, str>],
) -> Vec<Tok<'a>> {
    let mut out = Vec::with_capacity(tokens.len());
    for (t, key) in tokens.iter().zip(folded) {
        if t.text.contains('-') && t.text.len() > 1 {
            let parts: Vec<(usize, &str)> = t
                .text
                .split('-')
                .scan(t.start, |at, p| {
                    let here = *at;
                    *at += p.len() + 1;
                    Some((here, p))
                })
                .collect();
            let lexes: Vec<Word> = parts.iter().map(|(_, p)| classify(&fold_cow(p))).collect();
            if parts.len() > 1
                && parts.iter().all(|(_, p)| !p.is_empty())
                && lexes.iter().all(|w| is_calendar_part(w.lex))
            {
                for (i, ((at, p), word)) in parts.into_iter().zip(lexes).enumerate() {
                    if i > 0 {
                        out.push(Tok {
                            text: &text[at - 1..at],
                            start: at - 1,
                            end: at,
                            key: Cow::Borrowed("-"),
                            lex: Lex::Dash,
                            starts: false,
                        });
                    }
                    out.push(Tok {
                        text: p,
                        start: at,
                        end: at + p.len(),
                        key: fold_cow(p),
                        lex: word.lex,
                        starts: word.starts,
                    });
                }
                continue;
            }
        }
        // The key borrows from the text where folding changed nothing, as `fold_cow` does.
        let key = match key {
            Cow::Borrowed(_) => Cow::Borrowed(t.text),
            Cow::Owned(k) => Cow::Owned(k.clone()),
        };
        let word = if t.text == "-" {
            Word {
                lex: Lex::Dash,
                starts: false,
            }
        } else {
            classify(&key)
        };
        out.push(Tok {
            text: t.text,
            start: t.start,
            end: t.end,
            key,
            lex: word.lex,
            starts: word.starts,
        });
    }
    out
}
