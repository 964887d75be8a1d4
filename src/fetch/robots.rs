//! robots.txt: which paths of a site khabar may fetch. The group for `khabar` if there is
//! one, else the one for `*`; the longest matching rule wins, `Allow` on a tie; `*` and
//! `$` in paths as the common extension of the standard (RFC 9309) has them.

/// One group of robots.txt: the agents it names and its rules (allowed, pattern).
type Group = (Vec<String>, Vec<(bool, String)>);

/// The rules of one site for khabar.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Robots {
    /// (allowed, path pattern)
    rules: Vec<(bool, String)>,
}

impl Robots {
    /// Everything allowed: no robots.txt (a 4xx answer).
    pub fn allow_all() -> Robots {
        Robots::default()
    }

    /// Nothing allowed: robots.txt could not be read (a 5xx answer, a network failure).
    pub fn deny_all() -> Robots {
        Robots {
            rules: vec![(false, "/".into())],
        }
    }

    /// The rules in `text` for the agent named `agent` (lowercase, such as `khabar`).
    pub fn parse(text: &str, agent: &str) -> Robots {
        // Groups: the agents they name, and their rules.
        let mut groups: Vec<Group> = Vec::new();
        let mut open_agents = false;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim();
            match key.as_str() {
                "user-agent" => {
                    if !open_agents {
                        groups.push((Vec::new(), Vec::new()));
                        open_agents = true;
                    }
                    if let Some(g) = groups.last_mut() {
                        g.0.push(value.to_ascii_lowercase());
                    }
                }
                "allow" | "disallow" => {
                    open_agents = false;
                    if let Some(g) = groups.last_mut()
                        && !value.is_empty()
                    {
                        g.1.push((key == "allow", value.to_string()));
                    }
                }
                _ => {}
            }
        }
        let mine = |g: &&Group| g.0.iter().any(|a| a != "*" && agent.contains(a.as_str()));
        let chosen: Vec<&Group> = {
            let named: Vec<_> = groups.iter().filter(|g| mine(g)).collect();
            if named.is_empty() {
                groups
                    .iter()
                    .filter(|g| g.0.iter().any(|a| a == "*"))
                    .collect()
            } else {
                named
            }
        };
        Robots {
            rules: chosen.into_iter().flat_map(|g| g.1.clone()).collect(),
        }
    }

    /// Whether `path` (with its query) may be fetched.
    pub fn allows(&self, path: &str) -> bool {
        let mut best: Option<(usize, bool)> = None;
        for (allow, pattern) in &self.rules {
            if matches(pattern, path) {
                let len = pattern.len();
                best = match best {
                    Some((l, a)) if l > len || (l == len && a) => Some((l, a)),
                    _ => Some((len, *allow)),
                };
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

/// A robots.txt path pattern against a path: a prefix match, `*` any run, `$` the end.
fn matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let parts: Vec<&str> = pattern.split('*').collect();
    let mut at = 0;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            if !path.starts_with(part) {
                return false;
            }
            at = part.len();
        } else if let Some(found) = path[at..].find(part) {
            at += found + part.len();
        } else {
            return false;
        }
    }
    if anchored {
        // The last part must end the path.
        let last = parts.last().copied().unwrap_or("");
        return path.ends_with(last) && (parts.len() > 1 || at == path.len());
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_rule_wins_and_our_group_beats_the_star() {
        let text = "User-agent: *\nDisallow: /\n\nUser-agent: khabar\nDisallow: /private/\nAllow: /private/open\n";
        let r = Robots::parse(text, "khabar");
        assert!(r.allows("/desh/a.html"));
        assert!(!r.allows("/private/x"));
        assert!(r.allows("/private/open/y"));
        let star = Robots::parse(
            "User-agent: *\nDisallow: /search\nDisallow: /*.pdf$\n",
            "khabar",
        );
        assert!(!star.allows("/search?q=1"));
        assert!(!star.allows("/files/a.pdf"));
        assert!(star.allows("/files/a.pdf.html"));
        assert!(star.allows("/desh/"));
        assert!(Robots::parse("User-agent: *\nDisallow:\n", "khabar").allows("/x"));
        assert!(!Robots::deny_all().allows("/x"));
    }
}
