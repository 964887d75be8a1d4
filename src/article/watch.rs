//! When a watched folder is scanned again: after the first change, once the folder has been
//! quiet a moment or a longer wait has passed, whichever comes first. Pure: a function of
//! the times changes arrived, so it is tested without sleeping.

use std::time::{Duration, Instant};

/// How long the folder must be quiet after a change before it is scanned again.
pub const QUIET: Duration = Duration::from_millis(300);

/// The longest a change waits for its scan, however steadily changes keep coming.
pub const MAX_DELAY: Duration = Duration::from_secs(2);

/// The changes waiting for a scan: when the first and the latest of them arrived.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Debounce {
    pending: Option<(Instant, Instant)>,
}

impl Debounce {
    /// A change arrived at `at`.
    pub fn change(&mut self, at: Instant) {
        self.pending = Some(match self.pending {
            Some((first, last)) => (first, last.max(at)),
            None => (at, at),
        });
    }

    /// Whether any change waits for a scan.
    pub fn is_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// When the scan is due: [`QUIET`] after the latest change, or [`MAX_DELAY`] after the
    /// first, whichever is sooner; `None` with no change waiting.
    pub fn due(&self) -> Option<Instant> {
        self.pending
            .map(|(first, last)| (last + QUIET).min(first + MAX_DELAY))
    }

    /// Whether the scan is due at `now`; if so, the changes count as scanned.
    pub fn take_due(&mut self, now: Instant) -> bool {
        let due = self.due().is_some_and(|due| now >= due);
        if due {
            self.pending = None;
        }
        due
    }
}

/// The times scans start for changes arriving at `changes` (offsets from a common start,
/// in order), a scan starting the moment it is due. For tests and for reasoning about the
/// policy.
pub fn scan_times(changes: &[Duration]) -> Vec<Duration> {
    let start = Instant::now();
    let mut debounce = Debounce::default();
    let mut scans = Vec::new();
    for &at in changes {
        let now = start + at;
        // A scan that fell due before this change has happened.
        if let Some(due) = debounce.due()
            && due <= now
            && debounce.take_due(due)
        {
            scans.push(due - start);
        }
        debounce.change(now);
    }
    if let Some(due) = debounce.due() {
        scans.push(due - start);
    }
    scans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn one_change_is_scanned_once_the_folder_is_quiet() {
        assert_eq!(scan_times(&[ms(1000)]), vec![ms(1300)]);
    }

    #[test]
    fn a_burst_of_changes_is_scanned_once() {
        let burst: Vec<Duration> = (0..10).map(|i| ms(i * 20)).collect();
        assert_eq!(scan_times(&burst), vec![ms(180 + 300)]);
    }

    #[test]
    fn a_steady_trickle_is_scanned_at_least_every_two_seconds() {
        // A new file every 200 ms for 10 s: never 300 ms of quiet.
        let trickle: Vec<Duration> = (0..50).map(|i| ms(i * 200)).collect();
        let scans = scan_times(&trickle);
        assert_eq!(scans[0], ms(2000));
        for pair in scans.windows(2) {
            assert!(pair[1] - pair[0] <= MAX_DELAY + ms(200), "{scans:?}");
        }
        // The last change is scanned too: 2 s after the burst that holds it began.
        assert_eq!(scans.last(), Some(&ms(10_000)));
        assert!(scans.len() >= 4, "{scans:?}");
    }

    #[test]
    fn no_change_waits_longer_than_the_maximum_delay() {
        // Changes at irregular times below the quiet time.
        let changes: Vec<Duration> = (0..200u64).map(|i| ms(i * 37 + (i * i) % 250)).collect();
        let mut sorted = changes.clone();
        sorted.sort();
        let scans = scan_times(&sorted);
        for &c in &sorted {
            let next = scans
                .iter()
                .find(|&&s| s >= c)
                .expect("a scan after every change");
            assert!(
                *next - c <= MAX_DELAY,
                "change at {c:?} scanned at {next:?}"
            );
        }
    }

    #[test]
    fn nothing_is_due_without_a_change() {
        let mut d = Debounce::default();
        assert_eq!(d.due(), None);
        assert!(!d.take_due(Instant::now()));
        let t = Instant::now();
        d.change(t);
        assert!(!d.take_due(t + ms(100)));
        assert!(d.take_due(t + QUIET));
        assert!(!d.is_pending());
    }
}
