//! QR codes: reading them from pictures (rqrr) and drawing the share link
//! as SVG path data (qrcode). Pure functions, tested natively.

use qrcode::bits::Bits;
use qrcode::{Color, EcLevel, QrCode, Version};

/// Finds the first readable QR code in a grey-scale picture and returns its
/// text.
pub fn decode(width: usize, height: usize, pixels: &[u8]) -> Option<String> {
    if width == 0 || height == 0 || pixels.len() != width.checked_mul(height)? {
        return None;
    }
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| {
        pixels.get(y * width + x).copied().unwrap_or(255)
    });
    image
        .detect_grids()
        .into_iter()
        .find_map(|grid| grid.decode().ok().map(|(_, text)| text))
}

/// The smallest QR code of `text` at level `ec`. A verification link for a
/// QR code (`…#vc=1:<base32>`) is written as two segments: its payload in
/// alphanumeric mode, the rest in byte mode. The encoder's own choice of
/// modes splits the digits of base32 off into short segments of their own
/// and makes such a code several versions larger.
fn code_at(text: &str, ec: EcLevel) -> Option<QrCode> {
    let payload = text.find("#vc=1:").map(|i| i + "#vc=".len());
    let Some((head, tail)) = payload.map(|i| text.split_at(i)) else {
        return QrCode::with_error_correction_level(text.as_bytes(), ec).ok();
    };
    // QR's alphanumeric mode: digits, upper-case letters, space and $%*+-./:
    let alphanumeric =
        |b: u8| b.is_ascii_digit() || b.is_ascii_uppercase() || b":. $%*+-/".contains(&b);
    if !tail.bytes().all(alphanumeric) {
        return QrCode::with_error_correction_level(text.as_bytes(), ec).ok();
    }
    (1..=40).find_map(|v| {
        let mut bits = Bits::new(Version::Normal(v));
        bits.push_byte_data(head.as_bytes()).ok()?;
        bits.push_alphanumeric_data(tail.as_bytes()).ok()?;
        bits.push_terminator(ec).ok()?;
        QrCode::with_bits(bits, ec).ok()
    })
}

/// A QR code as SVG: the side length in modules (with a 4-module quiet
/// zone) and one path drawing every dark module; its version and
/// error-correction level, which say how large it must be printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Svg {
    /// Side of the square view box.
    pub size: usize,
    /// `d` attribute of the path.
    pub path: String,
    /// QR version, 1 (21 modules) to 40 (177 modules).
    pub version: i16,
    /// Error-correction level: `M` (a code stays readable with 15% of it
    /// damaged, as printed ones get) or, for a long text, `L`.
    pub level: char,
}

/// The largest QR version drawn at level M: 117 modules, about 3.5 cm
/// printed at 0.3 mm a module. A text that needs more at M is drawn at
/// level L, the smallest code for it (its modules get no smaller).
const MAX_VERSION_AT_M: i16 = 25;

/// Draws `text` as a QR code: at error-correction level M if that is at
/// most version 25, else at level L; `None` when it fits no QR code. The
/// encoder picks the smallest version and mixes modes (a link's base32
/// payload goes in alphanumeric mode).
pub fn encode(text: &str) -> Option<Svg> {
    let version_of = |code: &QrCode| match code.version() {
        Version::Normal(v) => v,
        Version::Micro(_) => i16::MAX,
    };
    let (code, level) = match code_at(text, EcLevel::M) {
        Some(m) if version_of(&m) <= MAX_VERSION_AT_M => (m, 'M'),
        _ => (code_at(text, EcLevel::L)?, 'L'),
    };
    let version = version_of(&code);
    let width = code.width();
    let colors = code.to_colors();
    let quiet = 4;
    let mut path = String::new();
    for (i, color) in colors.iter().enumerate() {
        if *color == Color::Dark {
            let x = i % width + quiet;
            let y = i / width + quiet;
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    Some(Svg {
        size: width + 2 * quiet,
        path,
        version,
        level,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rasterises an encoded code at `scale` pixels per module.
    fn raster(text: &str, scale: usize) -> (usize, Vec<u8>) {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L).unwrap();
        let width = code.width();
        let colors = code.to_colors();
        let side = (width + 8) * scale;
        let mut pixels = vec![255u8; side * side];
        for y in 0..side {
            for x in 0..side {
                let (mx, my) = (x / scale, y / scale);
                let inside = (4..width + 4).contains(&mx) && (4..width + 4).contains(&my);
                if inside && colors[(my - 4) * width + (mx - 4)] == Color::Dark {
                    pixels[y * side + x] = 0;
                }
            }
        }
        (side, pixels)
    }

    #[test]
    fn round_trip() {
        let text = "https://verify.example/#vc=abcDEF123";
        let (side, pixels) = raster(text, 4);
        assert_eq!(decode(side, side, &pixels).as_deref(), Some(text));
    }

    #[test]
    fn nothing_in_a_blank_picture() {
        assert_eq!(decode(50, 50, &[255; 2500]), None);
        assert_eq!(decode(10, 10, &[0; 3]), None);
        assert_eq!(decode(0, 0, &[]), None);
    }

    #[test]
    fn svg_has_quiet_zone_and_modules() {
        let svg = encode("hello").unwrap();
        assert_eq!((svg.version, svg.level), (1, 'M'));
        assert_eq!(svg.size, 21 + 8);
        assert!(svg.path.starts_with("M4 4h1v1h-1z"));
        assert!(encode(&"x".repeat(5000)).is_none());
        // Past version 25 at level M: level L, a smaller code.
        let long = encode(&"x".repeat(1000)).unwrap();
        assert_eq!((long.version, long.level), (22, 'L'));
        let short = encode(&"x".repeat(990)).unwrap();
        assert_eq!((short.version, short.level), (25, 'M'));
    }

    /// The payload of a QR link is in base32, which QR's alphanumeric mode
    /// stores at 5.5 bits a character: far smaller than the same bytes in
    /// base64url, which takes 8.
    #[test]
    fn base32_payloads_make_smaller_codes() {
        // The same 750 bytes in base64url and in base32.
        let b64 = format!("https://verify.example/#vc=1.{}", "aZ-_".repeat(250));
        let b32 = format!("https://verify.example/#vc=1:{}", "AZ27".repeat(300));
        let version = |text: &str| match code_at(text, EcLevel::M).unwrap().version() {
            Version::Normal(v) => v,
            Version::Micro(_) => unreachable!(),
        };
        assert_eq!(version(&b64), 26);
        // The encoder's own mode choice would make it version 29.
        assert_eq!(version(&b32), 23);
        let b = encode(&b32).unwrap();
        assert_eq!((b.version, b.level), (23, 'M'));
        let (side, pixels) = raster_svg(&b);
        assert_eq!(decode(side, side, &pixels).as_deref(), Some(b32.as_str()));
    }

    /// Rasterises a drawn code (its SVG path) at 3 pixels per module.
    fn raster_svg(svg: &Svg) -> (usize, Vec<u8>) {
        let scale = 3;
        let side = svg.size * scale;
        let mut pixels = vec![255u8; side * side];
        for m in svg.path.split('M').filter(|m| !m.is_empty()) {
            let mut xy = m
                .split(|c: char| !c.is_ascii_digit())
                .filter(|t| !t.is_empty());
            let x: usize = xy.next().unwrap().parse().unwrap();
            let y: usize = xy.next().unwrap().parse().unwrap();
            for dy in 0..scale {
                for dx in 0..scale {
                    pixels[(y * scale + dy) * side + x * scale + dx] = 0;
                }
            }
        }
        (side, pixels)
    }
}
