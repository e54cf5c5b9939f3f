//! GET /plaintext -> "Hello, World!" (text/plain), GET /json -> {"message":"Hello, World!"}
//! (application/json), both with Content-Length; anything else 404. HTTP/1.1, and HTTP/2 over
//! cleartext with prior knowledge: hyper 0.14's server detects the HTTP/2 preface by itself when
//! both the http1 and http2 features are on.
//!
//! Usage: hyper-hello PORT

use std::convert::Infallible;
use std::net::SocketAddr;

use hyper::header::{HeaderValue, CONTENT_TYPE};
use hyper::service::{make_service_fn, service_fn};
use hyper::{Body, Method, Request, Response, Server, StatusCode};

static PLAINTEXT: &[u8] = b"Hello, World!";
static JSON: &[u8] = b"{\"message\":\"Hello, World!\"}";

async fn serve(req: Request<Body>) -> Result<Response<Body>, Infallible> {
    let (body, content_type) = match (req.method(), req.uri().path()) {
        (&Method::GET, "/plaintext") => (PLAINTEXT, "text/plain"),
        (&Method::GET, "/json") => (JSON, "application/json"),
        _ => {
            let mut not_found = Response::new(Body::empty());
            *not_found.status_mut() = StatusCode::NOT_FOUND;
            return Ok(not_found);
        }
    };
    // A Body from a static slice has an exact size, so hyper sends Content-Length.
    let mut res = Response::new(Body::from(body));
    res.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    Ok(res)
}

#[tokio::main]
async fn main() {
    let port: u16 = std::env::args()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .expect("usage: hyper-hello PORT");
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let make = make_service_fn(|_conn| async { Ok::<_, Infallible>(service_fn(serve)) });
    let server = Server::bind(&addr).tcp_nodelay(true).serve(make);
    eprintln!("hyper-hello listening on http://{addr}");
    if let Err(e) = server.await {
        eprintln!("server error: {e}");
        std::process::exit(1);
    }
}
