//! `mcx`: the MicroCredX command line.
//!
//! `mcx verify` follows the contract in the README (scripts rely on it):
//! one report per input in input order, JSON Lines with `--json`, exit 0
//! when all are valid, 1 when any is not, 2 for a usage error.

mod fetch;
mod host;
mod issue;
mod keys;
mod present;
mod registry_cmd;
mod status_cmd;
mod verify_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "mcx",
    version,
    about = "MicroCredX: verify and issue micro-credentials"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Verify credentials, presentations, JWTs, verification links or baked badges.
    Verify(verify_cmd::VerifyArgs),
    /// Manage Ed25519 signing keys.
    #[command(subcommand)]
    Key(KeyCommand),
    /// Sign an Open Badges 3.0 micro-credential.
    Issue(issue::IssueArgs),
    /// Sign a verifiable presentation of credentials as their holder.
    Present(present::PresentArgs),
    /// Create, update and sign status lists (revocation, suspension).
    #[command(subcommand)]
    Status(status_cmd::StatusCommand),
    /// Create, update and sign the network registry.
    #[command(subcommand)]
    Registry(registry_cmd::RegistryCommand),
}

#[derive(Subcommand)]
enum KeyCommand {
    /// Create a new key file (mode 0600) and print its did:key.
    New {
        /// Where to write the key file (must not exist).
        #[arg(long, short)]
        out: PathBuf,
        /// The key type: Ed25519 (eddsa suites, EdDSA JWTs) or P-256
        /// (ecdsa suites, ES256 JWTs).
        #[arg(long = "type", value_enum, default_value = "ed25519")]
        key_type: keys::KeyType,
        /// A note stored in the key file (e.g. "demo key, not for production").
        #[arg(long)]
        note: Option<String>,
    },
    /// Print a key file's public key and DID.
    Show {
        /// The key file.
        file: PathBuf,
        /// Also print the secret key (only do this on a trusted terminal).
        #[arg(long)]
        show_secret: bool,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // clap prints help/version to stdout with success, errors with code 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Verify(args) => return verify_cmd::run(args),
        Command::Key(KeyCommand::New {
            out,
            note,
            key_type,
        }) => keys::KeyPair::generate(key_type).and_then(|k| {
            k.write(&out, note.as_deref())?;
            println!("{}", k.did());
            eprintln!("wrote {} (mode 0600); keep it secret", out.display());
            Ok(())
        }),
        Command::Key(KeyCommand::Show { file, show_secret }) => {
            keys::KeyPair::read(&file).map(|k| {
                let mut o = k.public_json();
                if show_secret {
                    let raw = std::fs::read_to_string(&file).unwrap_or_default();
                    if let Ok(v) = mcx_verifier_core::json::parse_str(&raw) {
                        if let Some(s) = v.get("secretKeyMultibase") {
                            o.insert("secretKeyMultibase", s.clone());
                        }
                    }
                }
                println!(
                    "{}",
                    mcx_verifier_core::json::to_string(&mcx_verifier_core::json::Value::Object(o))
                );
            })
        }
        Command::Issue(args) => issue::run(args),
        Command::Present(args) => present::run(args),
        Command::Status(cmd) => status_cmd::run(cmd),
        Command::Registry(cmd) => registry_cmd::run(cmd),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mcx: {e}");
            ExitCode::from(1)
        }
    }
}
