package main

import (
	"io"

	"github.com/placesim/placesim/scenarios"
	"github.com/urfave/cli/v2"
)

// schemaCommand returns the schema command, which writes the JSON Schema of scenario files, or
// with --region that of region files.
func schemaCommand(stdout io.Writer, onUsage cli.OnUsageErrorFunc) *cli.Command {
	return &cli.Command{
		Name:  "schema",
		Usage: "write the JSON Schema of scenario files (--region: of region files), for editors",
		Description: "schema writes on stdout the JSON Schema (draft-07) of scenario files: every key, with its\n" +
			"unit, default, range and meaning, so that an editor completes and checks keys as they are\n" +
			"typed. Files placesim writes begin with the line\n\n" +
			"   " + scenarios.SchemaComment + "\n\n" +
			"which VS Code (with Red Hat's YAML extension) and other editors built on\n" +
			"yaml-language-server follow. To use this build's schema offline, write it to a file and\n" +
			"name it instead: placesim schema > scenario.schema.json, then begin a scenario with\n" +
			"'# yaml-language-server: $schema=./scenario.schema.json' (a path relative to the file),\n" +
			"or map it in VS Code's settings: \"yaml.schemas\": {\"./scenario.schema.json\": \"scenarios/*.yaml\"}.\n\n" +
			"With --region it writes the schema of region files instead, which a region file names\n" +
			"by its first line\n\n" +
			"   # yaml-language-server: $schema=" + scenarios.RegionSchemaURL + "\n\n" +
			"or, offline: placesim schema --region > region.schema.json, and\n" +
			"'# yaml-language-server: $schema=./region.schema.json'.",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "region", Usage: "write the JSON Schema of region files, not of scenario files"},
		},
		OnUsageError: onUsage,
		Action: func(c *cli.Context) error {
			if err := noArguments(c); err != nil {
				return err
			}
			if c.Bool("region") {
				return scenarios.WriteRegionSchema(stdout)
			}
			return scenarios.WriteSchema(stdout)
		},
	}
}
