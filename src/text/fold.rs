//! Folding text for matching: the spellings a reader considers the same word compare equal,
//! while the text on screen stays as written.
//!
//! Folded away: the nukta (both the sign ़ and the precomposed letters क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़,
//! which NFC does not merge), candrabindu versus anusvara (ँ/ं), ZWJ and ZWNJ, and letter case.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;

/// Appends the folded form of `c` to `out`.
fn fold_char(c: char, out: &mut String) {
    match c {
        '\u{93c}' | '\u{200c}' | '\u{200d}' => {}
        '\u{901}' => out.push('\u{902}'),
        '\u{958}' => out.push('क'),
        '\u{959}' => out.push('ख'),
        '\u{95a}' => out.push('ग'),
        '\u{95b}' => out.push('ज'),
        '\u{95c}' => out.push('ड'),
        '\u{95d}' => out.push('ढ'),
        '\u{95e}' => out.push('फ'),
        '\u{95f}' => out.push('य'),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        // Caseless, and nearly all of a Hindi article: no lowercase lookup.
        '\u{900}'..='\u{97f}' | '\u{2000}'..='\u{206f}' => out.push(c),
        c => out.extend(c.to_lowercase()),
    }
}

/// The folded form of `s`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// The folded form of `s`, borrowed when folding changes nothing (most words of an article).
pub fn fold_cow(s: &str) -> Cow<'_, str> {
    let unchanged = s.chars().all(|c| match c {
        '\u{93c}' | '\u{200c}' | '\u{200d}' | '\u{901}' | '\u{958}'..='\u{95f}' => false,
        c if c.is_ascii() => !c.is_ascii_uppercase(),
        '\u{900}'..='\u{97f}' | '\u{2000}'..='\u{206f}' => true,
        _ => false,
    });
    if unchanged {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(fold(s))
    }
}

/// The form two spellings of one name share: [`fold`], then a nasal consonant before a
/// consonant of its own class written as anusvara (मुम्बई → मुंबई, केन्द्र → केंद्र, गङ्गा
/// → गंगा), नयी as नई, and initials with or without full stops. Hindi writes these both ways
/// in the same paper; a reader takes them for one name.
pub fn name_fold(s: &str) -> String {
    // ो and ौ typed as ा followed by े or ै ("माेगा"), as some keyboards and fonts make
    // them, look the same on the page.
    let mut folded = fold(s);
    if folded.contains("\u{93e}\u{947}") || folded.contains("\u{93e}\u{948}") {
        folded = folded
            .replace("\u{93e}\u{947}", "\u{94b}")
            .replace("\u{93e}\u{948}", "\u{94c}");
    }
    let mut out = String::with_capacity(folded.len());
    let chars: Vec<char> = folded.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 2).copied();
        if chars.get(i + 1) == Some(&'\u{94d}')
            && let Some(n) = next
            && nasal_of(n) == Some(c)
        {
            out.push('\u{902}');
            i += 2;
            continue;
        }
        out.push(c);
        i += 1;
    }
    // Initials with and without their full stops, apart or written as one word, are one
    // spelling: "वाई.के. सभरवाल", "वाई के सभरवाल" and "वाईके सभरवाल"; "एस.ए.आर गिलानी" and
    // "एसएआर गिलानी".
    let words: Vec<&str> = out
        .split([' ', '.'])
        .filter(|w| !w.is_empty())
        .map(|w| if w == "नयी" { "नई" } else { w })
        .collect();
    let mut joined = String::with_capacity(out.len());
    for (i, w) in words.iter().enumerate() {
        let initials = i > 0 && LETTER_NAMES.contains(w) && LETTER_NAMES.contains(&words[i - 1]);
        if i > 0 && !initials {
            joined.push(' ');
        }
        joined.push_str(w);
    }
    joined
}

/// The names of Latin letters as Hindi writes them, which stand for initials ("जे. एन.
/// साहू", "बी.एन. अग्रवाल"): a full stop after one is the initial's, not the sentence's.
pub const LETTER_NAMES: &[&str] = &[
    "ए",
    "बी",
    "सी",
    "डी",
    "ई",
    "एफ",
    "जी",
    "एच",
    "आई",
    "जे",
    "के",
    "एल",
    "एम",
    "एन",
    "ओ",
    "पी",
    "क्यू",
    "आर",
    "एस",
    "टी",
    "यू",
    "वी",
    "डब्ल्यू",
    "डब्लू",
    "एक्स",
    "वाई",
    "जेड",
    "जैड",
];

/// The nasal consonant of the class `c` belongs to (क-वर्ग: ङ … प-वर्ग: म), for the five
/// classes of stops.
fn nasal_of(c: char) -> Option<char> {
    match c {
        'क'..='घ' => Some('ङ'),
        'च'..='झ' => Some('ञ'),
        'ट'..='ढ' => Some('ण'),
        'त'..='ध' => Some('न'),
        'प'..='भ' => Some('म'),
        _ => None,
    }
}

/// [`name_fold`] with long and short ई/इ, ऊ/उ (and their signs) made one: फीरोजाबाद and
/// फिरोजाबाद. Too loose to merge any two words by itself; used where a list of names or a
/// long name backs it.
pub fn loose_name_fold(s: &str) -> String {
    name_fold(s)
        .chars()
        .map(|c| match c {
            'ी' => 'ि',
            'ू' => 'ु',
            'ई' => 'इ',
            'ऊ' => 'उ',
            c => c,
        })
        .collect()
}

/// `s` folded, and for each byte of the folded text the byte of `s` it came from (plus one
/// final entry for the end), so matches in the folded text map back to the original.
pub fn fold_with_offsets(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len() + 1);
    for (at, c) in s.char_indices() {
        let before = out.len();
        fold_char(c, &mut out);
        map.extend(std::iter::repeat_n(at, out.len() - before));
    }
    map.push(s.len());
    (out, map)
}

/// Every place `query` occurs in `text` once both are folded, as byte ranges of `text`
/// widened to whole grapheme clusters (so a highlight never splits a cluster).
pub fn find_all(text: &str, query: &str) -> Vec<(usize, usize)> {
    let needle = fold(query.trim());
    if needle.is_empty() {
        return Vec::new();
    }
    let (hay, map) = fold_with_offsets(text);
    let bounds: Vec<usize> = text
        .grapheme_indices(true)
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (at, _) in hay.match_indices(&needle) {
        let start = map[at];
        let end = map[at + needle.len() - 1] + 1;
        // Widen to cluster boundaries.
        let start = bounds[bounds.partition_point(|&b| b <= start) - 1];
        let end = bounds[bounds.partition_point(|&b| b < end).min(bounds.len() - 1)];
        if found.last().is_none_or(|&(_, prev_end)| start >= prev_end) {
            found.push((start, end));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nukta_spellings_fold_together() {
        assert_eq!(fold("ज़्यादा"), fold("ज्यादा"));
        assert_eq!(fold("\u{95b}्यादा"), fold("ज्यादा"));
        assert_eq!(fold("फ़ोन"), "फोन");
    }

    #[test]
    fn spellings_of_one_name_fold_together() {
        assert_eq!(name_fold("मुम्बई"), name_fold("मुंबई"));
        assert_eq!(name_fold("केन्द्र सरकार"), name_fold("केंद्र सरकार"));
        assert_eq!(name_fold("नयी दिल्ली"), name_fold("नई दिल्ली"));
        assert_eq!(name_fold("गङ्गा"), "गंगा");
        assert_eq!(name_fold("वाई.के. सभरवाल"), name_fold("वाई के सभरवाल"));
        assert_eq!(name_fold("वाईके सभरवाल"), name_fold("वाई के सभरवाल"));
        assert_eq!(name_fold("एस.ए.आर गिलानी"), "एसएआर गिलानी");
        // One initial stays a word of its own; letters' names that are words stay apart
        // from the name beside them.
        assert_eq!(name_fold("ए. राजा"), "ए राजा");
        assert_eq!(name_fold("आर के कांकने"), "आरके कांकने");
        assert_eq!(name_fold("र\u{93e}\u{947}हतक"), name_fold("रोहतक"));
        assert_eq!(name_fold("ग\u{93e}\u{948}तम"), name_fold("गौतम"));
        assert_ne!(name_fold("दिल्ली"), name_fold("नई दिल्ली"));
        // A nasal before a consonant of another class is written as it is.
        assert_eq!(name_fold("अन्य"), "अन्य");
        assert_eq!(loose_name_fold("फीरोजाबाद"), loose_name_fold("फिरोजाबाद"));
        assert_ne!(name_fold("फीरोजाबाद"), name_fold("फिरोजाबाद"));
    }

    #[test]
    fn candrabindu_zwj_and_case_fold() {
        assert_eq!(fold("हाँ"), fold("हां"));
        assert_eq!(fold("क्\u{200d}ष"), fold("क्ष"));
        assert_eq!(fold("COVID"), "covid");
    }

    #[test]
    fn fold_cow_is_fold() {
        for w in [
            "ज़्यादा",
            "ज्यादा",
            "हाँ",
            "COVID",
            "covid",
            "क्\u{200d}ष",
            "Ärger",
            "“उद्धरण”",
            "İ",
        ] {
            assert_eq!(fold_cow(w), fold(w), "{w}");
        }
        assert!(matches!(fold_cow("ज्यादा"), Cow::Borrowed(_)));
    }

    #[test]
    fn matches_map_back_to_the_text_as_written() {
        let text = "उसने ज़्यादा कहा, ज्यादा नहीं";
        let found = find_all(text, "ज्यादा");
        let words: Vec<&str> = found.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(words, vec!["ज़्यादा", "ज्यादा"]);
    }

    #[test]
    fn matches_widen_to_whole_clusters() {
        let text = "किताब";
        let found = find_all(text, "क");
        assert_eq!(
            found.iter().map(|&(s, e)| &text[s..e]).collect::<Vec<_>>(),
            vec!["कि"]
        );
    }
}
