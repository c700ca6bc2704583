//! QR codes: reading them from pictures (rqrr, and an own search for the
//! finder patterns of small and turned codes), drawing the share link as
//! SVG (qrcode) and how large it must be printed. Pure functions, tested
//! natively.

use qrcode::bits::Bits;
use qrcode::{Color, EcLevel, QrCode, Version};

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
fn finder_search(width: usize, height: usize, pixels: &[u8]) -> Option<String> {
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
