//! Starting the real `khabar` binary in a pseudo-terminal, for the tests that drive the
//! reader as a user would.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{self, Receiver};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// A `khabar` running in a pseudo-terminal.
pub struct Spawned {
    pub master: Box<dyn MasterPty + Send>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    /// Output chunks, read by a thread of their own; disconnected once the pty closes.
    pub output: Receiver<Vec<u8>>,
}

pub fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// Starts `khabar ARGS` in a `cols`×`rows` pty, in `home`, with every XDG folder and HOME
/// under `home` (`state`, `cache`, `config`, `data`, `home`), TERM=xterm-256color,
/// LANG=C.UTF-8, no COLORTERM, NO_COLOR or TERM_PROGRAM, then `env`.
pub fn spawn_khabar(
    home: &Path,
    cols: u16,
    rows: u16,
    args: &[&std::ffi::OsStr],
    env: &[(String, String)],
) -> Spawned {
    let pty = native_pty_system()
        .openpty(size(cols, rows))
        .expect("open a pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_khabar"));
    cmd.args(args);
    for (var, sub) in [
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("HOME", "home"),
    ] {
        let dir = home.join(sub);
        std::fs::create_dir_all(&dir).expect("create temp subdir");
        cmd.env(var, dir);
    }
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "C.UTF-8");
    cmd.env_remove("COLORTERM");
    cmd.env_remove("NO_COLOR");
    cmd.env_remove("TERM_PROGRAM");
    for (var, value) in env {
        cmd.env(var, value);
    }
    cmd.cwd(home);
    let child = pty.slave.spawn_command(cmd).expect("spawn khabar");
    // Only the child holds the slave side, so the master sees EOF when it exits.
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("pty reader");
    let writer = pty.master.take_writer().expect("pty writer");
    let (tx, output) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        loop {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if tx.send(buf[..n].to_vec()).is_err() {
                        break;
                    }
                }
            }
        }
    });
    Spawned {
        master: pty.master,
        writer,
        child,
        output,
    }
}
