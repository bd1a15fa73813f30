package runtime

// The version of the API shared with -runtime import packages.

// SupportPackageIsVersion1 is the version of the API this source shares through
// github.com/namigen/namigen/runtime (Nullable, Violation, ValidationError). Every package
// generated with -runtime import refers to it (const _ = runtime.SupportPackageIsVersion1),
// so that a generated package and a runtime package that do not match fail to compile with an
// error that names the version the generated code needs. Any change to the shared API adds
// the next constant (SupportPackageIsVersion2) and regenerates runtime/ (go test
// ./generator/emit -run Golden -update); TestGoldenRuntimeAPI fails until it does.
const SupportPackageIsVersion1 = true

// SupportPackageIsVersion2: Nullable is not comparable (its blank field _ [0]func()). Packages
// generated against version 1 still compile against it (generated code never compares a
// Nullable), so version 1 stays.
const SupportPackageIsVersion2 = true
