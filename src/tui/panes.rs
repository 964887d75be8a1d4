//! Where each pane goes for a terminal size. Used by `update` (to wrap text to the reader's
//! width and page by its height) and by `view` (to draw), so both always agree.

use ratatui::layout::Rect;

use crate::tui::config::{LayoutConfig, Side};

use super::action::Focus;

/// Smallest usable terminal.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// Columns between the reader's border and its text, on each side.
pub const READER_PADDING: u16 = 1;

/// Rows each article takes in the list.
pub const LIST_ITEM_HEIGHT: usize = 2;

/// Rows each timeline entry takes in the sidebar.
pub const TIMELINE_ITEM_HEIGHT: usize = 2;

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
    /// Wide screens show all three panes, the sidebar on the side and at the width `layout`
    /// asks for; medium ones the reader beside the list (or the sidebar, when it has the
    /// focus, in the list's place and at its width); narrow ones only the focused pane.
    pub fn compute(width: u16, height: u16, focus: Focus, layout: LayoutConfig) -> Panes {
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
            let side_w = layout
                .sidebar_width
                .map_or((width * 22 / 100).clamp(24, 36), |w| {
                    w.columns(width).max(12)
                });
            let reader_w = width - list_w - side_w;
            panes.list = Some(Rect::new(0, 0, list_w, main.height));
            let (reader_x, side_x) = match layout.sidebar_side {
                Side::Right => (list_w, list_w + reader_w),
                Side::Left => (list_w + side_w, list_w),
            };
            panes.reader = Some(Rect::new(reader_x, 0, reader_w, main.height));
            panes.sidebar = Some(Rect::new(side_x, 0, side_w, main.height));
        } else if width >= 72 {
            // The sidebar takes the list's place, at the list's width: the reader keeps
            // the width its text was laid out for.
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
                let p = Panes::compute(width, 30, focus, LayoutConfig::default());
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
    fn the_sidebar_takes_its_configured_width_and_side() {
        use crate::tui::config::SidebarWidth;
        let layout = LayoutConfig {
            sidebar_width: Some(SidebarWidth::Columns(40)),
            sidebar_side: Side::Left,
        };
        let p = Panes::compute(150, 40, Focus::List, layout);
        let (list, reader, side) = (p.list.unwrap(), p.reader.unwrap(), p.sidebar.unwrap());
        assert_eq!(side.width, 40);
        assert_eq!(side.x, list.right());
        assert_eq!(reader.x, side.right());
        assert_eq!(reader.right(), 150);
        let right = LayoutConfig {
            sidebar_side: Side::Right,
            ..layout
        };
        let p = Panes::compute(150, 40, Focus::List, right);
        assert_eq!(p.sidebar.unwrap().right(), 150);
        // Never more than half the window.
        let wide = LayoutConfig {
            sidebar_width: Some(SidebarWidth::Percent(60)),
            ..layout
        };
        for width in [110u16, 150, 200] {
            let p = Panes::compute(width, 40, Focus::List, wide);
            assert!(p.sidebar.unwrap().width <= width / 2);
            assert!(p.reader.unwrap().width > 0);
        }
        // Medium screens keep the reader's width whichever pane is beside it.
        let with_list = Panes::compute(90, 30, Focus::List, layout);
        let with_sidebar = Panes::compute(90, 30, Focus::Entities, layout);
        assert_eq!(with_list.reader, with_sidebar.reader);
    }

    #[test]
    fn too_small_below_40_by_12() {
        assert!(Panes::compute(39, 30, Focus::List, LayoutConfig::default()).too_small);
        assert!(Panes::compute(80, 11, Focus::List, LayoutConfig::default()).too_small);
        assert!(!Panes::compute(40, 12, Focus::List, LayoutConfig::default()).too_small);
    }
}
