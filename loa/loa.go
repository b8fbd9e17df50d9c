// Package loa renders Letters of Authorization and Connecting Facility
// Assignment (LOA-CFA), the document a customer hands to the colocation
// provider to order the cross-connect to an AWS Direct Connect port. It
// imports its PDF library (go-pdf/fpdf) and nothing of dxsim's.
package loa

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// Letter is what one LOA-CFA says.
type Letter struct {
	ConnectionID   string // dxcon-…, dxlag-… (a LAG lists one port per member)
	ConnectionName string
	OwnerAccount   string // 12-digit account ID of the customer
	Region         string
	LocationCode   string    // e.g. EqDC2
	LocationName   string    // e.g. "Equinix DC1-DC6, DC10-DC11, Ashburn, VA"
	ProviderName   string    // the APN partner / provider named in the request; empty means the customer itself
	Bandwidth      string    // e.g. 10Gbps
	Ports          []Port    // one per physical port the cross-connect lands on
	IssuedAt       time.Time // zero renders as "-" and pins the PDF dates to the Unix epoch
	ExpiresAt      time.Time // AWS LOAs are valid for 90 days; zero means IssuedAt + 90 days
}

// Port is one AWS-side demarcation point.
type Port struct {
	Device       string // awsDevice, e.g. EqDC2-4h6ce2r1bes6
	Port         string // port name on that device, e.g. "dxcon-fguhmqlc port 17" or a panel/port designation
	ConnectionID string // empty means Letter.ConnectionID
}

// ContentType is the only LOA content type the service supports.
const ContentType = "application/pdf"

// title is the document title, both printed and in the PDF metadata.
const title = "LETTER OF AUTHORIZATION AND CONNECTING FACILITY ASSIGNMENT (LOA-CFA)"

// validity is how long AWS honours an LOA-CFA.
const validity = 90 * 24 * time.Hour

// Page geometry in millimetres (US Letter, as AWS issues them).
const (
	margin = 20.0
	lineH  = 5.0
)

// Render returns the LOA-CFA as PDF bytes.
func Render(l Letter) ([]byte, error) {
	if err := l.check(); err != nil {
		return nil, err
	}
	if l.ExpiresAt.IsZero() && !l.IssuedAt.IsZero() {
		l.ExpiresAt = l.IssuedAt.Add(validity)
	}

	d := newDocument(l)
	d.heading()
	d.details(l)
	d.authorization(l)
	d.demarcationPoints(l)
	d.notes()

	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("loa: render PDF: %w", err)
	}
	return buf.Bytes(), nil
}

// check refuses a letter that cannot name what the cross-connect is to.
func (l Letter) check() error {
	switch {
	case strings.TrimSpace(l.ConnectionID) == "":
		return errors.New("loa: connection ID is required")
	case strings.TrimSpace(l.LocationCode) == "":
		return errors.New("loa: location code is required")
	case len(l.Ports) == 0:
		return errors.New("loa: at least one port is required")
	}
	return nil
}

// party is who the letter authorizes, as the authorization names it and in
// detail: the provider named in the request, or else the customer.
func (l Letter) party() (name, detail string) {
	if l.ProviderName != "" {
		return l.ProviderName, l.ProviderName
	}
	return "the customer", "the customer (AWS account " + orDash(l.OwnerAccount) + ")"
}

// location is the location's name with its code, or the code alone.
func (l Letter) location() string {
	if l.LocationName != "" {
		return l.LocationName + " (" + l.LocationCode + ")"
	}
	return l.LocationCode
}

// document is the single page of an LOA-CFA being drawn, top to bottom:
// each step below draws its part where the one before left off.
type document struct {
	pdf   *fpdf.Fpdf
	tr    func(string) string // caller-supplied text to the core fonts' cp1252
	textW float64             // the width between the margins
}

// newDocument starts the page of l's letter, with its metadata.
func newDocument(l Letter) *document {
	pdf := fpdf.New("P", "mm", "Letter", "")
	// Core fonts are cp1252, not UTF-8: translate every caller-supplied
	// string so names like "Équinix" or "…" print instead of mojibake.
	tr := pdf.UnicodeTranslatorFromDescriptor("")
	// Determinism: fpdf stamps time.Now() into /CreationDate and /ModDate
	// unless pinned (and a zero time means "now"), and it walks its font
	// and image maps in random order unless catalog sorting is on.
	stamp := time.Unix(0, 0).UTC()
	if !l.IssuedAt.IsZero() {
		stamp = l.IssuedAt.UTC()
	}
	pdf.SetCreationDate(stamp)
	pdf.SetModificationDate(stamp)
	pdf.SetCatalogSort(true)
	// Uncompressed content streams keep every printed string greppable in
	// the raw bytes (tests and curious operators rely on that); an LOA is a
	// single page, so the size cost is a few kilobytes.
	pdf.SetCompression(false)
	pdf.SetTitle(title, true)
	pdf.SetSubject("LOA-CFA for AWS Direct Connect "+l.ConnectionID, true)
	pdf.SetCreator("dxsim", true)
	pdf.SetAuthor("Amazon Web Services (emulated by dxsim)", true)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(true, margin)
	pdf.AddPage()
	width, _ := pdf.GetPageSize()
	return &document{pdf: pdf, tr: tr, textW: width - 2*margin}
}

// heading draws the issuer and the title.
func (d *document) heading() {
	pdf := d.pdf
	pdf.SetFont("Helvetica", "B", 11)
	pdf.CellFormat(d.textW, lineH, "Amazon Web Services - AWS Direct Connect", "", 1, "L", false, 0, "")
	pdf.Ln(4)
	pdf.SetFont("Helvetica", "B", 14)
	pdf.MultiCell(d.textW, 7, title, "", "C", false)
	pdf.Ln(4)
}

// details draws what the letter is for, a label and value a line.
func (d *document) details(l Letter) {
	pdf := d.pdf
	_, partyDetail := l.party()
	// Details are label/value lines; a value wraps only when wider than the
	// page, so ordinary values stay one string in the content stream.
	details := [][2]string{
		{"Date issued", date(l.IssuedAt)},
		{"Expires", date(l.ExpiresAt)},
		{"Customer account", orDash(l.OwnerAccount)},
		{"Connection ID", l.ConnectionID},
		{"Connection name", orDash(l.ConnectionName)},
		{"Region", orDash(l.Region)},
		{"Location", l.location()},
		{"Bandwidth", orDash(l.Bandwidth)},
		{"Authorized party", partyDetail},
	}
	for _, dt := range details {
		pdf.SetFont("Helvetica", "B", 10)
		pdf.CellFormat(40, lineH, dt[0]+":", "", 0, "L", false, 0, "")
		pdf.SetFont("Helvetica", "", 10)
		pdf.MultiCell(d.textW-40, lineH, d.tr(dt[1]), "", "L", false)
	}
	pdf.Ln(4)
}

// authorization draws the paragraph that authorizes the party to order the
// cross-connect.
func (d *document) authorization(l Letter) {
	party, _ := l.party()
	d.pdf.MultiCell(d.textW, lineH, d.tr(fmt.Sprintf(
		"Amazon Web Services, Inc. (\"AWS\") hereby authorizes %s to order a "+
			"cross-connect on behalf of AWS account %s to Amazon Web Services at %s. "+
			"The cross-connect must terminate at the AWS demarcation point(s) listed below "+
			"using single-mode fiber with LC connectors, and the far end must use an optic "+
			"matching the port type. This authorization is valid until %s; after that "+
			"date, request a new LOA-CFA from AWS.",
		party, orDash(l.OwnerAccount), l.location(), date(l.ExpiresAt))), "", "J", false)
	d.pdf.Ln(4)
}

// demarcationPoints draws the table of the ports the cross-connect lands
// on, one row a port.
func (d *document) demarcationPoints(l Letter) {
	pdf, tr := d.pdf, d.tr
	pdf.SetFont("Helvetica", "B", 11)
	pdf.CellFormat(d.textW, lineH+1, "AWS demarcation points", "", 1, "L", false, 0, "")
	header := []string{"Connection ID", "AWS device", "Port", "Bandwidth", "Optic", "Media", "Connector"}
	var rows [][]string
	for _, p := range l.Ports {
		id := p.ConnectionID
		if id == "" {
			id = l.ConnectionID
		}
		rows = append(rows, []string{tr(id), tr(orDash(p.Device)), tr(orDash(p.Port)),
			tr(orDash(l.Bandwidth)), orDash(optic(l.Bandwidth)), "Single-mode fiber", "LC"})
	}
	widths := columns(pdf, d.textW, portColumn, header, rows)
	pdf.SetFont("Helvetica", "B", 8)
	pdf.SetFillColor(230, 230, 230)
	row(pdf, widths, true, header...)
	pdf.SetFont("Helvetica", "", 8)
	for _, r := range rows {
		row(pdf, widths, false, r...)
	}
	pdf.Ln(6)
}

// notes draws the small print: who bills the cross-connect, and that the
// letter is an emulator's.
func (d *document) notes() {
	d.pdf.SetFont("Helvetica", "", 8)
	for _, note := range []string{
		"Cross-connect charges are billed by the colocation provider to the party that orders the cross-connect, not by AWS.",
		"This document was generated by dxsim, an AWS Direct Connect emulator. It is not valid for ordering a real cross-connect.",
	} {
		d.pdf.MultiCell(d.textW, 4, note, "", "L", false)
		d.pdf.Ln(1)
	}
}

// portColumn is the table column that takes the width the others leave;
// minFlex (mm) fits a designation like "Panel 99, port 24" on one line.
const (
	portColumn = 2
	minFlex    = 25.0
)

// columns sizes every column but flex to its widest cell (header in bold),
// so that IDs and device names, which a reader copies, never wrap; flex, a
// free-form designation that wraps at spaces, takes what is left, and at
// least minFlex: the other columns shrink in proportion to leave that.
func columns(pdf *fpdf.Fpdf, total float64, flex int, header []string, rows [][]string) []float64 {
	pad := 2*pdf.GetCellMargin() + 0.5
	w := make([]float64, len(header))
	pdf.SetFont("Helvetica", "B", 8)
	for i, h := range header {
		w[i] = pdf.GetStringWidth(h) + pad
	}
	pdf.SetFont("Helvetica", "", 8)
	for _, r := range rows {
		for i, c := range r {
			w[i] = max(w[i], pdf.GetStringWidth(c)+pad)
		}
	}
	fixed := 0.0
	for i, x := range w {
		if i != flex {
			fixed += x
		}
	}
	if total-fixed >= minFlex {
		w[flex] = total - fixed
		return w
	}
	w[flex] = minFlex
	scale := (total - w[flex]) / fixed
	for i := range w {
		if i != flex {
			w[i] *= scale
		}
	}
	return w
}

// row draws one table row whose cells wrap independently; the row is as
// tall as its tallest cell so borders line up.
func row(pdf *fpdf.Fpdf, widths []float64, fill bool, cells ...string) {
	const h = 4
	lines := 1
	for i, c := range cells {
		lines = max(lines, len(pdf.SplitLines([]byte(c), widths[i])))
	}
	style := "D"
	if fill {
		style = "FD"
	}
	x, y := pdf.GetXY()
	for i, c := range cells {
		pdf.Rect(x, y, widths[i], h*float64(lines), style)
		pdf.SetXY(x, y)
		pdf.MultiCell(widths[i], h, c, "", "L", false)
		x += widths[i]
	}
	pdf.SetY(y + h*float64(lines)) // also returns X to the left margin
}

// optic is the AWS-side transceiver for a dedicated connection speed; hosted
// speeds have no optic of their own (the partner owns the port).
func optic(bandwidth string) string {
	switch strings.ToLower(strings.ReplaceAll(bandwidth, " ", "")) {
	case "1gbps":
		return "1000BASE-LX"
	case "10gbps":
		return "10GBASE-LR"
	case "100gbps":
		return "100GBASE-LR4"
	case "400gbps":
		return "400GBASE-LR4"
	}
	return ""
}

func date(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("January 2, 2006 15:04 MST")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
