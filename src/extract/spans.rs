//! From the tagger's BIO tags to name spans, and the rules that mend them before merging:
//! where the tagger, reading one sentence at a time, gets a name's edges or kind wrong in
//! ways the lists and the words around settle. A title is not part of a name (सीएम चौहान is
//! चौहान), a name ends in its head noun (मिंटो ब्रिज is a place), brackets hold an
//! abbreviation apart from the full name (भारतीय अंतरिक्ष अनुसंधान संगठन (इसरो)), and a name on
//! the hand-checked lists is a name even where the tagger passed it by (स्पुतनिक).

use super::gazetteer::{Gazetteer, Position, token_key};
use super::names::{DEMONYMS, NOT_A_SHORT_NAME, PLACE_MODIFIERS, Span};
use super::tokenize::{Token, is_initial};
use super::{Kind, Tag};

/// Entity spans of a BIO sequence, offset by `base` tokens.
pub(super) fn spans_of(tags: &[Tag], base: usize) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut open: Option<Span> = None;
    for (i, tag) in tags.iter().enumerate() {
        match *tag {
            Tag::I(k) if open.is_some_and(|s| s.kind == k) => {
                if let Some(s) = &mut open {
                    s.last = base + i + 1;
                }
            }
            Tag::B(k) | Tag::I(k) => {
                out.extend(open.take());
                open = Some(Span {
                    first: base + i,
                    last: base + i + 1,
                    kind: k,
                });
            }
            Tag::O => out.extend(open.take()),
        }
    }
    out.extend(open);
    out
}

/// Spans of the names the hand-checked lists know (with a kind no list contradicts, and no
/// postposition in them) that no span in `spans` touches. `matches[i]` is where
/// `tokens[base + i]` sits in the gazetteer's matches of each kind, as the tagger worked it
/// out.
pub(super) fn listed_names(
    gazetteer: &Gazetteer,
    tokens: &[Token<'_>],
    base: usize,
    matches: &[[Position; 3]],
    spans: &[Span],
) -> Vec<Span> {
    let mut out = Vec::new();
    for (k, &kind) in Kind::ALL.iter().enumerate() {
        let mut i = 0;
        while i < matches.len() {
            let len = match matches[i][k] {
                Position::Single => 1,
                Position::Begin => {
                    let mut j = i + 1;
                    while j < matches.len() && matches[j][k] == Position::Inside {
                        j += 1;
                    }
                    if j < matches.len() && matches[j][k] == Position::Last {
                        j + 1 - i
                    } else {
                        0
                    }
                }
                _ => 0,
            };
            if len == 0 {
                i += 1;
                continue;
            }
            let (first, last) = (base + i, base + i + len);
            i += len;
            let touched = spans
                .iter()
                .chain(&out)
                .any(|s| first < s.last && s.first < last);
            if touched {
                continue;
            }
            let words: Vec<&str> = tokens[first..last].iter().map(|t| t.text).collect();
            // A listed name with a postposition in it may be a phrase ("आज तक" is a channel,
            // and "until today"); the tagger, seeing the sentence, decides those.
            let phrase = words.iter().any(|w| gazetteer.is_postposition(w));
            if !phrase && gazetteer.checked_kind(&words) == Some(kind) {
                out.push(Span { first, last, kind });
            }
        }
    }
    out
}

/// A place whose name the next word makes an organisation's (दिल्ली नगर then निगम, भारत
/// then सरकार, दिल्ली then पुलिस): the span takes that head noun in and becomes the
/// organisation, unless the word starts a span of its own. A person stays a person ("ममता
/// बनर्जी सरकार" is still a mention of her). `spans` are one sentence's, in text order, and
/// `end` is where the sentence ends.
pub(super) fn join_org_heads(
    gazetteer: &Gazetteer,
    spans: &mut [Span],
    tokens: &[Token<'_>],
    end: usize,
) {
    for i in 0..spans.len() {
        let span = spans[i];
        let next_starts_a_span = spans.get(i + 1).is_some_and(|n| n.first == span.last);
        if span.kind == Kind::Place
            && span.last < end
            && !next_starts_a_span
            && gazetteer.is_org_head(tokens[span.last].text)
        {
            spans[i].last += 1;
            spans[i].kind = Kind::Organization;
        }
    }
}

/// `span` mended by the rules of this module: none when it is no name at all, one, or two
/// where brackets hold an abbreviation apart from the full name.
pub(super) fn mend(gazetteer: &Gazetteer, mut span: Span, tokens: &[Token<'_>]) -> Vec<Span> {
    drop_leading_titles(gazetteer, &mut span, tokens);
    take_initials_and_given_names(gazetteer, &mut span, tokens);
    drop_trailing_honorifics(&mut span, tokens);
    retype_by_head(gazetteer, &mut span, tokens);
    let mut out = Vec::new();
    for part in split_at_alias_words(span, tokens) {
        for mut part in split_glued_place(gazetteer, part, tokens) {
            trim_ordinary_words(gazetteer, &mut part, tokens);
            trim_place_units(gazetteer, &mut part, tokens);
            trim_unknown_word_before_listed_name(gazetteer, &mut part, tokens);
            if !never_a_name(gazetteer, part, tokens)
                && !is_junk(part, tokens)
                && !is_no_person(part, tokens)
            {
                out.extend(split_at_brackets(part, tokens));
            }
        }
    }
    out
}

/// A person's name keeps its initials and its first given name: the words before it
/// that are initials ("ए. के." before वर्मा, "एम एस" before धोनी) or a given name the lists
/// know and that is no ordinary word ("राम" before "प्रकाश गुप्ता") are taken in.
fn take_initials_and_given_names(gazetteer: &Gazetteer, span: &mut Span, tokens: &[Token<'_>]) {
    if span.kind != Kind::Person {
        return;
    }
    let mut given = 0;
    while span.first > 0 {
        let word = tokens[span.first - 1].text;
        let key = token_key(word);
        let office = gazetteer.key_is_title(&key)
            || gazetteer.key_is_designation(&key)
            || gazetteer.kinds_of(word) != 0;
        // आर के कांकने: a letter that is also a word is an initial after another initial.
        let after_initial = span.first >= 2 && is_initial(tokens[span.first - 2].text);
        let initial = !office
            && match word.strip_suffix('.') {
                Some(stem) => stem.split('.').all(is_initial),
                // "एस.ए.आर गिलानी": initials joined by stops, the last without one.
                None if word.contains('.') => word.split('.').all(is_initial),
                None => {
                    (is_initial(word) && (!AMBIGUOUS_INITIALS.contains(&word) || after_initial))
                        || is_initials(word)
                }
            };
        // "डॉ के. रंजन": के is "of" too, so the tokeniser ends a sentence at its stop, but
        // the postposition never ends a Hindi sentence; glued to its stop just before a
        // name, it is an initial.
        let initial_before_a_stop = word == "."
            && span.first >= 2
            && tokens[span.first - 2].text == "के"
            && tokens[span.first - 2].end == tokens[span.first - 1].start;
        if initial_before_a_stop {
            span.first -= 2;
            continue;
        }
        let given_name = given == 0
            && word.chars().count() > 2
            && gazetteer.key_is_first_name(&key)
            && !gazetteer.key_is_ordinary(&key)
            && !gazetteer.key_is_title(&key)
            && !gazetteer.key_is_designation(&key)
            && !gazetteer.key_is_postposition(&key)
            && gazetteer
                .checked_kind(&[word])
                .is_none_or(|k| k == Kind::Person);
        if initial {
            span.first -= 1;
        } else if given_name {
            span.first -= 1;
            given += 1;
        } else {
            break;
        }
    }
}

/// Two or three letters' names written as one word, as initials are (यूसी मनचंदा, पीपी
/// नावलेकर).
fn is_initials(word: &str) -> bool {
    fn parts(rest: &str, depth: usize) -> bool {
        if rest.is_empty() {
            return depth >= 2;
        }
        depth < 3
            && (1..=rest.len()).any(|end| {
                rest.is_char_boundary(end)
                    && LETTERS.contains(&&rest[..end])
                    && parts(&rest[end..], depth + 1)
            })
    }
    parts(word, 0)
}

/// Letters' names that may be glued into initials.
const LETTERS: &[&str] = &[
    "ए", "बी", "सी", "डी", "ई", "एफ", "जी", "एच", "आई", "जे", "के", "एल", "एम", "एन", "ओ", "पी",
    "आर", "एस", "टी", "यू", "वी",
];

/// Letters' names that are words too: without a full stop they are no initial.
const AMBIGUOUS_INITIALS: &[&str] = &["ए", "ई", "आई", "ओ", "के", "जी"];

/// Words that join two names of one person: "X उर्फ Y" (alias), "X ऊर्फ Y".
const ALIAS_WORDS: &[&str] = &["उर्फ", "ऊर्फ", "उर्फ़", "अर्थात"];

/// Honorifics written after a name (शर्मा जी, मुशर्रफ साहब), which are not part of it.
const TRAILING_HONORIFICS: &[&str] = &["जी", "साहब", "साहेब", "जीे"];

/// A person's name does not end in an honorific: "मुशर्रफ साहब" is मुशर्रफ.
fn drop_trailing_honorifics(span: &mut Span, tokens: &[Token<'_>]) {
    while span.kind == Kind::Person
        && span.last - span.first > 1
        && TRAILING_HONORIFICS.contains(&token_key(tokens[span.last - 1].text).as_str())
    {
        span.last -= 1;
    }
}

/// "X उर्फ Y" is two names of one person, never one name: the span is cut at the alias
/// word (see [`alias_of`] for how the two become one entity), and a span that ends in it
/// loses it.
fn split_at_alias_words(span: Span, tokens: &[Token<'_>]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut from = span.first;
    for (i, token) in tokens.iter().enumerate().take(span.last).skip(span.first) {
        if ALIAS_WORDS.contains(&token.text) {
            if i > from {
                out.push(Span {
                    first: from,
                    last: i,
                    ..span
                });
            }
            from = i + 1;
        }
    }
    if span.last > from {
        out.push(Span {
            first: from,
            ..span
        });
    }
    out
}

/// A person glued to the place after it ("सुरेश कुमार दुबई") or before it: a name of three
/// words or more whose last (first) word a hand-checked list knows as a place is the
/// person and the place.
fn split_glued_place(gazetteer: &Gazetteer, span: Span, tokens: &[Token<'_>]) -> Vec<Span> {
    // "डोईवाला लक्ष्मी राज चौहान": the place of a byline or a list before the person.
    if span.kind == Kind::Person
        && span.last - span.first >= 3
        && gazetteer.checked_kind(&[tokens[span.first].text]) == Some(Kind::Place)
        && !gazetteer.key_is_first_name(&token_key(tokens[span.first].text))
    {
        return vec![
            Span {
                last: span.first + 1,
                kind: Kind::Place,
                ..span
            },
            Span {
                first: span.first + 1,
                ..span
            },
        ];
    }
    if span.kind == Kind::Person
        && span.last - span.first >= 3
        && gazetteer.checked_kind(&[tokens[span.last - 1].text]) == Some(Kind::Place)
        && !gazetteer.key_is_surname(&token_key(tokens[span.last - 1].text))
    {
        return vec![
            Span {
                last: span.last - 1,
                ..span
            },
            Span {
                first: span.last - 1,
                kind: Kind::Place,
                ..span
            },
        ];
    }
    vec![span]
}

/// A person's name does not begin or end in an ordinary word glued to it ("…सिंह
/// मुकाबले", "कृषि देवेश चतुर्वेदी"): a word the annotated sets never saw in a name comes
/// off either edge, unless the lists know it as a given name (at the front) or a surname
/// (at the end).
fn trim_ordinary_words(gazetteer: &Gazetteer, span: &mut Span, tokens: &[Token<'_>]) {
    if span.kind != Kind::Person {
        return;
    }
    while span.last - span.first > 1 {
        let key = token_key(tokens[span.last - 1].text);
        if gazetteer.key_is_never_in_names(&key)
            && !gazetteer.key_is_surname(&key)
            && !gazetteer.key_is_name_part(&key)
        {
            span.last -= 1;
        } else {
            break;
        }
    }
    while span.last - span.first > 1 {
        let key = token_key(tokens[span.first].text);
        if gazetteer.key_is_never_in_names(&key)
            && !gazetteer.key_is_first_name(&key)
            && !gazetteer.key_is_name_part(&key)
        {
            span.first += 1;
        } else {
            break;
        }
    }
}

/// A word the lists know nothing of, glued before a one-word organisation they know
/// ("आउटलेट्स टीएएसएस"): the name is the listed one. A word that says whose it is (a place, an
/// adjective of nationality, a title) stays.
fn trim_unknown_word_before_listed_name(
    gazetteer: &Gazetteer,
    span: &mut Span,
    tokens: &[Token<'_>],
) {
    if span.kind != Kind::Organization || span.last - span.first != 2 {
        return;
    }
    let words: Vec<&str> = tokens[span.first..span.last]
        .iter()
        .map(|t| t.text)
        .collect();
    let key = token_key(words[0]);
    let unknown = gazetteer.kinds_of(words[0]) == 0
        && !DEMONYMS.contains(&key.as_str())
        && !PLACE_MODIFIERS.contains(&key.as_str())
        && !gazetteer.key_is_title(&key)
        && !gazetteer.key_is_designation(&key)
        && !gazetteer.key_is_org_head(&key)
        && !gazetteer.key_is_place_head(&key)
        && !gazetteer.key_is_generic(&key);
    let rest = token_key(words[1]);
    let a_name_by_itself = words.len() == 2
        && !gazetteer.key_is_org_head(&rest)
        && !gazetteer.key_is_place_head(&rest)
        && !gazetteer.key_is_generic(&rest)
        && !gazetteer.key_is_ordinary(&rest);
    if unknown && a_name_by_itself && gazetteer.checked_kind(&words[1..]) == Some(span.kind) {
        span.first += 1;
    }
}

/// Words after a place's name that say what kind of place it is, outside its name
/// ("खुंताना गांव", "केंद्रपाड़ा जिले", "तिरतोल पुलिस थाने", "फुजियान प्रांत"). Not क्षेत्र
/// (राष्ट्रीय राजधानी क्षेत्र) or काउंटी (हैरिसन काउंटी), which names carry.
const PLACE_UNITS: &[&str] = &[
    "गांव",
    "गाँव",
    "जिले",
    "जिला",
    "ज़िले",
    "ज़िला",
    "थाने",
    "थाना",
    "थानाक्षेत्र",
    "इलाके",
    "इलाका",
    "प्रांत",
    "प्रखंड",
    "प्रमंडल",
    "तहसील",
    "ब्लॉक",
    "मोहल्ले",
    "मोहल्ला",
];

/// Adjectives of direction before a city's name ("पूर्वी कायरो"): a part of the city, named
/// by the city.
const DIRECTIONS: &[&str] = &["पूर्वी", "पश्चिमी", "उत्तरी", "दक्षिणी"];

/// A place's name ends before a word that says what kind of place it is (and a पुलिस before
/// थाने), begins at a न्यू before it, and after an adjective of direction the lists do not
/// know as part of it.
fn trim_place_units(gazetteer: &Gazetteer, span: &mut Span, tokens: &[Token<'_>]) {
    if span.kind != Kind::Place {
        return;
    }
    let key = |i: usize| token_key(tokens[i].text);
    // "न्यू" (New) before a place is part of its name: न्यू ऑर्लियंस, न्यू जर्सी.
    if span.first > 0 && key(span.first - 1) == "न्यू" {
        span.first -= 1;
    }
    while span.last - span.first > 1 && PLACE_UNITS.contains(&key(span.last - 1).as_str()) {
        span.last -= 1;
        if span.last - span.first > 1 && key(span.last - 1) == "पुलिस" {
            span.last -= 1;
        }
    }
    let words =
        |first: usize| -> Vec<&str> { tokens[first..span.last].iter().map(|t| t.text).collect() };
    if span.last - span.first > 1
        && DIRECTIONS.contains(&key(span.first).as_str())
        && gazetteer.checked_kind(&words(span.first)).is_none()
        && gazetteer.checked_kind(&words(span.first + 1)) == Some(Kind::Place)
    {
        span.first += 1;
    }
}

/// Words that name a storm: the name beside one is the storm's, not a person's
/// ("तूफान कैटरीना", "कैटरीना तूफान").
const STORM_WORDS: &[&str] = &["तूफान", "तूफ़ान", "चक्रवात", "हरिकेन", "साइक्लोन", "चक्रवाती"];

/// A "person" that is initials only (टी वी, ओबीसी: letters, not a name), or a storm.
fn is_no_person(span: Span, tokens: &[Token<'_>]) -> bool {
    if span.kind != Kind::Person {
        return false;
    }
    let letters_only = tokens[span.first..span.last].iter().all(|t| {
        let word = t.text.trim_end_matches('.');
        word.split('.').all(|w| is_initial(w) || is_initials(w))
    });
    let beside = |i: Option<usize>| {
        i.and_then(|i| tokens.get(i))
            .is_some_and(|t| STORM_WORDS.contains(&t.text))
    };
    // Storms have one-word names (कैटरीना, अम्फान); "राष्ट्रपति डोनाल्ड ट्रंप तूफान प्रभावित
    // क्षेत्रों में" is a person beside the word.
    let storm = span.last - span.first == 1
        && (beside(span.first.checked_sub(1)) || beside(Some(span.last)));
    letters_only || storm
}

/// Junk that looks like a name: one word said twice (a slogan), or a phrase with a word of
/// time in it.
fn is_junk(span: Span, tokens: &[Token<'_>]) -> bool {
    let words: Vec<String> = tokens[span.first..span.last]
        .iter()
        .map(|t| token_key(t.text))
        .collect();
    let repeated = words.len() > 1 && words.iter().all(|w| *w == words[0]);
    repeated || words.iter().any(|w| super::time::is_calendar_word(w))
}

/// Words after a name that make it a place: "द्वारका में रहने वाले", "X निवासी", "X स्थित".
/// Not where a place follows निवासी: in "राकेश कुमार निवासी गांव रामपुर" (police style, "resident
/// of") the name before is the resident's.
fn place_follows(gazetteer: &Gazetteer, tokens: &[Token<'_>], at: usize) -> bool {
    let word = |i: usize| tokens.get(at + i).map_or("", |t| t.text);
    let residence_after = word(0) == "निवासी"
        && (PLACE_UNITS.contains(&word(1))
            || word(1) == "ग्राम"
            || gazetteer.checked_kind(&[word(1)]) == Some(Kind::Place));
    if residence_after {
        return false;
    }
    matches!(word(0), "निवासी" | "स्थित" | "निवासियों")
        || (matches!(word(0), "में" | "के" | "की")
            && matches!(word(1), "रहने" | "रहनेवाले" | "रहनेवाली")
            && matches!(word(2), "वाले" | "वाली" | "वालों" | ""))
}

/// Words before a name that make it a person: the father's or husband's name after पुत्र,
/// पुत्री, पत्नी.
fn person_precedes(tokens: &[Token<'_>], at: usize) -> bool {
    at > 0
        && matches!(
            tokens[at - 1].text,
            "पुत्र"
                | "पुत्री"
                | "पत्नी"
                | "पति"
                | "बेटे"
                | "बेटी"
                | "सुपुत्र"
        )
}

/// The kind the words around a span settle: "X में रहने वाले", "X निवासी" make a person
/// a place; "पुत्र X" makes a place a person.
pub(super) fn retype_by_context(gazetteer: &Gazetteer, span: &mut Span, tokens: &[Token<'_>]) {
    if span.kind == Kind::Person && place_follows(gazetteer, tokens, span.last) {
        span.kind = Kind::Place;
    } else if span.kind == Kind::Place
        && person_precedes(tokens, span.first)
        && !place_follows(gazetteer, tokens, span.last)
    {
        span.kind = Kind::Person;
    }
}

/// Heads that make a person's name part of an institution's or a place's: "गुरु नानक देव
/// विश्वविद्यालय", "राजीव गांधी अस्पताल", "इंदिरा चौक", "मंगल पांडेय रोड".
const INSTITUTION_HEADS: &[(&str, Kind)] = &[
    ("विश्वविद्यालय", Kind::Organization),
    ("यूनिवर्सिटी", Kind::Organization),
    ("अस्पताल", Kind::Organization),
    ("हॉस्पिटल", Kind::Organization),
    ("कॉलेज", Kind::Organization),
    ("कालेज", Kind::Organization),
    ("महाविद्यालय", Kind::Organization),
    ("विद्यालय", Kind::Organization),
    ("स्कूल", Kind::Organization),
    ("संस्थान", Kind::Organization),
    ("ट्रस्ट", Kind::Organization),
    ("फाउंडेशन", Kind::Organization),
    ("अकादमी", Kind::Organization),
    ("मेडिकल", Kind::Organization),
    ("ब्रिगेड", Kind::Organization),
    ("स्टेडियम", Kind::Place),
    ("चौक", Kind::Place),
    ("मार्ग", Kind::Place),
    ("रोड", Kind::Place),
    ("नगर", Kind::Place),
    ("पार्क", Kind::Place),
    ("भवन", Kind::Place),
    ("मार्केट", Kind::Place),
    ("कॉलोनी", Kind::Place),
    ("एयरपोर्ट", Kind::Place),
    ("हवाईअड्डा", Kind::Place),
    ("सेतु", Kind::Place),
    ("पथ", Kind::Place),
    ("घाट", Kind::Place),
];

/// A person's name followed by an institution's or a place's head noun is that
/// institution's or place's name ("राम मनोहर लोहिया अस्पताल"), and the person is no
/// separate entity; the span takes in the head and the next span of the same name (the
/// tagger often cuts "राम मनोहर | लोहिया अस्पताल"). `spans` are one sentence's, in order.
pub(super) fn join_institution_heads(spans: &mut Vec<Span>, tokens: &[Token<'_>], end: usize) {
    let head = |i: usize| {
        INSTITUTION_HEADS
            .iter()
            .find(|(h, _)| *h == tokens[i].text)
            .map(|&(_, k)| k)
    };
    let mut i = 0;
    while i < spans.len() {
        if spans[i].kind == Kind::Person {
            let mut kind = None;
            loop {
                let last = spans[i].last;
                if last < end
                    && let Some(k) = head(last)
                {
                    spans[i].last += 1;
                    kind = Some(k);
                    if spans.get(i + 1).is_some_and(|n| n.first <= last) {
                        let n = spans.remove(i + 1);
                        spans[i].last = spans[i].last.max(n.last);
                    }
                    continue;
                }
                match spans.get(i + 1).copied() {
                    Some(n) if n.first == last && n.kind != Kind::Person => {
                        if let Some(k) = head(n.last - 1) {
                            spans[i].last = n.last;
                            kind = Some(k);
                            spans.remove(i + 1);
                            continue;
                        }
                    }
                    _ => {}
                }
                break;
            }
            if let Some(k) = kind {
                spans[i].kind = k;
            }
        }
        i += 1;
    }
}

/// Pairs (alias, name) the text writes as "name उर्फ alias": two spans of a person with
/// the alias word between. `spans` are in text order.
pub(super) fn alias_of(spans: &[Span], tokens: &[Token<'_>]) -> Vec<(Span, Span)> {
    spans
        .windows(2)
        .filter_map(|pair| {
            let (name, alias) = (pair[0], pair[1]);
            (name.kind == Kind::Person
                && alias.kind == Kind::Person
                && alias.first == name.last + 1
                && ALIAS_WORDS.contains(&tokens[name.last].text))
            .then_some((alias, name))
        })
        .collect()
}

/// A one-word span that cannot be a name: a word that never names anything by itself
/// (डेंगू, युवती); the head noun of place names standing alone (नगर, कॉलोनी) as a person or
/// place, unless a hand-checked list knows it as a place's name; or, for a person, a title
/// (जनरल, प्रोफेसर, सीएम), a part of names that never stands for a person alone (सिंह,
/// मोहम्मद), or an organisation's head noun.
fn never_a_name(gazetteer: &Gazetteer, span: Span, tokens: &[Token<'_>]) -> bool {
    if span.last - span.first != 1 {
        return false;
    }
    let word = tokens[span.first].text;
    let key = token_key(word);
    let listed = gazetteer.checked_kind(&[word]).is_some();
    gazetteer.key_is_not_a_name(&key)
        // A word the annotated sets never saw in any name (ऐतिहासिक), unless listed.
        || (gazetteer.key_is_never_named(&key) && !listed)
        // An organisation's head noun alone is no place or person (ब्रिगेड).
        || (span.kind != Kind::Organization && gazetteer.key_is_org_head(&key) && !listed)
        || (span.kind != Kind::Organization
            && gazetteer.key_is_place_head(&key)
            && gazetteer.checked_kind(&[word]) != Some(Kind::Place))
        || (span.kind == Kind::Person
            && (gazetteer.key_is_title(&key)
                || gazetteer.key_is_designation(&key)
                || NOT_A_SHORT_NAME.contains(&key.as_str())
                || gazetteer.key_is_org_head(&key)))
}

/// A person's name never starts with a title or designation: "सीएम चौहान" is चौहान, so it
/// merges with शिवराज सिंह चौहान rather than standing as another person.
fn drop_leading_titles(gazetteer: &Gazetteer, span: &mut Span, tokens: &[Token<'_>]) {
    while span.kind == Kind::Person && span.last - span.first > 1 {
        let key = token_key(tokens[span.first].text);
        if !(gazetteer.key_is_title(&key) || gazetteer.key_is_designation(&key)) {
            break;
        }
        span.first += 1;
    }
}

/// Hindi names end in their head noun: a "person" of two words or more whose last word
/// ends place names (मिंटो ब्रिज, दामोदर नदी, मयूर विहार) is a place, and one whose last
/// word ends organisation names (… पार्टी, … आयोग) an organisation.
fn retype_by_head(gazetteer: &Gazetteer, span: &mut Span, tokens: &[Token<'_>]) {
    if span.kind != Kind::Person || span.last - span.first < 2 {
        return;
    }
    let head = tokens[span.last - 1].text;
    if gazetteer.is_place_head(head) {
        span.kind = Kind::Place;
    } else if gazetteer.is_org_head(head) {
        span.kind = Kind::Organization;
    }
}

/// A span that opens a bracket: "भारतीय अंतरिक्ष अनुसंधान संगठन ( इसरो" is the full name and,
/// inside the brackets, its abbreviation, two spans (see [`abbreviation_of`] for how they
/// become one entity); a short tag in brackets belongs to the name ("जनता दल ( यू )", closed
/// when the tagger left the bracket out); a bracket that never closes is cut off.
fn split_at_brackets(span: Span, tokens: &[Token<'_>]) -> Vec<Span> {
    let text = |i: usize| tokens[i].text;
    let Some(open) = (span.first + 1..span.last).find(|&i| text(i) == "(") else {
        return vec![span];
    };
    let before = Span { last: open, ..span };
    let end = tokens.len().min(span.last + 1);
    let Some(close) = (open + 1..end).find(|&i| text(i) == ")") else {
        return vec![before];
    };
    let inside = open + 1..close;
    if before.last - before.first >= 2
        && inside.len() == 1
        && text(inside.start).chars().count() >= 3
    {
        let abbreviation = Span {
            first: inside.start,
            last: inside.end,
            ..span
        };
        vec![before, abbreviation]
    } else {
        vec![Span {
            last: span.last.max(close + 1),
            ..span
        }]
    }
}

/// Pairs (abbreviation, full name) the text writes as "full name ( abbreviation )": spans
/// of one kind, the full name two words or more, the abbreviation one word. `spans` are
/// in text order.
pub(super) fn abbreviation_of(spans: &[Span], tokens: &[Token<'_>]) -> Vec<(Span, Span)> {
    spans
        .windows(2)
        .filter_map(|pair| {
            let (full, short) = (pair[0], pair[1]);
            let bracketed = short.first == full.last + 1
                && tokens[full.last].text == "("
                && tokens.get(short.last).is_some_and(|t| t.text == ")");
            (bracketed
                && full.kind == short.kind
                && full.last - full.first >= 2
                && short.last - short.first == 1)
                .then_some((short, full))
        })
        .collect()
}

#[cfg(test)]
mod tests;
