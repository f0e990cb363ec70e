//! `Accept-Language`: the language of the sentences a response carries (traces, reasons,
//! problems). Without the header, the server's own language (`--lang`, the environment).

use crate::i18n::{with_lang, Lang};
use axum::extract::FromRequestParts;
use axum::extract::Request;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use rust_decimal::Decimal;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// The language a request asks for, if it names one we have.
#[derive(Clone, Copy, Debug, Default)]
pub struct Language(pub Option<Lang>);

impl<S: Send + Sync> FromRequestParts<S> for Language {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let header = parts.headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
        Ok(Language(header.and_then(preferred)))
    }
}

impl Language {
    /// Runs `work` with this thread's messages in the request's language.
    pub fn run<T>(self, work: impl FnOnce() -> T) -> T {
        match self.0 {
            Some(lang) => with_lang(lang, work),
            None => work(),
        }
    }
}

/// Middleware: the whole handling of a request, problems included, in the language its
/// `Accept-Language` asks for. The language is set on the thread only while the request's
/// future is polled, so other requests on the same thread keep theirs; work sent to other
/// threads (`spawn_blocking`) takes it along with [`Language::run`].
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
