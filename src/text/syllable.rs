//! Devanagari words as their written syllables (akshara), and Hindi's silent inherent
//! vowels: the one model of the script that the romanised view ([`super::romanize`]) and
//! romanised search (`library::search::roman`) both read, so that what a reader sees in
//! Latin letters and what a Latin query finds are worked out the same way.
//!
//! A syllable is a cluster of consonants (joined by viramas), a vowel (the inherent `a`,
//! a vowel sign, or an independent vowel letter) and its codas (ं ँ ः):
//!
//! ```
//! use khabar::text::syllable::{Syllables, Vowel};
//! let mut word = Syllables::default();
//! word.parse("नमस्ते", 0);
//! let clusters: Vec<usize> = word.iter().map(|s| s.consonants.len()).collect();
//! assert_eq!(clusters, [1, 1, 2]); // न, म, स्ते
//! word.silence_schwas();
//! let vowels: Vec<Vowel> = word.iter().map(|s| s.vowel).collect();
//! assert_eq!(vowels, [Vowel::Inherent, Vowel::Inherent, Vowel::Written('ए')]);
//! ```
//!
//! The schwa rule (after Ohala), [`Syllables::silence_schwas`]:
//! - at the end of a word of two or more syllables the inherent `a` is silent, unless the
//!   word ends in a cluster closing in र, य or व (`patra`, `rājya`, `viśva`), or in य after
//!   इ ई उ ऊ (`priya`), or the last syllable has a coda;
//! - inside a word, scanning from the right, the `a` of a lone consonant between a syllable
//!   with a spoken vowel and no coda, and a lone consonant with a spoken vowel, is silent
//!   (`jantā`, `badalnā`, `sarkār`, `maṁgalvār`, after a nasal vowel too: `jaṁglōṁ`,
//!   `chīṁktē`): never next to a cluster (`namastē`), never after a visarga, never two in
//!   a row.
//!
//! Scanning from the right reads most words as they are said (`nikalkar`, `madadgār`,
//! `yavatmāl`), but not all compounds (`muzaffarnagar` reads `mujaphpharangar`,
//! `pharvarī` reads `pharavrī`): Hindi's rule depends on morpheme boundaries this model
//! does not know.
//!
//! Precomposed nukta letters (क़ U+0958 … य़ U+095F, and ऩ ऱ ऴ) are read as their base letter
//! with a nukta, so both spellings give the same syllables.

/// A consonant: its base letter, and whether a nukta follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Consonant {
    pub letter: char,
    pub nukta: bool,
}

/// The vowel of a syllable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vowel {
    /// The inherent `a` of a consonant written bare, spoken.
    Inherent,
    /// The inherent `a`, silent by the schwa rule.
    Silent,
    /// No vowel: the cluster ends in a virama, or the syllable is only a coda.
    None,
    /// A vowel written: a vowel sign or an independent vowel, as the independent vowel
    /// letter (ि is `इ`); a sign without one (U+093A, U+094E …) as itself.
    Written(char),
}

impl Vowel {
    /// Whether a vowel is heard.
    pub fn is_spoken(self) -> bool {
        matches!(self, Vowel::Inherent | Vowel::Written(_))
    }
}

/// What a character is to the parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Letter {
    Consonant(Consonant),
    Nukta,
    Virama,
    /// A dependent vowel sign, as [`Vowel::Written`] holds it.
    Sign(char),
    /// An independent vowel letter.
    Vowel(char),
    /// Anusvara ं, candrabindu ँ (and the inverted ऀ), visarga ः.
    Coda(char),
    /// ZWJ and ZWNJ: shaping hints, no sound, inside words.
    Joiner,
    /// Devanagari outside words: digits, danda, the abbreviation sign, om, avagraha.
    Other,
    /// Not Devanagari, or a Devanagari letter this model does not know.
    Foreign,
}

impl Letter {
    /// Whether the character belongs inside a Devanagari word (letters, signs, joiners).
    pub fn in_word(self) -> bool {
        !matches!(self, Letter::Other | Letter::Foreign)
    }
}

/// What `c` is (see [`Letter`]).
pub fn letter(c: char) -> Letter {
    let consonant = |letter, nukta| Letter::Consonant(Consonant { letter, nukta });
    match c {
        'क'..='ह' => match c {
            'ऩ' => consonant('न', true),
            'ऱ' => consonant('र', true),
            'ऴ' => consonant('ळ', true),
            _ => consonant(c, false),
        },
        '\u{0958}' => consonant('क', true),
        '\u{0959}' => consonant('ख', true),
        '\u{095A}' => consonant('ग', true),
        '\u{095B}' => consonant('ज', true),
        '\u{095C}' => consonant('ड', true),
        '\u{095D}' => consonant('ढ', true),
        '\u{095E}' => consonant('फ', true),
        '\u{095F}' => consonant('य', true),
        '\u{093C}' => Letter::Nukta,
        '\u{094D}' => Letter::Virama,
        'ा' => Letter::Sign('आ'),
        'ि' => Letter::Sign('इ'),
        'ी' => Letter::Sign('ई'),
        'ु' => Letter::Sign('उ'),
        'ू' => Letter::Sign('ऊ'),
        'ृ' => Letter::Sign('ऋ'),
        'ॄ' => Letter::Sign('ॠ'),
        'ॢ' => Letter::Sign('ऌ'),
        'ॣ' => Letter::Sign('ॡ'),
        'ॅ' => Letter::Sign('ऍ'),
        'ॆ' => Letter::Sign('ऎ'),
        'े' => Letter::Sign('ए'),
        'ै' => Letter::Sign('ऐ'),
        'ॉ' => Letter::Sign('ऑ'),
        'ॊ' => Letter::Sign('ऒ'),
        'ो' => Letter::Sign('ओ'),
        'ौ' => Letter::Sign('औ'),
        '\u{093A}' | '\u{093B}' | '\u{094E}' | '\u{094F}' | '\u{0955}'..='\u{0957}' => {
            Letter::Sign(c)
        }
        'ऄ'..='औ' | 'ॠ' | 'ॡ' | 'ॲ' => Letter::Vowel(c),
        'ं' | 'ँ' | 'ः' | '\u{0900}' => Letter::Coda(c),
        '\u{200C}' | '\u{200D}' => Letter::Joiner,
        '।' | '॥' | '॰' | 'ऽ' | 'ॐ' | '०'..='९' => Letter::Other,
        _ => Letter::Foreign,
    }
}

/// The vowel that `before` followed by the sign of `after` looks like, when text typed
/// with old fonts wrote it that way: ा and े for ो (`माेगा`), ा and ै for ौ, ा and ॅ for ॉ,
/// either order, अ and ा for आ; a sign typed twice (`नमूूने`) or again after the vowel it is
/// part of (`काेे`) once. `None` for two vowels that make no one vowel.
fn written_together(before: char, after: char) -> Option<char> {
    if before == after {
        return Some(before);
    }
    let pair = |a, b| (before == a && after == b) || (before == b && after == a);
    Some(match (before, after) {
        _ if pair('आ', 'ए') => 'ओ',
        _ if pair('आ', 'ऐ') => 'औ',
        _ if pair('आ', 'ऍ') => 'ऑ',
        ('अ', 'आ' | 'ओ' | 'औ' | 'ऑ') => after,
        ('ओ', 'आ' | 'ए') | ('औ', 'आ' | 'ऐ') | ('ऑ', 'आ' | 'ऍ') => before,
        _ => return None,
    })
}

/// One syllable of a parsed word, borrowed from its [`Syllables`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Syllable<'a> {
    /// Byte offset of its first character in the text the word came from.
    pub start: usize,
    pub consonants: &'a [Consonant],
    pub vowel: Vowel,
    /// ं ँ ऀ ः as written.
    pub codas: &'a [char],
}

/// Where a syllable's parts are in the buffers.
#[derive(Debug, Clone, Copy)]
struct Parts {
    start: usize,
    consonants: (u32, u32),
    vowel: Vowel,
    codas: (u32, u32),
}

impl Parts {
    fn consonant_count(&self) -> u32 {
        self.consonants.1 - self.consonants.0
    }

    fn has_coda(&self) -> bool {
        self.codas.1 > self.codas.0
    }

    fn codas_of<'a>(&self, codas: &'a [char]) -> &'a [char] {
        &codas[self.codas.0 as usize..self.codas.1 as usize]
    }

    /// A lone consonant whose `a` may be silent.
    fn deletable(&self) -> bool {
        self.consonant_count() == 1 && self.vowel == Vowel::Inherent && !self.has_coda()
    }
}

/// The syllables of one Devanagari word, in buffers that are reused from word to word.
#[derive(Debug, Clone, Default)]
pub struct Syllables {
    parts: Vec<Parts>,
    consonants: Vec<Consonant>,
    codas: Vec<char>,
}

impl Syllables {
    /// Reads `word` (Devanagari letters, signs and joiners; anything else is skipped) as
    /// syllables, replacing what was read before; `base` is the word's byte offset in its
    /// text, added to each [`Syllable::start`]. Every inherent vowel is [`Vowel::Inherent`]
    /// until [`Syllables::silence_schwas`].
    pub fn parse(&mut self, word: &str, base: usize) {
        self.parts.clear();
        self.consonants.clear();
        self.codas.clear();
        // A virama was the last thing read: the next consonant joins the cluster.
        let mut open = false;
        for (i, c) in word.char_indices() {
            let at = base + i;
            let here = self.consonants.len() as u32;
            let codas = self.codas.len() as u32;
            let fresh = |vowel| Parts {
                start: at,
                consonants: (here, here),
                vowel,
                codas: (codas, codas),
            };
            match letter(c) {
                Letter::Consonant(consonant) => {
                    self.consonants.push(consonant);
                    match self.parts.last_mut() {
                        Some(last) if open => last.consonants.1 += 1,
                        _ => {
                            let mut s = fresh(Vowel::Inherent);
                            s.consonants.1 += 1;
                            self.parts.push(s);
                        }
                    }
                    if let Some(last) = self.parts.last_mut() {
                        last.vowel = Vowel::Inherent;
                    }
                    open = false;
                }
                Letter::Nukta => {
                    let last = self.parts.last().filter(|s| s.consonant_count() > 0);
                    if last.is_some()
                        && let Some(consonant) = self.consonants.last_mut()
                    {
                        consonant.nukta = true;
                    }
                }
                Letter::Virama => {
                    if let Some(last) = self.parts.last_mut().filter(|s| s.consonant_count() > 0) {
                        last.vowel = Vowel::None;
                        open = true;
                    }
                }
                Letter::Sign(v) => {
                    let last = self.parts.last_mut().filter(|s| !s.has_coda());
                    match last.map(|s| (s.vowel, s)) {
                        Some((Vowel::Inherent, last)) => last.vowel = Vowel::Written(v),
                        Some((Vowel::Written(before), last))
                            if let Some(both) = written_together(before, v) =>
                        {
                            last.vowel = Vowel::Written(both);
                        }
                        _ => self.parts.push(fresh(Vowel::Written(v))),
                    }
                    open = false;
                }
                Letter::Vowel(v) => {
                    self.parts.push(fresh(Vowel::Written(v)));
                    open = false;
                }
                Letter::Coda(coda) => {
                    self.codas.push(coda);
                    match self.parts.last_mut() {
                        Some(last) => last.codas.1 += 1,
                        None => {
                            let mut s = fresh(Vowel::None);
                            s.codas.1 += 1;
                            self.parts.push(s);
                        }
                    }
                    open = false;
                }
                Letter::Joiner | Letter::Other | Letter::Foreign => {}
            }
        }
    }

    /// How many syllables the word has.
    pub fn len(&self) -> usize {
        self.parts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// The syllables, in order.
    pub fn iter(&self) -> impl Iterator<Item = Syllable<'_>> + '_ {
        self.parts.iter().map(|p| Syllable {
            start: p.start,
            consonants: &self.consonants[p.consonants.0 as usize..p.consonants.1 as usize],
            vowel: p.vowel,
            codas: &self.codas[p.codas.0 as usize..p.codas.1 as usize],
        })
    }

    /// Silences the inherent vowels Hindi does not pronounce: [`Syllables::silence_final`]
    /// and [`Syllables::silence_medial`] (the rule is in the module docs).
    pub fn silence_schwas(&mut self) {
        self.silence_final();
        self.silence_medial();
    }

    /// The first half of the rule: the inherent vowel at the end of a word of two or more
    /// syllables. Whether it was silenced.
    pub fn silence_final(&mut self) -> bool {
        let n = self.parts.len();
        if n < 2 {
            return false;
        }
        let last = self.parts[n - 1];
        if last.vowel != Vowel::Inherent || last.has_coda() {
            return false;
        }
        let cluster = &self.consonants[last.consonants.0 as usize..last.consonants.1 as usize];
        let plain = |c: &Consonant, letters: &[char]| !c.nukta && letters.contains(&c.letter);
        let keeps = match cluster {
            [.., end] if cluster.len() > 1 => plain(end, &['र', 'य', 'व']),
            [only] => {
                plain(only, &['य'])
                    && matches!(
                        self.parts[n - 2].vowel,
                        Vowel::Written('इ' | 'ई' | 'उ' | 'ऊ')
                    )
            }
            _ => false,
        };
        if keeps {
            return false;
        }
        self.parts[n - 1].vowel = Vowel::Silent;
        true
    }

    /// The second half of the rule: inherent vowels inside the word, scanning from the
    /// right (how the romanised view reads). Whether any was silenced.
    pub fn silence_medial(&mut self) -> bool {
        self.silence_medial_scanning(Scan::FromRight)
    }

    /// The second half of the rule, scanning either way. The way only matters where two
    /// inherent vowels could each be silent but not both (`C a C a C V`): from the right
    /// reads a stem and suffix (बदलना `badalnā`), from the left a stem and a longer word
    /// (गडकरी `gaḍkarī`, फरवरी `pharvarī`); which is right depends on morpheme boundaries
    /// this model does not know, so search keys a word both ways. Whether any was silenced.
    pub fn silence_medial_scanning(&mut self, scan: Scan) -> bool {
        let n = self.parts.len();
        let inner = 1..n.saturating_sub(1);
        let mut changed = false;
        let mut visit = |i: usize| {
            let (prev, this, next) = (self.parts[i - 1], self.parts[i], self.parts[i + 1]);
            if this.deletable()
                && prev.vowel.is_spoken()
                && !prev.codas_of(&self.codas).contains(&'ः')
                && next.consonant_count() == 1
                && next.vowel.is_spoken()
            {
                self.parts[i].vowel = Vowel::Silent;
                changed = true;
            }
        };
        match scan {
            Scan::FromRight => inner.rev().for_each(&mut visit),
            Scan::FromLeft => inner.for_each(&mut visit),
        }
        changed
    }
}

/// Which way [`Syllables::silence_medial_scanning`] goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scan {
    FromRight,
    FromLeft,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word's syllables, `|` between them: consonants joined by `्`, then the vowel
    /// (`a` spoken inherent, `_` silent, `्` none, else the vowel letter), then the codas.
    fn show(word: &str, silence: bool) -> String {
        let mut s = Syllables::default();
        s.parse(word, 0);
        if silence {
            s.silence_schwas();
        }
        s.iter()
            .map(|syl| {
                let mut out = String::new();
                for (i, c) in syl.consonants.iter().enumerate() {
                    if i > 0 {
                        out.push('्');
                    }
                    out.push(c.letter);
                    if c.nukta {
                        out.push('़');
                    }
                }
                match syl.vowel {
                    Vowel::Inherent => out.push('a'),
                    Vowel::Silent => out.push('_'),
                    Vowel::None => out.push('्'),
                    Vowel::Written(v) => out.push(v),
                }
                out.extend(syl.codas);
                out
            })
            .collect::<Vec<_>>()
            .join("|")
    }

    #[test]
    fn words_split_into_written_syllables() {
        assert_eq!(show("नमस्ते", false), "नa|मa|स्तए");
        assert_eq!(show("प्रधानमंत्री", false), "प्रa|धआ|नa|मaं|त्रई");
        assert_eq!(show("दुःख", false), "दउः|खa");
        assert_eq!(show("अँधेरा", false), "अँ|धए|रआ");
        assert_eq!(show("इन्\u{200d}सफेक्\u{200d}शन", false), "इ|न्सa|फए|क्शa|नa");
        // A virama at the end leaves the cluster without a vowel.
        assert_eq!(show("जगत्", false), "जa|गa|त्");
        assert_eq!(show("", false), "");
    }

    #[test]
    fn nukta_letters_precomposed_or_not_parse_the_same() {
        assert_eq!(show("\u{0958}ानून", false), show("क\u{093C}ानून", false));
        assert_eq!(show("पढ़ाई", false), show("पढ\u{093C}ाई", false));
        assert_eq!(show("\u{0929}", false), "न\u{093C}a");
    }

    #[test]
    fn the_schwa_rule() {
        for (word, want) in [
            ("कमल", "कa|मa|ल_"),
            ("कमला", "कa|म_|लआ"),
            ("जनता", "जa|न_|तआ"),
            ("सरकार", "सa|र_|कआ|र_"),
            ("मंगलवार", "मaं|गa|ल_|वआ|र_"),
            ("अमरनाथ", "अ|मa|र_|नआ|थ_"),
            ("संसद", "सaं|सa|द_"),
            ("जंगलों", "जaं|ग_|लओं"),
            ("दुःखदायी", "दउः|खa|दआ|यई"),
            ("नमस्ते", "नa|मa|स्तए"),
            ("पत्र", "पa|त्रa"),
            ("राज्य", "रआ|ज्यa"),
            ("प्रिय", "प्रइ|यa"),
            ("भारत", "भआ|रa|त_"),
            ("न", "नa"),
        ] {
            assert_eq!(show(word, true), want, "{word}");
        }
    }

    #[test]
    fn an_ambiguous_run_reads_either_way() {
        let read = |word: &str, scan| {
            let mut s = Syllables::default();
            s.parse(word, 0);
            s.silence_final();
            s.silence_medial_scanning(scan);
            s.iter()
                .map(|s| s.vowel == Vowel::Silent)
                .collect::<Vec<_>>()
        };
        // बदल|ना from the right, गड|करी from the left.
        assert_eq!(read("बदलना", Scan::FromRight), [false, false, true, false]);
        assert_eq!(read("गडकरी", Scan::FromLeft), [false, true, false, false]);
        assert_eq!(read("गडकरी", Scan::FromRight), [false, false, true, false]);
        // No run: both ways agree.
        assert_eq!(read("जनता", Scan::FromLeft), read("जनता", Scan::FromRight));
    }

    #[test]
    fn vowel_signs_typed_as_two_read_as_one() {
        assert_eq!(show("माेगा", false), "मओ|गआ");
        assert_eq!(show("देशेां", false), "दए|शओं");
        assert_eq!(show("साैरव", false), "सऔ|रa|वa");
        assert_eq!(show("पाॅजिटिव", false), "पऑ|जइ|टइ|वa");
        assert_eq!(show("काेेरोना", false), "कओ|रओ|नआ");
        assert_eq!(show("नमूूने", false), "नa|मऊ|नए");
        assert_eq!(show("अाज", false), "आ|जa");
        // Two that make no one vowel stay two.
        assert_eq!(show("किु", false), "कइ|उ");
    }

    #[test]
    fn offsets_are_the_syllables_starts() {
        let mut s = Syllables::default();
        s.parse("कमला", 10);
        let starts: Vec<usize> = s.iter().map(|s| s.start).collect();
        assert_eq!(starts, [10, 13, 16]);
        assert_eq!(s.len(), 3);
        assert!(!s.is_empty());
    }
}
