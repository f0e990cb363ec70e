//! Where an answer came from: content hashes of the rules (each file and all together), the
//! date evaluated on and the engine version, so an award can be traced to the exact text
//! that paid it and reproduced later.

use crate::program::Program;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The engine that answered: `policy-lang <version>`.
pub const ENGINE: &str = concat!("policy-lang ", env!("CARGO_PKG_VERSION"));

/// The SHA-256 of `bytes`, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// One loaded policy file and the hash of its text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct FileHash {
    /// The file as it was loaded, e.g. `rules/wuxi.policy`.
    pub file: String,
    /// SHA-256 of its text, hex.
    pub sha256: String,
}

/// The hashes of a loaded program: fixed when the rules are loaded, shared by every answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct RulesHash {
    /// SHA-256 over every file's name and hash, in load order: one value naming the rule set.
    pub rules_sha256: String,
    /// Each file's hash, in load order.
    pub files: Vec<FileHash>,
}

impl RulesHash {
    /// The hashes of the program's source files (none for a program loaded from IR).
    pub fn of(program: &Program) -> RulesHash {
        let files: Vec<FileHash> = program
            .sources
            .iter()
            .map(|s| FileHash { file: s.name.clone(), sha256: sha256_hex(s.text.as_bytes()) })
            .collect();
        let listing: String = files.iter().map(|f| format!("{}  {}\n", f.sha256, f.file)).collect();
        RulesHash { rules_sha256: sha256_hex(listing.as_bytes()), files }
    }
}

/// What every answer carries: the rules, the date and the engine.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct Provenance {
    /// `policy-lang 0.1.0`.
    pub engine: String,
    /// The date evaluated on (`null` when nothing was evaluated).
    #[cfg_attr(feature = "serve", schema(value_type = Option<String>, format = Date))]
    pub as_of: Option<NaiveDate>,
    /// The rules' hashes.
    #[serde(flatten)]
    pub rules: RulesHash,
}

impl Provenance {
    /// The provenance of an answer from these rules on `as_of`.
    pub fn new(rules: &RulesHash, as_of: Option<NaiveDate>) -> Provenance {
        Provenance { engine: ENGINE.to_string(), as_of, rules: rules.clone() }
    }

    /// Adds `"provenance"` to a JSON result object (the other fields are left as they are).
    pub fn attach(&self, result: &mut Value) {
        if let (Value::Object(map), Ok(value)) = (result, serde_json::to_value(self)) {
            map.insert("provenance".into(), value);
        }
    }
}
