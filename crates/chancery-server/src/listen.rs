//! The accept loop: HTTP/1.1 connections with bounds a slow or flooding client cannot escape
//! (finding M5 of the outside probe: without them, one header line every 4 s kept a connection
//! for minutes, and about 20,000 of them took `/healthz` down).
//!
//! - a request's headers must arrive within [`Limits::header_timeout`], counted from when the
//!   server starts waiting for them, not reset by each byte; an idle keep-alive connection
//!   waiting for its next request is under the same clock. Both limits in time are kept by a
//!   watchdog per connection ([`watch`]), not by a timer per request;
//! - a connection on which nothing is read or written for [`Limits::idle_timeout`] is closed
//!   (a client that stops reading its answer, a body that never comes);
//! - at most [`Limits::max_connections`] connections in all and [`Limits::per_address`] from
//!   one address: past either, a new connection is closed at once and a line says so (at most
//!   one line per ten seconds), so one address cannot take the places of everyone else.

use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::connect_info::ConnectInfo;
use axum::extract::Request;
use axum::response::Response;
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tower::{Service, ServiceExt};

mod watch;

use watch::{Watch, Watchdog};

/// Bounds on connections; see the module's documentation.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub header_timeout: Duration,
    pub idle_timeout: Duration,
    pub max_connections: usize,
    pub per_address: usize,
    /// How long in-flight requests may run after a shutdown signal.
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            // Well under the usual 1,024 open files per process, with room for the stores.
            max_connections: 768,
            per_address: 128,
            shutdown_grace: Duration::from_secs(30),
        }
    }
}

/// Open connections, in all and per address.
#[derive(Default)]
struct Census {
    total: AtomicUsize,
    by_address: Mutex<HashMap<IpAddr, usize>>,
    last_warning: Mutex<Option<Instant>>,
}

/// A place taken by one connection, given back when it ends.
struct Place {
    census: Arc<Census>,
    ip: IpAddr,
}

impl Census {
    fn admit(self: &Arc<Self>, ip: IpAddr, limits: &Limits) -> Option<Place> {
        let mut by_address = self.by_address.lock().unwrap_or_else(|e| e.into_inner());
        let total = self.total.load(Ordering::SeqCst);
        let mine = by_address.get(&ip).copied().unwrap_or(0);
        if total >= limits.max_connections || mine >= limits.per_address {
            drop(by_address);
            self.warn(ip, total, mine, limits);
            return None;
        }
        *by_address.entry(ip).or_insert(0) += 1;
        self.total.fetch_add(1, Ordering::SeqCst);
        Some(Place {
            census: Arc::clone(self),
            ip,
        })
    }

    fn warn(&self, ip: IpAddr, total: usize, mine: usize, limits: &Limits) {
        let mut last = self.last_warning.lock().unwrap_or_else(|e| e.into_inner());
        if last.is_some_and(|t| t.elapsed() < Duration::from_secs(10)) {
            return;
        }
        *last = Some(Instant::now());
        tracing::warn!(
            open = total,
            max = limits.max_connections,
            from_address = mine,
            per_address = limits.per_address,
            %ip,
            "connection limit reached: new connections are closed until some end"
        );
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        let mut by_address = self
            .census
            .by_address
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(n) = by_address.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                by_address.remove(&self.ip);
            }
        }
        self.census.total.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A TCP stream that notes on its [`Watch`] when it moves a byte either way.
struct Watched {
    stream: TcpStream,
    watch: Arc<Watch>,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let poll = Pin::new(&mut self.stream).poll_read(cx, buf);
        if matches!(poll, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.watch.moved();
        }
        poll
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        let poll = Pin::new(&mut self.stream).poll_write(cx, data);
        if matches!(poll, Poll::Ready(Ok(n)) if n > 0) {
            self.watch.moved();
        }
        poll
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let poll = Pin::new(&mut self.stream).poll_write_vectored(cx, bufs);
        if matches!(poll, Poll::Ready(Ok(n)) if n > 0) {
            self.watch.moved();
        }
        poll
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    /// hyper flushes the socket once its own buffer is written out: what it had let go of is
    /// then sent.
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let poll = Pin::new(&mut self.stream).poll_flush(cx);
        if matches!(poll, Poll::Ready(Ok(()))) {
            self.watch.flushed();
        }
        poll
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

/// Accept errors that concern one connection only: go on accepting.
fn per_connection(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}

/// Serves `app` on `listener` within `limits` until `shutdown` completes, then lets requests in
/// flight finish (for at most [`Limits::shutdown_grace`]).
pub async fn serve_with_limits<App>(
    listener: TcpListener,
    app: App,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) -> io::Result<()>
where
    App: Service<Request, Response = Response, Error = Infallible> + Clone + Send + 'static,
    App::Future: Send + 'static,
{
    let census = Arc::new(Census::default());
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) if per_connection(&e) => continue,
                Err(e) => {
                    // Out of file descriptors and the like: wait instead of spinning.
                    tracing::error!(error = %e, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Some(place) = census.admit(peer.ip(), &limits) else {
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        serve_connection(stream, peer, app.clone(), limits, place, &graceful);
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {},
        () = tokio::time::sleep(limits.shutdown_grace) => {
            tracing::warn!(grace = ?limits.shutdown_grace, "requests still running after the grace period; stopping anyway");
        }
    }
    Ok(())
}

fn serve_connection<App>(
    stream: TcpStream,
    peer: SocketAddr,
    app: App,
    limits: Limits,
    place: Place,
    graceful: &GracefulShutdown,
) where
    App: Service<Request, Response = Response, Error = Infallible> + Clone + Send + 'static,
    App::Future: Send + 'static,
{
    let watch = Watch::new(Instant::now());
    let mut watchdog = Watchdog::new(
        Arc::clone(&watch),
        limits.header_timeout,
        limits.idle_timeout,
    );
    let io = Watched {
        stream,
        watch: Arc::clone(&watch),
    };
    let began = Arc::clone(&watch);
    let answered = Arc::clone(&watch);
    let service = app
        .map_request(move |req: hyper::Request<hyper::body::Incoming>| {
            began.request_began();
            let mut req = req.map(Body::new);
            req.extensions_mut().insert(ConnectInfo(peer));
            req
        })
        .map_response(move |res: Response| res.map(|body| answered.answer(body)));
    // No header read timer of hyper's: the watchdog below keeps the header deadline (see
    // `watch`). Without a timer, hyper sets none.
    let connection = hyper::server::conn::http1::Builder::new()
        .header_read_timeout(None)
        .serve_connection(TokioIo::new(io), TowerToHyperService::new(service));
    let connection = graceful.watch(connection);
    tokio::spawn(async move {
        let _place = place;
        tokio::pin!(connection);
        let tick = watchdog.period();
        loop {
            tokio::select! {
                // An error here is the client's (gone, bad request).
                _ = connection.as_mut() => break,
                () = tokio::time::sleep(tick) => {
                    if let Some(verdict) = watchdog.look(Instant::now()) {
                        tracing::debug!(?verdict, %peer, "connection closed");
                        // Dropping the connection closes the socket.
                        break;
                    }
                }
            }
        }
    });
}
