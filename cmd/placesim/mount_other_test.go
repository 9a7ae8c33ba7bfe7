//go:build !linux

package main

import "errors"

func mountTmpfs(string) error { return errors.New("mounting is only tried on Linux") }

func unmount(string) {}

func mountReadOnly(string) error { return errors.New("mounting is only tried on Linux") }

func remountReadOnly(string) error { return errors.New("mounting is only tried on Linux") }
