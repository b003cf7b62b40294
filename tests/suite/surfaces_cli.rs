//! `losscape surfaces` lists the surface files of `./surfaces/` after the built-ins.

use std::path::PathBuf;
use std::process::Command;

/// A fresh directory with `surfaces/` holding one good file and one with a typo.
fn workdir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("losscape-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("surfaces/lessons")).unwrap();
    std::fs::write(
        dir.join("surfaces/well.toml"),
        "name = \"double well\"\nexpression = \"x^4 + y^4 - 4*x*y\"\nstart = [1.5, -0.5]\n",
    )
    .unwrap();
    // "sqr" starts at line 2, column 15.
    std::fs::write(
        dir.join("surfaces/typo.toml"),
        "name = \"typo\"\nexpression = \"sqr(x) + y\"\n",
    )
    .unwrap();
    // Lessons and other files are not surfaces.
    std::fs::write(dir.join("surfaces/lessons/l.toml"), "x = 1\n").unwrap();
    std::fs::write(dir.join("surfaces/notes.txt"), "hello\n").unwrap();
    dir
}

fn surfaces_in(dir: &PathBuf) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_losscape"))
        .arg("surfaces")
        .current_dir(dir)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn files_follow_the_builtins_with_errors_in_brief() {
    let dir = workdir("surfaces-list");
    let text = surfaces_in(&dir);
    let lines: Vec<&str> = text.lines().collect();
    let builtins_end = lines
        .iter()
        .position(|l| l.is_empty())
        .expect("a blank line");
    assert!(
        lines[..builtins_end]
            .iter()
            .any(|l| l.starts_with("himmelblau "))
    );
    let files = &lines[builtins_end + 1..];
    assert!(
        files[0].starts_with("FILE") && files[0].contains("NAME"),
        "{text}"
    );
    // Sorted by file name: typo.toml, then well.toml; nothing else.
    assert_eq!(files.len(), 3, "{text}");
    assert!(files[1].starts_with("surfaces/typo.toml"), "{text}");
    assert!(
        files[1].contains("does not load: unknown function 'sqr' (line 2, column 15)"),
        "{text}"
    );
    assert!(files[2].starts_with("surfaces/well.toml"), "{text}");
    for s in ["double well", "x^4 + y^4 - 4*x*y", "(1.5, -0.5)"] {
        assert!(files[2].contains(s), "{s}: {text}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn without_a_surfaces_directory_only_the_builtins() {
    let dir = workdir("surfaces-none");
    std::fs::remove_dir_all(dir.join("surfaces")).unwrap();
    let text = surfaces_in(&dir);
    assert!(
        !text.contains("FILE") && !text.lines().any(str::is_empty),
        "{text}"
    );
    assert!(text.lines().any(|l| l.starts_with("rosenbrock ")));
    let _ = std::fs::remove_dir_all(&dir);
}
