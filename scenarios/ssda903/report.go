package ssda903

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// WriteReport writes the data-quality report of a return in Markdown: the files read, the
// rows dropped and changed and why, codes not in the code lists, the periods of care built,
// and the estimates resting on fewer than ThinChildren children. Counts of 1 to 4 are shown
// as "fewer than 5"; the report names no child.
func (q *Quality) WriteReport(w io.Writer) error {
	b := bufio.NewWriter(w)
	la := q.LA
	if la == "" {
		la = "one council"
	}
	fmt.Fprintf(b, "# Data quality of the SSDA903 return: %s\n\n", la)
	if q.Window != "" {
		fmt.Fprintf(b, "Calibration window: %s. ", q.Window)
	}
	b.WriteString("Counts from 1 to 4 are shown as \"fewer than 5\", and those of a group the scenario writes \"about\" the nearest 5 (its notes on time in care say why) are written so here too.\n\n")

	b.WriteString("## Files\n\n| file | table | rows | rows of other councils | sha256 |\n|---|---|---:|---:|---|\n")
	hideRows, hideOther := coveredFiles(q.Files)
	for i, f := range q.Files {
		rows, other := small(f.Rows), small(f.OtherCouncils)
		if hideRows[i] {
			rows = "not shown"
		}
		if hideOther[i] {
			other = "not shown"
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", mdEscape(BaseName(f.Name)), f.Kind, rows, other, f.SHA256)
	}
	if slices.Contains(hideRows, true) || slices.Contains(hideOther, true) {
		b.WriteString("\nA file's rows less its rows of other councils are its rows of this council, and the episodes files' together are the episode rows read (below): where such a count or one beside it is fewer than 5, the counts \"not shown\" are hidden so that it cannot be worked out from the others.\n")
	}
	if q.Order != "" {
		fmt.Fprintf(b, "\n%s\n", mdEscape(q.Order))
	}
	if n := len(q.Councils) + q.UnnamedCouncils; n > 1 {
		fmt.Fprintf(b, "\nThe files hold %d councils (%s); only %s's rows are read.\n", n, q.councilList(), la)
	}

	b.WriteString("\n## Episodes read, dropped and changed\n\n| episode rows | children | what |\n|---:|---:|---|\n")
	covered := coveredSteps(q.Steps)
	for i, s := range q.Steps {
		what := s.What
		switch s.Kind {
		case "drop":
			what = "dropped: " + what
			if s.First != "" {
				what += " (the first at " + s.First + ")"
			}
		case "change":
			what = "changed: " + what
		}
		children := ""
		if s.Children > 0 {
			children = small(s.Children)
		}
		rows := small(s.Rows)
		if covered[i] {
			rows = "not shown"
		}
		fmt.Fprintf(b, "| %s | %s | %s |\n", rows, children, what)
	}
	if slices.Contains(covered, true) {
		b.WriteString("\nThe rows read less those dropped are those used: beside a drop of fewer than 5 rows, the rows \"not shown\" are hidden so that it cannot be worked out from the others.\n")
	}

	b.WriteString("\n## Codes\n\n")
	if len(q.Codes) == 0 {
		b.WriteString("Every code in the episodes is one the code lists know, used in the years it is valid.\n")
	} else {
		b.WriteString("Codes the code lists do not know, or used outside the collection years they are valid in:\n\n| column | code | episode rows | finding |\n|---|---|---:|---|\n")
		for _, c := range q.Codes {
			code := c.Code
			switch {
			case c.Hidden:
				code = "(values in no code list, not shown)"
			case code == "":
				code = "(empty)"
			}
			fmt.Fprintf(b, "| %s | %s | %s | %s |\n", c.Column, mdEscape(code), small(c.Rows), c.Finding)
		}
	}

	b.WriteString("\n## Periods of care\n\n")
	fmt.Fprintf(b, "- %s built from the episodes;\n", countText(q.Periods, "periods of care"))
	fmt.Fprintf(b, "- %s already under way when the data begin (the first episode in the data does not start a period): counted in the stock and in remaining times in care, and those not UASC in times in care at entry with their start imputed, not in entries;\n", small(q.UnderWay))
	if q.Unopened > 0 {
		fmt.Fprintf(b, "- %s began after a gap in a child's episodes (not after a reason for leaving care) with an episode that does not open a period (its RNE not S, as though the period went on: an episode missing from the return, or a date mistyped): counted as entries into care on the day they begin", small(q.Unopened))
		var of []string
		if q.Window != "" {
			of = append(of, small(q.UnopenedInWindow)+" of them entries of the calibration window")
		}
		if q.UnopenedDropped > 0 {
			of = append(of, small(q.UnopenedDropped)+" of them at a gap left by an episode dropped for ending before it starts")
		}
		if len(of) > 0 {
			fmt.Fprintf(b, " (%s)", strings.Join(of, "; "))
		}
		b.WriteString(";\n")
	}
	fmt.Fprintf(b, "- %s still open at the end of the data;\n", small(q.Open))
	fmt.Fprintf(b, "- %s ended without a reason (REC X1 or empty with no episode after it, or a gap before the next): counted as censored where they end", small(q.Lost))
	if q.Gaps > 0 {
		fmt.Fprintf(b, " (%s of them at a gap)", small(q.Gaps))
	}
	b.WriteString(".\n")
	if len(q.Notes) > 0 || q.NoUASCFile {
		b.WriteString("\n## Other findings\n\n")
		if q.NoUASCFile {
			b.WriteString("- No UASC file was given: unaccompanied asylum-seeking children cannot be told apart from the other children, and are counted with them in the entries, the stock and the times in care; the scenario has no UASC arrivals.\n")
		}
		for _, n := range q.Notes {
			fmt.Fprintf(b, "- %s: %s.\n", upperFirst(n.What), small(n.Rows))
		}
	}

	if q.Trend != "" {
		fmt.Fprintf(b, "\n## Trend of entries\n\n%s\n", q.Trend)
	}

	if q.Stock != "" {
		fmt.Fprintf(b, "\n## Children in care at the start\n\n%s\n", q.Stock)
	}

	if q.Homes != "" {
		fmt.Fprintf(b, "\n## The council's own homes\n\n%s\n", q.Homes)
	}
	if q.Growth != "" {
		fmt.Fprintf(b, "\n## Growth of the council's carers and homes\n\n%s", q.Growth)
	}
	if len(q.Capped) > 0 {
		b.WriteString("\n## Figures held to a bound\n\nThese figures of the scenario are written at a bound, not as the estimate gave them, and the comment beside each says so")
		if q.Growth != "" {
			b.WriteString(" (the yearly changes held to their limit are under Growth, above)")
		}
		b.WriteString(":\n\n")
		for _, c := range q.Capped {
			fmt.Fprintf(b, "- %s.\n", c)
		}
	}

	if len(q.Tails) > 0 {
		b.WriteString("\n## Time in care beyond the window\n\n")
		b.WriteString("The Kaplan-Meier curves of time in care end at the longest time the window shows, and the tables follow them only as long as at least 10 children are expected at risk, and not beyond the fit's start where the fit lies within the curve's 90% interval at each point beyond it. Beyond the last point written, each table follows a survival curve fitted by maximum likelihood to the late part of the curve (from the day shown, with censoring and delayed entry): an exponential, a constant rate of leaving, unless a Weibull fits better at the 5% level of the likelihood-ratio test, its shape shared by the bands of children who are not UASC. Where the entries show no trend, the tail of each band of children who are not UASC, entering before 16, has its scale set so that the band's mean stay to 18 is the band's days in care in the window over its children entering care in it, or over those leaving it where the two counts differ beyond a steady stock's chance (Little's law, as in a steady council), and the tail says so. Children still in care at 18 leave then. The curves of time in care at entry include the children in care when the window began whose period's start the data show, from their time in care then (delayed entry), and the others in care then who are not UASC, their time in care then imputed several times from the curves (given that it is longer than their first episode in the data, at the rate of entries of the age at entry it implies) with weights adding to one. The gap is the largest difference between the fitted curve and the Kaplan-Meier curve from the fit's start to the last point written (for a fit of the whole curve, the last it was checked against), \"on the curve\" where no point is beyond the fit's start: the fit starts on the curve there, so that no gap is measured; \"at 18\" is the share of the youngest entrants of the band the table keeps in care until their 18th birthday. The children at risk and those leaving before 18 after the fit's start count each child once, as the scenario's notes count the band's children and leavers: a child whose start is imputed in the band of their middle imputation, a child in care at several quarters' starts from the first (the fit weighs them all).\n\n")
		b.WriteString("| estimate | fitted from | children at risk | left before 18 | tail | gap | in care at the last point | at 18 |\n|---|---:|---:|---:|---|---:|---:|---:|\n")
		for _, t := range q.Tails {
			f := t.Fit
			gap := "on the curve"
			if f.GapDays > f.FromDays {
				gap = strconv.FormatFloat(f.Gap, 'f', 3, 64) + " to " + strconv.FormatFloat(f.GapDays, 'f', 0, 64) + " days"
			}
			at18 := "-"
			if !strings.HasPrefix(t.What, "remaining") {
				at18 = strconv.FormatFloat(100*f.AtEighteen, 'f', 1, 64) + "%"
			}
			fmt.Fprintf(b, "| %s | %s days | %s | %s | %s | %s | %s after %s days | %s |\n", t.What, strconv.FormatFloat(f.FromDays, 'f', 0, 64),
				counter{t.About}.small(f.Children), counter{t.About}.small(f.Events), f.describe(), gap,
				strconv.FormatFloat(100*f.Beyond, 'f', 1, 64)+"%", strconv.FormatFloat(f.LastDays, 'f', 0, 64), at18)
		}
	}

	b.WriteString("\n## Estimates resting on fewer than 10 children\n\n")
	if len(q.Thin) == 0 {
		b.WriteString("None.\n")
	} else {
		b.WriteString("| estimate | children | written |\n|---|---:|---|\n")
		for _, t := range q.Thin {
			fmt.Fprintf(b, "| %s | %s | %s |\n", t.What, counter{t.About}.small(t.Children), t.Written)
		}
	}
	return b.Flush()
}

// coveredSteps returns, for each of steps, whether its count of rows is hidden beside the drops
// of 1 to 4 rows, which the rows read less the other drops and those used would give away
// (3,738 read, 574 and 767 dropped and 2,396 used leave 1): the smallest other drops, and
// failing them the rows used, until at least one is hidden beside them and those hidden add up
// to 2*MinChildren-1 or more, so that each drop of 1 to 4 could be any of them.
func coveredSteps(steps []Step) []bool {
	covered := make([]bool, len(steps))
	sum := 0
	var others []int
	used := -1
	for i, s := range steps {
		switch {
		case s.Kind == "drop" && s.Rows > 0 && s.Rows < MinChildren:
			sum += s.Rows
		case s.Kind == "drop":
			others = append(others, i)
		case s.Kind == "read" && i > 0:
			used = i
		}
	}
	if sum == 0 {
		return covered
	}
	slices.SortStableFunc(others, func(a, b int) int { return steps[a].Rows - steps[b].Rows })
	if used >= 0 {
		others = append(others, used)
	}
	n := 0
	for _, i := range others {
		if n > 0 && sum >= 2*MinChildren-1 {
			break
		}
		covered[i] = true
		sum += steps[i].Rows
		n++
	}
	return covered
}

// coveredFiles returns, for each of files, whether its rows and its rows of other councils
// that are not 1 to 4 (written "fewer than 5" all the same) are hidden. A file's rows less its
// rows of other councils are its council's rows, so that where those are 1 to 4 the file's rows
// are hidden, and count as a count of 1 to 4 among the episodes files'. Beside a count of 1 to 4
// among the episodes files' (their rows less their rows of other councils are the episode
// rows read, which the report writes, so that a count of 1 to 4 (a file of 3 rows, or 3 rows of
// another council in a file of 2,000) hidden among shown ones would be that sum less the
// others), the others are hidden too. The smallest other episodes files' rows are hidden beside
// it, or, where none is left, every count of the episodes files, until those hidden could each
// take 3 more or fewer rows for each count of 1 to 4 and still be 5 or more, and more than the
// file's rows of other councils: each count of 1 to 4 could then be any of them. The header and
// UASC files' rows are written in no sum.
func coveredFiles(files []FileSummary) (rows, other []bool) {
	rows, other = make([]bool, len(files)), make([]bool, len(files))
	few := func(n int) bool { return n > 0 && n < MinChildren }
	need := 0
	var covers []int
	for i, f := range files {
		// A file's rows less its rows of other councils are its council's rows: of 1 to 4
		// beside two counts shown, its rows are hidden.
		own := !few(f.Rows) && !few(f.OtherCouncils) && few(f.Rows-f.OtherCouncils)
		if own {
			rows[i] = true
		}
		if f.Kind != episodesFile.String() {
			continue
		}
		if few(f.Rows) || own {
			need += MinChildren - 2
		} else {
			covers = append(covers, i)
		}
		if few(f.OtherCouncils) {
			need += MinChildren - 2
		}
	}
	if need == 0 {
		return rows, other
	}
	slices.SortStableFunc(covers, func(a, b int) int { return files[a].Rows - files[b].Rows })
	slack := 0
	for _, i := range covers {
		if slack >= need {
			return rows, other
		}
		rows[i] = true
		slack += files[i].Rows - max(MinChildren, files[i].OtherCouncils+1)
	}
	if slack >= need {
		return rows, other
	}
	for i, f := range files {
		if f.Kind == episodesFile.String() {
			rows[i], other[i] = !few(f.Rows), !few(f.OtherCouncils)
		}
	}
	return rows, other
}

// hidden reports whether a count is one the outputs never write, 1 to 4 (fewer than
// MinChildren), so that one child is never told apart.
func hidden(n int) bool { return n > 0 && n < MinChildren }

// small writes a count with thousands separators, or "fewer than 5" for 1 to 4.
func small(n int) string {
	if hidden(n) {
		return "fewer than 5"
	}
	return thousands(n)
}

// thousands writes a count with thousands separators, whatever its size.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// countText writes a count with its noun, small counts hidden: a count of one is "fewer than
// 5", as any other from 1 to 4 is.
func countText(n int, many string) string {
	return small(n) + " " + many
}

// upperFirst returns s with its first letter in upper case ("ynys Môn" becomes "Ynys Môn").
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// mdEscape keeps a file name or code from breaking a Markdown table.
func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// describe names a tail and its parameters: "exponential, mean 1.9 years", "Weibull, shape
// 0.72, scale 3.4 years", or that no child left after its start.
func (f TailFit) describe() string {
	yrs := func(d float64) string { return strconv.FormatFloat(d/365.25, 'f', 1, 64) + " years" }
	switch f.Family {
	case "weibull":
		if f.MeanStayDays > 0 {
			return "Weibull, shape " + strconv.FormatFloat(f.Shape, 'f', 2, 64) + ", scale " + yrs(f.ScaleDays) + " (set for a mean stay to 18 of " + yrs(f.MeanStayDays) + ")"
		}
		return "Weibull, shape " + strconv.FormatFloat(f.Shape, 'f', 2, 64) + ", scale " + yrs(f.ScaleDays)
	case "exponential":
		if f.MeanStayDays > 0 {
			return "exponential, mean " + yrs(f.ScaleDays) + " (set for a mean stay to 18 of " + yrs(f.MeanStayDays) + ")"
		}
		return "exponential, mean " + yrs(f.ScaleDays)
	}
	return "none left after it: in care until 18"
}
