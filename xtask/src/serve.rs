//! A small static HTTP/1.1 server on `std::net` for local use and the
//! browser tests: one thread per connection, GET and HEAD, one request per
//! connection (`Connection: close`).

use crate::http::{self, Mount, Target};
use crate::Result;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::time::Duration;

/// What to serve and where.
#[derive(Debug)]
pub struct Config {
    /// Address to bind, `127.0.0.1` by default (never exposed by accident).
    pub host: String,
    /// Port; 0 lets the system pick a free one.
    pub port: u16,
    /// URL prefixes and their directories.
    pub mounts: Vec<Mount>,
    /// One line per request on standard error.
    pub log: bool,
}

impl Config {
    /// Serves `root_dir` at `/` on 127.0.0.1:8080.
    pub fn new(root_dir: PathBuf) -> Self {
        Config {
            host: "127.0.0.1".into(),
            port: 8080,
            mounts: vec![Mount {
                prefix: "/".into(),
                dir: root_dir,
            }],
            log: true,
        }
    }

    /// Adds (or replaces) a mount; the prefix is normalised to `/x/`.
    pub fn mount(&mut self, prefix: &str, dir: PathBuf) -> Result {
        let trimmed = prefix.trim_matches('/');
        let prefix = if trimmed.is_empty() {
            "/".to_string()
        } else {
            format!("/{trimmed}/")
        };
        if !dir.is_dir() {
            return Err(format!("cannot serve {}: not a directory", dir.display()));
        }
        self.mounts.retain(|m| m.prefix != prefix);
        self.mounts.push(Mount { prefix, dir });
        Ok(())
    }
}

/// Binds and serves until the process is stopped.
pub fn run(config: Config) -> Result {
    let listener = TcpListener::bind((config.host.as_str(), config.port))
        .map_err(|e| format!("cannot listen on {}:{}: {e}", config.host, config.port))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    for mount in &config.mounts {
        println!("xtask: {} -> {}", mount.prefix, mount.dir.display());
    }
    // The e2e runner reads this line to learn the port.
    println!("Serving the verifier on http://{address}/ (Ctrl-C to stop)");
    std::io::stdout().flush().ok();
    let config = std::sync::Arc::new(config);
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let config = std::sync::Arc::clone(&config);
        std::thread::spawn(move || {
            if let Err(e) = handle(stream, &config) {
                if config.log {
                    eprintln!("xtask: connection: {e}");
                }
            }
        });
    }
    Ok(())
}

fn read_head(stream: &TcpStream) -> std::io::Result<Option<String>> {
    let mut reader = BufReader::new(stream.take(http::MAX_HEAD as u64));
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            // Ended before the blank line: too long or cut off.
            return Ok(None);
        }
        if line == "\r\n" || line == "\n" {
            return Ok(Some(head));
        }
        head.push_str(&line);
    }
}

fn handle(mut stream: TcpStream, config: &Config) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_write_timeout(Some(Duration::from_secs(30)))?;
    let Some(head) = read_head(&stream)? else {
        return respond(
            &mut stream,
            "400 Bad Request",
            "/",
            "text/plain; charset=utf-8",
            b"bad request\n",
            &[],
            true,
        );
    };
    let request = match http::parse_request(&head) {
        Ok(request) => request,
        Err(_) => {
            return respond(
                &mut stream,
                "400 Bad Request",
                "/",
                "text/plain; charset=utf-8",
                b"bad request\n",
                &[],
                true,
            );
        }
    };
    let with_body = request.method != "HEAD";
    if request.method != "GET" && request.method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            &request.path,
            "text/plain; charset=utf-8",
            b"method not allowed\n",
            &[("Allow", "GET, HEAD")],
            true,
        );
    }
    let (status, body, kind, extra): (&str, Vec<u8>, &str, Vec<(&str, String)>) =
        match http::resolve(&config.mounts, &request.path) {
            Target::File(file) => match std::fs::read(&file) {
                Ok(bytes) => {
                    let tag = http::etag(&bytes);
                    if http::etag_matches(request.if_none_match.as_deref(), &tag) {
                        (
                            "304 Not Modified",
                            Vec::new(),
                            http::content_type(&file),
                            vec![("ETag", tag)],
                        )
                    } else {
                        (
                            "200 OK",
                            bytes,
                            http::content_type(&file),
                            vec![("ETag", tag)],
                        )
                    }
                }
                Err(_) => (
                    "404 Not Found",
                    b"not found\n".to_vec(),
                    "text/plain; charset=utf-8",
                    vec![],
                ),
            },
            Target::Redirect(location) => (
                "301 Moved Permanently",
                Vec::new(),
                "text/plain; charset=utf-8",
                vec![("Location", location)],
            ),
            Target::NotFound => (
                "404 Not Found",
                b"not found\n".to_vec(),
                "text/plain; charset=utf-8",
                vec![],
            ),
        };
    if config.log {
        eprintln!("{} {} -> {status}", request.method, request.path);
    }
    let extra: Vec<(&str, &str)> = extra.iter().map(|(k, v)| (*k, v.as_str())).collect();
    respond(
        &mut stream,
        status,
        &request.path,
        kind,
        &body,
        &extra,
        with_body,
    )
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    path: &str,
    content_type: &str,
    body: &[u8],
    extra: &[(&str, &str)],
    with_body: bool,
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in http::security_headers(path).iter().chain(extra.iter()) {
        head.push_str(name);
        head.push_str(": ");
        head.push_str(value);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if with_body {
        stream.write_all(body)?;
    }
    stream.flush()
}
