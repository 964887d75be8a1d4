//! The story's own days: a second pass over an article's expressions, in text order, that
//! anchors what depends on the day the narrative speaks of rather than on the publication
//! date — a time of day after a named day (`सोमवार को धरना हुआ … शाम को`), `उस समय`,
//! `उसी दिन`, `अगले दिन`, a weekday the story has dated (`14 अप्रैल यानी बुधवार`), and `N
//! units after X` where the story dates X (`बाढ़ के छह सप्ताह बाद`).

use chrono::{Datelike, NaiveDate};

use super::{Ctx, Hit};
use crate::extract::time::TimexKind;
use crate::extract::time::lexicon::{Lex, Unit};

/// How far from the publication date a named day may be and still be the day that a later
/// bare time of day (`शाम को`) belongs to.
const NARRATIVE_DAYS: i64 = 10;

/// What an expression's value hangs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    /// Its own words (or the publication date): it may set the story's day.
    Own,
    /// A time of day or clock time with no day of its own: the story's day.
    Day,
    /// `अगले दिन`, `पिछले दिन`: the story's day shifted.
    ShiftedDay,
    /// `उस समय`, `उसी दिन`, `उस साल`: whatever the story dated last.
    Anaphor,
    /// `X के N दिन बाद`: counted from X where the story dates it; the word X.
    After(usize),
    /// `इसके एक दिन पहले`, `उसके दो दिन बाद`: counted from the story's day.
    FromStoryDay,
    /// A bare weekday, which keeps a date the story gave that weekday.
    Weekday(u32),
}

/// A day-precision value's date: `2024-03-18`, `2024-03-18TEV`.
fn day_of(value: &str) -> Option<NaiveDate> {
    let date = value.split(['T', '/']).next()?;
    if date.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
}

impl Ctx<'_, '_> {
    fn anchor_of(&self, h: &Hit) -> Anchor {
        let mut j = h.first;
        if self.lex(j) == Lex::Approx {
            j += 1;
        }
        let last = h.end.saturating_sub(1);
        match self.lex(j) {
            Lex::Part(_) if h.kind == TimexKind::Time => Anchor::Day,
            _ if self.is_any(j, &["देर", "अल", "आधी"])
                && matches!(self.lex(j + 1), Lex::Part(_)) =>
            {
                Anchor::Day
            }
            Lex::Num { .. } | Lex::FracAdd(_) | Lex::FracAbs(_) | Lex::Decimal(..)
                if h.kind == TimexKind::Time =>
            {
                Anchor::Day
            }
            Lex::Anaphor => Anchor::Anaphor,
            Lex::Shift(_)
                if self.lex(j + 1) == Lex::Unit(Unit::Day)
                    && !self.tok(j + 1).is_some_and(|t| t.key.ends_with("ों")) =>
            {
                Anchor::ShiftedDay
            }
            Lex::Weekday(w) => Anchor::Weekday(w),
            _ if h.kind == TimexKind::Date
                && self.is_any(last, &["बाद", "पश्चात", "पहले", "पूर्व"])
                && h.first >= 1
                && self.is_any(h.first - 1, &["इसके", "उसके", "इससे", "उससे", "जिसके", "जिससे"]) =>
            {
                Anchor::FromStoryDay
            }
            _ if h.kind == TimexKind::Date
                && self.is_any(last, &["बाद", "पश्चात"])
                && h.first >= 2
                && self.is(h.first - 1, "के")
                && self.lex(h.first - 2) == Lex::Other =>
            {
                Anchor::After(h.first - 2)
            }
            _ => Anchor::Own,
        }
    }

    /// The hit at `first` again, resolved against another day.
    fn again(&self, first: usize, end: usize, day: NaiveDate) -> Option<Hit> {
        let ctx = Ctx {
            toks: self.toks,
            reference: Some(day),
        };
        ctx.at(first).filter(|h| h.end == end)
    }

    /// The sentence around word `j`: `[start, end)`.
    fn sentence(&self, j: usize) -> (usize, usize) {
        let ends = |t: &super::Tok<'_>| t.is_any(super::SENTENCE_END);
        let start = self.toks[..j].iter().rposition(ends).map_or(0, |p| p + 1);
        let end = self.toks[j..]
            .iter()
            .position(ends)
            .map_or(self.toks.len(), |p| j + p);
        (start, end)
    }

    /// Anchors `hits` (in text order) to the days the story speaks of.
    pub(super) fn anchor(&self, hits: &mut [Hit]) {
        let Some(reference) = self.reference else {
            return;
        };
        // The last day the story named, and the last value of any precision it dated.
        let mut story_day: Option<NaiveDate> = None;
        let mut last_dated: Option<String> = None;
        // Weekday → the date the story gave it.
        let mut weekdays: Vec<(u32, NaiveDate)> = Vec::new();
        // Dated days with the sentence they stand in, for `X के N दिन बाद`.
        let mut dated: Vec<(NaiveDate, usize, usize)> = Vec::new();
        for n in 0..hits.len() {
            let anchor = self.anchor_of(&hits[n]);
            let near = |d: NaiveDate| (d - reference).num_days().abs() <= NARRATIVE_DAYS;
            match anchor {
                Anchor::Own => {}
                Anchor::Day => {
                    if let Some(day) = story_day.filter(|d| near(*d) && *d != reference)
                        && let Some(h) = self.again(hits[n].first, hits[n].end, day)
                    {
                        hits[n].value = h.value;
                    }
                }
                Anchor::FromStoryDay if self.weekday_follows(hits, n) => {
                    // इसके एक दिन पहले मंगलवार को: the weekday names the day.
                    hits[n].value = hits[n + 1].value.clone();
                }
                Anchor::ShiftedDay | Anchor::FromStoryDay => {
                    if let Some(day) = story_day
                        && let Some(h) = self.again(hits[n].first, hits[n].end, day)
                    {
                        hits[n].value = h.value;
                    }
                }
                Anchor::Anaphor => {
                    if hits[n].value.is_none() {
                        hits[n].value = self.anaphor_value(&hits[n], story_day, &last_dated);
                    }
                }
                Anchor::After(word) => {
                    let key = &self.toks[word].key;
                    let from = dated.iter().rev().find(|(_, s, e)| {
                        self.toks[*s..*e].iter().any(|t| t.key == *key) && !(*s..*e).contains(&word)
                    });
                    if let Some(&(day, _, _)) = from
                        && let Some(h) = self.again(hits[n].first, hits[n].end, day)
                    {
                        hits[n].value = h.value;
                    }
                }
                Anchor::Weekday(w) => {
                    // The story's date for that weekday, with the time of day as found.
                    let known = weekdays.iter().rev().find(|(x, _)| *x == w).map(|p| p.1);
                    if let Some(d) = known
                        && let Some(v) = hits[n].value.as_deref()
                        && let Some(found) = day_of(v)
                        && found != d
                        && (found - d).num_days().abs() <= 7
                    {
                        hits[n].value = Some(format!("{}{}", d.format("%Y-%m-%d"), &v[10..]));
                    }
                }
            }
            // A weekday right beside a written date (`14 अप्रैल यानी बुधवार`, `बुधवार (11
            // मार्च)`) is that date: the written date wins.
            if n > 0
                && let Some(pair) = self.pair_weekday_with_date(hits, n)
            {
                weekdays.push(pair);
            }
            let h = &hits[n];
            let Some(value) = h.value.clone() else {
                continue;
            };
            if !matches!(h.kind, TimexKind::Date | TimexKind::Time) {
                continue;
            }
            if let Some(day) = day_of(&value) {
                if matches!(
                    anchor,
                    Anchor::Own | Anchor::Weekday(_) | Anchor::ShiftedDay
                ) {
                    story_day = Some(day);
                }
                if let Some(w) = (h.first..h.end).find_map(|j| match self.lex(j) {
                    Lex::Weekday(w) => Some(w),
                    _ => None,
                }) && day.weekday().number_from_monday() == w
                {
                    weekdays.push((w, day));
                }
                let (s, e) = self.sentence(h.first);
                dated.push((day, s, e));
            }
            if value.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                last_dated = Some(value);
            }
        }
    }

    /// Whether hit `n + 1` is a bare weekday right after hit `n`.
    fn weekday_follows(&self, hits: &[Hit], n: usize) -> bool {
        hits.get(n + 1).is_some_and(|next| {
            next.first == hits[n].end
                && next.end <= next.first + 1
                && matches!(self.lex(next.first), Lex::Weekday(_))
                && next.value.as_deref().and_then(day_of).is_some()
        })
    }

    /// `उस समय`, `उस साल`, `उस रात`: the story's last date at the unit's precision.
    fn anaphor_value(
        &self,
        h: &Hit,
        story_day: Option<NaiveDate>,
        last_dated: &Option<String>,
    ) -> Option<String> {
        let unit = self.lex(h.first + 1);
        let last = last_dated.as_deref()?;
        let date = last.split(['T', '/']).next()?;
        match unit {
            Lex::Unit(Unit::Day) => Some(story_day?.format("%Y-%m-%d").to_string()),
            Lex::Unit(Unit::Year) => Some(date.get(..4)?.to_string()),
            Lex::Unit(Unit::Month) => Some(date.get(..7).filter(|m| m.len() == 7)?.to_string()),
            Lex::Part(p) => Some(format!("{}T{}", story_day?.format("%Y-%m-%d"), p.timex())),
            _ => Some(date.to_string()),
        }
    }

    /// Gives the weekday of a weekday-and-date pair the written date's value; returns the
    /// weekday and that date.
    fn pair_weekday_with_date(&self, hits: &mut [Hit], n: usize) -> Option<(u32, NaiveDate)> {
        const BETWEEN: &[&str] = &["यानी", "यानि", "अर्थात", "(", ")", ",", "-", "को"];
        let (a, b) = (&hits[n - 1], &hits[n]);
        if b.first < a.end || b.first - a.end > 2 {
            return None;
        }
        if !(a.end..b.first).all(|j| self.is_any(j, BETWEEN)) {
            return None;
        }
        let weekday_only =
            |h: &Hit| h.end == h.first + 1 && matches!(self.lex(h.first), Lex::Weekday(_));
        let written = |h: &Hit| {
            (h.first..h.end).any(|j| matches!(self.lex(j), Lex::Month(_)))
                && h.value.as_deref().and_then(day_of).is_some()
        };
        let (from, to) = if weekday_only(b) && written(a) {
            (n - 1, n)
        } else if weekday_only(a) && written(b) {
            (n, n - 1)
        } else {
            return None;
        };
        let day = hits[from].value.as_deref().and_then(day_of)?;
        let Lex::Weekday(w) = self.lex(hits[to].first) else {
            return None;
        };
        hits[to].value = Some(day.format("%Y-%m-%d").to_string());
        Some((w, day))
    }
}
