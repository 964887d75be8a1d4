//! The library's ids and offsets, small and typed: an article, a folder entity and a
//! folder event are each numbered in their own store ([`Library::articles`],
//! [`Library::entities`], [`Library::timeline`]), so one cannot be taken for another, and a
//! folder of 100,000 articles keeps millions of them in four bytes each.
//!
//! [`Library::articles`]: super::Library::articles
//! [`Library::entities`]: super::Library::entities
//! [`Library::timeline`]: super::Library::timeline

use crate::extract::Mention;

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(pub u32);

        impl $name {
            /// The id of the `index`th item of its store. A store never holds more than
            /// `u32::MAX` items (the library stops adding before that).
            pub fn new(index: usize) -> $name {
                $name(u32::try_from(index).unwrap_or(u32::MAX))
            }

            /// Its place in its store.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id!(
    /// An article of the library: an index into [`super::Library::articles`] (articles are
    /// numbered in path order).
    ArticleId
);
id!(
    /// A person, place or organisation across the folder: an index into
    /// [`super::Library::entities`].
    EntityId
);
id!(
    /// An entry of the folder timeline: an index into [`super::Library::timeline`].
    EventId
);

/// Where a mention is in an article's body, as byte offsets. Its text is the body's: a
/// folder of 100,000 articles has millions of mentions, so the library keeps only this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn of(mention: &Mention) -> Span {
        Span::new(mention.start, mention.end)
    }

    /// The span of body bytes `start..end` (offsets past 4 GiB, which no article reaches,
    /// are cut to its end).
    pub fn new(start: usize, end: usize) -> Span {
        let cut = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Span {
            start: cut(start),
            end: cut(end),
        }
    }

    /// Its start, as an offset into the body.
    pub fn start(self) -> usize {
        self.start as usize
    }

    /// Its end, as an offset into the body.
    pub fn end(self) -> usize {
        self.end as usize
    }
}

/// The part of `list` that starts at `first` and holds `count` items, as the library's
/// compact records name a part of a shared list; empty if it lies outside.
pub(super) fn part<T>(list: &[T], first: u32, count: u32) -> &[T] {
    let first = first as usize;
    list.get(first..first.saturating_add(count as usize))
        .unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_four_bytes_and_give_back_their_index() {
        assert_eq!(std::mem::size_of::<ArticleId>(), 4);
        assert_eq!(std::mem::size_of::<Option<EntityId>>(), 8);
        assert_eq!(EventId::new(7).index(), 7);
        assert!(EntityId::new(2) < EntityId::new(10));
        assert_eq!(ArticleId::new(usize::MAX), ArticleId(u32::MAX));
    }

    #[test]
    fn a_span_is_two_u32s() {
        assert_eq!(std::mem::size_of::<Span>(), 8);
        let m = Mention {
            start: 3,
            end: 9,
            text: String::new(),
        };
        let s = Span::of(&m);
        assert_eq!((s.start(), s.end()), (3, 9));
    }
}
