//! Surface files: every shipped example loads, and every mistake gets a caret message.

use losscape::surface::file::{self, SurfaceFileError};
use losscape::surface::{LinearRegression, Point, SurfaceError, catalog, resolve};
use std::path::{Path, PathBuf};

fn surfaces_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("surfaces")
}

/// The rendered error for a file's text (data paths relative to `surfaces/`).
fn error_of(text: &str) -> String {
    match file::parse_str("test.toml", text, &surfaces_dir()) {
        Ok(f) => panic!("expected an error, loaded '{}'", f.surface.name()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn every_shipped_surface_file_loads() {
    let entries = catalog(&surfaces_dir());
    let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    for e in &entries {
        if let Err(err) = &e.surface {
            panic!("{}: {err}", e.path.display());
        }
        assert!(
            e.description.is_some(),
            "{} has no description",
            e.path.display()
        );
    }
    for want in [
        "double well",
        "sales vs TV spending",
        "log barrier",
        "curved valley",
        "egg crate",
    ] {
        assert!(names.contains(&want), "{want} missing from {names:?}");
    }
    // Lessons live in a subdirectory and are not surfaces.
    assert!(
        entries
            .iter()
            .all(|e| !e.path.to_string_lossy().contains("lessons"))
    );
}

#[test]
fn double_well_file_has_its_minima_view_and_start() {
    let s = resolve(surfaces_dir().join("double_well.toml").to_str().unwrap()).unwrap();
    assert_eq!(s.name(), "double well");
    assert_eq!(s.formula(), "x^4 + y^4 - 4*x*y");
    assert_eq!(s.value(Point::new(1.0, 1.0)), -2.0);
    assert_eq!(s.start(), Point::new(1.5, -0.5));
    assert_eq!((s.view().x0, s.view().x1), (-2.0, 2.0));
}

#[test]
fn advertising_file_is_the_least_squares_fit_of_sales_on_tv() {
    let s = resolve(surfaces_dir().join("advertising.toml").to_str().unwrap()).unwrap();
    let data = s.data().expect("a data surface");
    assert_eq!(data.rows(), 200);
    assert_eq!(data.columns(), ("TV", "sales"));
    // ISLR §3.1: sales ≈ 7.0326 + 0.0475·TV.
    let csv = std::fs::read_to_string(surfaces_dir().join("data/advertising.csv")).unwrap();
    let fit = LinearRegression::from_csv("t", &csv, "TV", "sales", false)
        .unwrap()
        .least_squares();
    assert!((fit.x - 0.047537).abs() < 1e-6 && (fit.y - 7.032594).abs() < 1e-6);
    assert!(s.gradient(fit).norm() < 1e-9);
}

#[test]
fn unknown_variable_points_into_the_expression() {
    let e = error_of("name = \"t\"\nexpression = \"x^2 + z*y\"\n");
    assert_eq!(
        e,
        "error: unknown variable 'z'\n --> test.toml:2:21\n  |\n2 | expression = \"x^2 + z*y\"\n  |                     ^ expected x, y, pi or e"
    );
}

#[test]
fn unknown_function_suggests_the_closest() {
    let e = error_of("name = \"t\"\nexpression = 'sqr(x) + y'\n");
    assert!(
        e.starts_with("error: unknown function 'sqr'\n --> test.toml:2:15\n"),
        "{e}"
    );
    assert!(
        e.contains("  |               ^^^ expected a function name"),
        "{e}"
    );
    assert!(e.contains("= help: did you mean 'sqrt'?"), "{e}");
}

#[test]
fn unbalanced_parenthesis_blames_the_open_one() {
    let e = error_of("name = \"t\"\nexpression = \"2*(x + y\"\n");
    assert!(
        e.starts_with("error: unclosed '('\n --> test.toml:2:17\n"),
        "{e}"
    );
    assert!(
        e.contains("^ this '(' is never closed: expected ')' before the end"),
        "{e}"
    );
}

#[test]
fn missing_key_says_what_to_add() {
    let e = error_of("# a comment\nname = \"t\"\nview = { x = [0, 1], y = [0, 1] }\n");
    assert_eq!(
        e,
        "error: missing key 'expression'\n --> test.toml:2:1\n  |\n2 | name = \"t\"\n  | ^^^^ expected this table to have `expression = \"x^2 + 3*y^2\"`"
    );
    let e = error_of("expression = \"x\"\n");
    assert!(e.starts_with("error: missing key 'name'"), "{e}");
}

#[test]
fn wrong_types_name_what_was_found() {
    let e = error_of("name = \"t\"\nexpression = \"x\"\nstart = \"1, 2\"\n");
    assert!(
        e.starts_with("error: wrong type for 'start': found a string\n --> test.toml:3:9\n"),
        "{e}"
    );
    assert!(
        e.contains("expected an array of two numbers, e.g. [1.5, -0.5]"),
        "{e}"
    );
    let e = error_of("name = \"t\"\nexpression = 42\n");
    assert!(
        e.contains("wrong type for 'expression': found an integer"),
        "{e}"
    );
    let e = error_of("name = \"t\"\nexpression = \"x\"\nview = { x = [1, 0], y = [0, 1] }\n");
    assert!(e.contains("the x range must increase, found [1, 0]"), "{e}");
    let e = error_of("name = \"t\"\nexpression = \"x\"\nstart = [1, 2, 3]\n");
    assert!(
        e.contains("'start' needs exactly 2 numbers, found 3"),
        "{e}"
    );
}

#[test]
fn unknown_key_and_kind_are_errors_with_suggestions() {
    let e = error_of("name = \"t\"\nexpresion = \"x\"\n");
    assert!(
        e.starts_with("error: unknown key 'expresion'\n --> test.toml:2:1"),
        "{e}"
    );
    assert!(e.contains("did you mean 'expression'?"), "{e}");
    let e = error_of("name = \"t\"\nkind = \"regression\"\n");
    assert!(e.contains("unknown surface kind 'regression'"), "{e}");
}

#[test]
fn invalid_toml_is_located() {
    let e = error_of("name = \"t\"\nexpression = \"x\n");
    assert!(
        e.starts_with("error: invalid TOML\n --> test.toml:2:"),
        "{e}"
    );
}

fn temp_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("losscape-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn unreadable_csv_row_points_into_the_csv() {
    let dir = temp_dir("csv");
    std::fs::write(dir.join("d.csv"), "a,b\n1,2\n3,oops\n5,6\n").unwrap();
    let toml =
        "name = \"t\"\nkind = \"linear-regression\"\ndata = \"d.csv\"\ncolumns = [\"a\", \"b\"]\n";
    let e = file::parse_str("t.toml", toml, &dir)
        .err()
        .unwrap()
        .to_string();
    let csv = dir.join("d.csv").display().to_string();
    assert_eq!(
        e,
        format!(
            "error: unreadable CSV row: CSV line 3, column 'b': 'oops' is not a finite number\n --> {csv}:3:3\n  |\n3 | 3,oops\n  |   ^^^^ expected a number in column 'b'"
        )
    );
    // A row with too few fields is a CSV error on its line.
    std::fs::write(dir.join("d.csv"), "a,b\n1,2\n3\n").unwrap();
    let e = file::parse_str("t.toml", toml, &dir)
        .err()
        .unwrap()
        .to_string();
    assert!(
        e.starts_with("error: unreadable CSV row: CSV line 3"),
        "{e}"
    );
    assert!(e.contains(&format!("--> {csv}:3:1")), "{e}");
}

#[test]
fn missing_column_and_missing_data_file_point_at_the_key() {
    let dir = temp_dir("col");
    std::fs::write(dir.join("d.csv"), "TV,sales\n1,2\n3,5\n").unwrap();
    let toml = "name = \"t\"\nkind = \"linear-regression\"\ndata = \"d.csv\"\ncolumns = [\"tv\", \"sales\"]\n";
    let e = file::parse_str("t.toml", toml, &dir)
        .err()
        .unwrap()
        .to_string();
    assert!(
        e.starts_with("error: the data file has no column 'tv'\n --> t.toml:4:12"),
        "{e}"
    );
    assert!(e.contains("did you mean 'TV'?"), "{e}");
    let toml = toml.replace("d.csv", "nope.csv");
    let e = file::parse_str("t.toml", &toml, &dir)
        .err()
        .unwrap()
        .to_string();
    assert!(e.starts_with("error: cannot read data file"), "{e}");
    assert!(e.contains("--> t.toml:3:8"), "{e}");
}

#[test]
fn resolve_reports_a_missing_file_and_still_knows_builtins() {
    match resolve("no/such/surface.toml") {
        Err(SurfaceError::File(e)) => assert!(matches!(*e, SurfaceFileError::Read { .. })),
        other => panic!("expected a read error, got {:?}", other.err()),
    }
    assert_eq!(resolve("himmelblau").unwrap().name(), "himmelblau");
}

#[test]
fn regression_file_can_override_view_and_start() {
    let toml = "name = \"t\"\nkind = \"linear-regression\"\ndata = \"data/advertising.csv\"\ncolumns = [\"TV\", \"sales\"]\nstandardize = true\nstart = [0.0, 0.0]\nview = { x = [-1, 9], y = [0, 20] }\n";
    let f = file::parse_str("t.toml", toml, &surfaces_dir()).unwrap();
    assert_eq!(f.surface.start(), Point::new(0.0, 0.0));
    assert_eq!((f.surface.view().x0, f.surface.view().y1), (-1.0, 20.0));
    // Standardized: the Hessian is 2·I.
    let h = f.surface.hessian(Point::new(1.0, 1.0));
    assert!((h[(0, 0)] - 2.0).abs() < 1e-12 && h[(0, 1)].abs() < 1e-12);
}

#[test]
fn catalog_lists_broken_files_with_their_error_and_skips_other_files() {
    let dir = temp_dir("catalog");
    std::fs::write(
        dir.join("b_good.toml"),
        "name = \"good one\"\nexpression = \"x^2 + y^2\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("a_bad.toml"),
        "name = \"bad\"\nexpression = \"x^2 +\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("notes.txt"), "not a surface").unwrap();
    std::fs::create_dir_all(dir.join("lessons")).unwrap();
    let entries = catalog(&dir);
    let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    // Sorted by file name; a broken file is listed by its file name, with its error.
    assert_eq!(names, ["a_bad", "good one"]);
    let err = entries[0].surface.as_ref().err().unwrap().to_string();
    assert!(
        err.starts_with("error: unexpected end of the expression"),
        "{err}"
    );
    // The caret sits just after "x^2 +", on the closing quote.
    assert!(err.contains("a_bad.toml:2:20"), "{err}");
    assert!(entries[1].surface.is_ok());
    assert!(catalog(&dir.join("missing")).is_empty());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// Whatever the text, loading a surface file or a lesson returns, never panics.
    #[test]
    fn any_text_loads_or_errors(
        key in proptest::sample::select(vec!["name", "expression", "view", "start", "kind", "data", "columns", "title", "surface"]),
        value in "[\\[\\]{}=\",.a-z0-9 x^*()+-]{0,30}",
        tail in "[\\[\\]{}=\"\n,.a-z0-9 ]{0,30}",
    ) {
        let text = format!("name = \"t\"\nexpression = \"x\"\n{key} = {value}\n{tail}");
        let _ = file::parse_str("p.toml", &text, &surfaces_dir());
        let lesson = format!("title = \"t\"\nsurface = \"bowl\"\n{key} = {value}\n{tail}");
        let _ = losscape::lesson::parse_str("l.toml", &lesson, &surfaces_dir());
    }
}
