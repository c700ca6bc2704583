//! Timestamps. The core has no clock: the host passes "now" in, and dates in
//! credentials (`validFrom`, `issuanceDate`, JWT `nbf`/`exp`…) are parsed here.
use crate::report::Code;

use alloc::string::String;
use core::fmt;

/// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the range RFC 3339 writes.
const MIN: i64 = -62_167_219_200;
const MAX: i64 = 253_402_300_799;

/// A point in time, in whole seconds since 1970-01-01T00:00:00Z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

/// Why a date string was rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeError;

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not an RFC 3339 / XML Schema date-time (expected e.g. 2026-01-31T12:00:00Z)")
    }
}

impl TimeError {
    /// The report code for this failure.
    pub fn code(&self) -> Code {
        Code::Malformed
    }
}

impl Timestamp {
    /// From seconds since the Unix epoch.
    pub const fn from_unix_seconds(s: i64) -> Self {
        Timestamp(s)
    }

    /// Seconds since the Unix epoch.
    pub const fn unix_seconds(self) -> i64 {
        self.0
    }

    /// Parses an RFC 3339 / `xsd:dateTime` string such as
    /// `2026-01-31T12:00:00Z`, `2026-01-31T12:00:00.123+01:00`.
    /// A missing offset is read as UTC, as VC 1.1 issuers often omit it.
    /// Fractional seconds are truncated.
    pub fn parse_rfc3339(s: &str) -> Result<Self, TimeError> {
        let b = s.as_bytes();
        if b.len() < 19 || b.len() > 40 {
            return Err(TimeError);
        }
        let num = |from: usize, len: usize| -> Result<i64, TimeError> {
            let digits = b.get(from..from + len).ok_or(TimeError)?;
            digits.iter().try_fold(0i64, |acc, d| {
                if d.is_ascii_digit() {
                    Ok(acc * 10 + i64::from(d - b'0'))
                } else {
                    Err(TimeError)
                }
            })
        };
        let sep = |i: usize, c: &[u8]| -> Result<(), TimeError> {
            if b.get(i).is_some_and(|x| c.contains(x)) {
                Ok(())
            } else {
                Err(TimeError)
            }
        };
        let year = num(0, 4)?;
        sep(4, b"-")?;
        let month = num(5, 2)?;
        sep(7, b"-")?;
        let day = num(8, 2)?;
        sep(10, b"Tt ")?;
        let hour = num(11, 2)?;
        sep(13, b":")?;
        let minute = num(14, 2)?;
        sep(16, b":")?;
        let second = num(17, 2)?;
        let mut i = 19;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == start {
                return Err(TimeError);
            }
        }
        let offset = match b.get(i) {
            None => 0,
            Some(b'Z' | b'z') if i + 1 == b.len() => 0,
            Some(c @ (b'+' | b'-')) if i + 6 == b.len() => {
                sep(i + 3, b":")?;
                let (oh, om) = (num(i + 1, 2)?, num(i + 4, 2)?);
                if oh > 23 || om > 59 {
                    return Err(TimeError);
                }
                let o = oh * 3600 + om * 60;
                if *c == b'+' {
                    o
                } else {
                    -o
                }
            }
            _ => return Err(TimeError),
        };
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let month_days = [
            31,
            if leap { 29 } else { 28 },
            31,
            30,
            31,
            30,
            31,
            31,
            30,
            31,
            30,
            31,
        ];
        let max_day = usize::try_from(month - 1)
            .ok()
            .and_then(|m| month_days.get(m))
            .ok_or(TimeError)?;
        if day < 1 || day > *max_day || hour > 23 || minute > 59 || second > 60 {
            return Err(TimeError);
        }
        let days = days_from_civil(year, month, day);
        let t = days * 86_400 + hour * 3600 + minute * 60 + second.min(59) - offset;
        // An offset can push 0000-01-01 or 9999-12-31 out of the four-digit
        // years RFC 3339 can write; such a time could not be shown back.
        if !(MIN..=MAX).contains(&t) {
            return Err(TimeError);
        }
        Ok(Timestamp(t))
    }

    /// Formats as `YYYY-MM-DDTHH:MM:SSZ`.
    pub fn to_rfc3339(self) -> String {
        let days = self.0.div_euclid(86_400);
        let secs = self.0.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        alloc::format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            secs / 3600,
            secs % 3600 / 60,
            secs % 60
        )
    }
}

// Howard Hinnant's proleptic Gregorian day-count formulas (public domain
// algorithms, written out here for i64).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_forms() {
        let t = |s| Timestamp::parse_rfc3339(s).map(Timestamp::unix_seconds);
        assert_eq!(t("1970-01-01T00:00:00Z"), Ok(0));
        assert_eq!(t("2000-03-01T00:00:00Z"), Ok(951_868_800));
        assert_eq!(t("2026-11-28T12:00:00.999+01:00"), Ok(1_795_867_200 - 3600));
        assert_eq!(t("2026-11-28T12:00:00"), Ok(1_795_867_200));
        assert!(t("2026-02-29T00:00:00Z").is_err());
        assert!(t("2026-13-01T00:00:00Z").is_err());
        assert!(t("2026-01-01T00:00:00Zjunk").is_err());
        assert!(t("not a date at all!!").is_err());
        // Found by fuzz/time: offsets must not leave the writable range.
        assert!(t("0000-01-01T00:00:00.123+01:00").is_err());
        assert!(t("9999-12-31T23:59:59-01:00").is_err());
        for edge in ["0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z"] {
            let ts = Timestamp::parse_rfc3339(edge).unwrap();
            assert_eq!(ts.to_rfc3339(), edge);
        }
        assert_eq!(
            Timestamp::from_unix_seconds(1_795_867_200).to_rfc3339(),
            "2026-11-28T12:00:00Z"
        );
    }
}
