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
//! Words are read as syllables, and Hindi's silent inherent vowels found, by
//! [`super::syllable`], the model romanised search reads too; its docs give the rule.

use std::ops::Range;

use super::syllable::{Consonant, Letter, Syllable, Syllables, Vowel, letter};

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
    let mut word = Syllables::default();
    let mut chars = text.char_indices().peekable();
    while let Some(&(at, c)) = chars.peek() {
        let kind = letter(c);
        if kind.in_word() && kind != Letter::Joiner {
            let mut end = at;
            while let Some(&(i, c)) = chars.peek() {
                if !letter(c).in_word() {
                    break;
                }
                end = i + c.len_utf8();
                chars.next();
            }
            word.parse(&text[at..end], at);
            if options.schwa_deletion {
                word.silence_schwas();
            }
            for s in word.iter() {
                out.anchors.push((s.start, out.text.len()));
                write_syllable(&s, iast, &mut out.text);
            }
            continue;
        }
        chars.next();
        out.anchors.push((at, out.text.len()));
        match kind {
            Letter::Other => out.text.push_str(other(c, iast)),
            Letter::Joiner => {}
            _ => out.text.push(c),
        }
    }
    out.anchors.push((text.len(), out.text.len()));
    out
}

/// One syllable in Latin letters.
fn write_syllable(s: &Syllable<'_>, iast: bool, out: &mut String) {
    for &c in s.consonants {
        out.push_str(consonant(c));
    }
    match s.vowel {
        Vowel::Inherent => out.push('a'),
        Vowel::Written(v) => match vowel(v, iast) {
            Some(latin) => out.push_str(latin),
            // A vowel sign ISO 15919 has no letter for: as written.
            None => out.push(v),
        },
        Vowel::Silent | Vowel::None => {}
    }
    for &c in s.codas {
        out.push_str(coda(c, iast));
    }
}

/// A consonant in Latin letters (the same in ISO 15919 and IAST).
fn consonant(c: Consonant) -> &'static str {
    let base = match c.letter {
        'क' => "k",
        'ख' => "kh",
        'ग' => "g",
        'घ' => "gh",
        'ङ' => "ṅ",
        'च' => "c",
        'छ' => "ch",
        'ज' => "j",
        'झ' => "jh",
        'ञ' => "ñ",
        'ट' => "ṭ",
        'ठ' => "ṭh",
        'ड' => "ḍ",
        'ढ' => "ḍh",
        'ण' => "ṇ",
        'त' => "t",
        'थ' => "th",
        'द' => "d",
        'ध' => "dh",
        'न' => "n",
        'प' => "p",
        'फ' => "ph",
        'ब' => "b",
        'भ' => "bh",
        'म' => "m",
        'य' => "y",
        'र' => "r",
        'ल' => "l",
        'ळ' => "ḷ",
        'व' => "v",
        'श' => "ś",
        'ष' => "ṣ",
        'स' => "s",
        'ह' => "h",
        _ => "",
    };
    if c.nukta { with_nukta(base) } else { base }
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

/// A written vowel ([`Vowel::Written`]) in Latin letters.
fn vowel(v: char, iast: bool) -> Option<&'static str> {
    let (iso, iast_form) = match v {
        'अ' => ("a", "a"),
        'आ' => ("ā", "ā"),
        'इ' => ("i", "i"),
        'ई' => ("ī", "ī"),
        'उ' => ("u", "u"),
        'ऊ' => ("ū", "ū"),
        'ऋ' => ("r̥", "ṛ"),
        'ॠ' => ("r̥̄", "ṝ"),
        'ऌ' => ("l̥", "ḷ"),
        'ॡ' => ("l̥̄", "ḹ"),
        'ऍ' | 'ॲ' => ("ê", "ê"),
        'ऎ' => ("e", "e"),
        'ए' => ("ē", "e"),
        'ऐ' => ("ai", "ai"),
        'ऑ' => ("ô", "ô"),
        'ऒ' => ("o", "o"),
        'ओ' => ("ō", "o"),
        'औ' => ("au", "au"),
        _ => return None,
    };
    Some(if iast { iast_form } else { iso })
}

/// Anusvara, candrabindu, visarga in Latin letters.
fn coda(c: char, iast: bool) -> &'static str {
    match c {
        'ं' if iast => "ṃ",
        'ं' => "ṁ",
        'ः' => "ḥ",
        _ => "m̐",
    }
}

/// Devanagari outside words ([`Letter::Other`]): digits, danda, om, avagraha.
fn other(c: char, iast: bool) -> &'static str {
    match c {
        'ऽ' => "’",
        'ॐ' if iast => "om",
        'ॐ' => "ōm",
        '०' => "0",
        '१' => "1",
        '२' => "2",
        '३' => "3",
        '४' => "4",
        '५' => "5",
        '६' => "6",
        '७' => "7",
        '८' => "8",
        '९' => "9",
        // । ॥ ॰
        _ => ".",
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
            // After a nasal vowel too.
            ("कंपनी", "kaṁpnī"),
            ("जंगलों", "jaṁglōṁ"),
            ("पहुंचने", "pahuṁcnē"),
            ("मददगार", "madadgār"),
            // Vowel signs typed as two (old fonts): the vowel they look like.
            ("माेगा", "mōgā"),
            ("साैरव", "saurav"),
            ("पाॅजिटिव", "pôjiṭiv"),
            ("आैर", "aur"),
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
