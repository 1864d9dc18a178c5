//! `chancery org|user|token ...`: the operator's tools for organisations, users and API tokens.
//! They open the accounts store beside the journal (`<db>.accounts`), which may be done while
//! the server runs. Secrets are printed once and kept only hashed.

use std::path::{Path, PathBuf};

use chancery_accounts::{
    Accounts, NewAudit, OrgId, OrgKind, Organisation, Role, TokenScope, Username,
};
use chancery_app::now_micros;
use clap::Subcommand;

use crate::error::CliError;

/// The accounts store of the journal at `db`, named from the journal's real path: a symlink
/// or a relative path to the same journal reaches the same accounts, where the name as typed
/// would make a second, empty store with its own administrator. A journal with several hard
/// links has no one real name, so it is refused.
pub fn accounts_path(db: &Path) -> Result<PathBuf, String> {
    let real = match std::fs::canonicalize(db) {
        Ok(real) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                let links = std::fs::metadata(&real).map_or(1, |m| m.nlink());
                if links > 1 {
                    return Err(format!(
                        "{}: the store has {links} hard links, so its accounts store cannot be told by name; keep one link",
                        db.display()
                    ));
                }
            }
            real
        }
        // A store yet to be created: its directory's real path and its own name.
        Err(_) => {
            let name = db
                .file_name()
                .ok_or_else(|| format!("{}: not a file name", db.display()))?;
            let dir = match db.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => Path::new("."),
            };
            std::fs::canonicalize(dir)
                .map_err(|e| format!("{}: {e}", dir.display()))?
                .join(name)
        }
    };
    let mut p = real.into_os_string();
    p.push(".accounts");
    Ok(PathBuf::from(p))
}

/// Opens the accounts store; a new one prints its first administrator's password, once.
pub fn open(db: &chancery_app::StoreLocation) -> Result<Accounts, String> {
    open_for(db, false)
}

/// [`open`]; with `json`, the first administrator's password goes to stderr, so that stdout
/// holds the one JSON document `--json` promises.
fn open_for(db: &chancery_app::StoreLocation, json: bool) -> Result<Accounts, String> {
    let (shown, (accounts, bootstrap)) = match db {
        // A PostgreSQL store keeps its accounts in the same database (schema `accounts`).
        chancery_app::StoreLocation::Postgres(url) => (
            db.to_string(),
            chancery_postgres::accounts::open_accounts(url, Default::default())
                .map_err(|e| format!("{db}: {e}"))?,
        ),
        chancery_app::StoreLocation::Sqlite(path) => {
            let path = accounts_path(path)?;
            let opened = Accounts::open(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            (path.display().to_string(), opened)
        }
    };
    if let Some(b) = bootstrap {
        let message = format!(
            "chancery: new accounts store {}; first administrator `{}` (organisation `{}`), password shown once:\n  {}",
            shown,
            b.username,
            chancery_accounts::OPERATOR_ORG,
            b.password
        );
        if json {
            eprintln!("{message}");
        } else {
            println!("{message}");
        }
    }
    Ok(accounts)
}

/// Records an operator's change in the audit log: the CLI runs with the store file's owner's
/// authority, so the actor is the operating-system user.
fn audit(
    accounts: &Accounts,
    action: &'static str,
    target: String,
    detail: String,
) -> Result<(), String> {
    let who = std::env::var("USER").unwrap_or_else(|_| "unknown".to_owned());
    accounts
        .audit(&NewAudit {
            at: now_micros(),
            actor: format!("cli:{who}"),
            org: None,
            source: "local".to_owned(),
            action,
            target,
            outcome: "ok",
            detail,
        })
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[derive(Subcommand)]
pub enum OrgCommand {
    /// Add an organisation.
    Add {
        /// Identifier (a-z, 0-9, '-', '_', '.'), e.g. us-mfa.
        id: OrgId,
        /// `party:XX` (a state's ministry), `mediator` or `observer`.
        #[arg(long)]
        kind: OrgKind,
        /// Display name.
        #[arg(long)]
        name: String,
    },
    /// List organisations.
    List {
        /// Print JSON: a list of {id, kind, name}.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Add a user; a random password is printed once.
    Add {
        username: Username,
        #[arg(long)]
        org: OrgId,
        /// viewer, editor, negotiator, administrator or auditor.
        #[arg(long)]
        role: Role,
    },
    /// List the users of an organisation.
    List {
        #[arg(long)]
        org: OrgId,
        /// Print JSON: a list of {username, role, org, disabled}.
        #[arg(long)]
        json: bool,
    },
    /// Disable a user and end their sessions.
    Disable { username: Username },
    /// Give a user a new random password (printed once) and end their sessions.
    Password { username: Username },
}

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Create an API token for a user (printed once; send it as `Authorization: Bearer ...`).
    Add {
        username: Username,
        /// `read`, or `write` (the user's own rights).
        #[arg(long, default_value = "read")]
        scope: TokenScope,
        /// What the token is for.
        #[arg(long, default_value = "script")]
        label: String,
    },
    /// List tokens (never their secrets).
    List {
        /// Print JSON: a list of {id, username, scope, label, revoked}.
        #[arg(long)]
        json: bool,
    },
    /// Revoke a token by its id.
    Revoke { id: i64 },
}

pub fn org(db: &chancery_app::StoreLocation, cmd: OrgCommand) -> Result<(), CliError> {
    let accounts = open_for(db, matches!(cmd, OrgCommand::List { json: true }))?;
    match cmd {
        OrgCommand::Add { id, kind, name } => {
            accounts
                .store()
                .add_org(&Organisation {
                    id: id.clone(),
                    name,
                    kind,
                })
                .map_err(|e| e.to_string())?;
            audit(
                &accounts,
                "org_added",
                format!("org:{id}"),
                kind.to_string(),
            )?;
            println!("added organisation {id} ({kind})");
        }
        OrgCommand::List { json } => {
            let orgs = accounts.store().orgs().map_err(|e| e.to_string())?;
            if json {
                let rows: Vec<_> = orgs
                    .iter()
                    .map(|o| serde_json::json!({ "id": o.id, "kind": o.kind.to_string(), "name": o.name }))
                    .collect();
                println!("{}", crate::json(&rows)?);
            } else {
                for o in orgs {
                    println!("{:<20} {:<12} {}", o.id, o.kind.to_string(), o.name);
                }
            }
        }
    }
    Ok(())
}

fn find_user(
    accounts: &Accounts,
    username: &Username,
) -> Result<chancery_accounts::User, CliError> {
    accounts
        .store()
        .user_by_name(username.as_str())
        .map_err(|e| e.to_string())?
        .map(|(user, _)| user)
        .ok_or_else(|| CliError::NotFound(format!("username: `{username}` does not exist")))
}

pub fn user(db: &chancery_app::StoreLocation, cmd: UserCommand) -> Result<(), CliError> {
    let accounts = open_for(db, matches!(cmd, UserCommand::List { json: true, .. }))?;
    match cmd {
        UserCommand::Add {
            username,
            org,
            role,
        } => {
            let password = accounts
                .add_user(&username, &org, role, None, now_micros())
                .map_err(|e| e.to_string())?;
            audit(
                &accounts,
                "user_added",
                format!("user:{username}"),
                format!("role {role}, org {org}"),
            )?;
            show_once(&format!(
                "added {username} ({role}, {org}); password shown once:\n  {password}"
            ))
            .map_err(|e| {
                CliError::Internal(format!(
                    "{username} was added, but its password could not be shown ({e}): set a new one with `chancery user password {username}`"
                ))
            })?;
        }
        UserCommand::List { org, json } => {
            let users = accounts.store().users_of(&org).map_err(|e| e.to_string())?;
            if json {
                let rows: Vec<_> = users
                    .iter()
                    .map(|u| {
                        serde_json::json!({
                            "username": u.username,
                            "role": u.role,
                            "org": u.org.id,
                            "disabled": u.disabled,
                        })
                    })
                    .collect();
                println!("{}", crate::json(&rows)?);
            } else {
                for u in users {
                    let state = if u.disabled { "disabled" } else { "active" };
                    println!("{:<20} {:<14} {state}", u.username, u.role.as_str());
                }
            }
        }
        UserCommand::Password { username } => {
            let user = find_user(&accounts, &username)?;
            let password = accounts
                .reset_password(user.id, now_micros())
                .map_err(|e| e.to_string())?;
            audit(
                &accounts,
                "password_reset",
                format!("user:{username}"),
                String::new(),
            )?;
            show_once(&format!(
                "new password for {username}, shown once:\n  {password}"
            ))
            .map_err(|e| {
                CliError::Internal(format!(
                    "the new password of {username} could not be shown ({e}): run the command again"
                ))
            })?;
        }
        UserCommand::Disable { username } => {
            let user = find_user(&accounts, &username)?;
            accounts.disable_user(user.id).map_err(|e| e.to_string())?;
            audit(
                &accounts,
                "user_disabled",
                format!("user:{username}"),
                String::new(),
            )?;
            println!("disabled {username}");
        }
    }
    Ok(())
}

/// Writes a secret that is shown once, or says why it could not be (stdout closed, as when
/// piped into `head` after the first line): `println!` would panic, losing the secret with no
/// word of what became of it.
fn show_once(text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}")?;
    out.flush()
}

pub fn token(db: &chancery_app::StoreLocation, cmd: TokenCommand) -> Result<(), CliError> {
    let accounts = open_for(db, matches!(cmd, TokenCommand::List { json: true }))?;
    match cmd {
        TokenCommand::Add {
            username,
            scope,
            label,
        } => {
            let (id, token) = accounts
                .add_token(&username, scope, &label, now_micros())
                .map_err(|e| e.to_string())?;
            audit(
                &accounts,
                "token_added",
                format!("token:{id} (user:{username})"),
                scope.as_str().to_owned(),
            )?;
            let shown = show_once(&format!(
                "token {id} for {username} ({}), shown once:\n  {token}",
                scope.as_str()
            ));
            if let Err(e) = shown {
                // A secret nobody saw must not stay valid.
                let revoked = accounts.revoke_token(id, now_micros());
                return Err(CliError::Internal(match revoked {
                    Ok(_) => format!(
                        "token {id} could not be shown ({e}), so it was revoked: run the command again"
                    ),
                    Err(r) => format!(
                        "token {id} could not be shown ({e}) nor revoked ({r}): revoke it with `chancery token revoke {id}`"
                    ),
                }));
            }
        }
        TokenCommand::List { json } => {
            let tokens = accounts.store().tokens().map_err(|e| e.to_string())?;
            if json {
                let rows: Vec<_> = tokens
                    .iter()
                    .map(|t| {
                        serde_json::json!({
                            "id": t.id,
                            "username": t.username,
                            "scope": t.scope,
                            "label": t.label,
                            "revoked": t.revoked,
                        })
                    })
                    .collect();
                println!("{}", crate::json(&rows)?);
                return Ok(());
            }
            for t in tokens {
                let state = if t.revoked { "revoked" } else { "live" };
                println!(
                    "{:<6} {:<20} {:<6} {:<8} {}",
                    t.id,
                    t.username,
                    t.scope.as_str(),
                    state,
                    t.label
                );
            }
        }
        TokenCommand::Revoke { id } => {
            if !accounts
                .revoke_token(id, now_micros())
                .map_err(|e| e.to_string())?
            {
                return Err(CliError::NotFound(format!(
                    "token {id}: no live token with that id"
                )));
            }
            println!("revoked token {id}");
        }
    }
    Ok(())
}

/// The demo's organisations, so a newcomer can add users to each side at once.
pub fn seed_demo_orgs(accounts: &Accounts) -> Result<(), String> {
    let orgs = [
        ("us-mfa", "party:US", "United States Department of State"),
        (
            "ru-mfa",
            "party:RU",
            "Ministry of Foreign Affairs of the Russian Federation",
        ),
        ("mediators", "mediator", "Mediators"),
        ("observers", "observer", "Observers"),
    ];
    for (id, kind, name) in orgs {
        let org = Organisation {
            id: id
                .parse()
                .map_err(|e: chancery_accounts::model::ParseError| e.to_string())?,
            name: name.to_owned(),
            kind: kind
                .parse()
                .map_err(|e: chancery_accounts::model::ParseError| e.to_string())?,
        };
        // Inserted unless present, in one statement: instances starting at once on a new
        // shared store each try, and the store keeps one.
        accounts
            .store()
            .port()
            .insert_org(&org)
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}
