#![no_main]
//! Fuzz target `fmt`: see `policy_lang::fuzzing::fmt`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| policy_lang::fuzzing::fmt(data));
