namespace Integrations.Platform.Data.Partitions;

/// <summary>
/// A table range-partitioned by its UUIDv7 id (so by creation time), one partition a week, created ahead by
/// <see cref="TimePartitions"/>. A week is dropped whole once it ended <see cref="Keep"/> ago; when
/// <see cref="KeepLongerWhere"/> is set, the rows it matches stay (the rest of their week is dropped) until
/// <see cref="KeepLongerFor"/>.
/// </summary>
/// <param name="Name">The partitioned table.</param>
/// <param name="Keep">How long every row is kept at least.</param>
/// <param name="KeepLongerWhere">A SQL condition on the table's columns for rows kept longer (failed deliveries).</param>
/// <param name="KeepLongerFor">How long those are kept at least.</param>
public sealed record PartitionedTable(string Name, TimeSpan Keep, string? KeepLongerWhere = null, TimeSpan? KeepLongerFor = null);
