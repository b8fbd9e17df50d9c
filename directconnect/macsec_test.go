package directconnect_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/dxsimtest"
)

// macsecKeys renders keys as "ckn:state" for comparing.
func macsecKeys(keys []types.MacSecKey) string {
	var s []string
	for _, k := range keys {
		s = append(s, aws.ToString(k.Ckn)+":"+aws.ToString(k.State))
	}
	return strings.Join(s, ",")
}

// macsecKeysWant is the macsecKeys form of one key in state.
func macsecKeysWant(ckn, state string) string { return ckn + ":" + state }

// macsecRecorder is an HTTP client that keeps every response body, to show
// that no response ever carries a CAK.
type macsecRecorder struct {
	next   directconnect.HTTPClient
	mu     sync.Mutex
	bodies []string
}

func (r *macsecRecorder) Do(req *http.Request) (*http.Response, error) {
	resp, err := r.next.Do(req)
	if err != nil {
		return resp, err
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(b))
	r.mu.Lock()
	r.bodies = append(r.bodies, string(b))
	r.mu.Unlock()
	return resp, nil
}

// checkNoCak fails t if any response so far contains cak, in any case. The
// responses must show ckn, the key's public half, somewhere: proof that the
// recorder saw the answers that list the key.
func (r *macsecRecorder) checkNoCak(t *testing.T, ckn, cak string) {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	sawCkn := false
	for _, b := range r.bodies {
		b = strings.ToLower(b)
		sawCkn = sawCkn || strings.Contains(b, ckn)
		if strings.Contains(b, strings.ToLower(cak)) {
			t.Errorf("a response contains the CAK: %s", b)
		}
	}
	if !sawCkn {
		t.Errorf("no recorded response (of %d) lists CKN %s", len(r.bodies), ckn)
	}
}

func macsecRecordingClient(c *directconnect.Client) (*directconnect.Client, *macsecRecorder) {
	rec := &macsecRecorder{}
	return directconnect.New(c.Options(), func(o *directconnect.Options) {
		rec.next = o.HTTPClient
		o.HTTPClient = rec
	}), rec
}

func TestRequestMACSecOnlyAtOfferedSpeeds(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	west := w.ClientFor(dxsimtest.Account, "us-west-2")

	// EqDC2 offers 1Gbps ports but MACsec only at 10, 100 and 400 Gbps;
	// PEH51 offers no MACsec at all.
	for _, tc := range []struct {
		c                   *directconnect.Client
		location, bandwidth string
	}{{c, "EqDC2", "1Gbps"}, {west, "PEH51", "10Gbps"}, {west, "PEH51", "1Gbps"}} {
		_, err := tc.c.CreateConnection(ctx, &directconnect.CreateConnectionInput{
			Location: aws.String(tc.location), Bandwidth: aws.String(tc.bandwidth), ConnectionName: aws.String("x"), RequestMACSec: aws.Bool(true),
		})
		dxsimtest.WantError(t, err, "DirectConnectClientException", tc.location, "does not offer MACsec", tc.bandwidth)
		_, err = tc.c.CreateLag(ctx, &directconnect.CreateLagInput{
			Location: aws.String(tc.location), ConnectionsBandwidth: aws.String(tc.bandwidth), NumberOfConnections: 2,
			LagName: aws.String("x"), RequestMACSec: aws.Bool(true),
		})
		dxsimtest.WantError(t, err, "DirectConnectClientException", tc.location, "does not offer MACsec", tc.bandwidth)
	}
	for _, cl := range []*directconnect.Client{c, west} {
		if got := dxsimtest.Counts(t, cl); got != "0 connections, 0 LAGs" {
			t.Errorf("refused MACsec requests left %s", got)
		}
	}

	conn := dxsimtest.MacsecConnection(t, c, "EqDC2", "10Gbps")
	if got := dxsimtest.DescribeConnection(t, c, conn.ConnectionId); !aws.ToBool(got.MacSecCapable) {
		t.Errorf("DescribeConnections: MACsec connection is not macSecCapable")
	}
	plain := dxsimtest.CreateConnection(t, c, "EqDC2", "10Gbps")
	if got := dxsimtest.DescribeConnection(t, c, plain.ConnectionId); aws.ToBool(got.MacSecCapable) || got.EncryptionMode != nil || got.PortEncryptionStatus != nil {
		t.Errorf("connection without requestMACSec: macSecCapable %v, encryptionMode %q, portEncryptionStatus %q",
			aws.ToBool(got.MacSecCapable), aws.ToString(got.EncryptionMode), aws.ToString(got.PortEncryptionStatus))
	}
}

func TestMACsecLagMembersAreMACsecCapable(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	lag := dxsimtest.MacsecLag(t, c, "EqDC2", "100Gbps", 2, true)
	if !aws.ToBool(lag.MacSecCapable) || len(lag.Connections) != 2 {
		t.Fatalf("CreateLag with requestMACSec: macSecCapable %v, %d members", aws.ToBool(lag.MacSecCapable), len(lag.Connections))
	}
	for _, m := range lag.Connections {
		if !aws.ToBool(m.MacSecCapable) {
			t.Errorf("CreateLag answered member %s as not macSecCapable", aws.ToString(m.ConnectionId))
		}
	}
	// A connection added to the LAG later is MACsec capable too.
	lag10 := dxsimtest.MacsecLag(t, c, "EqDC2", "10Gbps", 1, true)
	added, err := c.CreateConnection(ctx, &directconnect.CreateConnectionInput{
		Location: aws.String("EqDC2"), Bandwidth: aws.String("10Gbps"), ConnectionName: aws.String("added"), LagId: lag10.LagId,
	})
	if err != nil {
		t.Fatal(err)
	}
	if !aws.ToBool(added.MacSecCapable) {
		t.Errorf("connection created on MACsec LAG %s is not macSecCapable", aws.ToString(lag10.LagId))
	}
	for _, id := range []*string{lag.LagId, lag10.LagId} {
		l := dxsimtest.DescribeLag(t, c, id)
		if !aws.ToBool(l.MacSecCapable) {
			t.Errorf("DescribeLags: %s is not macSecCapable", aws.ToString(id))
		}
		for _, m := range l.Connections {
			if !aws.ToBool(dxsimtest.DescribeConnection(t, c, m.ConnectionId).MacSecCapable) {
				t.Errorf("DescribeConnections: member %s of %s is not macSecCapable", aws.ToString(m.ConnectionId), aws.ToString(id))
			}
		}
	}
}

func TestEncryptionModeOnConnections(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.MacsecConnection(t, c, "EqDC2", "10Gbps")
	for _, mode := range []string{"must_encrypt", "should_encrypt", "no_encrypt"} {
		out, err := c.UpdateConnection(ctx, &directconnect.UpdateConnectionInput{ConnectionId: conn.ConnectionId, EncryptionMode: aws.String(mode)})
		if err != nil {
			t.Fatalf("encryptionMode %s: %v", mode, err)
		}
		if got := aws.ToString(out.EncryptionMode); got != mode {
			t.Errorf("UpdateConnection answered encryptionMode %q, want %q", got, mode)
		}
		if got := aws.ToString(dxsimtest.DescribeConnection(t, c, conn.ConnectionId).EncryptionMode); got != mode {
			t.Errorf("DescribeConnections shows encryptionMode %q, want %q", got, mode)
		}
	}

	for _, bad := range []string{"encrypt", "MUST_ENCRYPT", ""} {
		_, err := c.UpdateConnection(ctx, &directconnect.UpdateConnectionInput{
			ConnectionId: conn.ConnectionId, EncryptionMode: aws.String(bad), ConnectionName: aws.String("renamed"),
		})
		dxsimtest.WantError(t, err, "DirectConnectClientException", fmt.Sprintf("%q", bad), "no_encrypt, should_encrypt, must_encrypt")
	}
	if got := dxsimtest.DescribeConnection(t, c, conn.ConnectionId); aws.ToString(got.EncryptionMode) != "no_encrypt" || aws.ToString(got.ConnectionName) != "macsec connection" {
		t.Errorf("refused updates changed the connection: encryptionMode %q, name %q", aws.ToString(got.EncryptionMode), aws.ToString(got.ConnectionName))
	}

	plain := dxsimtest.CreateConnection(t, c, "EqDC2", "10Gbps")
	_, err := c.UpdateConnection(ctx, &directconnect.UpdateConnectionInput{
		ConnectionId: plain.ConnectionId, EncryptionMode: aws.String("must_encrypt"), ConnectionName: aws.String("renamed"),
	})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "MACsec-capable", aws.ToString(plain.ConnectionId), "requestMACSec")
	if got := dxsimtest.DescribeConnection(t, c, plain.ConnectionId); got.EncryptionMode != nil || aws.ToString(got.ConnectionName) != "test connection" {
		t.Errorf("refused update changed the connection: encryptionMode %q, name %q", aws.ToString(got.EncryptionMode), aws.ToString(got.ConnectionName))
	}
}

func TestEncryptionModeOnLagsAppliesToMembers(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	lag := dxsimtest.MacsecLag(t, c, "EqDC2", "10Gbps", 3, true)
	membersHave := func(mode string) {
		t.Helper()
		l := dxsimtest.DescribeLag(t, c, lag.LagId)
		if got := aws.ToString(l.EncryptionMode); got != mode {
			t.Errorf("LAG encryptionMode %q, want %q", got, mode)
		}
		if len(l.Connections) != 3 {
			t.Fatalf("LAG has %d members, want 3", len(l.Connections))
		}
		for _, m := range l.Connections {
			if got := aws.ToString(m.EncryptionMode); got != mode {
				t.Errorf("DescribeLags: member %s encryptionMode %q, want %q", aws.ToString(m.ConnectionId), got, mode)
			}
			if got := aws.ToString(dxsimtest.DescribeConnection(t, c, m.ConnectionId).EncryptionMode); got != mode {
				t.Errorf("DescribeConnections: member %s encryptionMode %q, want %q", aws.ToString(m.ConnectionId), got, mode)
			}
		}
	}
	out, err := c.UpdateLag(ctx, &directconnect.UpdateLagInput{LagId: lag.LagId, EncryptionMode: aws.String("must_encrypt")})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.EncryptionMode) != "must_encrypt" {
		t.Errorf("UpdateLag answered encryptionMode %q", aws.ToString(out.EncryptionMode))
	}
	for _, m := range out.Connections {
		if aws.ToString(m.EncryptionMode) != "must_encrypt" {
			t.Errorf("UpdateLag answered member %s with encryptionMode %q", aws.ToString(m.ConnectionId), aws.ToString(m.EncryptionMode))
		}
	}
	membersHave("must_encrypt")

	_, err = c.UpdateLag(ctx, &directconnect.UpdateLagInput{LagId: lag.LagId, EncryptionMode: aws.String("always"), LagName: aws.String("renamed")})
	dxsimtest.WantError(t, err, "DirectConnectClientException", `"always"`, "no_encrypt, should_encrypt, must_encrypt")
	membersHave("must_encrypt")
	if got := aws.ToString(dxsimtest.DescribeLag(t, c, lag.LagId).LagName); got != "macsec lag" {
		t.Errorf("refused UpdateLag renamed the LAG to %q", got)
	}

	plain := dxsimtest.MacsecLag(t, c, "EqDC2", "10Gbps", 2, false)
	_, err = c.UpdateLag(ctx, &directconnect.UpdateLagInput{LagId: plain.LagId, EncryptionMode: aws.String("should_encrypt"), LagName: aws.String("renamed")})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "MACsec-capable", aws.ToString(plain.LagId))
	l := dxsimtest.DescribeLag(t, c, plain.LagId)
	if l.EncryptionMode != nil || aws.ToString(l.LagName) != "macsec lag" {
		t.Errorf("refused UpdateLag changed the LAG: encryptionMode %q, name %q", aws.ToString(l.EncryptionMode), aws.ToString(l.LagName))
	}
	for _, m := range l.Connections {
		if m.EncryptionMode != nil {
			t.Errorf("refused UpdateLag set member %s encryptionMode %q", aws.ToString(m.ConnectionId), aws.ToString(m.EncryptionMode))
		}
	}
}

func TestAssociateMacSecKeyInputRules(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.MacsecConnection(t, c, "EqDC2", "10Gbps")
	stored := dxsimtest.MacsecAssociate(t, c, conn.ConnectionId, dxsimtest.MacsecCkn, dxsimtest.MacsecCak).MacSecKeys[0].SecretARN
	short, long := dxsimtest.MacsecCkn2[:63], dxsimtest.MacsecCkn2+"2"
	notHex := "g" + dxsimtest.MacsecCak2[1:]
	for _, tc := range []struct {
		name          string
		id            *string
		arn, ckn, cak *string
		want1, want2  string
	}{
		{"neither form", conn.ConnectionId, nil, nil, nil, "secretARN", "ckn and cak"},
		{"both forms", conn.ConnectionId, stored, aws.String(dxsimtest.MacsecCkn2), aws.String(dxsimtest.MacsecCak2), "either secretARN or the ckn and cak pair", "not both"},
		{"secretARN and ckn", conn.ConnectionId, stored, aws.String(dxsimtest.MacsecCkn2), nil, "not both", "secretARN"},
		{"secretARN of another service", conn.ConnectionId, aws.String("arn:aws:kms:us-east-1:111122223333:key/abcd"), nil, nil, "not a Secrets Manager secret ARN", "arn:aws:secretsmanager:<region>"},
		{"ckn alone", conn.ConnectionId, nil, aws.String(dxsimtest.MacsecCkn2), nil, "together", "only ckn"},
		{"cak alone", conn.ConnectionId, nil, nil, aws.String(dxsimtest.MacsecCak2), "together", "only cak"},
		{"ckn of 63", conn.ConnectionId, nil, &short, aws.String(dxsimtest.MacsecCak2), "ckn must be 64 hexadecimal characters", "63"},
		{"ckn of 65", conn.ConnectionId, nil, &long, aws.String(dxsimtest.MacsecCak2), "ckn must be 64 hexadecimal characters", "65"},
		{"cak not hex", conn.ConnectionId, nil, aws.String(dxsimtest.MacsecCkn2), &notHex, "cak must be 64 hexadecimal characters", "character 1"},
		{"cak of 63", conn.ConnectionId, nil, aws.String(dxsimtest.MacsecCkn2), aws.String(dxsimtest.MacsecCak2[:63]), "cak must be 64 hexadecimal characters", "63"},
		{"virtual interface ID", aws.String("dxvif-abcd1234"), nil, aws.String(dxsimtest.MacsecCkn2), aws.String(dxsimtest.MacsecCak2), "Connection ID dxvif-abcd1234 has an invalid format", "dxlag-"},
		{"bare ID", aws.String("abcd1234"), nil, aws.String(dxsimtest.MacsecCkn2), aws.String(dxsimtest.MacsecCak2), "Connection ID abcd1234 has an invalid format", "dxcon-"},
		{"unknown connection", aws.String("dxcon-zzzz9999"), nil, aws.String(dxsimtest.MacsecCkn2), aws.String(dxsimtest.MacsecCak2), "dxcon-zzzz9999", "does not exist"},
		{"unknown LAG", aws.String("dxlag-zzzz9999"), nil, aws.String(dxsimtest.MacsecCkn2), aws.String(dxsimtest.MacsecCak2), "dxlag-zzzz9999", "does not exist"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.AssociateMacSecKey(ctx, &directconnect.AssociateMacSecKeyInput{ConnectionId: tc.id, SecretARN: tc.arn, Ckn: tc.ckn, Cak: tc.cak})
			dxsimtest.WantError(t, err, "DirectConnectClientException", tc.want1, tc.want2)
		})
	}
	if got := macsecKeys(dxsimtest.DescribeConnection(t, c, conn.ConnectionId).MacSecKeys); got != macsecKeysWant(dxsimtest.MacsecCkn, "associating") {
		t.Errorf("refused associations changed the keys: %s", got)
	}
	if got := dxsimtest.Counts(t, c); got != "1 connections, 0 LAGs" {
		t.Errorf("refused associations left %s", got)
	}

	// The same key twice on one connection is refused.
	_, err := c.AssociateMacSecKey(ctx, &directconnect.AssociateMacSecKeyInput{ConnectionId: conn.ConnectionId, SecretARN: stored})
	dxsimtest.WantError(t, err, "DirectConnectClientException", dxsimtest.MacsecCkn, "already associated")
	_, err = c.AssociateMacSecKey(ctx, &directconnect.AssociateMacSecKeyInput{ConnectionId: conn.ConnectionId, Ckn: aws.String(dxsimtest.MacsecCkn), Cak: aws.String(dxsimtest.MacsecCak2)})
	dxsimtest.WantError(t, err, "DirectConnectClientException", dxsimtest.MacsecCkn, "already associated")
	if got := len(dxsimtest.DescribeConnection(t, c, conn.ConnectionId).MacSecKeys); got != 1 {
		t.Errorf("refused duplicate associations left %d keys", got)
	}
}

func TestNonMACsecResourcesRefuseKeys(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.CreateConnection(t, c, "EqDC2", "10Gbps")
	lag := dxsimtest.MacsecLag(t, c, "EqDC2", "10Gbps", 2, false)
	for _, id := range []*string{conn.ConnectionId, lag.LagId} {
		_, err := c.AssociateMacSecKey(ctx, &directconnect.AssociateMacSecKeyInput{ConnectionId: id, Ckn: aws.String(dxsimtest.MacsecCkn), Cak: aws.String(dxsimtest.MacsecCak)})
		dxsimtest.WantError(t, err, "DirectConnectClientException", aws.ToString(id), "not MACsec capable", "requestMACSec")
	}
	if keys := dxsimtest.DescribeConnection(t, c, conn.ConnectionId).MacSecKeys; len(keys) != 0 {
		t.Errorf("refused association left keys %s on the connection", macsecKeys(keys))
	}
	l := dxsimtest.DescribeLag(t, c, lag.LagId)
	if len(l.MacSecKeys) != 0 {
		t.Errorf("refused association left keys %s on the LAG", macsecKeys(l.MacSecKeys))
	}
	for _, m := range l.Connections {
		if len(m.MacSecKeys) != 0 {
			t.Errorf("refused association left keys %s on member %s", macsecKeys(m.MacSecKeys), aws.ToString(m.ConnectionId))
		}
	}
}

func TestMacSecKeyLifecycleOnConnection(t *testing.T) {
	w := dxsimtest.Start(t, dxsimtest.MacsecTimings)
	c, rec := macsecRecordingClient(w.Client())
	tm := w.Config.Service.Timings
	conn := dxsimtest.MacsecConnection(t, c, "EqDC2", "10Gbps")
	if got := aws.ToString(conn.PortEncryptionStatus); got != "Encryption Down" {
		t.Errorf("new MACsec connection: portEncryptionStatus %q, want Encryption Down", got)
	}

	out := dxsimtest.MacsecAssociate(t, c, conn.ConnectionId, dxsimtest.MacsecCkn, dxsimtest.MacsecCak)
	if len(out.MacSecKeys) != 1 {
		t.Fatalf("AssociateMacSecKey answered %d keys, want 1", len(out.MacSecKeys))
	}
	key := out.MacSecKeys[0]
	arn := aws.ToString(key.SecretARN)
	if !dxsimtest.MacsecSecretARN.MatchString(arn) {
		t.Errorf("secretARN %q is not a Secrets Manager ARN in the caller's account and region", arn)
	}
	if aws.ToString(key.Ckn) != dxsimtest.MacsecCkn || aws.ToString(key.State) != "associating" {
		t.Errorf("AssociateMacSecKey answered ckn %q state %q, want %s associating", aws.ToString(key.Ckn), aws.ToString(key.State), dxsimtest.MacsecCkn)
	}
	start, err := time.Parse(time.RFC3339, aws.ToString(key.StartOn))
	if err != nil {
		t.Errorf("startOn %q: %v", aws.ToString(key.StartOn), err)
	} else if want := w.Clock.Now().Add(tm.MacSecKey); !start.Equal(want) {
		t.Errorf("startOn %v, want %v, when the key takes effect", start, want)
	}

	status := func(wantState, wantKey, wantStatus string) {
		t.Helper()
		got := dxsimtest.DescribeConnection(t, c, conn.ConnectionId)
		if string(got.ConnectionState) != wantState {
			t.Fatalf("connection is %s, want %s", got.ConnectionState, wantState)
		}
		if k := macsecKeys(got.MacSecKeys); k != wantKey {
			t.Errorf("keys %q, want %q", k, wantKey)
		}
		if len(got.MacSecKeys) == 1 && aws.ToString(got.MacSecKeys[0].SecretARN) != arn {
			t.Errorf("key listed with secretARN %q, want %q", aws.ToString(got.MacSecKeys[0].SecretARN), arn)
		}
		if s := aws.ToString(got.PortEncryptionStatus); s != wantStatus {
			t.Errorf("connection %s with keys %q: portEncryptionStatus %q, want %q", wantState, wantKey, s, wantStatus)
		}
	}
	status("requested", macsecKeysWant(dxsimtest.MacsecCkn, "associating"), "Encryption Down")
	w.Clock.Advance(tm.MacSecKey)
	status("requested", macsecKeysWant(dxsimtest.MacsecCkn, "associated"), "Encryption Down")
	dxsimtest.DownloadLoa(t, c, conn.ConnectionId)
	w.Clock.Advance(tm.CrossConnect)
	status("pending", macsecKeysWant(dxsimtest.MacsecCkn, "associated"), "Encryption Down")
	w.Provision()
	status("available", macsecKeysWant(dxsimtest.MacsecCkn, "associated"), "Encryption Up")

	gone, err := c.DisassociateMacSecKey(ctx, &directconnect.DisassociateMacSecKeyInput{ConnectionId: conn.ConnectionId, SecretARN: aws.String(arn)})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(gone.ConnectionId) != aws.ToString(conn.ConnectionId) || len(gone.MacSecKeys) != 1 ||
		aws.ToString(gone.MacSecKeys[0].SecretARN) != arn || aws.ToString(gone.MacSecKeys[0].State) != "disassociated" {
		t.Errorf("DisassociateMacSecKey answered %s %+v, want the secret disassociated", aws.ToString(gone.ConnectionId), gone.MacSecKeys)
	}
	status("available", "", "Encryption Down")

	// Once disassociated, the secret is no longer associated there.
	_, err = c.DisassociateMacSecKey(ctx, &directconnect.DisassociateMacSecKeyInput{ConnectionId: conn.ConnectionId, SecretARN: aws.String(arn)})
	dxsimtest.WantError(t, err, "DirectConnectClientException", arn, "not associated", aws.ToString(conn.ConnectionId))

	// On an available connection a new key is in force only once associated.
	dxsimtest.MacsecAssociate(t, c, conn.ConnectionId, dxsimtest.MacsecCkn2, dxsimtest.MacsecCak2)
	got := dxsimtest.DescribeConnection(t, c, conn.ConnectionId)
	if k, s := macsecKeys(got.MacSecKeys), aws.ToString(got.PortEncryptionStatus); k != macsecKeysWant(dxsimtest.MacsecCkn2, "associating") || s != "Encryption Down" {
		t.Errorf("fresh key on an available connection: keys %q, %q; want associating, Encryption Down", k, s)
	}
	w.Clock.Advance(tm.MacSecKey)
	if s := aws.ToString(dxsimtest.DescribeConnection(t, c, conn.ConnectionId).PortEncryptionStatus); s != "Encryption Up" {
		t.Errorf("after the key is associated: portEncryptionStatus %q, want Encryption Up", s)
	}
	rec.checkNoCak(t, dxsimtest.MacsecCkn, dxsimtest.MacsecCak)
	rec.checkNoCak(t, dxsimtest.MacsecCkn2, dxsimtest.MacsecCak2)
}

func TestMacSecSecretReuse(t *testing.T) {
	w := dxsimtest.Start(t)
	c, rec := macsecRecordingClient(w.Client())
	first := dxsimtest.MacsecConnection(t, c, "EqDC2", "10Gbps")
	second := dxsimtest.MacsecConnection(t, c, "CSVA1", "100Gbps")
	arn := dxsimtest.MacsecAssociate(t, c, first.ConnectionId, dxsimtest.MacsecCkn, dxsimtest.MacsecCak).MacSecKeys[0].SecretARN

	out, err := c.AssociateMacSecKey(ctx, &directconnect.AssociateMacSecKeyInput{ConnectionId: second.ConnectionId, SecretARN: arn})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.MacSecKeys) != 1 || aws.ToString(out.MacSecKeys[0].SecretARN) != aws.ToString(arn) || aws.ToString(out.MacSecKeys[0].Ckn) != dxsimtest.MacsecCkn {
		t.Errorf("association by secretARN answered %+v, want the stored secret with its CKN", out.MacSecKeys)
	}
	for _, id := range []*string{first.ConnectionId, second.ConnectionId} {
		keys := dxsimtest.DescribeConnection(t, c, id).MacSecKeys
		if len(keys) != 1 || aws.ToString(keys[0].SecretARN) != aws.ToString(arn) || aws.ToString(keys[0].Ckn) != dxsimtest.MacsecCkn {
			t.Errorf("%s lists keys %+v, want the shared secret", aws.ToString(id), keys)
		}
	}

	// Secrets that the caller does not have in this account and Region.
	third := dxsimtest.MacsecConnection(t, c, "EqDC2", "100Gbps")
	other := w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region)
	otherConn := dxsimtest.MacsecConnection(t, other, "EqDC2", "10Gbps")
	west := w.ClientFor(dxsimtest.Account, "us-west-2")
	westConn := dxsimtest.MacsecConnection(t, west, "EqSe2-EQ", "10Gbps")
	for _, tc := range []struct {
		name string
		c    *directconnect.Client
		id   *string
		arn  string
	}{
		{"unknown secret", c, third.ConnectionId, "arn:aws:secretsmanager:us-east-1:111122223333:secret:directconnect!prod/us-east-1/directconnect/0000000000000000-AAAAAA"},
		{"another account's secret", other, otherConn.ConnectionId, aws.ToString(arn)},
		{"another Region's secret", west, westConn.ConnectionId, aws.ToString(arn)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.c.AssociateMacSecKey(ctx, &directconnect.AssociateMacSecKeyInput{ConnectionId: tc.id, SecretARN: aws.String(tc.arn)})
			dxsimtest.WantError(t, err, "DirectConnectClientException", tc.arn, "does not exist")
			if keys := dxsimtest.DescribeConnection(t, tc.c, tc.id).MacSecKeys; len(keys) != 0 {
				t.Errorf("refused association left keys %+v", keys)
			}
		})
	}
	rec.checkNoCak(t, dxsimtest.MacsecCkn, dxsimtest.MacsecCak)
}

func TestMacSecKeyOnLagAppliesToMembers(t *testing.T) {
	w := dxsimtest.Start(t, dxsimtest.MacsecTimings)
	c, rec := macsecRecordingClient(w.Client())
	lag := dxsimtest.MacsecLag(t, c, "EqDC2", "10Gbps", 2, true)
	out := dxsimtest.MacsecAssociate(t, c, lag.LagId, dxsimtest.MacsecCkn, dxsimtest.MacsecCak)
	arn := out.MacSecKeys[0].SecretARN
	if !dxsimtest.MacsecSecretARN.MatchString(aws.ToString(arn)) {
		t.Errorf("secretARN %q is not a Secrets Manager ARN in the caller's account and region", aws.ToString(arn))
	}

	check := func(wantKeys, wantStatus string) {
		t.Helper()
		l := dxsimtest.DescribeLag(t, c, lag.LagId)
		if got := macsecKeys(l.MacSecKeys); got != wantKeys {
			t.Errorf("LAG keys %q, want %q", got, wantKeys)
		}
		if len(l.Connections) != 2 {
			t.Fatalf("LAG has %d members, want 2", len(l.Connections))
		}
		for _, m := range l.Connections {
			for _, got := range []types.Connection{m, dxsimtest.DescribeConnection(t, c, m.ConnectionId)} {
				if k := macsecKeys(got.MacSecKeys); k != wantKeys {
					t.Errorf("member %s lists keys %q, want %q", aws.ToString(m.ConnectionId), k, wantKeys)
				}
				if s := aws.ToString(got.PortEncryptionStatus); s != wantStatus {
					t.Errorf("member %s (%s): portEncryptionStatus %q, want %q", aws.ToString(m.ConnectionId), got.ConnectionState, s, wantStatus)
				}
			}
		}
	}
	check(macsecKeysWant(dxsimtest.MacsecCkn, "associating"), "Encryption Down")
	dxsimtest.DownloadLoa(t, c, lag.LagId)
	w.Provision()
	check(macsecKeysWant(dxsimtest.MacsecCkn, "associated"), "Encryption Up")

	// The key belongs to the LAG, not to a member.
	member := lag.Connections[0].ConnectionId
	_, err := c.DisassociateMacSecKey(ctx, &directconnect.DisassociateMacSecKeyInput{ConnectionId: member, SecretARN: arn})
	dxsimtest.WantError(t, err, "DirectConnectClientException", aws.ToString(arn), "not associated", aws.ToString(member))
	check(macsecKeysWant(dxsimtest.MacsecCkn, "associated"), "Encryption Up")

	// A key already in force through the LAG cannot be added to a member as
	// well, nor a member's own key to the LAG: either would list it twice.
	_, err = c.AssociateMacSecKey(ctx, &directconnect.AssociateMacSecKeyInput{ConnectionId: member, SecretARN: arn})
	dxsimtest.WantError(t, err, "DirectConnectClientException", dxsimtest.MacsecCkn, "already associated", aws.ToString(lag.LagId))
	check(macsecKeysWant(dxsimtest.MacsecCkn, "associated"), "Encryption Up")
	other := lag.Connections[1].ConnectionId
	dxsimtest.MacsecAssociate(t, c, other, dxsimtest.MacsecCkn2, dxsimtest.MacsecCak2)
	_, err = c.AssociateMacSecKey(ctx, &directconnect.AssociateMacSecKeyInput{ConnectionId: lag.LagId, Ckn: aws.String(dxsimtest.MacsecCkn2), Cak: aws.String(dxsimtest.MacsecCak2)})
	dxsimtest.WantError(t, err, "DirectConnectClientException", dxsimtest.MacsecCkn2, "already associated", aws.ToString(other))
	if got := macsecKeys(dxsimtest.DescribeLag(t, c, lag.LagId).MacSecKeys); got != macsecKeysWant(dxsimtest.MacsecCkn, "associated") {
		t.Errorf("refused association changed the LAG's keys: %q", got)
	}
	if _, err := c.DisassociateMacSecKey(ctx, &directconnect.DisassociateMacSecKeyInput{ConnectionId: other, SecretARN: dxsimtest.MacsecSecretOf(t, c, other, dxsimtest.MacsecCkn2)}); err != nil {
		t.Fatal(err)
	}

	gone, err := c.DisassociateMacSecKey(ctx, &directconnect.DisassociateMacSecKeyInput{ConnectionId: lag.LagId, SecretARN: arn})
	if err != nil {
		t.Fatal(err)
	}
	if len(gone.MacSecKeys) != 1 || aws.ToString(gone.MacSecKeys[0].State) != "disassociated" || aws.ToString(gone.MacSecKeys[0].SecretARN) != aws.ToString(arn) {
		t.Errorf("DisassociateMacSecKey answered %+v, want the secret disassociated", gone.MacSecKeys)
	}
	check("", "Encryption Down")
	rec.checkNoCak(t, dxsimtest.MacsecCkn, dxsimtest.MacsecCak)
	rec.checkNoCak(t, dxsimtest.MacsecCkn2, dxsimtest.MacsecCak2)
}

func TestDisassociateMacSecKeyNeedsAnAssociatedSecret(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	a := dxsimtest.MacsecConnection(t, c, "EqDC2", "10Gbps")
	b := dxsimtest.MacsecConnection(t, c, "EqDC2", "10Gbps")
	arn := dxsimtest.MacsecAssociate(t, c, a.ConnectionId, dxsimtest.MacsecCkn, dxsimtest.MacsecCak).MacSecKeys[0].SecretARN
	for _, tc := range []struct {
		name string
		id   *string
		arn  string
		want string
	}{
		{"secret of another connection", b.ConnectionId, aws.ToString(arn), "not associated"},
		{"unknown secret", a.ConnectionId, "arn:aws:secretsmanager:us-east-1:111122223333:secret:nothing", "not associated"},
		{"unknown connection", aws.String("dxcon-zzzz9999"), aws.ToString(arn), "does not exist"},
		{"not a connection or LAG", aws.String("dxvif-abcd1234"), aws.ToString(arn), "has an invalid format"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.DisassociateMacSecKey(ctx, &directconnect.DisassociateMacSecKeyInput{ConnectionId: tc.id, SecretARN: aws.String(tc.arn)})
			dxsimtest.WantError(t, err, "DirectConnectClientException", aws.ToString(tc.id), tc.want)
		})
	}
	// Another account cannot disassociate the key either.
	_, err := w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region).DisassociateMacSecKey(ctx, &directconnect.DisassociateMacSecKeyInput{ConnectionId: a.ConnectionId, SecretARN: arn})
	dxsimtest.WantError(t, err, "DirectConnectClientException", aws.ToString(a.ConnectionId), "does not exist")

	if got := macsecKeys(dxsimtest.DescribeConnection(t, c, a.ConnectionId).MacSecKeys); got != macsecKeysWant(dxsimtest.MacsecCkn, "associating") {
		t.Errorf("refused disassociations changed %s's keys: %q", aws.ToString(a.ConnectionId), got)
	}
	if got := dxsimtest.DescribeConnection(t, c, b.ConnectionId).MacSecKeys; len(got) != 0 {
		t.Errorf("%s has keys %+v", aws.ToString(b.ConnectionId), got)
	}
}
