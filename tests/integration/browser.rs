//! A small Chrome DevTools Protocol client for the HTML report's browser
//! test: Debian's headless Chromium, driven over `--remote-debugging-pipe`
//! (JSON messages ending in NUL on file descriptors 3 and 4; no port, no
//! websocket). A reader thread forwards every message into a channel, so
//! each wait is on a message, bounded by a timeout, never a sleep.
//!
//! Chromium runs as root here and the network is closed: the flags below
//! keep it from sandboxing (it cannot as root) and from reaching out
//! (it would hang on connections).

use serde_json::{Value, json};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// How long one step (a command's reply, an event) may take.
const STEP: Duration = Duration::from_secs(60);

/// The browser to drive: `CHROMIUM`, else Debian's.
pub fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

/// A running headless Chromium, with one page attached.
pub struct Browser {
    child: Child,
    to_browser: ChildStdin,
    from_browser: Receiver<Value>,
    next_id: u64,
    /// Events received and not yet waited for.
    pending: Vec<Value>,
    /// Every event received, for the console check.
    log: Vec<Value>,
    session: String,
    profile: TempDir,
}

impl Browser {
    /// Starts Chromium and opens an empty page with the page, runtime and
    /// log domains enabled (so that console messages are reported).
    pub fn start() -> Browser {
        let path = chromium();
        assert!(
            path.exists(),
            "{} absent : installez-le (apt-get install chromium) ; bash .ci/test le fait",
            path.display()
        );
        let profile = tempfile::tempdir().expect("profile directory");
        let stderr = std::fs::File::create(profile.path().join("chromium.log")).expect("log file");
        // The pipe protocol reads on fd 3 and writes on fd 4: the shell
        // moves our stdin and stdout there before running Chromium.
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(r#"exec "$0" "$@" 3<&0 4>&1 0</dev/null 1>&2"#)
            .arg(&path)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--disable-default-apps",
                "--mute-audio",
                "--hide-scrollbars",
                "--remote-debugging-pipe",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .expect("starting chromium");
        let to_browser = child.stdin.take().expect("chromium's pipe");
        let mut reader = child.stdout.take().expect("chromium's pipe");
        let (sender, from_browser) = channel();
        std::thread::spawn(move || {
            let mut buffer = Vec::new();
            let mut chunk = [0u8; 64 * 1024];
            while let Ok(n) = reader.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                buffer.extend_from_slice(&chunk[..n]);
                while let Some(end) = buffer.iter().position(|&b| b == 0) {
                    let message: Vec<u8> = buffer.drain(..=end).collect();
                    let Ok(value) = serde_json::from_slice(&message[..end]) else {
                        continue;
                    };
                    if sender.send(value).is_err() {
                        return;
                    }
                }
            }
        });
        let mut browser = Browser {
            child,
            to_browser,
            from_browser,
            next_id: 0,
            pending: Vec::new(),
            log: Vec::new(),
            session: String::new(),
            profile,
        };
        let target = browser.browser_call("Target.createTarget", json!({"url": "about:blank"}));
        let target_id = target["targetId"].clone();
        let attached = browser.browser_call(
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
        );
        browser.session = attached["sessionId"]
            .as_str()
            .expect("a session id")
            .to_string();
        for domain in ["Page.enable", "Runtime.enable", "Log.enable"] {
            browser.call(domain, json!({}));
        }
        browser
    }

    /// Chromium's own log, for failure messages.
    pub fn chromium_log(&self) -> String {
        std::fs::read_to_string(self.profile.path().join("chromium.log")).unwrap_or_default()
    }

    /// A command to the page; its result.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let session = self.session.clone();
        self.send(method, params, Some(&session))
    }

    fn browser_call(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, None)
    }

    fn send(&mut self, method: &str, params: Value, session: Option<&str>) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        let mut bytes = serde_json::to_vec(&message).expect("a JSON command");
        bytes.push(0);
        self.to_browser
            .write_all(&bytes)
            .and_then(|()| self.to_browser.flush())
            .unwrap_or_else(|e| panic!("{method}: {e}\n{}", self.chromium_log()));
        let reply = self.receive(method, |m| m["id"] == json!(id));
        if let Some(error) = reply.get("error") {
            panic!("{method}: {error}");
        }
        reply["result"].clone()
    }

    /// Waits for the next page event named `method`.
    pub fn wait_event(&mut self, method: &str) -> Value {
        if let Some(i) = self.pending.iter().position(|e| e["method"] == method) {
            return self.pending.remove(i)["params"].clone();
        }
        let event = self.receive(method, |m| m["method"] == method);
        event["params"].clone()
    }

    /// Receives messages until one satisfies `wanted`, keeping the events
    /// seen meanwhile.
    fn receive(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + STEP;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.from_browser.recv_timeout(left) {
                Ok(message) if wanted(&message) => {
                    if message.get("method").is_some() {
                        self.log.push(message.clone());
                    }
                    return message;
                }
                Ok(message) => {
                    if message.get("method").is_some() {
                        self.log.push(message.clone());
                        self.pending.push(message);
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    panic!("{what}: no answer within {STEP:?}\n{}", self.chromium_log())
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("{what}: chromium stopped\n{}", self.chromium_log())
                }
            }
        }
    }

    /// Opens `page` and waits for its load event.
    pub fn open(&mut self, page: &Path) {
        let url = format!("file://{}", page.display());
        let navigated = self.call("Page.navigate", json!({"url": url}));
        assert!(
            navigated.get("errorText").is_none(),
            "opening {url}: {navigated}"
        );
        self.wait_event("Page.loadEventFired");
    }

    /// Evaluates a JavaScript expression in the page; its value.
    pub fn eval(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        );
        if let Some(exception) = result.get("exceptionDetails") {
            panic!("{expression}: {exception}");
        }
        result["result"]["value"].clone()
    }

    /// The console errors, uncaught exceptions and browser log errors
    /// (a refused resource, a Content-Security-Policy violation) so far.
    pub fn console_errors(&mut self) -> Vec<String> {
        // Whatever arrived meanwhile counts too: a round trip flushes it.
        self.eval("0");
        self.log
            .iter()
            .filter_map(|event| {
                let params = &event["params"];
                match event["method"].as_str() {
                    Some("Runtime.consoleAPICalled")
                        if ["error", "assert"].contains(&params["type"].as_str().unwrap_or("")) =>
                    {
                        Some(format!("console.{}: {}", params["type"], params["args"]))
                    }
                    Some("Runtime.exceptionThrown") => {
                        Some(format!("exception: {}", params["exceptionDetails"]))
                    }
                    Some("Log.entryAdded") if params["entry"]["level"] == "error" => {
                        Some(format!("log: {}", params["entry"]))
                    }
                    _ => None,
                }
            })
            .collect()
    }

    /// A PNG of the whole page at `width` CSS pixels.
    pub fn screenshot(&mut self, width: u32) -> Vec<u8> {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": false}),
        );
        let metrics = self.call("Page.getLayoutMetrics", json!({}));
        let height = metrics["cssContentSize"]["height"]
            .as_f64()
            .unwrap_or(900.0);
        let shot = self.call(
            "Page.captureScreenshot",
            json!({
                "format": "png",
                "captureBeyondViewport": true,
                "clip": {"x": 0, "y": 0, "width": width, "height": height.ceil(), "scale": 1}
            }),
        );
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().expect("screenshot data"))
            .expect("base64 screenshot")
    }
}

impl Drop for Browser {
    /// Closes Chromium and waits until its pipe closes (it has exited),
    /// killing it if it does not within the step's time.
    fn drop(&mut self) {
        self.next_id += 1;
        let close = json!({"id": self.next_id, "method": "Browser.close"});
        let mut bytes = serde_json::to_vec(&close).unwrap_or_default();
        bytes.push(0);
        let _ = self.to_browser.write_all(&bytes);
        let deadline = Instant::now() + STEP;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.from_browser.recv_timeout(left) {
                Ok(_) => continue,
                Err(RecvTimeoutError::Disconnected) => break,
                Err(RecvTimeoutError::Timeout) => {
                    let _ = self.child.kill();
                    break;
                }
            }
        }
        let _ = self.child.wait();
    }
}
