// Package shard is the format of a shard directory, the share of a run's replications that
// one process runs (placesim run --shard I/N) for placesim merge to combine: which
// replications a shard holds (Spec), its shard.json (Info: Encode, Parse and its checks), its
// replications.bin (WriteReplications, ReadReplications), and the rules by which shards make
// one run together (Check).
//
// Shard I of N runs replications [I·reps/N, (I+1)·reps/N), so the shards of a run cover it
// exactly once. replications.bin holds each replication in order as its number, its KPIs
// (period by period) and its monthly record packed as a run keeps it (only the metrics that
// moved, a constant once, whole numbers as int16s; see WriteReplications); shard.json records
// its SHA-256 and length. A merge reads each replication's months where they lie, through a
// sim.PackedStore (Record says where).
//
// Nothing here touches files: the command line reads and writes them and hands over their
// bytes, readers and writers, with the names that errors give. Every error names the file,
// and for shard.json the line, column and field, as "shard.json:7:3: reps: must be at least
// 1, not 0"; a shard.json that no run of placesim writes is refused with every problem at
// once.
package shard
