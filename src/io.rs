//! Every byte in and out of a file. Reading: one function, [`read_input`], for every
//! command, so each input has a size limit, only regular files are read (never a device that
//! never ends or a FIFO that never opens), and the text must be UTF-8. Writing:
//! [`replace_file`], which never leaves a file half written.

use crate::{t, Error};
use std::io::{BufRead, Read, Write};
use std::path::Path;

/// The largest `.policy` file read: rules are text a person writes, so anything larger is a
/// mistake (a data file given as rules), reported rather than parsed.
pub const MAX_SOURCE_BYTES: u64 = 16 * 1024 * 1024;

/// The largest single JSON fact set read whole; larger populations stream as JSON Lines.
pub const MAX_FACTS_BYTES: u64 = 1024 * 1024 * 1024;

/// Reads `name` (a path, or `-` for standard input) as UTF-8 text of at most `limit` bytes.
/// Returns the name diagnostics should use (`<stdin>` for `-`) and the text.
pub fn read_input(name: &str, limit: u64) -> Result<(String, String), Error> {
    if name == "-" {
        let text = read_stream(std::io::stdin().lock(), limit, &t!("io-standard-input"))?;
        return Ok(("<stdin>".into(), text));
    }
    Ok((name.to_string(), read_text(Path::new(name), limit)?))
}

/// Opens `name` (a path, or `-` for standard input) to be read line by line, as JSON Lines
/// are: a regular file or a pipe (`<(policy gen …)`), never a device such as `/dev/zero`.
pub fn open_stream(name: &str) -> Result<Box<dyn BufRead>, Error> {
    if name == "-" {
        return Ok(Box::new(std::io::stdin().lock()));
    }
    let io = |message: String| Error::Io { path: name.to_string(), message };
    let meta = std::fs::metadata(name).map_err(|e| io(reason(&e)))?;
    if !meta.is_file() && !is_pipe(&meta) {
        return Err(io(t!("io-not-a-file-or-pipe")));
    }
    let file = std::fs::File::open(name).map_err(|e| io(reason(&e)))?;
    Ok(Box::new(std::io::BufReader::new(file)))
}

#[cfg(unix)]
fn is_pipe(meta: &std::fs::Metadata) -> bool {
    std::os::unix::fs::FileTypeExt::is_fifo(&meta.file_type())
}

#[cfg(not(unix))]
fn is_pipe(_: &std::fs::Metadata) -> bool {
    false
}

/// Reads a regular UTF-8 text file of at most `limit` bytes, saying plainly what is wrong
/// otherwise.
pub fn read_text(path: &Path, limit: u64) -> Result<String, Error> {
    let name = path.display().to_string();
    let io = |message: String| Error::Io { path: name.clone(), message };
    // Looked at before opening: opening a FIFO would wait for a writer for ever.
    let meta = std::fs::metadata(path).map_err(|e| io(reason(&e)))?;
    if !meta.is_file() {
        let message = if meta.is_dir() { t!("io-a-folder") } else { t!("io-not-a-file") };
        return Err(io(message));
    }
    if meta.len() > limit {
        let (size, limit) = ((meta.len() >> 20).to_string(), (limit >> 20).to_string());
        return Err(io(t!("io-too-big", size = size, limit = limit)));
    }
    let file = std::fs::File::open(path).map_err(|e| io(reason(&e)))?;
    read_stream(file, limit, &name)
}

/// Reads a stream (standard input, an open file) called `name` whole: UTF-8 text of at most
/// `limit` bytes; more is an error, not a truncation.
pub fn read_stream(reader: impl Read, limit: u64, name: &str) -> Result<String, Error> {
    let io = |message: String| Error::Io { path: name.to_string(), message };
    let mut bytes = Vec::new();
    reader.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(|e| io(reason(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(io(too_big(limit)));
    }
    String::from_utf8(bytes).map_err(|e| io(not_utf8(e.utf8_error())))
}

/// The operating system's reason, in the reader's language: English keeps the system's own
/// words; another language names the kind of failure, or the error number when it has no
/// name of its own, and never passes the English text through.
pub fn reason(e: &std::io::Error) -> String {
    if let Some(Said(said)) = e.get_ref().and_then(|inner| inner.downcast_ref::<Said>()) {
        return said.clone();
    }
    if crate::i18n::lang() == crate::i18n::Lang::En {
        return e.to_string();
    }
    // `ErrorKind`'s variant name, as its `Debug` writes it, picks the message: kinds newer
    // than the minimum Rust version are named too, and a name the catalogue lacks (or a
    // changed spelling) falls back to the number.
    let other = match e.raw_os_error() {
        Some(code) => t!("io-os-number", code = code.to_string()),
        None => t!("io-os-unknown"),
    };
    t!("io-os", kind = format!("{:?}", e.kind()), other = other)
}

/// Our own reason for an I/O failure, already in the reader's language, carried inside a
/// `std::io::Error` (`std::io::Error::other(Said(t!(…)))`) so [`reason`] shows it as it is.
#[derive(Debug)]
pub struct Said(pub String);

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Said {}

fn too_big(limit: u64) -> String {
    t!("io-input-too-big", limit = (limit >> 20).to_string())
}

/// Why bytes are not text, naming the first bad byte.
pub(crate) fn not_utf8(e: std::str::Utf8Error) -> String {
    let at = e.valid_up_to();
    t!("io-not-utf8", at = at.to_string())
}

/// Replaces the contents of the file at `path` with `text`, all or nothing: the text goes to a
/// temporary file beside it, which is then renamed over it, so a full disk leaves the old file
/// whole. The file keeps its permissions; a symbolic link stays a link to the new text.
pub fn replace_file(path: &Path, text: &str) -> Result<(), Error> {
    let write = |message: String| Error::Write { path: path.display().to_string(), message };
    let target = std::fs::canonicalize(path).map_err(|e| write(reason(&e)))?;
    let folder = target.parent().unwrap_or(Path::new("."));
    let permissions = std::fs::metadata(&target).map_err(|e| write(reason(&e)))?.permissions();
    let mut temp = tempfile::NamedTempFile::new_in(folder).map_err(|e| write(reason(&e)))?;
    temp.write_all(text.as_bytes()).and_then(|()| temp.as_file().sync_all()).map_err(|e| write(reason(&e)))?;
    std::fs::set_permissions(temp.path(), permissions).map_err(|e| write(reason(&e)))?;
    temp.persist(&target).map_err(|e| write(reason(&e.error)))?;
    Ok(())
}
