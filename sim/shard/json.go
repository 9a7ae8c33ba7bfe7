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

// syntaxWords says in plain words what encoding/json's syntax error err found in the JSON text
// b: err.Offset is just past the byte it stopped at. Its own words ("invalid character ','
// looking for beginning of object key string") speak of the parser's states, not of the text.
func syntaxWords(b []byte, err *json.SyntaxError) string {
	at := int(err.Offset) - 1
	if at < 0 || at >= len(b) {
		return strings.TrimPrefix(err.Error(), "json: ")
	}
	c := b[at]
	// before is the last byte before at that is not white space, 0 at the start.
	var before byte
	for i := at - 1; i >= 0; i-- {
		if strings.IndexByte(" \t\r\n", b[i]) < 0 {
			before = b[i]
			break
		}
	}
	context, ok := strings.CutPrefix(err.Error(), "invalid character ")
	if !ok {
		return strings.TrimPrefix(err.Error(), "json: ")
	}
	// The context follows the quoted character, which may hold spaces of its own (' ').
	if i := strings.Index(context, "' "); i >= 0 {
		context = context[i+2:]
	}
	// word is the token the byte at ends or is in: a literal or a number cut short ends at
	// the byte after it.
	word := jsonSnippet(b, at)
	if !isWordByte(c) && at > 0 && isWordByte(b[at-1]) && (strings.HasPrefix(context, "in literal ") || strings.Contains(context, "numeric literal")) {
		word = jsonSnippet(b, at-1)
	}
	if word == "" {
		word = fmt.Sprintf("%q", c)
	}
	switch {
	case word != "" && (word[0] == '-' || word[0] >= '0' && word[0] <= '9') && (strings.Contains(context, "numeric literal") || isWordByte(c) && at > 0 && isWordByte(b[at-1])):
		return "a number not written as JSON writes one: " + word
	case c == '\'':
		return "a single quote, where JSON writes its strings and field names in double quotes: " + jsonSnippet(b, at)
	case context == "looking for beginning of object key string" && (c == ',' || c == '}') && before == ',':
		return "a comma with no field after it"
	case context == "looking for beginning of object key string" && c == ',':
		return "a comma with no field before it"
	case context == "looking for beginning of object key string":
		return "a field's name belongs here, in double quotes, not " + jsonSnippet(b, at)
	case context == "after object key":
		return "a colon belongs after the field's name, not " + jsonSnippet(b, at)
	case context == "after object key:value pair" && c == '"':
		return "a comma missing before this field: " + jsonSnippet(b, at)
	case context == "after object key:value pair":
		return "a comma or the object's closing brace belongs here, not " + jsonSnippet(b, at)
	case context == "after array element" && (c == '"' || c == '{' || c == '[' || c == '-' || c >= '0' && c <= '9'):
		return "a comma missing before this element of the list: " + jsonSnippet(b, at)
	case context == "after array element":
		return "a comma or the list's closing bracket belongs here, not " + jsonSnippet(b, at)
	case context == "looking for beginning of value" && c == ']' && before == ',':
		return "a comma with no element after it"
	case context == "looking for beginning of value" && (c == ',' || c == '}') && before == ':':
		return "a field with no value after its colon"
	case context == "looking for beginning of value" && c == ',' && (before == ',' || before == '['):
		return "a comma with no element before it"
	case strings.HasPrefix(context, "in literal "):
		return "text that is not JSON here: " + word + " (true, false and null are written in full, in lowercase)"
	case context == "in string literal":
		return "a line break or other control character inside a string, which JSON writes as \\n, \\t or \\u0000"
	case context == "in string escape code":
		return `a backslash that starts no escape JSON knows (\" \\ \/ \b \f \n \r \t \uXXXX): ` + string(b[max(at-1, 0):at+1])
	case context == "in \\u hexadecimal character escape":
		from := max(bytes.LastIndexByte(b[:at], '\\'), 0)
		return `\u not followed by four hexadecimal digits: ` + string(b[from:min(from+6, len(b))])
	}
	return "text that is not JSON here: " + word
}

// jsonSnippet returns the token of b at byte at, to quote in a message: the word that holds
// it (of letters, digits and the signs of numbers), a string in quotes from its opening quote,
// or the byte alone; cut short after 30 characters.
func jsonSnippet(b []byte, at int) string {
	start, end := at, at+1
	switch {
	case isWordByte(b[at]):
		for start > 0 && isWordByte(b[start-1]) {
			start--
		}
		for end < len(b) && isWordByte(b[end]) {
			end++
		}
	case b[at] == '"' || b[at] == '\'':
		for end < len(b) && b[end] != b[at] && b[end] != '\n' && b[end] != '\r' {
			end++
		}
		end = min(end+1, len(b))
	}
	s := []rune(strings.TrimRight(string(b[start:end]), "\r\n"))
	if len(s) > 30 {
		return string(s[:30]) + "…"
	}
	return string(s)
}

// isWordByte reports whether c is a letter, a digit or a sign a number is written with.
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("+-._", c) >= 0
}
