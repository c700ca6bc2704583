//! Status lists: `encodedList` decoding (base64 + bounded GZIP), raw GZIP,
//! `credentialStatus` entries, and the bitstring's get/set.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mcx_verifier_core::json::{self, Limits};
use mcx_verifier_core::low_level::gzip;
use mcx_verifier_core::low_level::status::{Bitstring, Entry};

const MAX_BYTES: usize = 1 << 20;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(list) = Bitstring::decode(&text, MAX_BYTES) {
        assert!(
            list.as_bytes().len() <= MAX_BYTES,
            "inflated past the limit"
        );
        assert_eq!(
            Bitstring::decode(&list.encode(), MAX_BYTES).as_ref(),
            Ok(&list)
        );
        for size in [1, 2, 8, 32, 33, 0] {
            let _ = list.get(0, size);
            let _ = list.get(list.entries(size).saturating_sub(1), size);
            let _ = list.get(list.entries(size), size);
            let _ = list.get(u64::MAX, size);
        }
    }
    if let Ok(bytes) = gzip::gunzip(data, MAX_BYTES) {
        assert!(bytes.len() <= MAX_BYTES, "inflated past the limit");
    }
    let _ = gzip::gunzip(data, 16);
    assert_eq!(
        gzip::gunzip(&gzip::gzip(data), data.len()).as_deref(),
        Ok(data),
        "gzip round trip"
    );
    if let Ok(v) = json::parse(data, Limits::default()) {
        for candidate in v.one_or_many() {
            if let Ok(entry) = Entry::parse(candidate) {
                let _ = entry.message(0);
                let _ = entry.message(1);
                let _ = entry.to_object();
            }
            if let Some(cs) = candidate.get("credentialStatus") {
                for e in cs.one_or_many() {
                    let _ = Entry::parse(e);
                }
            }
        }
    }
    // Setting an entry then reading it gives the value back (low bits).
    if data.len() >= 13 {
        let index = u64::from_le_bytes(data[..8].try_into().unwrap()) % 4096;
        let size = u32::from(data[8] % 32) + 1;
        let value = u32::from_le_bytes(data[9..13].try_into().unwrap());
        let mut list = Bitstring::from_bytes(data[13..].to_vec());
        if list.set(index, size, value).is_ok() {
            let mask = if size == 32 {
                u32::MAX
            } else {
                (1 << size) - 1
            };
            assert_eq!(list.get(index, size), Ok(value & mask), "set/get");
        } else {
            assert!(list.get(index, size).is_err(), "set failed but get works");
        }
    }
});
