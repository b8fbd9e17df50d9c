package awsapi

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
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

// receivedBody is a request body that remembers what serve read of it, so
// that an error message can be checked for echoes of it without a copy.
type receivedBody struct {
	io.ReadCloser
	read []byte
}

// remember notes body as what was read of r's body.
func remember(r *http.Request, body []byte) {
	if rb, ok := r.Body.(*receivedBody); ok {
		rb.read = body
	}
}

// shortenEchoes replaces every long string (or number, or member name) of
// the JSON body that msg quotes, in any of the forms a message quotes it
// (raw, Go-quoted, JSON-escaped), with its short prefix, and caps msg.
func shortenEchoes(msg string, body []byte) string {
	if len(msg) <= maxQuoted {
		return msg
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) == nil {
		var long []string
		collectLong(v, &long)
		slices.SortFunc(long, func(a, b string) int { return len(b) - len(a) })
		for _, s := range long {
			j, _ := json.Marshal(s)
			for _, form := range []string{s, strconv.Quote(s), string(j)} {
				form = strings.Trim(form, `"`)
				if strings.Contains(msg, form) {
					msg = strings.ReplaceAll(msg, form, prefix(form)+"...")
				}
			}
		}
	}
	if len(msg) > maxMessage {
		msg = cutAt(msg, maxMessage) + "... (message shortened)"
	}
	return msg
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
