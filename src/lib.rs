//! khabar: a terminal reader for Hindi news that works offline.
//!
//! - [`allocator`]: what the binaries tell the allocator;
//! - [`article`]: the article model and loading folders of `.txt`, `.json`, `.jsonl` files;
//! - [`text`]: grapheme clusters, display widths, wrapping and search folding;
//! - [`aside`]: where a damaged file khabar keeps is set aside;
//! - [`state`]: what the reader remembers between runs (read marks, positions);
//! - [`extract`]: people, places and organisations in an article;
//! - [`library`]: the folder as a whole: entities linked across articles, one timeline;
//! - `tui`: the reader itself, the only part that touches the terminal.

pub mod allocator;
pub mod article;
pub mod aside;
pub mod export;
pub mod extract;
pub mod fetch;
pub mod library;
pub mod state;
pub mod text;
pub mod tui;
