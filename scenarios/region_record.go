package scenarios

import (
	"encoding/json"
	"fmt"
	"strings"
)

// RegionRecordName reports whether data is the region.json a region's run writes (the record
// of what the run resolved: its format, its region and its councils' scenarios), and the
// region it records. Such a file, under any name, is neither a scenario nor a region file, and
// read as either would be refused field by field for what it is not.
func RegionRecordName(data []byte) (string, bool) {
	var rec struct {
		Format json.RawMessage `json:"format"`
		Region *struct {
			Name string `json:"name"`
		} `json:"region"`
		CouncilScenarios json.RawMessage `json:"council_scenarios"`
	}
	if json.Unmarshal(data, &rec) != nil || rec.Format == nil || rec.Region == nil || rec.Region.Name == "" || rec.CouncilScenarios == nil {
		return "", false
	}
	return rec.Region.Name, true
}

// regionRecordError is the one error of file src, data, when it is a region's run's
// region.json (RegionRecordName); nil when it is not.
func regionRecordError(data []byte, src source) error {
	name, ok := RegionRecordName(data)
	if !ok {
		return nil
	}
	return &Error{File: src.label, Message: RegionRecordMessage(name)}
}

// RegionRecordMessage says that a file is the record of region name's run, not a file to run,
// and how to run the region again.
func RegionRecordMessage(name string) string {
	return fmt.Sprintf("the record of region %q's run (the region.json placesim run writes), not a scenario or region file: "+
		"run the region again from its region file or built-in name, with the seed, replications, percentiles, --set changes (sets) and --all-kpis (all_kpis) the run's manifest.json records, "+
		"and the --formats, --charts and --council-charts its files show", name)
}

// regionRecordGiven says that ref, which an extends or a council's scenario names, is the
// region.json of region name's run, which is read neither as a scenario nor as a region: what
// to name instead, a region file or a built-in region when forRegion (a region file's
// extends), a scenario otherwise.
func regionRecordGiven(ref, name string, forRegion bool) string {
	what := "a scenario: name a scenario file or a built-in scenario (a council's scenario as run is the scenario.yaml of its folder beside the record)"
	if forRegion {
		what = "a region file: extend a region file or a built-in region (built-in regions: " + strings.Join(regionNames(), ", ") + ")"
	}
	return fmt.Sprintf("%s is the record of region %q's run (the region.json placesim run writes), not %s", ref, name, what)
}
