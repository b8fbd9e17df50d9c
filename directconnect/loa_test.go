package directconnect_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
)

// loaTextRe matches a PDF literal string shown with Tj; the LOA is written
// uncompressed, so its text can be read from the bytes.
var loaTextRe = regexp.MustCompile(`\(((?:[^\\()]|\\.)*)\)\s*Tj`)

var loaUnescape = regexp.MustCompile(`\\(.)`)

// loaPortRe is how a port designation reads: it names a port number.
var loaPortRe = regexp.MustCompile(`(?i)\bport \d+\b`)

// loaCells checks that content is a whole PDF and returns its printed
// strings in drawing order.
func loaCells(t *testing.T, content []byte) []string {
	t.Helper()
	if !bytes.HasPrefix(content, []byte("%PDF-")) {
		t.Fatalf("LOA content does not start with %%PDF-: %q", content[:min(len(content), 16)])
	}
	if !bytes.HasSuffix(bytes.TrimRight(content, "\r\n"), []byte("%%EOF")) {
		t.Fatalf("LOA content does not end with %%%%EOF: %q", content[max(0, len(content)-16):])
	}
	var cells []string
	for _, m := range loaTextRe.FindAllSubmatch(content, -1) {
		cells = append(cells, loaUnescape.ReplaceAllString(string(m[1]), "$1"))
	}
	if len(cells) == 0 {
		t.Fatal("LOA PDF has no readable text")
	}
	return cells
}

// loaPort finds the demarcation row of connection id in the letter's table
// (connection ID, device, port) and returns its port designation.
func loaPort(t *testing.T, cells []string, id, device string) string {
	t.Helper()
	for i := 0; i+2 < len(cells); i++ {
		if cells[i] == id && cells[i+1] == device {
			if !loaPortRe.MatchString(cells[i+2]) {
				t.Errorf("row of %s on %s names port %q, which is no port designation", id, device, cells[i+2])
			}
			return cells[i+2]
		}
	}
	t.Errorf("LOA has no row for %s on device %s; text: %q", id, device, cells)
	return ""
}

// loaMentions reports whether some printed string of the letter contains s.
func loaMentions(cells []string, s string) bool {
	for _, c := range cells {
		if strings.Contains(c, s) {
			return true
		}
	}
	return false
}

// loaWantIssued checks a connection's loaIssueTime: nil for the zero time.
func loaWantIssued(t *testing.T, c *directconnect.Client, id *string, want time.Time) {
	t.Helper()
	got := dxsimtest.DescribeConnection(t, c, id).LoaIssueTime
	switch {
	case want.IsZero() && got != nil:
		t.Errorf("%s: loaIssueTime = %v, want none", aws.ToString(id), got)
	case !want.IsZero() && (got == nil || !got.Equal(want)):
		t.Errorf("%s: loaIssueTime = %v, want %v", aws.ToString(id), got, want)
	}
}

const loaProvider = "Example Fiber (NA) Networks"

func TestDescribeLoaOfConnection(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.CreateConnection(t, c, "EqDC2", "10Gbps")
	loaWantIssued(t, c, conn.ConnectionId, time.Time{})
	w.Clock.Advance(90 * time.Minute)

	out, err := c.DescribeLoa(ctx, &directconnect.DescribeLoaInput{
		ConnectionId: conn.ConnectionId, ProviderName: aws.String(loaProvider), LoaContentType: types.LoaContentTypePdf,
	})
	if err != nil {
		t.Fatal(err)
	}
	if out.LoaContentType != types.LoaContentTypePdf {
		t.Errorf("loaContentType = %q, want application/pdf", out.LoaContentType)
	}
	cells := loaCells(t, out.LoaContent)
	loaPort(t, cells, aws.ToString(conn.ConnectionId), aws.ToString(conn.AwsDevice))
	for _, want := range []string{"EqDC2", "Equinix DC1-DC6, DC10-DC11, Ashburn, VA", loaProvider, dxsimtest.Account} {
		if !loaMentions(cells, want) {
			t.Errorf("LOA does not mention %q", want)
		}
	}
	issued := w.Clock.Now()
	loaWantIssued(t, c, conn.ConnectionId, issued)

	// A later request issues a new letter and moves the issue time.
	w.Clock.Advance(24 * time.Hour)
	if _, err := c.DescribeLoa(ctx, &directconnect.DescribeLoaInput{ConnectionId: conn.ConnectionId}); err != nil {
		t.Fatal(err)
	}
	loaWantIssued(t, c, conn.ConnectionId, w.Clock.Now())
}

func TestDescribeLoaWithoutProviderNamesTheCustomer(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.CreateConnection(t, c, "CSVA1", "1Gbps")
	out, err := c.DescribeLoa(ctx, &directconnect.DescribeLoaInput{ConnectionId: conn.ConnectionId})
	if err != nil {
		t.Fatal(err)
	}
	cells := loaCells(t, out.LoaContent)
	if out.LoaContentType != types.LoaContentTypePdf {
		t.Errorf("loaContentType = %q, want application/pdf", out.LoaContentType)
	}
	if loaMentions(cells, loaProvider) || !loaMentions(cells, "AWS account "+dxsimtest.Account) {
		t.Errorf("LOA without providerName should authorize the customer's account; text: %q", cells)
	}
	loaPort(t, cells, aws.ToString(conn.ConnectionId), aws.ToString(conn.AwsDevice))
}

func TestDescribeConnectionLoa(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.ClientFor(dxsimtest.Account, "eu-west-1")
	conn := dxsimtest.CreateConnection(t, c, "TCSH", "10Gbps")
	w.Clock.Advance(time.Hour)
	out, err := c.DescribeConnectionLoa(ctx, &directconnect.DescribeConnectionLoaInput{
		ConnectionId: conn.ConnectionId, ProviderName: aws.String(loaProvider), LoaContentType: types.LoaContentTypePdf,
	})
	if err != nil {
		t.Fatal(err)
	}
	if out.Loa == nil || out.Loa.LoaContentType != types.LoaContentTypePdf {
		t.Fatalf("loa = %+v, want application/pdf content", out.Loa)
	}
	cells := loaCells(t, out.Loa.LoaContent)
	loaPort(t, cells, aws.ToString(conn.ConnectionId), aws.ToString(conn.AwsDevice))
	for _, want := range []string{"TCSH", loaProvider, "eu-west-1"} {
		if !loaMentions(cells, want) {
			t.Errorf("LOA does not mention %q", want)
		}
	}
	loaWantIssued(t, c, conn.ConnectionId, w.Clock.Now())
}

func TestDescribeLoaOfLagListsEveryMember(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	lag, err := c.CreateLag(ctx, &directconnect.CreateLagInput{
		Location: aws.String("EqDC2"), ConnectionsBandwidth: aws.String("10Gbps"), NumberOfConnections: 3, LagName: aws.String("loa lag"),
	})
	if err != nil {
		t.Fatal(err)
	}
	outside := dxsimtest.CreateConnection(t, c, "EqDC2", "10Gbps") // not a member: no LOA for it
	if len(lag.Connections) != 3 {
		t.Fatalf("LAG has %d members, want 3", len(lag.Connections))
	}
	w.Clock.Advance(3 * time.Hour)
	out, err := c.DescribeLoa(ctx, &directconnect.DescribeLoaInput{LoaContentType: types.LoaContentTypePdf, ConnectionId: lag.LagId, ProviderName: aws.String(loaProvider)})
	if err != nil {
		t.Fatal(err)
	}
	if out.LoaContentType != types.LoaContentTypePdf {
		t.Errorf("loaContentType = %q, want application/pdf", out.LoaContentType)
	}
	cells := loaCells(t, out.LoaContent)
	for _, want := range []string{aws.ToString(lag.LagId), "EqDC2", loaProvider} {
		if !loaMentions(cells, want) {
			t.Errorf("LOA does not mention %q", want)
		}
	}
	ports := map[string]string{}
	for _, m := range lag.Connections {
		p := loaPort(t, cells, aws.ToString(m.ConnectionId), aws.ToString(lag.AwsDevice))
		if other, dup := ports[p]; dup && p != "" {
			t.Errorf("members %s and %s both name port %q", other, aws.ToString(m.ConnectionId), p)
		}
		ports[p] = aws.ToString(m.ConnectionId)
		loaWantIssued(t, c, m.ConnectionId, w.Clock.Now())
	}
	if loaMentions(cells, aws.ToString(outside.ConnectionId)) {
		t.Errorf("LAG's LOA lists %s, which is not a member", aws.ToString(outside.ConnectionId))
	}
	loaWantIssued(t, c, outside.ConnectionId, time.Time{})
}

func TestDescribeLoaRefusals(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.CreateConnection(t, c, "EqDC2", "10Gbps")
	lag, err := c.CreateLag(ctx, &directconnect.CreateLagInput{
		Location: aws.String("EqDC2"), ConnectionsBandwidth: aws.String("1Gbps"), NumberOfConnections: 2, LagName: aws.String("loa lag"),
	})
	if err != nil {
		t.Fatal(err)
	}
	other := w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region)
	west := w.ClientFor(dxsimtest.Account, "us-west-2")
	w.Clock.Advance(time.Hour)

	for _, tc := range []struct {
		name string
		call func() error
		want []string
	}{
		{"unsupported content type", func() error {
			_, err := c.DescribeLoa(ctx, &directconnect.DescribeLoaInput{ConnectionId: conn.ConnectionId, LoaContentType: "text/plain"})
			return err
		}, []string{"text/plain", "application/pdf"}},
		{"unsupported content type, deprecated operation", func() error {
			_, err := c.DescribeConnectionLoa(ctx, &directconnect.DescribeConnectionLoaInput{ConnectionId: conn.ConnectionId, LoaContentType: "image/png"})
			return err
		}, []string{"image/png", "application/pdf"}},
		{"unknown connection", func() error {
			_, err := c.DescribeLoa(ctx, &directconnect.DescribeLoaInput{ConnectionId: aws.String("dxcon-zzzz9999")})
			return err
		}, []string{"dxcon-zzzz9999"}},
		{"unknown LAG", func() error {
			_, err := c.DescribeLoa(ctx, &directconnect.DescribeLoaInput{ConnectionId: aws.String("dxlag-zzzz9999")})
			return err
		}, []string{"dxlag-zzzz9999"}},
		{"another account's connection", func() error {
			_, err := other.DescribeLoa(ctx, &directconnect.DescribeLoaInput{ConnectionId: conn.ConnectionId})
			return err
		}, []string{aws.ToString(conn.ConnectionId), dxsimtest.OtherAccount}},
		{"another account's LAG", func() error {
			_, err := other.DescribeLoa(ctx, &directconnect.DescribeLoaInput{ConnectionId: lag.LagId})
			return err
		}, []string{aws.ToString(lag.LagId), dxsimtest.OtherAccount}},
		{"another account's connection, deprecated operation", func() error {
			_, err := other.DescribeConnectionLoa(ctx, &directconnect.DescribeConnectionLoaInput{ConnectionId: conn.ConnectionId})
			return err
		}, []string{aws.ToString(conn.ConnectionId)}},
		{"connection of another Region", func() error {
			_, err := west.DescribeLoa(ctx, &directconnect.DescribeLoaInput{ConnectionId: conn.ConnectionId})
			return err
		}, []string{aws.ToString(conn.ConnectionId), "us-west-2"}},
		{"LAG ID to DescribeConnectionLoa", func() error {
			_, err := c.DescribeConnectionLoa(ctx, &directconnect.DescribeConnectionLoaInput{ConnectionId: lag.LagId})
			return err
		}, []string{aws.ToString(lag.LagId), "DescribeLoa"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dxsimtest.WantError(t, tc.call(), "DirectConnectClientException", tc.want...)
		})
	}
	// No refused call issued a letter.
	loaWantIssued(t, c, conn.ConnectionId, time.Time{})
	for _, m := range lag.Connections {
		loaWantIssued(t, c, m.ConnectionId, time.Time{})
	}
}

func TestDescribeLoaOfDeletedConnectionOrEmptyLag(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.CreateConnection(t, c, "EqDC2", "10Gbps")
	if _, err := c.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: conn.ConnectionId}); err != nil {
		t.Fatal(err)
	}
	_, err := c.DescribeLoa(ctx, &directconnect.DescribeLoaInput{ConnectionId: conn.ConnectionId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", aws.ToString(conn.ConnectionId))

	lag, err := c.CreateLag(ctx, &directconnect.CreateLagInput{
		Location: aws.String("EqDC2"), ConnectionsBandwidth: aws.String("10Gbps"), NumberOfConnections: 1, LagName: aws.String("emptied"),
	})
	if err != nil {
		t.Fatal(err)
	}
	member := lag.Connections[0].ConnectionId
	if _, err := c.DisassociateConnectionFromLag(ctx, &directconnect.DisassociateConnectionFromLagInput{ConnectionId: member, LagId: lag.LagId}); err != nil {
		t.Fatal(err)
	}
	_, err = c.DescribeLoa(ctx, &directconnect.DescribeLoaInput{ConnectionId: lag.LagId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", aws.ToString(lag.LagId), "no connections")
	loaWantIssued(t, c, member, time.Time{})
}

// loaOtherCatalog has none of the built-in locations.
const loaOtherCatalog = `{"locations": [{
	"locationCode": "LOA1", "locationName": "Letter Site 1", "region": "us-east-1",
	"availablePortSpeeds": ["10Gbps"], "availableProviders": [], "availableMacSecPortSpeeds": [],
	"devices": [{"awsDevice": "LOA1-aaaaaaaaaa", "portSpeeds": ["10Gbps"], "ports": 4}]}]}`

func TestDescribeLoaAfterTheCatalogDroppedTheLocation(t *testing.T) {
	// A world reopened with another location catalog still issues letters
	// for connections at locations the catalog no longer has.
	dir := t.TempDir()
	data := filepath.Join(dir, "dxsim.db")
	before := dxsimtest.Start(t, func(cfg *server.Config) { cfg.DataPath = data })
	conn := dxsimtest.CreateConnection(t, before.Client(), "EqDC2", "10Gbps")

	catalog := filepath.Join(dir, "locations.json")
	if err := os.WriteFile(catalog, []byte(loaOtherCatalog), 0o644); err != nil {
		t.Fatal(err)
	}
	after := dxsimtest.Start(t, func(cfg *server.Config) { cfg.DataPath, cfg.LocationsFile = data, catalog })
	out, err := after.Client().DescribeLoa(ctx, &directconnect.DescribeLoaInput{ConnectionId: conn.ConnectionId})
	if err != nil {
		t.Fatal(err)
	}
	cells := loaCells(t, out.LoaContent)
	loaPort(t, cells, aws.ToString(conn.ConnectionId), aws.ToString(conn.AwsDevice))
	if !loaMentions(cells, "EqDC2") {
		t.Error("LOA does not name the connection's location EqDC2")
	}
}
