namespace Integrations.Testing.Fakes.Ga4;

/// <summary>What a property holds for one date and session source / medium.</summary>
public sealed record FakeGa4Row(DateOnly Date, string Source, string Medium, long Sessions, long TotalUsers, decimal KeyEvents);

/// <summary>A <c>runReport</c> the fake answered: its property, date range and page.</summary>
public sealed record FakeGa4Query(string Property, DateOnly StartDate, DateOnly EndDate, long Offset, long Limit);

/// <summary>A Measurement Protocol hit the fake received: its query's credentials and its JSON body.</summary>
public sealed record FakeMeasurementHit(string? MeasurementId, string? ApiSecret, string Body);
