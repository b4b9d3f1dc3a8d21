using Google.Protobuf;
using Grpc.Core;
using Ingest.Collector.Tests.Infrastructure;

namespace Ingest.Collector.Tests.Robustness;

/// <summary>
/// Bytes that are not a valid protobuf message, sent to every method: InvalidArgument naming the method (not
/// grpc-dotnet's Unknown with an error in the log), and the collector keeps serving.
/// </summary>
public sealed class MalformedMessageTests : IDisposable
{
    private const int Seed = 20_261_124;
    private readonly LogCapture _logs = new();
    private readonly CollectorFactory _collector;

    public MalformedMessageTests() => _collector = new CollectorFactory().WithLogs(_logs);

    public void Dispose() => _collector.Dispose();

    public static TheoryData<string, string> MethodsAndGarbage()
    {
        var data = new TheoryData<string, string>();
        foreach (var method in RawMethod.All)
        {
            foreach (var garbage in new[] { "random-bytes", "valid-prefix-then-junk", "length-beyond-the-message", "invalid-wire-type" })
            {
                data.Add(method.FullName, garbage);
            }
        }

        return data;
    }

    public static TheoryData<string> Methods()
    {
        var data = new TheoryData<string>();
        foreach (var method in RawMethod.All)
        {
            data.Add(method.FullName);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MethodsAndGarbage))]
    public async Task Call_MalformedMessage_IsInvalidArgumentNamingTheMessage_AndTheCollectorKeepsServing(string methodName, string garbage)
    {
        var method = RawMethod.All.Single(m => m.FullName == methodName);
        var payload = Garbage(method, garbage);
        Assert.ThrowsAny<InvalidProtocolBufferException>(() => method.Parser.ParseFrom(payload));

        var status = await method.CallAsync(_collector.Channel.CreateCallInvoker(), payload);

        Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
        Assert.Contains($"to {method.FullName} could not be deserialized", status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, _collector.Stored.Chunks("sim-wire"));
        await _collector.AssertStillServingAsync();
        _logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Call_KnownFieldWithTheWrongWireType_IsReadAsAnUnknownField_SoTheCallGoesAsWithoutThatField(string methodName)
    {
        var method = RawMethod.All.Single(m => m.FullName == methodName);
        // Field 1 as fixed32: protobuf keeps it as an unknown field, so the request reads as one without field 1.
        var withWrongType = new byte[] { 0x0D, 1, 2, 3, 4 }.Concat(WithoutField1(method)).ToArray();
        var expected = await method.CallAsync(_collector.Channel.CreateCallInvoker(), WithoutField1(method));

        var status = await method.CallAsync(_collector.Channel.CreateCallInvoker(), withWrongType);

        Assert.Equal(expected.StatusCode, status.StatusCode);
        Assert.NotEqual(StatusCode.Unknown, status.StatusCode);
        Assert.NotEqual(StatusCode.Internal, status.StatusCode);
        await _collector.AssertStillServingAsync();
        _logs.AssertNoErrors();
    }

    private static byte[] WithoutField1(RawMethod method)
    {
        var copy = method.Parser.ParseFrom(method.ValidRequest.ToByteArray());
        var field = copy.Descriptor.FindFieldByNumber(1);
        if (field is not null)
        {
            field.Accessor.Clear(copy);
        }

        return copy.ToByteArray();
    }

    private static byte[] Garbage(RawMethod method, string kind)
    {
        var valid = method.ValidRequest.ToByteArray();
        switch (kind)
        {
            case "random-bytes":
            {
                // Random bytes that happen to parse are no test of garbage: draw until the parser refuses them.
                var random = new Random(Seed);
                while (true)
                {
                    var bytes = new byte[random.Next(1, 200)];
                    random.NextBytes(bytes);
                    try
                    {
                        method.Parser.ParseFrom(bytes);
                    }
                    catch (InvalidProtocolBufferException)
                    {
                        return bytes;
                    }
                }
            }

            case "valid-prefix-then-junk":
                // A zero tag names field 0, which no message has.
                return [.. valid, 0x00, 0xDE, 0xAD];
            case "length-beyond-the-message":
                // Field 1, length-delimited, claiming 100 bytes where 3 follow.
                return [0x0A, 100, 1, 2, 3];
            case "invalid-wire-type":
                // Wire type 7 does not exist.
                return [.. valid, 0x0F, 0x01];
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }
}
