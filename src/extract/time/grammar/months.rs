//! Dates written by day, month and year: 21 मार्च, 1 से 5 मार्च तक, नवंबर में, जून 2024,
//! सन् 1947, 1990 के दशक — with the year resolved by the tense of the clause.

use chrono::NaiveDate;

use super::{AFTER_MONTH, AFTER_YEAR, Ctx, Hit, forced};
use crate::extract::time::TimexKind;
use crate::extract::time::calendar::{
    Point, Tense, add_months, day_month_date, month_year, week_of,
};
use crate::extract::time::lexicon::{LEX, Lex, Unit};

impl Ctx<'_, '_> {
    /// 21 मार्च, 21 मार्च 2025, 1 से 5 मार्च तक, 25 दिसंबर से 2 जनवरी तक, 20 तारीख.
    pub(super) fn day_month_expr(&self, i: usize, j: usize, shift: Option<i32>) -> Option<Hit> {
        let d1 = self.day_num(j)?;
        let r = self.reference;
        // 24 और 25 अप्रैल: the first day takes the month of the second.
        if self.is_any(j + 1, &["और", "व", ","])
            && self.day_num(j + 2).is_some()
            && let Lex::Month(m) = self.lex(j + 3)
        {
            let year = self.year_num(j + 4);
            let value = self.resolve_day(i, j + 4, year, m, d1, shift);
            return self.hit(i, j + 1, TimexKind::Date, value);
        }
        // 1 से 5 मार्च, 2-3 दिसंबर
        if (self.is(j + 1, "से") || self.lex(j + 1) == Lex::Dash)
            && let Some(d2) = self.day_num(j + 2)
            && let Lex::Month(m) = self.lex(j + 3)
            && d2 > d1
        {
            let mut k = j + 4;
            let year = self.year_num(k);
            if year.is_some() {
                k += 1;
            }
            if self.is(k, "तक") {
                k += 1;
            }
            let a = self.resolve_day(i, k, year, m, d1, shift);
            let b = a
                .as_deref()
                .and_then(|a| a.get(..8).map(|ym| format!("{ym}{d2:02}")));
            let value = a.zip(b).map(|(a, b)| format!("{a}/{b}"));
            return self.hit(i, k, TimexKind::Date, value);
        }
        if self.is(j + 1, "तारीख") {
            let value = r.and_then(|r| {
                let m = chrono::Datelike::month(&r);
                let tense = self.tense(i, j + 2);
                let cands = [
                    add_months(chrono::Datelike::year(&r), m, -1),
                    (chrono::Datelike::year(&r), m),
                    add_months(chrono::Datelike::year(&r), m, 1),
                ];
                let dates: Vec<NaiveDate> = cands
                    .iter()
                    .filter_map(|&(y, m)| NaiveDate::from_ymd_opt(y, m, d1))
                    .collect();
                match tense {
                    Tense::Future => dates.into_iter().find(|d| *d >= r),
                    _ => dates.into_iter().rev().find(|d| *d <= r),
                }
            });
            return self.dated(i, j + 2, value.map(Point::Day), true);
        }
        let Lex::Month(m) = self.lex(j + 1) else {
            return None;
        };
        let mut k = j + 2;
        let mut year = self.year_num(k);
        if year.is_some() {
            k += 1;
        } else if self.is(k, ",") && self.year_num(k + 1).is_some() {
            year = self.year_num(k + 1);
            k += 2;
        }
        // Range to a second day and month: 25 दिसंबर से 2 जनवरी तक
        if self.is(k, "से") || self.lex(k) == Lex::Dash {
            let at = if self.is(k + 1, "लेकर") {
                k + 2
            } else {
                k + 1
            };
            if let Some(d2) = self.day_num(at)
                && let Lex::Month(m2) = self.lex(at + 1)
            {
                let mut e = at + 2;
                let year2 = self.year_num(e);
                if year2.is_some() {
                    e += 1;
                }
                if self.is(e, "तक") {
                    e += 1;
                }
                let value = self.resolve_range(i, e, (year, m, d1), (year2, m2, d2), shift);
                return self.hit(i, e, TimexKind::Date, value);
            }
        }
        let value = self.resolve_day(i, k, year, m, d1, shift);
        let date = value
            .as_deref()
            .and_then(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok());
        let mut h = self.dated(i, k, date.map(Point::Day), true)?;
        if h.kind == TimexKind::Date && date.is_none() {
            h.value = value;
        } else if date.is_none()
            && let (Some(v), Some(d)) = (&h.value, &value)
        {
            h.value = Some(v.replacen("XXXX-XX-XX", d, 1));
        }
        Some(h)
    }

    /// A day and month, with the year written or chosen by tense.
    fn resolve_day(
        &self,
        i: usize,
        end: usize,
        year: Option<i32>,
        m: u32,
        d: u32,
        shift: Option<i32>,
    ) -> Option<String> {
        if let Some(y) = year {
            return NaiveDate::from_ymd_opt(y, m, d).map(|d| Point::Day(d).value());
        }
        match self.reference {
            Some(r) => {
                let tense = forced(shift).unwrap_or_else(|| self.tense(i, end));
                day_month_date(r, m, d, tense, self.looks_ahead(i, end))
                    .map(|d| Point::Day(d).value())
            }
            None => Some(format!("XXXX-{m:02}-{d:02}")),
        }
    }

    /// Two day-months; a second date earlier than the first rolls over to the next year.
    fn resolve_range(
        &self,
        i: usize,
        end: usize,
        (y1, m1, d1): (Option<i32>, u32, u32),
        (y2, m2, d2): (Option<i32>, u32, u32),
        shift: Option<i32>,
    ) -> Option<String> {
        let before = (m1, d1) > (m2, d2);
        let (a, b) = match (y1, y2) {
            (Some(y1), y2) => (
                Some(y1),
                Some(y2.unwrap_or(if before { y1 + 1 } else { y1 })),
            ),
            (None, Some(y2)) => (Some(if before { y2 - 1 } else { y2 }), Some(y2)),
            (None, None) => {
                let a = self.resolve_day(i, end, None, m1, d1, shift)?;
                let y: i32 = a.get(..4)?.parse().ok()?;
                (Some(y), Some(if before { y + 1 } else { y }))
            }
        };
        let a = NaiveDate::from_ymd_opt(a?, m1, d1)?;
        let b = NaiveDate::from_ymd_opt(b?, m2, d2)?;
        if self.reference.is_none() && y1.is_none() && y2.is_none() {
            return Some(format!("XXXX-{m1:02}-{d1:02}/XXXX-{m2:02}-{d2:02}"));
        }
        Some(format!(
            "{}/{}",
            Point::Day(a).value(),
            Point::Day(b).value()
        ))
    }

    /// नवंबर में, जून 2024, मई के तीसरे सप्ताह, अप्रैल-मई 2015, जनवरी से मार्च तक.
    pub(super) fn month_expr(
        &self,
        i: usize,
        j: usize,
        m: u32,
        shift: Option<i32>,
        year_given: Option<i32>,
    ) -> Option<Hit> {
        let mut k = j + 1;
        let mut year = year_given.or_else(|| self.year_num(k));
        if year_given.is_none() && year.is_some() {
            k += 1;
        }
        // अप्रैल-मई 2015, जनवरी से मार्च तक
        let mut m2 = None;
        if year.is_none() || year_given.is_some() {
            let at = if self.lex(k) == Lex::Dash {
                Some(k + 1)
            } else if self.is(k, "से") {
                Some(if self.is(k + 1, "लेकर") {
                    k + 2
                } else {
                    k + 1
                })
            } else {
                None
            };
            if let Some(at) = at
                && let Lex::Month(n) = self.lex(at)
            {
                m2 = Some(n);
                k = at + 1;
                if year.is_none()
                    && let Some(y) = self.year_num(k)
                {
                    year = Some(y);
                    k += 1;
                }
                if self.is(k, "तक") {
                    k += 1;
                }
            }
        }
        let bare = year.is_none() && shift.is_none() && year_given.is_none() && m2.is_none();
        if bare {
            let prev_cue = i > 0
                && self
                    .tok(i - 1)
                    .is_some_and(|t| LEX.is_not_month_cue(&t.key));
            let next_ok = self.is_any(k, AFTER_MONTH) || k >= self.toks.len();
            if prev_cue || !next_ok {
                return None;
            }
        }
        if self.is_any(k, &["माह", "महीने", "महीना", "मास"]) {
            k += 1;
        }
        let r = self.reference;
        let y = match year {
            Some(y) => Some(y),
            None => r.map(|r| {
                let tense = forced(shift).unwrap_or_else(|| self.tense(i, k));
                month_year(r, m, tense, self.looks_ahead(i, k))
            }),
        };
        if let Some(m2) = m2 {
            let value = y.map(|y| {
                let y2 = if m2 < m { y + 1 } else { y };
                format!(
                    "{}/{}",
                    Point::Month(y, m).value(),
                    Point::Month(y2, m2).value()
                )
            });
            return self.hit(i, k, TimexKind::Date, value);
        }
        // मई के तीसरे सप्ताह, अप्रैल के पहले दिन
        if self.is(k, "के")
            && let Lex::Ordinal(o) = self.lex(k + 1)
            && let Lex::Unit(u @ (Unit::Week | Unit::Day)) = self.lex(k + 2)
        {
            let value = y.and_then(|y| {
                let last = (1..=31)
                    .rev()
                    .find_map(|d| NaiveDate::from_ymd_opt(y, m, d))?;
                let day = match (u, o) {
                    (Unit::Week, -1) => chrono::Datelike::day(&last).saturating_sub(3),
                    (Unit::Week, o) if (1..=5).contains(&o) => u32::try_from(o * 7 - 3).ok()?,
                    (Unit::Day, -1) => chrono::Datelike::day(&last),
                    (Unit::Day, o) if o > 0 => u32::try_from(o).ok()?,
                    _ => return None,
                };
                let date = NaiveDate::from_ymd_opt(y, m, day)?;
                Some(match u {
                    Unit::Week => week_of(date).value(),
                    _ => Point::Day(date).value(),
                })
            });
            return self.hit(i, k + 3, TimexKind::Date, value);
        }
        let (end, modifier) = self.mod_suffix(k);
        let value = match y {
            Some(y) => Point::Month(y, m).value(),
            None => format!("XXXX-{m:02}"),
        };
        Some(Hit {
            first: i,
            end,
            kind: TimexKind::Date,
            value: Some(value),
            modifier,
        })
    }

    /// 2024 में, सन् 1947, साल 2015, 2019-21, 2007 से 2017 तक, 1990 के दशक, 2024 की पहली
    /// तिमाही. `worded`: a सन्/साल/वर्ष before it makes a bare number a year.
    pub(super) fn year_expr(&self, i: usize, j: usize, worded: bool) -> Option<Hit> {
        let y = match self.lex(j) {
            Lex::Num { n, digits } if worded && (3..=4).contains(&digits) && n <= 2200 => {
                i32::try_from(n).ok()?
            }
            _ => self.year_num(j)?,
        };
        let mut k = j + 1;
        if !worded {
            let next_ok = self.is_any(k, AFTER_YEAR) || k >= self.toks.len();
            let prev_bad = i > 0 && matches!(self.lex(i - 1), Lex::Num { .. });
            if !next_ok || prev_bad || !(1800..=2100).contains(&y) {
                return None;
            }
        }
        if self.is_any(k, &["ई", "ई.", "ईस्वी", "ईसवी"]) {
            k += 1;
        }
        // 1990 के दशक
        if self.is(k, "के") && self.is(k + 1, "दशक") && y % 10 == 0 {
            let (end, modifier) = self.mod_suffix(k + 2);
            return Some(Hit {
                first: i,
                end,
                kind: TimexKind::Date,
                value: Some(format!("{:03}", y / 10)),
                modifier,
            });
        }
        if let Some(h) = self.quarter_after(i, k, Some(y)) {
            return Some(h);
        }
        // 2019-21, 2023-24, 2007 से 2017 तक
        let range_to = if self.lex(k) == Lex::Dash {
            match self.lex(k + 1) {
                Lex::Num { n, digits: 2 } => {
                    Some((k + 2, (y / 100) * 100 + i32::try_from(n).ok()?))
                }
                _ => self.year_num(k + 1).map(|y2| (k + 2, y2)),
            }
        } else if self.is(k, "से") {
            let at = if self.is(k + 1, "लेकर") {
                k + 2
            } else {
                k + 1
            };
            let at = if self.is_any(at, &["सन्", "साल", "वर्ष"]) {
                at + 1
            } else {
                at
            };
            self.year_num(at).map(|y2| (at + 1, y2))
        } else {
            None
        };
        if let Some((mut e, y2)) = range_to
            && y2 > y
        {
            if self.is(e, "तक") {
                e += 1;
            }
            return self.hit(i, e, TimexKind::Date, Some(format!("{y:04}/{y2:04}")));
        }
        let (end, modifier) = self.mod_suffix(k);
        Some(Hit {
            first: i,
            end,
            kind: TimexKind::Date,
            value: Some(Point::Year(y).value()),
            modifier,
        })
    }
}
