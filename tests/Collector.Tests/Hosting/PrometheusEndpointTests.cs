using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Ingest.Collector.Tests.Infrastructure;

namespace Ingest.Collector.Tests.Hosting;

/// <summary>The Prometheus scrape endpoint on its own HTTP/1.1 port of a collector on real Kestrel, open and keyed.</summary>
public sealed class PrometheusEndpointTests
{
    private int _metricsPort;

    [Fact]
    public async Task Scrape_Open_ServesIngestAndRuntimeMetricsInPrometheusText()
    {
        using var collector = Start(access: "Open");
        using var client = new HttpClient();

        using var response = await client.GetAsync(MetricsUrl);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("# TYPE ingest_storage_serving gauge", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE ingest_commit_queue_depth gauge", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE dotnet_gc_collections_total counter", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE dotnet_thread_pool_threads gauge", text, StringComparison.Ordinal);
        Assert.DoesNotContain("dotnet_thread_pool_thread_count", text, StringComparison.Ordinal);
        Assert.Contains("service_name=\"ingest-collector\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_OtherPathOnTheMetricsPort_IsNotFound()
    {
        using var collector = Start(access: "Open");
        using var client = new HttpClient();

        using var response = await client.GetAsync($"http://127.0.0.1:{_metricsPort}/other");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("no-such-key", HttpStatusCode.Unauthorized)]
    [InlineData(TestKeys.Sensor, HttpStatusCode.Forbidden)]
    [InlineData(TestKeys.Viewer, HttpStatusCode.OK)]
    [InlineData(TestKeys.Admin, HttpStatusCode.OK)]
    public async Task Scrape_Keyed_WantsAViewerOrAdminKey(string? key, HttpStatusCode expected)
    {
        using var collector = Start(access: "Key");
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, MetricsUrl);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Unauthorized)
        {
            Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        }
    }

    private string MetricsUrl => $"http://127.0.0.1:{_metricsPort}/metrics";

    private CollectorFactory Start(string access) => FreePorts.StartKestrel(() =>
    {
        _metricsPort = FreePorts.Next();
        return new CollectorFactory()
            .With("Collector:Port", FreePorts.Next().ToString(CultureInfo.InvariantCulture))
            .With("Collector:Metrics:PrometheusEnabled", "true")
            .With("Collector:Metrics:PrometheusPort", _metricsPort.ToString(CultureInfo.InvariantCulture))
            .With("Collector:Security:Metrics", access);
    });
}
