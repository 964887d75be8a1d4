//! A screen as a terminal in grapheme mode (mode 2027: Ghostty, WezTerm, foot, Contour)
//! shows the bytes khabar writes: each grapheme cluster advances the cursor by the width of
//! its first character, so a Devanagari cluster takes one column. With
//! `Advance::LegacyGrapheme`, clusters are cut as before Unicode 15.1 (at each virama), as
//! foot 1.13 does. vt100 advances by code point, so it cannot show either.
//!
//! It knows what ratatui's crossterm backend writes: text, cursor moves (`CSI row;col H`),
//! erasing (`CSI 2 J`, `CSI K`); every other escape sequence is skipped.

use khabar::text::width::{Advance, cluster_width_by, legacy_pieces};
use unicode_segmentation::UnicodeSegmentation;

pub struct GraphemeScreen {
    cols: usize,
    /// Each row's cells: a cluster, `""` for the columns a wide cluster covers.
    cells: Vec<Vec<String>>,
    x: usize,
    y: usize,
    advance: Advance,
}

impl GraphemeScreen {
    pub fn new(cols: u16, rows: u16, advance: Advance) -> Self {
        GraphemeScreen {
            advance,
            cols: cols as usize,
            cells: vec![vec![" ".to_string(); cols as usize]; rows as usize],
            x: 0,
            y: 0,
        }
    }

    /// The screen after all of `bytes`.
    pub fn replay(cols: u16, rows: u16, advance: Advance, bytes: &[u8]) -> Self {
        let mut screen = GraphemeScreen::new(cols, rows, advance);
        screen.process(bytes);
        screen
    }

    pub fn process(&mut self, bytes: &[u8]) {
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == 0x1b {
                i = self.escape(bytes, i);
                continue;
            }
            let end = bytes[i..]
                .iter()
                .position(|&b| b == 0x1b)
                .map_or(bytes.len(), |n| i + n);
            let text = String::from_utf8_lossy(&bytes[i..end]).into_owned();
            self.print(&text);
            i = end;
        }
    }

    /// Handles the escape sequence at `at`; returns where the next one starts.
    fn escape(&mut self, bytes: &[u8], at: usize) -> usize {
        match bytes.get(at + 1) {
            Some(b'[') => {
                let start = at + 2;
                let Some(len) = bytes[start..]
                    .iter()
                    .position(|b| (0x40..=0x7e).contains(b))
                else {
                    return bytes.len();
                };
                let params = String::from_utf8_lossy(&bytes[start..start + len]).into_owned();
                self.csi(&params, bytes[start + len]);
                start + len + 1
            }
            Some(b']') => {
                // OSC: up to BEL or ST.
                let mut j = at + 2;
                while j < bytes.len() {
                    if bytes[j] == 0x07 {
                        return j + 1;
                    }
                    if bytes[j] == 0x1b && bytes.get(j + 1) == Some(&b'\\') {
                        return j + 2;
                    }
                    j += 1;
                }
                bytes.len()
            }
            Some(_) => at + 2,
            None => bytes.len(),
        }
    }

    fn csi(&mut self, params: &str, final_byte: u8) {
        let numbers: Vec<usize> = params.split(';').map(|p| p.parse().unwrap_or(0)).collect();
        let rows = self.cells.len();
        match final_byte {
            b'H' if !params.starts_with('?') => {
                let row = numbers.first().copied().unwrap_or(1).max(1);
                let col = numbers.get(1).copied().unwrap_or(1).max(1);
                self.y = (row - 1).min(rows - 1);
                self.x = (col - 1).min(self.cols);
            }
            b'J' if numbers.first() == Some(&2) => {
                for row in &mut self.cells {
                    row.iter_mut().for_each(|c| *c = " ".into());
                }
            }
            b'K' => {
                let from = if numbers.first() == Some(&2) {
                    0
                } else {
                    self.x
                };
                let row = &mut self.cells[self.y];
                row[from.min(self.cols)..]
                    .iter_mut()
                    .for_each(|c| *c = " ".into());
            }
            _ => {}
        }
    }

    fn print(&mut self, text: &str) {
        for g in text.graphemes(true) {
            match g {
                "\r" => self.x = 0,
                "\n" | "\r\n" => self.y = (self.y + 1).min(self.cells.len() - 1),
                _ if g.chars().any(char::is_control) => {}
                _ if self.advance == Advance::LegacyGrapheme => {
                    for piece in legacy_pieces(g) {
                        self.put(piece);
                    }
                }
                _ => self.put(g),
            }
        }
    }

    /// Puts one cluster at the cursor and moves the cursor past it.
    fn put(&mut self, g: &str) {
        let w = cluster_width_by(Advance::Grapheme, g);
        if w == 0 || self.x + w > self.cols {
            return;
        }
        let row = &mut self.cells[self.y];
        row[self.x] = g.to_string();
        for cell in &mut row[self.x + 1..self.x + w] {
            *cell = String::new();
        }
        self.x += w;
    }

    /// Row `y` as text.
    pub fn row(&self, y: usize) -> String {
        self.cells[y].concat()
    }

    /// The cluster in column `x` of row `y`.
    pub fn cell(&self, x: usize, y: usize) -> &str {
        &self.cells[y][x]
    }

    pub fn rows(&self) -> usize {
        self.cells.len()
    }

    pub fn text(&self) -> String {
        (0..self.rows())
            .map(|y| self.row(y))
            .collect::<Vec<_>>()
            .join("\n")
    }
}
