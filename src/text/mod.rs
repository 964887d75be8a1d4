//! Text layout for Devanagari in a terminal: cluster widths, wrapping, document layout,
//! search folding, many short texts searched at once, and the syllable model behind
//! transliteration and romanised search.
//! Pure functions; nothing here knows about the terminal.

pub mod chars;
pub mod fold;
pub mod haystack;
pub mod layout;
pub mod plain;
pub mod romanize;
pub mod syllable;
pub mod width;
pub mod wrap;

pub use layout::{Layout, Row};
pub use width::{cluster_width, str_width, truncate};
pub use wrap::{LineSpan, wrap};
