package awsapi

import (
	"bytes"
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Error messages quote at most a short prefix of a value a client sent:
// operations name the bad value in their messages, and a 1 MiB value must
// not come back as a 1 MiB message. Values up to maxQuoted bytes (every
// ARN and ID) are quoted whole; longer ones as their first maxEcho bytes.
const (
	maxQuoted  = 256
	maxEcho    = 64
	maxMessage = 2048 // bytes of a whole message
)

// shortenEchoes replaces every long value of the request (long, the
// protocol's echoes: strings, numbers, member or parameter names) that msg
// quotes, in any of the forms a message quotes it (raw, Go-quoted,
// JSON-escaped), with its short prefix, and caps msg.
func shortenEchoes(msg string, long func() []string) string {
	if len(msg) <= maxQuoted {
		return msg
	}
	values := long()
	slices.SortFunc(values, func(a, b string) int { return len(b) - len(a) })
	for _, s := range values {
		j, _ := json.Marshal(s)
		for _, form := range []string{s, strconv.Quote(s), string(j)} {
			form = strings.Trim(form, `"`)
			if strings.Contains(msg, form) {
				msg = strings.ReplaceAll(msg, form, prefix(form)+"...")
			}
		}
	}
	if len(msg) > maxMessage {
		msg = cutAt(msg, maxMessage) + "... (message shortened)"
	}
	return msg
}

// jsonEchoes are the long values and member names of a JSON body.
func jsonEchoes(body []byte) []string {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	var long []string
	if dec.Decode(&v) == nil {
		collectLong(v, &long)
	}
	return long
}

// formEchoes are the long values and parameter names of a Query form.
func formEchoes(form url.Values) []string {
	var long []string
	for k, vs := range form {
		if len(k) > maxQuoted {
			long = append(long, k)
		}
		for _, v := range vs {
			if len(v) > maxQuoted {
				long = append(long, v)
			}
		}
	}
	return long
}

func collectLong(v any, out *[]string) {
	switch v := v.(type) {
	case string:
		if len(v) > maxQuoted {
			*out = append(*out, v)
		}
	case json.Number:
		if len(v) > maxQuoted {
			*out = append(*out, string(v))
		}
	case []any:
		for _, x := range v {
			collectLong(x, out)
		}
	case map[string]any:
		for k, x := range v {
			if len(k) > maxQuoted {
				*out = append(*out, k)
			}
			collectLong(x, out)
		}
	}
}

func prefix(s string) string { return cutAt(s, maxEcho) }

// cutAt is at most n bytes of s, cut at a rune boundary.
func cutAt(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
