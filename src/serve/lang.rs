//! `Accept-Language`: the language of the sentences a response carries (traces, reasons,
//! problems). Without the header, the server's own language (`--lang`, the environment).
//! Work a handler sends to another thread takes `i18n::lang()` along (`evaluate::within`).

use crate::i18n::{with_lang, Lang};
use axum::extract::Request;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::middleware::Next;
use axum::response::Response;
use rust_decimal::Decimal;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Middleware: the whole handling of a request, problems included, in the language its
/// `Accept-Language` asks for. The language is set on the thread only while the request's
/// future is polled, so other requests on the same thread keep theirs; work sent to other
/// threads (`spawn_blocking`) takes it along with `i18n::with_lang`.
pub async fn in_language(request: Request, next: Next) -> Response {
    let header = request.headers().get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    match header.and_then(preferred) {
        Some(lang) => InLanguage { lang, work: Box::pin(next.run(request)) }.await,
        None => next.run(request).await,
    }
}

/// A future polled with its language set on the polling thread.
struct InLanguage<F> {
    lang: Lang,
    work: Pin<Box<F>>,
}

impl<F: Future> Future for InLanguage<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let lang = self.lang;
        with_lang(lang, || self.work.as_mut().poll(cx))
    }
}

/// The language an `Accept-Language` value prefers most among those we have:
/// `zh-CN,zh;q=0.9,en;q=0.8` → Chinese, `en;q=0.5, zh` → Chinese, `fr` → none.
pub fn preferred(header: &str) -> Option<Lang> {
    let mut best: Option<(Decimal, Lang)> = None;
    for entry in header.split(',') {
        let mut parts = entry.split(';');
        let Some(lang) = parts.next().and_then(Lang::parse) else { continue };
        let quality = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .map_or(Some(Decimal::ONE), |q| q.trim().parse::<Decimal>().ok())
            .unwrap_or(Decimal::ZERO);
        if quality > Decimal::ZERO && best.is_none_or(|(b, _)| quality > b) {
            best = Some((quality, lang));
        }
    }
    best.map(|(_, lang)| lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_preferred_language_we_have_wins() {
        assert_eq!(preferred("zh-CN,zh;q=0.9,en;q=0.8"), Some(Lang::Zh));
        assert_eq!(preferred("en;q=0.5, zh"), Some(Lang::Zh));
        assert_eq!(preferred("fr, en-GB;q=0.7"), Some(Lang::En));
        assert_eq!(preferred("fr"), None);
        assert_eq!(preferred("zh;q=0"), None);
        assert_eq!(preferred(""), None);
    }
}
