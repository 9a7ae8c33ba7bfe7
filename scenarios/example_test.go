package scenarios_test

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
)

// Load reads a built-in scenario by name (or a file by path) and applies --set overrides,
// "PATH=VALUE", after everything it extends. The scenario comes back validated.
func ExampleLoad() {
	s, err := scenarios.Load("default", []string{"entries.per_year=300", "years=5"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Name, s.Years, s.Entries.PerYear)

	// An override that does not parse is reported against the --set that gave it.
	_, err = scenarios.Load("default", []string{"entries.per_year=lots"})
	fmt.Println(err)
	// Output:
	// default 5 300
	// --set entries.per_year=lots: entries.per_year: must be a number
}

// Parse reads a scenario from any io.Reader; the file name is for errors and gives the
// scenario its name when the file has none. Durations and sums of money may carry their
// units.
func ExampleParse() {
	const file = `
start: 2026-04-01
years: 2
entries:
  per_year: 40
  ages: [{ages: 0-17, share: 1}]
stays:
  - stay: {distribution: exponential, mean_days: 1 year}
    exits: {return_home: 1}
kinds:
  - {name: ifa, category: foster, supply: market, weekly_gbp: "£950"}
ladders:
  - try: [ifa]
`
	s, err := scenarios.Parse(strings.NewReader(file), "tiny.yaml", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Name, s.Start.Format("2006-01-02"), s.Years)
	fmt.Printf("%s: £%.0f a week\n", s.Kinds[0].Name, s.Kinds[0].WeeklyCostGBP[model.NeedStandard])
	fmt.Printf("mean stay: %.2f days\n", s.Stays[0].Stay.MeanDays)
	// Output:
	// tiny 2026-04-01 2
	// ifa: £950 a week
	// mean stay: 365.25 days
}

// Every problem in a file is reported at once, each as file:line:column: field: problem,
// with a suggestion for a misspelt key. The line numbers count from the first line of the
// string, which here is empty.
func ExampleParse_errors() {
	const file = `
extends: default
years: 0
entries:
  per_yaer: 300
`
	_, err := scenarios.Parse(strings.NewReader(file), "bad.yaml", nil)
	fmt.Println(err)

	// Each problem is an *Error, joined with errors.Join, for a program that wants the
	// position of each.
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var se *scenarios.Error
		if errors.As(e, &se) {
			fmt.Printf("line %d, column %d: %s\n", se.Line, se.Column, se.Field)
		}
	}
	// Output:
	// bad.yaml:3:8: years: must be between 1 and 50 years
	// bad.yaml:5:3: entries.per_yaer: unknown key "per_yaer" (did you mean per_year?)
	// line 3, column 8: years
	// line 5, column 3: entries.per_yaer
}

// Builtins lists the scenarios shipped inside the binary: Load and extends call them by
// name.
func ExampleBuiltins() {
	for _, b := range scenarios.Builtins() {
		if b.Name == "default" || b.Name == "erlang" {
			fmt.Println(b.Name, b.File)
		}
	}
	// Output:
	// default default.yaml
	// erlang validation/erlang.yaml
}

// Encode writes a scenario back as a file with everything resolved: what it extends, the
// --set overrides and the defaults. With the comments Resolve keeps, each number still says
// where it came from. Parsing the output gives back the same scenario.
func ExampleEncode() {
	r, err := scenarios.Resolve("recruit-12-net-carers", []string{"entries.per_year=300"})
	if err != nil {
		fmt.Println(err)
		return
	}
	var b strings.Builder
	opt := scenarios.EncodeOptions{Header: "placesim example", Comments: r.Comments}
	if err := scenarios.Encode(&b, r.Scenario, opt); err != nil {
		fmt.Println(err)
		return
	}
	file := b.String()
	for _, line := range strings.Split(file, "\n") {
		if strings.HasPrefix(line, "#") || strings.Contains(line, "--set") || strings.HasPrefix(line, "extends") {
			fmt.Println(line)
		}
	}
	again, err := scenarios.Parse(strings.NewReader(file), "resolved.yaml", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("the same scenario:", reflect.DeepEqual(again, r.Scenario))
	// Output:
	// # yaml-language-server: $schema=https://raw.githubusercontent.com/placesim/placesim/main/scenarios/scenario.schema.json
	// # placesim example
	//   per_year: 300 # --set entries.per_year=300
	// the same scenario: true
}

// ParseDays reads a duration as scenario files write it; a month is a twelfth of 365.25
// days.
func ExampleParseDays() {
	for _, d := range []string{"273", "39 weeks", "8 months", "2 years"} {
		days, err := scenarios.ParseDays(d)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(d, "=", days, "days")
	}
	_, err := scenarios.ParseDays("8 fortnights")
	fmt.Println(err)
	// Output:
	// 273 = 273 days
	// 39 weeks = 273 days
	// 8 months = 243.5 days
	// 2 years = 730.5 days
	// unknown unit "fortnights" in "8 fortnights" (want days, weeks, months or years)
}

// ParseGBP reads a sum of money as scenario files write it, exactly to the decimal written.
func ExampleParseGBP() {
	for _, m := range []string{"650", "£12,000", "£1.1m", "£40k"} {
		gbp, err := scenarios.ParseGBP(m)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s = %.0f pounds\n", m, gbp)
	}
	// Output:
	// 650 = 650 pounds
	// £12,000 = 12000 pounds
	// £1.1m = 1100000 pounds
	// £40k = 40000 pounds
}

// Nearest is the did-you-mean of errors: the choice within two edits of what was typed.
func ExampleNearest() {
	kinds := []string{"inhouse_foster", "ifa", "external_residential"}
	fmt.Printf("%q\n", scenarios.Nearest("inhouse_fostr", kinds))
	fmt.Printf("%q\n", scenarios.Nearest("residential", kinds))
	// Output:
	// "inhouse_foster"
	// ""
}
