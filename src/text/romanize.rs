//! Devanagari in Latin letters, for the romanised view (terminals without a Devanagari
//! font): ISO 15919 (`नमस्ते` → `namastē`), or IAST (`namaste`), with Hindi's silent
//! inherent vowels dropped (`कमल` → `kamal`, `समझना` → `samajhnā`). Text in other scripts,
//! digits and punctuation pass through; `।` becomes `.` and Devanagari digits ASCII ones.
//!
//! [`romanize_mapped`] also maps byte offsets of the original to offsets of the romanised
//! text, so mentions and search matches found in the Devanagari can be marked in the Latin:
//!
//! ```
//! use khabar::text::romanize::{Options, romanize_mapped};
//! let text = "रूस के रक्षा मंत्री सर्गेई शोइगु ने कहा।";
//! let name = text.find("सर्गेई").unwrap()..text.find(" ने").unwrap();
//! let roman = romanize_mapped(text, Options::default());
//! assert_eq!(roman.as_str(), "rūs kē rakṣā maṁtrī sargēī śōigu nē kahā.");
//! assert_eq!(&roman.as_str()[roman.range(name)], "sargēī śōigu");
//! ```
//!
//! Written here rather than taken from a transliteration crate: the ones for Sanskrit
//! (vidyut-lipi) keep every inherent vowel (`kamala`), cannot map offsets, and bring a
//! WebAssembly and CLI stack with them.
//!
//! The Hindi rule (after Ohala): the inherent `a` is silent at the end of a word of two or
//! more syllables, unless the word ends in a cluster closing in र, य or व (`patra`, `rājya`,
//! `viśva`) or in य after इ/ई/उ/ऊ (`priya`); and inside a word between a vowel + consonant and
//! a consonant + vowel, scanning from the right (`jantā`, `badalnā`, `sarkār`), but not next
//! to a cluster or after a syllable closed by ं/ः (`namastē`, `saṁsad`).

use std::ops::Range;

/// The transliteration standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scheme {
    /// ISO 15919: long ē and ō, anusvara ṁ, vocalic r̥.
    #[default]
    Iso15919,
    /// IAST: e and o, anusvara ṃ, vocalic ṛ.
    Iast,
}

/// How to romanise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub scheme: Scheme,
    /// Drop the inherent vowels Hindi does not pronounce (`kamal`, not `kamala`). Off gives
    /// the letter-for-letter (Sanskrit) reading.
    pub schwa_deletion: bool,
}

impl Default for Options {
    /// ISO 15919 as Hindi is read.
    fn default() -> Options {
        Options {
            scheme: Scheme::Iso15919,
            schwa_deletion: true,
        }
    }
}

impl Options {
    pub fn iast() -> Options {
        Options {
            scheme: Scheme::Iast,
            ..Options::default()
        }
    }
}

/// `text` in Latin letters.
pub fn romanize(text: &str, options: Options) -> String {
    romanize_mapped(text, options).text
}

/// Whether `text` has any Devanagari in it (else romanising changes nothing).
pub fn has_devanagari(text: &str) -> bool {
    text.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c))
}

/// Romanised text with a map from the original's byte offsets.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Romanized {
    text: String,
    /// (offset in the original, offset in `text`) where each unit starts (a syllable of a
    /// Devanagari word, or one other character), in increasing order, ending with the two
    /// lengths.
    anchors: Vec<(usize, usize)>,
}

impl Romanized {
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn into_string(self) -> String {
        self.text
    }

    /// Where an offset of the original starts in the romanised text; an offset inside a
    /// syllable goes to the syllable's start.
    pub fn start(&self, offset: usize) -> usize {
        let i = self.anchors.partition_point(|&(s, _)| s <= offset);
        i.checked_sub(1).map_or(0, |i| self.anchors[i].1)
    }

    /// Where an offset of the original ends in the romanised text; an offset inside a
    /// syllable goes to the syllable's end.
    pub fn end(&self, offset: usize) -> usize {
        let i = self.anchors.partition_point(|&(s, _)| s < offset);
        self.anchors.get(i).map_or(self.text.len(), |&(_, to)| to)
    }

    /// A byte range of the original as a byte range of the romanised text.
    pub fn range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.start(range.start);
        start..self.end(range.end).max(start)
    }
}

/// `text` in Latin letters, with its offset map.
pub fn romanize_mapped(text: &str, options: Options) -> Romanized {
    let mut out = Romanized {
        text: String::with_capacity(text.len()),
        anchors: Vec::new(),
    };
    let iast = options.scheme == Scheme::Iast;
    let mut chars = text.char_indices().peekable();
    while let Some(&(at, c)) = chars.peek() {
        if is_word_char(c) && !matches!(class(c), Class::Joiner) {
            let mut end = at;
            while let Some(&(i, c)) = chars.peek() {
                if !is_word_char(c) {
                    break;
                }
                end = i + c.len_utf8();
                chars.next();
            }
            let mut syllables = syllables(&text[at..end], at, iast);
            if options.schwa_deletion {
                drop_silent_vowels(&mut syllables);
            }
            for s in &syllables {
                out.anchors.push((s.start, out.text.len()));
                s.write(&mut out.text);
            }
            continue;
        }
        chars.next();
        out.anchors.push((at, out.text.len()));
        match class(c) {
            Class::Other(iso, iast_form) => out.text.push_str(if iast { iast_form } else { iso }),
            Class::Joiner => {}
            _ => out.text.push(c),
        }
    }
    out.anchors.push((text.len(), out.text.len()));
    out
}

/// What a character is to the transliterator; strings are (ISO 15919, IAST).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Consonant(&'static str),
    Nukta,
    Virama,
    /// A dependent vowel sign.
    Sign(&'static str, &'static str),
    /// An independent vowel letter.
    Vowel(&'static str, &'static str),
    /// Anusvara, candrabindu, visarga.
    Coda(&'static str, &'static str),
    /// ZWJ and ZWNJ: shaping hints, no sound.
    Joiner,
    /// Digits, danda, om, avagraha: outside words.
    Other(&'static str, &'static str),
    /// Not Devanagari.
    Foreign,
}

fn class(c: char) -> Class {
    use Class::*;
    match c {
        'क' => Consonant("k"),
        'ख' => Consonant("kh"),
        'ग' => Consonant("g"),
        'घ' => Consonant("gh"),
        'ङ' => Consonant("ṅ"),
        'च' => Consonant("c"),
        'छ' => Consonant("ch"),
        'ज' => Consonant("j"),
        'झ' => Consonant("jh"),
        'ञ' => Consonant("ñ"),
        'ट' => Consonant("ṭ"),
        'ठ' => Consonant("ṭh"),
        'ड' => Consonant("ḍ"),
        'ढ' => Consonant("ḍh"),
        'ण' => Consonant("ṇ"),
        'त' => Consonant("t"),
        'थ' => Consonant("th"),
        'द' => Consonant("d"),
        'ध' => Consonant("dh"),
        'न' => Consonant("n"),
        '\u{0929}' => Consonant("ṉ"),
        'प' => Consonant("p"),
        'फ' => Consonant("ph"),
        'ब' => Consonant("b"),
        'भ' => Consonant("bh"),
        'म' => Consonant("m"),
        'य' => Consonant("y"),
        'र' => Consonant("r"),
        '\u{0931}' => Consonant("ṟ"),
        'ल' => Consonant("l"),
        'ळ' => Consonant("ḷ"),
        '\u{0934}' => Consonant("ḻ"),
        'व' => Consonant("v"),
        'श' => Consonant("ś"),
        'ष' => Consonant("ṣ"),
        'स' => Consonant("s"),
        'ह' => Consonant("h"),
        '\u{0958}' => Consonant("q"),
        '\u{0959}' => Consonant("k͟h"),
        '\u{095A}' => Consonant("ġ"),
        '\u{095B}' => Consonant("z"),
        '\u{095C}' => Consonant("ṛ"),
        '\u{095D}' => Consonant("ṛh"),
        '\u{095E}' => Consonant("f"),
        '\u{095F}' => Consonant("ẏ"),
        '\u{093C}' => Nukta,
        '\u{094D}' => Virama,
        'ा' => Sign("ā", "ā"),
        'ि' => Sign("i", "i"),
        'ी' => Sign("ī", "ī"),
        'ु' => Sign("u", "u"),
        'ू' => Sign("ū", "ū"),
        'ृ' => Sign("r̥", "ṛ"),
        'ॄ' => Sign("r̥̄", "ṝ"),
        'ॢ' => Sign("l̥", "ḷ"),
        'ॣ' => Sign("l̥̄", "ḹ"),
        'ॅ' => Sign("ê", "ê"),
        'ॆ' => Sign("e", "e"),
        'े' => Sign("ē", "e"),
        'ै' => Sign("ai", "ai"),
        'ॉ' => Sign("ô", "ô"),
        'ॊ' => Sign("o", "o"),
        'ो' => Sign("ō", "o"),
        'ौ' => Sign("au", "au"),
        'अ' => Vowel("a", "a"),
        'आ' => Vowel("ā", "ā"),
        'इ' => Vowel("i", "i"),
        'ई' => Vowel("ī", "ī"),
        'उ' => Vowel("u", "u"),
        'ऊ' => Vowel("ū", "ū"),
        'ऋ' => Vowel("r̥", "ṛ"),
        'ॠ' => Vowel("r̥̄", "ṝ"),
        'ऌ' => Vowel("l̥", "ḷ"),
        'ॡ' => Vowel("l̥̄", "ḹ"),
        'ऍ' | 'ॲ' => Vowel("ê", "ê"),
        'ऎ' => Vowel("e", "e"),
        'ए' => Vowel("ē", "e"),
        'ऐ' => Vowel("ai", "ai"),
        'ऑ' => Vowel("ô", "ô"),
        'ऒ' => Vowel("o", "o"),
        'ओ' => Vowel("ō", "o"),
        'औ' => Vowel("au", "au"),
        'ं' => Coda("ṁ", "ṃ"),
        'ँ' | '\u{0900}' => Coda("m̐", "m̐"),
        'ः' => Coda("ḥ", "ḥ"),
        '\u{200C}' | '\u{200D}' => Joiner,
        '।' | '॥' | '॰' => Other(".", "."),
        'ऽ' => Other("’", "’"),
        'ॐ' => Other("ōm", "om"),
        '०' => Other("0", "0"),
        '१' => Other("1", "1"),
        '२' => Other("2", "2"),
        '३' => Other("3", "3"),
        '४' => Other("4", "4"),
        '५' => Other("5", "5"),
        '६' => Other("6", "6"),
        '७' => Other("7", "7"),
        '८' => Other("8", "8"),
        '९' => Other("9", "9"),
        _ => Foreign,
    }
}

/// A consonant written with a nukta after it, as one letter.
fn with_nukta(base: &'static str) -> &'static str {
    match base {
        "k" => "q",
        "kh" => "k͟h",
        "g" => "ġ",
        "j" => "z",
        "ḍ" => "ṛ",
        "ḍh" => "ṛh",
        "ph" => "f",
        "y" => "ẏ",
        "n" => "ṉ",
        "r" => "ṟ",
        "ḷ" => "ḻ",
        other => other,
    }
}

/// Whether `c` belongs inside a Devanagari word (letters, signs, joiners).
fn is_word_char(c: char) -> bool {
    !matches!(class(c), Class::Other(..) | Class::Foreign)
}

/// The vowel of a syllable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Nucleus {
    /// The inherent `a` of a consonant written bare.
    Inherent,
    /// A vowel sign, or an independent vowel.
    Written(&'static str),
    /// No vowel: a virama ends the word, or the inherent vowel is silent.
    Silent,
}

/// One written syllable (akshara): consonants, a vowel, then ं ँ ः.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Syllable {
    /// Byte offset in the original text.
    start: usize,
    consonants: Vec<&'static str>,
    nucleus: Nucleus,
    codas: Vec<&'static str>,
    /// Set by a virama: the next consonant joins this syllable's cluster.
    open: bool,
}

impl Syllable {
    fn new(start: usize) -> Syllable {
        Syllable {
            start,
            consonants: Vec::new(),
            nucleus: Nucleus::Silent,
            codas: Vec::new(),
            open: false,
        }
    }

    fn write(&self, out: &mut String) {
        for c in &self.consonants {
            out.push_str(c);
        }
        match self.nucleus {
            Nucleus::Inherent => out.push('a'),
            Nucleus::Written(v) => out.push_str(v),
            Nucleus::Silent => {}
        }
        for c in &self.codas {
            out.push_str(c);
        }
    }

    /// A bare consonant whose `a` may be silent.
    fn deletable(&self) -> bool {
        self.consonants.len() == 1 && self.nucleus == Nucleus::Inherent && self.codas.is_empty()
    }

    fn sounds_vowel(&self) -> bool {
        self.nucleus != Nucleus::Silent
    }
}

/// The syllables of one Devanagari word starting at byte `base` of the original.
fn syllables(word: &str, base: usize, iast: bool) -> Vec<Syllable> {
    let pick = |iso: &'static str, iast_form: &'static str| if iast { iast_form } else { iso };
    let mut out: Vec<Syllable> = Vec::new();
    for (i, c) in word.char_indices() {
        let at = base + i;
        match class(c) {
            Class::Consonant(roman) => match out.last_mut() {
                Some(s) if s.open => {
                    s.consonants.push(roman);
                    s.nucleus = Nucleus::Inherent;
                    s.open = false;
                }
                _ => {
                    let mut s = Syllable::new(at);
                    s.consonants.push(roman);
                    s.nucleus = Nucleus::Inherent;
                    out.push(s);
                }
            },
            Class::Nukta => {
                if let Some(last) = out.last_mut().and_then(|s| s.consonants.last_mut()) {
                    *last = with_nukta(last);
                }
            }
            Class::Virama => {
                if let Some(s) = out.last_mut().filter(|s| !s.consonants.is_empty()) {
                    s.nucleus = Nucleus::Silent;
                    s.open = true;
                }
            }
            Class::Sign(iso, iast_form) => match out.last_mut() {
                Some(s) if !s.consonants.is_empty() && s.codas.is_empty() => {
                    s.nucleus = Nucleus::Written(pick(iso, iast_form));
                    s.open = false;
                }
                _ => {
                    let mut s = Syllable::new(at);
                    s.nucleus = Nucleus::Written(pick(iso, iast_form));
                    out.push(s);
                }
            },
            Class::Vowel(iso, iast_form) => {
                let mut s = Syllable::new(at);
                s.nucleus = Nucleus::Written(pick(iso, iast_form));
                out.push(s);
            }
            Class::Coda(iso, iast_form) => match out.last_mut() {
                Some(s) => {
                    s.codas.push(pick(iso, iast_form));
                    s.open = false;
                }
                None => {
                    let mut s = Syllable::new(at);
                    s.codas.push(pick(iso, iast_form));
                    out.push(s);
                }
            },
            Class::Joiner | Class::Other(..) | Class::Foreign => {}
        }
    }
    for s in &mut out {
        s.open = false;
    }
    out
}

/// Silences the inherent vowels Hindi does not pronounce (see the module docs).
fn drop_silent_vowels(word: &mut [Syllable]) {
    let n = word.len();
    if n < 2 {
        return;
    }
    // At the end of the word.
    let last = &word[n - 1];
    let before = word[n - 2].nucleus;
    let keeps_final = match last.consonants.as_slice() {
        [.., "r" | "y" | "v"] if last.consonants.len() > 1 => true,
        ["y"] => matches!(before, Nucleus::Written("i" | "ī" | "u" | "ū")),
        _ => false,
    };
    if last.nucleus == Nucleus::Inherent && last.codas.is_empty() && !keeps_final {
        word[n - 1].nucleus = Nucleus::Silent;
    }
    // Inside it, right to left: V C(a) C V → V C C V.
    for i in (1..n - 1).rev() {
        let (prev, this, next) = (&word[i - 1], &word[i], &word[i + 1]);
        if this.deletable()
            && prev.sounds_vowel()
            && prev.codas.is_empty()
            && next.consonants.len() == 1
            && next.sounds_vowel()
        {
            word[i].nucleus = Nucleus::Silent;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> String {
        romanize(text, Options::default())
    }

    #[test]
    fn news_words_read_as_hindi() {
        let cases = [
            ("नमस्ते", "namastē"),
            ("कमल", "kamal"),
            ("कमला", "kamlā"),
            ("जनता", "jantā"),
            ("समझना", "samajhnā"),
            ("बदलना", "badalnā"),
            ("सरकार", "sarkār"),
            ("भारत", "bhārat"),
            ("दिल्ली", "dillī"),
            ("पटना", "paṭnā"),
            ("कोलकाता", "kōlkātā"),
            ("उत्तर प्रदेश", "uttar pradēś"),
            ("महाराष्ट्र", "mahārāṣṭra"),
            ("पाकिस्तान", "pākistān"),
            ("नरेंद्र मोदी", "narēṁdra mōdī"),
            ("राहुल गांधी", "rāhul gāṁdhī"),
            ("अमित शाह", "amit śāh"),
            ("सर्गेई शोइगु", "sargēī śōigu"),
            ("व्लादिमीर पुतिन", "vlādimīr putin"),
            ("भाजपा", "bhājpā"),
            ("कांग्रेस", "kāṁgrēs"),
            ("संसद", "saṁsad"),
            ("मंगलवार", "maṁgalvār"),
            ("बुधवार", "budhvār"),
            ("मार्च", "mārc"),
            ("धर्म", "dharm"),
            ("पत्र", "patra"),
            ("राज्य", "rājya"),
            ("विश्व", "viśva"),
            ("प्रिय", "priya"),
            ("अस्पताल", "aspatāl"),
            ("प्रधानमंत्री", "pradhānmaṁtrī"),
            ("इसलिए", "isliē"),
            ("नहीं", "nahīṁ"),
            ("कई", "kaī"),
            ("न", "na"),
            ("अँधेरा", "am̐dhērā"),
            ("दुःख", "duḥkh"),
            ("कृषि", "kr̥ṣi"),
            ("ऑफिस", "ôphis"),
            ("डॉ. श्री", "ḍô. śrī"),
        ];
        let mut wrong = Vec::new();
        for (hi, want) in cases {
            let got = iso(hi);
            if got != want {
                wrong.push(format!("{hi}: {got} (want {want})"));
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn nukta_letters_precomposed_or_not_read_the_same() {
        // क़ानून with U+0958, and with क + U+093C.
        assert_eq!(iso("\u{0958}ानून"), "qānūn");
        assert_eq!(iso("क\u{093C}ानून"), "qānūn");
        assert_eq!(iso("ज़िला फ़ैसला"), "zilā faislā");
        assert_eq!(iso("सड़क लड़की"), "saṛak laṛkī");
        assert_eq!(iso("ख़बर"), "k͟habar");
    }

    #[test]
    fn mixed_text_digits_and_danda() {
        assert_eq!(
            iso("नई दिल्ली, २१ मार्च (आईएएनएस)। 5G सेवा शुरू।"),
            "naī dillī, 21 mārc (āīēēnaēs). 5G sēvā śurū."
        );
        assert_eq!(iso("ॐ शांति॥"), "ōm śāṁti.");
        assert_eq!(iso("COVID-19 के 1,234 मामले"), "COVID-19 kē 1,234 māmlē");
        // Joiners shape the script and have no sound.
        assert_eq!(iso("इन्\u{200d}सफेक्\u{200d}शन"), "insaphēkśan");
        assert_eq!(iso(""), "");
    }

    #[test]
    fn iast_and_letter_for_letter() {
        assert_eq!(romanize("नमस्ते", Options::iast()), "namaste");
        assert_eq!(romanize("संस्कृत मोदी", Options::iast()), "saṃskṛt modī");
        let sanskrit = Options {
            schwa_deletion: false,
            ..Options::default()
        };
        assert_eq!(romanize("कमल", sanskrit), "kamala");
        assert_eq!(romanize("सरकार", sanskrit), "sarakāra");
    }

    #[test]
    fn offsets_map_names_into_the_romanised_text() {
        let text = "भाजपा नेता अमित शाह ने मंगलवार को पटना में कहा।";
        let roman = romanize_mapped(text, Options::default());
        assert_eq!(
            roman.as_str(),
            "bhājpā nētā amit śāh nē maṁgalvār kō paṭnā mēṁ kahā."
        );
        for (name, want) in [
            ("भाजपा", "bhājpā"),
            ("अमित शाह", "amit śāh"),
            ("मंगलवार", "maṁgalvār"),
            ("पटना", "paṭnā"),
            ("कहा", "kahā"),
            ("।", "."),
        ] {
            let start = text.find(name).unwrap();
            let range = roman.range(start..start + name.len());
            assert_eq!(&roman.as_str()[range], want, "{name}");
        }
        // Whole text, and an offset inside a syllable rounds out to it.
        assert_eq!(roman.range(0..text.len()), 0..roman.as_str().len());
        let inside = text.find("शाह").unwrap() + "श".len();
        assert_eq!(
            &roman.as_str()[roman.start(inside)..roman.end(inside + 1)],
            "śā"
        );
    }

    #[test]
    fn text_without_devanagari_is_unchanged() {
        let text = "Reuters, 21 March: “no comment” — ok?";
        assert!(!has_devanagari(text));
        let roman = romanize_mapped(text, Options::default());
        assert_eq!(roman.as_str(), text);
        assert_eq!(roman.range(9..17), 9..17);
        assert!(has_devanagari("abc क"));
    }
}
