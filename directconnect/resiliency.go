package directconnect

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

// Request and response shapes of the resiliency group operations.

type CreateResiliencyGroupInput struct {
	ResiliencyGroupName     string   `json:"resiliencyGroupName" required:"true"`
	IntendedResiliencyModel string   `json:"intendedResiliencyModel" required:"true"`
	ClientToken             *string  `json:"clientToken"`
	Tags                    []dx.Tag `json:"tags"`
}

type ResiliencyGroupIDInput struct {
	ResiliencyGroupID string `json:"resiliencyGroupId" required:"true"`
}

type UpdateResiliencyGroupInput struct {
	ResiliencyGroupID   string  `json:"resiliencyGroupId" required:"true"`
	ResiliencyGroupName string  `json:"resiliencyGroupName" required:"true"`
	ClientToken         *string `json:"clientToken"`
}

type ListResiliencyGroupsInput struct {
	MaxResults *int   `json:"maxResults"`
	NextToken  string `json:"nextToken"`
}

type ResiliencyGroupConnectionsInput struct {
	ConnectionIdentifiers []string `json:"connectionIdentifiers" required:"true"`
	ResiliencyGroupID     string   `json:"resiliencyGroupId" required:"true"`
	ClientToken           *string  `json:"clientToken"`
}

type ListResiliencyGroupAssociationsInput struct {
	ResiliencyGroupID string `json:"resiliencyGroupId" required:"true"`
	MaxResults        *int   `json:"maxResults"`
	NextToken         string `json:"nextToken"`
}

type ResiliencyGroupOutput struct {
	ResiliencyGroup dx.ResiliencyGroup `json:"resiliencyGroup"`
}

type ListResiliencyGroupsOutput struct {
	Items     []dx.ResiliencyGroupSummary `json:"items"`
	NextToken string                      `json:"nextToken,omitempty"`
}

type ResiliencyGroupAssociationsOutput struct {
	ResiliencyGroupAssociations []dx.ResiliencyGroupAssociation `json:"resiliencyGroupAssociations"`
}

type ListResiliencyGroupAssociationsOutput struct {
	Items     []dx.ResiliencyGroupAssociation `json:"items"`
	NextToken string                          `json:"nextToken,omitempty"`
}

// resiliencyTimings borrows the world's timings: a group is set up as fast as
// a port is turned up, torn down as fast as any resource is deleted, and
// joined as fast as a MACsec key is associated.
func (s *Service) resiliencyTimings() dx.ResiliencyTimings {
	t := s.Config.Timings
	return dx.ResiliencyTimings{Setup: t.Pending, Teardown: t.Deleting, Association: t.MacSecKey}
}

func putResiliencyGroup(tx store.Tx, g *dx.ResiliencyGroupRecord) error {
	return store.Save(tx, store.Row{Kind: store.ResiliencyGroups, ID: g.ID, Account: g.Owner, Region: g.Region}, g)
}

// visibleGroup loads a group of the caller's account and Region that still
// shows (deleted ones for the retention period).
func (s *Service) visibleGroup(tx *core.Txn, caller dx.Caller, id string) (*dx.ResiliencyGroupRecord, error) {
	return core.LoadOwned(tx, store.ResiliencyGroups, id, caller, dx.NotFound("Resiliency group", id, caller.Account, caller.Region),
		func(g *dx.ResiliencyGroupRecord) bool { return s.Retained(s.resiliencyTimings().DeletedAt(g), tx.Now) })
}

// liveGroup loads a group the caller may change: not being deleted.
func (s *Service) liveGroup(tx *core.Txn, caller dx.Caller, id string) (*dx.ResiliencyGroupRecord, error) {
	g, err := s.visibleGroup(tx, caller, id)
	if err != nil {
		return nil, err
	}
	if state := s.resiliencyTimings().GroupState(g, tx.Now); state == dx.GroupDeleting || state == dx.GroupDeleted {
		return nil, dx.Errorf("Resiliency group %s is %s; it can no longer be changed", g.ID, state)
	}
	return g, nil
}

func (s *Service) groupView(g *dx.ResiliencyGroupRecord, now time.Time) dx.ResiliencyGroup {
	return dx.ResiliencyGroup{
		OwnerAccount:        g.Owner,
		ResiliencyGroupArn:  dx.ResiliencyGroupARN(g.Owner, g.ID),
		ResiliencyGroupID:   g.ID,
		ResiliencyGroupName: g.Name,
		ResiliencyGroupType: dx.ResiliencyGroupManaged,
		State:               s.resiliencyTimings().GroupState(g, now),
		Tags:                g.Tags,
	}
}

// CreateResiliencyGroup creates an empty group in the caller's Region. A
// retry with the same clientToken and request returns the group it created.
func (s *Service) CreateResiliencyGroup(ctx context.Context, caller dx.Caller, in *CreateResiliencyGroupInput) (*ResiliencyGroupOutput, error) {
	if err := dx.CheckResiliencyGroupName(in.ResiliencyGroupName); err != nil {
		return nil, err
	}
	if err := dx.CheckResiliencyModel(in.IntendedResiliencyModel); err != nil {
		return nil, err
	}
	if err := dx.CheckClientToken(in.ClientToken); err != nil {
		return nil, err
	}
	if err := dx.CheckNewTags(in.Tags); err != nil {
		return nil, err
	}
	want := dx.ResiliencyGroupRecord{
		Owner: caller.Account, Region: caller.Region, Name: in.ResiliencyGroupName, Model: in.IntendedResiliencyModel,
		Tags: in.Tags,
	}
	if in.ClientToken != nil {
		want.CreateToken = *in.ClientToken
	}
	var g *dx.ResiliencyGroupRecord
	var now time.Time
	err := s.Update(ctx, func(tx *core.Txn) error {
		now = tx.Now
		if want.CreateToken != "" {
			groups, err := store.LoadAll[dx.ResiliencyGroupRecord](tx, store.Query{Kind: store.ResiliencyGroups, Account: caller.Account, Region: caller.Region})
			if err != nil {
				return err
			}
			for _, prior := range groups {
				if prior.CreateToken != want.CreateToken {
					continue
				}
				if prior.Name != want.Name || prior.Model != want.Model || !sameGroupTags(prior.Tags, want.Tags) {
					return dx.Errorf("clientToken %q was already used to create resiliency group %s with different parameters; use a new clientToken for a different request", want.CreateToken, prior.ID)
				}
				g = prior
				return nil
			}
		}
		made := want
		made.CreatedAt = now
		g = &made
		for range 5 {
			g.ID = dx.NewResiliencyGroupID()
			r, err := store.Encode(store.Row{Kind: store.ResiliencyGroups, ID: g.ID, Account: g.Owner, Region: g.Region}, g)
			if err != nil {
				return err
			}
			if err := tx.Insert(r); !errors.Is(err, store.ErrExists) {
				return err
			}
		}
		return fmt.Errorf("could not draw a unique resiliency group ID")
	})
	if err != nil {
		return nil, err
	}
	return &ResiliencyGroupOutput{ResiliencyGroup: s.groupView(g, now)}, nil
}

func sameGroupTags(a, b []dx.Tag) bool {
	return slices.EqualFunc(a, b, func(x, y dx.Tag) bool {
		return x.Key == y.Key && (x.Value == nil) == (y.Value == nil) && (x.Value == nil || *x.Value == *y.Value)
	})
}

// GetResiliencyGroup describes one of the caller's groups.
func (s *Service) GetResiliencyGroup(ctx context.Context, caller dx.Caller, in *ResiliencyGroupIDInput) (*ResiliencyGroupOutput, error) {
	id, err := dx.CheckResiliencyGroupID(in.ResiliencyGroupID)
	if err != nil {
		return nil, err
	}
	var out *ResiliencyGroupOutput
	err = s.View(ctx, func(tx *core.Txn) error {
		g, err := s.visibleGroup(tx, caller, id)
		if err != nil {
			return err
		}
		out = &ResiliencyGroupOutput{ResiliencyGroup: s.groupView(g, tx.Now)}
		return nil
	})
	return out, err
}

// ListResiliencyGroups lists the caller's groups in its Region, in pages.
func (s *Service) ListResiliencyGroups(ctx context.Context, caller dx.Caller, in *ListResiliencyGroupsInput) (*ListResiliencyGroupsOutput, error) {
	p, err := core.ParsePage(in.MaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	out := &ListResiliencyGroupsOutput{Items: []dx.ResiliencyGroupSummary{}}
	err = s.View(ctx, func(tx *core.Txn) error {
		now := tx.Now
		t := s.resiliencyTimings()
		groups, token, err := core.Scan(tx, store.Query{Kind: store.ResiliencyGroups, Account: caller.Account, Region: caller.Region}, p,
			func(g *dx.ResiliencyGroupRecord) string { return g.ID },
			func(g *dx.ResiliencyGroupRecord) bool { return s.Retained(t.DeletedAt(g), tx.Now) })
		if err != nil {
			return err
		}
		for _, g := range groups {
			v := s.groupView(g, now)
			out.Items = append(out.Items, dx.ResiliencyGroupSummary{
				OwnerAccount: v.OwnerAccount, ResiliencyGroupArn: v.ResiliencyGroupArn, ResiliencyGroupID: v.ResiliencyGroupID,
				ResiliencyGroupName: v.ResiliencyGroupName, ResiliencyGroupType: v.ResiliencyGroupType, State: v.State,
			})
		}
		out.NextToken = token
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// UpdateResiliencyGroup renames a group.
func (s *Service) UpdateResiliencyGroup(ctx context.Context, caller dx.Caller, in *UpdateResiliencyGroupInput) (*ResiliencyGroupOutput, error) {
	id, err := dx.CheckResiliencyGroupID(in.ResiliencyGroupID)
	if err != nil {
		return nil, err
	}
	if err := dx.CheckResiliencyGroupName(in.ResiliencyGroupName); err != nil {
		return nil, err
	}
	if err := dx.CheckClientToken(in.ClientToken); err != nil {
		return nil, err
	}
	var out *ResiliencyGroupOutput
	err = s.Update(ctx, func(tx *core.Txn) error {
		now := tx.Now
		g, err := s.visibleGroup(tx, caller, id)
		if err != nil {
			return err
		}
		digest := dx.RequestDigest("UpdateResiliencyGroup", in.ResiliencyGroupName)
		if replay, err := checkGroupToken(g, in.ClientToken, digest); err != nil || replay {
			out = &ResiliencyGroupOutput{ResiliencyGroup: s.groupView(g, now)}
			return err
		}
		if g, err = s.liveGroup(tx, caller, id); err != nil {
			return err
		}
		g.Name = in.ResiliencyGroupName
		rememberGroupToken(g, in.ClientToken, digest)
		out = &ResiliencyGroupOutput{ResiliencyGroup: s.groupView(g, now)}
		return putResiliencyGroup(tx, g)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteResiliencyGroup starts deleting a group that holds no connections;
// it is deleting for a while, then deleted.
func (s *Service) DeleteResiliencyGroup(ctx context.Context, caller dx.Caller, in *ResiliencyGroupIDInput) (*ResiliencyGroupOutput, error) {
	id, err := dx.CheckResiliencyGroupID(in.ResiliencyGroupID)
	if err != nil {
		return nil, err
	}
	var out *ResiliencyGroupOutput
	err = s.Update(ctx, func(tx *core.Txn) error {
		now := tx.Now
		g, err := s.liveGroup(tx, caller, id)
		if err != nil {
			return err
		}
		views, err := s.groupAssociationViews(tx, g, nil, now)
		if err != nil {
			return err
		}
		var members []string
		for _, a := range views {
			if dx.Member(a.State) {
				members = append(members, memberID(a.ConnectionArn))
			}
		}
		if len(members) > 0 {
			return dx.Errorf("Resiliency group %s still has %d connections (for example %s); disassociate them with DisassociateConnectionsFromResiliencyGroup first", g.ID, len(members), members[0])
		}
		g.DeletingAt = now
		out = &ResiliencyGroupOutput{ResiliencyGroup: s.groupView(g, now)}
		if err := s.Doom(tx, string(store.ResiliencyGroups), g.ID, s.resiliencyTimings().DeletedAt(g)); err != nil {
			return err
		}
		return putResiliencyGroup(tx, g)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// AssociateConnectionsToResiliencyGroup adds the caller's connections to a
// group, all or none. A connection belongs to at most one group at a time.
func (s *Service) AssociateConnectionsToResiliencyGroup(ctx context.Context, caller dx.Caller, in *ResiliencyGroupConnectionsInput) (*ResiliencyGroupAssociationsOutput, error) {
	return s.changeGroupMembers(ctx, caller, in, "AssociateConnectionsToResiliencyGroup", func(tx *core.Txn, g *dx.ResiliencyGroupRecord, named []dx.ConnectionIdentifier, now time.Time) error {
		conns, err := s.groupConnections(tx, caller, named)
		if err != nil {
			return err
		}
		others, err := store.LoadAll[dx.ResiliencyGroupRecord](tx, store.Query{Kind: store.ResiliencyGroups, Account: caller.Account, Region: caller.Region})
		if err != nil {
			return err
		}
		members := 0
		for _, other := range others {
			views, err := s.groupAssociationViews(tx, other, nil, now)
			if err != nil {
				return err
			}
			for _, a := range views {
				if other.ID == g.ID && dx.Member(a.State) {
					members++
				}
				connID := memberID(a.ConnectionArn)
				if _, named := conns[connID]; !named {
					continue
				}
				switch {
				case other.ID == g.ID && dx.Member(a.State):
					return dx.Errorf("Connection %s is already %s with resiliency group %s", connID, a.State, g.ID)
				case dx.Member(a.State):
					return dx.Errorf("Connection %s is %s with resiliency group %s; a connection belongs to one resiliency group at a time, disassociate it from %s first", connID, a.State, other.ID, other.ID)
				case a.State == dx.Disassociating:
					return dx.Errorf("Connection %s is still disassociating from resiliency group %s; associate it once it is disassociated", connID, other.ID)
				}
			}
		}
		if members+len(named) > dx.MaxResiliencyGroupConnections {
			return dx.Errorf("Resiliency group %s has %d connections; adding %d would exceed the %d connections a resiliency group holds", g.ID, members, len(named), dx.MaxResiliencyGroupConnections)
		}
		for _, ci := range named {
			a := dx.ResiliencyAssociation{ConnectionID: ci.ID, AssociatedAt: now}
			if i := slices.IndexFunc(g.Associations, func(a dx.ResiliencyAssociation) bool { return a.ConnectionID == ci.ID }); i >= 0 {
				g.Associations[i] = a
			} else {
				g.Associations = append(g.Associations, a)
			}
		}
		return nil
	})
}

// DisassociateConnectionsFromResiliencyGroup takes connections out of a
// group, all or none; they are disassociating for a while, then disassociated.
func (s *Service) DisassociateConnectionsFromResiliencyGroup(ctx context.Context, caller dx.Caller, in *ResiliencyGroupConnectionsInput) (*ResiliencyGroupAssociationsOutput, error) {
	return s.changeGroupMembers(ctx, caller, in, "DisassociateConnectionsFromResiliencyGroup", func(tx *core.Txn, g *dx.ResiliencyGroupRecord, named []dx.ConnectionIdentifier, now time.Time) error {
		if _, err := s.groupConnections(tx, caller, named); err != nil {
			return err
		}
		views, err := s.groupAssociationViews(tx, g, nil, now)
		if err != nil {
			return err
		}
		state := map[string]string{}
		for _, a := range views {
			state[memberID(a.ConnectionArn)] = a.State
		}
		for _, ci := range named {
			switch st := state[ci.ID]; {
			case st == "":
				return dx.Errorf("Connection %s is not associated with resiliency group %s", ci.ID, g.ID)
			case !dx.Member(st):
				return dx.Errorf("Connection %s is %s from resiliency group %s; only associating or associated connections can be disassociated", ci.ID, st, g.ID)
			}
		}
		for i, a := range g.Associations {
			if slices.ContainsFunc(named, func(ci dx.ConnectionIdentifier) bool { return ci.ID == a.ConnectionID }) {
				g.Associations[i].DisassociatedAt = now
			}
		}
		return nil
	})
}

// changeGroupMembers runs change on a live group the caller may see, once per
// client token: a replay with the same token and request answers as the
// first call did.
func (s *Service) changeGroupMembers(ctx context.Context, caller dx.Caller, in *ResiliencyGroupConnectionsInput, op string,
	change func(tx *core.Txn, g *dx.ResiliencyGroupRecord, named []dx.ConnectionIdentifier, now time.Time) error) (*ResiliencyGroupAssociationsOutput, error) {
	id, named, err := checkGroupConnections(in)
	if err != nil {
		return nil, err
	}
	var out *ResiliencyGroupAssociationsOutput
	err = s.Update(ctx, func(tx *core.Txn) error {
		now := tx.Now
		g, err := s.visibleGroup(tx, caller, id)
		if err != nil {
			return err
		}
		digest := dx.RequestDigest(op, namedIDs(named)...)
		if replay, err := checkGroupToken(g, in.ClientToken, digest); err != nil || replay {
			if err == nil {
				out, err = s.groupAssociationsOutput(tx, g, named, now)
			}
			return err
		}
		if g, err = s.liveGroup(tx, caller, id); err != nil {
			return err
		}
		if err := change(tx, g, named, now); err != nil {
			return err
		}
		rememberGroupToken(g, in.ClientToken, digest)
		if err := putResiliencyGroup(tx, g); err != nil {
			return err
		}
		out, err = s.groupAssociationsOutput(tx, g, named, now)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ListResiliencyGroupAssociations lists a group's connections in pages,
// those that left it for the retention period of deleted resources.
func (s *Service) ListResiliencyGroupAssociations(ctx context.Context, caller dx.Caller, in *ListResiliencyGroupAssociationsInput) (*ListResiliencyGroupAssociationsOutput, error) {
	id, err := dx.CheckResiliencyGroupID(in.ResiliencyGroupID)
	if err != nil {
		return nil, err
	}
	p, err := core.ParsePage(in.MaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	out := &ListResiliencyGroupAssociationsOutput{Items: []dx.ResiliencyGroupAssociation{}}
	err = s.View(ctx, func(tx *core.Txn) error {
		g, err := s.visibleGroup(tx, caller, id)
		if err != nil {
			return err
		}
		views, err := s.groupAssociationViews(tx, g, nil, tx.Now)
		if err != nil {
			return err
		}
		var after []dx.ResiliencyGroupAssociation
		for _, a := range views {
			if memberID(a.ConnectionArn) > p.After {
				after = append(after, a)
			}
		}
		if p.Limit > 0 && len(after) > p.Limit {
			after = after[:p.Limit]
			out.NextToken = core.EncodeToken(memberID(after[len(after)-1].ConnectionArn))
		}
		out.Items = append(out.Items, after...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// checkGroupConnections checks the members of an associate or disassociate
// request that need no stored state.
func checkGroupConnections(in *ResiliencyGroupConnectionsInput) (string, []dx.ConnectionIdentifier, error) {
	id, err := dx.CheckResiliencyGroupID(in.ResiliencyGroupID)
	if err != nil {
		return "", nil, err
	}
	if err := dx.CheckClientToken(in.ClientToken); err != nil {
		return "", nil, err
	}
	named, err := dx.ParseConnectionIdentifiers(in.ConnectionIdentifiers)
	if err != nil {
		return "", nil, err
	}
	return id, named, nil
}

// groupConnections loads the named connections: the caller's own, in its
// Region, not deleted, and not interconnects.
func (s *Service) groupConnections(tx store.Tx, caller dx.Caller, named []dx.ConnectionIdentifier) (map[string]*dx.ConnectionRecord, error) {
	out := map[string]*dx.ConnectionRecord{}
	for _, ci := range named {
		if ci.Account != "" && (!core.IsAccount(caller, ci.Account) || ci.Region != caller.Region) {
			return nil, dx.NotFound("Connection", ci.Given, caller.Account, caller.Region)
		}
		c, err := ownConnection(tx, caller, ci.ID)
		if err != nil {
			return nil, err
		}
		if c.Interconnect {
			return nil, dx.Errorf("%s is an interconnect; resiliency groups hold connections (dedicated or hosted)", c.ID)
		}
		out[c.ID] = c
	}
	return out, nil
}

// groupAssociationViews derives the states of a group's associations (of the
// connections in only, when only is not nil), sorted by connection ID,
// leaving out those that left the group before the retention period.
func (s *Service) groupAssociationViews(tx *core.Txn, g *dx.ResiliencyGroupRecord, only map[string]bool, now time.Time) ([]dx.ResiliencyGroupAssociation, error) {
	t := s.resiliencyTimings()
	var out []dx.ResiliencyGroupAssociation
	for _, a := range g.Associations {
		if only != nil && !only[a.ConnectionID] {
			continue
		}
		c, err := store.Load[dx.ConnectionRecord](tx, store.Connections, a.ConnectionID)
		if errors.Is(err, store.ErrNotFound) {
			continue // purged: it left the group with its deletion, longer ago than the retention period
		}
		if err != nil {
			return nil, err
		}
		state := t.AssociationState(a, c.DeletedAt, now)
		left := c.DeletedAt
		if left.IsZero() && !a.DisassociatedAt.IsZero() {
			left = a.DisassociatedAt.Add(t.Association)
		}
		if only == nil && state == dx.Disassociated && !s.Retained(left, tx.Now) {
			continue
		}
		out = append(out, dx.ResiliencyGroupAssociation{ConnectionArn: c.ARN().String(), ResiliencyGroupID: g.ID, State: state})
	}
	slices.SortFunc(out, func(a, b dx.ResiliencyGroupAssociation) int {
		return strings.Compare(memberID(a.ConnectionArn), memberID(b.ConnectionArn))
	})
	return out, nil
}

// groupAssociationsOutput is the answer of an associate or disassociate call:
// the associations of the connections it named.
func (s *Service) groupAssociationsOutput(tx *core.Txn, g *dx.ResiliencyGroupRecord, named []dx.ConnectionIdentifier, now time.Time) (*ResiliencyGroupAssociationsOutput, error) {
	only := map[string]bool{}
	for _, ci := range named {
		only[ci.ID] = true
	}
	views, err := s.groupAssociationViews(tx, g, only, now)
	if err != nil {
		return nil, err
	}
	if views == nil {
		views = []dx.ResiliencyGroupAssociation{}
	}
	return &ResiliencyGroupAssociationsOutput{ResiliencyGroupAssociations: views}, nil
}

func namedIDs(named []dx.ConnectionIdentifier) []string {
	out := make([]string, len(named))
	for i, ci := range named {
		out[i] = ci.ID
	}
	slices.Sort(out)
	return out
}

// memberID is the resource ID at the end of an ARN.
func memberID(arn string) string {
	_, id, _ := strings.Cut(arn, "/")
	return id
}

// checkGroupToken reports whether a call is a retry of one the group remembers
// under its clientToken, and refuses a token reused for another request.
func checkGroupToken(g *dx.ResiliencyGroupRecord, token *string, digest string) (bool, error) {
	if token == nil {
		return false, nil
	}
	for _, u := range g.Requests {
		if u.Token != *token {
			continue
		}
		if u.Request != digest {
			return false, dx.Errorf("clientToken %q was already used for a different request on resiliency group %s; use a new clientToken for a different request", *token, g.ID)
		}
		return true, nil
	}
	return false, nil
}

// rememberGroupToken records a request under its clientToken, forgetting the
// oldest beyond dx.MaxRememberedTokens.
func rememberGroupToken(g *dx.ResiliencyGroupRecord, token *string, digest string) {
	if token == nil {
		return
	}
	g.Requests = append(g.Requests, dx.TokenUse{Token: *token, Request: digest})
	if n := len(g.Requests); n > dx.MaxRememberedTokens {
		g.Requests = g.Requests[n-dx.MaxRememberedTokens:]
	}
}

// ownResiliencyGroup loads a group of the caller's account and Region that
// is not being deleted, for tagging.
func ownResiliencyGroup(tx store.Tx, caller dx.Caller, id string) (*dx.ResiliencyGroupRecord, error) {
	return core.LoadOwned(tx, store.ResiliencyGroups, id, caller, dx.NotFound("Resiliency group", id, caller.Account, caller.Region),
		func(g *dx.ResiliencyGroupRecord) bool { return g.DeletingAt.IsZero() })
}
