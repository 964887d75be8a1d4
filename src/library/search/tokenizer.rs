//! The tantivy tokenizer: words of Devanagari, Latin and digits, emitted folded ([`Folded`],
//! see [`crate::text::fold`]) with the byte offsets of the word as written; and the function
//! words that get no romanised key.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::roman::Skeleton;
use crate::text::fold::fold_cow;

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

/// Whether the char starting at byte `at` of `text` belongs to a word, and its length in
/// bytes. Devanagari and ASCII are decided from the bytes; the rest decodes the char.
fn word_char_at(text: &str, at: usize) -> (bool, usize) {
    let bytes = text.as_bytes();
    let b = bytes[at];
    if b < 0x80 {
        return (b.is_ascii_alphanumeric(), 1);
    }
    // U+0900..U+097F is E0 A4 80 ..= E0 A5 BF.
    if b == 0xe0 && at + 2 < bytes.len() && matches!(bytes[at + 1], 0xa4 | 0xa5) {
        // । ॥ ॰ are E0 A5 A4, E0 A5 A5, E0 A5 B0.
        let separator = bytes[at + 1] == 0xa5 && matches!(bytes[at + 2], 0xa4 | 0xa5 | 0xb0);
        return (!separator, 3);
    }
    let c = text[at..].chars().next().unwrap_or(' ');
    (is_word_char(c), c.len_utf8())
}

/// The next word of `text` at or after byte `from`: its byte range.
pub fn next_word(text: &str, from: usize) -> Option<(usize, usize)> {
    if !text.is_char_boundary(from) {
        return None;
    }
    let mut at = from;
    let start = loop {
        if at >= text.len() {
            return None;
        }
        let (word, len) = word_char_at(text, at);
        if word {
            break at;
        }
        at += len;
    };
    while at < text.len() {
        let (word, len) = word_char_at(text, at);
        if !word {
            break;
        }
        at += len;
    }
    Some((start, at))
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

/// Writes `fold(word)` into `out` (replacing it), without allocating for the usual word
/// (see [`fold_cow`]).
pub fn fold_into(word: &str, out: &mut String) {
    out.clear();
    out.push_str(&fold_cow(word));
}

/// Words, folded.
#[derive(Clone, Default)]
pub struct Folded {
    token: Token,
}

/// FNV-1a, 64 bits: words are short, and SipHash showed in indexing profiles.
pub struct WordHasher(u64);

impl Default for WordHasher {
    fn default() -> Self {
        WordHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Hindi's commonest function words (postpositions, auxiliaries, pronouns, conjunctions),
/// which get no romanised key: nobody looks for `ka` or `hai` in Latin letters, and a Latin
/// word that romanises to one of them would only widen a query. Searched in Devanagari they
/// are found as any word.
#[rustfmt::skip]
const NO_ROMAN_KEY: &[&str] = &[
    "का", "की", "के", "को", "में", "से", "ने", "है", "हैं", "था", "थी", "थे", "थीं", "और", "भी",
    "तो", "पर", "कि", "यह", "वह", "ये", "वे", "इस", "उस", "इन", "उन", "एक", "लिए", "साथ", "ही",
    "नहीं", "कर", "किया", "गया", "गई", "गए", "गयी", "गये", "हो", "होने", "होगा", "रहा", "रही",
    "रहे", "जा", "जो", "तक", "अपने", "अपनी", "अपना", "बाद", "कहा", "कुछ", "सकता", "सकते", "कई",
    "हुए", "हुआ", "हुई", "करने", "करते", "करें", "या", "लेकिन", "अब", "जब", "तब", "कोई", "दिया",
    "दी", "दिए", "ले", "लेकर", "सभी", "वाले", "वाली", "उनके", "उनकी", "उसके", "उसकी", "इसके",
    "इसकी", "इसे", "उसे", "उन्हें", "इन्हें", "उन्होंने", "जाता", "जाती", "जाते", "जाएगा",
    "होता", "होती", "होते", "द्वारा", "किसी", "यहां", "वहां", "वहीं", "व", "क्या", "कैसे",
    "क्यों",
];

/// Whether `word` gets no romanised key ([`NO_ROMAN_KEY`]).
pub fn has_no_roman_key(word: &str) -> bool {
    static WORDS: std::sync::LazyLock<HashSet<&str, BuildHasherDefault<WordHasher>>> =
        std::sync::LazyLock::new(|| NO_ROMAN_KEY.iter().copied().collect());
    // All of them are short, plain Devanagari: no need to fold.
    word.len() <= 27 && WORDS.contains(word)
}

/// Whether `key` is a romanised key of one of [`NO_ROMAN_KEY`]'s words (`ki` for की, `he`
/// for है): a Latin query word with only such keys is one of those words, and no word of the
/// index is filed under them.
pub fn is_function_word_key(key: &str) -> bool {
    static KEYS: std::sync::LazyLock<HashSet<String>> = std::sync::LazyLock::new(|| {
        let mut skeleton = Skeleton::default();
        let mut keys = String::new();
        let mut all = HashSet::new();
        for word in NO_ROMAN_KEY {
            skeleton.keys(word, &mut keys);
            all.extend(
                keys.split(' ')
                    .filter(|k| !k.is_empty())
                    .map(str::to_string),
            );
        }
        all
    });
    KEYS.contains(key)
}

pub struct FoldedStream<'a> {
    text: &'a str,
    at: usize,
    token: &'a mut Token,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold::fold;
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

    proptest! {
        #[test]
        fn byte_scan_agrees_with_is_word_char(text in "[\\u{900}-\\u{97f} a-zA-Z0-9।,.\\u{200c}\\u{200d}éअ-ह\\u{2000}-\\u{2100}]{0,30}") {
            let mut at = 0;
            for c in text.chars() {
                prop_assert_eq!(word_char_at(&text, at), (is_word_char(c), c.len_utf8()));
                at += c.len_utf8();
            }
        }

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
        }
    }
}
