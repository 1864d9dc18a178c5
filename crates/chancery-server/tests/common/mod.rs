//! Starts the real server on 127.0.0.1:0 over a fresh store, for integration tests.

use std::net::SocketAddr;
use std::sync::Arc;

use chancery_server::{router, AppState, Chancery, WriteToken};

pub const TOKEN: &str = "test-write-token";

pub struct Server {
    pub addr: SocketAddr,
    pub chancery: Arc<Chancery>,
    _dir: tempfile::TempDir,
}

impl Server {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

pub fn start(seed_demo: bool) -> Server {
    let dir = tempfile::tempdir().expect("temp dir");
    let chancery =
        Arc::new(Chancery::open(&dir.path().join("test.db"), seed_demo).expect("open store"));
    let state = AppState {
        chancery: chancery.clone(),
        write_token: Some(WriteToken::from_digest(WriteToken::digest_of(TOKEN))),
    };
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
            axum::serve(listener, router(state)).await.expect("serve");
        });
    });
    let addr = rx.recv().expect("server address");
    Server {
        addr,
        chancery,
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
