// Hand-made tunes whose music figures are worked out by hand, shared by the music tests.

/** AABB jig in G, 6/8: two 4-bar parts, each repeated -> 16 played bars, ends on G. */
export const JIG = `X:1
T:The Test Jig
M:6/8
L:1/8
K:Gmaj
|:GAB dBG|ABc BAG|FGA DEF|G3 G3:|
|:Bcd gdB|cde dcB|ABc FGA|G3 G3:|`;

/** The same jig with a one-quaver pickup to each part, made up in each part's last bar: 16 bars. */
export const JIG_PICKUP = `X:2
T:The Pickup Jig
M:6/8
L:1/8
K:Gmaj
|:D|GAB dBG|ABc BAG|FGA DEF|G3 G2:|
|:d|Bcd gdB|cde dcB|ABc FGA|G3 G2:|`;

/** Nine bars of 4/4 in D, no repeats, ending on E: 9 bars, not regular, not on the tonic. */
export const FRAGMENT = `X:3
T:Zxqv Blorp
M:4/4
L:1/8
K:Dmaj
DEFG ABcd|dcBA GFED|DEFG ABcd|dcBA GFED|DEFG ABcd|dcBA GFED|DEFG ABcd|dcBA GFED|E8|]`;

/**
 * A reel in C with first and second endings in both parts.
 * A: 3 bars + 1st ending (1 bar), then 3 bars + 2nd ending (1 bar) = 8 bars.
 * B: 1 bar + 1st ending (1 bar), then 1 bar + 2nd ending whose C6 sounds 3/4 of a bar before
 * the closing rest = 3 3/4 bars. Played length 8 + 3 3/4 = 11 3/4 bars; ends on C.
 */
export const ENDINGS = `X:4
T:The Two Endings
M:4/4
L:1/8
K:Cmaj
|:CDEF GABc|cBAG FEDC|EFGA GFED|1 G8:|2 C8||
|:c2B2 A2G2|1 F8:|2 C6 z2|]`;

/** A tune with no music at all: abcjs gives no staff, so it is counted but not measured. */
export const EMPTY = `X:5
T:Empty
M:4/4
L:1/8
K:Cmaj`;

/**
 * The jig as raw ABC that abcjs misreads as written: a `Y:` field before K: starts the music
 * with no key, so the tune is measured from its normal form (same music: 16 bars, ends on G).
 */
export const RAW_JIG = `X: 6
T:The Raw Jig
% a comment
Y:AB
M:6/8
L:1/8
K:G
P:A
|:"G"GAB dBG|"C"ABc BAG|"D"FGA DEF|"G"G3 G3:|
P:B
|:"G"Bcd gdB|"C"cde dcB|"D"ABc FGA|"G"G3 G3:|`;
