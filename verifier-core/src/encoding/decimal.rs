//! Decimal text to IEEE-754 double, correctly rounded, without tables.
//!
//! `core`'s `str::parse::<f64>` is fast because of a 10 KB table of powers
//! of five that does not compress; the browser bundles pay for it on every
//! download. Credentials hold few numbers, nearly all short (`5`, `2.5`,
//! `0.33`), so this parser takes Clinger's exact fast path for those (at most
//! 15 significant digits and a power of ten at most 10^22, both exact in a
//! double, then one correctly rounded operation) and otherwise does the
//! exact big-integer arithmetic: value = num / den, a 53-bit quotient by
//! long division, rounded half to even on the remainder. Tested against
//! `core`'s parser on the JCS number vectors and random inputs.

use alloc::vec;
use alloc::vec::Vec;

/// Significant digits kept; beyond them only "some non-zero digit follows"
/// matters (it breaks an exact tie upwards). 800 exceeds the 767 digits of
/// the longest exact halfway value between two doubles.
const MAX_DIGITS: usize = 800;

/// Parses a decimal number: optional sign, digits with an optional
/// fraction, an optional exponent (`1`, `-0.5`, `2.5E-3`, `.5`, `5.`).
/// Returns the nearest double (ties to even), `±inf` past the largest
/// finite one, and `None` for anything else (including `NaN`, `INF`).
pub fn parse_f64(text: &str) -> Option<f64> {
    let b = text.as_bytes();
    let mut i = 0;
    let negative = sign(b, &mut i);
    // Significant digits (leading zeros dropped), and the decimal exponent
    // of the last kept digit.
    let mut digits: Vec<u8> = Vec::new();
    let mut truncated = false;
    let mut exp10: i64 = 0;
    let mut seen_digit = false;
    let mut seen_point = false;
    while let Some(&c) = b.get(i) {
        match c {
            b'0'..=b'9' => {
                seen_digit = true;
                if digits.is_empty() && c == b'0' {
                    if seen_point {
                        exp10 -= 1;
                    }
                } else if digits.len() < MAX_DIGITS {
                    digits.push(c - b'0');
                    if seen_point {
                        exp10 -= 1;
                    }
                } else {
                    truncated |= c != b'0';
                    if !seen_point {
                        exp10 += 1;
                    }
                }
            }
            b'.' if !seen_point => seen_point = true,
            _ => break,
        }
        i += 1;
    }
    if !seen_digit {
        return None;
    }
    if let Some(b'e' | b'E') = b.get(i) {
        i += 1;
        let exp_negative = sign(b, &mut i);
        let start = i;
        let mut e: i64 = 0;
        while let Some(&c) = b.get(i) {
            if !c.is_ascii_digit() {
                break;
            }
            // Saturate: anything this large is zero or infinity anyway.
            e = (e * 10 + i64::from(c - b'0')).min(1 << 40);
            i += 1;
        }
        if i == start {
            return None;
        }
        exp10 += if exp_negative { -e } else { e };
    }
    if i != b.len() {
        return None;
    }
    let magnitude = magnitude(&digits, exp10, truncated);
    Some(if negative { -magnitude } else { magnitude })
}

/// An optional `+` or `-` at `b[*i]`, consumed; true for `-`.
fn sign(b: &[u8], i: &mut usize) -> bool {
    match b.get(*i) {
        Some(b'-') => {
            *i += 1;
            true
        }
        Some(b'+') => {
            *i += 1;
            false
        }
        _ => false,
    }
}

/// Exact powers of ten that a double holds.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `digits × 10^exp10` (plus a little, if `truncated`), rounded.
fn magnitude(digits: &[u8], exp10: i64, truncated: bool) -> f64 {
    // Trailing zeros are just a larger exponent.
    let end = digits.iter().rposition(|&d| d != 0).map_or(0, |p| p + 1);
    let exp10 = exp10 + (digits.len() - end) as i64;
    let digits = &digits[..end];
    if digits.is_empty() {
        return 0.0;
    }
    // The leading digit's power of ten bounds the result: past 10^309 it is
    // infinite, below 10^-325 it rounds to zero.
    let lead = exp10 + digits.len() as i64 - 1;
    if lead > 309 {
        return f64::INFINITY;
    }
    if lead < -325 {
        return 0.0;
    }
    if digits.len() <= 15 && !truncated {
        let m = digits.iter().fold(0u64, |a, &d| a * 10 + u64::from(d)) as f64;
        if (0..=22).contains(&exp10) {
            return m * POW10[exp10 as usize];
        }
        if (-22..0).contains(&exp10) {
            return m / POW10[(-exp10) as usize];
        }
    }
    slow(digits, exp10, truncated)
}

/// The exact path: value = num / den as big integers.
fn slow(digits: &[u8], exp10: i64, truncated: bool) -> f64 {
    let mut num = Big::from_digits(digits);
    let mut den = Big::one();
    if exp10 >= 0 {
        num.mul_pow10(exp10 as u32);
    } else {
        den.mul_pow10((-exp10) as u32);
    }
    // e = floor(log2(num / den)).
    let mut e = num.bits() as i64 - den.bits() as i64;
    if e >= 0 {
        if num.cmp_shifted(&den, e as u32) == core::cmp::Ordering::Less {
            e -= 1;
        }
    } else {
        let mut n = num.clone();
        n.shl((-e) as u32);
        if n.cmp_shifted(&den, 0) == core::cmp::Ordering::Less {
            e -= 1;
        }
    }
    if e > 1023 {
        return f64::INFINITY;
    }
    // The quotient's last bit is 2^(e-52), or 2^-1074 for subnormals.
    let lsb = (e - 52).max(-1074);
    if lsb >= 0 {
        den.shl(lsb as u32);
    } else {
        num.shl((-lsb) as u32);
    }
    // q < 2^53: 54 steps of shift-and-subtract long division.
    let mut q: u64 = 0;
    for bit in (0..54).rev() {
        if num.cmp_shifted(&den, bit) != core::cmp::Ordering::Less {
            num.sub_shifted(&den, bit);
            q |= 1 << bit;
        }
    }
    // Round half to even on the remainder (now in `num`).
    let mut twice = num;
    twice.shl(1);
    let up = match twice.cmp_shifted(&den, 0) {
        core::cmp::Ordering::Greater => true,
        core::cmp::Ordering::Equal => truncated || q & 1 == 1,
        core::cmp::Ordering::Less => false,
    };
    let mut lsb = lsb;
    if up {
        q += 1;
        if q == 1 << 53 {
            q >>= 1;
            lsb += 1;
        }
    }
    compose(q, lsb)
}

/// `q × 2^lsb` as a double (`q < 2^53`, exact).
fn compose(q: u64, lsb: i64) -> f64 {
    if q == 0 {
        return 0.0;
    }
    if q < 1 << 52 {
        // Subnormal (lsb is -1074), or a normal that rounding carried into.
        return f64::from_bits(q);
    }
    let biased = lsb + 52 + 1023;
    if biased >= 0x7ff {
        return f64::INFINITY;
    }
    f64::from_bits(((biased as u64) << 52) | (q & ((1 << 52) - 1)))
}

/// A non-negative big integer, little-endian base 2^32 limbs.
#[derive(Clone)]
struct Big(Vec<u32>);

impl Big {
    fn one() -> Self {
        Big(vec![1])
    }

    fn from_digits(digits: &[u8]) -> Self {
        let mut b = Big(vec![0]);
        for chunk in digits.chunks(9) {
            let mut scale = 1u32;
            let mut value = 0u32;
            for &d in chunk {
                scale *= 10;
                value = value * 10 + u32::from(d);
            }
            b.mul_add(scale, value);
        }
        b
    }

    fn mul_add(&mut self, m: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow10(&mut self, mut n: u32) {
        while n >= 9 {
            self.mul_add(1_000_000_000, 0);
            n -= 9;
        }
        if n > 0 {
            self.mul_add(10u32.pow(n), 0);
        }
    }

    fn bits(&self) -> u32 {
        let top = self.0.iter().rposition(|&l| l != 0);
        top.map_or(0, |t| t as u32 * 32 + (32 - self.0[t].leading_zeros()))
    }

    fn shl(&mut self, n: u32) {
        let (words, bits) = ((n / 32) as usize, n % 32);
        if bits > 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let next = *limb >> (32 - bits);
                *limb = (*limb << bits) | carry;
                carry = next;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        if words > 0 {
            self.0.splice(0..0, core::iter::repeat_n(0, words));
        }
    }

    /// Limb `i` of `other << shift`.
    fn shifted_limb(other: &Big, shift: u32, i: usize) -> u32 {
        let (words, bits) = ((shift / 32) as usize, shift % 32);
        let at = |j: usize| -> u32 {
            j.checked_sub(words)
                .and_then(|k| other.0.get(k))
                .copied()
                .unwrap_or(0)
        };
        if bits == 0 {
            at(i)
        } else {
            let low = i.checked_sub(1).map_or(0, at);
            (at(i) << bits) | (low >> (32 - bits))
        }
    }

    /// Compares `self` with `other << shift`.
    fn cmp_shifted(&self, other: &Big, shift: u32) -> core::cmp::Ordering {
        let len = self.0.len().max(other.0.len() + (shift / 32) as usize + 1);
        for i in (0..len).rev() {
            let a = self.0.get(i).copied().unwrap_or(0);
            let b = Self::shifted_limb(other, shift, i);
            if a != b {
                return a.cmp(&b);
            }
        }
        core::cmp::Ordering::Equal
    }

    /// `self -= other << shift`; the caller ensures the result is not negative.
    fn sub_shifted(&mut self, other: &Big, shift: u32) {
        let mut borrow = 0i64;
        for i in 0..self.0.len() {
            let v = i64::from(self.0[i]) - i64::from(Self::shifted_limb(other, shift, i)) - borrow;
            borrow = i64::from(v < 0);
            self.0[i] = (v + (borrow << 32)) as u32;
        }
    }
}

// ---------------------------------------------------------------------------
// Double → decimal digits
//
// `core::fmt`'s float printing (Grisu with a Dragon4 fallback, its bignum and
// the `Display`/`LowerExp` padding machinery) is some 14 KB of wasm that the
// browser bundles would carry for the few numbers a credential holds. The
// printers below need only the exact decimal value of the double (a short
// multiplication in base 10^9) and, for the shortest form, the reader above
// as the oracle of "reads back as x".
// ---------------------------------------------------------------------------

/// How an exact tie between two candidates is broken.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tie {
    /// Towards an even last digit (ECMAScript `Number::toString`, and
    /// `core::fmt` with a precision).
    Even,
    /// Away from zero (`core::fmt`'s shortest form, `{}` and `{:e}`).
    Up,
}

/// Significant digits (values 0-9, the first non-zero, no trailing zeros)
/// and the exponent `point`, for `|x| = 0.d1d2…dk × 10^point`.
pub(crate) type Digits = (Vec<u8>, i32);

/// The exact decimal value of a finite, non-zero `|x|`.
fn exact_digits(x: f64) -> Digits {
    const BASE: u64 = 1_000_000_000;
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (m, e2) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, biased - 1075)
    };
    // |x| = m × 2^e2 = m × 2^e2 (e2 ≥ 0) or m × 5^-e2 / 10^-e2 (e2 < 0):
    // an integer in little-endian base-10^9 limbs, then a decimal point.
    let mut limbs: Vec<u32> = vec![
        (m % BASE) as u32,
        (m / BASE % BASE) as u32,
        (m / BASE / BASE) as u32,
    ];
    let (factor, step) = if e2 >= 0 { (2u32, 31) } else { (5u32, 13) };
    let mut count = e2.unsigned_abs();
    while count > 0 {
        let n = count.min(step);
        let mut carry = 0u64;
        for limb in &mut limbs {
            let v = u64::from(*limb) * u64::from(factor.pow(n)) + carry;
            *limb = (v % BASE) as u32;
            carry = v / BASE;
        }
        while carry > 0 {
            limbs.push((carry % BASE) as u32);
            carry /= BASE;
        }
        count -= n;
    }
    let mut digits = Vec::with_capacity(limbs.len() * 9);
    for &limb in limbs.iter().rev() {
        let mut scale = BASE as u32;
        while scale > 1 {
            scale /= 10;
            let d = (limb / scale % 10) as u8;
            if d != 0 || !digits.is_empty() {
                digits.push(d);
            }
        }
    }
    let point = digits.len() as i32 + e2.min(0);
    while digits.last() == Some(&0) {
        digits.pop();
    }
    (digits, point)
}

/// `digits[..p]` plus one unit in its last place (trailing zeros dropped).
fn increment(digits: &[u8], p: usize, point: i32) -> Digits {
    let mut up = digits[..p].to_vec();
    while up.last() == Some(&9) {
        up.pop();
    }
    match up.last_mut() {
        Some(d) => {
            *d += 1;
            (up, point)
        }
        None => (vec![1], point + 1),
    }
}

/// `digits[..p]` (trailing zeros dropped).
fn truncate(digits: &[u8], p: usize, point: i32) -> Digits {
    let mut down = digits[..p].to_vec();
    while down.last() == Some(&0) {
        down.pop();
    }
    (down, point)
}

/// Whether rounding `digits` to `p` digits goes up: past half, or exactly
/// half and `tie` says so.
fn rounds_up(digits: &[u8], p: usize, tie: Tie) -> bool {
    match digits.get(p) {
        Some(&d) if d == 5 && digits.len() == p + 1 => tie == Tie::Up || digits[p - 1] % 2 == 1,
        Some(&d) => d >= 5,
        None => false,
    }
}

/// The shortest digits that read back as the finite, non-zero `|x|`; among
/// several of that length the closest to `|x|`, and on a tie as `tie` says
/// (ECMA-262 `Number::toString` step 5 with [`Tie::Even`]).
pub(crate) fn shortest(x: f64, tie: Tie) -> Digits {
    let x = x.abs();
    let (digits, point) = exact_digits(x);
    if x < 9007199254740992.0 && (x as u64) as f64 == x {
        // Integers below 2^53 are their own shortest form: their neighbours
        // are at least 1 away, and fewer digits would change the value.
        return (digits, point);
    }
    let reads_back =
        |(d, point): &Digits| magnitude(d, i64::from(*point) - d.len() as i64, false) == x;
    for p in 1..digits.len() {
        let down = truncate(&digits, p, point);
        let up = increment(&digits, p, point);
        match (reads_back(&down), reads_back(&up)) {
            (true, true) if rounds_up(&digits, p, tie) => return up,
            (true, _) => return down,
            (false, true) => return up,
            (false, false) => {}
        }
    }
    (digits, point)
}

/// The finite, non-zero `|x|` correctly rounded to `p ≥ 1` significant
/// digits (`core::fmt`'s `{:.{p-1}e}`), ties to even.
pub(crate) fn rounded(x: f64, p: usize) -> Digits {
    let (digits, point) = exact_digits(x.abs());
    if digits.len() <= p {
        (digits, point)
    } else if rounds_up(&digits, p, Tie::Even) {
        increment(&digits, p, point)
    } else {
        truncate(&digits, p, point)
    }
}

/// Appends `digits` as ASCII.
pub(crate) fn push_digits(out: &mut alloc::string::String, digits: &[u8]) {
    out.extend(digits.iter().map(|&d| char::from(b'0' + d)));
}

/// `x` as `core::fmt`'s `{}` writes a double: the shortest digits, never an
/// exponent (`0.0001`, `1000000000000000000000`, `-0`, `inf`, `NaN`).
pub(crate) fn display(x: f64) -> alloc::string::String {
    let mut out = alloc::string::String::new();
    if x.is_nan() {
        out.push_str("NaN");
        return out;
    }
    if x.is_sign_negative() {
        out.push('-');
    }
    if x.is_infinite() {
        out.push_str("inf");
        return out;
    }
    if x == 0.0 {
        out.push('0');
        return out;
    }
    let (digits, point) = shortest(x, Tie::Up);
    if point <= 0 {
        out.push_str("0.");
        out.extend(core::iter::repeat_n('0', point.unsigned_abs() as usize));
        push_digits(&mut out, &digits);
    } else {
        let point = point as usize;
        for i in 0..digits.len().max(point) {
            if i == point {
                out.push('.');
            }
            out.push(char::from(b'0' + digits.get(i).copied().unwrap_or(0)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::String;
    use proptest::prelude::*;

    fn same(text: &str) {
        let want = text.parse::<f64>().ok();
        let got = parse_f64(text);
        assert_eq!(
            got.map(f64::to_bits),
            want.map(f64::to_bits),
            "{text}: got {got:?}, want {want:?}"
        );
    }

    #[test]
    fn agrees_with_core_on_hard_cases() {
        for t in [
            "0",
            "-0",
            "1",
            "5",
            "2.5",
            "0.33",
            "1e22",
            "1e23",
            "9007199254740993",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "1e309",
            "1e-400",
            "0.1",
            "0.3",
            "123456789012345678901234567890",
            "1424953923781206.25",
            "5e-324",
            "8.98846567431158e307",
            "0.000000000000000000000000000000000001",
            "1.0000000000000002",
            "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124",
            "1.00000000000000011102230246251565404236316680908203126",
            "9007199254740992.5",
            "9007199254740993.5",
            ".5",
            "5.",
            "+1",
            "1E5",
            "1e-5",
        ] {
            same(t);
        }
        for bad in [
            "", "-", ".", "e5", "1e", "1e+", "abc", "NaN", "inf", "1.2.3", "1 ",
        ] {
            assert_eq!(parse_f64(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_long_tail_breaks_a_tie_upwards() {
        // Exactly halfway between 1 and the next double, then a 1 far away.
        let mut t = String::from("1.00000000000000011102230246251565404236316680908203125");
        t.push_str(&"0".repeat(900));
        t.push('1');
        same(&t);
    }

    proptest! {
        #[test]
        fn round_trips_every_double(bits in any::<u64>()) {
            let x = f64::from_bits(bits);
            prop_assume!(x.is_finite());
            for t in [format!("{x:e}"), format!("{x}"), format!("{x:.20e}"), format!("{x:.3e}")] {
                same(&t);
            }
        }

        #[test]
        fn agrees_with_core_on_decimal_text(
            int in "[0-9]{0,30}", frac in "[0-9]{0,30}", exp in -400i32..400,
        ) {
            prop_assume!(!(int.is_empty() && frac.is_empty()));
            same(&format!("{int}.{frac}e{exp}"));
            same(&format!("{int}{frac}"));
        }

        /// Exact halfway points between two doubles: an odd 54-bit integer
        /// times a power of two, written out exactly in decimal.
        #[test]
        fn agrees_with_core_on_exact_ties(n in (1u128 << 53)..(1u128 << 54), k in 0u32..70) {
            let n = n | 1;
            same(&format!("{}", n << k));
            if k <= 30 {
                // n × 2^-k = n × 5^k / 10^k.
                let digits = format!("{:0>width$}", n * 5u128.pow(k), width = k as usize + 1);
                let (int, frac) = digits.split_at(digits.len() - k as usize);
                same(&format!("{int}.{frac}"));
                same(&format!("{int}.{frac}e-300"));
                same(&format!("{int}{frac}e-{}", 300 + k));
            }
        }
    }

    /// Doubles spread over every exponent and mantissa pattern (xorshift),
    /// with integers and short decimals.
    fn sample_doubles() -> Vec<f64> {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut out = Vec::new();
        while out.len() < 20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let x = f64::from_bits(state);
            if x.is_finite() {
                out.push(x);
            }
        }
        for i in 0..1000u32 {
            out.extend([
                f64::from(i),
                f64::from(i) / 100.0,
                f64::from(i) * 1e17,
                -f64::from(i) / 7.0,
            ]);
        }
        // 17-digit values that are exact ties at 16 digits, and doubles
        // past 2^53 whose shortest form has a tie.
        out.extend([
            1234567890123456.5,
            1e21,
            1e22,
            1e23,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            -0.0,
        ]);
        out.extend((0..500u64).map(|i| (1u64 << 52) as f64 + i as f64 + 0.5));
        out.extend((0..500u64).map(|i| f64::from_bits(0x4340_0000_0000_0000 + i)));
        out
    }

    #[test]
    fn display_agrees_with_core_fmt() {
        for x in sample_doubles() {
            assert_eq!(display(x), format!("{x}"), "{:x}", x.to_bits());
        }
    }

    #[test]
    fn rounded_agrees_with_core_fmt() {
        for x in sample_doubles()
            .into_iter()
            .filter(|x| x.is_finite() && *x != 0.0)
        {
            for p in [1, 2, 16, 17] {
                let (digits, point) = rounded(x, p);
                let mut text = String::new();
                push_digits(&mut text, &digits);
                let want = format!("{:.*e}", p - 1, x.abs());
                let (mantissa, exp) = want.split_once('e').unwrap();
                let mantissa: String = mantissa.chars().filter(|c| *c != '.').collect();
                assert_eq!(text, mantissa.trim_end_matches('0'), "{want}");
                assert_eq!(point - 1, exp.parse::<i32>().unwrap(), "{want}");
            }
        }
    }
}
