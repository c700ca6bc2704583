//! QR codes: reading them from pictures (rqrr) and drawing the share link
//! as SVG path data (qrcode). Pure functions, tested natively.

use qrcode::{Color, EcLevel, QrCode};

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

/// A QR code as SVG: the side length in modules (with a 4-module quiet
/// zone) and one path drawing every dark module.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Svg {
    /// Side of the square view box.
    pub size: usize,
    /// `d` attribute of the path.
    pub path: String,
}

/// Draws `text` as a QR code (error correction level L, so that long
/// links still fit); `None` when it is too long for any QR version.
pub fn encode(text: &str) -> Option<Svg> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L).ok()?;
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
        assert_eq!(svg.size, 21 + 8);
        assert!(svg.path.starts_with("M4 4h1v1h-1z"));
        assert!(encode(&"x".repeat(5000)).is_none());
    }
}
