package ec2

import (
	"encoding/base64"
	"slices"
	"strings"
	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

// Service runs the EC2 operations dxsim serves, over the world's store.
type Service struct {
	*core.Base
}

// New returns the EC2 service of the world base.
func New(base *core.Base) *Service {
	s := &Service{Base: base}
	base.AddReapers(s.reapers()...)
	return s
}

// The EC2 resources Direct Connect configurations stand on: VPCs, virtual
// private gateways and transit gateways, kept in the same store as the
// Direct Connect resources, by owner account and Region. Their states
// follow from their timestamps on the world's clock (Timings.EC2).

// EC2 states.
const (
	ec2Pending   = "pending"
	ec2Available = "available"
	ec2Deleting  = "deleting"
	ec2Deleted   = "deleted"
)

// ec2State is the state of a resource created at created and deleted at
// deleted (zero if not), at now.
func (s *Service) ec2State(created, deleted, now time.Time) string {
	switch {
	case !deleted.IsZero() && !now.Before(deleted.Add(s.Config.Timings.Deleting)):
		return ec2Deleted
	case !deleted.IsZero() && !now.Before(deleted):
		return ec2Deleting
	case now.Before(created.Add(s.Config.Timings.EC2)):
		return ec2Pending
	}
	return ec2Available
}

// vpcState is the state of VPC v at now: a deleted VPC is gone at once.
func (s *Service) vpcState(v *VpcRecord, now time.Time) string {
	if v.Deleted() && !now.Before(v.DeletedAt) {
		return ec2Deleted
	}
	return s.ec2State(v.CreatedAt, time.Time{}, now)
}

// attachmentState is the state of a virtual private gateway's attachment
// to a VPC at now.
func (s *Service) attachmentState(a VpcAttachment, now time.Time) string {
	d := s.Config.Timings.EC2
	switch {
	case !a.DetachedAt.IsZero() && !now.Before(a.DetachedAt.Add(d)):
		return dx.Detached
	case !a.DetachedAt.IsZero() && !now.Before(a.DetachedAt):
		return dx.Detaching
	case now.Before(a.AttachedAt.Add(d)):
		return dx.Attaching
	}
	return dx.Attached
}

func vpcKey(v *VpcRecord) store.Row {
	return store.Row{Kind: store.Vpcs, ID: v.ID, Account: v.Owner, Region: v.Region}
}

// vpnGatewayKey lists a virtual private gateway under the VPC it was last
// attached to, so that a VPC finds its gateways.
func vpnGatewayKey(g *VpnGatewayRecord) store.Row {
	r := store.Row{Kind: store.VpnGateways, ID: g.ID, Account: g.Owner, Region: g.Region}
	if n := len(g.Attachments); n > 0 {
		r.Parent = g.Attachments[n-1].VpcID
	}
	return r
}

func transitGatewayKey(g *TransitGatewayRecord) store.Row {
	return store.Row{Kind: store.TransitGateways, ID: g.ID, Account: g.Owner, Region: g.Region}
}

// checkEC2ID refuses an ID that is not of the resource's form.
func checkEC2ID(id, prefix, malformed string) error {
	if !IsID(id, prefix) || strings.HasPrefix(id, TransitGatewayRTBPrefix) && prefix == TransitGatewayPrefix {
		return Errorf(malformed, "Invalid id: %q (expecting \"%s...\" followed by 8 or 17 hexadecimal digits)", id, prefix)
	}
	return nil
}

// ownVpc loads the caller's VPC id in its Region.
func ownVpc(tx store.Tx, caller dx.Caller, id string) (*VpcRecord, error) {
	if id == "" {
		return nil, Errorf(MissingParameter, "The request must contain the parameter vpcId")
	}
	if err := checkEC2ID(id, VpcPrefix, InvalidVpcIDMalformed); err != nil {
		return nil, err
	}
	return core.LoadOwned(tx, store.Vpcs, id, caller, Errorf(InvalidVpcIDNotFound, "The vpc ID '%s' does not exist", id), core.Live[*VpcRecord])
}

// ownVpnGateway loads the caller's virtual private gateway id in its
// Region; a deleted one is not found.
func ownVpnGateway(tx store.Tx, caller dx.Caller, id string) (*VpnGatewayRecord, error) {
	if id == "" {
		return nil, Errorf(MissingParameter, "The request must contain the parameter vpnGatewayId")
	}
	if err := checkEC2ID(id, VpnGatewayPrefix, InvalidVpnGatewayMalformed); err != nil {
		return nil, err
	}
	return core.LoadOwned(tx, store.VpnGateways, id, caller, Errorf(InvalidVpnGatewayNotFound, "The vpnGateway ID '%s' does not exist", id), core.Live[*VpnGatewayRecord])
}

// ownTransitGateway loads the caller's transit gateway id in its Region; a
// deleted one is not found.
func ownTransitGateway(tx store.Tx, caller dx.Caller, id string) (*TransitGatewayRecord, error) {
	if id == "" {
		return nil, Errorf(MissingParameter, "The request must contain the parameter transitGatewayId")
	}
	if err := checkEC2ID(id, TransitGatewayPrefix, InvalidTransitGatewayMal); err != nil {
		return nil, err
	}
	return core.LoadOwned(tx, store.TransitGateways, id, caller, Errorf(InvalidTransitGatewayNF, "Transit Gateway %s was deleted or does not exist.", id), core.Live[*TransitGatewayRecord])
}

// ec2Page is one page of a Describe call's answer: items in ID order
// after NextToken, at most MaxResults (5 to 1000) of them.
func ec2Page[T any](items []T, id func(T) string, in DescribeInput) ([]T, string, error) {
	slices.SortFunc(items, func(a, b T) int { return strings.Compare(id(a), id(b)) })
	if in.NextToken != "" {
		b, err := base64.RawURLEncoding.DecodeString(in.NextToken)
		if err != nil || len(b) == 0 {
			return nil, "", Errorf(InvalidNextToken, "The token '%s' is invalid; pass the nextToken of the previous answer unchanged", in.NextToken)
		}
		after := string(b)
		i, _ := slices.BinarySearchFunc(items, after, func(t T, s string) int { return strings.Compare(id(t), s) })
		for i < len(items) && id(items[i]) <= after {
			i++
		}
		items = items[i:]
	}
	if in.MaxResults == nil {
		return items, "", nil
	}
	if n := *in.MaxResults; n < 5 || n > 1000 {
		return nil, "", Errorf(InvalidParameterValue, "Value ( %d ) for parameter maxResults is invalid. Expecting a value between 5 and 1000", n)
	}
	if n := int(*in.MaxResults); len(items) > n {
		return items[:n], base64.RawURLEncoding.EncodeToString([]byte(id(items[n-1]))), nil
	}
	return items, "", nil
}

// missingIDs is the NotFound error for the IDs of a Describe call that
// did not match: EC2 refuses the whole call.
func missingIDs(want []string, found func(string) bool, code, what string) error {
	var missing []string
	for _, id := range want {
		if !found(id) {
			missing = append(missing, id)
		}
	}
	switch len(missing) {
	case 0:
		return nil
	case 1:
		return Errorf(code, "The %s ID '%s' does not exist", what, missing[0])
	}
	return Errorf(code, "The %s IDs '%s' do not exist", what, strings.Join(missing, "', '"))
}
