package main

import "runtime/debug"

// regexp2Module is the only module outside the standard library that generated code may
// import (for ECMA-262 patterns, under -regexp ecma).
const regexp2Module = "github.com/dlclark/regexp2"

// workGoMod is the go.mod of the module the generated packages are compiled in: it requires
// regexp2 at the version namigen itself was built with, so the build works offline.
func workGoMod() string {
	mod := "module conformance\n\ngo 1.24\n"
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == regexp2Module {
				mod += "\nrequire " + regexp2Module + " " + d.Version + "\n"
			}
		}
	}
	return mod
}
