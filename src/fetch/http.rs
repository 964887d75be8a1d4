//! The HTTP client `khabar fetch` uses: blocking `ureq` over rustls, with a clear
//! User-Agent, timeouts, a size limit per response, few redirects and conditional requests.

use std::time::Duration;

use ureq::ResponseExt;

/// What a polite client is allowed.
#[derive(Debug, Clone)]
pub struct Limits {
    /// The whole of one request, connection to last byte.
    pub timeout: Duration,
    /// Bytes of one response body (after decompression).
    pub max_bytes: u64,
    pub max_redirects: u32,
    pub user_agent: String,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(30),
            max_bytes: 8 * 1024 * 1024,
            max_redirects: 5,
            user_agent: format!(
                "khabar/{} (offline Hindi news reader; fetches feeds and articles for one reader)",
                env!("CARGO_PKG_VERSION")
            ),
        }
    }
}

/// Validators of an earlier response, for a conditional request.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A response worth reading.
#[derive(Debug)]
pub enum Reply {
    /// 200: the body, the address it finally came from, its type and its validators.
    Body {
        url: String,
        content_type: Option<String>,
        validators: Validators,
        bytes: Vec<u8>,
    },
    /// 304: unchanged since the validators were given.
    NotModified,
}

/// One agent for the run: connections are pooled, at most two kept per host.
pub struct Client {
    agent: ureq::Agent,
    limits: Limits,
}

impl Client {
    pub fn new(limits: Limits) -> Client {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(limits.timeout))
            .timeout_connect(Some(limits.timeout.min(Duration::from_secs(10))))
            .max_redirects(limits.max_redirects)
            .http_status_as_error(false)
            .user_agent(limits.user_agent.as_str())
            .max_idle_connections_per_host(2)
            .build();
        Client {
            agent: config.into(),
            limits,
        }
    }

    /// GETs `url`, conditionally when `validators` are given. Anything but a 200 or a 304
    /// is an error in words a reader can act on.
    pub fn get(&self, url: &str, validators: Option<&Validators>) -> Result<Reply, String> {
        let mut request = self.agent.get(url);
        if let Some(v) = validators {
            if let Some(etag) = &v.etag {
                request = request.header("If-None-Match", etag);
            }
            if let Some(date) = &v.last_modified {
                request = request.header("If-Modified-Since", date);
            }
        }
        let mut response = request.call().map_err(|e| self.explain(e))?;
        let status = response.status();
        if status.as_u16() == 304 {
            return Ok(Reply::NotModified);
        }
        if !status.is_success() {
            return Err(match status.canonical_reason() {
                Some(reason) => format!("HTTP {} {reason}", status.as_u16()),
                None => format!("HTTP {}", status.as_u16()),
            });
        }
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let content_type = header("content-type");
        let validators = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let final_url = response.get_uri().to_string();
        let bytes = response
            .body_mut()
            .with_config()
            .limit(self.limits.max_bytes)
            .read_to_vec()
            .map_err(|e| self.explain(e))?;
        Ok(Reply::Body {
            url: final_url,
            content_type,
            validators,
            bytes,
        })
    }

    fn explain(&self, e: ureq::Error) -> String {
        match e {
            ureq::Error::Timeout(_) => {
                format!("timed out after {} s", self.limits.timeout.as_secs_f64())
            }
            ureq::Error::BodyExceedsLimit(_) => format!(
                "larger than the {} MiB limit for one response",
                self.limits.max_bytes / (1024 * 1024)
            ),
            ureq::Error::TooManyRedirects => {
                format!("more than {} redirects", self.limits.max_redirects)
            }
            ureq::Error::HostNotFound => "host not found".into(),
            ureq::Error::ConnectionFailed => "cannot connect".into(),
            ureq::Error::Io(io) => format!("connection failed: {io}"),
            ureq::Error::BadUri(uri) => format!("not a web address: {uri}"),
            other => other.to_string(),
        }
    }
}
