//! Times native verification of one file, for side-by-side comparison with
//! other verifiers (scripts/bench-vs-js.sh). Not a criterion bench because
//! the other side is a Node process timed the same simple way.
//!
//! `cargo run --release -p mcx-verifier-core --example verify_file -- FILE RUNS`

use mcx_verifier_core::{verify_offline, Options, Resources, Timestamp, Verdict};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(file), runs) = (
        args.get(1),
        args.get(2)
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(200),
    ) else {
        eprintln!("usage: verify_file FILE [RUNS]");
        std::process::exit(2);
    };
    let bytes = std::fs::read(file).expect("readable file");
    let options =
        Options::new(Timestamp::parse_rfc3339("2027-01-01T00:00:00Z").expect("valid time"));
    let resources = Resources::new();
    let first = verify_offline(&bytes, &options, &resources);
    if first.verdict() != Verdict::Valid {
        eprintln!("{file} does not verify: {}", first.to_json());
        std::process::exit(1);
    }
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let r = verify_offline(&bytes, &options, &resources);
            std::hint::black_box(r);
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "{{\"file\":{:?},\"runs\":{runs},\"median_ms\":{:.4},\"min_ms\":{:.4}}}",
        file,
        times[runs / 2],
        times[0]
    );
}
