#![no_main]
//! Fuzz target `facts`: see `policy_lang::fuzzing::facts`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| policy_lang::fuzzing::facts(data));
