package cloudwatch

import (
	"encoding/xml"
	"sort"

	"github.com/dxsim/dxsim/dx"
)

// Inputs and outputs of the CloudWatch operations. Field names and json
// tags are the members of CloudWatch's service model, so that any of its
// protocols fills them; query tags are the AWS Query parameters (lists
// flattened as Name.member.N) and xml tags the Query answer's elements.

// Dimension is a name/value pair of a metric's identity.
type Dimension struct {
	Name  string `json:"Name" query:"Name" xml:"Name"`
	Value string `json:"Value" query:"Value" xml:"Value"`
}

// DimensionFilter selects metrics by a dimension's name and, if given,
// its value.
type DimensionFilter struct {
	Name  string  `json:"Name" query:"Name"`
	Value *string `json:"Value,omitempty" query:"Value"`
}

// Metric is a metric's identity.
type Metric struct {
	Namespace  string      `json:"Namespace,omitempty" query:"Namespace" xml:"Namespace,omitempty"`
	MetricName string      `json:"MetricName,omitempty" query:"MetricName" xml:"MetricName,omitempty"`
	Dimensions []Dimension `json:"Dimensions,omitempty" query:"Dimensions.member" xml:"Dimensions>member,omitempty"`
}

// Tag is a tag of an alarm.
type Tag struct {
	Key   string `json:"Key" query:"Key" xml:"Key"`
	Value string `json:"Value" query:"Value" xml:"Value"`
}

type ListMetricsInput struct {
	Namespace             string            `json:"Namespace,omitempty" query:"Namespace"`
	MetricName            string            `json:"MetricName,omitempty" query:"MetricName"`
	Dimensions            []DimensionFilter `json:"Dimensions,omitempty" query:"Dimensions.member"`
	NextToken             string            `json:"NextToken,omitempty" query:"NextToken"`
	RecentlyActive        string            `json:"RecentlyActive,omitempty" query:"RecentlyActive"`
	IncludeLinkedAccounts *bool             `json:"IncludeLinkedAccounts,omitempty" query:"IncludeLinkedAccounts"`
	OwningAccount         string            `json:"OwningAccount,omitempty" query:"OwningAccount"`
}

type ListMetricsOutput struct {
	Metrics   []Metric `json:"Metrics" xml:"Metrics>member"`
	NextToken string   `json:"NextToken,omitempty" xml:"NextToken,omitempty"`
}

type GetMetricStatisticsInput struct {
	Namespace          string        `json:"Namespace" query:"Namespace"`
	MetricName         string        `json:"MetricName" query:"MetricName"`
	Dimensions         []Dimension   `json:"Dimensions,omitempty" query:"Dimensions.member"`
	StartTime          *dx.EpochTime `json:"StartTime" query:"StartTime"`
	EndTime            *dx.EpochTime `json:"EndTime" query:"EndTime"`
	Period             *int32        `json:"Period" query:"Period"`
	Statistics         []string      `json:"Statistics,omitempty" query:"Statistics.member"`
	ExtendedStatistics []string      `json:"ExtendedStatistics,omitempty" query:"ExtendedStatistics.member"`
	Unit               string        `json:"Unit,omitempty" query:"Unit"`
}

type GetMetricStatisticsOutput struct {
	Label      string      `json:"Label" xml:"Label"`
	Datapoints []Datapoint `json:"Datapoints" xml:"Datapoints>member"`
}

// Datapoint is the statistics of one period.
type Datapoint struct {
	Timestamp          dx.EpochTime `json:"Timestamp" xml:"Timestamp"`
	SampleCount        *float64     `json:"SampleCount,omitempty" xml:"SampleCount,omitempty"`
	Average            *float64     `json:"Average,omitempty" xml:"Average,omitempty"`
	Sum                *float64     `json:"Sum,omitempty" xml:"Sum,omitempty"`
	Minimum            *float64     `json:"Minimum,omitempty" xml:"Minimum,omitempty"`
	Maximum            *float64     `json:"Maximum,omitempty" xml:"Maximum,omitempty"`
	Unit               string       `json:"Unit,omitempty" xml:"Unit,omitempty"`
	ExtendedStatistics ValueMap     `json:"ExtendedStatistics,omitempty" xml:"ExtendedStatistics,omitempty"`
}

// ValueMap is a map of statistics to values (DatapointValueMap), written
// in Query XML as <entry><key/><value/></entry> elements.
type ValueMap map[string]float64

// MarshalXML writes the map's entries in key order.
func (m ValueMap) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	type entry struct {
		Key   string  `xml:"key"`
		Value float64 `xml:"value"`
	}
	entries := struct {
		Entries []entry `xml:"entry"`
	}{}
	for _, k := range keys {
		entries.Entries = append(entries.Entries, entry{k, m[k]})
	}
	return e.EncodeElement(entries, start)
}

// MetricStat is a metric, a period and a statistic.
type MetricStat struct {
	Metric *Metric `json:"Metric" query:"Metric"`
	Period *int32  `json:"Period" query:"Period"`
	Stat   string  `json:"Stat" query:"Stat"`
	Unit   string  `json:"Unit,omitempty" query:"Unit"`
}

// MetricDataQuery is one query of GetMetricData.
type MetricDataQuery struct {
	Id         string      `json:"Id" query:"Id"`
	MetricStat *MetricStat `json:"MetricStat,omitempty" query:"MetricStat"`
	Expression string      `json:"Expression,omitempty" query:"Expression"`
	Label      string      `json:"Label,omitempty" query:"Label"`
	ReturnData *bool       `json:"ReturnData,omitempty" query:"ReturnData"`
	Period     *int32      `json:"Period,omitempty" query:"Period"`
	AccountId  string      `json:"AccountId,omitempty" query:"AccountId"`
}

// LabelOptions are GetMetricData's label options (its time zone).
type LabelOptions struct {
	Timezone string `json:"Timezone,omitempty" query:"Timezone"`
}

type GetMetricDataInput struct {
	MetricDataQueries []MetricDataQuery `json:"MetricDataQueries" query:"MetricDataQueries.member"`
	StartTime         *dx.EpochTime     `json:"StartTime" query:"StartTime"`
	EndTime           *dx.EpochTime     `json:"EndTime" query:"EndTime"`
	NextToken         string            `json:"NextToken,omitempty" query:"NextToken"`
	ScanBy            string            `json:"ScanBy,omitempty" query:"ScanBy"`
	MaxDatapoints     *int32            `json:"MaxDatapoints,omitempty" query:"MaxDatapoints"`
	LabelOptions      *LabelOptions     `json:"LabelOptions,omitempty" query:"LabelOptions"`
}

// MessageData is a message of a GetMetricData answer.
type MessageData struct {
	Code  string `json:"Code,omitempty" xml:"Code,omitempty"`
	Value string `json:"Value,omitempty" xml:"Value,omitempty"`
}

// MetricDataResult is the answer of one query.
type MetricDataResult struct {
	Id         string         `json:"Id" xml:"Id"`
	Label      string         `json:"Label" xml:"Label"`
	Timestamps []dx.EpochTime `json:"Timestamps" xml:"Timestamps>member"`
	Values     []float64      `json:"Values" xml:"Values>member"`
	StatusCode string         `json:"StatusCode" xml:"StatusCode"`
	Messages   []MessageData  `json:"Messages,omitempty" xml:"Messages>member,omitempty"`
}

type GetMetricDataOutput struct {
	MetricDataResults []MetricDataResult `json:"MetricDataResults" xml:"MetricDataResults>member"`
	NextToken         string             `json:"NextToken,omitempty" xml:"NextToken,omitempty"`
	Messages          []MessageData      `json:"Messages,omitempty" xml:"Messages>member,omitempty"`
}

type PutMetricAlarmInput struct {
	AlarmName                        string            `json:"AlarmName" query:"AlarmName"`
	AlarmDescription                 *string           `json:"AlarmDescription,omitempty" query:"AlarmDescription"`
	ActionsEnabled                   *bool             `json:"ActionsEnabled,omitempty" query:"ActionsEnabled"`
	OKActions                        []string          `json:"OKActions,omitempty" query:"OKActions.member"`
	AlarmActions                     []string          `json:"AlarmActions,omitempty" query:"AlarmActions.member"`
	InsufficientDataActions          []string          `json:"InsufficientDataActions,omitempty" query:"InsufficientDataActions.member"`
	MetricName                       string            `json:"MetricName,omitempty" query:"MetricName"`
	Namespace                        string            `json:"Namespace,omitempty" query:"Namespace"`
	Statistic                        string            `json:"Statistic,omitempty" query:"Statistic"`
	ExtendedStatistic                string            `json:"ExtendedStatistic,omitempty" query:"ExtendedStatistic"`
	Dimensions                       []Dimension       `json:"Dimensions,omitempty" query:"Dimensions.member"`
	Period                           *int32            `json:"Period,omitempty" query:"Period"`
	Unit                             string            `json:"Unit,omitempty" query:"Unit"`
	EvaluationPeriods                *int32            `json:"EvaluationPeriods,omitempty" query:"EvaluationPeriods"`
	DatapointsToAlarm                *int32            `json:"DatapointsToAlarm,omitempty" query:"DatapointsToAlarm"`
	Threshold                        *float64          `json:"Threshold,omitempty" query:"Threshold"`
	ComparisonOperator               string            `json:"ComparisonOperator,omitempty" query:"ComparisonOperator"`
	TreatMissingData                 string            `json:"TreatMissingData,omitempty" query:"TreatMissingData"`
	EvaluateLowSampleCountPercentile string            `json:"EvaluateLowSampleCountPercentile,omitempty" query:"EvaluateLowSampleCountPercentile"`
	Metrics                          []MetricDataQuery `json:"Metrics,omitempty" query:"Metrics.member"`
	Tags                             []Tag             `json:"Tags,omitempty" query:"Tags.member"`
	ThresholdMetricId                string            `json:"ThresholdMetricId,omitempty" query:"ThresholdMetricId"`
	EvaluationInterval               *int32            `json:"EvaluationInterval,omitempty" query:"EvaluationInterval"`
}

// Empty is the answer of operations that answer nothing.
type Empty struct{}

// MetricAlarm is an alarm as DescribeAlarms answers it.
type MetricAlarm struct {
	AlarmName                          string       `json:"AlarmName" xml:"AlarmName"`
	AlarmArn                           string       `json:"AlarmArn" xml:"AlarmArn"`
	AlarmDescription                   string       `json:"AlarmDescription,omitempty" xml:"AlarmDescription,omitempty"`
	AlarmConfigurationUpdatedTimestamp dx.EpochTime `json:"AlarmConfigurationUpdatedTimestamp" xml:"AlarmConfigurationUpdatedTimestamp"`
	ActionsEnabled                     bool         `json:"ActionsEnabled" xml:"ActionsEnabled"`
	OKActions                          []string     `json:"OKActions" xml:"OKActions>member"`
	AlarmActions                       []string     `json:"AlarmActions" xml:"AlarmActions>member"`
	InsufficientDataActions            []string     `json:"InsufficientDataActions" xml:"InsufficientDataActions>member"`
	StateValue                         string       `json:"StateValue" xml:"StateValue"`
	StateReason                        string       `json:"StateReason" xml:"StateReason"`
	StateReasonData                    string       `json:"StateReasonData,omitempty" xml:"StateReasonData,omitempty"`
	StateUpdatedTimestamp              dx.EpochTime `json:"StateUpdatedTimestamp" xml:"StateUpdatedTimestamp"`
	StateTransitionedTimestamp         dx.EpochTime `json:"StateTransitionedTimestamp" xml:"StateTransitionedTimestamp"`
	MetricName                         string       `json:"MetricName" xml:"MetricName"`
	Namespace                          string       `json:"Namespace" xml:"Namespace"`
	Statistic                          string       `json:"Statistic,omitempty" xml:"Statistic,omitempty"`
	ExtendedStatistic                  string       `json:"ExtendedStatistic,omitempty" xml:"ExtendedStatistic,omitempty"`
	Dimensions                         []Dimension  `json:"Dimensions" xml:"Dimensions>member"`
	Period                             int32        `json:"Period" xml:"Period"`
	Unit                               string       `json:"Unit,omitempty" xml:"Unit,omitempty"`
	EvaluationPeriods                  int32        `json:"EvaluationPeriods" xml:"EvaluationPeriods"`
	DatapointsToAlarm                  int32        `json:"DatapointsToAlarm,omitempty" xml:"DatapointsToAlarm,omitempty"`
	Threshold                          float64      `json:"Threshold" xml:"Threshold"`
	ComparisonOperator                 string       `json:"ComparisonOperator" xml:"ComparisonOperator"`
	TreatMissingData                   string       `json:"TreatMissingData,omitempty" xml:"TreatMissingData,omitempty"`
	EvaluateLowSampleCountPercentile   string       `json:"EvaluateLowSampleCountPercentile,omitempty" xml:"EvaluateLowSampleCountPercentile,omitempty"`
}

type DescribeAlarmsInput struct {
	AlarmNames          []string `json:"AlarmNames,omitempty" query:"AlarmNames.member"`
	AlarmNamePrefix     string   `json:"AlarmNamePrefix,omitempty" query:"AlarmNamePrefix"`
	AlarmTypes          []string `json:"AlarmTypes,omitempty" query:"AlarmTypes.member"`
	ChildrenOfAlarmName string   `json:"ChildrenOfAlarmName,omitempty" query:"ChildrenOfAlarmName"`
	ParentsOfAlarmName  string   `json:"ParentsOfAlarmName,omitempty" query:"ParentsOfAlarmName"`
	StateValue          string   `json:"StateValue,omitempty" query:"StateValue"`
	ActionPrefix        string   `json:"ActionPrefix,omitempty" query:"ActionPrefix"`
	MaxRecords          *int32   `json:"MaxRecords,omitempty" query:"MaxRecords"`
	NextToken           string   `json:"NextToken,omitempty" query:"NextToken"`
}

// CompositeAlarm is never answered: dxsim serves metric alarms only.
type CompositeAlarm struct{}

type DescribeAlarmsOutput struct {
	CompositeAlarms []CompositeAlarm `json:"CompositeAlarms" xml:"CompositeAlarms>member"`
	MetricAlarms    []MetricAlarm    `json:"MetricAlarms" xml:"MetricAlarms>member"`
	NextToken       string           `json:"NextToken,omitempty" xml:"NextToken,omitempty"`
}

type DescribeAlarmsForMetricInput struct {
	MetricName        string      `json:"MetricName" query:"MetricName"`
	Namespace         string      `json:"Namespace" query:"Namespace"`
	Statistic         string      `json:"Statistic,omitempty" query:"Statistic"`
	ExtendedStatistic string      `json:"ExtendedStatistic,omitempty" query:"ExtendedStatistic"`
	Dimensions        []Dimension `json:"Dimensions,omitempty" query:"Dimensions.member"`
	Period            *int32      `json:"Period,omitempty" query:"Period"`
	Unit              string      `json:"Unit,omitempty" query:"Unit"`
}

type DescribeAlarmsForMetricOutput struct {
	MetricAlarms []MetricAlarm `json:"MetricAlarms" xml:"MetricAlarms>member"`
}

// AlarmNamesInput names alarms (DeleteAlarms, EnableAlarmActions,
// DisableAlarmActions).
type AlarmNamesInput struct {
	AlarmNames []string `json:"AlarmNames" query:"AlarmNames.member"`
}

type DescribeAlarmHistoryInput struct {
	AlarmName          string        `json:"AlarmName,omitempty" query:"AlarmName"`
	AlarmContributorId string        `json:"AlarmContributorId,omitempty" query:"AlarmContributorId"`
	AlarmTypes         []string      `json:"AlarmTypes,omitempty" query:"AlarmTypes.member"`
	HistoryItemType    string        `json:"HistoryItemType,omitempty" query:"HistoryItemType"`
	StartDate          *dx.EpochTime `json:"StartDate,omitempty" query:"StartDate"`
	EndDate            *dx.EpochTime `json:"EndDate,omitempty" query:"EndDate"`
	MaxRecords         *int32        `json:"MaxRecords,omitempty" query:"MaxRecords"`
	NextToken          string        `json:"NextToken,omitempty" query:"NextToken"`
	ScanBy             string        `json:"ScanBy,omitempty" query:"ScanBy"`
}

// AlarmHistoryItem is one entry of an alarm's history.
type AlarmHistoryItem struct {
	AlarmName       string       `json:"AlarmName" xml:"AlarmName"`
	AlarmType       string       `json:"AlarmType" xml:"AlarmType"`
	Timestamp       dx.EpochTime `json:"Timestamp" xml:"Timestamp"`
	HistoryItemType string       `json:"HistoryItemType" xml:"HistoryItemType"`
	HistorySummary  string       `json:"HistorySummary" xml:"HistorySummary"`
	HistoryData     string       `json:"HistoryData" xml:"HistoryData"`
}

type DescribeAlarmHistoryOutput struct {
	AlarmHistoryItems []AlarmHistoryItem `json:"AlarmHistoryItems" xml:"AlarmHistoryItems>member"`
	NextToken         string             `json:"NextToken,omitempty" xml:"NextToken,omitempty"`
}

type SetAlarmStateInput struct {
	AlarmName       string `json:"AlarmName" query:"AlarmName"`
	StateValue      string `json:"StateValue" query:"StateValue"`
	StateReason     string `json:"StateReason" query:"StateReason"`
	StateReasonData string `json:"StateReasonData,omitempty" query:"StateReasonData"`
}

type TagResourceInput struct {
	ResourceARN string `json:"ResourceARN" query:"ResourceARN"`
	Tags        []Tag  `json:"Tags" query:"Tags.member"`
}

type UntagResourceInput struct {
	ResourceARN string   `json:"ResourceARN" query:"ResourceARN"`
	TagKeys     []string `json:"TagKeys" query:"TagKeys.member"`
}

type ListTagsForResourceInput struct {
	ResourceARN string `json:"ResourceARN" query:"ResourceARN"`
}

type ListTagsForResourceOutput struct {
	Tags []Tag `json:"Tags" xml:"Tags>member"`
}
