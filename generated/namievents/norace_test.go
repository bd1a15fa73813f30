//go:build !race

package namievents_test

const raceEnabled = false
