//! The small languages of exam blueprints: category globs (`法律法规/**`) and durations (`30m`).

/// `30m`, `1h30m`, `90s`, `45` (minutes) -> seconds; `None` for anything else. A duration too long
/// to count gives `u64::MAX` (never a wrapped value), for the caller to reject as too long.
pub fn parse_duration(s: &str) -> Option<u64> {
    let s = s.trim();
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) {
        return Some(s.parse::<u64>().map_or(u64::MAX, |m| m.saturating_mul(60)));
    }
    let (mut total, mut num) = (0u64, String::new());
    for c in s.chars() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        if num.is_empty() {
            return None;
        }
        let n: u64 = num.parse().unwrap_or(u64::MAX);
        num.clear();
        let unit = match c {
            'h' => 3600,
            'm' => 60,
            's' => 1,
            _ => return None,
        };
        total = total.saturating_add(n.saturating_mul(unit));
    }
    (num.is_empty() && total > 0).then_some(total)
}

/// Category globs: `*` matches within one `/` segment, `**` any number of segments. Matched by
/// dynamic programming over (pattern segment, category segment), so `**/**/…` cannot backtrack
/// exponentially.
pub fn glob_match(glob: &str, category: &str) -> bool {
    fn seg_match(p: &str, s: &str) -> bool {
        match p.split_once('*') {
            None => p == s,
            Some((a, b)) => s.len() >= a.len() + b.len() && s.starts_with(a) && s.ends_with(b),
        }
    }
    let p: Vec<&str> = glob.split('/').filter(|x| !x.is_empty()).collect();
    let c: Vec<&str> = category.split('/').filter(|x| !x.is_empty()).collect();
    // next[j]: p[i+1..] matches c[j..]; row[j]: p[i..] matches c[j..].
    let mut next: Vec<bool> = (0..=c.len()).map(|j| j == c.len()).collect();
    for seg in p.iter().rev() {
        let mut row = vec![false; c.len() + 1];
        for j in (0..=c.len()).rev() {
            row[j] = if *seg == "**" {
                next[j] || (j < c.len() && row[j + 1])
            } else {
                j < c.len() && seg_match(seg, c[j]) && next[j + 1]
            };
        }
        next = row;
    }
    next[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match("法律法规/**", "法律法规/食品安全法"));
        assert!(glob_match("法律法规/**", "法律法规"));
        assert!(glob_match("**", "专业知识/HACCP"));
        assert!(glob_match("*/HACCP", "专业知识/HACCP"));
        assert!(!glob_match("法律法规/*", "专业知识/HACCP"));
        assert!(glob_match("专业*/**", "专业知识/追溯/一品一码"));
        assert!(!glob_match("法律法规", "法律法规/食品安全法"));
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30m"), Some(1800));
        assert_eq!(parse_duration("1h30m"), Some(5400));
        assert_eq!(parse_duration("90s"), Some(90));
        assert_eq!(parse_duration("45"), Some(2700));
        assert_eq!(parse_duration("soon"), None);
        assert_eq!(parse_duration("10x"), None);
        // Once this overflowed silently into a 44-second exam.
        assert_eq!(parse_duration("307445734561825861"), Some(u64::MAX));
        assert_eq!(parse_duration("99999999999999999999h"), Some(u64::MAX));
        assert_eq!(parse_duration("h"), None);
    }
}
