//! Temporal expressions in Hindi news: dates, times, durations and sets found in an article,
//! normalised to TIMEX3-style values against the article's reference date, each with the
//! event (clause) it dates and the entities of that clause — the article's timeline.
//!
//! - [`lexicon`]: the calendar words (`assets/time/lexicon.tsv`) and word classification;
//! - [`grammar`]: the expressions over classified words, resolved by clause tense;
//! - [`calendar`]: calendar arithmetic and TIMEX3 values;
//! - [`event`]: the clause an expression anchors, trimmed to one line;
//! - [`display`]: Hindi renderings of values for the reader;
//! - [`festivals`]: the dates of moving festivals;
//! - [`parts`]: composite expressions split into TimeML-style atoms, for evaluation;
//! - [`typed`]: a date a reader types to go to on a timeline.

mod calendar;
mod display;
mod event;
mod festivals;
mod grammar;
mod lexicon;
mod parts;
mod typed;

#[cfg(test)]
mod tests;

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::extract::Entity;
use crate::extract::tokenize::{Token, tokenize};

pub use display::display_value;
pub(crate) use lexicon::is_calendar_word;
pub use typed::typed_date;

/// One temporal expression of an article and the event it dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// The expression as written.
    pub text: String,
    /// Byte offsets into the body.
    pub start: usize,
    pub end: usize,
    pub kind: TimexKind,
    /// TIMEX3-style value (`2025-03-21`, `2024-06`, `2024-W11`, `PAST_REF`, `PT2H`,
    /// `2024-12-25/2025-01-02`…); None when it cannot be resolved.
    pub value: Option<String>,
    /// START, END, MID, MORE_THAN, LESS_THAN, APPROX, EQUAL_OR_MORE, EQUAL_OR_LESS.
    #[serde(rename = "mod")]
    pub modifier: Option<String>,
    /// The clause the expression anchors, as one line.
    pub event: String,
    /// Names of the entities mentioned in that clause.
    pub entities: Vec<String>,
}

/// The TIMEX3 class of an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TimexKind {
    Date,
    Time,
    Duration,
    Set,
}

/// All temporal expressions of `body`, resolved against `reference` (the article's date),
/// each with its event and entities, in chronological order: dated entries by their
/// (start) value, then durations, sets, vague and unresolved ones, each group by position.
pub fn timeline(
    body: &str,
    reference: Option<NaiveDate>,
    entities: &[Entity],
) -> Vec<TimelineEntry> {
    timeline_of_tokens(body, &tokenize(body), reference, entities)
}

/// [`timeline`] from the tokens of `body` (as [`tokenize`] gives them), for a caller that
/// has them already.
pub fn timeline_of_tokens(
    body: &str,
    tokens: &[Token<'_>],
    reference: Option<NaiveDate>,
    entities: &[Entity],
) -> Vec<TimelineEntry> {
    let folded = crate::extract::entities::fold_tokens(tokens);
    timeline_of_folded(body, tokens, &folded, reference, entities)
}

/// [`timeline_of_tokens`] given each token folded
/// ([`fold_tokens`](crate::extract::entities::fold_tokens)), as merging entities has it.
pub(crate) fn timeline_of_folded(
    body: &str,
    tokens: &[Token<'_>],
    folded: &[Cow<'_, str>],
    reference: Option<NaiveDate>,
    entities: &[Entity],
) -> Vec<TimelineEntry> {
    let toks = lexicon::toks_of_folded(body, tokens, folded);
    let mut out: Vec<TimelineEntry> = grammar::find(&toks, reference)
        .into_iter()
        .map(|h| {
            let mut entry = entry_of(body, &toks, &h);
            let (line, names) = event::event(body, &toks, h.first, h.end, entities);
            entry.event = line;
            entry.entities = names;
            entry
        })
        .collect();
    out.sort_by_key(|e| (chronological_key(e), e.start));
    out
}

/// Just the expressions of `body`, in text order (event and entities left empty).
pub fn find_timexes(body: &str, reference: Option<NaiveDate>) -> Vec<TimelineEntry> {
    let toks = lexicon::toks(body);
    grammar::find(&toks, reference)
        .iter()
        .map(|h| entry_of(body, &toks, h))
        .collect()
}

/// The expressions of `body` split into the atoms TimeML corpora (Hindi TimeBank) tag one by
/// one — `मंगलवार रात` as `मंगलवार` (date) and `रात` (time), `दो साल पहले` as `दो साल` — each
/// with the value of the part it stands for; in text order. For scoring against such corpora;
/// the timeline keeps whole expressions.
pub fn find_timex_parts(body: &str, reference: Option<NaiveDate>) -> Vec<TimelineEntry> {
    let toks = lexicon::toks(body);
    grammar::find(&toks, reference)
        .iter()
        .flat_map(|h| parts::split(&toks, h))
        .map(|h| entry_of(body, &toks, &h))
        .collect()
}

fn entry_of(body: &str, toks: &[lexicon::Tok<'_>], h: &grammar::Hit) -> TimelineEntry {
    let start = toks[h.first].start;
    let end = toks[h.end - 1].end;
    TimelineEntry {
        text: body[start..end].to_string(),
        start,
        end,
        kind: h.kind,
        value: h.value.clone(),
        modifier: h.modifier.map(str::to_string),
        event: String::new(),
        entities: Vec::new(),
    }
}

/// Whether an entry is an event the calendar places: a date or time with a resolved value
/// (not a duration, a frequency, a vague `हाल ही में` or a festival without a date). The
/// sidebar shows these unless asked for every expression.
pub fn is_dated_event(e: &TimelineEntry) -> bool {
    calendar_start(e).is_some()
}

/// The order of a timeline: `(0, start)` for a dated entry, `(1, _)` for durations, sets,
/// vague references and unresolved values, which come after every dated one.
pub fn chronological_key(e: &TimelineEntry) -> (u8, (i32, u32, u32, u32)) {
    calendar_start(e).map_or((1, (0, 0, 0, 0)), |k| (0, k))
}

/// Where a dated entry starts on the calendar: (year, month, day, minute of the day).
/// None for durations, sets, vague references and unresolved values.
pub fn calendar_start(e: &TimelineEntry) -> Option<(i32, u32, u32, u32)> {
    if !matches!(e.kind, TimexKind::Date | TimexKind::Time) {
        return None;
    }
    let v = e.value.as_deref()?;
    let first = v.split('/').next()?;
    let (date, time) = match first.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (first, None),
    };
    let minute = match time {
        None => 0,
        Some("MO") => 8 * 60,
        Some("AF") => 14 * 60,
        Some("EV") => 18 * 60,
        Some("NI") => 22 * 60,
        Some(t) => {
            let (h, m) = t.split_once(':')?;
            h.parse::<u32>().ok()? * 60 + m.parse::<u32>().ok()?
        }
    };
    let parts: Vec<&str> = date.split('-').collect();
    let year = |y: &str| y.parse::<i32>().ok().filter(|_| y.len() == 4);
    let (y, m, d) = match parts.as_slice() {
        [y, m, d] => (year(y)?, m.parse().ok()?, d.parse().ok()?),
        [y, w] if w.starts_with('W') => {
            let monday = NaiveDate::from_isoywd_opt(year(y)?, w[1..].parse().ok()?, Weekday::Mon)?;
            (monday.year(), monday.month(), monday.day())
        }
        [y, q] if q.starts_with('Q') => (year(y)?, q[1..].parse::<u32>().ok()? * 3 - 2, 1),
        [y, h] if h.starts_with('H') => (year(y)?, h[1..].parse::<u32>().ok()? * 6 - 5, 1),
        [y, "SU"] => (year(y)?, 6, 1),
        [y, "WI"] => (year(y)?, 12, 1),
        [y, m] => (year(y)?, m.parse().ok()?, 1),
        [y] if y.len() == 4 => (year(y)?, 1, 1),
        [d] if d.len() == 3 => (d.parse::<i32>().ok()? * 10, 1, 1),
        [c] if c.len() == 2 => (c.parse::<i32>().ok()? * 100, 1, 1),
        _ => return None,
    };
    Some((y, m, d, minute))
}
