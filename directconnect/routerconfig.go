package directconnect

import (
	"context"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/routerconfig"
)

type DescribeRouterConfigurationInput struct {
	VirtualInterfaceID   string `json:"virtualInterfaceId" required:"true"`
	RouterTypeIdentifier string `json:"routerTypeIdentifier"`
}

type DescribeRouterConfigurationOutput struct {
	CustomerRouterConfig string         `json:"customerRouterConfig"`
	Router               *dx.RouterType `json:"router"`
	VirtualInterfaceID   string         `json:"virtualInterfaceId"`
	VirtualInterfaceName string         `json:"virtualInterfaceName"`
}

// DescribeRouterConfiguration renders the configuration of the customer's
// router for a virtual interface the caller can see, in the syntax of the
// router type asked for (the vendor-neutral text when none is).
func (s *Service) DescribeRouterConfiguration(ctx context.Context, caller dx.Caller, in *DescribeRouterConfigurationInput) (*DescribeRouterConfigurationOutput, error) {
	router, err := dx.LookupRouterType(in.RouterTypeIdentifier)
	if err != nil {
		return nil, err
	}
	var view dx.VirtualInterface
	err = s.View(ctx, func(tx *core.Txn) error {
		v, err := visibleVIF(tx, caller, in.VirtualInterfaceID)
		if err != nil {
			return err
		}
		view, err = s.world(tx).vifView(v)
		return err
	})
	if err != nil {
		return nil, err
	}
	text, err := routerconfig.Render(router, view)
	if err != nil {
		return nil, err
	}
	return &DescribeRouterConfigurationOutput{
		CustomerRouterConfig: text, Router: &router,
		VirtualInterfaceID: view.VirtualInterfaceID, VirtualInterfaceName: view.VirtualInterfaceName,
	}, nil
}
