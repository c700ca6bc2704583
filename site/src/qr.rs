//! QR codes: drawing the share link as SVG (qrcode) and how large it must
//! be printed. Pure functions, tested natively. Reading codes from pictures
//! is the QR reader's (`site-qr/`, a module of its own that the page loads
//! when the camera starts or a picture is opened: see `browser::qr_reader`);
//! the tests here read our own codes back with it.

use qrcode::bits::Bits;
use qrcode::{Color, EcLevel, QrCode, Version};

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
    /// Side of the code itself in modules (without the quiet zone).
    pub width: usize,
    /// Its modules row by row, `true` for dark.
    pub dark: Vec<bool>,
}

/// The largest QR version drawn at level M: 117 modules, 6.3 cm printed
/// with its quiet zone at the 0.5 mm a module of [`MIN_MODULE_UM`]. A text
/// that needs more at M is drawn at
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
        width,
        dark: colors.iter().map(|c| *c == Color::Dark).collect(),
    })
}

/// Width of the quiet zone, the white margin a reader needs around a code,
/// in modules (ISO/IEC 18004).
pub const QUIET_ZONE: usize = 4;

/// The smallest module that a phone camera reads reliably from paper at a
/// normal reading distance (15 to 30 cm, focus and a little blur
/// included), in micrometres. Most guides say 0.3 to 0.5 mm; codes of the
/// size of a verification link (versions 20 to 25) are read at the
/// upper end, so a CV's code is printed at 0.5 mm a module.
pub const MIN_MODULE_UM: usize = 500;

/// Pixels per module of the downloadable PNG: 12 pixels for the 0.5 mm of
/// [`MIN_MODULE_UM`] are 610 dpi at the smallest print size, sharp on any
/// printer, and still about 50 dpi more than needed at twice the size.
pub const PNG_PX_PER_MODULE: usize = 12;

impl Svg {
    /// The narrowest a printout of this code should be, in whole
    /// millimetres (rounded up): every module, the quiet zone on both
    /// sides included, at [`MIN_MODULE_UM`]. The downloaded SVG and PNG
    /// include the quiet zone, so this is the width of the picture itself.
    /// A version 23 code (109 modules, 117 with the quiet zone) needs
    /// 58.5, so 59 mm; version 1 (21 modules, 29) 15 mm.
    pub fn min_print_mm(&self) -> usize {
        (self.size * MIN_MODULE_UM).div_ceil(1000)
    }

    /// The dark modules as horizontal runs `(x, y, length)` in view-box
    /// coordinates (quiet zone included), row by row.
    pub fn runs(&self) -> Vec<(usize, usize, usize)> {
        let mut runs = Vec::new();
        for (y, row) in self.dark.chunks(self.width.max(1)).enumerate() {
            let mut x = 0;
            while x < row.len() {
                if row[x] {
                    let start = x;
                    while x < row.len() && row[x] {
                        x += 1;
                    }
                    runs.push((start + QUIET_ZONE, y + QUIET_ZONE, x - start));
                } else {
                    x += 1;
                }
            }
        }
        runs
    }

    /// The code as a standalone SVG file: black modules on white, the
    /// quiet zone included, `crispEdges` so that no renderer blurs module
    /// edges, and a physical size of [`Svg::min_print_mm`] so that a word
    /// processor places it at its smallest readable size. Nothing but a
    /// rectangle and one path (no script, no fonts, no links).
    pub fn file(&self) -> String {
        let n = self.size;
        let mm = self.min_print_mm();
        let mut d = String::new();
        for (x, y, len) in self.runs() {
            d.push_str(&format!("M{x} {y}h{len}v1h-{len}z"));
        }
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" \
             width=\"{mm}mm\" height=\"{mm}mm\" viewBox=\"0 0 {n} {n}\" \
             shape-rendering=\"crispEdges\">\n\
             <rect width=\"{n}\" height=\"{n}\" fill=\"#fff\"/>\n\
             <path fill=\"#000\" d=\"{d}\"/>\n</svg>\n"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mcx_site_qr::{decode, finder_search};

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

    /// A photo of a printed code: a `frame_w`×`frame_h` grey picture of a
    /// desk (grey 110) with the code on white paper (235, ink 35), its side
    /// (quiet zone included) `code_px` pixels, turned by `degrees` about
    /// the middle of the frame. Each pixel averages 2×2 samples, as a
    /// camera's sensor does.
    fn photo(svg: &Svg, frame_w: usize, frame_h: usize, code_px: f64, degrees: f64) -> Vec<u8> {
        tilted_photo(svg, frame_w, frame_h, code_px, degrees, 0.0)
    }

    /// [`photo`] with the paper also tilted back by `tilt` degrees (its top
    /// edge away from the camera), through a lens with a focal length of
    /// 1500 pixels, as a phone's at 1920×1080.
    fn tilted_photo(
        svg: &Svg,
        frame_w: usize,
        frame_h: usize,
        code_px: f64,
        degrees: f64,
        tilt: f64,
    ) -> Vec<u8> {
        let focal = 1500.0;
        let (tilt_sin, tilt_cos) = tilt.to_radians().sin_cos();
        let (sin, cos) = degrees.to_radians().sin_cos();
        let (cx, cy) = (frame_w as f64 / 2.0, frame_h as f64 / 2.0);
        let module = code_px / svg.size as f64;
        let n = svg.size as f64;
        let mut pixels = vec![0u8; frame_w * frame_h];
        for py in 0..frame_h {
            for px in 0..frame_w {
                let mut sum = 0.0;
                for sy in 0..2 {
                    for sx in 0..2 {
                        let x = px as f64 + (sx as f64 + 0.5) / 2.0 - cx;
                        let y = py as f64 + (sy as f64 + 0.5) / 2.0 - cy;
                        // Back from the picture onto the tilted paper.
                        let y = y * focal / (focal * tilt_cos - y * tilt_sin);
                        let x = x * (focal + y * tilt_sin) / focal;
                        // Into the code's own coordinates, in modules.
                        let u = (x * cos + y * sin) / module + n / 2.0;
                        let v = (-x * sin + y * cos) / module + n / 2.0;
                        sum += if !(0.0..n).contains(&u) || !(0.0..n).contains(&v) {
                            110.0
                        } else {
                            let (mx, my) = (u as usize, v as usize);
                            let inside = (QUIET_ZONE..QUIET_ZONE + svg.width).contains(&mx)
                                && (QUIET_ZONE..QUIET_ZONE + svg.width).contains(&my);
                            if inside && svg.dark[(my - QUIET_ZONE) * svg.width + mx - QUIET_ZONE] {
                                35.0
                            } else {
                                235.0
                            }
                        };
                    }
                }
                pixels[py * frame_w + px] = (sum / 4.0) as u8;
            }
        }
        pixels
    }

    /// Issue 15: a phone or laptop camera sees a CV's code small, turned
    /// and tilted. Share codes the size of the demo credentials' (versions 23
    /// and 25), a fifth of a 1920×1080 frame wide (3.1 to 3.3 pixels a
    /// module), turned by 15°, 40° and more, are read; rqrr's own search
    /// alone misses most of the turned ones.
    #[test]
    fn reads_small_turned_codes() {
        for repeat in [250, 283] {
            let text = format!(
                "https://verify.microcredx.eu/#vc=1:{}",
                "AZ27QX".repeat(repeat)
            );
            let svg = encode(&text).unwrap();
            assert_eq!(svg.version, if repeat == 250 { 23 } else { 25 });
            for degrees in [0.0, 15.0, 40.0, 75.0, 200.0] {
                let frame = photo(&svg, 1920, 1080, 1920.0 / 5.0, degrees);
                let label = format!("version {} at {degrees}°", svg.version);
                assert_eq!(
                    finder_search(1920, 1080, &frame).as_deref(),
                    Some(text.as_str()),
                    "{label}"
                );
                assert_eq!(
                    decode(1920, 1080, &frame).as_deref(),
                    Some(text.as_str()),
                    "{label}"
                );
            }
        }
        // Held at an angle: the paper tilted back by up to 20°, and turned.
        let text = format!(
            "https://verify.microcredx.eu/#vc=1:{}",
            "AZ27QX".repeat(250)
        );
        let svg = encode(&text).unwrap();
        for (code_px, degrees, tilt) in [
            (384.0, 0.0, 10.0),
            (384.0, 15.0, 20.0),
            (500.0, 0.0, 20.0),
            (500.0, 15.0, 10.0),
        ] {
            let frame = tilted_photo(&svg, 1920, 1080, code_px, degrees, tilt);
            let label = format!("{code_px} pixels, turned {degrees}°, tilted {tilt}°");
            assert_eq!(
                finder_search(1920, 1080, &frame).as_deref(),
                Some(text.as_str()),
                "{label}"
            );
        }
        // A 1280×720 camera: the same code a third of the frame wide.
        let text = format!(
            "https://verify.microcredx.eu/#vc=1:{}",
            "AZ27QX".repeat(250)
        );
        let svg = encode(&text).unwrap();
        let frame = photo(&svg, 1280, 720, 1280.0 / 3.0, 15.0);
        assert_eq!(decode(1280, 720, &frame).as_deref(), Some(text.as_str()));
    }

    #[test]
    fn print_size_and_svg_file() {
        let svg = encode("hello").unwrap();
        // 21 modules and 2 × 4 of quiet zone at 0.5 mm: 14.5, so 15 mm.
        assert_eq!(svg.min_print_mm(), 15);
        let file = svg.file();
        assert!(file.starts_with(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""
        ));
        assert!(file.contains(
            " width=\"15mm\" height=\"15mm\" viewBox=\"0 0 29 29\" shape-rendering=\"crispEdges\""
        ));
        assert!(file.contains("<rect width=\"29\" height=\"29\" fill=\"#fff\"/>"));
        assert!(!file.contains("script") && !file.contains("href"));
        // The top-left finder pattern's first row: one run of 7 modules.
        assert!(file.contains("d=\"M4 4h7v1h-7z"));
        // The runs cover exactly the dark modules.
        let dark: usize = svg.runs().iter().map(|r| r.2).sum();
        assert_eq!(dark, svg.dark.iter().filter(|d| **d).count());
        assert_eq!(dark, svg.path.matches('M').count());
    }
}
