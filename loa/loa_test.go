package loa

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

func sample() Letter {
	issued := time.Date(2025, 3, 4, 10, 30, 0, 0, time.UTC)
	return Letter{
		ConnectionID:   "dxlag-ffrz71kw",
		ConnectionName: "prod (primary)",
		OwnerAccount:   "123456789012",
		Region:         "us-east-1",
		LocationCode:   "EqDC2",
		LocationName:   "Equinix DC1-DC6, DC10-DC11, Ashburn, VA",
		ProviderName:   `Example Networks\Fiber`,
		Bandwidth:      "100Gbps",
		Ports: []Port{
			{Device: "EqDC2-4h6ce2r1bes6", Port: "dxcon-fguhmqlc port 17", ConnectionID: "dxcon-fguhmqlc"},
			{Device: "EqDC2-4h6ce2r1bes6", Port: "panel 3 (rear) port 18", ConnectionID: "dxcon-fg5678gh"},
		},
		IssuedAt:  issued,
		ExpiresAt: issued.Add(90 * 24 * time.Hour),
	}
}

// pdfText is s as fpdf writes it inside a PDF literal string: the
// characters that delimit or escape literal strings get a backslash.
func pdfText(s string) string {
	return strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`).Replace(s)
}

// pdfUTF16 is s as a UTF-16BE (with BOM) metadata string, which is how
// fpdf stores Info entries set with isUTF8 = true.
func pdfUTF16(s string) string {
	var b strings.Builder
	b.WriteString("\xfe\xff")
	for _, u := range utf16.Encode([]rune(s)) {
		b.WriteByte(byte(u >> 8))
		b.WriteByte(byte(u))
	}
	return pdfText(b.String())
}

func TestRenderIsPDF(t *testing.T) {
	out, err := Render(sample())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, []byte("%PDF-")) {
		t.Errorf("missing %%PDF- header: %q", out[:min(len(out), 16)])
	}
	if !bytes.HasSuffix(bytes.TrimRight(out, "\r\n"), []byte("%%EOF")) {
		t.Errorf("missing %%%%EOF trailer: %q", out[max(0, len(out)-16):])
	}
	if n := bytes.Count(out, []byte("/Type /Page\n")); n != 1 {
		t.Errorf("pages = %d, want 1", n)
	}
}

func TestRenderDeterministic(t *testing.T) {
	a, err := Render(sample())
	if err != nil {
		t.Fatal(err)
	}
	// Several renders, because map-order nondeterminism shows up only
	// some of the time.
	for range 5 {
		b, err := Render(sample())
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Fatal("same letter rendered to different bytes")
		}
	}
	l := sample()
	l.IssuedAt = l.IssuedAt.Add(time.Hour)
	c, err := Render(l)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a, c) {
		t.Error("different issue date rendered to identical bytes")
	}
}

func TestRenderText(t *testing.T) {
	l := sample()
	out, err := Render(l)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"LETTER OF AUTHORIZATION AND CONNECTING FACILITY",
		l.ConnectionID,
		l.ConnectionName,
		l.OwnerAccount,
		l.Ports[0].ConnectionID,
		l.Ports[1].ConnectionID,
		l.Ports[0].Device,
		l.Ports[0].Port,
		l.Ports[1].Port,
		l.LocationName + " (" + l.LocationCode + ")",
		l.ProviderName,
		"100GBASE-LR4",
		"Single-mode fiber",
		"March 4, 2025 10:30 UTC",
		"June 2, 2025 10:30 UTC",
	} {
		if !bytes.Contains(out, []byte(pdfText(want))) {
			t.Errorf("PDF lacks %q", want)
		}
	}
	for _, want := range []string{
		"/Creator " + "(" + pdfUTF16("dxsim") + ")",
		"/Subject " + "(" + pdfUTF16("LOA-CFA for AWS Direct Connect "+l.ConnectionID) + ")",
		"/CreationDate (D:20250304103000)",
	} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("PDF metadata lacks %q", want)
		}
	}
}

func TestRenderCustomerAndDefaults(t *testing.T) {
	l := sample()
	l.ProviderName = ""
	l.ExpiresAt = time.Time{}
	l.Bandwidth = "10Gbps"
	l.Ports = []Port{{Device: "EqDC2-abc", Port: "port 1"}}
	out, err := Render(l)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"the customer (AWS account 123456789012)", // authorized party
		"June 2, 2025 10:30 UTC",                  // expiry defaults to 90 days
		"10GBASE-LR",
	} {
		if !bytes.Contains(out, []byte(pdfText(want))) {
			t.Errorf("PDF lacks %q", want)
		}
	}
	// The port inherits the letter's connection ID in its table cell.
	if !bytes.Contains(out, []byte("("+l.ConnectionID+")Tj")) {
		t.Error("port row lacks the letter's connection ID")
	}
}

func TestRenderFourPortsOnePage(t *testing.T) {
	l := sample()
	l.Ports = nil
	for i := range 4 {
		l.Ports = append(l.Ports, Port{
			Device:       "EqDC2-4h6ce2r1bes6",
			Port:         "a long panel designation MMR-2 panel 14 rear cassette B port " + string(rune('1'+i)),
			ConnectionID: "dxcon-fguhmql" + string(rune('a'+i)),
		})
	}
	out, err := Render(l)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(out, []byte("/Type /Page\n")); n != 1 {
		t.Errorf("pages = %d, want 1", n)
	}
}

func TestRenderValidation(t *testing.T) {
	for name, tc := range map[string]struct {
		edit func(*Letter)
		want string
	}{
		"no connection ID": {func(l *Letter) { l.ConnectionID = " " }, "connection ID"},
		"no location":      {func(l *Letter) { l.LocationCode = "" }, "location code"},
		"no ports":         {func(l *Letter) { l.Ports = nil }, "port"},
	} {
		t.Run(name, func(t *testing.T) {
			l := sample()
			tc.edit(&l)
			out, err := Render(l)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one mentioning %q", err, tc.want)
			}
			if out != nil {
				t.Error("output on error")
			}
		})
	}
}

// IDs and device names are copied from the letter into orders, so a table
// cell must never break them across lines, even at their widest.
func TestRenderKeepsIDsAndDevicesWhole(t *testing.T) {
	l := sample()
	l.ConnectionID = "dxlag-mmmmmmmm"
	l.Ports = nil
	for _, d := range []string{"EqSe2-EQ-lh5kavbw3lf1b", "PEH51-o9ce178k5mh9u0", "MB1SD-59g3awm3tvw78", "CSVA1-un7av8bppxx71c"} {
		l.Ports = append(l.Ports, Port{Device: d, Port: "Panel 99, port 24", ConnectionID: "dxcon-wwwwwww" + d[len(d)-1:]})
	}
	out, err := Render(l)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range l.Ports {
		for _, cell := range []string{p.ConnectionID, p.Device, p.Port} {
			if !bytes.Contains(out, []byte("("+cell+")Tj")) {
				t.Errorf("table cell %q is not on one line", cell)
			}
		}
	}
}
