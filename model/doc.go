// Package model holds placesim's domain as plain Go values: children's needs and ages,
// provision kinds and the places behind them (carer households, children's homes, block
// contracts, markets), matching ladders, stays in care and exit routes, costs, dated policy
// interventions, and the Scenario that gathers them.
//
// The package does no I/O and draws no random numbers: the scenarios package builds a
// Scenario from a file, and the sim package runs it. Times inside a run are float64 days since
// the simulation's origin (see Calendar); calendar dates appear only in the Scenario's Start and
// in interventions' dates.
//
// Scenario.Validate reports every problem at once, each by its field path. Every numeric field
// has a finite range (Limits), wide enough for England as a whole and narrow enough that a
// scenario that validates runs in a bounded amount of work (Scenario.EstimateWork).
//
// Scale makes a council a factor as large (its children, carers, homes and capped markets),
// which is how a region file sizes each of its councils to its children in care.
package model
