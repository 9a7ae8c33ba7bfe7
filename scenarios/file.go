package scenarios

import "gopkg.in/yaml.v3"

// The file structs below mirror the scenario file. Every field holds either a nested file
// struct (a mapping), a slice of them (a list), or a wrapper that keeps the YAML node of a
// value so that conversion can parse it with its units and report its position. The yaml
// tags are the scenario-file vocabulary, the same as the Field paths of model.Problem.

// shape is the YAML node kinds a wrapper accepts.
type shape uint8

const (
	scalarShape      shape = iota // a single value
	listShape                     // a single value or a list of single values
	mappingShape                  // a mapping of single values
	numberOrMapShape              // a single value or a mapping of single values
)

// value keeps the YAML node of one field; node is nil when the field was not given (or was
// given as null). It is the only type with an UnmarshalYAML method: strictness of mappings is
// checked by the schema walk (see check.go), which a custom unmarshaler on a mapping type would
// bypass.
type value struct{ node *yaml.Node }

// UnmarshalYAML keeps the node for conversion.
func (v *value) UnmarshalYAML(n *yaml.Node) error {
	v.node = n
	return nil
}

// shape returns scalarShape; wrappers of lists and mappings override it.
func (value) shape() shape { return scalarShape }

// The wrappers, by what they hold.
type (
	// number is a real number.
	number struct{ value }
	// count is a whole number.
	count struct{ value }
	// text is a string.
	text struct{ value }
	// date is a calendar date, 2026-04-01.
	date struct{ value }
	// days is a duration in days, or a number with a unit ("8 months").
	days struct{ value }
	// gbp is a sum of pounds, or an amount such as "£1.1m".
	gbp struct{ value }
	// boolean is true or false.
	boolean struct{ value }
	// band is an age range, 12-17 or 16.
	band struct{ value }
	// names is one name or a list of names (needs, provision kinds).
	names struct{ value }
	// shares is a mapping from names (needs, exit routes, numbers of places) to numbers.
	shares struct{ value }
	// perNeed is one number for every need, or a mapping from needs to numbers.
	perNeed struct{ value }
)

func (names) shape() shape   { return listShape }
func (shares) shape() shape  { return mappingShape }
func (perNeed) shape() shape { return numberOrMapShape }

// fileScenario is a whole scenario file.
type fileScenario struct {
	Name             text               `yaml:"name"`
	Description      text               `yaml:"description"`
	Extends          text               `yaml:"extends"` // resolved by the loader before decoding
	Size             fileSize           `yaml:"size"`    // applied by the loader to the scenario extended (loader.sized)
	Start            date               `yaml:"start"`
	Years            count              `yaml:"years"`
	WarmupYears      count              `yaml:"warmup_years"`
	ChildPopulation  count              `yaml:"child_population"`
	Entries          fileEntries        `yaml:"entries"`
	UASC             fileUASC           `yaml:"uasc"`
	Stock            []fileStock        `yaml:"stock"`
	Stays            []fileStay         `yaml:"stays"`
	StockStays       []fileStockStay    `yaml:"stock_stays"`
	StayingPut       fileStayingPut     `yaml:"staying_put"`
	CareLeavers      fileCareLeavers    `yaml:"care_leavers"`
	Kinds            []fileKind         `yaml:"kinds"`
	Ladders          []fileLadder       `yaml:"ladders"`
	TryFirst         []fileTryFirst     `yaml:"try_first"`
	Emergency        fileEmergency      `yaml:"emergency"`
	StepDown         fileStepDown       `yaml:"step_down"`
	EscalationShare  number             `yaml:"escalation_share"`
	EscalationByAge  []fileEscalation   `yaml:"escalation_by_age"`
	PricesAt         date               `yaml:"prices_at"`
	InflationPerYear number             `yaml:"inflation_per_year"`
	Interventions    []fileIntervention `yaml:"interventions"`
}

type fileEscalation struct {
	Ages  band   `yaml:"ages"`
	Share number `yaml:"share"`
}

type fileEntries struct {
	PerYear      number         `yaml:"per_year"`
	TrendPerYear number         `yaml:"trend_per_year"`
	Seasonality  []number       `yaml:"seasonality"`
	Siblings     fileSiblings   `yaml:"siblings"`
	Ages         []fileAgeShare `yaml:"ages"`
}

type fileSiblings struct {
	Share         number `yaml:"share"`
	MeanGroupSize number `yaml:"mean_group_size"`
}

type fileAgeShare struct {
	Ages      band   `yaml:"ages"`
	Share     number `yaml:"share"`
	Needs     shares `yaml:"needs"`
	MaleShare number `yaml:"male_share"`
}

type fileUASC struct {
	PerYear                number         `yaml:"per_year"`
	TransferThresholdShare number         `yaml:"transfer_threshold_share"`
	GrantPerNightGBP       gbp            `yaml:"grant_per_night_gbp"`
	LeavingCareGrantGBP    gbp            `yaml:"leaving_care_grant_per_week_gbp"`
	Ages                   []fileAgeShare `yaml:"ages"`
}

type fileStock struct {
	Kind       text    `yaml:"kind"`
	Ages       band    `yaml:"ages"`
	Count      count   `yaml:"count"`
	Needs      shares  `yaml:"needs"`
	MaleShare  number  `yaml:"male_share"`
	UASC       boolean `yaml:"uasc"`
	HomesShare number  `yaml:"homes_share"`
}

type fileSelector struct {
	Ages  band  `yaml:"ages"`
	Needs names `yaml:"needs"`
	UASC  text  `yaml:"uasc"`
}

type fileStay struct {
	Who   fileSelector `yaml:"who"`
	Stay  fileDist     `yaml:"stay"`
	Exits shares       `yaml:"exits"`
}

// fileStockStay is a stay rule of stock_stays: a rule of stays that may also select the
// children placed in some kinds.
type fileStockStay struct {
	Who   fileSelector `yaml:"who"`
	Kinds names        `yaml:"kinds"`
	Stay  fileDist     `yaml:"stay"`
	Exits shares       `yaml:"exits"`
}

type fileDist struct {
	Distribution text      `yaml:"distribution"`
	MeanDays     days      `yaml:"mean_days"`
	Shape        number    `yaml:"shape"`
	Sigma        number    `yaml:"sigma"`
	Table        []fileBin `yaml:"table"`
}

type fileBin struct {
	UpToDays days   `yaml:"up_to_days"`
	Share    number `yaml:"share"`
}

type fileStayingPut struct {
	Share     number   `yaml:"share"`
	Stock     count    `yaml:"stock"`
	Stay      fileDist `yaml:"stay"`
	WeeklyGBP gbp      `yaml:"weekly_gbp"`
}

type fileCareLeavers struct {
	Share     number   `yaml:"share"`
	Places    count    `yaml:"places"`
	Stock     count    `yaml:"stock"`
	Stay      fileDist `yaml:"stay"`
	WeeklyGBP gbp      `yaml:"weekly_gbp"`
}

type fileKind struct {
	Name             text         `yaml:"name"`
	Label            text         `yaml:"label"`
	Category         text         `yaml:"category"`
	Supply           text         `yaml:"supply"`
	Accepts          fileSelector `yaml:"accepts"`
	WeeklyGBP        perNeed      `yaml:"weekly_gbp"`
	BreakdownPerYear perNeed      `yaml:"breakdown_per_year"`
	UnavailableShare perNeed      `yaml:"unavailable_share"`
	// StepDownReadyShare is a residential kind's own step_down.ready_share.
	StepDownReadyShare perNeed     `yaml:"step_down_ready_share"`
	CapacityPlaces     count       `yaml:"capacity_places"`
	LocalShare         number      `yaml:"local_share"`
	Carers             *fileCarers `yaml:"carers"`
	Homes              []fileHome  `yaml:"homes"`
	// ReplaceHomes makes Homes the kind's homes alone, in place of the homes of the
	// scenario the file extends (merged with them by name otherwise): see loader.merge.
	ReplaceHomes boolean     `yaml:"replace_homes"`
	BlockBeds    []fileBlock `yaml:"block_beds"`
}

type fileCarers struct {
	Households                        count          `yaml:"households"`
	PlacesMix                         shares         `yaml:"places_mix"`
	Approvals                         []fileApproval `yaml:"approvals"`
	SiblingOnlyShare                  number         `yaml:"sibling_only_share"`
	Ages                              []fileCarerAge `yaml:"ages"`
	NewCarerAges                      []fileCarerAge `yaml:"new_carer_ages"`
	ApprovalsPerYear                  number         `yaml:"approvals_per_year"`
	AssessmentDays                    days           `yaml:"assessment_days"`
	DeregistrationPerYear             number         `yaml:"deregistration_per_year"`
	Retirement                        fileRetirement `yaml:"retirement"`
	WindDownDays                      days           `yaml:"wind_down_days"`
	SupportCostPerHouseholdPerYearGBP gbp            `yaml:"support_cost_per_household_per_year_gbp"`
	RecruitmentCostPerApprovalGBP     gbp            `yaml:"recruitment_cost_per_approval_gbp"`
}

type fileApproval struct {
	Ages  band   `yaml:"ages"`
	Share number `yaml:"share"`
}

type fileCarerAge struct {
	Ages  band   `yaml:"ages"`
	Share number `yaml:"share"`
}

type fileRetirement struct {
	FromAge              number `yaml:"from_age"`
	PerYear              number `yaml:"per_year"`
	IncreasePerYearOfAge number `yaml:"increase_per_year_of_age"`
}

type fileHome struct {
	Name                text    `yaml:"name"`
	Beds                count   `yaml:"beds"`
	Local               boolean `yaml:"local"`
	FixedCostPerYearGBP gbp     `yaml:"fixed_cost_per_year_gbp"`
}

type fileBlock struct {
	Beds                 count   `yaml:"beds"`
	Local                boolean `yaml:"local"`
	CostPerBedPerYearGBP gbp     `yaml:"cost_per_bed_per_year_gbp"`
}

type fileLadder struct {
	Who    fileSelector `yaml:"who"`
	Try    names        `yaml:"try"`
	Shares []number     `yaml:"shares"`
}

// fileTryFirst gives the kinds the children it selects try before their ladder's rungs
// (model.TryFirst).
type fileTryFirst struct {
	Who fileSelector `yaml:"who"`
	Try names        `yaml:"try"`
}

type fileEmergency struct {
	WeeklyGBP gbp  `yaml:"weekly_gbp"`
	RetryDays days `yaml:"retry_days"`
}

type fileStepDown struct {
	ReviewDays days    `yaml:"review_days"`
	ReadyShare perNeed `yaml:"ready_share"`
	Try        names   `yaml:"try"`
	EaseShare  number  `yaml:"ease_share"`
	// FirstYearBreakdownPerYear: model.StepDown.FirstYearBreakdownPerYear.
	FirstYearBreakdownPerYear number `yaml:"first_year_breakdown_per_year"`
}

type fileIntervention struct {
	Action              text    `yaml:"action"`
	Label               text    `yaml:"label"`
	Baseline            boolean `yaml:"baseline"`
	From                date    `yaml:"from"`
	To                  date    `yaml:"to"`
	Kind                text    `yaml:"kind"`
	PerYear             number  `yaml:"per_year"`
	Count               count   `yaml:"count"`
	Factor              number  `yaml:"factor"`
	RetentionFactor     number  `yaml:"retention_factor"`
	WeeklyGBP           gbp     `yaml:"weekly_gbp"`
	FixedCostPerYearGBP gbp     `yaml:"fixed_cost_per_year_gbp"`
	RecruitmentCostGBP  gbp     `yaml:"recruitment_cost_gbp"`
	LeadTimeDays        days    `yaml:"lead_time_days"`
	Local               boolean `yaml:"local"`
	Name                text    `yaml:"name"`
	Rate                number  `yaml:"rate"`
	// FirstYearBreakdownPerYear: model.Intervention.StepDownBreakdownPerYear.
	FirstYearBreakdownPerYear number        `yaml:"first_year_breakdown_per_year"`
	Who                       *fileSelector `yaml:"who"`
	Cost                      fileCost      `yaml:"cost"`
}

type fileCost struct {
	OneOffGBP        gbp    `yaml:"one_off_gbp"`
	OneOffOn         date   `yaml:"one_off_on"`
	PerYearGBP       gbp    `yaml:"per_year_gbp"`
	PerYearFrom      date   `yaml:"per_year_from"`
	PerYearTo        date   `yaml:"per_year_to"`
	PerUnitGBP       gbp    `yaml:"per_unit_gbp"`
	UnitsPerYear     number `yaml:"units_per_year"`
	InflationPerYear number `yaml:"inflation_per_year"`
}
