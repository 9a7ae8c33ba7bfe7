// Package ssda903 calibrates a placesim scenario from a council's SSDA903 return, the yearly
// return on children looked after that every English council sends to the Department for
// Education, and measures how well such a scenario forecasts.
//
// Read takes the episodes, header and UASC files of one or several years, as councils keep
// them, and cleans them as the established tools do: short breaks left out, each episode
// once (the latest return's), overlapping episodes cut, open episodes as still in care; then
// it joins each child's episodes into periods of care and maps every placement to one of
// placesim's provision kinds (the table in README.md beside this file).
//
// Calibrate estimates, over a window of the data, what the return can say: the entry rate with its
// seasonality and a trend (carried forward only on strong evidence, and shrunk), ages at entry,
// UASC arrivals, time in care by age band (Kaplan-Meier, with open and unfinished periods censored,
// and beyond the times at which enough children are still at risk a tail fitted to the late part of
// the curve: TailFit), exit routes, placement kinds at entry, placement moves, and the children in
// care at the end of the window, on whose next day the scenario starts, with their remaining time
// in care by current age and, where a kind holds enough of an age band, by the kind they are in.
// Its Scenario returns the base scenario (the built-in default) with what the return can say set
// from it, and Notes on each estimate: the number of children behind it, its 90% interval and its
// source. scenarios.Encode, given the base, writes them as a file that extends the base, every note
// a comment beside its number (this package imports model only: placesim calibrate wires the two).
// A Return's Quality.WriteReport writes the data-quality report. Neither file holds a child's
// identifier, date of birth or postcode, nor a count below 5.
//
// Actual counts the children in care by provision kind month by month, and Compare measures
// simulated monthly series against them: the backtest. Calibration.Resamples calibrates the
// scenario again on bootstrap resamples of the return, from the same stock, each with a draw of
// the trend's posterior (a prior of a few per cent a year around none, and the resample's fit)
// and the council's own carers and homes sized from its own counts (the homes for a month of
// the return drawn at random, their beds above or below the usual opening or closing through
// the run), so that the backtest's bands, pooled over them, hold the uncertainty of the
// calibrated rates, the trend and the council's own capacity, and how the children in the
// council's homes vary from month to month. The
// package knows nothing of the simulator: simulated series come in as plain slices.
package ssda903
