package dx

import (
	"encoding/json"
	"math"
	"strconv"
	"time"
)

// Wire shapes of the service model. Field names and JSON tags follow
// service-2.json; optional members are omitted when they have no value, as the
// real service does.

// Tag is a key/value pair on a resource.
type Tag struct {
	Key   string  `json:"key" required:"true"`
	Value *string `json:"value,omitempty"`
}

// MacSecKey is a MACsec secret as the service lists it on a connection or
// LAG. The CAK is never part of it.
type MacSecKey struct {
	SecretARN string `json:"secretARN,omitempty"`
	Ckn       string `json:"ckn,omitempty"`
	State     string `json:"state,omitempty"`
	StartOn   string `json:"startOn,omitempty"`
}

// Connection is the model's Connection shape.
type Connection struct {
	OwnerAccount                     string      `json:"ownerAccount,omitempty"`
	ConnectionID                     string      `json:"connectionId,omitempty"`
	ConnectionName                   string      `json:"connectionName,omitempty"`
	ConnectionState                  string      `json:"connectionState,omitempty"`
	Region                           string      `json:"region,omitempty"`
	Location                         string      `json:"location,omitempty"`
	Bandwidth                        string      `json:"bandwidth,omitempty"`
	Vlan                             int         `json:"vlan,omitempty"`
	PartnerName                      string      `json:"partnerName,omitempty"`
	LoaIssueTime                     *EpochTime  `json:"loaIssueTime,omitempty"`
	LagID                            string      `json:"lagId,omitempty"`
	AwsDevice                        string      `json:"awsDevice,omitempty"`
	JumboFrameCapable                bool        `json:"jumboFrameCapable"`
	AwsDeviceV2                      string      `json:"awsDeviceV2,omitempty"`
	AwsLogicalDeviceID               string      `json:"awsLogicalDeviceId,omitempty"`
	HasLogicalRedundancy             string      `json:"hasLogicalRedundancy,omitempty"`
	Tags                             []Tag       `json:"tags,omitempty"`
	ProviderName                     string      `json:"providerName,omitempty"`
	MacSecCapable                    bool        `json:"macSecCapable"`
	PortEncryptionStatus             string      `json:"portEncryptionStatus,omitempty"`
	EncryptionMode                   string      `json:"encryptionMode,omitempty"`
	MacSecKeys                       []MacSecKey `json:"macSecKeys,omitempty"`
	PartnerInterconnectMacSecCapable *bool       `json:"partnerInterconnectMacSecCapable,omitempty"`
	BillingMode                      string      `json:"billingMode,omitempty"`
	// RateLimiterStatus is the model's; dxsim does not count rate limiters
	// yet, so it is never set.
	RateLimiterStatus *RateLimiterStatus `json:"rateLimiterStatus,omitempty"`
}

// RateLimiterStatus is the model's shape of the rate limiters on a
// connection or LAG.
type RateLimiterStatus struct {
	MaxAllowed     *int   `json:"maxAllowed,omitempty"`
	InUse          *int   `json:"inUse,omitempty"`
	Remaining      *int   `json:"remaining,omitempty"`
	TotalBandwidth string `json:"totalBandwidth,omitempty"`
}

// Lag is the model's Lag shape.
type Lag struct {
	ConnectionsBandwidth    string       `json:"connectionsBandwidth,omitempty"`
	NumberOfConnections     int          `json:"numberOfConnections"`
	LagID                   string       `json:"lagId,omitempty"`
	OwnerAccount            string       `json:"ownerAccount,omitempty"`
	LagName                 string       `json:"lagName,omitempty"`
	LagState                string       `json:"lagState,omitempty"`
	Location                string       `json:"location,omitempty"`
	Region                  string       `json:"region,omitempty"`
	MinimumLinks            int          `json:"minimumLinks"`
	AwsDevice               string       `json:"awsDevice,omitempty"`
	AwsDeviceV2             string       `json:"awsDeviceV2,omitempty"`
	AwsLogicalDeviceID      string       `json:"awsLogicalDeviceId,omitempty"`
	Connections             []Connection `json:"connections"`
	AllowsHostedConnections bool         `json:"allowsHostedConnections"`
	JumboFrameCapable       bool         `json:"jumboFrameCapable"`
	HasLogicalRedundancy    string       `json:"hasLogicalRedundancy,omitempty"`
	Tags                    []Tag        `json:"tags,omitempty"`
	ProviderName            string       `json:"providerName,omitempty"`
	MacSecCapable           bool         `json:"macSecCapable"`
	EncryptionMode          string       `json:"encryptionMode,omitempty"`
	MacSecKeys              []MacSecKey  `json:"macSecKeys,omitempty"`
	BillingMode             string       `json:"billingMode,omitempty"`
	// RateLimiterStatus is the model's; never set, as on Connection.
	RateLimiterStatus *RateLimiterStatus `json:"rateLimiterStatus,omitempty"`
}

// Location is the model's Location shape.
type Location struct {
	LocationCode              string   `json:"locationCode"`
	LocationName              string   `json:"locationName"`
	Region                    string   `json:"region"`
	AvailablePortSpeeds       []string `json:"availablePortSpeeds"`
	AvailableProviders        []string `json:"availableProviders"`
	AvailableMacSecPortSpeeds []string `json:"availableMacSecPortSpeeds"`
}

// Loa is a Letter of Authorization - Connecting Facility Assignment.
type Loa struct {
	LoaContent     []byte `json:"loaContent"` // encoding/json writes []byte as base64, as the protocol wants
	LoaContentType string `json:"loaContentType"`
}

// CustomerAgreement is one agreement and whether the account signed it.
type CustomerAgreement struct {
	AgreementName string `json:"agreementName"`
	Status        string `json:"status"`
}

// EpochTime is a timestamp on the wire: seconds since the epoch as a JSON
// number, with a fraction for sub-second precision, as AWS JSON 1.1 sends it.
type EpochTime struct{ time.Time }

// NewEpochTime returns t as an EpochTime pointer, or nil for the zero time.
func NewEpochTime(t time.Time) *EpochTime {
	if t.IsZero() {
		return nil
	}
	return &EpochTime{t}
}

func (t EpochTime) MarshalJSON() ([]byte, error) {
	secs := float64(t.UnixMilli()) / 1000
	return []byte(strconv.FormatFloat(secs, 'f', -1, 64)), nil
}

func (t *EpochTime) UnmarshalJSON(b []byte) error {
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	sec, frac := math.Modf(f)
	t.Time = time.Unix(int64(sec), int64(frac*1e9)).UTC()
	return nil
}

// Interconnect is the model's Interconnect shape.
type Interconnect struct {
	InterconnectID       string      `json:"interconnectId,omitempty"`
	InterconnectName     string      `json:"interconnectName,omitempty"`
	InterconnectState    string      `json:"interconnectState,omitempty"`
	Region               string      `json:"region,omitempty"`
	Location             string      `json:"location,omitempty"`
	Bandwidth            string      `json:"bandwidth,omitempty"`
	LoaIssueTime         *EpochTime  `json:"loaIssueTime,omitempty"`
	LagID                string      `json:"lagId,omitempty"`
	AwsDevice            string      `json:"awsDevice,omitempty"`
	JumboFrameCapable    bool        `json:"jumboFrameCapable"`
	AwsDeviceV2          string      `json:"awsDeviceV2,omitempty"`
	AwsLogicalDeviceID   string      `json:"awsLogicalDeviceId,omitempty"`
	HasLogicalRedundancy string      `json:"hasLogicalRedundancy,omitempty"`
	Tags                 []Tag       `json:"tags,omitempty"`
	ProviderName         string      `json:"providerName,omitempty"`
	MacSecCapable        bool        `json:"macSecCapable"`
	PortEncryptionStatus string      `json:"portEncryptionStatus,omitempty"`
	EncryptionMode       string      `json:"encryptionMode,omitempty"`
	MacSecKeys           []MacSecKey `json:"macSecKeys,omitempty"`
}
