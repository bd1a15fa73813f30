//go:build race

package namievents_test

const raceEnabled = true
