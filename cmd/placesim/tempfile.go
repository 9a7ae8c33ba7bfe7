package main

import "os"

// tempFile creates a temporary file for records or texts kept on disk while a run's outputs
// are made (pattern as os.CreateTemp takes it) and removes its name at once where the system
// allows it: the file lives while it is open, and nothing is left in the temporary folder
// however the process ends (interrupted, terminated or killed while it simulates). release
// closes the file, and removes its name where that could not be done at once.
func tempFile(pattern string) (f *os.File, release func(), err error) {
	f, err = os.CreateTemp("", pattern)
	if err != nil {
		return nil, nil, err
	}
	gone := os.Remove(f.Name()) == nil
	return f, func() {
		f.Close()
		if !gone {
			os.Remove(f.Name())
		}
	}, nil
}
