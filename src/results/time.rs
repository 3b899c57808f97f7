//! Times of attempts as people in China read them: UTC+8 (China has one time zone), computed from
//! the Unix seconds in the code, so the output never depends on the machine's zone.

const OFFSET: i64 = 8 * 3600;

/// `(year, month, day)` of a day number (days since 1970-01-01), the inverse of
/// [`crate::data::day_number`].
pub fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

fn parts(secs: u64) -> ((i64, u32, u32), i64) {
    let t = i64::try_from(secs).unwrap_or(i64::MAX / 2) + OFFSET;
    (civil(t.div_euclid(86_400)), t.rem_euclid(86_400))
}

/// `2024-05-12 09:31` in UTC+8.
pub fn stamp(secs: u64) -> String {
    let ((y, m, d), s) = parts(secs);
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}", s / 3600, s % 3600 / 60)
}

/// `2024-05-12` in UTC+8.
pub fn date(secs: u64) -> String {
    let ((y, m, d), _) = parts(secs);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `23分52秒`, as the spreadsheets show a time used.
pub fn duration(secs: u64) -> String {
    format!("{}分{:02}秒", secs / 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn china_time() {
        assert_eq!(stamp(0), "1970-01-01 08:00");
        // 2024-02-29 23:59:59 UTC is already March 1st in Shanghai.
        assert_eq!(stamp(1_709_251_199), "2024-03-01 07:59");
        assert_eq!(date(1_709_251_199), "2024-03-01");
        for days in [-1000, 0, 19_782, 60_000] {
            assert_eq!(crate::data::day_number(civil_u(days)), days);
        }
        assert_eq!(duration(1432), "23分52秒");
    }

    fn civil_u(days: i64) -> (i32, u32, u32) {
        let (y, m, d) = civil(days);
        (y as i32, m, d)
    }
}
