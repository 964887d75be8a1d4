//! Laying out a document of blocks (title, dateline, paragraphs) into screen rows, with one
//! blank row between blocks. Rows point back into the block text, so highlights and scroll
//! positions survive a reflow.

use super::width::Advance;
use super::wrap::{LineSpan, Measured, wrap_measured};

/// One screen row of a laid-out document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A line of block `block`.
    Text { block: usize, line: LineSpan },
    /// The blank row between two blocks.
    Gap,
}

/// A document laid out at one width.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    pub width: usize,
    pub rows: Vec<Row>,
}

impl Layout {
    /// Lays out `blocks` at `width` columns of a terminal that advances by `advance`;
    /// empty blocks take no rows.
    pub fn new<S: AsRef<str>>(blocks: &[S], width: usize, advance: Advance) -> Layout {
        let measured: Vec<Measured> = blocks
            .iter()
            .map(|b| Measured::new(b.as_ref(), advance))
            .collect();
        Layout::measured(blocks, &measured, width)
    }

    /// Lays out `blocks`, measured once as `measured` (one per block), at `width` columns:
    /// what a resize does, choosing the breaks again without measuring the text again.
    pub fn measured<S: AsRef<str>>(blocks: &[S], measured: &[Measured], width: usize) -> Layout {
        let mut rows = Vec::new();
        for (block, (text, measured)) in blocks.iter().zip(measured).enumerate() {
            let lines = wrap_measured(text.as_ref(), measured, width);
            if lines.is_empty() {
                continue;
            }
            if !rows.is_empty() {
                rows.push(Row::Gap);
            }
            rows.extend(lines.into_iter().map(|line| Row::Text { block, line }));
        }
        Layout { width, rows }
    }

    /// The first row showing byte `offset` of `block` (or the nearest before it).
    pub fn row_of(&self, block: usize, offset: usize) -> Option<usize> {
        let mut best = None;
        for (i, row) in self.rows.iter().enumerate() {
            if let Row::Text { block: b, line } = row {
                if *b == block && line.start <= offset {
                    best = Some(i);
                } else if *b > block || (*b == block && line.start > offset) {
                    break;
                }
            }
        }
        best
    }

    /// The block and byte offset a row starts at (a gap counts as the next block's start).
    pub fn anchor_of(&self, row: usize) -> Option<(usize, usize)> {
        self.rows[row.min(self.rows.len().saturating_sub(1))..]
            .iter()
            .find_map(|r| match r {
                Row::Text { block, line } => Some((*block, line.start)),
                Row::Gap => None,
            })
    }

    /// The layout as text, one row per line: what the reader would show.
    pub fn to_text<S: AsRef<str>>(&self, blocks: &[S]) -> String {
        self.rows
            .iter()
            .map(|r| match r {
                Row::Text { block, line } => &blocks[*block].as_ref()[line.start..line.end],
                Row::Gap => "",
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_separated_by_one_blank_row() {
        let blocks = ["शीर्षक", "", "पहला अनुच्छेद यहां", "दूसरा"];
        let layout = Layout::new(&blocks, 10, Advance::Codepoint);
        assert_eq!(layout.to_text(&blocks), "शीर्षक\n\nपहला अनुच्छेद\nयहां\n\nदूसरा");
    }

    #[test]
    fn anchors_survive_a_reflow() {
        let blocks = ["एक दो तीन चार पांच छह सात आठ नौ दस"];
        let narrow = Layout::new(&blocks, 8, Advance::Codepoint);
        let (block, offset) = narrow.anchor_of(3).expect("row 3");
        let wide = Layout::new(&blocks, 20, Advance::Codepoint);
        let row = wide.row_of(block, offset).expect("found");
        assert!(
            matches!(wide.rows[row], Row::Text { line, .. } if line.start <= offset && offset < line.end)
        );
    }
}
