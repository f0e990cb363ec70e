#![no_main]
//! Fuzz target `check`: see `policy_lang::fuzzing::check`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| policy_lang::fuzzing::check(data));
