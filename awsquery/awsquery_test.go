package awsquery

import (
	"errors"
	"net/url"
	"testing"
	"time"
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

func TestDecodeFloatsAndTimestamps(t *testing.T) {
	var in struct {
		Threshold *float64   `query:"Threshold"`
		Start     *time.Time `query:"StartTime"`
		End       *time.Time `query:"EndTime"`
		Missing   *time.Time `query:"Missing"`
		Names     []string   `query:"AlarmNames.member"`
	}
	form, _ := url.ParseQuery("Threshold=1.5&StartTime=2027-01-02T03:04:05.250Z&EndTime=2027-01-02T04:00:00&AlarmNames.member.1=a&AlarmNames.member.2=b")
	if err := Decode(form, &in); err != nil {
		t.Fatal(err)
	}
	if *in.Threshold != 1.5 || !in.Start.Equal(time.Date(2027, 1, 2, 3, 4, 5, 250e6, time.UTC)) || !in.End.Equal(time.Date(2027, 1, 2, 4, 0, 0, 0, time.UTC)) || in.Missing != nil {
		t.Errorf("decoded %v %v %v %v", *in.Threshold, in.Start, in.End, in.Missing)
	}
	if len(in.Names) != 2 || in.Names[1] != "b" {
		t.Errorf("names %v", in.Names)
	}
	for _, bad := range []string{"Threshold=NaN", "Threshold=x", "StartTime=yesterday"} {
		form, _ := url.ParseQuery(bad)
		if err := Decode(form, &in); err == nil {
			t.Errorf("%s decoded", bad)
		}
	}
}
