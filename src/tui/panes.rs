//! Where each pane goes for a terminal size. Used by `update` (to wrap text to the reader's
//! width and page by its height) and by `view` (to draw), so both always agree.

use ratatui::layout::Rect;

use super::action::Focus;

/// Smallest usable terminal.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// Columns between the reader's border and its text, on each side.
pub const READER_PADDING: u16 = 1;

/// The screen's panes; a pane that does not fit at this width is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub sidebar: Option<Rect>,
    pub status: Rect,
    pub too_small: bool,
}

impl Panes {
    /// Wide screens show all three panes; medium ones the reader beside the list (or the
    /// sidebar, when it has the focus); narrow ones only the focused pane.
    pub fn compute(width: u16, height: u16, focus: Focus) -> Panes {
        let full = Rect::new(0, 0, width, height);
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return Panes {
                status: full,
                too_small: true,
                ..Panes::default()
            };
        }
        let main = Rect::new(0, 0, width, height - 1);
        let status = Rect::new(0, height - 1, width, 1);
        let mut panes = Panes {
            status,
            ..Panes::default()
        };
        if width >= 110 {
            let list_w = (width * 28 / 100).clamp(28, 44);
            let side_w = (width * 22 / 100).clamp(24, 36);
            let reader_w = width - list_w - side_w;
            panes.list = Some(Rect::new(0, 0, list_w, main.height));
            panes.reader = Some(Rect::new(list_w, 0, reader_w, main.height));
            panes.sidebar = Some(Rect::new(list_w + reader_w, 0, side_w, main.height));
        } else if width >= 72 {
            let left_w = (width * 35 / 100).clamp(24, 36);
            let left = Rect::new(0, 0, left_w, main.height);
            if focus.in_sidebar() {
                panes.sidebar = Some(left);
            } else {
                panes.list = Some(left);
            }
            panes.reader = Some(Rect::new(left_w, 0, width - left_w, main.height));
        } else {
            match focus {
                Focus::List => panes.list = Some(main),
                Focus::Reader => panes.reader = Some(main),
                Focus::Entities | Focus::Timeline => panes.sidebar = Some(main),
            }
        }
        panes
    }

    /// Columns available to the article text inside the reader pane.
    pub fn reader_text_width(&self) -> Option<usize> {
        self.reader
            .map(|r| r.width.saturating_sub(2 + 2 * READER_PADDING).max(1) as usize)
    }

    /// Rows available to the article text inside the reader pane.
    pub fn reader_text_height(&self) -> Option<usize> {
        self.reader
            .map(|r| r.height.saturating_sub(2).max(1) as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_tile_the_screen_without_overlap() {
        for width in [40u16, 60, 72, 100, 110, 200] {
            for focus in [Focus::List, Focus::Reader, Focus::Entities, Focus::Timeline] {
                let p = Panes::compute(width, 30, focus);
                let rects: Vec<Rect> = [p.list, p.reader, p.sidebar]
                    .into_iter()
                    .flatten()
                    .collect();
                assert!(!rects.is_empty());
                assert_eq!(
                    rects.iter().map(|r| r.width).sum::<u16>(),
                    width,
                    "{width} {focus:?}"
                );
                for (i, a) in rects.iter().enumerate() {
                    for b in &rects[i + 1..] {
                        assert!(!a.intersects(*b));
                    }
                }
            }
        }
    }

    #[test]
    fn too_small_below_40_by_12() {
        assert!(Panes::compute(39, 30, Focus::List).too_small);
        assert!(Panes::compute(80, 11, Focus::List).too_small);
        assert!(!Panes::compute(40, 12, Focus::List).too_small);
    }
}
