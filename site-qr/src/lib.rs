//! The verifier site's QR code reader: rqrr, and an own search for the
//! finder patterns of small and turned codes. A WebAssembly module of its
//! own, which the site loads (`site/static/qr-reader.js`) the first time
//! the camera starts or a picture is opened: rqrr's Reed-Solomon decoding
//! brings a 64 KB multiplication table that no other input needs. Pure
//! functions, tested natively (here and in the site's `qr` tests, which
//! photograph its own share codes).

use wasm_bindgen::prelude::wasm_bindgen;

/// Reads the first QR code in an RGBA picture (`width × height` pixels, row
/// by row, as a canvas's `ImageData` holds it) and returns its text. The
/// browser's decoders and the camera give RGBA; the search wants grey.
#[wasm_bindgen(js_name = decodeRgba)]
pub fn decode_rgba(rgba: &[u8], width: u32, height: u32) -> Option<String> {
    let (width, height) = (width as usize, height as usize);
    if rgba.len() != width.checked_mul(height)?.checked_mul(4)? {
        return None;
    }
    let pixels: Vec<u8> = rgba
        .chunks_exact(4)
        .map(|p| {
            // ITU-R BT.601 luma; transparent pixels count as white paper
            // (a video frame is opaque, so this is its plain luma).
            let [r, g, b, a] = [p[0], p[1], p[2], p[3]].map(u32::from);
            let y = (299 * r + 587 * g + 114 * b) / 1000;
            ((y * a + 255 * (255 - a)) / 255) as u8
        })
        .collect();
    decode(width, height, &pixels)
}

/// Finds the first readable QR code in a grey-scale picture and returns its
/// text: first with rqrr's own search, then with [`finder_search`], which
/// reads the tilted and small codes that rqrr's search misses.
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
        .or_else(|| finder_search(width, height, pixels))
}

/// A black-and-white picture: `true` for dark.
struct Binary {
    w: usize,
    h: usize,
    dark: Vec<bool>,
}

impl Binary {
    /// Each pixel against the mean of a square around it (a side of an
    /// eighth of the picture's smaller side): light and shade across a
    /// photo do not matter, only contrast with the surroundings does.
    fn of(w: usize, h: usize, pixels: &[u8]) -> Binary {
        // Summed-area table, (w + 1) × (h + 1).
        let mut sum = vec![0u32; (w + 1) * (h + 1)];
        for y in 0..h {
            let mut row = 0u32;
            for x in 0..w {
                row += u32::from(pixels[y * w + x]);
                sum[(y + 1) * (w + 1) + x + 1] = sum[y * (w + 1) + x + 1] + row;
            }
        }
        let r = (w.min(h) / 16).max(4);
        let mut dark = vec![false; w * h];
        for y in 0..h {
            let (y0, y1) = (y.saturating_sub(r), (y + r + 1).min(h));
            for x in 0..w {
                let (x0, x1) = (x.saturating_sub(r), (x + r + 1).min(w));
                let total = sum[y1 * (w + 1) + x1] + sum[y0 * (w + 1) + x0]
                    - sum[y0 * (w + 1) + x1]
                    - sum[y1 * (w + 1) + x0];
                let n = ((y1 - y0) * (x1 - x0)) as u64;
                // Darker than 90% of the mean around it.
                dark[y * w + x] = u64::from(pixels[y * w + x]) * n * 10 < u64::from(total) * 9;
            }
        }
        Binary { w, h, dark }
    }

    fn at(&self, x: f64, y: f64) -> bool {
        if x < 0.0 || y < 0.0 || x >= self.w as f64 || y >= self.h as f64 {
            return false;
        }
        self.dark[y as usize * self.w + x as usize]
    }

    /// The five runs dark, light, dark, light, dark through `(x, y)` (in the
    /// middle one) along the step `(dx, dy)`, each at most `max` long, and
    /// where the middle run's centre is (from `(x, y)`, in steps).
    fn runs(&self, x: f64, y: f64, dx: f64, dy: f64, max: f64) -> ([f64; 5], f64) {
        let mut runs = [0f64; 5];
        // Back from the centre: the middle run's first half, then light, dark.
        let mut t = 0.0;
        for (i, want) in [(2, true), (1, false), (0, true)] {
            while self.at(x - t * dx, y - t * dy) == want && runs[i] <= max {
                runs[i] += 1.0;
                t += 1.0;
            }
        }
        let back = runs[2];
        t = 1.0;
        for (i, want) in [(2, true), (3, false), (4, true)] {
            while self.at(x + t * dx, y + t * dy) == want && runs[i] <= max {
                runs[i] += 1.0;
                t += 1.0;
            }
        }
        // The middle run spans -back+1 ..= runs[2]-back along the line.
        (runs, (runs[2] - 1.0) / 2.0 - (back - 1.0))
    }

    /// [`Binary::runs`] if they are a finder pattern's 1:1:3:1:1: the
    /// middle's offset and the module size.
    fn finder_runs(&self, x: f64, y: f64, dx: f64, dy: f64, max: f64) -> Option<(f64, f64)> {
        let (runs, middle) = self.runs(x, y, dx, dy, max);
        Some((middle, finder_ratio(&runs)?))
    }

    /// Where the alignment pattern (a dark module in a light ring in a dark
    /// ring, 5 × 5 modules) may be within `radius` of `(x, y)`, for modules
    /// of about `module`: the (up to) four places nearest to `(x, y)`
    /// whose runs light, dark, light are 1:1:1 across, down and diagonally
    /// (the outer ring may run into dark modules around it). Data modules
    /// can look alike; a wrong one fails to decode.
    fn alignments(&self, x: f64, y: f64, radius: f64, module: f64) -> Vec<(f64, f64)> {
        let is_ring = |runs: &[f64; 5], m: f64| {
            runs[1..4].iter().all(|r| *r > m * 0.4 && *r < m * 1.7)
                && runs[0] > m * 0.4
                && runs[4] > m * 0.4
        };
        let mut best: Vec<(f64, f64, f64)> = Vec::new();
        let (y0, y1) = (
            (y - radius).max(0.0) as usize,
            (y + radius).min(self.h as f64) as usize,
        );
        let (x0, x1) = (
            (x - radius).max(0.0) as usize,
            (x + radius).min(self.w as f64) as usize,
        );
        for row in y0..y1 {
            for col in x0..x1 {
                // Only the first pixel of a dark run, then its whole runs.
                if !self.dark[row * self.w + col] || (col > x0 && self.dark[row * self.w + col - 1])
                {
                    continue;
                }
                let (across, dx) = self.runs(col as f64, row as f64, 1.0, 0.0, module * 3.0);
                if !is_ring(&across, module) {
                    continue;
                }
                let cx = col as f64 + dx;
                let (down, dy) = self.runs(cx, row as f64, 0.0, 1.0, module * 3.0);
                let cy = row as f64 + dy;
                if !is_ring(&down, module)
                    || !is_ring(&self.runs(cx, cy, 1.0, 1.0, module * 3.0).0, module * 1.41)
                    || best.iter().any(|b| length(b.0 - cx, b.1 - cy) < module)
                {
                    continue;
                }
                best.push((cx, cy, length(cx - x, cy - y)));
                if best.len() > 4 {
                    if let Some(far) =
                        (0..best.len()).max_by(|&a, &b| best[a].2.total_cmp(&best[b].2))
                    {
                        best.swap_remove(far);
                    }
                }
            }
        }
        best.into_iter().map(|(cx, cy, _)| (cx, cy)).collect()
    }
}

/// The length of a vector (`sqrt` is one WebAssembly instruction; `hypot`
/// would bring a library function).
fn length(x: f64, y: f64) -> f64 {
    (x * x + y * y).sqrt()
}

/// The module size if `runs` are 1:1:3:1:1 within half a module.
fn finder_ratio(runs: &[f64; 5]) -> Option<f64> {
    let total: f64 = runs.iter().sum();
    let m = total / 7.0;
    if total < 7.0 || runs.contains(&0.0) {
        return None;
    }
    let tol = m * 0.6;
    let ok = [1.0, 1.0, 3.0, 1.0, 1.0]
        .iter()
        .zip(runs)
        .all(|(want, run)| (run - want * m).abs() < want * tol);
    ok.then_some(m)
}

/// A finder pattern (one of a code's three big corner squares): its centre,
/// module size and in how many rows it was seen.
#[derive(Clone, Copy, Debug)]
struct Finder {
    x: f64,
    y: f64,
    module: f64,
    seen: usize,
}

/// Finder patterns of a binarised picture: every row is scanned for runs of
/// 1:1:3:1:1, which every line through a finder pattern's centre has at any
/// angle; each hit is checked across (vertically, then horizontally again).
fn finders(b: &Binary) -> Vec<Finder> {
    let mut found: Vec<Finder> = Vec::new();
    for y in 0..b.h {
        let row = &b.dark[y * b.w..(y + 1) * b.w];
        // Run lengths of the row, starting with whatever colour is first.
        let mut runs: Vec<(usize, usize)> = Vec::new(); // (start, length)
        let mut start = 0;
        for x in 1..=row.len() {
            if x == row.len() || row[x] != row[start] {
                runs.push((start, x - start));
                start = x;
            }
        }
        for i in 0..runs.len().saturating_sub(4) {
            if !row[runs[i].0] {
                continue;
            }
            let lengths = [0, 1, 2, 3, 4].map(|k| runs[i + k].1 as f64);
            let Some(m) = finder_ratio(&lengths) else {
                continue;
            };
            let cx = runs[i + 2].0 as f64 + runs[i + 2].1 as f64 / 2.0;
            let Some((dy, mv)) = b.finder_runs(cx, y as f64, 0.0, 1.0, m * 5.0) else {
                continue;
            };
            let cy = y as f64 + dy;
            let Some((dx, mh)) = b.finder_runs(cx, cy, 1.0, 0.0, m * 5.0) else {
                continue;
            };
            let (cx, module) = (cx + dx, (m + mv + mh) / 3.0);
            match found.iter_mut().find(|f| {
                length(f.x - cx, f.y - cy) < module * 3.0 && (f.module / module - 1.0).abs() < 0.5
            }) {
                Some(f) => {
                    let n = f.seen as f64;
                    f.x = (f.x * n + cx) / (n + 1.0);
                    f.y = (f.y * n + cy) / (n + 1.0);
                    f.module = (f.module * n + module) / (n + 1.0);
                    f.seen += 1;
                }
                None => found.push(Finder {
                    x: cx,
                    y: cy,
                    module,
                    seen: 1,
                }),
            }
        }
    }
    found.retain(|f| f.seen >= 2);
    // The 12 seen in most rows (a selection, not a sort: a sort's code
    // would weigh more in the site's download than this whole search).
    while found.len() > 12 {
        if let Some(least) = (0..found.len()).min_by_key(|&i| found[i].seen) {
            found.swap_remove(least);
        }
    }
    found
}

/// A code's modules read from a picture through a projective map
/// `[a, b, c, d, e, f, g, h]` from module coordinates `(u, v)`:
/// `x = (a u + b v + c) / (g u + h v + 1)`, `y = (d u + e v + f) / (…)`.
struct Sampled<'a> {
    b: &'a Binary,
    size: usize,
    map: [f64; 8],
}

impl rqrr::BitGrid for Sampled<'_> {
    fn size(&self) -> usize {
        self.size
    }

    fn bit(&self, y: usize, x: usize) -> bool {
        let [a, b, c, d, e, f, g, h] = self.map;
        let (u, v) = (x as f64 + 0.5, y as f64 + 0.5);
        let w = g * u + h * v + 1.0;
        self.b.at((a * u + b * v + c) / w, (d * u + e * v + f) / w)
    }
}

/// The projective map that takes the four module coordinates `from` to the
/// picture points `to`; `None` when they are degenerate.
fn projective(from: [(f64, f64); 4], to: [(f64, f64); 4]) -> Option<[f64; 8]> {
    // Eight linear equations, two a point, solved by Gaussian elimination.
    let mut m = [[0f64; 9]; 8];
    for (i, ((u, v), (x, y))) in from.into_iter().zip(to).enumerate() {
        m[2 * i] = [u, v, 1.0, 0.0, 0.0, 0.0, -u * x, -v * x, x];
        m[2 * i + 1] = [0.0, 0.0, 0.0, u, v, 1.0, -u * y, -v * y, y];
    }
    for col in 0..8 {
        let pivot = (col..8).max_by(|&a, &b| m[a][col].abs().total_cmp(&m[b][col].abs()))?;
        if m[pivot][col].abs() < 1e-9 {
            return None;
        }
        m.swap(col, pivot);
        let pivot_row = m[col];
        for (row, equation) in m.iter_mut().enumerate() {
            if row != col {
                let k = equation[col] / pivot_row[col];
                for (value, p) in equation.iter_mut().zip(pivot_row).skip(col) {
                    *value -= k * p;
                }
            }
        }
    }
    let mut map = [0f64; 8];
    for (i, value) in map.iter_mut().enumerate() {
        *value = m[i][8] / m[i][i];
    }
    Some(map)
}

/// The second search: finder patterns found by [`finders`], three of them
/// that make a right angle with equal sides taken as a code's corners, and
/// the code read at the size their distance gives and at its neighbours,
/// through the perspective that the alignment pattern near the fourth
/// corner gives (a code held at an angle), else as a parallelogram.
/// rqrr's own search estimates a code's corners from each finder pattern's
/// outline, which a pixel off in a small or turned code throws far off.
pub fn finder_search(width: usize, height: usize, pixels: &[u8]) -> Option<String> {
    // The summed-area table of `Binary::of` holds up to 16 million pixels
    // in `u32` (the site scans at most 1920 × 1920).
    if width * height > 16_000_000 {
        return None;
    }
    let b = Binary::of(width, height, pixels);
    let found = finders(&b);
    let mut triples = Vec::new();
    for (i, corner) in found.iter().enumerate() {
        for (j, p) in found.iter().enumerate() {
            for (k, q) in found.iter().enumerate().skip(j + 1) {
                if i == j || i == k {
                    continue;
                }
                let a = (p.x - corner.x, p.y - corner.y);
                let c = (q.x - corner.x, q.y - corner.y);
                let (la, lc) = (length(a.0, a.1), length(c.0, c.1));
                let cos = (a.0 * c.0 + a.1 * c.1) / (la * lc);
                let ratio = la.min(lc) / la.max(lc);
                let modules = [corner.module, p.module, q.module];
                let (lo, hi) = (
                    modules.iter().cloned().fold(f64::MAX, f64::min),
                    modules.iter().cloned().fold(0.0, f64::max),
                );
                if cos.abs() < 0.25 && ratio > 0.75 && hi / lo < 1.6 && la.min(lc) > 10.0 * lo {
                    triples.push(((1.0 - ratio) + cos.abs(), i, j, k));
                }
            }
        }
    }
    // The six best (lowest) scores, best first.
    for _ in 0..6 {
        let Some(best) = (0..triples.len()).min_by(|&a, &b| triples[a].0.total_cmp(&triples[b].0))
        else {
            break;
        };
        let (_, i, j, k) = triples.swap_remove(best);
        let corner = found[i];
        let (mut right, mut down) = (found[j], found[k]);
        // Right before down, clockwise in picture coordinates (y downwards).
        if (right.x - corner.x) * (down.y - corner.y) - (right.y - corner.y) * (down.x - corner.x)
            < 0.0
        {
            core::mem::swap(&mut right, &mut down);
        }
        // Runs were measured along rows and columns: across a code turned by
        // an angle they are longer than a module by 1 / max(|cos|, |sin|).
        let (dx, dy) = (right.x - corner.x, right.y - corner.y);
        let turn = dx.abs().max(dy.abs()) / length(dx, dy);
        let module = (corner.module * 2.0 + right.module + down.module) / 4.0 * turn;
        let across =
            (length(dx, dy) + length(down.x - corner.x, down.y - corner.y)) / 2.0 / module + 7.0;
        // The nearest size 17 + 4v first, then the ones around it.
        let nearest = ((across - 17.0) / 4.0 + 0.5).floor() as i64 * 4 + 17;
        let (tl, tr, bl) = ((corner.x, corner.y), (right.x, right.y), (down.x, down.y));
        // The fourth corner of the parallelogram the finder patterns span.
        let opposite = (tr.0 + bl.0 - tl.0, tr.1 + bl.1 - tl.1);
        // A code turned towards or away from the camera: the alignment
        // pattern near the fourth corner (its centre 6.5 modules in,
        // versions 2 and up) gives the perspective.
        let alignments = if nearest > 21 {
            let n = nearest as f64;
            let k = (n - 10.0) / (n - 7.0);
            let side = length(dx, dy);
            b.alignments(
                tl.0 + k * (opposite.0 - tl.0),
                tl.1 + k * (opposite.1 - tl.1),
                side * 0.1 + module * 3.0,
                module,
            )
        } else {
            Vec::new()
        };
        for size in [nearest, nearest - 4, nearest + 4, nearest + 8, nearest - 8] {
            if !(21..=177).contains(&size) {
                continue;
            }
            let n = size as f64;
            // Finder pattern centres are 3.5 modules in.
            let (a, c) = ((3.5, 3.5), [(n - 3.5, 3.5), (3.5, n - 3.5)]);
            let mut maps: Vec<[f64; 8]> = Vec::new();
            if size > 21 {
                for found in &alignments {
                    maps.extend(projective(
                        [a, c[0], c[1], (n - 6.5, n - 6.5)],
                        [tl, tr, bl, *found],
                    ));
                }
            }
            maps.extend(projective(
                [a, c[0], c[1], (n - 3.5, n - 3.5)],
                [tl, tr, bl, opposite],
            ));
            for map in maps {
                let grid = Sampled {
                    b: &b,
                    size: size as usize,
                    map,
                };
                if let Ok((_, text)) = rqrr::Grid::new(grid).decode() {
                    return Some(text);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use qrcode::{Color, EcLevel, QrCode};

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

    /// RGBA as a canvas gives it: grey on opaque pixels, transparent ones
    /// white (a PNG code drawn on a transparent background).
    #[test]
    fn rgba_pictures() {
        let text = "https://verify.example/#vc=abcDEF123";
        let (side, pixels) = raster(text, 4);
        let opaque: Vec<u8> = pixels.iter().flat_map(|&y| [y, y, y, 255]).collect();
        assert_eq!(
            decode_rgba(&opaque, side as u32, side as u32).as_deref(),
            Some(text)
        );
        let transparent: Vec<u8> = pixels
            .iter()
            .flat_map(|&y| if y == 0 { [0, 0, 0, 255] } else { [0, 0, 0, 0] })
            .collect();
        assert_eq!(
            decode_rgba(&transparent, side as u32, side as u32).as_deref(),
            Some(text)
        );
        assert_eq!(decode_rgba(&opaque[1..], side as u32, side as u32), None);
        assert_eq!(decode_rgba(&[], u32::MAX, u32::MAX), None);
    }
}
