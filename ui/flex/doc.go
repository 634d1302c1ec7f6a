// Package flex is the flex-time screen: a week of flex blocks, the
// chosen block's placements (suggested from the class's positions, moved
// by hand, saved), its attendance and quick outcomes, and its rosters
// saved as a picture.
package flex
