//! Splitting article text into tokens (words and punctuation, with byte offsets) and
//! sentences, the way the tagger's training data is tokenised.

use std::ops::Range;

use crate::text::chars::is_alphanumeric;
use crate::text::fold::LETTER_NAMES;

/// A word or punctuation mark and where it is in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// Abbreviations whose full stop belongs to the word.
const ABBREVIATIONS: &[&str] = &["डॉ", "डा", "प्रो", "मो", "कु", "ले", "जन", "सं"];

fn is_punctuation(c: char) -> bool {
    matches!(
        c,
        '।' | '॥'
            | ','
            | ';'
            | ':'
            | '?'
            | '!'
            | '"'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '\''
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '/'
            | '|'
            | '…'
            | '—'
            | '–'
            | '•'
            | '*'
    )
}

/// Tokens of `text`: runs of letters, digits and inner hyphens or dots (किम जोंग-उन,
/// 6.2, डॉ.) are words; every punctuation mark is a token of its own.
pub fn tokenize<'a>(text: &'a str) -> Vec<Token<'a>> {
    let mut tokens = Vec::with_capacity(text.len() / 6);
    let mut word_start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    let push = |tokens: &mut Vec<Token<'a>>, s: usize, e: usize| {
        if e > s {
            tokens.push(Token {
                text: &text[s..e],
                start: s,
                end: e,
            });
        }
    };
    while let Some((i, c)) = chars.next() {
        // A Devanagari letter, sign or digit (all of U+0900..U+097F but the dandas) never
        // splits, and is nearly every char of an article.
        if matches!(c, '\u{900}'..='\u{963}' | '\u{966}'..='\u{97f}') {
            if word_start.is_none() {
                word_start = Some(i);
            }
            continue;
        }
        let next = chars.peek().map(|&(_, n)| n);
        let splits = c.is_whitespace()
            || is_punctuation(c)
            || (c == '.' && !dot_stays(text, word_start, i, next))
            || (c == '-' && (word_start.is_none() || !next.is_some_and(is_alphanumeric)));
        if splits {
            if let Some(s) = word_start.take() {
                push(&mut tokens, s, i);
            }
            if !c.is_whitespace() {
                push(&mut tokens, i, i + c.len_utf8());
            }
        } else if word_start.is_none() {
            word_start = Some(i);
        }
    }
    if let Some(s) = word_start {
        push(&mut tokens, s, text.len());
    }
    tokens
}

/// A dot stays inside a word between digits (6.2), after an abbreviation (डॉ.) and after
/// an initial followed by more of the name (जे. एन. साहू).
fn dot_stays(text: &str, word_start: Option<usize>, at: usize, next: Option<char>) -> bool {
    let Some(s) = word_start else { return false };
    let word = &text[s..at];
    let digit_before = word.chars().last().is_some_and(|c| c.is_ascii_digit());
    let last = word.rsplit('.').next().unwrap_or(word);
    let initial = is_initial(last)
        && next.is_some_and(|c| c == ' ' || matches!(c, '\u{905}'..='\u{939}'))
        && (!AMBIGUOUS_LETTER_NAMES.contains(&last)
            || word.contains('.')
            || text[..s].trim_end_matches(' ').ends_with('.')
            || next_is_initial(&text[at + 1..]));
    (digit_before && next.is_some_and(|c| c.is_ascii_digit()))
        || ABBREVIATIONS.contains(&word)
        || initial
}

/// Letter names that are also words (आई "came", के "of", जी the honorific): an initial
/// only next to another initial (आई. के. गुजराल).
const AMBIGUOUS_LETTER_NAMES: &[&str] = &["ए", "ई", "आई", "ओ", "के", "जी"];

/// Whether `rest` starts (after spaces) with an initial and its full stop.
fn next_is_initial(rest: &str) -> bool {
    let word = rest.trim_start_matches(' ');
    let end = word.find([' ', '.']).unwrap_or(word.len());
    word[end..].starts_with('.') && is_initial(&word[..end])
}

/// Whether `word` can be an initial: a letter's name, or one Devanagari consonant (र.),
/// but not व or न, which are words ("and", "not").
pub fn is_initial(word: &str) -> bool {
    if LETTER_NAMES.contains(&word) {
        return true;
    }
    let mut chars = word.chars();
    matches!(
        (chars.next(), chars.next()),
        (Some('\u{915}'..='\u{939}'), None)
    ) && !matches!(word, "व" | "न")
}

/// Splits tokens into sentences, as ranges of token indices: after `।`, `?`, `!`, a full
/// stop, or where the text has a line break between two tokens (a paragraph ends).
pub fn sentences(text: &str, tokens: &[Token<'_>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, t) in tokens.iter().enumerate() {
        let ends = matches!(t.text, "।" | "॥" | "?" | "!" | ".");
        let breaks_after = tokens
            .get(i + 1)
            .is_some_and(|n| text[t.end..n.start].contains('\n'));
        if ends || breaks_after || i + 1 == tokens.len() {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text).collect()
    }

    #[test]
    fn punctuation_is_split_and_hyphenated_names_kept() {
        assert_eq!(
            words("नेता किम जोंग-उन से, “हार्दिक” (भाषा)।"),
            vec![
                "नेता",
                "किम",
                "जोंग-उन",
                "से",
                ",",
                "“",
                "हार्दिक",
                "”",
                "(",
                "भाषा",
                ")",
                "।"
            ]
        );
    }

    #[test]
    fn an_initials_full_stop_stays_with_it() {
        fn words(t: &str) -> Vec<&str> {
            tokenize(t).iter().map(|t| t.text).collect()
        }
        assert_eq!(words("जे. एन. साहू ने"), ["जे.", "एन.", "साहू", "ने"]);
        assert_eq!(words("बी.एन. अग्रवाल"), ["बी.एन.", "अग्रवाल"]);
        // A sentence's full stop after an ordinary word is split off as before.
        assert_eq!(words("बात हुई है. फिर"), ["बात", "हुई", "है", ".", "फिर"]);
        assert_eq!(words("वह आया व. फिर"), ["वह", "आया", "व", ".", "फिर"]);
        assert_eq!(words("वह घर आई. फिर"), ["वह", "घर", "आई", ".", "फिर"]);
        assert_eq!(words("आई. के. गुजराल"), ["आई.", "के.", "गुजराल"]);
    }

    #[test]
    fn dots_in_numbers_and_abbreviations_stay() {
        assert_eq!(
            words("डॉ. राव ने 6.2 दिन कहा."),
            vec!["डॉ.", "राव", "ने", "6.2", "दिन", "कहा", "."]
        );
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "सोल में  बैठक।";
        for t in tokenize(text) {
            assert_eq!(&text[t.start..t.end], t.text);
        }
    }

    #[test]
    fn sentences_end_at_danda_and_paragraphs() {
        let text = "एक दो। तीन\n\nचार पांच";
        let tokens = tokenize(text);
        let s: Vec<Vec<&str>> = sentences(text, &tokens)
            .into_iter()
            .map(|r| tokens[r].iter().map(|t| t.text).collect())
            .collect();
        assert_eq!(
            s,
            vec![vec!["एक", "दो", "।"], vec!["तीन"], vec!["चार", "पांच"]]
        );
    }
}
