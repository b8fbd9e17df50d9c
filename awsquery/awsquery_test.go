package awsquery

import (
	"errors"
	"net/url"
	"testing"
)

type filter struct {
	Name   string   `query:"Name"`
	Values []string `query:"Value"`
}

type options struct {
	Asn *int64 `query:"AmazonSideAsn"`
}

type input struct {
	IDs     []string `query:"VpcId"`
	Filters []filter `query:"Filter"`
	DryRun  *bool    `query:"DryRun"`
	Options *options `query:"Options"`
	Name    string   `query:"Name"`
}

func TestDecodeFlattensListsAndNestedStructures(t *testing.T) {
	form, _ := url.ParseQuery("VpcId.1=vpc-a&VpcId.2=vpc-b&VpcId.4=vpc-skipped&Filter.1.Name=state&Filter.1.Value.1=available&Filter.1.Value.2=pending&Filter.2.Name=tag:env&DryRun=false&Options.AmazonSideAsn=64513&Unknown=x")
	var in input
	if err := Decode(form, &in); err != nil {
		t.Fatal(err)
	}
	if len(in.IDs) != 2 || in.IDs[1] != "vpc-b" {
		t.Errorf("IDs = %v, want the items up to the first gap", in.IDs)
	}
	if len(in.Filters) != 2 || in.Filters[0].Name != "state" || len(in.Filters[0].Values) != 2 || in.Filters[1].Name != "tag:env" || in.Filters[1].Values != nil {
		t.Errorf("Filters = %+v", in.Filters)
	}
	if in.DryRun == nil || *in.DryRun {
		t.Errorf("DryRun = %v, want false", in.DryRun)
	}
	if in.Options == nil || in.Options.Asn == nil || *in.Options.Asn != 64513 {
		t.Errorf("Options = %+v", in.Options)
	}
}

func TestDecodeRefusesAMalformedScalar(t *testing.T) {
	form, _ := url.ParseQuery("Options.AmazonSideAsn=many")
	var in input
	var e *Error
	if err := Decode(form, &in); !errors.As(err, &e) || e.Param != "Options.AmazonSideAsn" {
		t.Fatalf("err = %v, want an Error naming Options.AmazonSideAsn", err)
	}
}

type page struct {
	MaxResults *int32 `query:"MaxResults"`
}

type embedding struct {
	page
	IDs []string `query:"Id"`
}

func TestDecodeTakesAnEmbeddedStructsParametersAsItsOwn(t *testing.T) {
	form, _ := url.ParseQuery("MaxResults=5&Id.1=a")
	var in embedding
	if err := Decode(form, &in); err != nil {
		t.Fatal(err)
	}
	if in.MaxResults == nil || *in.MaxResults != 5 || len(in.IDs) != 1 {
		t.Errorf("decoded %+v", in)
	}
}
