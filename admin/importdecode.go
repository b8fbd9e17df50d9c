package admin

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/dxsim/dxsim/store"
)

// decodeExport reads an export as a stream: rows and ports are decoded one
// at a time, so memory grows with the records, not with a buffered copy
// of the whole body. Unknown members are errors.
func decodeExport(r io.Reader) (Export, error) {
	var e Export
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := delim(dec, '{'); err != nil {
		return e, err
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return e, err
		}
		key, _ := t.(string)
		switch key {
		case "format":
			err = dec.Decode(&e.Format)
		case "clock":
			err = dec.Decode(&e.Clock)
		case "rows":
			e.Rows, err = decodeList[store.Row](dec)
		case "ports":
			e.Ports, err = decodeList[store.Port](dec)
		default:
			return e, fmt.Errorf("unknown member %s", quoteShort(key))
		}
		if err != nil {
			return e, fmt.Errorf("%s: %w", key, err)
		}
	}
	if err := delim(dec, '}'); err != nil {
		return e, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return e, fmt.Errorf("data after the export's JSON object")
	}
	return e, nil
}

func decodeList[T any](dec *json.Decoder) ([]T, error) {
	if err := delim(dec, '['); err != nil {
		return nil, err
	}
	out := []T{}
	for dec.More() {
		var v T
		if err := dec.Decode(&v); err != nil {
			return nil, fmt.Errorf("item %d: %w", len(out)+1, err)
		}
		out = append(out, v)
	}
	return out, delim(dec, ']')
}

func delim(dec *json.Decoder, want json.Delim) error {
	t, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := t.(json.Delim); !ok || d != want {
		return fmt.Errorf("expected %q", string(want))
	}
	return nil
}
