//! The event an expression dates: the clause (or sentence) it sits in, trimmed to read as one
//! line, and the entities mentioned there.

use crate::extract::Entity;
use crate::text::chars::is_alphanumeric;

use super::lexicon::Tok;

/// The longest event line, in characters.
const MAX_CHARS: usize = 120;

const SENTENCE_END: &[&str] = &["।", "?", "!", ".", "॥"];
const PUNCT_BREAK: &[&str] = &[",", ";", ":", "—", "–"];
/// Conjunctions that start a new clause.
const CLAUSE_CONJ: &[&str] = &[
    "लेकिन",
    "जबकि",
    "मगर",
    "परंतु",
    "किंतु",
    "क्योंकि",
    "जहां",
    "जिससे",
    "ताकि",
    "बल्कि",
    "हालांकि",
    "जिसके",
    "जिसमें",
    "जब",
    "तो",
];
/// और/तथा start a new clause after a finite verb.
const AND: &[&str] = &["और", "तथा", "एवं", "व"];
const VERB_ENDS: &[&str] = &[
    "था",
    "थे",
    "थी",
    "थीं",
    "है",
    "हैं",
    "की",
    "किया",
    "किए",
    "गया",
    "गई",
    "गए",
    "हुआ",
    "हुई",
    "हुए",
    "दी",
    "दिया",
    "लिया",
    "कहा",
    "होगा",
    "होगी",
    "होंगे",
    "करेंगे",
    "करेगा",
    "करेगी",
    "जताई",
    "बताया",
    "रहा",
    "रही",
    "रहे",
    "चुका",
    "चुकी",
    "चुके",
];
/// Leading words dropped from an event line (connectives, not content).
const LEADING: &[&[&str]] = &[
    &["इसके", "अलावा"],
    &["इसके", "साथ", "ही"],
    &["इसके", "बाद"],
    &["इसके", "बावजूद"],
    &["साथ", "ही"],
    &["बता", "दें", "कि"],
    &["गौरतलब", "है", "कि"],
    &["उल्लेखनीय", "है", "कि"],
    &["वहीं"],
    &["हालांकि"],
    &["लेकिन"],
    &["मगर"],
    &["परंतु"],
    &["किंतु"],
    &["और"],
    &["तथा"],
    &["एवं"],
    &["तो"],
    &["जबकि"],
    &["बल्कि"],
    &["इसलिए"],
    &["दरअसल"],
    &["खासकर"],
    &["कि"],
    &["क्योंकि"],
    &["जहां"],
    &["जिससे"],
    &["ताकि"],
];

fn is_punct(t: &Tok<'_>) -> bool {
    !t.text.chars().any(is_alphanumeric)
}

/// Whether the punctuation token `j` sits inside something that is one piece: a number
/// (20,400, 9:20, 11.7) or an initial (बी. एम. शर्मा).
fn inside_a_word(body: &str, toks: &[Tok<'_>], j: usize) -> bool {
    let t = &toks[j];
    if !t.is_any(&[".", ",", ":"]) || j == 0 {
        return false;
    }
    let prev = &toks[j - 1];
    let glued_before = prev.end == t.start;
    let digit = |s: &str, last: bool| {
        let c = if last {
            s.chars().last()
        } else {
            s.chars().next()
        };
        c.is_some_and(|c| c.is_ascii_digit() || ('\u{966}'..='\u{96f}').contains(&c))
    };
    let number = glued_before
        && digit(prev.text, true)
        && toks
            .get(j + 1)
            .is_some_and(|n| n.start == t.end && digit(n.text, false));
    // An initial: one or two letters (a Devanagari letter name) right before the full stop,
    // and more of a name after it.
    let initial = t.is(".")
        && glued_before
        && prev.text.chars().count() <= 3
        && !prev.text.chars().any(|c| c.is_ascii_digit())
        && toks
            .get(j + 1)
            .is_some_and(|n| !body[t.end..n.start].contains('\n'))
        && !prev.is_any(&[
            "है",
            "हैं",
            "था",
            "थी",
            "थे",
            "गया",
            "गई",
            "गए",
            "दी",
            "दिए",
            "की",
            "को",
            "में",
        ]);
    number || initial
}

/// Whether token `j` ends a sentence.
fn ends_sentence(body: &str, toks: &[Tok<'_>], j: usize) -> bool {
    toks[j].is_any(SENTENCE_END) && !inside_a_word(body, toks, j)
}

/// The word range `[s, e)` of the sentence holding words `[first, end)`.
fn sentence(body: &str, toks: &[Tok<'_>], first: usize, end: usize) -> (usize, usize) {
    let mut s = first;
    while s > 0 {
        let prev = &toks[s - 1];
        if ends_sentence(body, toks, s - 1) || body[prev.end..toks[s].start].contains('\n') {
            break;
        }
        s -= 1;
    }
    let mut e = end;
    while e < toks.len() {
        if ends_sentence(body, toks, e)
            || (e > 0 && body[toks[e - 1].end..toks[e].start].contains('\n'))
        {
            break;
        }
        e += 1;
    }
    (s, e)
}

/// Whether a clause boundary lies before word `j`; `left`: looking for the clause's start.
fn breaks_before(body: &str, toks: &[Tok<'_>], j: usize, left: bool) -> bool {
    let t = &toks[j];
    if (t.is_any(PUNCT_BREAK) && !inside_a_word(body, toks, j))
        || t.is_any(CLAUSE_CONJ)
        || (left && t.is("कि"))
    {
        return true;
    }
    t.is_any(AND) && j > 0 && toks[j - 1].is_any(VERB_ENDS)
}

/// The clause of words `[first, end)` as a word range.
fn clause(body: &str, toks: &[Tok<'_>], first: usize, end: usize) -> (usize, usize) {
    let (s, e) = sentence(body, toks, first, end);
    let content = |a: usize, b: usize| toks[a..b].iter().filter(|t| !is_punct(t)).count();
    // Right: the first boundary with some words between it and the expression.
    let mut right = e;
    for j in end..e {
        if breaks_before(body, toks, j, false) && content(end, j) >= 2 {
            right = j;
            break;
        }
    }
    // Left: the nearest boundary before the expression.
    let mut left = s;
    for j in (s + 1..=first).rev() {
        if breaks_before(body, toks, j, true) {
            left = j;
            break;
        }
    }
    // Too little besides the expression: widen to the neighbouring clauses.
    while content(left, first) + content(end, right) < 4 && (left > s || right < e) {
        if right < e {
            let mut j = right + 1;
            while j < e && !breaks_before(body, toks, j, false) {
                j += 1;
            }
            right = j;
        } else {
            let mut j = left - 1;
            while j > s && !breaks_before(body, toks, j, true) {
                j -= 1;
            }
            left = j;
        }
    }
    (left, right)
}

/// The event line for the expression at words `[first, end)`, its byte range, and the
/// names of the entities mentioned there.
pub(super) fn event(
    body: &str,
    toks: &[Tok<'_>],
    first: usize,
    end: usize,
    entities: &[Entity],
) -> (String, Vec<String>) {
    if toks.is_empty() || first >= toks.len() {
        return (String::new(), Vec::new());
    }
    let (mut a, mut b) = clause(body, toks, first, end.min(toks.len()));
    // Drop leading connectives and punctuation, trailing punctuation.
    'strip: loop {
        while a < first && is_punct(&toks[a]) {
            a += 1;
        }
        for words in LEADING {
            let n = words.len();
            if a + n <= first && words.iter().enumerate().all(|(k, w)| toks[a + k].is(w)) {
                a += n;
                continue 'strip;
            }
        }
        break;
    }
    while b > end && is_punct(&toks[b - 1]) && !toks[b - 1].is_any(&["”", "\"", ")"]) {
        b -= 1;
    }
    let (start, stop) = (toks[a].start, toks[b.max(a + 1) - 1].end);
    let mut names: Vec<String> = Vec::new();
    for e in entities {
        if e.mentions.iter().any(|m| m.start >= start && m.end <= stop) && !names.contains(&e.name)
        {
            names.push(e.name.clone());
        }
    }
    (line(&body[start..stop]), names)
}

/// `text` on one line, at most [`MAX_CHARS`] characters, cut at a word boundary.
fn line(text: &str) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let one = balance_quotes(&one);
    if one.chars().count() <= MAX_CHARS {
        return one;
    }
    let cut = one
        .char_indices()
        .nth(MAX_CHARS)
        .map_or(one.len(), |(i, _)| i);
    let at = one[..cut].rfind(' ').unwrap_or(cut);
    let head = one[..at].trim_end_matches([',', ' ', '“', '"']);
    format!("{head}…")
}

/// Drops a lone closing quote at the end or a lone opening one at the start.
fn balance_quotes(s: &str) -> String {
    let opens = s.matches('“').count();
    let closes = s.matches('”').count();
    let mut out = s.to_string();
    if closes > opens && out.ends_with('”') {
        out.pop();
    } else if opens > closes && out.starts_with('“') {
        out.remove(0);
    }
    out.trim().to_string()
}
