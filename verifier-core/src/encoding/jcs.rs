//! RFC 8785 JSON Canonicalization Scheme (JCS).
//!
//! `eddsa-jcs-2022` signs the JCS form of a document, so these bytes must
//! match what every other implementation produces, byte for byte. JCS is
//! defined in terms of ECMAScript: numbers are IEEE-754 doubles printed as
//! `Number.prototype.toString` prints them, and object members are ordered by
//! the UTF-16 code units of their keys (which differs from UTF-8 byte order
//! for keys mixing astral characters with U+E000..U+FFFF).
//!
//! Depth: [`canonicalize`] walks the value with an explicit heap stack, not
//! recursion, so it cannot overflow the call stack however deep the value is.
//! Values from [`crate::encoding::json::parse`] are in any case no deeper than its
//! [`crate::encoding::json::Limits::max_depth`]; the work done is linear in the size of
//! the value plus the sorting of each object's keys.

use alloc::string::String;
use alloc::vec::Vec;
use core::cmp::Ordering;
use core::fmt;

use crate::encoding::decimal;
use crate::encoding::json::{write_string, Number, Value};
use crate::report::Code;

/// Why a value has no JCS form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JcsError {
    /// A number whose value is not a finite IEEE-754 double (JCS, like
    /// I-JSON, can only express finite doubles). The parser never produces
    /// one; this keeps [`canonicalize`] total for any [`Value`].
    NonFiniteNumber {
        /// The number's literal text.
        literal: String,
    },
}

impl JcsError {
    /// The report code for this failure.
    pub fn code(&self) -> Code {
        Code::Malformed
    }
}

impl fmt::Display for JcsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JcsError::NonFiniteNumber { literal } => {
                // Literals come from outside; keep messages short.
                let short: String = literal.chars().take(40).collect();
                let more = if short.len() < literal.len() {
                    "…"
                } else {
                    ""
                };
                write!(
                    f,
                    "the number {short}{more} is not a finite double and has no canonical form"
                )
            }
        }
    }
}

/// Canonical UTF-8 bytes of `value` per RFC 8785.
///
/// Numbers are read as IEEE-754 doubles, so integers beyond 2^53 lose
/// precision exactly as they would in JavaScript (the JCS data model).
/// Strings are written with the minimal RFC 8785 escaping and are not
/// Unicode-normalized.
pub fn canonicalize(value: &Value) -> Result<String, JcsError> {
    /// An open container: its remaining children and whether one was written.
    enum Frame<'a> {
        Array(core::slice::Iter<'a, Value>, bool),
        Object(alloc::vec::IntoIter<(&'a String, &'a Value)>, bool),
    }

    let mut out = String::new();
    let mut stack: Vec<Frame<'_>> = Vec::new();
    let mut next = Some(value);
    loop {
        if let Some(v) = next.take() {
            match v {
                Value::Null => out.push_str("null"),
                Value::Bool(true) => out.push_str("true"),
                Value::Bool(false) => out.push_str("false"),
                Value::Number(n) => write_number(&mut out, n)?,
                Value::String(s) => write_string(&mut out, s),
                Value::Array(items) => {
                    out.push('[');
                    stack.push(Frame::Array(items.iter(), false));
                }
                Value::Object(obj) => {
                    out.push('{');
                    let mut members: Vec<(&String, &Value)> = obj.iter().collect();
                    // Keys are unique, so an unstable sort is deterministic.
                    crate::encoding::sort::sort_by(&mut members, |a, b| cmp_utf16(a.0, b.0));
                    stack.push(Frame::Object(members.into_iter(), false));
                }
            }
        }
        let Some(top) = stack.last_mut() else {
            return Ok(out);
        };
        match top {
            Frame::Array(items, started) => match items.next() {
                Some(item) => {
                    if *started {
                        out.push(',');
                    }
                    *started = true;
                    next = Some(item);
                }
                None => {
                    out.push(']');
                    stack.pop();
                }
            },
            Frame::Object(members, started) => match members.next() {
                Some((key, item)) => {
                    if *started {
                        out.push(',');
                    }
                    *started = true;
                    write_string(&mut out, key);
                    out.push(':');
                    next = Some(item);
                }
                None => {
                    out.push('}');
                    stack.pop();
                }
            },
        }
    }
}

/// Orders strings by their UTF-16 code units, as RFC 8785 section 3.2.3 requires.
fn cmp_utf16(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

fn write_number(out: &mut String, n: &Number) -> Result<(), JcsError> {
    let x = n.as_f64();
    if !x.is_finite() {
        return Err(JcsError::NonFiniteNumber {
            literal: String::from(n.literal()),
        });
    }
    out.push_str(&format_number(x));
    Ok(())
}

/// ECMAScript `Number.prototype.toString` of a finite `f64` (the JCS number form).
///
/// Follows ECMA-262 `Number::toString` (radix 10): the shortest digit string
/// that reads back as `x`, written without an exponent when the decimal
/// exponent is in -6..21 and as `d.ddde±n` otherwise; both zeros print as `0`.
/// Non-finite inputs, which JSON cannot carry, give ECMAScript's `NaN`,
/// `Infinity` and `-Infinity` rather than panicking.
pub fn format_number(x: f64) -> String {
    if x.is_nan() {
        return String::from("NaN");
    }
    if x == 0.0 {
        return String::from("0");
    }
    let mut out = String::new();
    if x < 0.0 {
        out.push('-');
    }
    if x.is_infinite() {
        out.push_str("Infinity");
        return out;
    }

    // In ECMA-262 terms: value = 0.d1d2...dk × 10^n, with k digits.
    let (digits, n) = decimal::shortest(x, decimal::Tie::Even);
    let mut text = String::new();
    decimal::push_digits(&mut text, &digits);
    let digits = text;
    let k = i32::try_from(digits.len()).unwrap_or(i32::MAX);

    if k <= n && n <= 21 {
        // An integer: all digits then zeros.
        out.push_str(&digits);
        push_zeros(&mut out, n - k);
    } else if 0 < n && n <= 21 {
        // A decimal point inside the digits.
        push_with_point(&mut out, &digits, n);
    } else if -6 < n && n <= 0 {
        // A small number with leading zeros after the point.
        out.push_str("0.");
        push_zeros(&mut out, -n);
        out.push_str(&digits);
    } else {
        // Exponent form: one digit before the point, explicit exponent sign.
        push_with_point(&mut out, &digits, 1);
        out.push('e');
        out.push(if n - 1 < 0 { '-' } else { '+' });
        out.push_str(&alloc::format!("{}", (n - 1).unsigned_abs()));
    }
    out
}

fn push_zeros(out: &mut String, count: i32) {
    for _ in 0..count {
        out.push('0');
    }
}

/// Appends `digits` with a decimal point after the first `int_len` of them
/// (no point when nothing follows it).
fn push_with_point(out: &mut String, digits: &str, int_len: i32) {
    let int_len = usize::try_from(int_len).unwrap_or(0);
    for (i, c) in digits.chars().enumerate() {
        if i == int_len {
            out.push('.');
        }
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The former implementation on `core::fmt`, kept as a reference.
    /// The digits `d1d2...dk` and exponent `e` of `x = d1.d2...dk × 10^e`,
    /// chosen as ECMA-262 `Number::toString` step 5 requires: `k` as small as
    /// possible, then the candidate closest to `x`, then an even last digit.
    fn old_shortest_digits(x: f64) -> (String, i32) {
        // Rust's `{:e}` already gives the shortest round-tripping digits closest
        // to `x`, but breaks an exact tie between two such candidates upwards
        // (0x43143ff3c1cb0959 = 1424953923781206.25 prints ...063, ECMAScript
        // says ...062). Ties are found and resolved below.
        let (digits, exp) = old_split_sci(&alloc::format!("{x:e}"));
        let k = digits.len();
        // A tie means the exact value is `d1...dk5 × 10^(e-k)` exactly. One
        // more digit, correctly rounded, ends in 5 then; only those few values
        // pay for the exact expansion (a double has at most 767 significant digits).
        let (probe, _) = old_split_sci(&alloc::format!("{x:.k$e}"));
        if !probe.ends_with('5') {
            return (digits, exp);
        }
        let (exact, exact_exp) = old_split_sci(&alloc::format!("{x:.800e}"));
        let exact = exact.trim_end_matches('0');
        if exact_exp != exp || exact.len() != k + 1 || !exact.ends_with('5') {
            return (digits, exp);
        }
        let Some(low) = exact.get(..k) else {
            return (digits, exp);
        };
        // The two candidates are `low` and `low + 1`; keep the even one if it
        // reads back as `x` (a carry out of the last digit would make it
        // shorter, which the shortest search would already have found).
        let even = match low.as_bytes().last() {
            Some(d) if d % 2 == 0 => String::from(low),
            Some(d) if *d < b'9' => {
                let mut up = String::from(low.get(..k.saturating_sub(1)).unwrap_or(""));
                up.push(char::from(d + 1));
                up
            }
            _ => return (digits, exp),
        };
        let mut text = String::new();
        push_with_point(&mut text, &even, 1);
        text.push_str(&alloc::format!("e{exp}"));
        if crate::encoding::decimal::parse_f64(&text) == Some(x) {
            let even = String::from(even.trim_end_matches('0'));
            if !even.is_empty() {
                return (even, exp);
            }
        }
        (digits, exp)
    }

    /// Splits Rust's `d[.ddd]e<exp>` into its digits and exponent.
    fn old_split_sci(sci: &str) -> (String, i32) {
        let (mantissa, exp) = sci.split_once('e').unwrap_or((sci, "0"));
        let digits = mantissa.chars().filter(char::is_ascii_digit).collect();
        (digits, exp.parse().unwrap_or(0))
    }

    use crate::encoding::json::{parse_str, Object};
    use alloc::vec;

    fn canon(s: &str) -> String {
        canonicalize(&parse_str(s).unwrap()).unwrap()
    }

    #[test]
    // Literals are written as in the RFC 8785 examples, digits past f64 included.
    #[allow(clippy::excessive_precision)]
    fn numbers_follow_ecmascript() {
        let cases: &[(f64, &str)] = &[
            (0.0, "0"),
            (-0.0, "0"),
            (1.0, "1"),
            (-1.5, "-1.5"),
            (1e21, "1e+21"),
            (999999999999999900000.0, "999999999999999900000"),
            (1e20, "100000000000000000000"),
            (123456789012345680000.0, "123456789012345680000"),
            (5e-324, "5e-324"),
            (-5e-324, "-5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (f64::MIN_POSITIVE, "2.2250738585072014e-308"),
            (1e-6, "0.000001"),
            (9.999999999999997e-7, "9.999999999999997e-7"),
            (1e-7, "1e-7"),
            (1.5e-7, "1.5e-7"),
            (0.1, "0.1"),
            (0.000123, "0.000123"),
            (333333333.33333329, "333333333.3333333"),
            (1e30, "1e+30"),
            (4.5, "4.5"),
            (9007199254740992.0, "9007199254740992"),
            (9007199254740994.0, "9007199254740994"),
            (295147905179352830000.0, "295147905179352830000"),
            // Exact ties between two shortest candidates go to the even one.
            (f64::from_bits(0x43143ff3c1cb0959), "1424953923781206.2"),
            (f64::from_bits(0xc300ce90f2d10fca), "-591340196471289.2"),
            (f64::from_bits(0x431b9180a34a8f19), "1939951513150406.2"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
        ];
        for (x, want) in cases {
            assert_eq!(format_number(*x), *want, "{x:e}");
        }
    }

    #[test]
    fn number_literals_are_read_as_doubles() {
        assert_eq!(
            canon("[-0, 0.0, -0.0e5, 1E30, 2e-3, 56.0, 1e-400]"),
            "[0,0,0,1e+30,0.002,56,0]"
        );
        // Integers past 2^53 round like JavaScript's.
        assert_eq!(
            canon("[9007199254740993, 18446744073709551615]"),
            "[9007199254740992,18446744073709552000]"
        );
        assert_eq!(canon("1000000000000000000000"), "1e+21");
        assert_eq!(canon("100000000000000000000"), "100000000000000000000");
    }

    #[test]
    fn keys_sort_by_utf16_code_units() {
        // UTF-8 byte order would put U+E000/U+FB33/U+FFFF before U+1F602;
        // in UTF-16 the surrogate 0xD83D comes first.
        let input = "{\"\u{FFFF}\":1,\"\u{FB33}\":2,\"\u{1F602}\":3,\"\u{E000}\":4,\"\u{D7FF}\":5,\"b\":6,\"aa\":7,\"a\":8,\"\":9,\"\u{10000}\":10}";
        let want = "{\"\":9,\"a\":8,\"aa\":7,\"b\":6,\"\u{D7FF}\":5,\"\u{10000}\":10,\"\u{1F602}\":3,\"\u{E000}\":4,\"\u{FB33}\":2,\"\u{FFFF}\":1}";
        assert_eq!(canon(input), want);
        assert_eq!(cmp_utf16("\u{1F602}", "\u{FB33}"), Ordering::Less);
        assert_eq!(cmp_utf16("A", "a"), Ordering::Less);
    }

    #[test]
    fn structure_and_escaping() {
        assert_eq!(
            canon(" { \"b\" : [ ] , \"a\" : { } } "),
            "{\"a\":{},\"b\":[]}"
        );
        assert_eq!(
            canon("[[],[[]],{\"x\":[1,{}]}]"),
            "[[],[[]],{\"x\":[1,{}]}]"
        );
        assert_eq!(
            canon("\"\\u20ac\\u000f\\n\\/\\\"\\u007f\""),
            "\"€\\u000f\\n/\\\"\u{7f}\""
        );
        assert_eq!(canon("[null,true,false]"), "[null,true,false]");
    }

    #[test]
    fn deep_values_do_not_recurse() {
        // Far deeper than the parser allows, built directly.
        let mut v = Value::Null;
        for i in 0..100_000 {
            v = if i % 2 == 0 {
                Value::Array(vec![v])
            } else {
                let mut o = Object::new();
                o.insert("k", v);
                Value::Object(o)
            };
        }
        let s = canonicalize(&v).unwrap();
        assert_eq!(s.len(), 50_000 * 2 + 50_000 * 6 + 4);
        // Drop iteratively too, so the test itself does not overflow.
        let mut cur = v;
        loop {
            cur = match cur {
                Value::Array(mut a) => match a.pop() {
                    Some(x) => x,
                    None => break,
                },
                Value::Object(mut o) => match o.remove("k") {
                    Some(x) => x,
                    None => break,
                },
                _ => break,
            };
        }
    }

    #[test]
    fn error_display_is_bounded() {
        let e = JcsError::NonFiniteNumber {
            literal: "9".repeat(1000),
        };
        let msg = alloc::format!("{e}");
        assert!(msg.len() < 120, "{msg}");
    }

    /// Doubles spread over every exponent and mantissa pattern (xorshift).
    fn sample_doubles(n: usize) -> Vec<f64> {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let x = f64::from_bits(state);
            if x.is_finite() && x != 0.0 {
                out.push(x);
            }
        }
        out
    }

    #[test]
    fn shortest_digits_agree_with_the_former_core_fmt_implementation() {
        let mut values = sample_doubles(20_000);
        // Integers, short decimals and the exact ties of `numbers_follow_ecmascript`.
        for i in 1..500u32 {
            values.push(f64::from(i));
            values.push(f64::from(i) / 1000.0);
            values.push(f64::from(i) * 1e18);
        }
        values.extend([
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            9007199254740993.0,
            0.1 + 0.2,
        ]);
        values.extend([0x43143ff3c1cb0959u64, 0x431b9180a34a8f19].map(f64::from_bits));
        for x in values {
            let (digits, n) = decimal::shortest(x, decimal::Tie::Even);
            let mut text = String::new();
            decimal::push_digits(&mut text, &digits);
            assert_eq!((text, n - 1), old_shortest_digits(x.abs()), "{x:e}");
        }
    }
}
