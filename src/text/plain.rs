//! Plain Latin: ISO 15919 text (what [`super::romanize`] gives) written as a Hindi reader
//! spells it with a plain keyboard — `bēṁgaluru` is `bengaluru`, `kharcōṁ` is `kharchon`,
//! `saṁsad` is `sansad`, `kr̥ṣṇ` is `krishn`. Export file names use [`plain`]; search in the
//! romanised view compares [`search_key`]s, so that a query typed with or without
//! diacritics, or in a common plain spelling, finds the word shown.

/// `iso` in plain Latin, lowercased.
pub fn plain(iso: &str) -> String {
    plain_with_offsets(iso).0
}

/// [`plain`], with the byte of `iso` each byte of the result came from (and `iso.len()`
/// after the last), so a match in the plain text can be placed in `iso`.
pub fn plain_with_offsets(iso: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(iso.len());
    let mut map = Vec::with_capacity(iso.len() + 1);
    let lower: Vec<(usize, char)> = iso
        .char_indices()
        .flat_map(|(at, c)| c.to_lowercase().map(move |l| (at, l)))
        .collect();
    for (i, &(at, c)) in lower.iter().enumerate() {
        if is_combining(c) {
            continue;
        }
        let raw_next = lower.get(i + 1).map(|&(_, n)| n);
        // The next letter, past combining marks (the candrabindu of m̐).
        let next = lower[i + 1..]
            .iter()
            .map(|&(_, n)| n)
            .find(|&n| !is_combining(n));
        let before = out.len();
        match c {
            // Anusvara (and m with candrabindu) is the nasal of the consonant after it:
            // m before p, b, m; n elsewhere, and at a word's end (मेें → men).
            'ṁ' | 'ṃ' => out.push(nasal_before(next)),
            'm' if raw_next == Some('\u{310}') => out.push(nasal_before(next)),
            'ṅ' | 'ñ' | 'ṇ' => out.push('n'),
            'c' => out.push_str("ch"),
            'ś' | 'ṣ' => out.push_str("sh"),
            // r̥ (ऋ) is "ri": kr̥ṣṇa → krishna.
            'r' if raw_next == Some('\u{325}') => out.push_str("ri"),
            'ṭ' => out.push('t'),
            'ḍ' => out.push('d'),
            'ḥ' => out.push('h'),
            'ṛ' | 'ṝ' => out.push('r'),
            'ḷ' | 'ḹ' => out.push('l'),
            'ẏ' => out.push('y'),
            'ā' | 'á' | 'à' | 'â' | 'ä' | 'ă' => out.push('a'),
            'ī' | 'í' | 'ì' | 'î' | 'ï' => out.push('i'),
            'ū' | 'ú' | 'ù' | 'û' | 'ü' => out.push('u'),
            'ē' | 'é' | 'è' | 'ê' | 'ë' | 'ĕ' => out.push('e'),
            'ō' | 'ó' | 'ò' | 'ô' | 'ö' | 'ŏ' => out.push('o'),
            c => out.push(c),
        }
        map.extend(std::iter::repeat_n(at, out.len() - before));
    }
    map.push(iso.len());
    (out, map)
}

/// The form two spellings of a word are compared by: [`plain`], with long vowels written
/// double taken as one (`aa`, `ee`, `oo` as a, i, u), w as v, a nasal before a consonant as
/// n, and no short a between two consonants — so `saṁsad`, `sansad` and `samsad` are one,
/// as are `deewali` and `dīvālī`, and `gadkari` finds the `gaḍakrī` that the schwa rule
/// can make of गडकरी. With offsets into `text` as in [`plain_with_offsets`].
pub fn search_key(text: &str) -> (String, Vec<usize>) {
    let (plain, map) = plain_with_offsets(text);
    let chars: Vec<(usize, char)> = plain.char_indices().collect();
    // (letter of the key, byte of `text` it came from)
    let mut keyed: Vec<(char, usize)> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let next = chars.get(i + 1).map(|&(_, n)| n);
        let (key, used) = match (c, next) {
            ('a', Some('a')) => ('a', 2),
            ('e', Some('e')) | ('i', Some('i')) => ('i', 2),
            ('o', Some('o')) | ('u', Some('u')) => ('u', 2),
            ('w', _) => ('v', 1),
            ('m', Some(n)) if is_consonant(n) => ('n', 1),
            (c, _) => (c, 1),
        };
        keyed.push((key, map[at]));
        i += used;
    }
    let mut out = String::with_capacity(plain.len());
    let mut out_map = Vec::with_capacity(plain.len() + 1);
    for (i, &(c, at)) in keyed.iter().enumerate() {
        let between_consonants = i > 0
            && keyed.get(i - 1).is_some_and(|&(p, _)| is_consonant(p))
            && keyed.get(i + 1).is_some_and(|&(n, _)| is_consonant(n));
        if c == 'a' && between_consonants {
            continue;
        }
        out.push(c);
        out_map.extend(std::iter::repeat_n(at, c.len_utf8()));
    }
    out_map.push(text.len());
    (out, out_map)
}

fn nasal_before(next: Option<char>) -> char {
    match next {
        Some('p' | 'b' | 'm') => 'm',
        _ => 'n',
    }
}

fn is_combining(c: char) -> bool {
    ('\u{0300}'..='\u{036f}').contains(&c)
}

fn is_consonant(c: char) -> bool {
    c.is_ascii_alphabetic() && !"aeiou".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::romanize::romanize;

    fn plain_of(hindi: &str) -> String {
        plain(&romanize(hindi, Default::default()))
    }

    #[test]
    fn names_and_words_read_as_a_hindi_reader_spells_them() {
        assert!(plain_of("बेंगलुरु").starts_with("beng"), "{}", plain_of("बेंगलुरु"));
        assert_eq!(plain_of("गंगा"), "ganga");
        assert_eq!(plain_of("खर्चों"), "kharchon");
        assert_eq!(plain_of("संसद"), "sansad");
        assert_eq!(plain_of("कुंभ"), "kumbh");
        assert_eq!(plain_of("कृष्ण"), "krishn");
        assert_eq!(plain_of("शहर"), "shahar");
        assert_eq!(plain_of("में"), "men");
        assert_eq!(plain_of("छात्र"), "chhatra");
    }

    #[test]
    fn spellings_of_one_word_share_a_search_key() {
        let key = |s: &str| search_key(s).0;
        for (a, b) in [
            ("saṁsad", "sansad"),
            ("saṁsad", "samsad"),
            ("dīvālī", "deevaali"),
            ("gaḍkarī", "Gadkari"),
            ("vishvas", "vishwas"),
            ("gaḍakrī", "gadkari"),
            ("bhārat", "bhaarat"),
        ] {
            assert_eq!(key(a), key(b), "{a} / {b}");
        }
        assert_ne!(key("sansad"), key("sanskar"));
    }

    #[test]
    fn offsets_point_back_into_the_text() {
        let text = "rājya saṁsad mēṁ";
        let (key, map) = search_key(text);
        let needle = search_key("sansad").0;
        let at = key.find(&needle).expect("found");
        let (s, e) = (map[at], map[at + needle.len()]);
        assert_eq!(&text[s..e], "saṁsad ".trim_end());
        assert_eq!(map.len(), key.len() + 1);
    }
}
