//! Calendar arithmetic for resolving expressions: points of time at some granularity (a day,
//! a month, an ISO week, a quarter…), their TIMEX3 values, and the tense rules that pick the
//! year of a bare month, the date of a bare weekday.

use chrono::{Datelike, Duration, NaiveDate};

use super::lexicon::Unit;

/// The tense of the clause an expression sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tense {
    Past,
    Future,
    Unknown,
}

/// A span of the calendar, as precise as the text says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Point {
    Day(NaiveDate),
    Month(i32, u32),
    Year(i32),
    /// ISO year and week.
    Week(i32, u32),
    Quarter(i32, u32),
    Half(i32, u32),
    /// 199 for the 1990s.
    Decade(i32),
    /// 19 for the 1900s (the 20th century).
    Century(i32),
    Season(i32, &'static str),
}

impl Point {
    /// The TIMEX3 value.
    pub fn value(self) -> String {
        match self {
            Point::Day(d) => d.format("%Y-%m-%d").to_string(),
            Point::Month(y, m) => format!("{y:04}-{m:02}"),
            Point::Year(y) => format!("{y:04}"),
            Point::Week(y, w) => format!("{y:04}-W{w:02}"),
            Point::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Point::Half(y, h) => format!("{y:04}-H{h}"),
            Point::Decade(d) => format!("{d:03}"),
            Point::Century(c) => format!("{c:02}"),
            Point::Season(y, s) => format!("{y:04}-{s}"),
        }
    }

    /// The point `n` units of its own granularity later (earlier when negative).
    fn shifted(self, n: i32) -> Option<Point> {
        Some(match self {
            Point::Day(d) => Point::Day(d.checked_add_signed(Duration::days(i64::from(n)))?),
            Point::Month(y, m) => {
                let (y, m) = add_months(y, m, n);
                Point::Month(y, m)
            }
            Point::Year(y) => Point::Year(y + n),
            Point::Week(y, w) => {
                let monday = NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon)?;
                week_of(monday.checked_add_signed(Duration::weeks(i64::from(n)))?)
            }
            Point::Quarter(y, q) => {
                let i = y * 4 + i32::try_from(q).ok()? - 1 + n;
                Point::Quarter(i.div_euclid(4), u32::try_from(i.rem_euclid(4)).ok()? + 1)
            }
            Point::Half(y, h) => {
                let i = y * 2 + i32::try_from(h).ok()? - 1 + n;
                Point::Half(i.div_euclid(2), u32::try_from(i.rem_euclid(2)).ok()? + 1)
            }
            Point::Decade(d) => Point::Decade(d + n),
            Point::Century(c) => Point::Century(c + n),
            Point::Season(y, s) => Point::Season(y + n, s),
        })
    }
}

pub(super) fn week_of(d: NaiveDate) -> Point {
    let w = d.iso_week();
    Point::Week(w.year(), w.week())
}

pub(super) fn add_months(y: i32, m: u32, n: i32) -> (i32, u32) {
    let i = y * 12 + i32::try_from(m).unwrap_or(1) - 1 + n;
    (
        i.div_euclid(12),
        u32::try_from(i.rem_euclid(12)).unwrap_or(0) + 1,
    )
}

/// The point of `reference` at the granularity of `unit`, moved by `shift` units
/// (इस साल = 0, पिछले महीने = -1, अगले सप्ताह = +1).
pub(super) fn shifted_unit(reference: NaiveDate, unit: Unit, shift: i32) -> Option<Point> {
    let y = reference.year();
    let here = match unit {
        Unit::Day => Point::Day(reference),
        Unit::Week => week_of(reference),
        Unit::Month => Point::Month(y, reference.month()),
        Unit::Quarter => Point::Quarter(y, (reference.month() - 1) / 3 + 1),
        Unit::HalfYear => Point::Half(y, (reference.month() - 1) / 6 + 1),
        Unit::Year => Point::Year(y),
        Unit::Decade => Point::Decade(y.div_euclid(10)),
        Unit::Century => Point::Century(y.div_euclid(100)),
        Unit::Fortnight | Unit::Hour | Unit::Minute | Unit::Second => return None,
    };
    here.shifted(shift)
}

/// `quarters / 4` units before (`dir` < 0) or after `reference`, at the granularity the
/// text implies (दो साल पहले → a year, तीन दिन बाद → a day).
pub(super) fn relative(reference: NaiveDate, quarters: u32, unit: Unit, dir: i32) -> Option<Point> {
    let q = i32::try_from(quarters).ok()?;
    let whole = q / 4;
    let y = reference.year();
    let day = |days: i32| {
        reference
            .checked_add_signed(Duration::days(i64::from(days * dir)))
            .map(Point::Day)
    };
    match unit {
        Unit::Year if q % 4 == 0 => Some(Point::Year(y + whole * dir)),
        Unit::Year => {
            let (y, m) = add_months(y, reference.month(), q * 3 * dir);
            Some(Point::Month(y, m))
        }
        Unit::Month if q % 4 == 0 => {
            let (y, m) = add_months(y, reference.month(), whole * dir);
            Some(Point::Month(y, m))
        }
        Unit::Month => day(q * 30 / 4),
        Unit::Week if q % 4 == 0 => week_of(reference).shifted(whole * dir),
        Unit::Week => day(q * 7 / 4),
        Unit::Fortnight => day(q * 14 / 4),
        Unit::Day => day(whole),
        Unit::Decade => Some(Point::Year(y + q * 10 / 4 * dir)),
        Unit::Century => Some(Point::Century(y.div_euclid(100) + whole * dir)),
        Unit::Quarter => shifted_unit(reference, Unit::Quarter, whole * dir),
        Unit::HalfYear => shifted_unit(reference, Unit::HalfYear, whole * dir),
        Unit::Hour | Unit::Minute | Unit::Second => None,
    }
}

/// A TIMEX3 duration of `quarters / 4` units (None: a vague amount, `PXY`).
pub(super) fn duration(quarters: Option<u32>, unit: Unit) -> String {
    let code = match unit {
        Unit::Second => "TS",
        Unit::Minute => "TM",
        Unit::Hour => "TH",
        Unit::Day => "D",
        Unit::Week | Unit::Fortnight => "W",
        Unit::Month => "M",
        Unit::Quarter => "Q",
        Unit::HalfYear => "HY",
        Unit::Year => "Y",
        Unit::Decade => "DE",
        Unit::Century => "CE",
    };
    let Some(q) = quarters else {
        return match code.strip_prefix('T') {
            Some(c) => format!("PTX{c}"),
            None => format!("PX{code}"),
        };
    };
    let (whole, rest) = (q / 4, q % 4);
    let part = |n: u32, c: &str| {
        if n > 0 {
            format!("{n}{c}")
        } else {
            String::new()
        }
    };
    match unit {
        Unit::Year => {
            let months = q * 3;
            format!("P{}{}", part(months / 12, "Y"), part(months % 12, "M"))
        }
        Unit::HalfYear => format!(
            "P{}{}",
            part(q * 6 / 4 / 12, "Y"),
            part(q * 6 / 4 % 12, "M")
        ),
        Unit::Quarter if rest == 0 => format!("P{whole}Q"),
        Unit::Quarter => format!("P{}M", q * 3 / 4),
        Unit::Month => format!("P{}{}", part(whole, "M"), part((rest * 30 + 2) / 4, "D")),
        Unit::Fortnight if rest == 0 => format!("P{}W", whole * 2),
        Unit::Fortnight => format!("P{}D", q * 14 / 4),
        Unit::Week if rest == 0 => format!("P{whole}W"),
        Unit::Week => format!("P{}D", (q * 7 + 2) / 4),
        Unit::Day if rest == 0 => format!("P{whole}D"),
        Unit::Day => format!("P{}T{}H", part(whole, "D"), rest * 6),
        Unit::Hour => format!("PT{}{}", part(whole, "H"), part(rest * 15, "M")),
        Unit::Minute => format!("PT{}{}", part(whole, "M"), part(rest * 15, "S")),
        Unit::Second => format!("PT{}S", whole.max(1)),
        Unit::Decade | Unit::Century if rest == 0 => format!("P{whole}{code}"),
        Unit::Decade => format!("P{}Y", q * 10 / 4),
        Unit::Century => format!("P{}Y", q * 100 / 4),
    }
}

/// The year of a bare month: the latest one up to the reference month for the past, the
/// next one from it for the future. A clause that looks ahead (`मई तक`, a deadline or a
/// postponement) reported in the past takes a month up to two ahead in the same year.
pub(super) fn month_year(reference: NaiveDate, month: u32, tense: Tense, ahead: bool) -> i32 {
    let y = reference.year();
    let now = reference.month();
    match tense {
        Tense::Future if month < now => y + 1,
        Tense::Future => y,
        _ if month <= now => y,
        Tense::Past if ahead && month - now <= 2 => y,
        Tense::Unknown if month - now <= 2 => y,
        _ => y - 1,
    }
}

/// The date of a bare weekday (1 = Monday): the latest on or before the reference for the
/// past (strictly before when `strict`), the next one after it for the future.
pub(super) fn weekday_date(
    reference: NaiveDate,
    weekday: u32,
    tense: Tense,
    strict: bool,
) -> Option<NaiveDate> {
    let today = reference.weekday().number_from_monday();
    let (w, t) = (i64::from(weekday), i64::from(today));
    let days = match tense {
        Tense::Future => {
            let f = (w - t).rem_euclid(7);
            if f == 0 { 7 } else { f }
        }
        _ => {
            let b = (t - w).rem_euclid(7);
            -(if b == 0 && strict { 7 } else { b })
        }
    };
    reference.checked_add_signed(Duration::days(days))
}

/// How far ahead of the reference a date without a year may lie and still be the one a
/// past-tense clause means: a report dated a few days early, or a deadline (`31 मार्च तक`).
const PAST_BUT_NEAR: i64 = 7;
const PAST_BUT_AHEAD: i64 = 62;
/// How far ahead a date without a year and without a tense is taken to lie.
const UNKNOWN_AHEAD: i64 = 31;
const UNKNOWN_AHEAD_LOOKING: i64 = 183;

/// The date of a day and month without a year: the occurrence the clause means. For the
/// past, the latest on or before the reference — unless the one just ahead is within a week
/// (the story's date is a little early) or, when the clause looks ahead (`तक`, `से`, a
/// deadline, a postponement), within two months. For the future, the next from the
/// reference. Without a tense, the coming one when it is near (within a month, or half a
/// year when the clause looks ahead), else the latest past one.
pub(super) fn day_month_date(
    reference: NaiveDate,
    month: u32,
    day: u32,
    tense: Tense,
    ahead: bool,
) -> Option<NaiveDate> {
    let y = reference.year();
    let candidates: Vec<NaiveDate> = (y - 1..=y + 1)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .collect();
    let past = candidates.iter().rev().find(|d| **d <= reference).copied();
    let next = candidates.iter().find(|d| **d >= reference).copied();
    let within = |days: i64| next.filter(|d| (*d - reference).num_days() <= days);
    match tense {
        Tense::Past => {
            let near = within(if ahead { PAST_BUT_AHEAD } else { PAST_BUT_NEAR });
            near.filter(|d| *d > reference).or(past).or(next)
        }
        Tense::Future => next.or(past),
        Tense::Unknown => within(if ahead {
            UNKNOWN_AHEAD_LOOKING
        } else {
            UNKNOWN_AHEAD
        })
        .or(past)
        .or(next),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn durations_with_fractions() {
        assert_eq!(duration(Some(14), Unit::Year), "P3Y6M");
        assert_eq!(duration(Some(6), Unit::Month), "P1M15D");
        assert_eq!(duration(Some(8), Unit::Hour), "PT2H");
        assert_eq!(duration(Some(10), Unit::Hour), "PT2H30M");
        assert_eq!(duration(None, Unit::Day), "PXD");
        assert_eq!(duration(None, Unit::Minute), "PTXM");
    }

    #[test]
    fn weekdays_and_months_by_tense() {
        let r = d("2024-03-21"); // Thursday
        assert_eq!(
            weekday_date(r, 1, Tense::Past, false),
            Some(d("2024-03-18"))
        );
        assert_eq!(
            weekday_date(r, 1, Tense::Future, false),
            Some(d("2024-03-25"))
        );
        assert_eq!(weekday_date(r, 4, Tense::Past, true), Some(d("2024-03-14")));
        assert_eq!(month_year(r, 11, Tense::Past, false), 2023);
        assert_eq!(month_year(r, 11, Tense::Future, false), 2024);
        // मई तक बढ़ाया गया: a deadline reported in the past lies ahead.
        assert_eq!(month_year(r, 5, Tense::Past, true), 2024);
        assert_eq!(month_year(r, 5, Tense::Past, false), 2023);
        let dm = |m, day, tense, ahead| day_month_date(r, m, day, tense, ahead);
        assert_eq!(dm(12, 25, Tense::Unknown, false), Some(d("2023-12-25")));
        assert_eq!(dm(3, 25, Tense::Unknown, false), Some(d("2024-03-25")));
        // Without a tense, a date within a month ahead is the coming one; further ahead only
        // when the clause looks ahead (आवेदन 25 जून तक).
        assert_eq!(dm(4, 15, Tense::Unknown, false), Some(d("2024-04-15")));
        assert_eq!(dm(6, 25, Tense::Unknown, false), Some(d("2023-06-25")));
        assert_eq!(dm(6, 25, Tense::Unknown, true), Some(d("2024-06-25")));
        // In the past tense: the latest before, unless just ahead (a few days) or a deadline.
        assert_eq!(dm(4, 15, Tense::Past, false), Some(d("2023-04-15")));
        assert_eq!(dm(3, 25, Tense::Past, false), Some(d("2024-03-25")));
        assert_eq!(dm(4, 15, Tense::Past, true), Some(d("2024-04-15")));
        assert_eq!(dm(3, 10, Tense::Future, false), Some(d("2025-03-10")));
    }

    #[test]
    fn shifted_units() {
        let r = d("2024-03-21");
        assert_eq!(shifted_unit(r, Unit::Week, -1), Some(Point::Week(2024, 11)));
        assert_eq!(
            shifted_unit(r, Unit::Month, -3).map(Point::value),
            Some("2023-12".into())
        );
        assert_eq!(
            shifted_unit(r, Unit::Quarter, -1).map(Point::value),
            Some("2023-Q4".into())
        );
        assert_eq!(
            relative(r, 8, Unit::Year, -1).map(Point::value),
            Some("2022".into())
        );
    }
}
