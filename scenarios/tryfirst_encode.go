package scenarios

import (
	"reflect"
	"slices"

	"gopkg.in/yaml.v3"

	"github.com/placesim/placesim/model"
)

// tryFirstOf returns the rule of try_first, the children who selects trying the kinds first
// first, that makes ladders from a base's ladders base as model.TryFirst makes them, and
// reports whether there is one. The rule is read from ladders' first ladder, which TryFirst
// makes for the first of base's ladders that selects some of those children: its who (the
// base's ladders that select all ages, as the default's and a calibrated council's do, give
// the rule's own) and the shortest start of its try that makes ladders.
func tryFirstOf(base, ladders []model.Ladder) (model.Selector, []model.KindID, bool) {
	if len(ladders) == 0 || reflect.DeepEqual(base, ladders) {
		return model.Selector{}, nil, false
	}
	who := ladders[0].Who
	for k := 1; k <= len(ladders[0].Try); k++ {
		if out, _ := model.TryFirst(base, who, ladders[0].Try[:k]); reflect.DeepEqual(out, ladders) {
			return who, slices.Clone(ladders[0].Try[:k]), true
		}
	}
	return model.Selector{}, nil, false
}

// keepTryFirst writes, in root (a file extending base, as overlay writes it), the ladders of
// the scenario e encodes as try_first over base's, where a rule of try_first makes them
// (tryFirstOf): a file that put kinds first for some children keeps doing so over whatever
// ladders its base gives, rather than replacing them.
func (e *encoder) keepTryFirst(root *yaml.Node, base *model.Scenario) {
	who, first, ok := tryFirstOf(base.Ladders, e.s.Ladders)
	if !ok || root.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value != "ladders" {
			continue
		}
		it := e.obj("try_first[0]", false).sub("who", e.selector("try_first[0].who", who)).list("try", e.kindList(first))
		root.Content[i] = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "try_first", HeadComment: commentLines(e.sections["try_first"])}
		root.Content[i+1] = seq(false, it.n)
		return
	}
}
