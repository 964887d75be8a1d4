//! Readable Hindi for TIMEX3 values: `2025-03-21` → "21 मार्च 2025", `2024-06` + START →
//! "जून 2024 की शुरुआत", `PT2H` + MORE_THAN → "दो घंटे से ज़्यादा".

use chrono::{Datelike, NaiveDate, Weekday};

use super::{TimelineEntry, TimexKind};
use crate::article::dateline::MONTHS_HI;

const WEEKDAYS: [&str; 7] = [
    "सोमवार",
    "मंगलवार",
    "बुधवार",
    "गुरुवार",
    "शुक्रवार",
    "शनिवार",
    "रविवार",
];
const SMALL: [&str; 11] = [
    "शून्य",
    "एक",
    "दो",
    "तीन",
    "चार",
    "पांच",
    "छह",
    "सात",
    "आठ",
    "नौ",
    "दस",
];

fn month_name(m: u32) -> Option<&'static str> {
    MONTHS_HI
        .get(usize::try_from(m).ok()?.checked_sub(1)?)
        .copied()
}

fn number(n: u32) -> String {
    usize::try_from(n)
        .ok()
        .and_then(|i| SMALL.get(i))
        .map_or_else(|| n.to_string(), |s| (*s).to_string())
}

/// Hindi for one calendar value (no ranges, no modifiers); None when not a calendar value.
fn point(v: &str) -> Option<String> {
    let (date, time) = match v.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (v, None),
    };
    let date_text = calendar(date);
    let Some(time) = time else {
        return date_text;
    };
    let time_text = match time {
        "MO" => "सुबह".to_string(),
        "AF" => "दोपहर".to_string(),
        "EV" => "शाम".to_string(),
        "NI" => "रात".to_string(),
        "24:00" => "आधी रात".to_string(),
        t => {
            let (h, m) = t.split_once(':')?;
            let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
            let part = match h {
                0..=3 => "रात",
                4..=11 => "सुबह",
                12..=15 => "दोपहर",
                16..=19 => "शाम",
                _ => "रात",
            };
            let h12 = if h % 12 == 0 { 12 } else { h % 12 };
            format!("{part} {h12}:{m:02} बजे")
        }
    };
    Some(match date_text {
        Some(d) => format!("{d}, {time_text}"),
        None => time_text,
    })
}

fn calendar(v: &str) -> Option<String> {
    if let Ok(d) = NaiveDate::parse_from_str(v, "%Y-%m-%d") {
        return Some(format!(
            "{} {} {}",
            d.day(),
            month_name(d.month())?,
            d.year()
        ));
    }
    let parts: Vec<&str> = v.split('-').collect();
    match parts.as_slice() {
        ["XXXX", "XX", "XX"] => None,
        ["XXXX", "WXX", d] => {
            let i: usize = d.parse().ok()?;
            WEEKDAYS.get(i.checked_sub(1)?).map(|s| (*s).to_string())
        }
        ["XXXX", m, d] => Some(format!(
            "{} {}",
            d.parse::<u32>().ok()?,
            month_name(m.parse().ok()?)?
        )),
        ["XXXX", m] => month_name(m.parse().ok()?).map(str::to_string),
        [y, w] if w.starts_with('W') => {
            let monday =
                NaiveDate::from_isoywd_opt(y.parse().ok()?, w[1..].parse().ok()?, Weekday::Mon)?;
            Some(format!(
                "{} {} {} से शुरू सप्ताह",
                monday.day(),
                month_name(monday.month())?,
                monday.year()
            ))
        }
        [y, q] if q.starts_with('Q') => {
            let n: usize = q[1..].parse().ok()?;
            let ord = ["पहली", "दूसरी", "तीसरी", "चौथी"].get(n.checked_sub(1)?)?;
            Some(format!("{y} की {ord} तिमाही"))
        }
        [y, h] if h.starts_with('H') => {
            let ord = if *h == "H1" {
                "पहली"
            } else {
                "दूसरी"
            };
            Some(format!("{y} की {ord} छमाही"))
        }
        [y, "SU"] => Some(format!("{y} की गर्मियां")),
        [y, "WI"] => Some(format!("{y} की सर्दियां")),
        [y, m] if y.len() == 4 => Some(format!("{} {y}", month_name(m.parse().ok()?)?)),
        [y] if y.len() == 4 && y.parse::<u32>().is_ok() => Some((*y).to_string()),
        [d] if d.len() == 3 && d.parse::<u32>().is_ok() => Some(format!("{d}0 का दशक")),
        [c] if c.len() == 2 && c.parse::<u32>().is_ok() => {
            Some(format!("{}वीं सदी", c.parse::<u32>().ok()? + 1))
        }
        _ => None,
    }
}

/// Hindi for a duration value: `PT2H` → "दो घंटे", `P3Y6M` → "तीन साल छह महीने".
fn duration(v: &str) -> Option<String> {
    let body = v.strip_prefix('P')?;
    if let Some(unit) = body.strip_prefix("TX") {
        let word = match unit {
            "H" => "कुछ घंटे",
            "M" => "कुछ मिनट",
            _ => "कुछ पल",
        };
        return Some(word.to_string());
    }
    if let Some(unit) = body.strip_prefix('X') {
        let word = match unit {
            "Y" => "कई साल",
            "M" => "कई महीने",
            "W" => "कई हफ्ते",
            "D" => "कुछ दिन",
            "DE" => "कई दशक",
            "CE" => "कई सदियां",
            _ => "कुछ समय",
        };
        return Some(word.to_string());
    }
    let mut out = Vec::new();
    let mut in_time = false;
    let mut num = String::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == 'T' {
            in_time = true;
            continue;
        }
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
            continue;
        }
        let mut unit = c.to_string();
        if c == 'D' && chars.peek() == Some(&'E') || c == 'C' && chars.peek() == Some(&'E') {
            chars.next();
            unit.push('E');
        }
        let n: u32 = num.parse().ok()?;
        num.clear();
        let word = match (unit.as_str(), in_time) {
            ("Y", _) => "साल",
            ("M", false) => {
                if n == 1 {
                    "महीना"
                } else {
                    "महीने"
                }
            }
            ("W", _) => "हफ्ते",
            ("D", _) => "दिन",
            ("Q", _) => "तिमाही",
            ("H", true) => {
                if n == 1 {
                    "घंटा"
                } else {
                    "घंटे"
                }
            }
            ("M", true) => "मिनट",
            ("S", true) => "सेकंड",
            ("DE", _) => "दशक",
            ("CE", _) => "सदी",
            _ => return None,
        };
        out.push(format!("{} {word}", number(n)));
    }
    Some(out.join(" "))
}

fn set(v: &str) -> Option<String> {
    let every = match v {
        "P1D" => "हर दिन".to_string(),
        "P1W" => "हर हफ्ते".to_string(),
        "P1M" => "हर महीने".to_string(),
        "P1Y" => "हर साल".to_string(),
        v if v.starts_with('P') => format!("हर {}", duration(v)?),
        v => format!("हर {}", point(v)?),
    };
    Some(every)
}

fn reference(v: &str) -> Option<&'static str> {
    Some(match v {
        "PAST_REF" => "हाल ही में",
        "PRESENT_REF" => "इन दिनों",
        "FUTURE_REF" => "आने वाले दिनों में",
        _ => return None,
    })
}

/// A readable Hindi rendering of an entry's value (the text itself when it has none).
pub fn display_value(entry: &TimelineEntry) -> String {
    let Some(v) = entry.value.as_deref() else {
        return entry.text.clone();
    };
    let base = if let Some(r) = reference(v) {
        Some(r.to_string())
    } else {
        match entry.kind {
            TimexKind::Duration => match v.split_once('/') {
                // 15 से 20 दिन: "15 दिन – 20 दिन".
                Some((a, b)) => duration(a)
                    .zip(duration(b))
                    .map(|(a, b)| format!("{a} – {b}")),
                None => duration(v),
            },
            TimexKind::Set => set(v),
            TimexKind::Date | TimexKind::Time => match v.split_once('/') {
                Some((a, b)) => range(a, b),
                None => point(v),
            },
        }
    };
    let Some(base) = base else {
        return entry.text.clone();
    };
    match entry.modifier.as_deref() {
        Some("START") => format!("{base} की शुरुआत"),
        Some("MID") => format!("{base} के मध्य"),
        Some("END") => format!("{base} का अंत"),
        Some("APPROX") => format!("लगभग {base}"),
        Some("MORE_THAN") => format!("{base} से ज़्यादा"),
        Some("LESS_THAN") => format!("{base} से कम"),
        Some("EQUAL_OR_MORE") => format!("कम से कम {base}"),
        Some("EQUAL_OR_LESS") => format!("ज़्यादा से ज़्यादा {base}"),
        _ => base,
    }
}

/// "25 दिसंबर 2023 – 2 जनवरी 2024", "1–5 मार्च 2024".
fn range(a: &str, b: &str) -> Option<String> {
    let (da, db) = (
        NaiveDate::parse_from_str(a, "%Y-%m-%d"),
        NaiveDate::parse_from_str(b, "%Y-%m-%d"),
    );
    if let (Ok(x), Ok(y)) = (da, db)
        && x.year() == y.year()
        && x.month() == y.month()
    {
        return Some(format!(
            "{}–{} {} {}",
            x.day(),
            y.day(),
            month_name(x.month())?,
            x.year()
        ));
    }
    Some(format!("{} – {}", point(a)?, point(b)?))
}
