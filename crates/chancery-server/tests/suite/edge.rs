//! The connection edge: slow clients are cut off while others are served (finding M5), and
//! only this site's `Host` and `Origin` are honoured (L5).

use crate::common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use chancery_server::listen::Limits;
use chancery_server::origin::Site;
use common::start_configured;

/// A raw HTTP/1.1 GET from `source` (a loopback address), answered within a few seconds.
fn raw_get(addr: SocketAddr, source: [u8; 4], host: &str, path: &str) -> Option<String> {
    let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).ok()?;
    socket
        .bind(&SocketAddr::from((source, 0)).into())
        .expect("bind a loopback source address");
    socket
        .connect_timeout(&addr.into(), Duration::from_secs(2))
        .ok()?;
    let mut stream: TcpStream = socket.into();
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    Some(answer)
}

/// Seconds until the server closes a connection that sends one header line every `every`.
fn slow_client(addr: SocketAddr, every: Duration, give_up: Duration) -> Duration {
    let mut stream = TcpStream::connect(addr).expect("connect");
    trickle_headers(&mut stream, every, give_up)
}

/// Seconds until the server closes `stream` when it sends a request's headers one line every
/// `every` (at most `give_up`).
fn trickle_headers(stream: &mut TcpStream, every: Duration, give_up: Duration) -> Duration {
    let started = Instant::now();
    stream.set_read_timeout(Some(every)).expect("timeout");
    let _ = stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    let mut buf = [0u8; 256];
    while started.elapsed() < give_up {
        match stream.read(&mut buf) {
            // Closed (or answered with an error and closed): cut off.
            Ok(0) => return started.elapsed(),
            Ok(_) => {}
            Err(e)
                if e.kind() == std::io::ErrorKind::WouldBlock
                    || e.kind() == std::io::ErrorKind::TimedOut => {}
            Err(_) => return started.elapsed(),
        }
        if stream.write_all(b"X-Slow: 1\r\n").is_err() {
            return started.elapsed();
        }
    }
    started.elapsed()
}

#[test]
fn a_slow_header_client_is_cut_off_within_the_timeout_while_healthz_answers() {
    let limits = Limits {
        header_timeout: Duration::from_secs(2),
        idle_timeout: Duration::from_secs(4),
        per_address: 40,
        ..Limits::default()
    };
    let server = start_configured(false, true, limits, |_| {});
    // Slow clients from 127.0.0.1 fill their address's places...
    let slow: Vec<_> = (0..60)
        .map(|_| {
            let addr = server.addr;
            std::thread::spawn(move || {
                slow_client(addr, Duration::from_millis(500), Duration::from_secs(30))
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    // ...while another address is still served.
    for _ in 0..5 {
        let answer = raw_get(server.addr, [127, 0, 0, 2], "127.0.0.1", "/healthz")
            .expect("healthz answers from another address");
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    }
    for handle in slow {
        let held = handle.join().expect("slow client");
        assert!(
            // The timeout is 2 s; the margin is for a loaded machine, and without the timeout
            // the client is kept until it gives up after 30 s.
            held < Duration::from_secs(12),
            "a client sending a header line every 0.5 s was kept {held:?}"
        );
    }
    // Once they are gone, the first address is served again.
    let answer = raw_get(server.addr, [127, 0, 0, 1], "127.0.0.1", "/healthz").expect("served");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

/// Reads one whole answer ([`is_whole`]) from `stream`.
fn read_answer(stream: &mut TcpStream) -> String {
    let mut answer = Vec::new();
    let mut buf = [0u8; 1024];
    while !is_whole(&answer) {
        let n = stream.read(&mut buf).expect("an answer");
        assert!(
            n > 0,
            "closed before answering; read: {}",
            String::from_utf8_lossy(&answer)
        );
        answer.extend_from_slice(&buf[..n]);
    }
    String::from_utf8_lossy(&answer).into_owned()
}

#[test]
fn a_kept_alive_connection_is_under_the_header_clock_again_after_each_answer() {
    let limits = Limits {
        header_timeout: Duration::from_secs(2),
        idle_timeout: Duration::from_secs(30),
        ..Limits::default()
    };
    let server = start_configured(false, true, limits, |_| {});
    let mut stream = TcpStream::connect(server.addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    // Requests that come whole, one a second for five seconds: the clock starts again with
    // each, so the connection outlives the header timeout.
    for _ in 0..5 {
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .expect("a request");
        let answer = read_answer(&mut stream);
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        std::thread::sleep(Duration::from_secs(1));
    }
    // Then the next request's headers come a line every half second: cut off.
    let held = trickle_headers(
        &mut stream,
        Duration::from_millis(500),
        Duration::from_secs(30),
    );
    // The timeout is 2 s, counted from the last answer; the margin is for a loaded machine,
    // and without the timeout the client is kept until it gives up after 30 s.
    assert!(
        held < Duration::from_secs(12),
        "slow headers after an answer were kept {held:?}"
    );
}

/// Whether `answer` (an HTTP/1.1 answer as read so far) is whole: as long as its
/// `content-length` says, or its chunked body ended.
fn is_whole(answer: &[u8]) -> bool {
    let text = String::from_utf8_lossy(answer);
    let Some((head, body)) = text.split_once("\r\n\r\n") else {
        return false;
    };
    let length = head.lines().find_map(|l| {
        l.to_ascii_lowercase()
            .strip_prefix("content-length:")
            .and_then(|v| v.trim().parse::<usize>().ok())
    });
    match length {
        Some(length) => body.len() >= length,
        None => body.ends_with("\r\n0\r\n\r\n"),
    }
}

#[test]
fn a_slow_reader_gets_the_whole_of_a_large_answer() {
    let limits = Limits {
        header_timeout: Duration::from_secs(1),
        idle_timeout: Duration::from_secs(30),
        ..Limits::default()
    };
    let server = start_configured(true, true, limits, |_| {});
    // A small window and small segments, as over a slow link: on loopback the kernel would
    // otherwise take the whole answer at once, and the server would hold none of it.
    let socket =
        socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).expect("socket");
    socket.set_recv_buffer_size(4096).expect("receive buffer");
    socket.set_tcp_mss(1400).expect("segment size");
    socket.connect(&server.addr.into()).expect("connect");
    let mut stream: TcpStream = socket.into();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    let started = Instant::now();
    // The largest answer the demo has: every act, streamed (about 220 KB).
    stream
        .write_all(b"GET /api/v1/export/acts.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .expect("a request");
    let mut answer = Vec::new();
    let mut buf = [0u8; 1024];
    while !is_whole(&answer) && started.elapsed() < Duration::from_secs(60) {
        let n = stream.read(&mut buf).unwrap_or(0);
        if n == 0 {
            break;
        }
        answer.extend_from_slice(&buf[..n]);
        // About 40 KB a second.
        std::thread::sleep(Duration::from_millis(25));
    }
    let took = started.elapsed();
    let head = String::from_utf8_lossy(&answer[..answer.len().min(200)]).into_owned();
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    // Otherwise the answer left the server before its header clock could run out, and this
    // tests nothing.
    assert!(
        took > Duration::from_secs(3),
        "the answer ({} bytes) was read in {took:?}, too fast to test a slow reader",
        answer.len()
    );
    assert!(
        is_whole(&answer),
        "a reader taking {took:?} got {} bytes of an answer cut short",
        answer.len()
    );
}

#[test]
fn an_idle_connection_is_closed() {
    let limits = Limits {
        header_timeout: Duration::from_secs(2),
        idle_timeout: Duration::from_secs(2),
        ..Limits::default()
    };
    let server = start_configured(false, true, limits, |_| {});
    let started = Instant::now();
    let mut stream = TcpStream::connect(server.addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(15)))
        .expect("timeout");
    let mut buf = [0u8; 64];
    let n = stream.read(&mut buf).unwrap_or(0);
    assert_eq!(n, 0, "closed without an answer");
    // Idle timeout 2 s, with a margin for a loaded machine; without it the read waits 15 s.
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn only_this_sites_host_is_answered() {
    let server = start_configured(false, true, Limits::default(), |_| {});
    let ok = raw_get(
        server.addr,
        [127, 0, 0, 1],
        &server.addr.to_string(),
        "/healthz",
    )
    .unwrap();
    assert!(ok.starts_with("HTTP/1.1 200"), "{ok}");
    let local = raw_get(server.addr, [127, 0, 0, 1], "localhost:8080", "/healthz").unwrap();
    assert!(local.starts_with("HTTP/1.1 200"), "{local}");
    // A DNS-rebinding page reaches the server under the attacker's name.
    let rebound = raw_get(
        server.addr,
        [127, 0, 0, 1],
        "rebind.attacker.example:8080",
        "/api/v1/relations/US/RU/presence",
    )
    .unwrap();
    assert!(rebound.starts_with("HTTP/1.1 421"), "{rebound}");
    assert!(rebound.contains("unknown_host"), "{rebound}");

    let public = start_configured(false, true, Limits::default(), |state| {
        state.site = Site::Public("https://chancery.example.org".parse().unwrap());
    });
    let named = raw_get(
        public.addr,
        [127, 0, 0, 1],
        "chancery.example.org",
        "/healthz",
    )
    .unwrap();
    assert!(named.starts_with("HTTP/1.1 200"), "{named}");
    let other = raw_get(public.addr, [127, 0, 0, 1], "127.0.0.1", "/healthz").unwrap();
    assert!(other.starts_with("HTTP/1.1 421"), "{other}");
}

/// Signs in through the form with the given `Origin` and no `Sec-Fetch-Site` (a browser that
/// does not send it); returns the status.
fn login_from(server: &common::Server, host: &str, origin: &str) -> u16 {
    let agent = ureq::AgentBuilder::new().redirects(0).build();
    let r = agent
        .post(&server.url("/login"))
        .set("Host", host)
        .set("Origin", origin)
        .send_form(&[
            ("username", "editor"),
            ("password", common::PASSWORD),
            ("next", "/"),
        ]);
    match r {
        Ok(r) => r.status(),
        Err(ureq::Error::Status(code, _)) => code,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn the_origin_check_compares_scheme_host_and_port() {
    let server = start_configured(false, true, Limits::default(), |_| {});
    let host = server.addr.to_string();
    assert_eq!(login_from(&server, &host, &format!("https://{host}")), 403);
    let other_port = format!("http://127.0.0.1:{}", server.addr.port() + 1);
    assert_eq!(login_from(&server, &host, &other_port), 403);
    assert_eq!(login_from(&server, &host, &format!("http://{host}")), 303);

    let public = start_configured(false, true, Limits::default(), |state| {
        state.site = Site::Public("https://chancery.example.org".parse().unwrap());
    });
    let name = "chancery.example.org";
    assert_eq!(
        login_from(&public, name, "http://chancery.example.org"),
        403
    );
    assert_eq!(
        login_from(&public, name, "https://chancery.example.org:8443"),
        403
    );
    assert_eq!(
        login_from(&public, name, "https://chancery.example.org"),
        303
    );
}

/// A sign-in through the form from `source` (a loopback address); returns the status.
fn login_from_address(server: &common::Server, source: [u8; 4], password: &str) -> u16 {
    let answer = login_raw(server, source, password, None);
    answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// A sign-in of `editor` from `source`, with `cookie` if given; the whole answer.
fn login_raw(
    server: &common::Server,
    source: [u8; 4],
    password: &str,
    cookie: Option<&str>,
) -> String {
    let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
    socket.bind(&SocketAddr::from((source, 0)).into()).unwrap();
    socket.connect(&server.addr.into()).unwrap();
    let mut stream: TcpStream = socket.into();
    let body = format!(
        "username=editor&password={}&next=%2F",
        password.replace(' ', "+")
    );
    let host = server.addr;
    let cookie = cookie.map_or(String::new(), |c| format!("Cookie: {c}\r\n"));
    write!(
        stream,
        "POST /login HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\nSec-Fetch-Site: same-origin\r\n{cookie}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

/// Finding M3: throttling was per (user, address) and per address only, so 200 guesses from
/// 40 addresses all reached the password check, and the password still worked from a 42nd.
/// The account's own bound now holds whatever the number of addresses.
#[test]
fn guesses_spread_over_many_addresses_are_bounded_per_account() {
    let server = start_configured(false, true, Limits::default(), |_| {});
    let audit_before = server
        .accounts
        .store()
        .audit_of(None, 0, 100_000)
        .unwrap()
        .len();
    // The user signed in from this browser before the attack: it got a device cookie.
    let before = login_raw(&server, [127, 0, 3, 1], common::PASSWORD, None);
    let device = before
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: chancery_device="))
        .expect("a device cookie");
    for attribute in [
        "HttpOnly",
        "SameSite=Strict",
        "Path=/login",
        "Max-Age=2592000",
    ] {
        assert!(device.contains(attribute), "{device}");
    }
    let device = format!(
        "chancery_device={}",
        device.split(';').next().unwrap_or_default()
    );
    let mut refused = 0;
    for i in 0..200u8 {
        let address = [127, 0, 1, 1 + i % 40];
        let status = login_from_address(&server, address, "wrong password guess");
        assert_ne!(status, 303, "a wrong password never signs in");
        refused += 1;
    }
    assert_eq!(refused, 200);
    // The real password from an address never used is refused too while the bound holds.
    assert_eq!(
        login_from_address(&server, [127, 0, 2, 42], common::PASSWORD),
        401,
        "refused with the generic message, not the redirect of a sign-in"
    );
    // The same browser, from an address it never used, signs in at once.
    let travelling = login_raw(&server, [127, 0, 2, 43], common::PASSWORD, Some(&device));
    assert!(travelling.starts_with("HTTP/1.1 303"), "{travelling}");
    let rows = server.accounts.store().audit_of(None, 0, 100_000).unwrap();
    assert!(
        rows[audit_before..]
            .iter()
            .any(|r| r.action == "login_account_throttled"),
        "the auditors are alerted"
    );
}
