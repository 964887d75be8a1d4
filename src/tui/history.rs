//! Back and forward, like a browser's: a pure pair of stacks of views. Visiting a new view
//! puts the current one on the back stack and forgets the forward stack; going back puts the
//! current view on the forward stack, and going forward puts it back.

/// How many views each stack keeps; the oldest are forgotten first.
pub const LIMIT: usize = 200;

/// The views before and after the current one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History<T> {
    back: Vec<T>,
    forward: Vec<T>,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        History {
            back: Vec::new(),
            forward: Vec::new(),
        }
    }
}

impl<T> History<T> {
    /// A new view is about to replace `current` (if anything was shown).
    pub fn visit(&mut self, current: Option<T>) {
        if let Some(current) = current {
            push_limited(&mut self.back, current);
        }
        self.forward.clear();
    }

    /// The view to go back to, if any; `current` is kept for going forward again. With
    /// nothing to go back to, nothing changes.
    pub fn back(&mut self, current: Option<T>) -> Option<T> {
        let previous = self.back.pop()?;
        if let Some(current) = current {
            push_limited(&mut self.forward, current);
        }
        Some(previous)
    }

    /// The view to go forward to, if any; `current` is kept for going back.
    pub fn forward(&mut self, current: Option<T>) -> Option<T> {
        let next = self.forward.pop()?;
        if let Some(current) = current {
            push_limited(&mut self.back, current);
        }
        Some(next)
    }

    pub fn can_go_back(&self) -> bool {
        !self.back.is_empty()
    }

    #[cfg(test)]
    pub fn can_go_forward(&self) -> bool {
        !self.forward.is_empty()
    }
}

fn push_limited<T>(stack: &mut Vec<T>, item: T) {
    if stack.len() >= LIMIT {
        stack.remove(0);
    }
    stack.push(item);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_and_forward_walk_the_visited_views() {
        let mut h: History<&str> = History::default();
        h.visit(Some("a"));
        h.visit(Some("b"));
        // Now showing "c".
        assert_eq!(h.back(Some("c")), Some("b"));
        assert_eq!(h.back(Some("b")), Some("a"));
        assert!(!h.can_go_back());
        assert_eq!(h.back(Some("a")), None);
        assert_eq!(h.forward(Some("a")), Some("b"));
        assert_eq!(h.forward(Some("b")), Some("c"));
        assert_eq!(h.forward(Some("c")), None);
        assert_eq!(h.back(Some("c")), Some("b"));
    }

    #[test]
    fn visiting_forgets_the_forward_views() {
        let mut h: History<u32> = History::default();
        h.visit(Some(1));
        assert_eq!(h.back(Some(2)), Some(1));
        assert!(h.can_go_forward());
        h.visit(Some(1));
        assert!(!h.can_go_forward());
        assert_eq!(h.forward(Some(3)), None);
        assert_eq!(h.back(Some(3)), Some(1));
    }

    #[test]
    fn nothing_shown_is_not_remembered() {
        let mut h: History<u32> = History::default();
        h.visit(None);
        assert!(!h.can_go_back());
        h.visit(Some(1));
        assert_eq!(h.back(None), Some(1));
        assert!(!h.can_go_forward());
    }

    #[test]
    fn views_carry_their_positions() {
        // What the reader keeps: which view, and where it was scrolled to.
        #[derive(Debug, Clone, PartialEq)]
        enum View {
            Article { id: usize, scroll: usize },
            Page { selected: usize },
        }
        let mut h = History::default();
        h.visit(Some(View::Article { id: 3, scroll: 40 }));
        assert_eq!(
            h.back(Some(View::Page { selected: 2 })),
            Some(View::Article { id: 3, scroll: 40 })
        );
        assert_eq!(
            h.forward(Some(View::Article { id: 3, scroll: 12 })),
            Some(View::Page { selected: 2 })
        );
        assert_eq!(
            h.back(Some(View::Page { selected: 4 })),
            Some(View::Article { id: 3, scroll: 12 })
        );
    }

    #[test]
    fn stacks_are_bounded() {
        let mut h: History<usize> = History::default();
        for i in 0..LIMIT + 10 {
            h.visit(Some(i));
        }
        let mut n = 0;
        let mut current = LIMIT + 10;
        while let Some(prev) = h.back(Some(current)) {
            current = prev;
            n += 1;
        }
        assert_eq!(n, LIMIT);
        assert_eq!(current, 10);
    }
}
