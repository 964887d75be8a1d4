//! Extraction: the people, places and organisations an article mentions (and, later, the
//! dates it gives). Pure: text in, entities out.
//!
//! - [`tokenize`]: words and punctuation with byte offsets;
//! - [`gazetteer`]: lists of known names (countries, states, cities, organisations, agencies,
//!   people) from `assets/gazetteers`;
//! - [`tagger`]: the statistical tagger (averaged perceptron over word, affix, gazetteer and
//!   cue features) that labels tokens with BIO tags;
//! - [`spans`]: tags to name spans, mended where titles, head nouns, brackets and the
//!   hand-checked lists settle what the tagger got wrong;
//! - [`entities`]: spans to entities, with aliases merged within an article.

pub mod entities;
pub mod gazetteer;
pub mod names;
pub mod report;
mod spans;
pub mod tagger;
pub mod time;
pub mod tokenize;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use entities::{Entity, Mention};
use gazetteer::Gazetteer;
use tagger::{ModelError, Tagger};
use tokenize::{sentences, tokenize};

use chrono::NaiveDate;

use crate::article::Article;
use crate::text::fold::fold;

/// The confidence of a name the hand-checked lists know where the tagger found none.
const LISTED_CONFIDENCE: f32 = 0.7;
/// The confidence of the dateline's place.
const DATELINE_CONFIDENCE: f32 = 0.9;
/// Below this, an entity mentioned once is left out.
const MIN_CONFIDENCE: f32 = 0.35;

/// Everything extraction needs, loaded once: the tagger's model and the gazetteers.
#[derive(Clone, Copy)]
pub struct Extractor {
    tagger: &'static Tagger,
    gazetteer: &'static Gazetteer,
}

impl std::fmt::Debug for Extractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Extractor")
    }
}

impl Extractor {
    /// The model and gazetteers shipped inside the binary.
    pub fn embedded() -> Result<Extractor, ModelError> {
        Ok(Extractor {
            tagger: Tagger::embedded()?,
            gazetteer: Gazetteer::embedded(),
        })
    }

    pub fn gazetteer(&self) -> &'static Gazetteer {
        self.gazetteer
    }

    /// Everything extraction finds in an article: its entities, then its timeline resolved
    /// against [`reference_date`]`(article, given)`. The body is built once and returned.
    pub fn extract(&self, article: &Article, given: Option<NaiveDate>) -> Extraction {
        let body = article.body();
        let tokens = self.tokens(&body);
        let folded = entities::fold_tokens(&tokens);
        let entities = self.article_entities(article, &body, &tokens, &folded);
        let reference = reference_date(article, given);
        let timeline = time::timeline_of_folded(&body, &tokens, &folded, reference, &entities);
        Extraction {
            body,
            reference,
            entities,
            timeline,
        }
    }

    /// An article's entities: those its body mentions, and the dateline's places and news
    /// agency (with no body mentions when the body never names them).
    fn article_entities(
        &self,
        article: &Article,
        body: &str,
        tokens: &[tokenize::Token<'_>],
        folded: &[std::borrow::Cow<'_, str>],
    ) -> Vec<Entity> {
        let mut found = self.entities_of_folded(body, tokens, folded);
        let Some(dateline) = article.dateline.as_ref() else {
            return found;
        };
        let credited = dateline
            .places()
            .into_iter()
            .map(|p| (p, Kind::Place))
            .chain(
                dateline
                    .news_agencies()
                    .into_iter()
                    .map(|a| (a, Kind::Organization)),
            );
        for (name, kind) in credited {
            let key = fold(name);
            let known = found
                .iter()
                .any(|e| fold(&e.name) == key || e.aliases.iter().any(|a| fold(a) == key));
            if !known {
                let at = found
                    .iter()
                    .position(|e| e.kind > kind || (e.kind == kind && e.mentions.is_empty()))
                    .unwrap_or(found.len());
                found.insert(
                    at,
                    Entity {
                        name: name.to_string(),
                        kind,
                        aliases: Vec::new(),
                        mentions: Vec::new(),
                        confidence: DATELINE_CONFIDENCE,
                        titles: Vec::new(),
                    },
                );
            }
        }
        found
    }

    /// The people, places and organisations `body` mentions, aliases merged; offsets are
    /// byte offsets into `body`.
    pub fn entities(&self, body: &str) -> Vec<Entity> {
        self.entities_of_tokens(body, &self.tokens(body))
    }

    /// The tokens of `text` as extraction reads them: [`tokenize`], with a hyphenated pair
    /// of places the lists know ("भारत-चीन", "रूस-यूक्रेन"), or of one they know and a word
    /// that may be a place ("टोकियो-याकोहामा"), split into the two places and
    /// the hyphen, so that each is a mention of its own and the pair no third place.
    pub fn tokens<'a>(&self, text: &'a str) -> Vec<tokenize::Token<'a>> {
        let mut tokens = tokenize(text);
        if !tokens.iter().any(|t| t.text.contains('-')) {
            return tokens;
        }
        let mut out = Vec::with_capacity(tokens.len() + 4);
        // Reused for each hyphenated token; a token without a hyphen is passed on as it is
        // (most of them: looking each up as a pair cost a vector per token).
        let mut parts: Vec<&str> = Vec::new();
        for t in tokens.drain(..) {
            if !t.text.contains('-') {
                out.push(t);
                continue;
            }
            parts.clear();
            parts.extend(t.text.split('-'));
            let listed = |p: &str| self.gazetteer.checked_kind(&[p]) == Some(Kind::Place);
            let places = parts.len() > 1
                && (parts.iter().all(|p| !p.is_empty() && listed(p))
                    || (parts.len() == 2
                        && parts.iter().any(|p| listed(p))
                        && parts.iter().all(|p| self.may_be_a_place(p))));
            if !places || self.gazetteer.checked_kind(&[t.text]).is_some() {
                out.push(t);
                continue;
            }
            let mut at = t.start;
            for (i, part) in parts.iter().enumerate() {
                if i > 0 {
                    out.push(tokenize::Token {
                        text: &text[at..at + 1],
                        start: at,
                        end: at + 1,
                    });
                    at += 1;
                }
                out.push(tokenize::Token {
                    text: &text[at..at + part.len()],
                    start: at,
                    end: at + part.len(),
                });
                at += part.len();
            }
        }
        out
    }

    /// Whether `word`, one side of a hyphenated pair whose other side is a listed place
    /// ("टोकियो-याकोहामा", "कोटद्वार-भाबर"), may be a place's name too: a word of two letters
    /// or more that is no ordinary word, postposition or known name of another kind.
    fn may_be_a_place(&self, word: &str) -> bool {
        let key = gazetteer::token_key(word);
        let kinds = self.gazetteer.kinds_of(word);
        word.chars().nth(1).is_some()
            && word
                .chars()
                .all(|c| matches!(c, '\u{900}'..='\u{963}' | '\u{971}'..='\u{97f}'))
            && !self.gazetteer.key_is_ordinary(&key)
            && !self.gazetteer.key_is_postposition(&key)
            && !self.gazetteer.key_is_never_named(&key)
            && !self.gazetteer.key_is_not_a_name(&key)
            && (kinds == 0 || self.gazetteer.kind_of(word) == Some(Kind::Place))
    }

    /// [`Extractor::entities`] from the tokens of `body` (as [`tokenize`] gives them).
    pub fn entities_of_tokens(&self, body: &str, tokens: &[tokenize::Token<'_>]) -> Vec<Entity> {
        self.entities_of_folded(body, tokens, &entities::fold_tokens(tokens))
    }

    /// [`Extractor::entities_of_tokens`] given each token folded
    /// ([`entities::fold_tokens`]), which the timeline reads too.
    fn entities_of_folded(
        &self,
        body: &str,
        tokens: &[tokenize::Token<'_>],
        folded: &[std::borrow::Cow<'_, str>],
    ) -> Vec<Entity> {
        let mut found = Vec::new();
        // Each token's confidence as part of a name found where it stands (0 elsewhere).
        let mut sure = vec![0.0f32; tokens.len()];
        for sentence in sentences(body, tokens) {
            let words: Vec<&str> = tokens[sentence.clone()].iter().map(|t| t.text).collect();
            let (tags, matches, margins) = self.tagger.tag_with_margins(&words);
            for (i, m) in margins.iter().enumerate() {
                sure[sentence.start + i] = tagger::confidence_of_margin(*m);
            }
            let mut tagged = spans::spans_of(&tags, sentence.start);
            spans::join_org_heads(self.gazetteer, &mut tagged, tokens, sentence.end);
            spans::join_institution_heads(&mut tagged, tokens, sentence.end);
            let listed =
                spans::listed_names(self.gazetteer, tokens, sentence.start, &matches, &tagged);
            for span in tagged {
                for mut span in spans::mend(self.gazetteer, span, tokens) {
                    spans::retype_by_context(self.gazetteer, &mut span, tokens);
                    found.push(span);
                }
            }
            for span in &listed {
                for c in &mut sure[span.first..span.last] {
                    *c = c.max(LISTED_CONFIDENCE);
                }
            }
            found.extend(listed);
        }
        let mut entities = entities::merge_folded(self.gazetteer, body, tokens, folded, &found);
        self.weigh(&mut entities, tokens, &sure);
        entities
    }

    /// Gives each entity its confidence (one minus the chance that every mention found
    /// where it stands is wrong; mentions found by spreading a name add nothing) and the
    /// titles before its mentions, and drops an entity mentioned once with little
    /// confidence: a single doubtful guess is not worth a line in the sidebar.
    fn weigh(&self, entities: &mut Vec<Entity>, tokens: &[tokenize::Token<'_>], sure: &[f32]) {
        let index_at = |byte: usize| tokens.partition_point(|t| t.start < byte);
        for e in entities.iter_mut() {
            let mut doubt = 1.0f32;
            let mut titles: Vec<String> = Vec::new();
            for m in &e.mentions {
                let (first, last) = (index_at(m.start), index_at(m.end));
                let c = sure[first..last.max(first)]
                    .iter()
                    .copied()
                    .fold(0.0f32, f32::max);
                doubt *= 1.0 - c;
                if let Some(before) = first.checked_sub(1) {
                    let key = gazetteer::token_key(tokens[before].text);
                    let titled = self.gazetteer.key_is_title(&key)
                        || self.gazetteer.key_is_designation(&key);
                    if titled && !titles.contains(&key) {
                        titles.push(key);
                    }
                }
            }
            e.confidence = ((1.0 - doubt) * 100.0).round() / 100.0;
            e.titles = titles;
        }
        entities.retain(|e| e.mentions.len() > 1 || e.confidence >= MIN_CONFIDENCE);
    }
}

/// The date an article's relative expressions resolve against: the article's own date
/// when it gives one; else `given` (`--ref-date`); else the dateline's day and month with
/// the inferred year.
pub fn reference_date(article: &Article, given: Option<NaiveDate>) -> Option<NaiveDate> {
    match article.date {
        Some(d) if !d.inferred => Some(d.date),
        inferred => given.or(inferred.map(|d| d.date)),
    }
}

/// What [`Extractor::extract`] found in one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Extraction {
    /// [`Article::body`], which all offsets point into.
    pub body: String,
    /// The date relative expressions were resolved against.
    pub reference: Option<NaiveDate>,
    pub entities: Vec<Entity>,
    pub timeline: Vec<time::TimelineEntry>,
}

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Person,
    Place,
    #[serde(rename = "organization")]
    Organization,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Person, Kind::Place, Kind::Organization];

    /// The CoNLL label: `PER`, `LOC`, `ORG`.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Person => "PER",
            Kind::Place => "LOC",
            Kind::Organization => "ORG",
        }
    }

    /// Reads a CoNLL label in any of the schemes the data sets use: `PER`/`LOC`/`ORG`,
    /// HiNER's `PERSON`/`LOCATION`/`ORGANIZATION`, IL-NER's `NEP`/`NEL`/`NEO`. Other labels
    /// (IL-NER's numbers and times) are not entities here.
    pub fn from_label(label: &str) -> Option<Kind> {
        match label {
            "PER" | "PERSON" | "NEP" => Some(Kind::Person),
            "LOC" | "LOCATION" | "NEL" | "GPE" => Some(Kind::Place),
            "ORG" | "ORGANIZATION" | "ORGANISATION" | "NEO" => Some(Kind::Organization),
            _ => None,
        }
    }
}

/// A BIO tag over the three kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    O,
    B(Kind),
    I(Kind),
}

impl Tag {
    /// Every tag, in a fixed order (used as an index by the tagger).
    pub const ALL: [Tag; 7] = [
        Tag::O,
        Tag::B(Kind::Person),
        Tag::I(Kind::Person),
        Tag::B(Kind::Place),
        Tag::I(Kind::Place),
        Tag::B(Kind::Organization),
        Tag::I(Kind::Organization),
    ];

    pub fn index(self) -> usize {
        match self {
            Tag::O => 0,
            Tag::B(Kind::Person) => 1,
            Tag::I(Kind::Person) => 2,
            Tag::B(Kind::Place) => 3,
            Tag::I(Kind::Place) => 4,
            Tag::B(Kind::Organization) => 5,
            Tag::I(Kind::Organization) => 6,
        }
    }

    /// `O`, `B-PER`, `I-LOC`…
    pub fn to_conll(self) -> String {
        match self {
            Tag::O => "O".to_string(),
            Tag::B(k) => format!("B-{}", k.label()),
            Tag::I(k) => format!("I-{}", k.label()),
        }
    }

    /// Reads `B-PERSON`, `I-NEL`, `O`…; a label of another kind (IL-NER's `B-NETI`) is `O`.
    pub fn from_conll(s: &str) -> Tag {
        let Some((bio, label)) = s.split_once('-') else {
            return Tag::O;
        };
        match (bio, Kind::from_label(label)) {
            ("B", Some(k)) => Tag::B(k),
            ("I", Some(k)) => Tag::I(k),
            _ => Tag::O,
        }
    }
}
