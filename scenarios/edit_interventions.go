package scenarios

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// FirstIntervention returns the number of the first of the file's own interventions with
// action, whatever kind it names (or none), or -1 when it has none.
func (d *Document) FirstIntervention(action string) int {
	seq := d.interventions()
	if seq == nil {
		return -1
	}
	for i, it := range seq.Content {
		if a := lookup(it, "action"); a != nil && a.Value == action {
			return i
		}
	}
	return -1
}

// DeleteInterventionField removes field key of intervention i. A key with dots
// ("cost.per_unit_gbp") names a field of a mapping of the intervention, which goes too when
// left empty. A field the intervention does not have, or an i out of range, changes nothing.
func (d *Document) DeleteInterventionField(i int, key string) {
	it := d.interventionNode(i)
	if it == nil {
		return
	}
	keys := strings.Split(key, ".")
	maps := []*yaml.Node{it}
	for _, k := range keys[:len(keys)-1] {
		if it = lookup(it, k); it == nil || it.Kind != yaml.MappingNode {
			return
		}
		maps = append(maps, it)
	}
	deleteKey(it, keys[len(keys)-1])
	for j := len(maps) - 1; j > 0 && len(maps[j].Content) == 0; j-- {
		deleteKey(maps[j-1], keys[j-1])
	}
}

// InterventionWho returns the ages and needs of the who of intervention i as the file writes
// them ("12-15"; "complex", "solo"; empty when left out), and whether it has a who.
func (d *Document) InterventionWho(i int) (ages string, needs []string, ok bool) {
	who := lookup(d.interventionNode(i), "who")
	if who == nil {
		return "", nil, false
	}
	if a := lookup(who, "ages"); a != nil && a.Kind == yaml.ScalarNode {
		ages = a.Value
	}
	switch n := lookup(who, "needs"); {
	case n == nil:
	case n.Kind == yaml.ScalarNode:
		needs = []string{n.Value}
	case n.Kind == yaml.SequenceNode:
		for _, it := range n.Content {
			needs = append(needs, it.Value)
		}
	}
	return ages, needs, true
}

// SetInterventionWho sets the ages and needs of the who of intervention i, written on one line
// as a person writes it (who: {ages: 12-15, needs: [complex]}); its other fields, and its note,
// are kept. An empty ages or needs is left out (every age, every need), and the who goes when
// it is left empty. An i out of range changes nothing.
func (d *Document) SetInterventionWho(i int, ages string, needs []string) {
	it := d.interventionNode(i)
	if it == nil {
		return
	}
	who := lookup(it, "who")
	if who == nil || who.Kind != yaml.MappingNode {
		if ages == "" && len(needs) == 0 {
			deleteKey(it, "who")
			return
		}
		who = ensureKey(it, "who", yaml.MappingNode)
		who.Style = yaml.FlowStyle
	}
	if ages == "" {
		deleteKey(who, "ages")
	} else {
		setScalar(ensureKey(who, "ages", yaml.ScalarNode), ages)
	}
	if len(needs) == 0 {
		deleteKey(who, "needs")
	} else {
		list := ensureKey(who, "needs", yaml.SequenceNode)
		list.Style, list.Content = yaml.FlowStyle, nil
		for _, n := range needs {
			list.Content = append(list.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: n})
		}
	}
	if len(who.Content) == 0 {
		deleteKey(it, "who")
	}
}
