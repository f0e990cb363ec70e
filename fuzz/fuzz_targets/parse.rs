#![no_main]
//! Fuzz target `parse`: see `policy_lang::fuzzing::parse`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| policy_lang::fuzzing::parse(data));
