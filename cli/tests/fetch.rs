//! `mcx verify` fetching what the core asks for from a real HTTP server on
//! this machine (with `--allow-private-network`): status lists, hosted
//! credentials, redirects, failures and the size bound, `--offline`
//! fetching nothing, each input of a batch with its own fetch budget; and
//! without the option, nothing on this machine connected to.
//!
//! Every test talks to loopback only: refusals of other private or public
//! addresses are the resolver's unit tests, which open no socket.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use mcx_verifier_core::json::{self, Value};

mod kit;

use kit::{demo, headline, mcx, reports, run_ok, scratch, verdict, Scratch, NOW};

/// What the test server answers for a path: status line, extra headers, body.
type Route = (u16, Vec<(String, String)>, Vec<u8>);

/// A minimal HTTP/1.1 server (one request per connection) that records
/// every path asked for and counts the connections it accepts.
struct Server {
    base: String,
    port: u16,
    routes: Arc<Mutex<HashMap<String, Route>>>,
    log: Arc<Mutex<Vec<String>>>,
    connections: Arc<AtomicUsize>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let base = format!("http://127.0.0.1:{port}");
        let routes: Arc<Mutex<HashMap<String, Route>>> = Arc::default();
        let log: Arc<Mutex<Vec<String>>> = Arc::default();
        let connections: Arc<AtomicUsize> = Arc::default();
        let (r, l, c) = (routes.clone(), log.clone(), connections.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                c.fetch_add(1, Ordering::SeqCst);
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
        Server {
            base,
            port,
            routes,
            log,
            connections,
        }
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

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
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

/// Reports of `mcx verify --json --now NOW --allow-private-network <args>`
/// (the test server is on this machine), and the exit code.
fn verify(args: &[&str]) -> (Option<i32>, Vec<Value>) {
    let mut all = vec!["--allow-private-network"];
    all.extend_from_slice(args);
    verify_by_default(&all)
}

/// Reports of `mcx verify --json --now NOW <args>`, and the exit code.
fn verify_by_default(args: &[&str]) -> (Option<i32>, Vec<Value>) {
    let mut all = vec!["verify", "--json", "--now", NOW];
    all.extend_from_slice(args);
    let out = mcx(&all);
    (out.status.code(), reports(&out))
}

/// An issuer key, a revocation list published at `list_path` on `server`,
/// and a credential (index 7 of that list) signed with eddsa-jcs-2022.
struct Issued {
    dir: Scratch,
}

impl Issued {
    fn new(server: &Server, list_path: &str) -> Issued {
        Issued::at(&server.url(list_path))
    }

    /// The list published at `list_url` (any address: it is only written
    /// into the credential).
    fn at(list_url: &str) -> Issued {
        let issued = Issued { dir: scratch() };
        let p = |n: &str| issued.path(n);
        run_ok(&["key", "new", "--out", &p("issuer.json")]);
        run_ok(&[
            "status",
            "new",
            "--url",
            list_url,
            "--purpose",
            "revocation",
            "--out",
            &p("rev.json"),
        ]);
        let entry = run_ok(&["status", "entry", &p("rev.json"), "--index", "7"]);
        issued.issue("cred", entry.trim());
        issued
    }

    /// Signs a credential with this `credentialStatus` (JSON) as NAME.json.
    fn issue(&self, name: &str, status: &str) -> String {
        let p = |n: &str| self.path(n);
        let unsigned = format!(
            r#"{{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"validFrom":"2026-01-01T00:00:00Z","credentialSubject":{{"id":"did:example:learner"}},"credentialStatus":{status}}}"#
        );
        std::fs::write(p(&format!("{name}.unsigned.json")), unsigned).unwrap();
        run_ok(&[
            "issue",
            "--key",
            &p("issuer.json"),
            "--format",
            "eddsa-jcs-2022",
            "--now",
            NOW,
            "--out",
            &p(&format!("{name}.json")),
            &p(&format!("{name}.unsigned.json")),
        ]);
        p(&format!("{name}.json"))
    }

    fn path(&self, name: &str) -> String {
        self.dir.file(name)
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
fn a_published_registry_is_fetched_once_and_judged_by_the_core() {
    let server = Server::start();
    let issued = Issued::new(&server, "/status/rev.json");
    server.serve("/status/rev.json", issued.signed_list());
    let registry = std::fs::read(demo().join("registry.json")).unwrap();
    server.serve("/registry.json", registry);
    let cred = issued.credential().display().to_string();
    let url = server.url("/registry.json");
    let (code, reports) = verify(&["--registry", &url, &cred, &cred]);
    // Accepted (signed by the demo governance key, valid at NOW), and the
    // test issuer is not a member of the demo network.
    assert_eq!(code, Some(1));
    for r in &reports {
        let (code, detail) = headline(r);
        assert_eq!(code, Some("untrusted_issuer"), "{detail}");
        assert!(detail.contains("is not a member"), "{detail}");
    }
    assert_eq!(
        server.requests("/registry.json"),
        1,
        "one fetch for the batch"
    );

    // Without --allow-private-network a registry address on this machine is
    // not fetched at all: membership is unknown, never taken for granted.
    let (_, reports) = verify_by_default(&["--registry", &url, &cred]);
    let issuer = reports[0]
        .get("checks")
        .and_then(Value::as_array)
        .and_then(|c| {
            c.iter()
                .find(|c| c.get("check").and_then(Value::as_str) == Some("issuer"))
        })
        .unwrap();
    assert_eq!(
        issuer.get("code").and_then(Value::as_str),
        Some("resource_unavailable")
    );
    assert_ne!(verdict(&reports[0]), "valid");
    assert_eq!(
        server.requests("/registry.json"),
        1,
        "nothing fetched from a private address"
    );

    // Published under the wrong key: membership is unknown, and says why.
    let (_, reports) = verify(&[
        "--registry",
        &url,
        "--registry-key",
        "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp",
        &cred,
    ]);
    assert_eq!(verdict(&reports[0]), "unverifiable");
    let (code, detail) = headline(&reports[0]);
    assert_eq!(code, Some("resource_unavailable"));
    assert!(
        detail.contains("not by the pinned governance key"),
        "{detail}"
    );
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

/// What a fetch failure reads as, whatever happened on the other side (the
/// core puts it after "could not be fetched").
const UNAVAILABLE: &str = "unreachable, not allowed, or no usable answer";

#[test]
fn http_failures_are_unverifiable() {
    let server = Server::start();
    let issued = Issued::new(&server, "/status/missing.json");
    let cred = issued.credential().display().to_string();
    let (code, reports) = verify(&[&cred]);
    assert_eq!(code, Some(1));
    assert_eq!(verdict(&reports[0]), "unverifiable");
    let (code, detail) = headline(&reports[0]);
    assert_eq!(code, Some("status_unavailable"));
    assert!(detail.contains(UNAVAILABLE), "{detail}");
    // The URL holds a random port, which may itself contain "404".
    let reason = detail.rsplit("could not be fetched").next().unwrap_or("");
    assert!(!reason.contains("404"), "{detail}");
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
    assert!(headline(&reports[0]).1.contains(UNAVAILABLE), "{reports:?}");

    // A redirect to an address that is never a destination (0.0.0.0 is
    // this machine on Linux) is refused before connecting, even with
    // --allow-private-network.
    let target = Server::start();
    target.serve("/status/rev.json", issued.signed_list());
    let location = format!("https://0.0.0.0:{}/status/rev.json", target.port);
    server.redirect("/status/old.json", 302, &location);
    let (_, reports) = verify(&[&cred]);
    assert_eq!(verdict(&reports[0]), "unverifiable");
    assert!(headline(&reports[0]).1.contains(UNAVAILABLE), "{reports:?}");
    assert_eq!(target.connections(), 0);

    // A redirect loop ends.
    server.redirect("/status/old.json", 302, "/status/old.json");
    let (_, reports) = verify(&[&cred]);
    assert_eq!(verdict(&reports[0]), "unverifiable");
    assert!(headline(&reports[0]).1.contains(UNAVAILABLE), "{reports:?}");
}

#[test]
fn oversized_documents_are_refused() {
    let server = Server::start();
    let issued = Issued::new(&server, "/status/huge.json");
    server.serve(
        "/status/huge.json",
        vec![b' '; mcx_verifier_core::MAX_DOCUMENT_BYTES + 1],
    );
    let (_, reports) = verify(&[&issued.credential().display().to_string()]);
    assert_eq!(verdict(&reports[0]), "unverifiable");
    assert!(headline(&reports[0]).1.contains(UNAVAILABLE), "{reports:?}");
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

    // Plain http to another machine is never fetched (refused before any
    // lookup: this test sends nothing anywhere but loopback).
    let (code, reports) = verify_by_default(&["http://uni.example/c/1.json"]);
    assert_eq!(code, Some(1));
    assert!(
        headline(&reports[0]).1.contains("plain http"),
        "{reports:?}"
    );
}

/// A local service with something worth hiding, as an attacker's link
/// would find it: answers every path with `SECRET` (JSON), a credential
/// and a status list at the paths a credential points to.
fn local_service() -> (Server, Issued) {
    let server = Server::start();
    let issued = Issued::new(&server, "/status/rev.json");
    server.serve("/status/rev.json", issued.signed_list());
    server.serve("/c/1.json", std::fs::read(issued.credential()).unwrap());
    server.serve("/admin", SECRET.as_bytes().to_vec());
    (server, issued)
}

const SECRET: &str = r#"{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"issuer":"did:example:local-secret-4711","credentialSubject":{"id":"local-secret-4711"}}"#;

/// Asserts that `reports` is one unverifiable report per input that shows
/// nothing of the local service.
fn refused(reports: &[Value], inputs: usize) {
    assert_eq!(reports.len(), inputs);
    for r in reports {
        assert_eq!(verdict(r), "unverifiable", "{r:?}");
        let text = json::to_string(r);
        assert!(!text.contains("local-secret-4711"), "{text}");
    }
}

#[test]
fn without_the_option_status_lists_on_this_machine_are_not_fetched() {
    let (server, issued) = local_service();
    let cred = issued.credential().display().to_string();
    let (code, reports) = verify_by_default(&[&cred]);
    assert_eq!(code, Some(1));
    refused(&reports, 1);
    let (code, detail) = headline(&reports[0]);
    assert_eq!(code, Some("status_unavailable"));
    assert!(detail.contains("plain http"), "{detail}");

    // The same list over https, at loopback written every way a URL can.
    for host in [
        "127.0.0.1",
        "127.1",
        "2130706433",
        "0x7f.1",
        "017700000001",
        "[::ffff:127.0.0.1]",
        "[::1]",
    ] {
        let issued = Issued::at(&format!("https://{host}:{}/status/rev.json", server.port));
        let cred = issued.credential().display().to_string();
        let (_, reports) = verify_by_default(&[&cred]);
        refused(&reports, 1);
        let (code, detail) = headline(&reports[0]);
        assert_eq!(code, Some("status_unavailable"), "{host}");
        assert!(detail.contains(UNAVAILABLE), "{host}: {detail}");
    }
    assert_eq!(
        server.connections(),
        0,
        "nothing connected to the local service"
    );
}

#[test]
fn without_the_option_hosted_credentials_on_this_machine_are_not_fetched() {
    let (server, _issued) = local_service();
    let port = server.port;
    let inputs = [
        format!("http://127.0.0.1:{port}/admin"),
        format!("https://127.0.0.1:{port}/admin"),
        format!("https://127.1:{port}/admin"),
        format!("https://2130706433:{port}/admin"),
        format!("https://0x7f.1:{port}/admin"),
        format!("https://017700000001:{port}/admin"),
        format!("https://[::ffff:127.0.0.1]:{port}/admin"),
        format!("https://[::ffff:7f00:1]:{port}/admin"),
        format!("https://[::127.0.0.1]:{port}/admin"),
        format!("https://0.0.0.0:{port}/admin"),
        format!("https://verify.microcredx.eu/?url=https%3A%2F%2F127.0.0.1%3A{port}%2Fc%2F1.json"),
    ];
    let args: Vec<&str> = inputs.iter().map(String::as_str).collect();
    let (code, reports) = verify_by_default(&args);
    assert_eq!(code, Some(1));
    refused(&reports, inputs.len());
    assert_eq!(
        server.connections(),
        0,
        "nothing connected to the local service"
    );
    // With the option, the same service answers (the test server works).
    let (_, reports) = verify(&[&inputs[0]]);
    assert!(json::to_string(&reports[0]).contains("local-secret-4711"));
}

#[test]
fn every_failure_reads_the_same() {
    let server = Server::start();
    server.serve(
        "/huge",
        vec![b' '; mcx_verifier_core::MAX_DOCUMENT_BYTES + 1],
    );
    server.redirect("/loop", 302, "/loop");
    server.redirect("/elsewhere", 302, "https://0.0.0.0:1/");
    let closed = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    // Speaks plain HTTP to a TLS client: the handshake fails.
    let not_tls = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for mut stream in listener.incoming().flatten() {
                let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
            }
        });
        port
    };
    let port = server.port;
    let with_option = [
        format!("http://127.0.0.1:{port}/missing"),
        format!("http://127.0.0.1:{port}/huge"),
        format!("http://127.0.0.1:{port}/loop"),
        format!("http://127.0.0.1:{port}/elsewhere"),
        format!("http://127.0.0.1:{closed}/closed"),
        format!("https://127.0.0.1:{not_tls}/tls"),
        format!("https://0.0.0.0:{port}/never"),
    ];
    let args: Vec<&str> = with_option.iter().map(String::as_str).collect();
    let (_, mut reports) = verify(&args);
    let (_, default) = verify_by_default(&[&format!("https://127.0.0.1:{port}/refused")]);
    reports.extend(default);
    let details: Vec<String> = reports
        .iter()
        .map(|r| {
            let detail = headline(r).1;
            // The URL is the input's own; the rest must not differ.
            let start = detail.find("http").unwrap();
            let end = start + detail[start..].find(' ').unwrap();
            format!("{}<url>{}", &detail[..start], &detail[end..])
        })
        .collect();
    assert_eq!(details.len(), 8);
    assert!(details[0].contains(UNAVAILABLE), "{details:?}");
    assert!(details.iter().all(|d| *d == details[0]), "{details:#?}");
}

/// One input spending its whole fetch budget must not spend another's: the
/// URLs over the first input's budget are still fetched for the second.
#[test]
fn each_input_of_a_batch_has_its_own_fetch_budget() {
    let server = Server::start();
    // The second input: a credential whose list sorts after every other.
    let issued = Issued::new(&server, "/status/z.json");
    server.serve("/status/z.json", issued.signed_list());
    let second = issued.credential().display().to_string();
    // The first input: two credentials of the same issuer with 16 status
    // entries each (the most a credential may have), 32 lists in all, so
    // more than its budget of 24; z.json is among the last, over budget.
    let entry = |path: &str| {
        let url = server.url(path);
        format!(
            r#"{{"id":"{url}#7","type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"7","statusListCredential":"{url}"}}"#
        )
    };
    let mut paths: Vec<String> = (0..31).map(|i| format!("/status/a{i:02}.json")).collect();
    paths.push("/status/z.json".into());
    let statuses: Vec<String> = paths
        .chunks(16)
        .map(|c| {
            format!(
                "[{}]",
                c.iter().map(|p| entry(p)).collect::<Vec<_>>().join(",")
            )
        })
        .collect();
    let a = issued.issue("a", &statuses[0]);
    let b = issued.issue("b", &statuses[1]);
    run_ok(&["key", "new", "--out", &issued.path("holder.json")]);
    let vp = issued.path("vp.json");
    run_ok(&[
        "present",
        "--key",
        &issued.path("holder.json"),
        "--now",
        NOW,
        "--out",
        &vp,
        &a,
        &b,
    ]);

    let (_, reports) = verify(&[&vp, &second]);
    assert_eq!(reports.len(), 2);
    let first_text = json::to_string(&reports[0]);
    assert!(
        first_text.contains("too many documents"),
        "the first input did exhaust its budget: {first_text}"
    );
    assert_eq!(verdict(&reports[1]), "valid", "{:?}", reports[1]);
    assert_eq!(
        server.requests("/status/z.json"),
        1,
        "fetched for the second input"
    );
}
