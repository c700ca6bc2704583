//! The site's own texts (page, input, camera, samples, sharing, portfolio),
//! one file per language (`en.rs`, `de.rs`). The texts of a verification
//! result (verdict, checks, credential fields, EU elements) are shared with
//! the widget and live in `mcx_display::i18n`; the language type is theirs too.

mod de;
mod en;

pub use mcx_display::i18n::{Lang, Texts as ResultTexts};

/// The page texts of a language.
pub fn page(lang: Lang) -> &'static Page {
    match lang {
        Lang::En => &en::PAGE,
        Lang::De => &de::PAGE,
    }
}

/// All page texts of one language.
pub struct Page {
    /// Label of the language switch.
    pub language_label: &'static str,
    /// Product name in the header and the window title.
    pub app_name: &'static str,
    /// Label of the header link back to the start.
    pub home_label: &'static str,
    /// One sentence under it.
    pub tagline: &'static str,
    /// Shown under the tagline.
    pub privacy_note: &'static str,

    /// Heading of the input area.
    pub input_heading: &'static str,
    /// Heading of the input area once a result is shown.
    pub start_over: &'static str,
    /// Label of the paste box.
    pub paste_label: &'static str,
    /// Hint under the paste box.
    pub paste_hint: &'static str,
    /// The check button.
    pub verify_button: &'static str,
    /// Drop zone title.
    pub drop_title: &'static str,
    /// Drop zone hint.
    pub drop_hint: &'static str,
    /// The file picker button.
    pub choose_files: &'static str,
    /// Shown while a drag is over the drop zone.
    pub drop_now: &'static str,
    /// Camera button.
    pub scan_camera: &'static str,
    /// Stop the camera.
    pub stop_camera: &'static str,
    /// While the camera looks for a code.
    pub camera_looking: &'static str,
    /// While the QR code reader loads (the first scan of a visit).
    pub qr_reader_loading: &'static str,
    /// The QR code reader could not be loaded (offline before first use).
    pub qr_reader_failed: &'static str,
    /// No camera at all.
    pub camera_unavailable: &'static str,
    /// Permission denied.
    pub camera_denied: &'static str,
    /// Any other camera failure.
    pub camera_failed: fn(&str) -> String,
    /// Label of the live camera picture.
    pub camera_video_label: &'static str,

    /// Heading of the sample list.
    pub samples_heading: &'static str,
    /// Sentence before the sample list.
    pub samples_intro: &'static str,
    /// Outcome label of a sample, from its expected verdict and code.
    pub sample_outcome: fn(&str, Option<&str>) -> &'static str,

    /// Results region label.
    pub results_label: &'static str,

    /// Heading of the share panel.
    pub share_heading: &'static str,
    /// How the link works.
    pub share_intro: &'static str,
    /// The same, for a short link to a credential hosted by its issuer (`?url=`).
    pub share_intro_hosted: &'static str,
    /// Label of the link field.
    pub share_link_label: &'static str,
    /// Copy button.
    pub copy_link: &'static str,
    /// After copying.
    pub copied: &'static str,
    /// Copying failed.
    pub copy_failed: &'static str,
    /// LinkedIn button.
    pub add_to_linkedin: &'static str,
    /// Hint under the LinkedIn button.
    pub linkedin_hint: &'static str,
    /// Caption of the QR code.
    pub qr_caption: &'static str,
    /// Link too long for a QR code.
    pub qr_too_long: &'static str,
    /// Download button of the QR code as SVG.
    pub download_qr_svg: &'static str,
    /// Download button of the QR code as PNG.
    pub download_qr_png: &'static str,
    /// The smallest print width (in millimetres) of the QR code, next to
    /// its download buttons.
    pub qr_print_size: fn(usize) -> String,
    /// Report download button.
    pub download_report: &'static str,
    /// Summary of the share panel, collapsed on a page opened from a link
    /// (whoever opened it is usually not the holder).
    pub share_collapsed: &'static str,

    /// Portfolio heading.
    pub portfolio_heading: &'static str,
    /// Number of credentials and how many are valid.
    pub portfolio_summary: fn(usize, usize) -> String,
    /// Total ECTS of valid credentials.
    pub portfolio_total: fn(&str) -> String,
    /// Column: issuer.
    pub portfolio_col_issuer: &'static str,
    /// Column: credentials.
    pub portfolio_col_count: &'static str,
    /// Column: ECTS.
    pub portfolio_col_ects: &'static str,
    /// Only valid credentials count.
    pub portfolio_note: &'static str,
    /// Heading of one learner's part of a portfolio.
    pub portfolio_learner: fn(&str) -> String,
    /// Stands in for a learner the credentials do not identify.
    pub portfolio_unknown_learner: &'static str,
    /// A set of credentials of several learners.
    pub portfolio_mixed: fn(usize) -> String,
    /// A learner recognised only by name.
    pub portfolio_by_name: &'static str,
    /// Opens the details of one credential in a list of several.
    pub item_details: &'static str,
    /// Label of one item: its source.
    pub item_from: fn(&str) -> String,
    /// Label of the n-th credential of a presentation.
    pub item_in_presentation: fn(usize) -> String,
    /// Combined offers heading.
    pub offers_heading: &'static str,
    /// Sentence before the offers.
    pub offers_intro: &'static str,
    /// A combined offer is complete.
    pub offer_complete: &'static str,
    /// A combined offer needs n more micro-credentials.
    pub offer_missing: fn(usize) -> String,
    /// ECTS earned of an offer's total.
    pub offer_progress: fn(&str, &str) -> String,
    /// What is still needed: the list of missing components.
    pub offer_still_needed: &'static str,

    /// Nothing entered.
    pub error_empty: &'static str,
    /// A file is too large.
    pub error_too_large: fn(&str) -> String,
    /// A file could not be read.
    pub error_read: fn(&str) -> String,
    /// No credential and no QR code in a picture.
    pub error_no_qr: fn(&str) -> String,
    /// A picture could not be searched: the QR code reader did not load.
    pub error_qr_reader: fn(&str) -> String,
    /// A linked credential could not be fetched (network, CORS, blocked).
    pub error_fetch: fn(&str) -> String,
    /// Source label of pasted text.
    pub source_pasted: &'static str,
    /// Source label of a link in the address bar.
    pub source_link: &'static str,
    /// Source label of a camera scan.
    pub source_camera: &'static str,

    /// Footer text.
    pub footer: &'static str,

    /// An Open Badges 2.0 recipient that is hashed: what that means.
    pub recipient_hashed: &'static str,
    /// Label of the address box of the recipient check.
    pub recipient_label: &'static str,
    /// Its button.
    pub recipient_button: &'static str,
    /// The address is the recipient's.
    pub recipient_matches: &'static str,
    /// The address is not the recipient's.
    pub recipient_differs: &'static str,

    /// A country's name from its ISO 3166-1 alpha-2 code (`DE`, upper
    /// case; also `EL` and `UK`), if this language has it.
    pub country_name: fn(&str) -> Option<&'static str>,
    /// A language's name from its ISO 639-1 code (`de`, lower case).
    pub language_name: fn(&str) -> Option<&'static str>,
    /// The readable name of an Open Badges 3.0 achievement type
    /// (`MicroCredential`).
    pub achievement_type_name: fn(&str) -> Option<&'static str>,
    /// The readable name of a credential or presentation type
    /// (`OpenBadgeCredential`, `VerifiablePresentation`).
    pub credential_type_name: fn(&str) -> Option<&'static str>,
}
