//! Quantities and what they measure: durations, relative dates (तीन दिन बाद) and sets
//! (हर दो साल).

use super::{Ctx, Hit};
use crate::extract::time::TimexKind;
use crate::extract::time::calendar::{Point, Tense, duration, relative};
use crate::extract::time::lexicon::{Lex, Unit};

impl Ctx<'_, '_> {
    /// A quantity: साढ़े तीन, डेढ़, 24, दो-तीन, कुछ, कई. `None` quarters: a vague amount. A
    /// range (12-24, 15 से 20) gives its upper bound.
    fn amount(&self, j: usize) -> Option<(usize, Option<u32>)> {
        self.amount_range(j).map(|(e, q, _)| (e, q))
    }

    /// [`Self::amount`] with the lower bound of a range (`12-24`, `15 से 20`), in quarters.
    fn amount_range(&self, j: usize) -> Option<(usize, Option<u32>, Option<u32>)> {
        if let Lex::Num { n, digits } = self.lex(j)
            && n > 0
            && digits != 4
            && self.is(j + 1, "से")
            && let Lex::Num { n: m, digits: d2 } = self.lex(j + 2)
            && m > n
            && d2 != 4
            && matches!(self.lex(j + 3), Lex::Unit(_))
        {
            return Some((j + 3, Some(m * 4), Some(n * 4)));
        }
        if let (Lex::Num { n, digits }, Lex::Dash, Lex::Num { n: m, .. }) =
            (self.lex(j), self.lex(j + 1), self.lex(j + 2))
            && n > 0
            && digits != 4
            && m > n
        {
            return Some((j + 3, Some(m * 4), Some(n * 4)));
        }
        self.amount_one(j).map(|(e, q)| (e, q, None))
    }

    fn amount_one(&self, j: usize) -> Option<(usize, Option<u32>)> {
        match self.lex(j) {
            Lex::FracAdd(q) => match self.lex(j + 1) {
                Lex::Num { n, .. } => {
                    let total = i64::from(n) * 4 + i64::from(q);
                    Some((j + 2, u32::try_from(total).ok()))
                }
                _ => None,
            },
            Lex::FracAbs(q) => Some((j + 1, Some(q))),
            Lex::Num { n, digits } if n > 0 && n <= 10_000 && digits != 4 || digits == 0 => {
                match (self.lex(j + 1), self.lex(j + 2)) {
                    (Lex::Dash, Lex::Num { n: m, .. }) if m > n => Some((j + 3, Some(m * 4))),
                    (Lex::Num { n: 100 | 1000, .. }, _) => {
                        Some((j + 2, Some(n * 4 * self.num(j + 1))))
                    }
                    (Lex::Num { n: m, digits: 0 }, _) if digits == 0 && m > n => {
                        Some((j + 2, None))
                    }
                    _ => Some((j + 1, Some(n * 4))),
                }
            }
            Lex::Vague => Some((j + 1, None)),
            _ => None,
        }
    }

    fn num(&self, j: usize) -> u32 {
        match self.lex(j) {
            Lex::Num { n, .. } => n,
            _ => 1,
        }
    }

    /// Durations and relative dates: दो घंटे से ज्यादा, पिछले पांच सालों, तीन दिन बाद.
    pub(super) fn amount_expr(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        let mut shift = None;
        if let Lex::Shift(s) = self.lex(j) {
            shift = Some(s);
            j += 1;
        } else if self.is(j, "इन") {
            shift = Some(0);
            j += 1;
        }
        let mut approx = false;
        if shift.is_some() && self.lex(j) == Lex::Approx {
            approx = true;
            j += 1;
        }
        // कुछ देर, कुछ समय, लंबे समय, काफी वक्त: a while.
        if (self.lex(j) == Lex::Vague || self.is_any(j, &["लंबे", "लम्बे", "लंबा", "लंबी"]))
            && self.is_any(j + 1, &["देर", "समय", "वक्त", "अरसे", "अरसा"])
        {
            let mut end = j + 2;
            let mut modifier = approx.then_some("APPROX");
            // कुछ समय बाद, कुछ देर पहले: a while after or before now.
            // (In a past-tense story `कुछ देर बाद` is later than its events, not the future.)
            let vague = if self.is_any(end, &["बाद", "पश्चात"])
                && self.tense(i, end + 1) != Tense::Past
            {
                Some("FUTURE_REF")
            } else if self.is_any(end, &["पहले", "पूर्व"]) {
                Some("PAST_REF")
            } else {
                None
            };
            if let Some(v) = vague {
                return self.hit(i, end + 1, TimexKind::Date, Some(v.to_string()));
            }
            if self.is(end, "से") && self.is_any(end + 1, &["ज्यादा", "अधिक"])
            {
                modifier = Some("MORE_THAN");
                end += 2;
            }
            return Some(Hit {
                first: i,
                end,
                kind: TimexKind::Duration,
                value: None,
                modifier,
            });
        }
        if let Some(h) = self.decimal_duration(i, j) {
            return Some(h);
        }
        let (mut k, amount, low) = self.amount_range(j)?;
        // एक ही दिन में: the same amount.
        if self.is(k, "ही") && matches!(self.lex(k + 1), Lex::Unit(_)) {
            k += 1;
        }
        let Lex::Unit(unit) = self.lex(k) else {
            return None;
        };
        let mut end = k + 1;
        if self.is(end, "भर") {
            end += 1;
        }
        let mut modifier = approx.then_some("APPROX");
        // Before or after the reference: दो साल पहले, तीन दिन बाद.
        let dir_at = |e: usize| {
            if self.is_any(e, &["पहले", "पूर्व"]) {
                Some(-1)
            } else if self.is_any(e, &["बाद", "पश्चात"]) {
                Some(1)
            } else {
                None
            }
        };
        let dir = if shift.is_some() {
            None
        } else if let Some(d) = dir_at(end) {
            end += 1;
            Some(d)
        } else if self.is(end, "के")
            && let Some(d) = dir_at(end + 1)
        {
            end += 2;
            Some(d)
        } else {
            None
        };
        if let Some(dir) = dir {
            let value = match (amount, self.reference) {
                (None, _) => Some(if dir < 0 { "PAST_REF" } else { "FUTURE_REF" }.to_string()),
                (Some(q), Some(r)) => relative(r, q, unit, dir).map(Point::value),
                (Some(_), None) => None,
            };
            return Some(Hit {
                first: i,
                end,
                kind: TimexKind::Date,
                value,
                modifier,
            });
        }
        if self.is(end, "से") {
            let more = if self.is(end + 1, "भी") {
                end + 2
            } else {
                end + 1
            };
            if self.is_any(more, &["ज्यादा", "अधिक", "ऊपर", "लंबे"])
            {
                modifier = Some("MORE_THAN");
                end = more + 1;
            } else if self.is(more, "कम") {
                modifier = Some("LESS_THAN");
                end = more + 1;
            }
        } else if self.is(end, "के") && self.is_any(end + 1, &["आसपास", "करीब", "लगभग"])
        {
            modifier = Some("APPROX");
            end += 2;
        }
        let value = match low {
            Some(low) => format!("{}/{}", duration(Some(low), unit), duration(amount, unit)),
            None => duration(amount, unit),
        };
        Some(Hit {
            first: i,
            end,
            kind: TimexKind::Duration,
            value: Some(value),
            modifier,
        })
    }

    /// A duration with a decimal amount: 6.2 दिन, 1.5 घंटे.
    fn decimal_duration(&self, i: usize, j: usize) -> Option<Hit> {
        let Lex::Unit(unit) = self.lex(j + 1) else {
            return None;
        };
        let amount = self.tok(j)?.text;
        let decimal = amount.split_once('.').is_some_and(|(a, b)| {
            [a, b]
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        });
        if !decimal {
            return None;
        }
        let code = match unit {
            Unit::Second => "TS",
            Unit::Minute => "TM",
            Unit::Hour => "TH",
            Unit::Day => "D",
            Unit::Week => "W",
            Unit::Month => "M",
            Unit::Year => "Y",
            _ => return None,
        };
        let (time, unit) = code.split_at(code.len() - 1);
        let value = format!("P{time}{amount}{unit}");
        self.hit(i, j + 2, TimexKind::Duration, Some(value))
    }

    /// Sets: हर साल, हर सोमवार, प्रति वर्ष, रोजाना, हर दो साल.
    pub(super) fn set_expr(&self, i: usize) -> Option<Hit> {
        match self.lex(i) {
            Lex::SetWord(v) => self.hit(i, i + 1, TimexKind::Set, Some(v.to_string())),
            Lex::Every => {
                let every = self.tok(i)?;
                let per = every.is("प्रति");
                let (k, amount) = match self.amount(i + 1) {
                    Some((k, Some(q))) if !per => (k, q),
                    _ => (i + 1, 4),
                };
                let value = match self.lex(k) {
                    Lex::Unit(u)
                        if per && matches!(u, Unit::Second | Unit::Minute | Unit::Hour) =>
                    {
                        return None;
                    }
                    Lex::Unit(u) => duration(Some(amount), u),
                    Lex::Weekday(w) if k == i + 1 => format!("XXXX-WXX-{w}"),
                    Lex::Part(p) if k == i + 1 => format!("XXXX-XX-XXT{}", p.timex()),
                    Lex::SetWord(v) if k == i + 1 => v.to_string(),
                    _ => return None,
                };
                self.hit(i, k + 1, TimexKind::Set, Some(value))
            }
            _ => None,
        }
    }
}
