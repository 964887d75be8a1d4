//! What the span rules (`spans`) and merging (`entities`) share: a name's place among the
//! tokens, and the words that shape names — parts that never stand for a person alone,
//! adjectives of nationality, and modifiers that make a place another place.

use super::Kind;

/// A name found in the text: token range `[first, last)` and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub first: usize,
    pub last: usize,
    pub kind: Kind,
}

/// Words that can be part of a name but never stand alone for a person.
pub const NOT_A_SHORT_NAME: &[&str] = &[
    "श्री",
    "जी",
    "सिंह",
    "कुमार",
    "देवी",
    "लाल",
    "राम",
    "प्रसाद",
    "चंद",
    "चंद्र",
    "नाथ",
    "खान",
    "अली",
    "मोहम्मद",
    "मो.",
    "डॉ.",
    "भाई",
    "बाबू",
];

/// Adjectives of nationality: before an organisation's name they make it that country's
/// (पाकिस्तानी तालिबान is not the तालिबान of Afghanistan, अमेरिकी सेना not any सेना).
pub const DEMONYMS: &[&str] = &[
    "भारतीय",
    "पाकिस्तानी",
    "अफगान",
    "अफगानी",
    "अमेरिकी",
    "चीनी",
    "रूसी",
    "ब्रिटिश",
    "जापानी",
    "ईरानी",
    "इराकी",
    "सऊदी",
    "इजरायली",
    "इस्राइली",
    "फ्रांसीसी",
    "जर्मन",
    "नेपाली",
    "बांग्लादेशी",
    "श्रीलंकाई",
    "इतालवी",
    "कनाडाई",
    "ऑस्ट्रेलियाई",
    "यूरोपीय",
    "तुर्की",
    "मिस्री",
];

/// Whether one of two names is the other with a place modifier before it (ग्रेटर नोएडा
/// and नोएडा, नई दिल्ली and दिल्ली): two places, whatever a list of variants says.
pub fn modifier_differs(a: &str, b: &str) -> bool {
    let before = |x: &str, y: &str| {
        let (x, y): (Vec<&str>, Vec<&str>) = (x.split(' ').collect(), y.split(' ').collect());
        x.len() > y.len()
            && x.ends_with(&y)
            && x[..x.len() - y.len()]
                .iter()
                .any(|w| PLACE_MODIFIERS.contains(w))
    };
    before(a, b) || before(b, a)
}

/// Words before a place's name that make it another place: नई दिल्ली is not दिल्ली,
/// नवी मुंबई not मुंबई, उत्तर कोरिया not कोरिया.
pub const PLACE_MODIFIERS: &[&str] = &[
    "नई",
    "नयी",
    "नवी",
    "न्यू",
    "पुरानी",
    "पुराना",
    "ग्रेटर",
    "पूर्व",
    "पश्चिम",
    "उत्तर",
    "दक्षिण",
    "पूर्वी",
    "पश्चिमी",
    "उत्तरी",
    "दक्षिणी",
    "मध्य",
    "ईस्ट",
    "वेस्ट",
    "नॉर्थ",
    "साउथ",
];
