//! `mcx verify` fetching what the core asks for from a real HTTP server on
//! this machine: status lists, hosted credentials, redirects, failures and
//! the size bound, and `--offline` fetching nothing.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

use mcx_verifier_core::json::{self, Value};

const NOW: &str = "2026-11-28T12:00:00Z";

/// What the test server answers for a path: status line, extra headers, body.
type Route = (u16, Vec<(String, String)>, Vec<u8>);

/// A minimal HTTP/1.1 server (one request per connection) that records
/// every path asked for.
struct Server {
    base: String,
    routes: Arc<Mutex<HashMap<String, Route>>>,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let routes: Arc<Mutex<HashMap<String, Route>>> = Arc::default();
        let log: Arc<Mutex<Vec<String>>> = Arc::default();
        let (r, l) = (routes.clone(), log.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request_line = String::new();
                if reader.read_line(&mut request_line).is_err() {
                    continue;
                }
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                        break;
                    }
                }
                let path = request_line
                    .split_whitespace()
                    .nth(1)
                    .unwrap_or("")
                    .to_string();
                l.lock().unwrap().push(path.clone());
                let (status, headers, body) = r.lock().unwrap().get(&path).cloned().unwrap_or((
                    404,
                    vec![],
                    b"not found".to_vec(),
                ));
                let mut head = format!(
                    "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
                    body.len()
                );
                for (k, v) in headers {
                    head.push_str(&format!("{k}: {v}\r\n"));
                }
                head.push_str("\r\n");
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&body);
            }
        });
        Server { base, routes, log }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn serve(&self, path: &str, body: Vec<u8>) {
        self.routes
            .lock()
            .unwrap()
            .insert(path.into(), (200, vec![], body));
    }

    fn redirect(&self, path: &str, status: u16, location: &str) {
        self.routes.lock().unwrap().insert(
            path.into(),
            (status, vec![("Location".into(), location.into())], vec![]),
        );
    }

    fn requests(&self, path: &str) -> usize {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|p| *p == path)
            .count()
    }
}

fn mcx(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mcx"))
        .args(args)
        .output()
        .expect("mcx runs")
}

fn run_ok(args: &[&str]) -> String {
    let out = mcx(args);
    assert!(
        out.status.success(),
        "mcx {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Reports of `mcx verify --json --now NOW <args>`, and the exit code.
fn verify(args: &[&str]) -> (Option<i32>, Vec<Value>) {
    let mut all = vec!["verify", "--json", "--now", NOW];
    all.extend_from_slice(args);
    let out = mcx(&all);
    let reports = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| json::parse_str(l).unwrap())
        .collect();
    (out.status.code(), reports)
}

fn verdict(r: &Value) -> &str {
    r.get("verdict").and_then(Value::as_str).unwrap()
}

fn headline(r: &Value) -> (Option<&str>, &str) {
    let h = r.get("headline");
    (
        h.and_then(|h| h.get("code")).and_then(Value::as_str),
        h.and_then(|h| h.get("detail"))
            .and_then(Value::as_str)
            .unwrap_or(""),
    )
}

/// An issuer key, a revocation list published at `list_path` on `server`,
/// and a credential (index 7 of that list) signed with eddsa-jcs-2022.
struct Issued {
    dir: tempfile::TempDir,
}

impl Issued {
    fn new(server: &Server, list_path: &str) -> Issued {
        let dir = tempfile::tempdir().unwrap();
        let issued = Issued { dir };
        let p = |n: &str| issued.path(n);
        run_ok(&["key", "new", "--out", &p("issuer.json")]);
        run_ok(&[
            "status",
            "new",
            "--url",
            &server.url(list_path),
            "--purpose",
            "revocation",
            "--out",
            &p("rev.json"),
        ]);
        let entry = run_ok(&["status", "entry", &p("rev.json"), "--index", "7"]);
        let unsigned = format!(
            r#"{{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"validFrom":"2026-01-01T00:00:00Z","credentialSubject":{{"id":"did:example:learner"}},"credentialStatus":{}}}"#,
            entry.trim()
        );
        std::fs::write(p("cred.unsigned.json"), unsigned).unwrap();
        run_ok(&[
            "issue",
            "--key",
            &p("issuer.json"),
            "--format",
            "eddsa-jcs-2022",
            "--now",
            NOW,
            "--out",
            &p("cred.json"),
            &p("cred.unsigned.json"),
        ]);
        issued
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    /// Signs the list as it stands and returns its bytes.
    fn signed_list(&self) -> Vec<u8> {
        run_ok(&[
            "status",
            "sign",
            &self.path("rev.json"),
            "--key",
            &self.path("issuer.json"),
            "--now",
            NOW,
            "--out",
            &self.path("rev.signed.json"),
        ]);
        std::fs::read(self.path("rev.signed.json")).unwrap()
    }

    fn credential(&self) -> PathBuf {
        Path::new(&self.path("cred.json")).to_path_buf()
    }
}

#[test]
fn status_lists_are_fetched_once_per_batch_and_revocation_shows() {
    let server = Server::start();
    let issued = Issued::new(&server, "/status/rev.json");
    server.serve("/status/rev.json", issued.signed_list());
    let cred = issued.credential().display().to_string();

    let (code, reports) = verify(&[&cred, &cred, &cred]);
    assert_eq!(code, Some(0), "{reports:?}");
    assert!(reports.iter().all(|r| verdict(r) == "valid"));
    assert_eq!(
        server.requests("/status/rev.json"),
        1,
        "one fetch for the batch"
    );

    run_ok(&["status", "revoke", &issued.path("rev.json"), "--index", "7"]);
    server.serve("/status/rev.json", issued.signed_list());
    let (code, reports) = verify(&[&cred]);
    assert_eq!(code, Some(1));
    assert_eq!(verdict(&reports[0]), "invalid");
    assert_eq!(headline(&reports[0]).0, Some("revoked"));
}

#[test]
fn offline_fetches_nothing_and_is_unverifiable() {
    let server = Server::start();
    let issued = Issued::new(&server, "/status/rev.json");
    server.serve("/status/rev.json", issued.signed_list());
    let cred = issued.credential().display().to_string();
    let (code, reports) = verify(&["--offline", &cred]);
    assert_eq!(code, Some(1));
    assert_eq!(verdict(&reports[0]), "unverifiable");
    let (code, detail) = headline(&reports[0]);
    assert_eq!(code, Some("status_unavailable"));
    assert!(detail.contains("--offline"), "{detail}");
    assert_eq!(server.requests("/status/rev.json"), 0);
}

#[test]
fn http_failures_are_unverifiable_with_the_reason() {
    let server = Server::start();
    let issued = Issued::new(&server, "/status/missing.json");
    let cred = issued.credential().display().to_string();
    let (code, reports) = verify(&[&cred]);
    assert_eq!(code, Some(1));
    assert_eq!(verdict(&reports[0]), "unverifiable");
    let (code, detail) = headline(&reports[0]);
    assert_eq!(code, Some("status_unavailable"));
    assert!(detail.contains("HTTP status 404"), "{detail}");
}

#[test]
fn redirects_are_followed_but_each_hop_is_checked() {
    let server = Server::start();
    let issued = Issued::new(&server, "/status/old.json");
    server.serve("/status/new.json", issued.signed_list());
    let cred = issued.credential().display().to_string();

    server.redirect("/status/old.json", 301, "/status/new.json");
    let (_, reports) = verify(&[&cred]);
    assert_eq!(verdict(&reports[0]), "valid", "{reports:?}");

    // A redirect to plain http elsewhere is refused, not followed.
    server.redirect("/status/old.json", 302, "http://status.example/rev.json");
    let (_, reports) = verify(&[&cred]);
    assert_eq!(verdict(&reports[0]), "unverifiable");
    assert!(
        headline(&reports[0]).1.contains("plain http"),
        "{reports:?}"
    );

    // A redirect loop ends.
    server.redirect("/status/old.json", 302, "/status/old.json");
    let (_, reports) = verify(&[&cred]);
    assert!(headline(&reports[0]).1.contains("redirects"), "{reports:?}");
}

#[test]
fn oversized_documents_are_refused() {
    let server = Server::start();
    let issued = Issued::new(&server, "/status/huge.json");
    server.serve(
        "/status/huge.json",
        vec![b' '; mcx_verifier_core::verify::MAX_DOCUMENT_BYTES + 1],
    );
    let (_, reports) = verify(&[&issued.credential().display().to_string()]);
    assert_eq!(verdict(&reports[0]), "unverifiable");
    assert!(
        headline(&reports[0]).1.contains("larger than"),
        "{reports:?}"
    );
}

#[test]
fn hosted_credentials_and_verifier_links_are_fetched() {
    let server = Server::start();
    let issued = Issued::new(&server, "/status/rev.json");
    server.serve("/status/rev.json", issued.signed_list());
    server.serve("/c/1.json", std::fs::read(issued.credential()).unwrap());

    let direct = server.url("/c/1.json");
    let link = format!(
        "https://verify.microcredx.eu/?url={}",
        direct.replace(':', "%3A").replace('/', "%2F")
    );
    let (code, reports) = verify(&[&direct, &link]);
    assert_eq!(code, Some(0), "{reports:?}");
    assert!(reports.iter().all(|r| verdict(r) == "valid"));
    assert_eq!(server.requests("/c/1.json"), 1);

    // Plain http to another machine is never fetched.
    let (code, reports) = verify(&["http://uni.example/c/1.json"]);
    assert_eq!(code, Some(1));
    assert!(
        headline(&reports[0]).1.contains("plain http"),
        "{reports:?}"
    );
}
