using Grpc.Core;
using Ingest.Protocol;
using Ingest.SensorSimulator.Faults;
using Polly.CircuitBreaker;

namespace Ingest.SensorSimulator.Tests.Faults;

public sealed class FaultClassifierTests
{
    [Theory]
    [InlineData(StatusCode.Unavailable)]
    [InlineData(StatusCode.ResourceExhausted)]
    [InlineData(StatusCode.DeadlineExceeded)]
    [InlineData(StatusCode.Internal)]
    [InlineData(StatusCode.Unknown)]
    [InlineData(StatusCode.Aborted)]
    [InlineData(StatusCode.Cancelled)]
    public void Classify_CollectorOrNetworkTrouble_IsTransient(StatusCode status)
    {
        Assert.Equal(FaultKind.Transient, Classify(new RpcException(new Status(status, "")), cancelled: false));
    }

    [Theory]
    [InlineData(StatusCode.InvalidArgument)]
    [InlineData(StatusCode.FailedPrecondition)]
    [InlineData(StatusCode.Unimplemented)]
    public void Classify_RefusalARetryAloneCannotFix_IsMisconfiguration(StatusCode status)
    {
        Assert.Equal(FaultKind.Misconfiguration, Classify(new RpcException(new Status(status, "")), cancelled: false));
    }

    [Theory]
    [InlineData(StatusCode.PermissionDenied)]
    [InlineData(StatusCode.Unauthenticated)]
    public void Classify_RefusedKey_IsKeyRefusedAndNotRetried(StatusCode status)
    {
        var refused = new RpcException(new Status(status, "unknown key"));

        Assert.Equal(FaultKind.KeyRefused, Classify(refused, cancelled: false));
        Assert.True(FaultClassifier.IsKeyRefused(refused));
        Assert.False(FaultClassifier.IsRetried(refused, CancellationToken.None));
    }

    [Fact]
    public void Classify_ConnectionFailures_AreTransient()
    {
        Assert.Equal(FaultKind.Transient, Classify(new IOException("reset"), cancelled: false));
        Assert.Equal(FaultKind.Transient, Classify(new HttpRequestException("refused"), cancelled: false));
        Assert.Equal(FaultKind.Transient, Classify(new BrokenCircuitException(), cancelled: false));
    }

    [Fact]
    public void Classify_OurOwnCancellation_IsNotRetried()
    {
        Assert.Equal(FaultKind.None, Classify(new RpcException(new Status(StatusCode.Cancelled, "")), cancelled: true));
        Assert.Equal(FaultKind.None, Classify(new OperationCanceledException(), cancelled: true));
    }

    [Fact]
    public void Classify_RefusedGreeting_IsMisconfiguration()
    {
        Assert.Equal(FaultKind.Misconfiguration, Classify(new GreetRefusedException("no"), cancelled: false));
    }

    [Theory]
    [InlineData(StatusCode.Unavailable, true)]
    [InlineData(StatusCode.ResourceExhausted, true)]
    [InlineData(StatusCode.DeadlineExceeded, true)]
    [InlineData(StatusCode.Aborted, false)]
    [InlineData(StatusCode.Internal, false)]
    [InlineData(StatusCode.InvalidArgument, false)]
    [InlineData(StatusCode.Unauthenticated, false)]
    public void IsCollectorDown_OnlyUnreachableOrRefusingStatuses(StatusCode status, bool down)
    {
        Assert.Equal(down, FaultClassifier.IsCollectorDown(new RpcException(new Status(status, "")), CancellationToken.None));
    }

    [Fact]
    public void IsCollectorDown_ConnectionFailuresAndAnOpenCircuit_AreDown()
    {
        Assert.True(FaultClassifier.IsCollectorDown(new HttpRequestException("Connection refused"), CancellationToken.None));
        Assert.True(FaultClassifier.IsCollectorDown(new BrokenCircuitException(), CancellationToken.None));
    }

    [Fact]
    public void IsCollectorDown_OurOwnCancellation_IsNot()
    {
        using var stopped = new CancellationTokenSource();
        stopped.Cancel();

        Assert.False(FaultClassifier.IsCollectorDown(new OperationCanceledException(stopped.Token), stopped.Token));
    }

    private static FaultKind Classify(Exception exception, bool cancelled)
    {
        using var source = new CancellationTokenSource();
        if (cancelled)
        {
            source.Cancel();
        }

        return FaultClassifier.Classify(exception, source.Token);
    }
}
