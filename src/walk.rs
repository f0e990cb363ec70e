//! Finding `.policy` files: files named on the command line are taken as given; folders are
//! searched recursively, in name order, without following symbolic links.
//!
//! A link inside a folder leads either out of the tree (a link to `/` would walk the whole
//! disk, and `fmt` would rewrite files it was not given) or back into it (`a -> .` would read
//! every file again and again). Neither is followed; each is reported as skipped. Folders are
//! also remembered by their real path, so a loop made some other way (a bind mount) ends.

use crate::{Error, Errors};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The files found, and what was passed over on the way (as warnings).
#[derive(Debug, Default)]
pub struct Found {
    /// The `.policy` files, each once, in the order found.
    pub files: Vec<PathBuf>,
    /// [`Error::Skipped`] for every link not followed and every file seen twice.
    pub skipped: Vec<Error>,
}

/// The `.policy` files named by `paths`, and what was skipped; a path that cannot be read is
/// an error.
pub fn find(paths: &[PathBuf]) -> Result<Found, Errors> {
    let mut walk = Walk::default();
    for path in paths {
        walk.root(path);
    }
    if walk.errors.is_empty() {
        Ok(walk.found)
    } else {
        Err(Errors(walk.errors))
    }
}

#[derive(Default)]
struct Walk {
    found: Found,
    errors: Vec<Error>,
    /// Real paths of the folders entered and the files taken.
    seen: HashSet<PathBuf>,
}

impl Walk {
    fn root(&mut self, path: &Path) {
        if !path.exists() {
            let error = Error::Io { path: path.display().to_string(), message: crate::t!("io-no-such-path") };
            return self.errors.push(error);
        }
        if path.is_dir() {
            self.folder(path);
        } else {
            self.file(path);
        }
    }

    fn file(&mut self, path: &Path) {
        if self.first_visit(path) {
            self.found.files.push(path.to_path_buf());
        } else {
            self.skip(path, &crate::t!("io-skipped-same-file"));
        }
    }

    fn folder(&mut self, path: &Path) {
        if !self.first_visit(path) {
            return self.skip(path, &crate::t!("io-skipped-loop"));
        }
        let entries = match std::fs::read_dir(path) {
            Ok(entries) => entries,
            Err(e) => {
                return self.errors.push(Error::Io { path: path.display().to_string(), message: crate::io::reason(&e) })
            }
        };
        let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        children.sort();
        for child in children {
            let Ok(meta) = std::fs::symlink_metadata(&child) else { continue };
            if meta.is_symlink() {
                if child.is_dir() || child.extension().is_some_and(|e| e == "policy") {
                    self.skip(&child, &crate::t!("io-skipped-link"));
                }
            } else if meta.is_dir() {
                self.folder(&child);
            } else if child.extension().is_some_and(|e| e == "policy") {
                self.file(&child);
            }
        }
    }

    /// True the first time a real path is met.
    fn first_visit(&mut self, path: &Path) -> bool {
        let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.seen.insert(real)
    }

    fn skip(&mut self, path: &Path, reason: &str) {
        self.found.skipped.push(Error::Skipped { path: path.display().to_string(), reason: reason.into() });
    }
}
