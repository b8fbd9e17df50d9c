package directconnect

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/loa"
)

// loaValidity is how long an LOA-CFA is valid, as AWS issues them.
const loaValidity = 90 * 24 * time.Hour

// DescribeLoa returns the LOA-CFA of a connection or LAG as a PDF and records
// its issue time on the connections it covers.
func (s *Service) DescribeLoa(ctx context.Context, caller dx.Caller, in *DescribeLoaInput) (*dx.Loa, error) {
	if in.LoaContentType != "" && in.LoaContentType != loa.ContentType {
		return nil, dx.Errorf("loaContentType %q is not supported; the only supported value is %s", in.LoaContentType, loa.ContentType)
	}
	var letter loa.Letter
	err := s.Update(ctx, func(tx *core.Txn) error {
		now := tx.Now
		var conns []*dx.ConnectionRecord
		switch {
		case strings.HasPrefix(in.ConnectionID, dx.LagPrefix):
			l, err := ownLag(tx, caller, in.ConnectionID)
			if err != nil {
				return err
			}
			if conns, err = LagMembers(tx, l.ID); err != nil {
				return err
			}
			if err := l.IssueLoa(len(conns), now); err != nil {
				return err
			}
			if err := core.SaveLag(tx, l); err != nil {
				return err
			}
			letter = loa.Letter{ConnectionID: l.ID, ConnectionName: l.Name, Bandwidth: l.Bandwidth}
		default:
			c, err := ownConnection(tx, caller, in.ConnectionID)
			if err != nil {
				return err
			}
			if c.Hosted() {
				return dx.Errorf("%s is a hosted connection on a port of partner %s; the partner holds the LOA-CFA for that port", c.ID, c.PartnerName)
			}
			conns = []*dx.ConnectionRecord{c}
			letter = loa.Letter{ConnectionID: c.ID, ConnectionName: c.Name, Bandwidth: c.Bandwidth}
		}
		letter.OwnerAccount, letter.Region = caller.Account, caller.Region
		letter.LocationCode = conns[0].Location
		// A world reopened with another --locations file may no longer know
		// the location; the letter then names it by code only.
		if site, ok := s.Catalog.Site(caller.Region, conns[0].Location); ok {
			letter.LocationName = site.LocationName
		}
		letter.ProviderName = in.ProviderName
		letter.IssuedAt, letter.ExpiresAt = now, now.Add(loaValidity)
		for _, c := range conns {
			letter.Ports = append(letter.Ports, loa.Port{Device: c.Device, Port: portName(c), ConnectionID: c.ID})
			c.LoaIssuedAt = now
			if c.LoaDownloadedAt.IsZero() {
				c.LoaDownloadedAt = now
			}
			if err := core.SaveConnection(tx, c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	pdf, err := loa.Render(letter)
	if err != nil {
		return nil, fmt.Errorf("rendering LOA-CFA of %s: %w", in.ConnectionID, err)
	}
	return &dx.Loa{LoaContent: pdf, LoaContentType: loa.ContentType}, nil
}

// portName is how an LOA names the port a connection holds: its position on
// the device's patch panel.
func portName(c *dx.ConnectionRecord) string {
	return fmt.Sprintf("Panel %d, port %d", (c.Port-1)/24+1, (c.Port-1)%24+1)
}

// DescribeConnectionLoa is the deprecated form of DescribeLoa for
// connections.
func (s *Service) DescribeConnectionLoa(ctx context.Context, caller dx.Caller, in *DescribeLoaInput) (*ConnectionLoaOutput, error) {
	if !strings.HasPrefix(in.ConnectionID, dx.ConnectionPrefix) {
		return nil, dx.Errorf("connectionId %q must be a connection ID (dxcon-xxxx); use DescribeLoa for LAGs", in.ConnectionID)
	}
	l, err := s.DescribeLoa(ctx, caller, in)
	if err != nil {
		return nil, err
	}
	return &ConnectionLoaOutput{Loa: *l}, nil
}
