package scenarios

import (
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/placesim/placesim/model"
)

// RegionSchemaURL is where the JSON Schema of region files is published: the file
// scenarios/region.schema.json of placesim's main branch, which WriteRegionSchema writes and a
// test keeps up to date. A region file that begins with the line
//
//	# yaml-language-server: $schema=https://raw.githubusercontent.com/placesim/placesim/main/scenarios/region.schema.json
//
// is completed and checked by editors as it is typed.
const RegionSchemaURL = "https://raw.githubusercontent.com/placesim/placesim/main/scenarios/region.schema.json"

// regionParts are the headings of the reference's Regions section whose field tables describe
// a part of a region file, and the path of that part for each of its tables in order.
var regionParts = map[string][]string{
	"Region top level":      {""},
	"Region zones":          {"zones[]"},
	"Region councils":       {"councils[]"},
	"Region markets":        {"markets[]", "markets[].pricing", "markets[].providers[]"},
	"Region interventions":  {"interventions[]"},
	"Region own placements": {"own_placements[]"},
}

// WriteRegionSchema writes the JSON Schema (draft-07) of region files on w, as WriteSchema
// does for scenario files: every key with its type, its range from model.RegionLimits (and
// model.Limits for a council's interventions) and, from the reference's Regions section, its
// unit, default and meaning. It checks a file's shape and each value's range; what depends on
// several fields (a zone or provider named, a council's scenario) is for placesim validate.
func WriteRegionSchema(w io.Writer) error {
	g := newSchemaGen(regionParts, model.RegionLimits())
	g.scenario = newSchemaGen(referenceParts, model.Limits())
	root := g.object(reflect.TypeFor[fileRegion](), "")
	root["$schema"] = "http://json-schema.org/draft-07/schema#"
	root["$id"] = RegionSchemaURL
	root["title"] = "placesim region"
	root["description"] = "A placesim region: councils sharing one market of places. Reference: " +
		"https://github.com/placesim/placesim/blob/main/scenarios/README.md#regions; check a file with placesim validate."
	root["type"] = "object"
	// start, zones and councils may not be left empty, even over the region extended:
	// validate refuses a null there (no start, no zones, no councils).
	notNullFields(root, "start", "zones", "councils")
	// A region of its own, extending none, gives its start, zones and councils.
	root["if"] = extendsNone
	root["then"] = jobj{
		"required": []string{"start", "zones", "councils"},
		"properties": jobj{
			"start":    jobj{"type": "string", "errorMessage": "start must be given in a region that extends none"},
			"zones":    jobj{"type": "array", "minItems": 1, "errorMessage": "a region that extends none lists at least one zone"},
			"councils": jobj{"type": "array", "minItems": 1, "errorMessage": "a region that extends none lists at least one council"},
		},
	}
	// A region intervention's cost serves no unit a year and rises with each council's
	// inflation: units_per_year and inflation_per_year are a council's alone.
	cost := root["properties"].(jobj)["interventions"].(jobj)["items"].(jobj)["properties"].(jobj)["cost"].(jobj)["properties"].(jobj)
	delete(cost, "units_per_year")
	delete(cost, "inflation_per_year")
	if len(g.missing) > 0 {
		return fmt.Errorf("scenarios: region schema: no description in README.md for %s", strings.Join(g.missing, ", "))
	}
	b, err := json.MarshalIndent(root, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
