package server_test

import (
	"cmp"
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
	"github.com/dxsim/dxsim/awsapi"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
)

// rebound sends each request to addr whatever its endpoint's name resolves
// to, as a name an attacker rebound to 127.0.0.1 does: the request keeps
// the endpoint's name as its Host (and its signature over it), and carries
// Origin when origin is set, as a page's fetch does.
type rebound struct {
	addr, origin string
	next         http.RoundTripper
}

func (rt rebound) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Host = cmp.Or(r.Host, r.URL.Host)
	r.URL.Host = rt.addr
	if rt.origin != "" {
		r.Header.Set("Origin", rt.origin)
	}
	return rt.next.RoundTrip(r)
}

// guardMode is an auth mode of the browser guard's tests: how to start a
// world in it and how its callers sign.
type guardMode struct {
	name  string
	start func(t *testing.T, adjust ...func(*server.Config)) *dxsimtest.World
	creds aws.CredentialsProvider
}

var guardModes = []guardMode{
	{"open", func(t *testing.T, adjust ...func(*server.Config)) *dxsimtest.World {
		return dxsimtest.Start(t, adjust...)
	},
		credentials.NewStaticCredentialsProvider(dxsimtest.Account, "secret", "")},
	{"strict", func(t *testing.T, adjust ...func(*server.Config)) *dxsimtest.World {
		return dxsimtest.Start(t, append(adjust, func(c *server.Config) { c.Auth, c.Credentials = awsapi.AuthStrict, strictKeys })...)
	}, credentials.NewStaticCredentialsProvider(strictKeys[0].AccessKeyID, strictKeys[0].SecretAccessKey, "")},
}

// endpointConfig is m's caller of account dxsimtest.Account sending to
// endpoint, reached at w's address, with Origin origin ("" for none).
func (m guardMode) endpointConfig(w *dxsimtest.World, endpoint, origin string) aws.Config {
	cfg := w.AWSConfig(dxsimtest.Account, dxsimtest.Region)
	cfg.Credentials = m.creds
	cfg.BaseEndpoint = aws.String(endpoint)
	addr := strings.TrimPrefix(w.URL, "http://")
	cfg.HTTPClient = &http.Client{Transport: rebound{addr: addr, origin: origin, next: cfg.HTTPClient.(*http.Client).Transport}}
	return cfg
}

// fourAPIs calls one operation of each served API with cfg's clients: Direct
// Connect's DescribeConnections and CreateConnection, EC2's DescribeVpcs,
// Secrets Manager's GetSecretValue of secretARN, and STS's GetCallerIdentity.
// It returns each call's error by operation.
func fourAPIs(cfg aws.Config, secretARN string) map[string]error {
	dc := directconnect.NewFromConfig(cfg)
	_, describe := dc.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{})
	_, create := dc.CreateConnection(ctx, &directconnect.CreateConnectionInput{Location: aws.String("EqDC2"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("from a page")})
	_, vpcs := ec2.NewFromConfig(cfg).DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
	_, secret := secretsmanager.NewFromConfig(cfg).GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(secretARN)})
	_, caller := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	return map[string]error{"DescribeConnections": describe, "CreateConnection": create, "DescribeVpcs": vpcs, "GetSecretValue": secret, "GetCallerIdentity": caller}
}

// refusedAs is the error code each API refuses a web page's request with.
var refusedAs = map[string]string{
	"DescribeConnections": "AccessDeniedException", "CreateConnection": "AccessDeniedException",
	"DescribeVpcs": "UnauthorizedOperation", "GetSecretValue": "AccessDeniedException", "GetCallerIdentity": "AccessDenied",
}

// macsecWorld starts a world in mode m with one MACsec connection and a
// secret of the account holding a CAK, and returns it with the secret's ARN.
func (m guardMode) macsecWorld(t *testing.T, adjust ...func(*server.Config)) (*dxsimtest.World, string) {
	w := m.start(t, adjust...)
	cfg := m.endpointConfig(w, w.URL, "")
	dxsimtest.MacsecConnection(t, directconnect.NewFromConfig(cfg), "EqDC2", "10Gbps")
	out, err := secretsmanager.NewFromConfig(cfg).CreateSecret(ctx, &secretsmanager.CreateSecretInput{
		Name: aws.String("macsec/primary"), SecretString: aws.String(`{"ckn":"` + dxsimtest.MacsecCkn + `","cak":"` + dxsimtest.MacsecCak + `"}`)})
	if err != nil {
		t.Fatal(err)
	}
	return w, aws.ToString(out.ARN)
}

// TestWebPagesAreRefusedByEveryAPI: a page whose name was rebound to
// 127.0.0.1 (its Host and Origin its own name), and a page of another site
// calling 127.0.0.1 (Origin its own), are refused by each of the four AWS
// APIs with 403 in the API's error shape, in open and strict mode; nothing
// changes and no secret leaves.
func TestWebPagesAreRefusedByEveryAPI(t *testing.T) {
	for _, m := range guardModes {
		t.Run(m.name, func(t *testing.T) {
			w, secretARN := m.macsecWorld(t)
			port := hostPort(strings.TrimPrefix(w.URL, "http://"))
			for _, page := range []struct{ name, endpoint, origin, says string }{
				{"DNS rebinding", "http://evil.example:" + port, "http://evil.example:" + port, `Host "evil.example:` + port + `"`},
				{"DNS rebinding, no Origin", "http://evil.example:" + port, "", "--host"},
				{"another site", w.URL, "http://evil.example", `Origin "http://evil.example"`},
				{"Origin null", w.URL, "null", "cross-origin"},
			} {
				for op, err := range fourAPIs(m.endpointConfig(w, page.endpoint, page.origin), secretARN) {
					var ae smithy.APIError
					var re *awshttp.ResponseError
					if !errors.As(err, &ae) || ae.ErrorCode() != refusedAs[op] || !strings.Contains(ae.ErrorMessage(), page.says) ||
						!errors.As(err, &re) || re.HTTPStatusCode() != http.StatusForbidden {
						t.Errorf("%s: %s = %v; want 403 %s naming %s", page.name, op, err, refusedAs[op], page.says)
					}
					if err != nil && strings.Contains(err.Error(), dxsimtest.MacsecCak) {
						t.Errorf("%s: %s answered the CAK", page.name, op)
					}
				}
			}
			if got := dxsimtest.Counts(t, directconnect.NewFromConfig(m.endpointConfig(w, w.URL, ""))); got != "1 connections, 0 LAGs" {
				t.Errorf("refused requests changed the world: %s", got)
			}
		})
	}
}

// TestHostNamesServeEveryAPI: the name a shared service is reached by,
// given as a Host name (--host), serves every API, with or without the
// page's own Origin, in open and strict mode.
func TestHostNamesServeEveryAPI(t *testing.T) {
	for _, m := range guardModes {
		t.Run(m.name, func(t *testing.T) {
			w, secretARN := m.macsecWorld(t, func(c *server.Config) { c.Hosts = []string{"dxsim.example"} })
			port := hostPort(strings.TrimPrefix(w.URL, "http://"))
			for _, origin := range []string{"", "http://dxsim.example:" + port} {
				for op, err := range fourAPIs(m.endpointConfig(w, "http://dxsim.example:"+port, origin), secretARN) {
					if err != nil {
						t.Errorf("Origin %q: %s through dxsim.example: %v", origin, op, err)
					}
				}
			}
			if got := dxsimtest.Counts(t, directconnect.NewFromConfig(m.endpointConfig(w, w.URL, ""))); got != "3 connections, 0 LAGs" {
				t.Errorf("after two CreateConnection through dxsim.example: %s", got)
			}
		})
	}
}

// TestSDKClientsServedOnLoopbackNames: the SDKs' clients, which send no
// Origin, are served under 127.0.0.1, localhost and [::1] (a listener of
// its own where the machine has IPv6 loopback).
func TestSDKClientsServedOnLoopbackNames(t *testing.T) {
	m := guardModes[0]
	w, secretARN := m.macsecWorld(t)
	port := hostPort(strings.TrimPrefix(w.URL, "http://"))
	v6 := "http://[::1]:" + port
	cfg6 := m.endpointConfig(w, v6, "")
	if ln, err := net.Listen("tcp", "[::1]:0"); err == nil {
		hs := &http.Server{Handler: w.Server.Handler()}
		go hs.Serve(ln)
		t.Cleanup(func() { hs.Close() })
		v6 = "http://" + ln.Addr().String()
		cfg6 = w.AWSConfig(dxsimtest.Account, dxsimtest.Region)
		cfg6.BaseEndpoint = aws.String(v6)
	} else {
		t.Logf("no IPv6 loopback (%v): [::1] is sent as the Host to the IPv4 listener", err)
	}
	for endpoint, cfg := range map[string]aws.Config{
		w.URL: w.AWSConfig(dxsimtest.Account, dxsimtest.Region), "http://localhost:" + port: m.endpointConfig(w, "http://localhost:"+port, ""), v6: cfg6,
	} {
		for op, err := range fourAPIs(cfg, secretARN) {
			if err != nil {
				t.Errorf("%s at %s: %v", op, endpoint, err)
			}
		}
	}
}
