//go:build !linux

package main

// machineMemory is the memory a batch may hold where placesim does not read the machine's:
// defaultMachineMemory.
func machineMemory() int64 { return defaultMachineMemory }
