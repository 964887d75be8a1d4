//! Counts per week or month across the folder — how often a name is in the news, how many
//! dated events fall in each month — for the charts on a name's page and the folder
//! timeline. Pure: dates in, counts out.

use chrono::{Datelike, Duration, NaiveDate};

/// The length of a period of a [`Histogram`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Weeks from Monday.
    Week,
    Month,
    Year,
}

/// Counts per period from the first date's period to the last's, empty periods included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Histogram {
    pub period: Period,
    /// The first day of each period.
    pub starts: Vec<NaiveDate>,
    pub counts: Vec<u64>,
    /// Dates left out before the first period and after the last: the outlying hundredth
    /// at each end (an article recalling वर्ष १८१९ would squeeze a decade into one bar).
    pub left_out: (u64, u64),
}

/// Of this many dates or more, the earliest and latest hundredth may be left out.
const TRIM_FROM: usize = 100;

/// Spans up to this many weeks are counted by week, up to this many months by month,
/// longer ones by year: enough bars to see a shape, not more than a terminal shows.
const MAX_WEEKS: i64 = 26;
const MAX_MONTHS: i64 = 120;

impl Histogram {
    /// The histogram of `dates`, by week for a span of up to half a year, by month up to ten
    /// years, else by year; `None` without dates.
    pub fn of(dates: impl IntoIterator<Item = NaiveDate>) -> Option<Histogram> {
        let mut dates: Vec<NaiveDate> = dates.into_iter().collect();
        dates.sort_unstable();
        // The outlying hundredth at each end, when it stretches the span: dates far from
        // the rest.
        let mut left_out = (0, 0);
        if dates.len() >= TRIM_FROM {
            let cut = dates.len() / 100;
            let (lo, hi) = (dates[cut], dates[dates.len() - 1 - cut]);
            let span = (hi - lo).num_days().max(1);
            let first = dates[0];
            let last = dates[dates.len() - 1];
            if (lo - first).num_days() > span / 4 {
                let before = dates.partition_point(|&d| d < lo);
                dates.drain(..before);
                left_out.0 = before as u64;
            }
            if (last - hi).num_days() > span / 4 {
                let keep = dates.partition_point(|&d| d <= hi);
                left_out.1 = (dates.len() - keep) as u64;
                dates.truncate(keep);
            }
        }
        let (&first, &last) = (dates.first()?, dates.last()?);
        let months = i64::from(last.year() - first.year()) * 12 + i64::from(last.month())
            - i64::from(first.month());
        let period = if (last - first).num_weeks() < MAX_WEEKS {
            Period::Week
        } else if months < MAX_MONTHS {
            Period::Month
        } else {
            Period::Year
        };
        let mut starts = vec![period_start(first, period)];
        let end = period_start(last, period);
        while let Some(&at) = starts.last()
            && at < end
        {
            match next_start(at, period) {
                Some(next) => starts.push(next),
                None => break,
            }
        }
        let mut counts = vec![0u64; starts.len()];
        let mut i = 0;
        for date in dates {
            let start = period_start(date, period);
            while starts.get(i).is_some_and(|&s| s < start) {
                i += 1;
            }
            if let Some(c) = counts.get_mut(i) {
                *c += 1;
            }
        }
        Some(Histogram {
            period,
            starts,
            counts,
            left_out,
        })
    }

    /// The period with the most (the latest of equals), as an index, and its count.
    pub fn busiest(&self) -> Option<(usize, u64)> {
        self.counts
            .iter()
            .copied()
            .enumerate()
            .max_by_key(|&(i, n)| (n, i))
    }

    /// The counts merged into at most `width` bars (neighbouring periods summed), and which
    /// bar holds period `i`.
    pub fn bars(&self, width: usize) -> (Vec<u64>, impl Fn(usize) -> usize + use<>) {
        let per_bar = self.counts.len().div_ceil(width.max(1)).max(1);
        let bars = self
            .counts
            .chunks(per_bar)
            .map(|c| c.iter().sum())
            .collect();
        (bars, move |i| i / per_bar)
    }

    /// A period's name: "9 मार्च 2026 का सप्ताह" style is too long for a chart's axis, so in
    /// the reader's language of dates: "week of 9 Mar 2026", "Mar 2026", "2026".
    pub fn label(&self, i: usize) -> String {
        let Some(start) = self.starts.get(i) else {
            return String::new();
        };
        match self.period {
            Period::Week => format!("week of {}", start.format("%-d %b %Y")),
            Period::Month => start.format("%b %Y").to_string(),
            Period::Year => start.format("%Y").to_string(),
        }
    }

    /// What a period is called, for "per …".
    pub fn unit(&self) -> &'static str {
        match self.period {
            Period::Week => "week",
            Period::Month => "month",
            Period::Year => "year",
        }
    }
}

fn period_start(date: NaiveDate, period: Period) -> NaiveDate {
    match period {
        Period::Week => date - Duration::days(i64::from(date.weekday().num_days_from_monday())),
        Period::Month => date.with_day(1).unwrap_or(date),
        Period::Year => date.with_ordinal(1).unwrap_or(date),
    }
}

fn next_start(start: NaiveDate, period: Period) -> Option<NaiveDate> {
    match period {
        Period::Week => start.checked_add_signed(Duration::days(7)),
        Period::Month => start.checked_add_months(chrono::Months::new(1)),
        Period::Year => start.checked_add_months(chrono::Months::new(12)),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_outlying_hundredth_is_left_out_and_counted() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        // 200 dates over 2025, one in 1819 and one in 2090.
        let mut dates: Vec<NaiveDate> = (0..200)
            .map(|i| day(2025, 1 + i % 12, 1 + i % 28))
            .collect();
        dates.push(day(1819, 1, 1));
        dates.push(day(2090, 6, 1));
        let h = Histogram::of(dates).expect("histogram");
        assert_eq!(h.left_out, (1, 1));
        assert_eq!(h.period, Period::Month);
        assert_eq!(h.counts.iter().sum::<u64>(), 200);
        // Fewer dates, or a spread that is even: nothing is left out.
        let few = Histogram::of([day(1819, 1, 1), day(2025, 1, 1)]).expect("histogram");
        assert_eq!(few.left_out, (0, 0));
        let even = Histogram::of((0..300).map(|i| day(1800 + i, 1, 1))).expect("histogram");
        assert_eq!(even.left_out, (0, 0));
    }

    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn a_few_weeks_are_counted_by_week_with_empty_weeks_kept() {
        let h = Histogram::of([d(2026, 3, 2), d(2026, 3, 4), d(2026, 3, 20)]).expect("dates");
        assert_eq!(h.period, Period::Week);
        assert_eq!(h.starts.first(), Some(&d(2026, 3, 2)));
        assert_eq!(h.counts, [2, 0, 1]);
        assert_eq!(h.busiest(), Some((0, 2)));
        assert_eq!(h.label(0), "week of 2 Mar 2026");
    }

    #[test]
    fn a_year_and_more_is_counted_by_month_and_merged_to_fit() {
        let dates = [d(2025, 1, 31), d(2025, 2, 1), d(2025, 2, 28), d(2026, 2, 1)];
        let h = Histogram::of(dates).expect("dates");
        assert_eq!(h.period, Period::Month);
        assert_eq!(h.counts.len(), 14);
        assert_eq!(h.counts.iter().sum::<u64>(), 4);
        assert_eq!(h.busiest(), Some((1, 2)));
        assert_eq!(h.label(1), "Feb 2025");
        let (bars, bar_of) = h.bars(5);
        assert_eq!(bars.len(), 5);
        assert_eq!(bars.iter().sum::<u64>(), 4);
        assert_eq!(bar_of(13), 4);
        assert_eq!(Histogram::of([]), None);
    }

    #[test]
    fn decades_are_counted_by_year() {
        let h = Histogram::of([d(1990, 5, 1), d(2026, 1, 1)]).expect("dates");
        assert_eq!(h.period, Period::Year);
        assert_eq!(h.counts.len(), 37);
    }
}
