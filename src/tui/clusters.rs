//! Drawing for terminals that advance by grapheme cluster (mode 2027).
//!
//! There a Devanagari cluster such as `कि` takes one column, and khabar lays text out that
//! way (`crate::text::width`, [`Advance::Grapheme`]). ratatui's buffer and diff, though,
//! measure a cell's symbol with `unicode-width` (`कि` is 2) and would skip the cell after
//! it. So after a frame is drawn, [`encode`] swaps every cluster that is one column by
//! grapheme but wider by code point for a private-use stand-in that `unicode-width` counts
//! as 1, and [`ClusterBackend`] writes the real cluster in its place on the way out, moving
//! the cursor explicitly after each one so a terminal that advances differently still
//! cannot shift the rest of the row.
//!
//! In the code-point advance nothing here changes anything.
//!
//! [`Advance::Grapheme`]: crate::text::width::Advance::Grapheme

use std::collections::HashMap;
use std::io;
use std::sync::{LazyLock, Mutex, PoisonError};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Size};
use unicode_width::UnicodeWidthStr;

use crate::text::width::{Advance, cluster_width_by, legacy_pieces};

/// Private-use planes 15 and 16: 131,068 stand-ins, far more distinct clusters than a
/// session meets. Text that itself holds such characters is drawn as `�` in this mode.
const PLANE_15: u32 = 0xF0000;
const PLANE_15_LEN: u32 = 0xFFFE;
const PLANE_16: u32 = 0x10_0000;
const PLANE_16_LEN: u32 = 0xFFFE;

fn is_stand_in(c: char) -> bool {
    let c = c as u32;
    (PLANE_15..PLANE_15 + PLANE_15_LEN).contains(&c)
        || (PLANE_16..PLANE_16 + PLANE_16_LEN).contains(&c)
}

fn stand_in(index: usize) -> Option<char> {
    let index = u32::try_from(index).ok()?;
    let code = if index < PLANE_15_LEN {
        PLANE_15 + index
    } else if index < PLANE_15_LEN + PLANE_16_LEN {
        PLANE_16 + index - PLANE_15_LEN
    } else {
        return None;
    };
    char::from_u32(code)
}

/// Clusters and their stand-ins, both ways; entries are never reused, so a stand-in means
/// the same cluster in every frame (ratatui's diff compares frames by symbol).
#[derive(Default)]
struct StandIns {
    by_cluster: HashMap<String, char>,
    clusters: Vec<String>,
}

impl StandIns {
    fn get_or_add(&mut self, cluster: &str) -> Option<char> {
        if let Some(&c) = self.by_cluster.get(cluster) {
            return Some(c);
        }
        let c = stand_in(self.clusters.len())?;
        self.clusters.push(cluster.to_string());
        self.by_cluster.insert(cluster.to_string(), c);
        Some(c)
    }

    fn cluster(&self, c: char) -> Option<&str> {
        let code = c as u32;
        let index = if (PLANE_15..PLANE_15 + PLANE_15_LEN).contains(&code) {
            code - PLANE_15
        } else {
            code.checked_sub(PLANE_16)? + PLANE_15_LEN
        };
        self.clusters.get(index as usize).map(String::as_str)
    }
}

static STAND_INS: LazyLock<Mutex<StandIns>> = LazyLock::new(Mutex::default);

fn stand_ins() -> std::sync::MutexGuard<'static, StandIns> {
    STAND_INS.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Makes a frame drawn for a grapheme advance safe for ratatui's diff: each cluster that
/// takes one column by grapheme but more by code point becomes its stand-in. For the
/// legacy grapheme advance a conjunct is first cut into its pieces, one per column (the
/// columns after it are blank: it was laid out that wide).
pub fn encode(buf: &mut Buffer, advance: Advance) {
    if advance == Advance::LegacyGrapheme {
        cut_conjuncts(buf);
    }
    let mut stand_ins = stand_ins();
    for cell in buf.content.iter_mut() {
        let symbol = cell.symbol();
        if symbol.is_ascii() {
            continue;
        }
        if symbol.chars().any(is_stand_in) {
            cell.set_symbol("\u{fffd}");
            continue;
        }
        if symbol.width() > 1 && cluster_width_by(Advance::Grapheme, symbol) == 1 {
            match stand_ins.get_or_add(symbol) {
                Some(c) => cell.set_char(c),
                // Out of stand-ins: the cluster's first letter still takes its column.
                None => match symbol.chars().next() {
                    Some(c) => cell.set_char(c),
                    None => cell.set_symbol(" "),
                },
            };
        }
    }
}

/// Spreads each conjunct over the blank cells after it, a legacy piece per cell. One whose
/// following cells were drawn over (by an overlay) keeps only its first piece.
fn cut_conjuncts(buf: &mut Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let pieces: Vec<String> = legacy_pieces(buf[(x, y)].symbol())
                .map(str::to_string)
                .collect();
            if pieces.len() < 2 {
                continue;
            }
            let end = x.saturating_add(pieces.len() as u16);
            let room = end <= area.right() && (x + 1..end).all(|t| buf[(t, y)].symbol() == " ");
            if !room {
                buf[(x, y)].set_symbol(&pieces[0]);
                continue;
            }
            for (t, piece) in (x..end).zip(&pieces) {
                let style = buf[(x, y)].style();
                buf[(t, y)].set_symbol(piece).set_style(style);
            }
        }
    }
}

/// A ratatui backend that writes the clusters behind [`encode`]'s stand-ins, each followed
/// by an explicit cursor move; in the code-point advance it passes everything through.
pub struct ClusterBackend<B> {
    inner: B,
    advance: Advance,
}

impl<B: Backend> ClusterBackend<B> {
    pub fn new(inner: B) -> Self {
        ClusterBackend {
            inner,
            advance: Advance::Codepoint,
        }
    }

    /// Switches to drawing for `advance`; the next frame should be drawn whole.
    pub fn set_advance(&mut self, advance: Advance) {
        self.advance = advance;
    }

    #[cfg(test)]
    pub fn inner(&self) -> &B {
        &self.inner
    }
}

impl<B: Backend> Backend for ClusterBackend<B> {
    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        if self.advance == Advance::Codepoint {
            return self.inner.draw(content);
        }
        // Runs end after each decoded cluster: the next run starts with a cursor move.
        let mut run: Vec<(u16, u16, Cell)> = Vec::new();
        for (x, y, cell) in content {
            let decoded = {
                let stand_ins = stand_ins();
                let mut chars = cell.symbol().chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if is_stand_in(c) => stand_ins.cluster(c).map(|cluster| {
                        let mut real = cell.clone();
                        real.set_symbol(cluster);
                        real
                    }),
                    _ => None,
                }
            };
            let ends_run = decoded.is_some();
            run.push((x, y, decoded.unwrap_or_else(|| cell.clone())));
            if ends_run {
                self.inner.draw(run.iter().map(|(x, y, c)| (*x, *y, c)))?;
                run.clear();
            }
        }
        self.inner.draw(run.iter().map(|(x, y, c)| (*x, *y, c)))
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    #[test]
    fn stand_ins_cover_both_planes_and_stop_at_their_end() {
        assert_eq!(stand_in(0), Some('\u{F0000}'));
        assert_eq!(stand_in(0xFFFD), Some('\u{FFFFD}'));
        assert_eq!(stand_in(0xFFFE), Some('\u{100000}'));
        assert_eq!(stand_in(2 * 0xFFFE - 1), Some('\u{10FFFD}'));
        assert_eq!(stand_in(2 * 0xFFFE), None);
        for i in [0, 0xFFFD, 0xFFFE, 2 * 0xFFFE - 1] {
            let c = stand_in(i).expect("in range");
            assert!(is_stand_in(c));
            assert_eq!(c.to_string().width(), 1, "{c:?}");
        }
    }

    #[test]
    fn encoded_frames_measure_one_column_per_cluster_and_decode_back() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        for (x, s) in ["स्त्री", "कि", "a", "中", " ", " "].iter().enumerate() {
            buf[(x as u16, 0)].set_symbol(s);
        }
        encode(&mut buf, Advance::Grapheme);
        let symbols: Vec<&str> = buf.content.iter().map(Cell::symbol).collect();
        assert_eq!(symbols[2], "a");
        assert_eq!(symbols[3], "中", "two columns either way: left alone");
        for s in &symbols[..2] {
            assert_eq!(s.width(), 1);
        }
        let stand_ins = stand_ins();
        let decoded: Vec<&str> = symbols[..2]
            .iter()
            .map(|s| {
                stand_ins
                    .cluster(s.chars().next().expect("a char"))
                    .expect("known")
            })
            .collect();
        assert_eq!(decoded, vec!["स्त्री", "कि"]);
    }

    #[test]
    fn text_holding_stand_ins_is_drawn_as_replacement_characters() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 2, 1));
        buf.set_string(0, 0, "\u{F0000}x", Style::new());
        encode(&mut buf, Advance::Grapheme);
        assert_eq!(buf[(0, 0)].symbol(), "\u{fffd}");
        assert_eq!(buf[(1, 0)].symbol(), "x");
    }

    #[test]
    fn legacy_conjuncts_take_a_cell_per_piece() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        buf[(0, 0)].set_symbol("क्षि");
        buf[(2, 0)].set_symbol("a");
        buf[(3, 0)].set_symbol("स्त्री");
        buf[(4, 0)].set_symbol("x");
        encode(&mut buf, Advance::LegacyGrapheme);
        let stand_ins = stand_ins();
        let shown: Vec<String> = buf
            .content
            .iter()
            .map(|c| {
                let s = c.symbol();
                let first = s.chars().next().expect("a char");
                stand_ins.cluster(first).unwrap_or(s).to_string()
            })
            .collect();
        // स्त्री has no room (x is drawn after it): its first piece only.
        assert_eq!(shown, vec!["क्", "षि", "a", "स्", "x", " "]);
    }

    #[test]
    fn the_backend_writes_real_clusters() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 3, 1));
        buf[(0, 0)].set_symbol("कि");
        buf[(1, 0)].set_symbol("b");
        encode(&mut buf, Advance::Grapheme);
        let mut backend = ClusterBackend::new(TestBackend::new(3, 1));
        backend.set_advance(Advance::Grapheme);
        let cells: Vec<(u16, u16, &Cell)> = buf
            .content
            .iter()
            .enumerate()
            .map(|(i, c)| (i as u16, 0, c))
            .collect();
        backend.draw(cells.into_iter()).expect("draw");
        assert_eq!(backend.inner().buffer()[(0, 0)].symbol(), "कि");
        assert_eq!(backend.inner().buffer()[(1, 0)].symbol(), "b");
    }
}
