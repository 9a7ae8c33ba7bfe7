package sim

import (
	"reflect"

	"github.com/placesim/placesim/model"
)

// A region's councils are most often one scenario scaled to each council's size (the built-in
// South East and England are the county's, council by council), so that most of what each
// council's run reads and never writes, its ladders, its stays' distributions, its calendar,
// the layout of its records, is the same from one council to the next. Held once, that is
// read from the processor's caches by every council's events in turn, where fourteen copies
// of it, one a council, crowd out of the caches what each council's events last read. The
// tables are read only once compiled (replications running side by side already share
// them), so holding one copy changes no result.

// shareScenario points the slices of council scenario s that are equal to those of first, a
// scenario of the same region, at first's, before s is compiled. It changes nothing s holds.
func shareScenario(s, first *model.Scenario) {
	alias(&s.Stays, first.Stays)
	alias(&s.StockStays, first.StockStays)
	alias(&s.Ladders, first.Ladders)
	alias(&s.Entries.Ages, first.Entries.Ages)
	alias(&s.UASC.Ages, first.UASC.Ages)
}

// shareTables points the tables of council c's compiled scenario that are equal to those of
// first, a council of the same region compiled before it, at first's.
func shareTables(c, first *compiled) {
	alias(&c.cal, first.cal)
	alias(&c.stays, first.stays)
	alias(&c.stockStays, first.stockStays)
	alias(&c.stockKinds, first.stockKinds)
	alias(&c.stayingPut, first.stayingPut)
	alias(&c.careLeave, first.careLeave)
	alias(&c.entryNeed, first.entryNeed)
	alias(&c.uascNeed, first.uascNeed)
	alias(&c.finite, first.finite)
	alias(&c.carerKind, first.carerKind)
	alias(&c.churn, first.churn)
	alias(&c.monthFactor, first.monthFactor)
	alias(&c.entryRate, first.entryRate)
	alias(&c.progMonth, first.progMonth)
	alias(&c.oneOffMonth, first.oneOffMonth)
	alias(&c.lay, first.lay)
	alias(&c.gapIndex, first.gapIndex)
	alias(&c.gapCells, first.gapCells)
}

// alias sets *dst to src when they hold the same values (a slice, or a struct of slices,
// then shares src's arrays).
func alias[T any](dst *T, src T) {
	if reflect.DeepEqual(*dst, src) {
		*dst = src
	}
}
