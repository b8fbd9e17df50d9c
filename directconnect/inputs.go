package directconnect

import "github.com/dxsim/dxsim/dx"

// Request shapes of the operations, with the model's member names. Members
// the model marks required carry `required:"true"`. The protocol layer
// refuses a request that lacks one, at any depth, from the model itself
// before the operation runs; awsapi's TestGoShapesMatchTheModel keeps these
// types and their tags equal to the model.

type CreateConnectionInput struct {
	Location       string   `json:"location" required:"true"`
	Bandwidth      string   `json:"bandwidth" required:"true"`
	ConnectionName string   `json:"connectionName" required:"true"`
	LagID          string   `json:"lagId"`
	Tags           []dx.Tag `json:"tags"`
	ProviderName   string   `json:"providerName"`
	RequestMACSec  *bool    `json:"requestMACSec"`
	BillingMode    string   `json:"billingMode"`
}

type DescribeConnectionsInput struct {
	ConnectionID string `json:"connectionId"`
	MaxResults   *int   `json:"maxResults"`
	NextToken    string `json:"nextToken"`
}

type UpdateConnectionInput struct {
	ConnectionID   string  `json:"connectionId" required:"true"`
	ConnectionName *string `json:"connectionName"`
	EncryptionMode *string `json:"encryptionMode"`
}

type ConnectionIDInput struct {
	ConnectionID string `json:"connectionId" required:"true"`
}

type CreateLagInput struct {
	NumberOfConnections  *int     `json:"numberOfConnections" required:"true"`
	Location             string   `json:"location" required:"true"`
	ConnectionsBandwidth string   `json:"connectionsBandwidth" required:"true"`
	LagName              string   `json:"lagName" required:"true"`
	ConnectionID         string   `json:"connectionId"`
	Tags                 []dx.Tag `json:"tags"`
	ChildConnectionTags  []dx.Tag `json:"childConnectionTags"`
	ProviderName         string   `json:"providerName"`
	RequestMACSec        *bool    `json:"requestMACSec"`
	BillingMode          string   `json:"billingMode"`
}

type DescribeLagsInput struct {
	LagID      string `json:"lagId"`
	MaxResults *int   `json:"maxResults"`
	NextToken  string `json:"nextToken"`
}

type UpdateLagInput struct {
	LagID          string  `json:"lagId" required:"true"`
	LagName        *string `json:"lagName"`
	MinimumLinks   *int    `json:"minimumLinks"`
	EncryptionMode *string `json:"encryptionMode"`
}

type LagIDInput struct {
	LagID string `json:"lagId" required:"true"`
}

type ConnectionLagInput struct {
	ConnectionID string `json:"connectionId" required:"true"`
	LagID        string `json:"lagId" required:"true"`
}

type AssociateMacSecKeyInput struct {
	ConnectionID string `json:"connectionId" required:"true"`
	SecretARN    string `json:"secretARN"`
	Ckn          string `json:"ckn"`
	Cak          string `json:"cak"`
}

type DisassociateMacSecKeyInput struct {
	ConnectionID string `json:"connectionId" required:"true"`
	SecretARN    string `json:"secretARN" required:"true"`
}

type TagResourceInput struct {
	ResourceArn string   `json:"resourceArn" required:"true"`
	Tags        []dx.Tag `json:"tags" required:"true"`
}

type UntagResourceInput struct {
	ResourceArn string   `json:"resourceArn" required:"true"`
	TagKeys     []string `json:"tagKeys" required:"true"`
}

type DescribeTagsInput struct {
	ResourceArns []string `json:"resourceArns" required:"true"`
}

type DescribeLoaInput struct {
	ConnectionID   string `json:"connectionId" required:"true"`
	ProviderName   string `json:"providerName"`
	LoaContentType string `json:"loaContentType"`
}

type ConfirmCustomerAgreementInput struct {
	AgreementName string `json:"agreementName"`
}

type Empty struct{}

// Output shapes that are not resources.

type ConnectionsOutput struct {
	Connections []dx.Connection `json:"connections"`
	NextToken   string          `json:"nextToken,omitempty"`
}

type LagsOutput struct {
	Lags      []dx.Lag `json:"lags"`
	NextToken string   `json:"nextToken,omitempty"`
}

type MacSecKeysOutput struct {
	ConnectionID string         `json:"connectionId"`
	MacSecKeys   []dx.MacSecKey `json:"macSecKeys"`
}

type LocationsOutput struct {
	Locations []dx.Location `json:"locations"`
}

type ResourceTag struct {
	ResourceArn string   `json:"resourceArn"`
	Tags        []dx.Tag `json:"tags"`
}

type DescribeTagsOutput struct {
	ResourceTags []ResourceTag `json:"resourceTags"`
}

type ConnectionLoaOutput struct {
	Loa dx.Loa `json:"loa"`
}

type CustomerMetadataOutput struct {
	Agreements     []dx.CustomerAgreement `json:"agreements"`
	NniPartnerType string                 `json:"nniPartnerType"`
}

type AgreementStatusOutput struct {
	Status string `json:"status"`
}

type CreateInterconnectInput struct {
	InterconnectName string   `json:"interconnectName" required:"true"`
	Bandwidth        string   `json:"bandwidth" required:"true"`
	Location         string   `json:"location" required:"true"`
	LagID            string   `json:"lagId"`
	Tags             []dx.Tag `json:"tags"`
	ProviderName     string   `json:"providerName"`
	RequestMACSec    *bool    `json:"requestMACSec"`
}

type DescribeInterconnectsInput struct {
	InterconnectID string `json:"interconnectId"`
	MaxResults     *int   `json:"maxResults"`
	NextToken      string `json:"nextToken"`
}

type InterconnectIDInput struct {
	InterconnectID string `json:"interconnectId" required:"true"`
}

type DescribeInterconnectLoaInput struct {
	InterconnectID string `json:"interconnectId" required:"true"`
	ProviderName   string `json:"providerName"`
	LoaContentType string `json:"loaContentType"`
}

type AllocateHostedConnectionInput struct {
	ConnectionID   string   `json:"connectionId" required:"true"`
	OwnerAccount   string   `json:"ownerAccount" required:"true"`
	Bandwidth      string   `json:"bandwidth" required:"true"`
	ConnectionName string   `json:"connectionName" required:"true"`
	Vlan           *int     `json:"vlan" required:"true"`
	Tags           []dx.Tag `json:"tags"`
}

type AllocateConnectionOnInterconnectInput struct {
	Bandwidth      string `json:"bandwidth" required:"true"`
	ConnectionName string `json:"connectionName" required:"true"`
	OwnerAccount   string `json:"ownerAccount" required:"true"`
	InterconnectID string `json:"interconnectId" required:"true"`
	Vlan           *int   `json:"vlan" required:"true"`
}

type DescribeHostedConnectionsInput struct {
	ConnectionID string `json:"connectionId" required:"true"`
	MaxResults   *int   `json:"maxResults"`
	NextToken    string `json:"nextToken"`
}

type AssociateHostedConnectionInput struct {
	ConnectionID       string `json:"connectionId" required:"true"`
	ParentConnectionID string `json:"parentConnectionId" required:"true"`
}

type InterconnectsOutput struct {
	Interconnects []dx.Interconnect `json:"interconnects"`
	NextToken     string            `json:"nextToken,omitempty"`
}

type InterconnectStateOutput struct {
	InterconnectState string `json:"interconnectState"`
}

type ConnectionStateOutput struct {
	ConnectionState string `json:"connectionState"`
}
