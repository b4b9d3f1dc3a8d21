using Ingest.Dashboard.Model;
using static Ingest.Dashboard.Tests.Infrastructure.TestData;

namespace Ingest.Dashboard.Tests.Model;

public sealed class RowOrderingTests
{
    private static readonly SensorRow[] Rows =
    [
        SensorRow.First(Window("c", kind: "humidity", status: SensorStatus.Live, last: 5, rate: 10), 20),
        SensorRow.First(Window("a", kind: "pressure", status: SensorStatus.Offline, last: 1, rate: 0), 20),
        SensorRow.First(Window("b", kind: "humidity", status: SensorStatus.Stale, last: 9, rate: 50), 20),
        SensorRow.First(Window("d", kind: "vibration", status: SensorStatus.Live, last: 9, rate: 50), 20),
        SensorRow.First(RejectedOnly("e", kind: "vibration"), 20),
    ];

    [Theory]
    [InlineData(nameof(SortOrder.Id), "a,b,c,d,e")]
    [InlineData(nameof(SortOrder.Kind), "b,c,a,d,e")]
    [InlineData(nameof(SortOrder.Status), "e,a,b,c,d")]
    [InlineData(nameof(SortOrder.Rate), "b,d,c,a,e")]
    [InlineData(nameof(SortOrder.Last), "b,d,c,a,e")]
    public void Sort_OrdersRowsAndBreaksTiesById(string order, string expected)
    {
        var sorted = RowOrdering.Sort(Rows, Enum.Parse<SortOrder>(order));

        Assert.Equal(expected, string.Join(',', sorted.Select(row => row.SensorId)));
    }
}
