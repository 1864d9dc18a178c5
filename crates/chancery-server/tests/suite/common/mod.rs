//! Starts the real server on 127.0.0.1:0 over a fresh store, for integration tests.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};

use chancery_accounts::{Accounts, OrgId, Organisation, Role, TokenScope};
use chancery_server::listen::{serve_with_limits, Limits};
use chancery_server::{router, AppState, Chancery};

/// A write token of an editor in the `mediators` organisation (sees public and bilateral acts).
pub const TOKEN: &str = "test-write-token";

pub struct Server {
    pub addr: SocketAddr,
    pub chancery: Arc<Chancery>,
    pub accounts: Arc<Accounts>,
    _dir: tempfile::TempDir,
}

impl Server {
    /// The store's directory (`test.db`, `test.db.accounts`).
    pub fn dir(&self) -> &std::path::Path {
        self._dir.path()
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// `GET /metrics` as the operator's auditor sees it.
    #[allow(dead_code)]
    pub fn metrics_text(&self) -> String {
        let token = self.token_for(
            "metrics-reader",
            "operator",
            Role::Auditor,
            TokenScope::Read,
        );
        ureq::get(&self.url("/metrics"))
            .set("Authorization", &format!("Bearer {token}"))
            .call()
            .expect("GET /metrics")
            .into_string()
            .expect("metrics text")
    }

    /// A user `name` of `org` with `role` (created if new) and a new API token of theirs.
    pub fn token_for(&self, name: &str, org: &str, role: Role, scope: TokenScope) -> String {
        let username = name.parse().expect("username");
        if self.accounts.store().user_by_name(name).unwrap().is_none() {
            self.accounts
                .add_user(&username, &org.parse().unwrap(), role, Some(PASSWORD), 0)
                .expect("add user");
        }
        self.accounts
            .add_token(&username, scope, "test", 0)
            .expect("add token")
            .1
    }
}

/// The password of every user the tests create.
pub const PASSWORD: &str = "correct horse battery staple";

/// The demo's organisations, as `chancery serve` creates them for a new demo store.
pub const ORGS: [(&str, &str); 4] = [
    ("us-mfa", "party:US"),
    ("ru-mfa", "party:RU"),
    ("mediators", "mediator"),
    ("observers", "observer"),
];

/// One headless Chromium at a time. The browser suites share this binary's two test threads;
/// two browsers and their servers at once on a two-core machine push a suite past its time limit.
pub fn one_browser_at_a_time() -> MutexGuard<'static, ()> {
    static BROWSER: Mutex<()> = Mutex::new(());
    // A failed suite poisons the lock; the next one still runs, on its own.
    BROWSER
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub fn start(seed_demo: bool) -> Server {
    start_with(seed_demo, true)
}

pub fn start_with(seed_demo: bool, public_read: bool) -> Server {
    start_configured(seed_demo, public_read, Limits::default(), |_| {})
}

/// A server with its own connection limits and any change to its state (e.g. its site).
pub fn start_configured(
    seed_demo: bool,
    public_read: bool,
    limits: Limits,
    configure: impl FnOnce(&mut AppState),
) -> Server {
    let dir = tempfile::tempdir().expect("temp dir");
    let chancery =
        Arc::new(Chancery::open(&dir.path().join("test.db"), seed_demo).expect("open store"));
    let (accounts, _) = Accounts::open(&dir.path().join("test.db.accounts")).expect("accounts");
    for (id, kind) in ORGS {
        accounts
            .store()
            .add_org(&Organisation {
                id: id.parse::<OrgId>().unwrap(),
                name: id.to_owned(),
                kind: kind.parse().unwrap(),
            })
            .expect("add org");
    }
    let editor = "editor".parse().unwrap();
    accounts
        .add_user(
            &editor,
            &"mediators".parse().unwrap(),
            Role::Editor,
            Some(PASSWORD),
            0,
        )
        .expect("add editor");
    let (user, _) = accounts.store().user_by_name("editor").unwrap().unwrap();
    accounts
        .store()
        .add_token(
            user.id,
            &chancery_accounts::secret::digest(TOKEN),
            TokenScope::Write,
            "tests",
            0,
        )
        .expect("token");
    let accounts = Arc::new(accounts);
    let mut state = AppState::new(chancery.clone(), accounts.clone(), public_read);
    configure(&mut state);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            tx.send(listener.local_addr().expect("addr"))
                .expect("send addr");
            serve_with_limits(listener, router(state), limits, std::future::pending())
                .await
                .expect("serve");
        });
    });
    let addr = rx.recv().expect("server address");
    Server {
        addr,
        chancery,
        accounts,
        _dir: dir,
    }
}

/// GET returning (status, JSON body) whatever the status.
pub fn get(url: &str) -> (u16, serde_json::Value) {
    match ureq::get(url).call() {
        Ok(r) => (r.status(), r.into_json().unwrap_or(serde_json::Value::Null)),
        Err(ureq::Error::Status(code, r)) => {
            (code, r.into_json().unwrap_or(serde_json::Value::Null))
        }
        Err(e) => panic!("GET {url}: {e}"),
    }
}

/// (status, body text) of a GET without credentials: what a page test reads.
pub fn fetch(url: &str) -> (u16, String) {
    match ureq::get(url).call() {
        Ok(r) => (r.status(), r.into_string().unwrap_or_default()),
        Err(ureq::Error::Status(code, r)) => (code, r.into_string().unwrap_or_default()),
        Err(e) => panic!("GET {url}: {e}"),
    }
}

/// A page's HTML, which must answer 200.
pub fn page(server: &Server, path: &str) -> String {
    let (status, body) = fetch(&server.url(path));
    assert_eq!(status, 200, "GET {path}: {body}");
    body
}

pub fn post(url: &str, token: Option<&str>, body: &serde_json::Value) -> (u16, serde_json::Value) {
    let mut req = ureq::post(url);
    if let Some(t) = token {
        req = req.set("Authorization", &format!("Bearer {t}"));
    }
    match req.send_json(body.clone()) {
        Ok(r) => (r.status(), r.into_json().unwrap_or(serde_json::Value::Null)),
        Err(ureq::Error::Status(code, r)) => {
            (code, r.into_json().unwrap_or(serde_json::Value::Null))
        }
        Err(e) => panic!("POST {url}: {e}"),
    }
}

/// GET with a bearer token, returning (status, JSON body) whatever the status.
pub fn get_with(url: &str, token: &str) -> (u16, serde_json::Value) {
    match ureq::get(url)
        .set("Authorization", &format!("Bearer {token}"))
        .call()
    {
        Ok(r) => (r.status(), r.into_json().unwrap_or(serde_json::Value::Null)),
        Err(ureq::Error::Status(code, r)) => {
            (code, r.into_json().unwrap_or(serde_json::Value::Null))
        }
        Err(e) => panic!("GET {url}: {e}"),
    }
}

/// Signs in through the login form as a browser on this site would; returns the session
/// cookie (`name=value`) on success, or the status on failure.
pub fn login(server: &Server, username: &str, password: &str) -> Result<String, u16> {
    let agent = ureq::AgentBuilder::new().redirects(0).build();
    let origin = format!("http://{}", server.addr);
    let r = agent
        .post(&server.url("/login"))
        .set("Origin", &origin)
        .set("Sec-Fetch-Site", "same-origin")
        .send_form(&[
            ("username", username),
            ("password", password),
            ("next", "/"),
        ]);
    match r {
        Ok(r) if r.status() == 303 => r
            .header("set-cookie")
            .and_then(|c| c.split(';').next())
            .map(str::to_owned)
            .ok_or(0),
        Ok(r) => Err(r.status()),
        Err(ureq::Error::Status(code, _)) => Err(code),
        Err(e) => panic!("POST /login: {e}"),
    }
}

/// A user of `org` with `role` and the shared test password, signed in; returns the cookie.
pub fn signed_in(server: &Server, name: &str, org: &str, role: Role) -> String {
    if server
        .accounts
        .store()
        .user_by_name(name)
        .unwrap()
        .is_none()
    {
        server
            .accounts
            .add_user(
                &name.parse().unwrap(),
                &org.parse().unwrap(),
                role,
                Some(PASSWORD),
                0,
            )
            .expect("add user");
    }
    login(server, name, PASSWORD).expect("sign in")
}

/// A request as a browser on this site sends it: with the session cookie, if any, and the
/// same-origin headers unless `headers` say otherwise. Returns (status, body or Location).
pub fn browser_post(
    server: &Server,
    path: &str,
    cookie: Option<&str>,
    fields: &[(&str, &str)],
    headers: &[(&str, &str)],
) -> (u16, String) {
    let agent = ureq::AgentBuilder::new().redirects(0).build();
    let mut req = agent.post(&server.url(path));
    let origin = format!("http://{}", server.addr);
    if headers.is_empty() {
        req = req
            .set("Origin", &origin)
            .set("Sec-Fetch-Site", "same-origin");
    }
    for (k, v) in headers {
        req = req.set(k, v);
    }
    if let Some(c) = cookie {
        req = req.set("Cookie", c);
    }
    let answer = |r: ureq::Response| {
        let status = r.status();
        let location = r.header("location").unwrap_or("").to_owned();
        (
            status,
            if location.is_empty() {
                r.into_string().unwrap_or_default()
            } else {
                location
            },
        )
    };
    match req.send_form(fields) {
        Ok(r) => answer(r),
        Err(ureq::Error::Status(_, r)) => answer(r),
        Err(e) => panic!("POST {path}: {e}"),
    }
}

/// GET with a session cookie: (status, body).
pub fn browser_get(server: &Server, path: &str, cookie: &str) -> (u16, String) {
    let agent = ureq::AgentBuilder::new().redirects(0).build();
    match agent.get(&server.url(path)).set("Cookie", cookie).call() {
        Ok(r) => (r.status(), r.into_string().unwrap_or_default()),
        Err(ureq::Error::Status(code, r)) => (code, r.into_string().unwrap_or_default()),
        Err(e) => panic!("GET {path}: {e}"),
    }
}

/// A page asked for in Russian by `Accept-Language`, as a browser set to Russian asks; panics
/// on a status that is not a success.
pub fn russian(url: &str) -> String {
    match ureq::get(url)
        .set("Accept-Language", "ru-RU,ru;q=0.9")
        .call()
    {
        Ok(r) => r.into_string().unwrap_or_default(),
        Err(ureq::Error::Status(code, r)) => {
            panic!("GET {url}: {code} {}", r.into_string().unwrap_or_default())
        }
        Err(e) => panic!("GET {url}: {e}"),
    }
}

/// The text a reader sees: the body without its tags (`<svg>` titles and descriptions
/// included: screen readers read them), the entities maud writes read back.
pub fn visible(html: &str) -> String {
    let body = html.split("<body").nth(1).unwrap_or(html);
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// A store and its accounts in `dir` (`NAME.db`, `NAME.db.accounts`), opened off the async
/// workers, for tests that call the router in process rather than over the network.
#[allow(dead_code)]
pub async fn in_process_store(
    dir: &std::path::Path,
    name: &str,
    seed_demo: bool,
) -> (Arc<Chancery>, Accounts) {
    let path = dir.join(format!("{name}.db"));
    let chancery = tokio::task::spawn_blocking(move || Chancery::open(&path, seed_demo))
        .await
        .expect("join")
        .expect("open");
    let (accounts, _) = Accounts::open(&dir.join(format!("{name}.db.accounts"))).expect("accounts");
    (Arc::new(chancery), accounts)
}
