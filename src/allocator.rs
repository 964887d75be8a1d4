//! What the binaries tell the allocator (mimalloc, the global allocator of `khabar` and of
//! the scale and reader benches).
//!
//! A program that builds a large structure once and then keeps it: freed memory goes back
//! to the system at once rather than after a second (the building threads go idle, and
//! what they freed would stay resident), and arenas are committed as they are used rather
//! than whole. At 100,000 articles the two alone took the reader's idle resident memory
//! from 590 to 449 MB and its peak from 603 to 535 MB, and a cold index of 10,000
//! articles from 293 to 157 MB (taking about a tenth longer). A variable the user sets
//! (`MIMALLOC_PURGE_DELAY`, `MIMALLOC_ARENA_EAGER_COMMIT`) still wins.
//!
//! [`tune`] must run before Rust's runtime makes its first allocation, when mimalloc makes
//! its first arena: a binary lists it in `.init_array` (an option set in `main` comes too
//! late for that arena). It must not allocate, so it asks libc's `getenv` rather than
//! `std::env`.

/// Sets mimalloc's options (see the module's documentation).
#[cfg(target_os = "linux")]
pub extern "C" fn tune() {
    use std::ffi::{CStr, c_char};
    unsafe extern "C" {
        fn getenv(name: *const c_char) -> *const c_char;
    }
    // mimalloc 3's `mi_option_e` (its `mimalloc.h`); the sys crate names only older options.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    let options: [(libmimalloc_sys::mi_option_t, &CStr); 2] = [
        (PURGE_DELAY, c"MIMALLOC_PURGE_DELAY"),
        (ARENA_EAGER_COMMIT, c"MIMALLOC_ARENA_EAGER_COMMIT"),
    ];
    for (option, variable) in options {
        // SAFETY: `getenv` reads the environment, which nothing changes this early (no
        // other thread exists yet); setting an option changes only what later
        // allocations and purges do.
        unsafe {
            if getenv(variable.as_ptr()).is_null() {
                libmimalloc_sys::mi_option_set(option, 0);
            }
        }
    }
}
