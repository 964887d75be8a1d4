//! The tantivy tokenizers: words of Devanagari, Latin and digits, emitted folded
//! ([`Folded`], see [`crate::text::fold`]) or as romanised keys ([`Roman`], see
//! [`super::roman`]), each with the byte offsets of the word as written.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::roman::Skeleton;
use crate::text::fold::fold;

/// Whether `c` belongs to a word. Punctuation, the danda (। ॥), the abbreviation sign ॰ and
/// spaces separate words; ZWJ and ZWNJ stay inside them.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match c {
        '\u{964}' | '\u{965}' | '\u{970}' => false,
        '\u{900}'..='\u{97f}' | '\u{a8e0}'..='\u{a8ff}' | '\u{200c}' | '\u{200d}' => true,
        c => c.is_alphanumeric(),
    }
}

/// The next word of `text` at or after byte `from`: its byte range.
pub fn next_word(text: &str, from: usize) -> Option<(usize, usize)> {
    let rest = text.get(from..)?;
    let start = from + rest.find(is_word_char)?;
    let end = text[start..]
        .find(|c: char| !is_word_char(c))
        .map_or(text.len(), |n| start + n);
    Some((start, end))
}

/// The words of `text` with their byte ranges.
pub fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let (start, end) = next_word(text, at)?;
        at = end;
        Some((start, end))
    })
}

/// Writes `fold(word)` into `out` (replacing it), without allocating for the usual word.
pub fn fold_into(word: &str, out: &mut String) {
    out.clear();
    // Nukta, candrabindu, precomposed nukta letters, ZWJ/ZWNJ and non-ASCII case need
    // `fold`; plain Devanagari and ASCII are copied.
    let plain = word.chars().all(|c| {
        c.is_ascii()
            || matches!(c, '\u{900}'..='\u{97f}')
                && !matches!(c, '\u{901}' | '\u{93c}' | '\u{958}'..='\u{95f}')
    });
    if plain {
        out.push_str(word);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&fold(word));
    }
}

/// Words, folded.
#[derive(Clone, Default)]
pub struct Folded {
    token: Token,
}

/// Words as romanised keys (one or two per word, at the same position).
#[derive(Clone, Default)]
pub struct Roman {
    token: Token,
    skeleton: Skeleton,
    keys: String,
}

pub struct FoldedStream<'a> {
    text: &'a str,
    at: usize,
    token: &'a mut Token,
}

pub struct RomanStream<'a> {
    text: &'a str,
    at: usize,
    token: &'a mut Token,
    skeleton: &'a mut Skeleton,
    /// The keys of the current word, separated by spaces.
    keys: &'a mut String,
    /// Where the next key of the current word starts in `keys`; `None` between words.
    next_key: Option<usize>,
}

impl Tokenizer for Folded {
    type TokenStream<'a> = FoldedStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> FoldedStream<'a> {
        self.token.reset();
        FoldedStream {
            text,
            at: 0,
            token: &mut self.token,
        }
    }
}

impl TokenStream for FoldedStream<'_> {
    fn advance(&mut self) -> bool {
        while let Some((start, end)) = next_word(self.text, self.at) {
            self.at = end;
            fold_into(&self.text[start..end], &mut self.token.text);
            if self.token.text.is_empty() {
                continue;
            }
            self.token.offset_from = start;
            self.token.offset_to = end;
            self.token.position = self.token.position.wrapping_add(1);
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

impl Tokenizer for Roman {
    type TokenStream<'a> = RomanStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> RomanStream<'a> {
        self.token.reset();
        RomanStream {
            text,
            at: 0,
            token: &mut self.token,
            skeleton: &mut self.skeleton,
            keys: &mut self.keys,
            next_key: None,
        }
    }
}

impl RomanStream<'_> {
    /// Emits the key of the current word starting at `from` in `keys`.
    fn emit(&mut self, from: usize) {
        let rest = &self.keys[from..];
        let len = rest.find(' ').unwrap_or(rest.len());
        self.token.text.clear();
        self.token.text.push_str(&rest[..len]);
        let next = from + len + 1;
        self.next_key = (next < self.keys.len()).then_some(next);
    }
}

impl TokenStream for RomanStream<'_> {
    fn advance(&mut self) -> bool {
        // A second key of the same word: same offsets, same position.
        if let Some(from) = self.next_key {
            self.emit(from);
            return true;
        }
        while let Some((start, end)) = next_word(self.text, self.at) {
            self.at = end;
            self.skeleton.keys(&self.text[start..end], self.keys);
            if self.keys.is_empty() {
                continue;
            }
            self.emit(0);
            self.token.offset_from = start;
            self.token.offset_to = end;
            self.token.position = self.token.position.wrapping_add(1);
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn tokens<T: Tokenizer>(mut t: T, text: &str) -> Vec<(String, &str, usize)> {
        let mut out = Vec::new();
        let mut stream = t.token_stream(text);
        while let Some(tok) = stream.next() {
            out.push((
                tok.text.clone(),
                &text[tok.offset_from..tok.offset_to],
                tok.position,
            ));
        }
        out
    }

    #[test]
    fn words_split_at_punctuation_and_danda() {
        let text = "दिल्ली में ज़्यादा बारिश। COVID-19, \u{200d}अब";
        let got: Vec<(String, &str, usize)> = tokens(Folded::default(), text);
        let folded: Vec<&str> = got.iter().map(|(t, _, _)| t.as_str()).collect();
        assert_eq!(
            folded,
            vec!["दिल्ली", "में", "ज्यादा", "बारिश", "covid", "19", "अब"]
        );
        assert_eq!(got[2].1, "ज़्यादा");
        assert_eq!(got[6].1, "\u{200d}अब");
        let positions: Vec<usize> = got.iter().map(|t| t.2).collect();
        assert_eq!(positions, (0..7).collect::<Vec<_>>());
    }

    #[test]
    fn roman_keys_share_the_word_position() {
        let got = tokens(Roman::default(), "नितिन गडकरी ने");
        let keys: Vec<(&str, &str, usize)> =
            got.iter().map(|(k, w, p)| (k.as_str(), *w, *p)).collect();
        assert_eq!(
            keys,
            vec![
                ("nitin", "नितिन", 0),
                ("gadakari", "गडकरी", 1),
                ("gadkari", "गडकरी", 1),
                ("ne", "ने", 2)
            ]
        );
    }

    proptest! {
        #[test]
        fn fold_into_agrees_with_fold(word in "[\\u{900}-\\u{97f}a-zA-Z0-9\\u{200c}\\u{200d}é]{0,12}") {
            let mut out = String::new();
            fold_into(&word, &mut out);
            prop_assert_eq!(out, fold(&word));
        }

        #[test]
        fn offsets_are_char_boundaries(text in "[\\u{900}-\\u{97f} a-z।,.\\u{200d}]{0,40}") {
            for (folded, word, _) in tokens(Folded::default(), &text) {
                prop_assert!(!folded.is_empty());
                prop_assert!(word.chars().all(is_word_char));
            }
            let _ = tokens(Roman::default(), &text);
        }
    }
}
