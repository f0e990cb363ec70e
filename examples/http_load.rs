//! A closed-loop load generator for `policy serve`, run as a second process on loopback:
//! `C` connections, each posting the same fact set again as soon as it is answered, for `S`
//! seconds. Prints requests/s and latency percentiles. Every answer must be a 200.
//!
//! ```sh
//! cargo build --release --bin policy --example http_load
//! ./target/release/policy serve rules/ --addr 127.0.0.1:8080 &
//! ./target/release/examples/http_load http://127.0.0.1:8080/v1/evaluate examples/changzhou_device_maker.json 2 10
//! ```

use std::time::{Duration, Instant};

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [url, facts, rest @ ..] = args.as_slice() else {
        return Err("usage: http_load URL FACTS.json [CONNECTIONS] [SECONDS]".into());
    };
    let connections: usize = rest.first().and_then(|c| c.parse().ok()).unwrap_or(2);
    let seconds: u64 = rest.get(1).and_then(|s| s.parse().ok()).unwrap_or(10);
    let body = std::fs::read_to_string(facts).map_err(|e| format!("{facts}: {e}"))?;
    let until = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let workers: Vec<_> = (0..connections)
        .map(|_| {
            let (url, body) = (url.clone(), body.clone());
            std::thread::spawn(move || -> Result<Vec<Duration>, String> {
                let agent = ureq::AgentBuilder::new().build(); // keeps its connection alive
                let mut latencies = Vec::new();
                while Instant::now() < until {
                    let sent = Instant::now();
                    let answer = agent.post(&url).set("content-type", "application/json").send_string(&body);
                    let answer = answer.map_err(|e| e.to_string())?;
                    answer.into_string().map_err(|e| e.to_string())?;
                    latencies.push(sent.elapsed());
                }
                Ok(latencies)
            })
        })
        .collect();
    let mut all = Vec::new();
    for worker in workers {
        all.extend(worker.join().map_err(|_| "a worker failed".to_string())??);
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.sort();
    let at = |q: f64| {
        all.get(((all.len() as f64 * q) as usize).min(all.len().saturating_sub(1))).copied().unwrap_or_default()
    };
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{} requests in {elapsed:.1} s over {connections} connection(s): {:.0} requests/s; latency p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        all.len(),
        all.len() as f64 / elapsed,
        ms(at(0.50)),
        ms(at(0.90)),
        ms(at(0.99)),
        ms(at(1.0)),
    );
    Ok(())
}
