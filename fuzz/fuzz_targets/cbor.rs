//! The strict CBOR reader and the `ecdsa-sd-2023` proof value parser on
//! arbitrary bytes: no panics, and whatever decodes is in canonical form
//! (re-encoding it gives the input back, byte for byte).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mcx_verifier_core::low_level::multibase;
use mcx_verifier_core::low_level::proof::ecdsa_sd::{self, cbor};

fn head(out: &mut Vec<u8>, major: u8, n: u64) {
    let m = major << 5;
    match n {
        0..=23 => out.push(m | n as u8),
        24..=0xff => out.extend([m | 24, n as u8]),
        0x100..=0xffff => {
            out.push(m | 25);
            out.extend((n as u16).to_be_bytes());
        }
        0x1_0000..=0xffff_ffff => {
            out.push(m | 26);
            out.extend((n as u32).to_be_bytes());
        }
        _ => {
            out.push(m | 27);
            out.extend(n.to_be_bytes());
        }
    }
}

fn encode(item: &cbor::Item<'_>, out: &mut Vec<u8>) -> usize {
    match item {
        cbor::Item::Unsigned(n) => {
            head(out, 0, *n);
            1
        }
        cbor::Item::Bytes(b) => {
            head(out, 2, b.len() as u64);
            out.extend_from_slice(b);
            1
        }
        cbor::Item::Array(items) => {
            head(out, 4, items.len() as u64);
            1 + items.iter().map(|i| encode(i, out)).sum::<usize>()
        }
        cbor::Item::Map(entries) => {
            head(out, 5, entries.len() as u64);
            1 + entries
                .iter()
                .map(|(k, v)| encode(k, out) + encode(v, out))
                .sum::<usize>()
        }
        cbor::Item::Tag(t, inner) => {
            head(out, 6, *t);
            1 + encode(inner, out)
        }
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(item) = cbor::decode(data) {
        let mut again = Vec::new();
        let items = encode(&item, &mut again);
        assert_eq!(again, data, "strict CBOR re-encodes to itself");
        assert!(items <= data.len(), "more items than bytes");
    }
    // As the body of a derived proof value, and as a whole proof value.
    let mut derived = ecdsa_sd::DERIVED_HEADER.to_vec();
    derived.extend_from_slice(data);
    let pv = format!("u{}", multibase::base64url_encode(&derived));
    if let Ok(p) = ecdsa_sd::parse_derived_proof_value(&pv) {
        assert_eq!(p.base_signature.len(), 64);
        assert!(p.signatures.len() <= ecdsa_sd::MAX_SIGNATURES);
        assert!(p.label_map.len() <= ecdsa_sd::MAX_LABELS);
        assert!(p.mandatory_indexes.len() <= ecdsa_sd::MAX_MANDATORY);
        let _ = p.ephemeral_key();
    }
    let _ = ecdsa_sd::parse_derived_proof_value(&String::from_utf8_lossy(data));
});
