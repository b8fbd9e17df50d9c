package secretsmanager

import (
	"strconv"
	"time"
)

// Inputs and outputs of the Secrets Manager operations (AWS JSON 1.1 with
// Secrets Manager's PascalCase member names).

// SecretTag is a Secrets Manager tag.
type SecretTag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

// epoch is a timestamp as AWS JSON protocols send it: seconds since 1970.
type epoch time.Time

func (t epoch) MarshalJSON() ([]byte, error) {
	return strconv.AppendFloat(nil, float64(time.Time(t).UnixMilli())/1000, 'f', 3, 64), nil
}

type CreateSecretInput struct {
	Name               string      `json:"Name"`
	Description        string      `json:"Description"`
	KmsKeyID           string      `json:"KmsKeyId"`
	SecretString       *string     `json:"SecretString"`
	SecretBinary       []byte      `json:"SecretBinary"`
	Tags               []SecretTag `json:"Tags"`
	ClientRequestToken string      `json:"ClientRequestToken"`
	AddReplicaRegions  []struct {
		Region string `json:"Region"`
	} `json:"AddReplicaRegions"`
	ForceOverwriteReplicaSecret bool `json:"ForceOverwriteReplicaSecret"`
}

type CreateSecretOutput struct {
	ARN       string `json:"ARN"`
	Name      string `json:"Name"`
	VersionID string `json:"VersionId,omitempty"`
}

type SecretIDInput struct {
	SecretID string `json:"SecretId"`
}

// SecretEntry is DescribeSecret's answer and an entry of ListSecrets.
type SecretEntry struct {
	ARN             string      `json:"ARN"`
	Name            string      `json:"Name"`
	Description     string      `json:"Description,omitempty"`
	KmsKeyID        string      `json:"KmsKeyId,omitempty"`
	OwningService   string      `json:"OwningService,omitempty"`
	PrimaryRegion   string      `json:"PrimaryRegion"`
	RotationEnabled bool        `json:"RotationEnabled"`
	CreatedDate     epoch       `json:"CreatedDate"`
	LastChangedDate epoch       `json:"LastChangedDate"`
	DeletedDate     *epoch      `json:"DeletedDate,omitempty"`
	Tags            []SecretTag `json:"Tags"`
	// VersionIDsToStages are the staging labels of the versions of its value.
	VersionIDsToStages map[string][]string `json:"VersionIdsToStages,omitempty"`
}

type ListSecretsInput struct {
	MaxResults             *int   `json:"MaxResults"`
	NextToken              string `json:"NextToken"`
	IncludePlannedDeletion bool   `json:"IncludePlannedDeletion"`
	SortOrder              string `json:"SortOrder"`
	Filters                []struct {
		Key    string   `json:"Key"`
		Values []string `json:"Values"`
	} `json:"Filters"`
}

type ListSecretsOutput struct {
	SecretList []SecretEntry `json:"SecretList"`
	NextToken  string        `json:"NextToken,omitempty"`
}

type DeleteSecretInput struct {
	SecretID                   string `json:"SecretId"`
	RecoveryWindowInDays       *int64 `json:"RecoveryWindowInDays"`
	ForceDeleteWithoutRecovery *bool  `json:"ForceDeleteWithoutRecovery"`
}

type DeleteSecretOutput struct {
	ARN          string `json:"ARN"`
	Name         string `json:"Name"`
	DeletionDate epoch  `json:"DeletionDate"`
}

type GetResourcePolicyOutput struct {
	ARN  string `json:"ARN"`
	Name string `json:"Name"`
}

type TagSecretInput struct {
	SecretID string      `json:"SecretId"`
	Tags     []SecretTag `json:"Tags"`
}

type UntagSecretInput struct {
	SecretID string   `json:"SecretId"`
	TagKeys  []string `json:"TagKeys"`
}

type PutSecretValueInput struct {
	SecretID           string   `json:"SecretId"`
	ClientRequestToken string   `json:"ClientRequestToken"`
	SecretString       *string  `json:"SecretString"`
	SecretBinary       []byte   `json:"SecretBinary"`
	VersionStages      []string `json:"VersionStages"`
}

type PutSecretValueOutput struct {
	ARN           string   `json:"ARN"`
	Name          string   `json:"Name"`
	VersionID     string   `json:"VersionId"`
	VersionStages []string `json:"VersionStages"`
}

type GetSecretValueInput struct {
	SecretID     string `json:"SecretId"`
	VersionID    string `json:"VersionId"`
	VersionStage string `json:"VersionStage"`
}

type GetSecretValueOutput struct {
	ARN           string   `json:"ARN"`
	Name          string   `json:"Name"`
	VersionID     string   `json:"VersionId"`
	SecretString  *string  `json:"SecretString,omitempty"`
	SecretBinary  []byte   `json:"SecretBinary,omitempty"`
	VersionStages []string `json:"VersionStages"`
	CreatedDate   epoch    `json:"CreatedDate"`
}

type UpdateSecretInput struct {
	SecretID           string  `json:"SecretId"`
	Description        *string `json:"Description"`
	KmsKeyID           *string `json:"KmsKeyId"`
	SecretString       *string `json:"SecretString"`
	SecretBinary       []byte  `json:"SecretBinary"`
	ClientRequestToken string  `json:"ClientRequestToken"`
}

// Empty is the answer of an operation that answers nothing.
type Empty struct{}
