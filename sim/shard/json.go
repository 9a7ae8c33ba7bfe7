package shard

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
)

// jsonNode is a value of a JSON text that is a field of an object or an element of a list:
// where its key (or, for an element, the value) starts and where its value ends, its path as
// the readers' errors name fields (files[0].sha256), and whether the type read into knows
// its key.
type jsonNode struct {
	path       string
	name       string // the key, "" for an element of a list
	start, end int64
	unknown    bool
}

// jsonNodes returns the fields and elements of the JSON text b in the order they appear,
// each with its path and place, as read into a value of type t (nil when not known: then
// every key is taken as known). It stops at the first problem of syntax, returning what it
// found until then.
func jsonNodes(b []byte, t reflect.Type) []jsonNode {
	w := &jsonWalker{b: b, dec: json.NewDecoder(bytes.NewReader(b))}
	w.walk(t, "")
	return w.nodes
}

type jsonWalker struct {
	b     []byte
	dec   *json.Decoder
	nodes []jsonNode
	err   error
}

// walk reads one value of type t at path.
func (w *jsonWalker) walk(t reflect.Type, path string) {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	tok, err := w.dec.Token()
	if err != nil {
		w.err = err
		return
	}
	switch tok {
	case json.Delim('{'):
		for w.err == nil && w.dec.More() {
			key, err := w.dec.Token()
			if err != nil {
				w.err = err
				return
			}
			name, _ := key.(string)
			end := w.dec.InputOffset()
			start := int64(bytes.LastIndexByte(w.b[:max(end-1, 0)], '"'))
			ft, known := fieldType(t, name)
			i := len(w.nodes)
			w.nodes = append(w.nodes, jsonNode{path: joinPath(path, name), name: name, start: start, unknown: !known})
			w.walk(ft, joinPath(path, name))
			w.nodes[i].end = w.dec.InputOffset()
		}
		if w.err == nil {
			_, w.err = w.dec.Token()
		}
	case json.Delim('['):
		var elem reflect.Type
		if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
			elem = t.Elem()
		}
		for n := 0; w.err == nil && w.dec.More(); n++ {
			start := w.dec.InputOffset()
			for start < int64(len(w.b)) && strings.IndexByte(" \t\r\n,", w.b[start]) >= 0 {
				start++
			}
			i := len(w.nodes)
			p := fmt.Sprintf("%s[%d]", path, n)
			w.nodes = append(w.nodes, jsonNode{path: p, start: start})
			w.walk(elem, p)
			w.nodes[i].end = w.dec.InputOffset()
		}
		if w.err == nil {
			_, w.err = w.dec.Token()
		}
	}
}

// joinPath returns the path of the field name of the object at path.
func joinPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// fieldType returns the type of the field that the key name fills in a value of type t, as
// encoding/json matches them (its tag's name, or else one that differs only in case), and
// whether t has such a field; any key is known, of an unknown type, when t is not a struct.
func fieldType(t reflect.Type, name string) (reflect.Type, bool) {
	if t == nil || t.Kind() != reflect.Struct {
		var elem reflect.Type
		if t != nil && t.Kind() == reflect.Map {
			elem = t.Elem()
		}
		return elem, true
	}
	var fold reflect.Type
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if tag == "-" {
			continue
		}
		if tag == "" {
			tag = f.Name
		}
		if tag == name {
			return f.Type, true
		}
		if fold == nil && strings.EqualFold(tag, name) {
			fold = f.Type
		}
	}
	return fold, fold != nil
}

// jsonKind says in plain words what JSON value a Go value of type t is read from.
func jsonKind(t reflect.Type) string {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil {
		return "a value"
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "a whole number"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number, 0 or more"
	case reflect.Float32, reflect.Float64:
		return "a number"
	}
	return "a value of type " + t.String()
}

// jsonValue says in plain words the JSON value that encoding/json's UnmarshalTypeError
// describes as v: "array", "string", "number 1.5".
func jsonValue(v string) string {
	switch v {
	case "object":
		return "an object"
	case "array":
		return "a list"
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "number":
		return "a number"
	}
	if n, ok := strings.CutPrefix(v, "number "); ok {
		return n
	}
	return v
}
