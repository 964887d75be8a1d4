//! The sentence of a hit: the body sentence that best matches the query, cut to about
//! [`MAX_CHARS`] characters around the match, with the matched words' byte ranges.

use super::tokenizer::{fold_into, words};

/// About how many characters a hit's sentence keeps.
pub const MAX_CHARS: usize = 200;
/// How many characters of context a cut sentence keeps before its first match.
const BEFORE: usize = 60;
const ELLIPSIS: &str = "…";

/// One query word, as the index sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWord {
    /// Folded, as in the `title` and `body` fields.
    pub folded: String,
    /// Romanised keys it may stand for, for a Latin word; empty for Devanagari.
    pub roman: Vec<String>,
    /// The English-spelling pattern ([`super::pattern`]) of a Latin word of four letters
    /// or more.
    pub pattern: Option<super::pattern::Pattern>,
    /// The index's folded words filed under those keys (see [`super::romanised`]), sorted.
    pub variants: Vec<String>,
}

impl QueryWord {
    /// Whether a word of the text, folded, is this query word.
    fn is(&self, folded: &str) -> bool {
        self.folded == folded
            || self
                .variants
                .binary_search_by(|v| v.as_str().cmp(folded))
                .is_ok()
    }
}

/// Which query words each word of `text` matches: (start, end, query word) in text order.
pub fn matches(text: &str, query: &[QueryWord]) -> Vec<(usize, usize, usize)> {
    let mut folded = String::new();
    let mut found = Vec::new();
    for (start, end) in words(text) {
        fold_into(&text[start..end], &mut folded);
        if let Some(i) = query.iter().position(|w| w.is(&folded)) {
            found.push((start, end, i));
        }
    }
    found
}

/// The first sentence of `body` that is not blank, trimmed and cut to about [`MAX_CHARS`]
/// characters: what copies of one story share.
pub fn lead(body: &str) -> String {
    let Some((start, end)) = sentences(body)
        .into_iter()
        .find(|&(s, e)| !body[s..e].trim().is_empty())
    else {
        return String::new();
    };
    let text = body[start..end].trim();
    match text.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}{ELLIPSIS}", &text[..cut]),
        None => text.to_string(),
    }
}

/// The sentences of `text` as byte ranges, each with its closing mark: split after । ॥ ? !
/// and newlines, and after a `.` followed by a space.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let ends = match c {
            '।' | '॥' | '?' | '!' | '\n' => true,
            '.' => chars.peek().is_none_or(|&(_, next)| next.is_whitespace()),
            _ => false,
        };
        if ends {
            let end = at + c.len_utf8();
            out.push((start, end));
            start = end;
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

/// The best sentence of `body` for `query` (most distinct query words, then most matches,
/// then the earliest), cut to about [`MAX_CHARS`] characters around its first match, and
/// the byte ranges of the matched words in it. Without a match, the first sentence.
pub fn best_sentence(body: &str, query: &[QueryWord]) -> (String, Vec<(usize, usize)>) {
    let found = matches(body, query);
    let mut best: Option<((usize, usize), (usize, usize))> = None;
    let mut next = 0;
    let mut seen: Vec<usize> = Vec::new();
    for (start, end) in sentences(body) {
        seen.clear();
        let mut count = 0;
        while next < found.len() && found[next].0 < end {
            if found[next].0 >= start {
                count += 1;
                if !seen.contains(&found[next].2) {
                    seen.push(found[next].2);
                }
            }
            next += 1;
        }
        let score = (seen.len(), count);
        let is_blank = body[start..end].trim().is_empty();
        let better = match best {
            None => !is_blank,
            Some((_, best_score)) => score > best_score,
        };
        if better {
            best = Some(((start, end), score));
        }
    }
    let Some(((start, end), _)) = best else {
        return (String::new(), Vec::new());
    };
    // Trim the sentence's surrounding spaces.
    let sentence = &body[start..end];
    let start = start + (sentence.len() - sentence.trim_start().len());
    let end = end - (sentence.len() - sentence.trim_end().len());
    let in_sentence: Vec<(usize, usize)> = found
        .iter()
        .filter(|&&(s, e, _)| s >= start && e <= end)
        .map(|&(s, e, _)| (s, e))
        .collect();
    cut(body, (start, end), &in_sentence)
}

/// `body[range]`, cut to about [`MAX_CHARS`] characters at word boundaries around the
/// first of `found` (byte ranges into `body`), with `…` where it was cut; and the ranges of
/// `found` inside the result, relative to it.
fn cut(
    body: &str,
    (start, end): (usize, usize),
    found: &[(usize, usize)],
) -> (String, Vec<(usize, usize)>) {
    let sentence = &body[start..end];
    let (mut from, mut to) = (start, end);
    if sentence.chars().count() > MAX_CHARS {
        let anchor = found.first().map_or(start, |&(s, _)| s);
        // Back BEFORE characters from the anchor, then forward to a word start.
        let back = body[start..anchor]
            .char_indices()
            .rev()
            .nth(BEFORE.saturating_sub(1))
            .map_or(start, |(i, _)| start + i);
        from = if back == start {
            start
        } else {
            body[back..anchor]
                .find(char::is_whitespace)
                .map_or(anchor, |i| back + i)
        };
        // Forward MAX_CHARS characters, then back to a word end.
        let limit = body[from..end]
            .char_indices()
            .nth(MAX_CHARS)
            .map_or(end, |(i, _)| from + i);
        to = if limit == end {
            end
        } else {
            body[from..limit]
                .rfind(char::is_whitespace)
                .map_or(limit, |i| from + i)
        };
        // Never cut inside the anchor word.
        if let Some(&(_, e)) = found.first()
            && to < e
        {
            to = e.min(end);
        }
    }
    let text = body[from..to].trim();
    let from = from + (body[from..to].len() - body[from..to].trim_start().len());
    let to = from + text.len();
    let mut out = String::with_capacity(text.len() + 2 * ELLIPSIS.len());
    if from > start {
        out.push_str(ELLIPSIS);
    }
    let shift = out.len();
    out.push_str(text);
    if to < end {
        out.push_str(ELLIPSIS);
    }
    let highlights = found
        .iter()
        .filter(|&&(s, e)| s >= from && e <= to)
        .map(|&(s, e)| (s - from + shift, e - from + shift))
        .collect();
    (out, highlights)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(folded: &str) -> QueryWord {
        QueryWord {
            folded: folded.to_string(),
            roman: Vec::new(),
            pattern: None,
            variants: Vec::new(),
        }
    }

    #[test]
    fn splits_sentences_at_danda_and_marks() {
        let text = "पहला वाक्य। दूसरा? डॉ. तीसरा\nचौथा";
        let got: Vec<&str> = sentences(text).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(
            got,
            vec!["पहला वाक्य।", " दूसरा?", " डॉ.", " तीसरा\n", "चौथा"]
        );
    }

    #[test]
    fn picks_the_sentence_with_most_query_words() {
        let body = "मोदी ने कहा। दिल्ली में बारिश हुई। दिल्ली पुलिस ने मोदी की सुरक्षा बढ़ाई।";
        let (s, h) = best_sentence(body, &[word("दिल्ली"), word("मोदी")]);
        assert_eq!(s, "दिल्ली पुलिस ने मोदी की सुरक्षा बढ़ाई।");
        let words: Vec<&str> = h.iter().map(|&(a, b)| &s[a..b]).collect();
        assert_eq!(words, vec!["दिल्ली", "मोदी"]);
    }

    #[test]
    fn long_sentences_are_cut_around_the_match() {
        let filler = "बहुत लंबा वाक्य ".repeat(30);
        let body = format!("{filler}पुतिन ने कहा {filler}।");
        let (s, h) = best_sentence(&body, &[word("पुतिन")]);
        assert!(s.starts_with(ELLIPSIS) && s.ends_with(ELLIPSIS), "{s}");
        assert!(s.chars().count() <= MAX_CHARS + 2, "{}", s.chars().count());
        assert_eq!(h.len(), 1);
        assert_eq!(&s[h[0].0..h[0].1], "पुतिन");
    }

    #[test]
    fn without_a_match_the_first_sentence() {
        let (s, h) = best_sentence("  \nपहला। दूसरा।", &[word("तीसरा")]);
        assert_eq!(s, "पहला।");
        assert!(h.is_empty());
    }
}
