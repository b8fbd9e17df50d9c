package model

import (
	"math/big"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/document"
)

// sdkOnlyMembers are members the aws-sdk-go-v2 client knows and the model
// here leaves out, because dxsim does not serve them: Cloud WAN prefix
// pools and the billing modes a location offers. A new client that adds members
// fails TestModelMatchesTheSDKClient until they are added to supplement.json
// or here.
var sdkOnlyMembers = map[string]bool{
	"Connection.prefixPoolSizeIpv4":                                        true,
	"Connection.prefixPoolSizeIpv6":                                        true,
	"Connection.prefixPoolUnallocatedCountIpv4":                            true,
	"Connection.prefixPoolUnallocatedCountIpv6":                            true,
	"Lag.prefixPoolSizeIpv4":                                               true,
	"Lag.prefixPoolSizeIpv6":                                               true,
	"Lag.prefixPoolUnallocatedCountIpv4":                                   true,
	"Lag.prefixPoolUnallocatedCountIpv6":                                   true,
	"DirectConnectGateway.totalPrefixPoolAllocations":                      true,
	"NewPrivateVirtualInterface.prefixPoolAllocatedCountIpv4":              true,
	"NewPrivateVirtualInterface.prefixPoolAllocatedCountIpv6":              true,
	"NewTransitVirtualInterface.prefixPoolAllocatedCountIpv4":              true,
	"NewTransitVirtualInterface.prefixPoolAllocatedCountIpv6":              true,
	"UpdateVirtualInterfaceAttributesRequest.prefixPoolAllocatedCountIpv4": true,
	"UpdateVirtualInterfaceAttributesRequest.prefixPoolAllocatedCountIpv6": true,
	"VirtualInterface.prefixPoolAllocatedCountIpv4":                        true,
	"VirtualInterface.prefixPoolAllocatedCountIpv6":                        true,
	"Location.availableBillingModes":                                       true,
}

// TestModelMatchesTheSDKClient compares the merged model with the schemas
// of the aws-sdk-go-v2 Direct Connect client that go.mod names: every
// operation of the client is in the model, and each input and output
// shape has the client's members, with the same types, at every depth,
// except the members listed in sdkOnlyMembers. This keeps supplement.json
// true to its source.
func TestModelMatchesTheSDKClient(t *testing.T) {
	m := Load()
	client := reflect.TypeFor[*directconnect.Client]()
	seen := map[string]bool{}
	for i := range client.NumMethod() {
		meth := client.Method(i)
		if meth.Name == "Options" {
			continue
		}
		seen[meth.Name] = true
		o := m.Operations[meth.Name]
		if o == nil {
			t.Errorf("the client's operation %s is not in the model", meth.Name)
			continue
		}
		c := sdkComparison{t: t, seen: map[*Shape]bool{}}
		c.compare(sdkRoot(t, meth.Type.In(2)), o.Input, meth.Name+" input")
		c.compare(sdkRoot(t, meth.Type.Out(0)), o.Output, meth.Name+" output")
	}
	for name := range m.Operations {
		if !seen[name] {
			t.Errorf("the model's operation %s is not one of the client's", name)
		}
	}
	if len(seen) < 70 {
		t.Errorf("compared %d operations of the client; it has 73", len(seen))
	}
}

// sdkRoot is the schema that the client's input or output type t
// serializes as; nil for one without members.
func sdkRoot(t *testing.T, typ reflect.Type) *smithy.Schema {
	t.Helper()
	v, ok := reflect.New(typ.Elem()).Interface().(interface{ Serialize(smithy.ShapeSerializer) })
	if !ok {
		t.Fatalf("%s has no Serialize method", typ)
	}
	r := &rootRecorder{}
	v.Serialize(r)
	return r.root
}

type sdkComparison struct {
	t    *testing.T
	seen map[*Shape]bool
}

var sdkTypes = map[smithy.ShapeType]string{
	smithy.ShapeTypeBlob: Blob, smithy.ShapeTypeBoolean: Boolean, smithy.ShapeTypeString: String,
	smithy.ShapeTypeEnum: String, smithy.ShapeTypeTimestamp: Timestamp, smithy.ShapeTypeInteger: Integer,
	smithy.ShapeTypeIntEnum: Integer, smithy.ShapeTypeLong: Long, smithy.ShapeTypeFloat: Float,
	smithy.ShapeTypeDouble: Double, smithy.ShapeTypeList: List, smithy.ShapeTypeMap: Map,
	smithy.ShapeTypeStructure: Structure,
}

func (c *sdkComparison) compare(sdk *smithy.Schema, s *Shape, path string) {
	if sdk == nil {
		if len(s.Members) != 0 {
			c.t.Errorf("%s: the client sends no members; the model's %s has %d", path, s.Name, len(s.Members))
		}
		return
	}
	if want := sdkTypes[sdk.Type()]; want != s.Type {
		c.t.Errorf("%s: the client's shape is a %s, the model's %s a %s", path, want, s.Name, s.Type)
		return
	}
	if c.seen[s] {
		return
	}
	c.seen[s] = true
	switch s.Type {
	case Structure:
		names := make([]string, 0, len(sdk.Members()))
		for n := range sdk.Members() {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			mb := s.MemberNamed(n)
			if mb == nil {
				if !sdkOnlyMembers[s.Name+"."+n] {
					c.t.Errorf("%s: the client's member %s is not in the model's %s", path, n, s.Name)
				}
				continue
			}
			c.compare(sdk.Member(n), mb.Shape, path+"."+n)
		}
		for _, mb := range s.Members {
			if sdk.Member(mb.Name) == nil {
				c.t.Errorf("%s: the model's member %s.%s is not the client's", path, s.Name, mb.Name)
			}
		}
	case List:
		c.compare(sdk.ListMember(), s.Member, path+".member")
	case Map:
		c.compare(sdk.MapValue(), s.Value, path+".value")
	}
}

// rootRecorder is a smithy.ShapeSerializer that records the first
// structure written, the root schema of a serialized value, and ignores
// the rest.
type rootRecorder struct{ root *smithy.Schema }

func (r *rootRecorder) WriteStruct(s *smithy.Schema) {
	if r.root == nil {
		r.root = s
	}
}
func (r *rootRecorder) Bytes() []byte                                { return nil }
func (r *rootRecorder) WriteInt8(*smithy.Schema, int8)               {}
func (r *rootRecorder) WriteInt16(*smithy.Schema, int16)             {}
func (r *rootRecorder) WriteInt32(*smithy.Schema, int32)             {}
func (r *rootRecorder) WriteInt64(*smithy.Schema, int64)             {}
func (r *rootRecorder) WriteFloat32(*smithy.Schema, float32)         {}
func (r *rootRecorder) WriteFloat64(*smithy.Schema, float64)         {}
func (r *rootRecorder) WriteBool(*smithy.Schema, bool)               {}
func (r *rootRecorder) WriteString(*smithy.Schema, string)           {}
func (r *rootRecorder) WriteBigInt(*smithy.Schema, *big.Int)         {}
func (r *rootRecorder) WriteBigFloat(*smithy.Schema, *big.Float)     {}
func (r *rootRecorder) WriteBlob(*smithy.Schema, []byte)             {}
func (r *rootRecorder) WriteTime(*smithy.Schema, time.Time)          {}
func (r *rootRecorder) WriteUnion(_, _ *smithy.Schema)               {}
func (r *rootRecorder) CloseUnion()                                  {}
func (r *rootRecorder) WriteDocument(*smithy.Schema, document.Value) {}
func (r *rootRecorder) WriteNil(*smithy.Schema)                      {}
func (r *rootRecorder) CloseStruct()                                 {}
func (r *rootRecorder) WriteList(*smithy.Schema)                     {}
func (r *rootRecorder) CloseList()                                   {}
func (r *rootRecorder) WriteMap(*smithy.Schema)                      {}
func (r *rootRecorder) WriteKey(*smithy.Schema, string)              {}
func (r *rootRecorder) CloseMap()                                    {}

var _ smithy.ShapeSerializer = (*rootRecorder)(nil)
