//! Serde for paths as bytes, so a file name that is not UTF-8 is stored as it is (serde's
//! own `PathBuf` support refuses it): `#[serde(with = "crate::article::path_bytes")]`.

use std::ffi::OsStr;

use std::path::{Path, PathBuf};

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserializer, Serializer};

pub fn serialize<S: Serializer>(path: &Path, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_bytes(path.as_os_str().as_encoded_bytes())
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<PathBuf, D::Error> {
    struct Bytes;
    impl<'de> Visitor<'de> for Bytes {
        type Value = PathBuf;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a path as bytes")
        }
        fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<PathBuf, E> {
            Ok(PathBuf::from(os_str_of(v).into_owned()))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<PathBuf, E> {
            Ok(PathBuf::from(v))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<PathBuf, A::Error> {
            let mut bytes = Vec::new();
            while let Some(b) = seq.next_element::<u8>()? {
                bytes.push(b);
            }
            self.visit_bytes(&bytes)
        }
    }
    deserializer.deserialize_byte_buf(Bytes)
}

/// A path's bytes (as written by `as_encoded_bytes`) as an `OsStr`.
#[cfg(unix)]
pub fn os_str_of(bytes: &[u8]) -> std::borrow::Cow<'_, OsStr> {
    use std::os::unix::ffi::OsStrExt;
    std::borrow::Cow::Borrowed(OsStr::from_bytes(bytes))
}

/// A path's bytes (as written by `as_encoded_bytes`) as an `OsStr`.
#[cfg(not(unix))]
pub fn os_str_of(bytes: &[u8]) -> std::borrow::Cow<'_, OsStr> {
    // Paths were written from `as_encoded_bytes`; read back what is valid UTF-8 (all but
    // unpaired surrogates on Windows) without unsafe code.
    std::borrow::Cow::Owned(String::from_utf8_lossy(bytes).into_owned().into())
}
