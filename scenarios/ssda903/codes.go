package ssda903

import (
	"slices"
	"strings"

	"github.com/placesim/placesim/model"
)

// kind is one of the provision kinds of the base scenario that children are mapped to; its
// name is the kind's name in the scenario.
type kind uint8

// The kinds the mapping uses, named as in the built-in default scenario. specialistFoster and
// blockResidential are never read from a return (SSDA903 does not tell a "Level 6" carer from
// another in-house carer, or a block-booked bed from a spot-purchased one) but their rates
// are set alongside the kinds that are.
const (
	kinship kind = iota
	inhouseFoster
	specialistFoster
	ifa
	inhouseHome
	blockResidential
	externalResidential
	supportedAccommodation
	otherSettings
	numKinds
)

// KindNames are the names of the provision kinds the mapping places children in, as the base
// scenario must name them.
var KindNames = [numKinds]string{
	"kinship", "inhouse_foster", "specialist_foster", "ifa", "inhouse_home",
	"block_residential", "external_residential", "supported_accommodation", "other_settings",
}

func (k kind) String() string { return KindNames[k] }

// category is the kind's reporting group, as in the default scenario.
func (k kind) category() model.Category {
	switch k {
	case kinship, inhouseFoster, specialistFoster, ifa:
		return model.Foster
	case inhouseHome, blockResidential, externalResidential:
		return model.Residential
	case supportedAccommodation:
		return model.Supported
	}
	return model.OtherCategory
}

// noKind marks a temporary placement (T0-T4), which takes the kind of the placement the child
// is away from.
const noKind kind = 255

// placeCode is one PLACE code of the SSDA903 return and the kind it maps to.
type placeCode struct {
	code  string
	label string
	// own is the kind when the council itself provides the placement (PLACE_PROVIDER PR1);
	// bought when anyone else does (PR0, PR2-PR5) or the provider is not given. They differ
	// only for foster care with unrelated carers and children's homes.
	own, bought kind
	// fromYear and untilYear bound the collection years the code is valid in, by the
	// calendar year in which the collection year starts (2024 is 2024/25); 0 means no bound.
	fromYear, untilYear int
}

// placeCodes is the mapping of PLACE and PLACE_PROVIDER to placesim's provision kinds: the
// one table scenarios/ssda903/README.md documents. Codes from the DfE's SSDA903 guides and the
// validator rule sets for 2022/23 to 2025/26 (rule 146).
var placeCodes = []placeCode{
	{"A3", "placed for adoption with consent, with current foster carers", otherSettings, otherSettings, 0, 0},
	{"A4", "placed for adoption with consent, not with current foster carers", otherSettings, otherSettings, 0, 0},
	{"A5", "placed for adoption with a placement order, with current foster carers", otherSettings, otherSettings, 0, 0},
	{"A6", "placed for adoption with a placement order, not with current foster carers", otherSettings, otherSettings, 0, 0},
	{"H5", "semi-independent living not subject to children's homes regulations", supportedAccommodation, supportedAccommodation, 0, 2024},
	{"K1", "secure children's home", externalResidential, externalResidential, 0, 0},
	{"K2", "children's home subject to the Children's Homes Regulations", inhouseHome, externalResidential, 0, 0},
	{"K3", "supported accommodation", supportedAccommodation, supportedAccommodation, 2024, 0},
	{"P1", "placed with own parents or others with parental responsibility", otherSettings, otherSettings, 0, 0},
	{"P2", "independent living (flat, lodgings, bedsit, B&B, with friends)", supportedAccommodation, supportedAccommodation, 0, 2024},
	{"P3", "residential employment", otherSettings, otherSettings, 0, 0},
	{"R1", "residential care home", otherSettings, otherSettings, 0, 0},
	{"R2", "NHS or health trust establishment giving medical or nursing care", otherSettings, otherSettings, 0, 0},
	{"R3", "family centre or mother and baby unit", otherSettings, otherSettings, 0, 0},
	{"R5", "young offender institution or prison", otherSettings, otherSettings, 0, 0},
	{"S1", "residential school (not dual-registered as a children's home)", externalResidential, externalResidential, 0, 0},
	{"T0", "temporary move of any kind", noKind, noKind, 0, 0},
	{"T1", "temporary period in hospital", noKind, noKind, 0, 0},
	{"T2", "temporary absence on holiday", noKind, noKind, 0, 0},
	{"T3", "temporary placement while the foster carers are on holiday", noKind, noKind, 0, 0},
	{"T4", "temporary placement of seven days or less", noKind, noKind, 0, 0},
	{"U1", "foster care with relatives or friends: long-term", kinship, kinship, 0, 0},
	{"U2", "foster care with relatives or friends who are approved adopters (fostering for adoption)", kinship, kinship, 0, 0},
	{"U3", "foster care with relatives or friends: other", kinship, kinship, 0, 0},
	{"U4", "foster care with other carers: long-term", inhouseFoster, ifa, 0, 0},
	{"U5", "foster care with other carers who are approved adopters (fostering for adoption)", inhouseFoster, ifa, 0, 0},
	{"U6", "foster care with other carers: other", inhouseFoster, ifa, 0, 0},
	{"Z1", "other placement (on the schedule sent to the DfE)", otherSettings, otherSettings, 0, 2024},
	{"Z11", "other placement (Z1 split from 2025/26)", otherSettings, otherSettings, 2025, 0},
	{"Z12", "other placement (Z1 split from 2025/26)", otherSettings, otherSettings, 2025, 0},
	{"Z13", "other placement (Z1 split from 2025/26)", otherSettings, otherSettings, 2025, 0},
	{"Z14", "other placement (Z1 split from 2025/26)", otherSettings, otherSettings, 2025, 0},
}

// unknownPlace is the kind of a PLACE code the table does not know: other settings, reported
// in the data-quality report.
const unknownPlace = otherSettings

// lookupPlace returns the entry of code, or nil.
func lookupPlace(code string) *placeCode {
	for i := range placeCodes {
		if placeCodes[i].code == code {
			return &placeCodes[i]
		}
	}
	return nil
}

// Placement providers (PLACE_PROVIDER).
const (
	providerOwn = "PR1" // the council's own provision
)

// providers are the valid PLACE_PROVIDER codes: PR0 parents, PR1 the council, PR2 another
// council, PR3 another public body, PR4 private, PR5 voluntary or third sector.
var providers = []string{"PR0", "PR1", "PR2", "PR3", "PR4", "PR5"}

// route is how a period of care ends, in placesim's vocabulary.
type route uint8

// The routes; the first five are model.ExitRoute's routes before 18, in the same order.
const (
	returnHome route = iota
	adoption
	sgo
	cao
	otherExit
	age18
	stayingPut
	numRoutes
)

var routeNames = [numRoutes]string{"return_home", "adoption", "sgo", "cao", "other", "age_18", "staying_put"}

func (r route) String() string { return routeNames[r] }

// recCode is one REC (reason episode ceased) code.
type recCode struct {
	code  string
	label string
	// before18 is the route of a period that ends this way before the 18th birthday; a period
	// ending on or after it (within eighteenTolerance days) ends at 18, or by staying put
	// for E17.
	before18 route
}

// recCodes maps REC codes to exit routes. Codes from the DfE's SSDA903 guides and the
// validator rule sets (rule 149); E4, E43 and E44 are the codes used before E4A/E4B and
// E45-E48 split them, still met in older returns. X1 ends an episode but not the period.
var recCodes = []recCode{
	{"E11", "adopted: application unopposed", adoption},
	{"E12", "adopted: consent dispensed with by the court", adoption},
	{"E13", "left care to live with parents, relatives or others with no parental responsibility", returnHome},
	{"E14", "accommodation on remand ended", otherExit},
	{"E15", "age assessment found the child to be 18 or over", otherExit},
	{"E16", "child moved abroad", otherExit},
	{"E17", "aged 18 or over and remained with current carers (staying put)", otherExit},
	{"E2", "died", otherExit},
	{"E3", "care taken by another local authority", otherExit},
	{"E4", "returned home to parents or others with parental responsibility (before 2014/15)", returnHome},
	{"E4A", "returned home to parents or others with parental responsibility, as part of the care plan", returnHome},
	{"E4B", "returned home to parents or others with parental responsibility, not as part of the care plan", returnHome},
	{"E41", "residence order or child arrangements order", cao},
	{"E43", "special guardianship order to former foster carers (before 2015/16)", sgo},
	{"E44", "special guardianship order to other carers (before 2015/16)", sgo},
	{"E45", "special guardianship order to former foster carers who are relatives or friends", sgo},
	{"E46", "special guardianship order to former foster carers who are not relatives or friends", sgo},
	{"E47", "special guardianship order to other carers who are relatives or friends", sgo},
	{"E48", "special guardianship order to other carers who are not relatives or friends", sgo},
	{"E5", "independent living with formal advice or support", otherExit},
	{"E6", "independent living without formal advice or support", otherExit},
	{"E7", "transferred to residential care funded by adult social care", otherExit},
	{"E8", "any other reason", otherExit},
	{"E9", "sentenced to custody", otherExit},
}

// recContinues is the REC code of an episode after which the period of care goes on.
const recContinues = "X1"

// recStayingPut is the REC code of a young person who turned 18 and stayed with their carers.
const recStayingPut = "E17"

// eighteenTolerance is how many days before the 18th birthday a period may end and still
// count as ending at 18: councils often record the last day before the birthday.
const eighteenTolerance = 14

func lookupREC(code string) *recCode {
	for i := range recCodes {
		if recCodes[i].code == code {
			return &recCodes[i]
		}
	}
	return nil
}

// Legal status codes (LS). V3 and V4 are short breaks (respite): such children are not
// counted as looked after in the DfE's figures, and their episodes are left out.
var (
	legalStatuses = []string{"C1", "C2", "D1", "E1", "J1", "J2", "J3", "L1", "L2", "L3", "V2", "V3", "V4"}
	shortBreaks   = []string{"V3", "V4"}
)

// Reasons for a new episode (RNE): S started to be looked after, L change of legal status
// only, P change of placement and carer, T change of legal status and of placement and
// carer, U change of placement status with the same carer, B change of legal status and of
// placement status with the same carer. P and T are moves to a new carer.
var (
	newEpisodeReasons = []string{"S", "L", "P", "T", "U", "B"}
	moveReasons       = []string{"P", "T"}
)

// code normalises a code as read: trimmed and upper case.
func code(s string) string {
	s = strings.TrimSpace(s)
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' {
			return strings.ToUpper(s)
		}
	}
	return s
}

func isShortBreak(ls string) bool { return slices.Contains(shortBreaks, ls) }
func isMove(rne string) bool      { return slices.Contains(moveReasons, rne) }

// isCode reports whether s is a code of one of the SSDA903 code lists this package reads
// (PLACE, PLACE_PROVIDER, REC, LS, RNE), in any column: such a value may be shown in a
// report, where any other value of a file may not.
func isCode(s string) bool {
	return lookupPlace(s) != nil || lookupREC(s) != nil || s == recContinues ||
		slices.Contains(providers, s) || slices.Contains(legalStatuses, s) || slices.Contains(newEpisodeReasons, s)
}
