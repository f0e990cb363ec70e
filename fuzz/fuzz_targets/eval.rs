#![no_main]
//! Fuzz target `eval`: see `policy_lang::fuzzing::eval`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| policy_lang::fuzzing::eval(data));
